#include "core/config/python/pythonliteralparser.h"

#include "core/config/python/pythonstringescapes.h"

#include <limits>

namespace {

using Token = PythonTokenizer::Token;
using Kind = Token::Kind;
using Error = PythonTokenizer::Error;

constexpr int kDescriptionLimit = 60;

} // namespace

PythonLiteralParser::PythonLiteralParser(const QString &source, const QList<Token> &tokens,
                                         Mode mode)
    : m_source(source)
    , m_tokens(tokens)
    , m_mode(mode)
{
}

bool PythonLiteralParser::isHidden(int index) const
{
    return index >= 0 && index < m_tokens.size() && m_tokens.at(index).secret;
}

QString PythonLiteralParser::shown(int index) const
{
    return isHidden(index) ? QStringLiteral("***") : text(index).toString();
}

QStringView PythonLiteralParser::text(int index) const
{
    const Token &t = m_tokens.at(index);
    return QStringView(m_source).mid(t.start, t.length);
}

bool PythonLiteralParser::isOperator(int index, QLatin1String op) const
{
    return m_tokens.at(index).kind == Kind::Operator && text(index) == op;
}

bool PythonLiteralParser::fail(int index, const QString &message, Error *error) const
{
    if (error) {
        const Token &t = m_tokens.at(qBound(0, index, int(m_tokens.size()) - 1));
        error->line = t.line;
        error->column = t.column;
        error->message = message;
    }
    return false;
}

QList<int> PythonLiteralParser::find(int begin, int end, QLatin1String op) const
{
    QList<int> found;
    for (int i = begin; i < end; ++i) {
        const Token &t = m_tokens.at(i);
        if (t.kind == Kind::Open && t.match > i)
            i = t.match;
        else if (t.kind == Kind::Operator && text(i) == op)
            found.append(i);
    }
    return found;
}

void PythonLiteralParser::notLiteral(int begin, int end, PythonValue *value) const
{
    *value = PythonValue();
    value->kind = PythonValue::Kind::NotLiteral;
    value->text = describe(begin, end);
    value->line = m_tokens.at(begin).line;
    value->column = m_tokens.at(begin).column;
}

bool PythonLiteralParser::parse(int begin, int end, PythonValue *value, Error *error) const
{
    if (begin < 0 || end > m_tokens.size() || begin > end)
        return fail(begin, QStringLiteral("expected a value"), error);
    return parseValue(begin, end, 0, value, error);
}

bool PythonLiteralParser::parseValue(int begin, int end, int depth, PythonValue *value,
                                     Error *error) const
{
    // The tokenizer bounds bracket nesting; this bounds the recursion even so.
    if (depth > 2 * PythonTokenizer::kMaxNesting + 2)
        return fail(begin, QStringLiteral("nested too deeply"), error);
    if (begin >= end)
        return fail(begin, QStringLiteral("expected a value"), error);
    if (!find(begin, end, QLatin1String(",")).isEmpty()) {
        if (!parseSequence(begin, end, depth, value, error))
            return false;
        value->kind = PythonValue::Kind::Tuple;
        value->line = m_tokens.at(begin).line;
        value->column = m_tokens.at(begin).column;
        return true;
    }
    return parseSingle(begin, end, depth, value, error);
}

