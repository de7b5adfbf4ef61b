#include "core/config/python/pythontokenizer.h"

namespace {

using Token = PythonTokenizer::Token;
using Kind = Token::Kind;

bool isNameStart(QChar c)
{
    return c == QLatin1Char('_') || c.isLetter();
}

bool isNameChar(QChar c)
{
    return c == QLatin1Char('_') || c.isLetterOrNumber() || c.isMark();
}

bool isStringPrefix(QStringView name)
{
    if (name.size() > 2)
        return false;
    const QString lower = name.toString().toLower();
    static const QStringList prefixes = {
        QStringLiteral("r"),  QStringLiteral("u"),  QStringLiteral("b"),  QStringLiteral("f"),
        QStringLiteral("br"), QStringLiteral("rb"), QStringLiteral("fr"), QStringLiteral("rf"),
    };
    return prefixes.contains(lower);
}

QString describe(QChar c)
{
    QString code = QStringLiteral("U+%1").arg(c.unicode(), 4, 16, QLatin1Char('0')).toUpper();
    if (c.isPrint() && !c.isSpace())
        return QStringLiteral("'%1' (%2)").arg(c, code);
    return code;
}

QChar closerOf(QChar open)
{
    if (open == QLatin1Char('('))
        return QLatin1Char(')');
    if (open == QLatin1Char('['))
        return QLatin1Char(']');
    return QLatin1Char('}');
}

class Scanner
{
public:
    Scanner(const QString &source, QList<Token> *tokens, PythonTokenizer::Error *error)
        : m_s(source)
        , m_n(int(source.size()))
        , m_tokens(tokens)
        , m_error(error)
    {
    }

    bool run();

private:
    QChar at(int i) const { return i < m_n ? m_s.at(i) : QChar(); }
    int newlineLength(int i) const
    {
        if (i >= m_n)
            return 0;
        if (m_s.at(i) == QLatin1Char('\r'))
            return at(i + 1) == QLatin1Char('\n') ? 2 : 1;
        return m_s.at(i) == QLatin1Char('\n') ? 1 : 0;
    }
    void newLine(int length)
    {
        m_pos += length;
        ++m_line;
        m_lineStart = m_pos;
    }
    int column(int offset) const { return offset - m_lineStart + 1; }
    void push(Kind kind, int start, int line, int column)
    {
        Token token;
        token.kind = kind;
        token.start = start;
        token.length = m_pos - start;
        token.line = line;
        token.column = column;
        m_tokens->append(token);
    }
    bool fail(int line, int column, const QString &message)
    {
        m_error->line = line;
        m_error->column = column;
        m_error->message = message;
        return false;
    }
    bool lastIsContent() const
    {
        return !m_tokens->isEmpty() && m_tokens->constLast().kind != Kind::Newline;
    }

    bool scanString(int start, int quoteAt);
    void scanNumber();
    bool scanOperator();
    bool openBracket();
    bool closeBracket();

