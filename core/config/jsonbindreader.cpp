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

} // namespace

BindConfig JsonBindReader::read(const QString &file, const QString &text)
{
    BindConfig config;
    // Qt's reader is the strict judge of what is JSON; the tokenizer below
    // then gives each value its line, which Qt's reader does not keep.
    const QByteArray utf8 = text.toUtf8();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(utf8, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const int offset = qBound(0, parseError.offset, int(utf8.size()));
        const QByteArray before = utf8.left(offset);
        const int line = int(before.count('\n')) + 1;
        const int lineStart = int(before.lastIndexOf('\n')) + 1;
        const int column = int(QString::fromUtf8(before.mid(lineStart)).size()) + 1;
        config.setError(QStringLiteral("%1:%2:%3: JSON syntax error: %4")
                            .arg(file, QString::number(line), QString::number(column),
                                 parseError.errorString()));
        return config;
    }
    if (!document.isObject()) {
        config.setError(QStringLiteral("%1:1:1: a bind file holds a JSON object, like "
                                       "{\"default\": \"sqlite:///app.db\"}")
                            .arg(file));
        return config;
    }

    QList<PythonTokenizer::Token> tokens;
    PythonTokenizer::Error error;
    PythonValue root;
    int end = 0;
    if (PythonTokenizer::tokenize(text, &tokens, &error)) {
        while (end < tokens.size() &&
               tokens.at(end).kind != PythonTokenizer::Token::Kind::Newline &&
               tokens.at(end).kind != PythonTokenizer::Token::Kind::End)
            ++end;
        PythonLiteralParser parser(text, tokens, PythonLiteralParser::Mode::Json);
        if (parser.parse(0, end, &root, &error) && root.kind != Kind::Dict) {
            error = {1, 1, QStringLiteral("expected a JSON object")};
            root.kind = Kind::NotLiteral;
        }
    } else {
        root.kind = Kind::NotLiteral;
    }
    if (root.kind != Kind::Dict) {
        config.setError(QStringLiteral("%1:%2:%3: %4")
                            .arg(file, QString::number(error.line), QString::number(error.column),
                                 error.message));
        return config;
    }

    BindBuilder builder(&config, file, QFileInfo(file).absolutePath());
    const QString flaskUri = QStringLiteral("SQLALCHEMY_DATABASE_URI");
    const QString flaskBinds = QStringLiteral("SQLALCHEMY_BINDS");
    const QString flaskOptions = QStringLiteral("SQLALCHEMY_ENGINE_OPTIONS");
    const QString binds = QStringLiteral("binds");
    const QString options = QStringLiteral("engine_options");

    if (member(root, flaskUri) || member(root, flaskBinds) || member(root, flaskOptions)) {
        // A Flask config file holds many other keys (SECRET_KEY, ...): not ours.
        if (const PythonValue *value = member(root, flaskOptions))
            builder.setEngineOptions(*value, flaskOptions);
        if (const PythonValue *value = member(root, flaskUri); value && value->kind != Kind::None)
            builder.addBind(QStringLiteral("default"), *value, flaskUri);
        if (const PythonValue *value = member(root, flaskBinds); value && value->kind != Kind::None)
            builder.addBinds(*value, flaskBinds);
    } else if (const PythonValue *value = member(root, binds)) {
        if (const PythonValue *shared = member(root, options))
            builder.setEngineOptions(*shared, options);
        builder.addBinds(*value, binds);
        for (size_t k = 0; k < root.keys.size(); ++k) {
            const QString &key = root.keys.at(k).text;
            if (key != binds && key != options)
                builder.warn(root.keys.at(k).line,
                             QStringLiteral("'%1' is not a key of a bind file (binds, "
                                            "engine_options); ignored")
                                 .arg(EngineOptions::printable(key)));
        }
    } else {
        PythonValue flat = root;
        flat.keys.clear();
        flat.items.clear();
        for (size_t k = 0; k < root.keys.size(); ++k) {
            if (root.keys.at(k).text == options)
                continue;
            flat.keys.push_back(root.keys.at(k));
            flat.items.push_back(root.items.at(k));
        }
        if (const PythonValue *shared = member(root, options))
            builder.setEngineOptions(*shared, options);
        builder.addBinds(flat, QString());
    }
    if (config.binds().isEmpty() && config.warnings().isEmpty())
        config.warn(QStringLiteral("%1: defines no bind").arg(file));
    return config;
}