bool PythonLiteralParser::parseSingle(int begin, int end, int depth, PythonValue *value,
                                      Error *error) const
{
    const Token &first = m_tokens.at(begin);
    switch (first.kind) {
    case Kind::String:
        return parseStrings(begin, end, value, error);
    case Kind::Number:
        if (end - begin != 1) {
            notLiteral(begin, end, value);
            return true;
        }
        return parseNumber(begin, false, value, error);
    case Kind::Name: {
        const QStringView name = text(begin);
        *value = PythonValue();
        value->line = first.line;
        value->column = first.column;
        const bool json = m_mode == Mode::Json;
        if (end - begin == 1) {
            if (name == (json ? QLatin1String("null") : QLatin1String("None"))) {
                value->kind = PythonValue::Kind::None;
                return true;
            }
            const bool isTrue = name == (json ? QLatin1String("true") : QLatin1String("True"));
            if (isTrue || name == (json ? QLatin1String("false") : QLatin1String("False"))) {
                value->kind = PythonValue::Kind::Bool;
                value->boolean = isTrue;
                return true;
            }
        }
        notLiteral(begin, end, value);
        return true;
    }
    case Kind::Open:
        if (first.match == end - 1)
            return parseContainer(begin, depth, value, error);
        notLiteral(begin, end, value);
        return true;
    case Kind::Operator: {
        // Signs in front of a number are part of the literal (-1 for
        // max_overflow); anything else with an operator is an expression.
        bool negative = false;
        int i = begin;
        while (i < end &&
               (isOperator(i, QLatin1String("-")) || isOperator(i, QLatin1String("+")))) {
            negative ^= isOperator(i, QLatin1String("-"));
            ++i;
        }
        if (i > begin && i == end - 1 && m_tokens.at(i).kind == Kind::Number) {
            if (!parseNumber(i, negative, value, error))
                return false;
            value->line = first.line;
            value->column = first.column;
            if (value->kind == PythonValue::Kind::NotLiteral)
                notLiteral(begin, end, value);
            return true;
        }
        static const QStringList expressionStarts = {
            QStringLiteral("-"), QStringLiteral("+"),  QStringLiteral("~"),
            QStringLiteral("*"), QStringLiteral("**"), QStringLiteral("..."),
        };
        if (!expressionStarts.contains(text(begin).toString()))
            return fail(begin, QStringLiteral("invalid syntax at '%1'").arg(shown(begin)), error);
        notLiteral(begin, end, value);
        return true;
    }
    case Kind::Close:
    case Kind::Newline:
    case Kind::End:
        break;
    }
    return fail(begin, QStringLiteral("expected a value"), error);
}

bool PythonLiteralParser::parseContainer(int open, int depth, PythonValue *value,
                                         Error *error) const
{
    const Token &t = m_tokens.at(open);
    const int begin = open + 1;
    const int end = t.match;
    const QChar bracket = m_source.at(t.start);
    for (int i = begin; i < end; ++i) {
        const Token &inner = m_tokens.at(i);
        if (inner.kind == Kind::Open && inner.match > i)
            i = inner.match;
        else if (inner.kind == Kind::Name && text(i) == QLatin1String("for")) {
            notLiteral(open, end + 1, value); // a comprehension
            return true;
        }
    }

    bool ok = true;
    if (bracket == QLatin1Char('(')) {
        if (begin == end || !find(begin, end, QLatin1String(",")).isEmpty()) {
            ok = parseSequence(begin, end, depth + 1, value, error);
            value->kind = PythonValue::Kind::Tuple;
        } else {
            ok = parseValue(begin, end, depth + 1, value, error);
        }
    } else if (bracket == QLatin1Char('[')) {
        ok = parseSequence(begin, end, depth + 1, value, error);
        value->kind = PythonValue::Kind::List;
    } else {
        ok = parseDict(begin, end, depth + 1, value, error);
    }
    if (ok) {
        value->line = t.line;
        value->column = t.column;
    }
    return ok;
}

bool PythonLiteralParser::parseSequence(int begin, int end, int depth, PythonValue *value,
                                        Error *error) const
{
    *value = PythonValue();
    const QList<int> commas = find(begin, end, QLatin1String(","));
    int start = begin;
    for (int k = 0; k <= commas.size(); ++k) {
        const int stop = k < commas.size() ? commas.at(k) : end;
        if (start == stop) {
            // Only a trailing comma after at least one item may stand alone.
            if (k == commas.size() && k > 0)
                break;
            if (k == commas.size() && commas.isEmpty())
                break; // (), []
            return fail(stop, QStringLiteral("expected a value before ','"), error);
        }
        PythonValue item;
        if (!parseValue(start, stop, depth, &item, error))
            return false;
        value->items.push_back(std::move(item));
        start = stop + 1;
    }
    return true;
}

