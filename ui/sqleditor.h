#pragma once

#include <Qsci/qsciscintilla.h>

class QsciLexerSQL;

// The SQL editor of a session tab: QScintilla with SQL highlighting, line
// numbers and brace matching.
class SqlEditor final : public QsciScintilla
{
    Q_OBJECT

public:
    explicit SqlEditor(QWidget *parent = nullptr);

    // The selection when there is one, else the statement around the cursor
    // (text between the semicolons or blank lines that surround it).
    QString statementAtCursor() const;

private:
    QsciLexerSQL *m_lexer;
};
