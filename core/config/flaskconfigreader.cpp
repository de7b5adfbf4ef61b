#include "core/config/flaskconfigreader.h"

#include "core/config/bindbuilder.h"
#include "core/config/engineoptions.h"
#include "core/config/python/pythonliteralparser.h"
#include "core/config/python/pythontokenizer.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QSet>

namespace {

using Token = PythonTokenizer::Token;
using TokenKind = Token::Kind;
using Kind = PythonValue::Kind;

const QString kUri = QStringLiteral("SQLALCHEMY_DATABASE_URI");
const QString kBinds = QStringLiteral("SQLALCHEMY_BINDS");
const QString kOptions = QStringLiteral("SQLALCHEMY_ENGINE_OPTIONS");
constexpr int kModule = -1;
constexpr int kMaxClassDepth = 50;

bool isConfigKey(QStringView name)
{
    return name == kUri || name == kBinds || name == kOptions;
}

struct Assignment
{
    QString name;
    QString key; // SQLALCHEMY_BINDS["key"] = ...
    bool subscript = false;
    PythonValue value;
    int line = 0;
    int scope = kModule; // or the index of the class
};

struct ClassDef
{
    QString name;
    QStringList bases;
};

struct Block
{
    int indent = 0;
    int bodyIndent = -1;
    int classIndex = -1; // a top-level class, whose body we read
    QString keyword;
    bool inFunction = false; // this block or one around it is a def
};

// Where a statement stands: a scope we read, or inside some other block.
struct Context
{
    int scope = kModule;
    QString block; // empty when readable
    bool inFunction = false;
};

struct Target
{
    QString name;
    QString key;
    bool subscript = false;
    bool appConfig = false; // app.config["NAME"], not a variable
};

// The value a name has after the assignments read so far.
struct CurrentValue
{
    PythonValue value;
    int line = 0;
    int scope = kModule;
};
using CurrentValues = QHash<QString, CurrentValue>;

class Reader
{
public:
    Reader(const QString &file, const QString &source, const QList<Token> &tokens,
           BindConfig *config)
        : m_file(file)
        , m_source(source)
        , m_tokens(tokens)
        , m_parser(source, tokens)
        , m_config(config)
    {
    }

    bool collect();
    void apply(const QString &configClass);

private:
    QStringView text(int i) const { return m_parser.text(i); }
    bool isOperator(int i, QLatin1String op) const { return m_parser.isOperator(i, op); }
    QList<int> find(int begin, int end, QLatin1String op) const
    {
        return m_parser.find(begin, end, op);
    }
    void warn(int line, const QString &text)
    {
        m_config->warn(QStringLiteral("%1:%2: %3").arg(m_file, QString::number(line), text));
    }
    bool syntaxError(const PythonTokenizer::Error &error)
    {
        m_config->setError(QStringLiteral("%1:%2:%3: syntax error: %4")
                               .arg(m_file, QString::number(error.line),
                                    QString::number(error.column), error.message));
        return false;
    }

    bool logicalLine(int begin, int end);
    bool statements(int begin, int end, const Context &context);
    bool statement(int begin, int end, const Context &context);
    bool target(int begin, int end, Target *target) const;
    void linearize(int classIndex, int depth, QSet<int> *visited, QList<int> *order);
    QString scopeName(int scope) const;
    bool select(const QString &configClass, QList<Assignment *> *selected);
    void noSuchClass(const QString &configClass);
    CurrentValues replay(const QList<Assignment *> &selected, bool everyScope);
    void build(const CurrentValues &current);