bool PythonLiteralParser::parseDict(int begin, int end, int depth, PythonValue *value,
                                    Error *error) const
{
    *value = PythonValue();
    value->kind = PythonValue::Kind::Dict;
    const QList<int> commas = find(begin, end, QLatin1String(","));
    bool sawEntry = false;
    bool sawElement = false;
    int start = begin;
    for (int k = 0; k <= commas.size(); ++k) {
        const int stop = k < commas.size() ? commas.at(k) : end;
        if (start == stop) {
            if (k == commas.size())
                break; // {} or a trailing comma
            return fail(stop, QStringLiteral("expected an entry before ','"), error);
        }
        if (isOperator(start, QLatin1String("**"))) {
            PythonValue spread;
            notLiteral(start, stop, &spread);
            value->keys.push_back(spread);
            value->items.push_back(std::move(spread));
            sawEntry = true;
        } else {
            const QList<int> colons = find(start, stop, QLatin1String(":"));
            if (colons.isEmpty()) {
                if (sawEntry)
                    return fail(start, QStringLiteral("a dict entry needs the form key: value"),
                                error);
                PythonValue item;
                if (!parseValue(start, stop, depth, &item, error))
                    return false;
                value->items.push_back(std::move(item));
                sawElement = true;
            } else {
                if (sawElement)
                    return fail(start, QStringLiteral("a set element cannot be key: value"), error);
                const int colon = colons.constFirst();
                if (colon == start)
                    return fail(colon, QStringLiteral("expected a key before ':'"), error);
                if (colon + 1 == stop)
                    return fail(colon, QStringLiteral("expected a value after ':'"), error);
                PythonValue key, item;
                if (!parseValue(start, colon, depth, &key, error) ||
                    !parseValue(colon + 1, stop, depth, &item, error))
                    return false;
                value->keys.push_back(std::move(key));
                value->items.push_back(std::move(item));
                sawEntry = true;
            }
        }
        start = stop + 1;
    }
    if (sawElement)
        value->kind = PythonValue::Kind::Set;
    return true;
}

bool PythonLiteralParser::parseStrings(int begin, int end, PythonValue *value, Error *error) const
{
    *value = PythonValue();
    value->kind = PythonValue::Kind::String;
    value->line = m_tokens.at(begin).line;
    value->column = m_tokens.at(begin).column;
    bool formatted = false;
    bool unsupported = false;
    int i = begin;
    for (; i < end && m_tokens.at(i).kind == Kind::String; ++i) {
        const QStringView token = text(i);
        int quote = 0;
        while (quote < token.size() && token.at(quote) != QLatin1Char('\'') &&
               token.at(quote) != QLatin1Char('"'))
            ++quote;
        const QString prefix = token.left(quote).toString().toLower();
        const bool raw = prefix.contains(QLatin1Char('r'));
        const bool bytes = prefix.contains(QLatin1Char('b'));
        formatted = formatted || prefix.contains(QLatin1Char('f'));
        if (i > begin && bytes != (value->kind == PythonValue::Kind::Bytes))
            return fail(i, QStringLiteral("cannot mix bytes and nonbytes literals"), error);
        if (bytes)
            value->kind = PythonValue::Kind::Bytes;
        const QChar q = token.at(quote);
        const bool triple =
            token.size() - quote >= 6 && token.at(quote + 1) == q && token.at(quote + 2) == q;
        const int width = triple ? 3 : 1;
        const QStringView body = token.mid(quote + width, token.size() - quote - 2 * width);
        if (raw) {
            value->text += body;
            continue;
        }
        QString decoded, why;
        const auto result =
            pythonstringescapes::unescape(body, bytes, m_mode == Mode::Json, &decoded, &why);
        if (result == pythonstringescapes::Decoded::Bad)
            return fail(i, why, error);
        unsupported = unsupported || result == pythonstringescapes::Decoded::Unsupported;
        value->text += decoded;
    }
    if (i < end || formatted || unsupported) {
        const int line = value->line;
        const int column = value->column;
        notLiteral(begin, end, value);
        if (i == end && formatted)
            value->text = QStringLiteral("f-string");
        else if (i == end)
            value->text = QStringLiteral("string with a \\N{...} escape");
        value->line = line;
        value->column = column;
    }
    return true;
}

