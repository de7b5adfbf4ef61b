#pragma once

#include "core/config/python/pythontokenizer.h"
#include "core/config/python/pythonvalue.h"

#include <QList>
#include <QString>

// Reads Python literal expressions from tokens, as ast.literal_eval() would:
// strings (every prefix, implicit concatenation), numbers, True/False/None,
// dicts, lists, tuples and sets, with unary signs on numbers. Nothing is
// evaluated. A part that is an expression rather than a literal (a name, a call,
// a subscript, an f-string, an operator) becomes a NotLiteral value in place, so
// a dict with one such entry still yields its other entries. In Json mode the
// constants are true/false/null and "\/" is an escape, so the same parser
// gives positions for a JSON document.
class PythonLiteralParser final
{
public:
    enum class Mode { Python, Json };
    using Token = PythonTokenizer::Token;

    PythonLiteralParser(const QString &source, const QList<Token> &tokens,
                        Mode mode = Mode::Python);

    // Parses the tokens [begin, end) as one expression. False with *error for
    // what is not Python at all (an empty value, a broken escape, a malformed
    // number, ...).
    bool parse(int begin, int end, PythonValue *value, PythonTokenizer::Error *error) const;

    // The tokens [begin, end) as short text, with string contents and bracket
    // contents elided: os.environ["DB"] gives os.environ[...]. The password of
    // a URL written outside quotes (postgresql://app:secret@db) is ***.
    QString describe(int begin, int end) const;

    QStringView text(int index) const;
    bool isOperator(int index, QLatin1String op) const;
    // Indices of the tokens between begin and end that are op, outside brackets.
    QList<int> find(int begin, int end, QLatin1String op) const;

private:
    bool parseValue(int begin, int end, int depth, PythonValue *value,
                    PythonTokenizer::Error *error) const;
    bool parseSingle(int begin, int end, int depth, PythonValue *value,
                     PythonTokenizer::Error *error) const;
    bool parseContainer(int open, int depth, PythonValue *value,
                        PythonTokenizer::Error *error) const;
    bool parseSequence(int begin, int end, int depth, PythonValue *value,
                       PythonTokenizer::Error *error) const;
    bool parseDict(int begin, int end, int depth, PythonValue *value,
                   PythonTokenizer::Error *error) const;
    bool parseStrings(int begin, int end, PythonValue *value, PythonTokenizer::Error *error) const;
    bool parseNumber(int index, bool negative, PythonValue *value,
                     PythonTokenizer::Error *error) const;
    bool fail(int index, const QString &message, PythonTokenizer::Error *error) const;
    // Whether token index is a secret (see PythonTokenizer::Token), and its
    // text as a message may show it.
    bool isHidden(int index) const;
    QString shown(int index) const;
    void notLiteral(int begin, int end, PythonValue *value) const;

    const QString &m_source;
    const QList<Token> &m_tokens;
    Mode m_mode;
};