    const QString &m_file;
    const QString &m_source;
    const QList<Token> &m_tokens;
    PythonLiteralParser m_parser;
    BindConfig *m_config;
    QList<Block> m_blocks;
    QList<ClassDef> m_classes;
    QHash<QString, QList<int>> m_classesByName;
    QList<Assignment> m_assignments;
};

bool Reader::collect()
{
    int begin = 0;
    while (begin < m_tokens.size() && m_tokens.at(begin).kind != TokenKind::End) {
        int end = begin;
        while (m_tokens.at(end).kind != TokenKind::Newline &&
               m_tokens.at(end).kind != TokenKind::End)
            ++end;
        if (!logicalLine(begin, end))
            return false;
        begin = end + 1;
    }
    return true;
}

bool Reader::logicalLine(int begin, int end)
{
    const int indent = PythonTokenizer::indentation(m_source, m_tokens.at(begin).start);
    while (!m_blocks.isEmpty() && indent <= m_blocks.constLast().indent)
        m_blocks.removeLast();
    Context context;
    if (!m_blocks.isEmpty()) {
        Block &top = m_blocks.last();
        if (top.bodyIndent < 0)
            top.bodyIndent = indent;
        if (indent == top.bodyIndent && top.classIndex >= 0)
            context.scope = top.classIndex;
        else
            context.block = top.keyword;
        context.inFunction = top.inFunction;
    }

    static const QStringList compound = {
        QStringLiteral("class"),  QStringLiteral("def"),     QStringLiteral("if"),
        QStringLiteral("elif"),   QStringLiteral("else"),    QStringLiteral("for"),
        QStringLiteral("while"),  QStringLiteral("with"),    QStringLiteral("try"),
        QStringLiteral("except"), QStringLiteral("finally"), QStringLiteral("async"),
    };
    const Token &first = m_tokens.at(begin);
    const QString keyword = first.kind == TokenKind::Name ? text(begin).toString() : QString();
    const bool softKeyword =
        (keyword == QLatin1String("match") || keyword == QLatin1String("case")) &&
        end - 1 > begin && isOperator(end - 1, QLatin1String(":"));
    if (!keyword.isEmpty() && (compound.contains(keyword) || softKeyword)) {
        const QList<int> colons = find(begin + 1, end, QLatin1String(":"));
        if (colons.isEmpty())
            return true; // not Python; nothing of ours
        Block block;
        block.indent = indent;
        block.keyword = keyword;
        block.inFunction = context.inFunction || keyword == QLatin1String("def") ||
                           keyword == QLatin1String("async");
        if (keyword == QLatin1String("class") && context.block.isEmpty() &&
            context.scope == kModule && begin + 1 < end &&
            m_tokens.at(begin + 1).kind == TokenKind::Name) {
            ClassDef def;
            def.name = text(begin + 1).toString();
            const int open = begin + 2;
            if (open < end && m_tokens.at(open).kind == TokenKind::Open &&
                m_source.at(m_tokens.at(open).start) == QLatin1Char('(')) {
                const int close = m_tokens.at(open).match;
                int start = open + 1;
                QList<int> commas = find(open + 1, close, QLatin1String(","));
                commas.append(close);
                for (const int comma : std::as_const(commas)) {
                    // Only plain names can be classes of this file.
                    if (comma - start == 1 && m_tokens.at(start).kind == TokenKind::Name)
                        def.bases.append(text(start).toString());
                    start = comma + 1;
                }
            }
            block.classIndex = int(m_classes.size());
            m_classesByName[def.name].append(block.classIndex);
            m_classes.append(def);
        }
        m_blocks.append(block);
        const int colon = colons.constFirst();
        if (colon + 1 < end) {
            Context body;
            if (block.classIndex >= 0)
                body.scope = block.classIndex;
            else
                body.block = keyword;
            body.inFunction = block.inFunction;
            return statements(colon + 1, end, body);
        }
        return true;
    }
    return statements(begin, end, context);
}

bool Reader::statements(int begin, int end, const Context &context)
{
    int start = begin;
    QList<int> semicolons = find(begin, end, QLatin1String(";"));
    semicolons.append(end);
    for (const int semicolon : std::as_const(semicolons)) {
        if (semicolon > start && !statement(start, semicolon, context))
            return false;
        start = semicolon + 1;
    }
    return true;
}

bool Reader::target(int begin, int end, Target *target) const
{
    const int n = end - begin;
    if (n < 1 || m_tokens.at(begin).kind != TokenKind::Name)
        return false;
    if (n == 1 || isOperator(begin + 1, QLatin1String(":"))) {
        target->name = text(begin).toString();
        return true;
    }
    // NAME["key"] and app.config["NAME"]
    const int open = n == 4 ? begin + 1 : begin + 3;
    if ((n != 4 && n != 6) || m_tokens.at(open).kind != TokenKind::Open ||
        m_tokens.at(open).match != end - 1 || m_tokens.at(open + 1).kind != TokenKind::String)
        return false;
    if (n == 6 &&
        !(isOperator(begin + 1, QLatin1String(".")) && text(begin + 2) == QLatin1String("config")))
        return false;
    PythonValue key;
    if (!m_parser.parse(open + 1, open + 2, &key, nullptr) || !key.isString())
        return false;
    if (n == 6) {
        target->name = key.text;
        target->appConfig = true;
    } else {
        target->name = text(begin).toString();
        target->key = key.text;
        target->subscript = true;
    }
    return true;
}

bool Reader::statement(int begin, int end, const Context &context)
{
    const int line = m_tokens.at(begin).line;
    const QList<int> equals = find(begin, end, QLatin1String("="));
    if (equals.isEmpty()) {
        // SQLALCHEMY_BINDS.update(...), SQLALCHEMY_BINDS |= {...}
        static const QStringList comparisons = {QStringLiteral("=="), QStringLiteral("!="),
                                                QStringLiteral("<="), QStringLiteral(">=")};
        const QString op = begin + 1 < end && m_tokens.at(begin + 1).kind == TokenKind::Operator
                               ? text(begin + 1).toString()
                               : QString();
        const bool changes = op == QLatin1String(".") ||
                             (op.endsWith(QLatin1Char('=')) && !comparisons.contains(op));
        if (context.block.isEmpty() && m_tokens.at(begin).kind == TokenKind::Name &&
            isConfigKey(text(begin)) && changes)
            warn(line, QStringLiteral("%1 is changed by code here; poolscope does not run code, "
                                      "so the change is skipped")
                           .arg(text(begin)));
        return true;
    }
    QList<Target> targets;
    int start = begin;
    for (const int eq : equals) {
        Target t;
        // In a function a plain name is a local variable, not configuration.
        if (target(start, eq, &t) && isConfigKey(t.name) && (t.appConfig || !context.inFunction))
            targets.append(t);
        start = eq + 1;
    }
    if (targets.isEmpty())
        return true;
    if (!context.block.isEmpty()) {
        warn(line, QStringLiteral("%1 is set inside a '%2' block; poolscope does not run code, "
                                  "so it is skipped")
                       .arg(targets.constFirst().name, context.block));
        return true;
    }
    const int valueBegin = equals.constLast() + 1;
    PythonValue value;
    PythonTokenizer::Error error;
    if (valueBegin >= end) {
        error = {m_tokens.at(equals.constLast()).line, m_tokens.at(equals.constLast()).column,
                 QStringLiteral("expected a value after '='")};
        return syntaxError(error);
    }
    if (!m_parser.parse(valueBegin, end, &value, &error))
        return syntaxError(error);
    // A = B = {...}: each target gets the value; the last one takes it over.
    for (int i = 0; i + 1 < targets.size(); ++i) {
        const Target &t = targets.at(i);
        m_assignments.append(Assignment{t.name, t.key, t.subscript, value, line, context.scope});
    }
    const Target &t = targets.constLast();
    m_assignments.append(
        Assignment{t.name, t.key, t.subscript, std::move(value), line, context.scope});
    return true;
}

void Reader::linearize(int classIndex, int depth, QSet<int> *visited, QList<int> *order)
{
    if (visited->contains(classIndex))
        return;
    visited->insert(classIndex);
    if (depth > kMaxClassDepth) {
        m_config->warn(QStringLiteral("%1: class %2: bases deeper than %3 levels are not read")
                           .arg(m_file, EngineOptions::printable(m_classes.at(classIndex).name),
                                QString::number(kMaxClassDepth)));
        return;
    }
    // class C(A, B): C wins over A, A over B, so B is applied first.
    const QStringList &bases = m_classes.at(classIndex).bases;
    for (auto base = bases.crbegin(); base != bases.crend(); ++base) {
        const QList<int> candidates = m_classesByName.value(*base);
        // The definition in force when this class was defined.
        for (auto it = candidates.crbegin(); it != candidates.crend(); ++it) {
            if (*it < classIndex) {
                linearize(*it, depth + 1, visited, order);
                break;
            }
        }
    }
    order->append(classIndex);
}

QString Reader::scopeName(int scope) const
{
    return scope == kModule
               ? QStringLiteral("the module")
               : QStringLiteral("class %1").arg(EngineOptions::printable(m_classes.at(scope).name));
}

void Reader::apply(const QString &configClass)
{
    QList<Assignment *> selected;
    if (select(configClass, &selected))
        build(replay(selected, configClass.isEmpty()));
}

// The assignments that configClass sees, in the order they apply: all of them
// when no class is named. False with the error set when there is no such class.
bool Reader::select(const QString &configClass, QList<Assignment *> *selected)
{
    // Each assignment is selected at most once, so its value can be moved.
    if (configClass.isEmpty()) {
        for (Assignment &a : m_assignments)
            selected->append(&a);
        return true;
    }
    const QList<int> candidates = m_classesByName.value(configClass);
    if (candidates.isEmpty()) {
        noSuchClass(configClass);
        return false;
    }
    QSet<int> visited;
    QList<int> order;
    linearize(candidates.constLast(), 0, &visited, &order);
    QHash<int, QList<Assignment *>> byScope;
    for (Assignment &a : m_assignments)
        byScope[a.scope].append(&a);
    for (const int scope : std::as_const(order))
        *selected += byScope.value(scope);
    return true;
}

void Reader::noSuchClass(const QString &configClass)
{
    QStringList names;
    for (const ClassDef &def : std::as_const(m_classes))
        names.append(EngineOptions::printable(def.name));
    names.removeDuplicates();
    constexpr int shown = 10;
    if (names.size() > shown) {
        names.erase(names.begin() + shown, names.end());
        names.append(QStringLiteral("..."));
    }
    m_config->setError(names.isEmpty()
                           ? QStringLiteral("%1: has no class '%2' (it defines no class)")
                                 .arg(m_file, EngineOptions::printable(configClass))
                           : QStringLiteral("%1: has no class '%2'; its classes are %3")
                                 .arg(m_file, EngineOptions::printable(configClass),
                                      names.join(QLatin1String(", "))));
}

// Runs the selected assignments (their values are moved out) into the values
// the names end with.
CurrentValues Reader::replay(const QList<Assignment *> &selected, bool everyScope)
{
    CurrentValues current;
    for (Assignment *a : selected) {
        auto it = current.find(a->name);
        if (a->subscript) {
            if (it == current.end() || it->value.kind != Kind::Dict) {
                warn(a->line, QStringLiteral("%1['%2'] is set, but %1 is not a dict literal "
                                             "before it; skipped")
                                  .arg(a->name, EngineOptions::printable(a->key)));
                continue;
            }
            PythonValue key;
            key.kind = Kind::String;
            key.text = a->key;
            key.line = a->line;
            it->value.keys.push_back(std::move(key));
            it->value.items.push_back(std::move(a->value));
            continue;
        }
        if (everyScope && it != current.end() && it->scope != a->scope)
            warn(a->line, QStringLiteral("%1 in %2 replaces the one in %3 (line %4); to read one "
                                         "class only, name it as %5:ClassName")
                              .arg(a->name, scopeName(a->scope), scopeName(it->scope),
                                   QString::number(it->line), QFileInfo(m_file).fileName()));
        current.insert(a->name, CurrentValue{std::move(a->value), a->line, a->scope});
    }
    return current;
}

void Reader::build(const CurrentValues &current)
{
    const QString instance =
        QDir(QFileInfo(m_file).absolutePath()).filePath(QStringLiteral("instance"));
    BindBuilder builder(m_config, m_file, instance);
    const auto options = current.constFind(kOptions);
    if (options != current.cend())
        builder.setEngineOptions(options->value, kOptions);
    const auto uri = current.constFind(kUri);
    if (uri != current.cend() && uri->value.kind != Kind::None)
        builder.addBind(QStringLiteral("default"), uri->value, kUri);
    // Flask-SQLAlchemy 3 gives SQLALCHEMY_ENGINE_OPTIONS to the default bind
    // only; the other binds get SQLAlchemy's defaults plus their own dict.
    builder.clearEngineOptions();
    const auto binds = current.constFind(kBinds);
    if (binds != current.cend() && binds->value.kind != Kind::None)
        builder.addBinds(binds->value, kBinds);
    if (!current.contains(kUri) && !current.contains(kBinds))
        m_config->warn(QStringLiteral("%1: sets no %2 or %3 (at module level or in a class "
                                      "body); it defines no bind")
                           .arg(m_file, kUri, kBinds));
}

} // namespace

BindConfig FlaskConfigReader::read(const QString &file, const QString &source,
                                   const QString &configClass)
{
    BindConfig config;
    QList<Token> tokens;
    PythonTokenizer::Error error;
    if (!PythonTokenizer::tokenize(source, &tokens, &error)) {
        config.setError(QStringLiteral("%1:%2:%3: syntax error: %4")
                            .arg(file, QString::number(error.line), QString::number(error.column),
                                 error.message));
        return config;
    }
    Reader reader(file, source, tokens, &config);
    if (reader.collect())
        reader.apply(configClass);
    return config;
}