bool PythonLiteralParser::parseNumber(int index, bool negative, PythonValue *value,
                                      Error *error) const
{
    *value = PythonValue();
    value->line = m_tokens.at(index).line;
    value->column = m_tokens.at(index).column;
    const QString raw = text(index).toString();
    const auto bad = [&] {
        return fail(index, QStringLiteral("invalid number literal '%1'").arg(shown(index).left(40)),
                    error);
    };
    if (raw.contains(QLatin1String("__")) || raw.endsWith(QLatin1Char('_')))
        return bad();
    QString digits = raw;
    digits.remove(QLatin1Char('_'));
    if (digits.endsWith(QLatin1Char('j')) || digits.endsWith(QLatin1Char('J'))) {
        value->kind = PythonValue::Kind::NotLiteral;
        value->text = QStringLiteral("complex number");
        return true;
    }
    const auto setInteger = [&](const QString &text, int base) {
        for (const QChar c : text) {
            const int h = pythonstringescapes::hexValue(c);
            if (h < 0 || h >= base)
                return false;
        }
        if (text.isEmpty())
            return false;
        bool ok = false;
        const qulonglong magnitude = text.toULongLong(&ok, base);
        constexpr qulonglong max = qulonglong(std::numeric_limits<qint64>::max());
        value->kind = PythonValue::Kind::Int;
        // Python integers have no limit; ours are clamped, which no pool
        // option minds since they are range-checked anyway.
        if (!ok || magnitude > max)
            value->integer =
                negative ? std::numeric_limits<qint64>::min() : std::numeric_limits<qint64>::max();
        else
            value->integer = negative ? -qint64(magnitude) : qint64(magnitude);
        return true;
    };
    if (digits.size() > 2 && digits.at(0) == QLatin1Char('0') && digits.at(1).isLetter()) {
        const QChar radix = digits.at(1).toLower();
        const int base = radix == QLatin1Char('x')   ? 16
                         : radix == QLatin1Char('o') ? 8
                         : radix == QLatin1Char('b') ? 2
                                                     : 0;
        if (base == 0 || !setInteger(digits.mid(2), base))
            return bad();
        return true;
    }
    bool allDigits = !digits.isEmpty();
    for (const QChar c : digits)
        allDigits = allDigits && c.isDigit() && c.unicode() < 128;
    if (allDigits) {
        if (digits.size() > 1 && digits.at(0) == QLatin1Char('0') &&
            digits.count(QLatin1Char('0')) != digits.size())
            return fail(index,
                        QStringLiteral("leading zeros in decimal integer literals are not "
                                       "permitted"),
                        error);
        return setInteger(digits, 10) || bad();
    }
    for (const QChar c : digits) {
        if (!(c.isDigit() && c.unicode() < 128) && c != QLatin1Char('.') && c != QLatin1Char('e') &&
            c != QLatin1Char('E') && c != QLatin1Char('+') && c != QLatin1Char('-'))
            return bad();
    }
    bool ok = false;
    const double number = digits.toDouble(&ok);
    if (!ok)
        return bad();
    value->kind = PythonValue::Kind::Float;
    value->number = negative ? -number : number;
    return true;
}

QString PythonLiteralParser::describe(int begin, int end) const
{
    QString out;
    Kind previous = Kind::End;
    QStringView previousText;
    for (int i = begin; i < end && out.size() <= kDescriptionLimit; ++i) {
        const Token &t = m_tokens.at(i);
        Kind kind = t.kind;
        QString piece;
        if (isHidden(i)) {
            if (i > begin && isHidden(i - 1))
                continue; // one *** for the whole password
            kind = Kind::Name;
            piece = QStringLiteral("***");
        } else {
            switch (t.kind) {
            case Kind::String: {
                const QStringView token = text(i);
                int quote = 0;
                while (quote < token.size() && token.at(quote) != QLatin1Char('\'') &&
                       token.at(quote) != QLatin1Char('"'))
                    ++quote;
                piece = token.left(quote).toString().toLower() + QLatin1String("\"...\"");
                break;
            }
            case Kind::Open:
                piece = m_source.at(t.start);
                if (t.match > i + 1)
                    piece += QLatin1String("...");
                if (t.match > i && t.match < m_tokens.size()) {
                    piece += m_source.at(m_tokens.at(t.match).start);
                    i = t.match;
                }
                break;
            default:
                piece = text(i).toString();
            }
        }
        bool space = false;
        if (!out.isEmpty()) {
            const bool word = kind == Kind::Name || kind == Kind::Number || kind == Kind::String;
            const bool previousWord = previous == Kind::Name || previous == Kind::Number ||
                                      previous == Kind::String || previous == Kind::Close ||
                                      previous == Kind::Open;
            if (kind == Kind::Operator)
                space = piece != QLatin1String(".") && piece != QLatin1String(",") &&
                        piece != QLatin1String(":");
            else if (previous == Kind::Operator)
                space = previousText != QLatin1String(".") && i - 1 > begin;
            else
                space = word && previousWord;
        }
        if (space)
            out += QLatin1Char(' ');
        out += piece;
        previous = kind == Kind::Open ? Kind::Close : kind;
        previousText = isHidden(i) ? QStringView(u"***") : text(i);
    }
    if (out.size() > kDescriptionLimit)
        out = out.left(kDescriptionLimit) + QLatin1String("...");
    return out;
}
