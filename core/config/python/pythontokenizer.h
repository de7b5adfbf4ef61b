#pragma once

#include <QList>
#include <QString>

// Splits Python source into tokens without running or importing anything: names,
// numbers, strings (any prefix, triple quotes), operators and brackets, with
// comments, blank lines and line continuations dropped and each logical line
// closed by a Newline token. Brackets are matched here, so later stages can
// jump over a bracketed group in one step. Linear in the size of the source;
// nesting deeper than kMaxNesting is a syntax error, as in CPython.
class PythonTokenizer final
{
public:
    struct Token
    {
        enum class Kind : quint8 { Name, Number, String, Operator, Open, Close, Newline, End };
        Kind kind = Kind::End;
        int start = 0; // offset in the source
        int length = 0;
        int line = 1; // 1-based
        int column = 1;
        int match = -1; // Open: index of its Close token; Close: index of its Open token
        // Part of the password of a URL written outside quotes
        // (postgresql://app:secret@db): messages never show it.
        bool secret = false;
    };

    struct Error
    {
        int line = 0;
        int column = 0;
        QString message;
    };

    static constexpr int kMaxNesting = 200;

    // False with *error on the first syntax error (unterminated string, unmatched
    // bracket, a character Python does not allow, ...).
    static bool tokenize(const QString &source, QList<Token> *tokens, Error *error);

    // Width of the indentation of the line that holds offset, counting a tab up
    // to the next multiple of 8 as Python does.
    static int indentation(const QString &source, int offset);
};