    const QString &m_s;
    const int m_n;
    QList<Token> *m_tokens;
    PythonTokenizer::Error *m_error;
    QList<int> m_open; // indices of the open brackets, innermost last
    int m_pos = 0;
    int m_line = 1;
    int m_lineStart = 0;
};

bool Scanner::run()
{
    while (m_pos < m_n) {
        const QChar c = m_s.at(m_pos);
        if (c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\f')) {
            ++m_pos;
            continue;
        }
        if (c == QLatin1Char('#')) {
            while (m_pos < m_n && newlineLength(m_pos) == 0)
                ++m_pos;
            continue;
        }
        if (const int nl = newlineLength(m_pos)) {
            if (m_open.isEmpty() && lastIsContent()) {
                const int start = m_pos;
                push(Kind::Newline, start, m_line, column(start));
            }
            newLine(nl);
            continue;
        }
        if (c == QLatin1Char('\\')) {
            if (const int nl = newlineLength(m_pos + 1)) {
                m_pos += 1;
                newLine(nl);
                continue;
            }
            if (m_pos + 1 >= m_n)
                return fail(m_line, column(m_pos),
                            QStringLiteral("unexpected end of file after '\\'"));
            return fail(m_line, column(m_pos),
                        QStringLiteral("unexpected character after line continuation character"));
        }
        if (isNameStart(c)) {
            const int start = m_pos;
            while (m_pos < m_n && isNameChar(m_s.at(m_pos)))
                ++m_pos;
            const QChar next = at(m_pos);
            if ((next == QLatin1Char('\'') || next == QLatin1Char('"')) &&
                isStringPrefix(QStringView(m_s).mid(start, m_pos - start))) {
                if (!scanString(start, m_pos))
                    return false;
                continue;
            }
            push(Kind::Name, start, m_line, column(start));
            continue;
        }
        if (c.isDigit() || (c == QLatin1Char('.') && at(m_pos + 1).isDigit())) {
            scanNumber();
            continue;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            if (!scanString(m_pos, m_pos))
                return false;
            continue;
        }
        if (c == QLatin1Char('(') || c == QLatin1Char('[') || c == QLatin1Char('{')) {
            if (!openBracket())
                return false;
            continue;
        }
        if (c == QLatin1Char(')') || c == QLatin1Char(']') || c == QLatin1Char('}')) {
            if (!closeBracket())
                return false;
            continue;
        }
        if (!scanOperator())
            return fail(m_line, column(m_pos),
                        QStringLiteral("invalid character %1").arg(describe(c)));
    }
    if (!m_open.isEmpty()) {
        const Token &open = m_tokens->at(m_open.constLast());
        return fail(open.line, open.column,
                    QStringLiteral("'%1' was never closed").arg(m_s.at(open.start)));
    }
    if (lastIsContent()) {
        push(Kind::Newline, m_pos, m_line, column(m_pos));
    }
    push(Kind::End, m_pos, m_line, column(m_pos));
    return true;
}

bool Scanner::scanString(int start, int quoteAt)
{
    const int line = m_line;
    const int col = column(start);
    const QChar quote = m_s.at(quoteAt);
    const bool triple = at(quoteAt + 1) == quote && at(quoteAt + 2) == quote;
    m_pos = quoteAt + (triple ? 3 : 1);
    for (;;) {
        if (m_pos >= m_n)
            return fail(line, col,
                        triple ? QStringLiteral("unterminated triple-quoted string literal")
                               : QStringLiteral("unterminated string literal"));
        const QChar ch = m_s.at(m_pos);
        if (ch == QLatin1Char('\\')) {
            ++m_pos;
            if (const int nl = newlineLength(m_pos))
                newLine(nl);
            else if (m_pos < m_n)
                ++m_pos;
            continue;
        }
        if (const int nl = newlineLength(m_pos)) {
            if (!triple)
                return fail(line, col, QStringLiteral("unterminated string literal"));
            newLine(nl);
            continue;
        }
        if (ch == quote) {
            if (!triple) {
                ++m_pos;
                break;
            }
            if (at(m_pos + 1) == quote && at(m_pos + 2) == quote) {
                m_pos += 3;
                break;
            }
        }
        ++m_pos;
    }
    push(Kind::String, start, line, col);
    return true;
}

void Scanner::scanNumber()
{
    // Loose on purpose: the literal parser checks the form of the numbers it
    // needs; elsewhere a malformed number does not matter to us.
    const int start = m_pos;
    const bool radix =
        m_s.at(m_pos) == QLatin1Char('0') && QStringLiteral("xXoObB").contains(at(m_pos + 1));
    while (m_pos < m_n) {
        const QChar c = m_s.at(m_pos);
        if (!radix && (c == QLatin1Char('e') || c == QLatin1Char('E')) &&
            (at(m_pos + 1) == QLatin1Char('+') || at(m_pos + 1) == QLatin1Char('-')) &&
            at(m_pos + 2).isDigit()) {
            m_pos += 3;
            continue;
        }
        if (isNameChar(c) || c == QLatin1Char('.'))
            ++m_pos;
        else
            break;
    }
    push(Kind::Number, start, m_line, column(start));
}

bool Scanner::scanOperator()
{
    const QChar c = m_s.at(m_pos);
    const QChar next = at(m_pos + 1);
    const bool equals = next == QLatin1Char('=');
    int length = 0;
    switch (c.unicode()) {
    case '.':
        length = next == c && at(m_pos + 2) == c ? 3 : 1; // ...
        break;
    case ',':
    case ';':
    case '~':
        length = 1;
        break;
    case '!':
        length = equals ? 2 : 0; // only !=
        break;
    case '-':
        length = equals || next == QLatin1Char('>') ? 2 : 1;
        break;
    case '*':
    case '/':
    case '<':
    case '>':
        // ** // << >> and their augmented forms
        if (next == c)
            length = at(m_pos + 2) == QLatin1Char('=') ? 3 : 2;
        else
            length = equals ? 2 : 1;
        break;
    case ':':
    case '+':
    case '%':
    case '@':
    case '&':
    case '|':
    case '^':
    case '=':
        length = equals ? 2 : 1;
        break;
    default:
        break;
    }
    if (length == 0)
        return false;
    const int start = m_pos;
    m_pos += length;
    push(Kind::Operator, start, m_line, column(start));
    return true;
}

bool Scanner::openBracket()
{
    if (m_open.size() >= PythonTokenizer::kMaxNesting)
        return fail(m_line, column(m_pos),
                    QStringLiteral("too many nested brackets (more than %1)")
                        .arg(PythonTokenizer::kMaxNesting));
    const int start = m_pos++;
    push(Kind::Open, start, m_line, column(start));
    m_open.append(int(m_tokens->size()) - 1);
    return true;
}

bool Scanner::closeBracket()
{
    const QChar c = m_s.at(m_pos);
    if (m_open.isEmpty())
        return fail(m_line, column(m_pos), QStringLiteral("unmatched '%1'").arg(c));
    const int openIndex = m_open.constLast();
    const Token &open = m_tokens->at(openIndex);
    const QChar openChar = m_s.at(open.start);
    if (closerOf(openChar) != c)
        return fail(m_line, column(m_pos),
                    QStringLiteral("closing '%1' does not match '%2' on line %3 column %4")
                        .arg(c)
                        .arg(openChar)
                        .arg(open.line)
                        .arg(open.column));
    const int start = m_pos++;
    push(Kind::Close, start, m_line, column(start));
    const int closeIndex = int(m_tokens->size()) - 1;
    (*m_tokens)[openIndex].match = closeIndex;
    m_tokens->last().match = openIndex;
    m_open.removeLast();
    return true;
}

// Compound operators count by their first characters: "@=" ends user info
// like "@", ":=" starts a password like ":", "//=" and "/=" are slashes.
bool operatorStarts(const QString &source, const Token &token, QLatin1String op)
{
    return token.kind == Token::Kind::Operator &&
           QStringView(source).mid(token.start, token.length).startsWith(op);
}

// A URL outside quotes is tokens too: NAME ':' '//' user ':' password '@'
// host. Marks the tokens from the ':' after the user to the last '@' of the
// logical line, the span Url::redact() hides in a URL's text.
void markUrlPasswords(const QString &source, QList<Token> *tokens)
{
    const QLatin1String colonOp(":"), slashesOp("//"), slashOp("/"), atOp("@");
    const int n = int(tokens->size());
    int i = 0;
    while (i + 1 < n) {
        if (!operatorStarts(source, tokens->at(i), colonOp) ||
            !operatorStarts(source, tokens->at(i + 1), slashesOp)) {
            ++i;
            continue;
        }
        int colon = -1;
        int at = -1;
        int j = i + 2;
        for (; j < n && tokens->at(j).kind != Token::Kind::Newline &&
               tokens->at(j).kind != Token::Kind::End;
             ++j) {
            const Token &t = tokens->at(j);
            if (colon >= 0) {
                if (operatorStarts(source, t, atOp))
                    at = j;
            } else if (operatorStarts(source, t, colonOp)) {
                colon = j;
            } else if (operatorStarts(source, t, slashOp) || operatorStarts(source, t, atOp)) {
                break; // a host with no user:password before it
            }
        }
        // With no '@' left in the tokens, a comment may have cut the password
        // short (u:pa#ss@host): what follows the ':' is hidden to the line end.
        const int secretEnd = at >= 0 ? at : j;
        for (int k = colon + 1; colon >= 0 && k < secretEnd; ++k)
            (*tokens)[k].secret = true;
        // After the '@' another URL may start on the same line ("@= pg://...").
        i = colon >= 0 && at >= 0 ? at + 1 : qMax(i + 1, j);
    }
}

} // namespace

bool PythonTokenizer::tokenize(const QString &source, QList<Token> *tokens, Error *error)
{
    tokens->clear();
    Error scratch;
    Scanner scanner(source, tokens, error ? error : &scratch);
    if (scanner.run()) {
        markUrlPasswords(source, tokens);
        return true;
    }
    tokens->clear();
    return false;
}

int PythonTokenizer::indentation(const QString &source, int offset)
{
    int lineStart = qBound(0, offset, int(source.size()));
    while (lineStart > 0 && source.at(lineStart - 1) != QLatin1Char('\n') &&
           source.at(lineStart - 1) != QLatin1Char('\r'))
        --lineStart;
    int width = 0;
    for (int i = lineStart; i < offset && i < source.size(); ++i) {
        const QChar c = source.at(i);
        if (c == QLatin1Char('\t'))
            width = (width / 8 + 1) * 8;
        else if (c == QLatin1Char('\f'))
            width = 0;
        else if (c == QLatin1Char(' '))
            ++width;
        else
            break;
    }
    return width;
}
