#include "core/config/jsonbindreader.h"

#include "core/config/bindbuilder.h"
#include "core/config/engineoptions.h"
#include "core/config/python/pythonliteralparser.h"
#include "core/config/python/pythontokenizer.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonParseError>

namespace {

using Kind = PythonValue::Kind;

const PythonValue *member(const PythonValue &object, const QString &key)
{
    const PythonValue *found = nullptr;
    for (size_t k = 0; k < object.keys.size(); ++k) {
        if (object.keys.at(k).isString() && object.keys.at(k).text == key)
            found = &object.items.at(k); // the last one wins, as in most JSON readers
    }
    return found;
}

const QString kFlaskUri = QStringLiteral("SQLALCHEMY_DATABASE_URI");
const QString kFlaskBinds = QStringLiteral("SQLALCHEMY_BINDS");
const QString kFlaskOptions = QStringLiteral("SQLALCHEMY_ENGINE_OPTIONS");
const QString kBinds = QStringLiteral("binds");
const QString kOptions = QStringLiteral("engine_options");

// Qt's reader is the strict judge of what is JSON; the tokenizer below
// then gives each value its line, which Qt's reader does not keep.
QString strictJsonError(const QString &file, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(utf8, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const int offset = qBound(0, parseError.offset, int(utf8.size()));
        const QByteArray before = utf8.left(offset);
        const int line = int(before.count('\n')) + 1;
        const int lineStart = int(before.lastIndexOf('\n')) + 1;
        const int column = int(QString::fromUtf8(before.mid(lineStart)).size()) + 1;
        return QStringLiteral("%1:%2:%3: JSON syntax error: %4")
            .arg(file, QString::number(line), QString::number(column), parseError.errorString());
    }
    if (!document.isObject())
        return QStringLiteral("%1:1:1: a bind file holds a JSON object, like "
                              "{\"default\": \"sqlite:///app.db\"}")
            .arg(file);
    return QString();
}

// The object that text holds, with the line of each value; false with *error
// when it is no object.
bool parseObject(const QString &text, PythonValue *root, PythonTokenizer::Error *error)
{
    QList<PythonTokenizer::Token> tokens;
    if (!PythonTokenizer::tokenize(text, &tokens, error))
        return false;
    int end = 0;
    while (end < tokens.size() && tokens.at(end).kind != PythonTokenizer::Token::Kind::Newline &&
           tokens.at(end).kind != PythonTokenizer::Token::Kind::End)
        ++end;
    PythonLiteralParser parser(text, tokens, PythonLiteralParser::Mode::Json);
    if (parser.parse(0, end, root, error) && root->kind != Kind::Dict)
        *error = {1, 1, QStringLiteral("expected a JSON object")};
    return root->kind == Kind::Dict;
}

// A Flask config file holds many other keys (SECRET_KEY, ...): not ours.
void readFlaskConfig(const PythonValue &root, BindBuilder &builder)
{
    if (const PythonValue *value = member(root, kFlaskOptions))
        builder.setEngineOptions(*value, kFlaskOptions);
    if (const PythonValue *value = member(root, kFlaskUri); value && value->kind != Kind::None)
        builder.addBind(QStringLiteral("default"), *value, kFlaskUri);
    if (const PythonValue *value = member(root, kFlaskBinds); value && value->kind != Kind::None)
        builder.addBinds(*value, kFlaskBinds);
}

void readBindsAndOptions(const PythonValue &root, const PythonValue &binds, BindBuilder &builder)
{
    if (const PythonValue *shared = member(root, kOptions))
        builder.setEngineOptions(*shared, kOptions);
    builder.addBinds(binds, kBinds);
    for (size_t k = 0; k < root.keys.size(); ++k) {
        const QString &key = root.keys.at(k).text;
        if (key != kBinds && key != kOptions)
            builder.warn(root.keys.at(k).line,
                         QStringLiteral("'%1' is not a key of a bind file (binds, "
                                        "engine_options); ignored")
                             .arg(EngineOptions::printable(key)));
    }
}

void readFlatBinds(const PythonValue &root, BindBuilder &builder)
{
    PythonValue flat = root;
    flat.keys.clear();
    flat.items.clear();
    for (size_t k = 0; k < root.keys.size(); ++k) {
        if (root.keys.at(k).text == kOptions)
            continue;
        flat.keys.push_back(root.keys.at(k));
        flat.items.push_back(root.items.at(k));
    }
    if (const PythonValue *shared = member(root, kOptions))
        builder.setEngineOptions(*shared, kOptions);
    builder.addBinds(flat, QString());
}

} // namespace

BindConfig JsonBindReader::read(const QString &file, const QString &text)
{
    BindConfig config;
    if (const QString jsonError = strictJsonError(file, text); !jsonError.isEmpty()) {
        config.setError(jsonError);
        return config;
    }
    PythonValue root;
    PythonTokenizer::Error error;
    if (!parseObject(text, &root, &error)) {
        config.setError(QStringLiteral("%1:%2:%3: %4")
                            .arg(file, QString::number(error.line), QString::number(error.column),
                                 error.message));
        return config;
    }

    BindBuilder builder(&config, file, QFileInfo(file).absolutePath());
    if (member(root, kFlaskUri) || member(root, kFlaskBinds) || member(root, kFlaskOptions))
        readFlaskConfig(root, builder);
    else if (const PythonValue *binds = member(root, kBinds))
        readBindsAndOptions(root, *binds, builder);
    else
        readFlatBinds(root, builder);
    if (config.binds().isEmpty() && config.warnings().isEmpty())
        config.warn(QStringLiteral("%1: defines no bind").arg(file));
    return config;
}
