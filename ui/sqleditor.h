#pragma once

#include "core/sql/dialect.h"

#include <Qsci/qsciscintilla.h>

class CompletionApis;
class QsciLexerSQL;

// The SQL editor of a session tab: QScintilla with SQL highlighting, line
// numbers, brace matching, completion of table and column names, and a mark
// under the place where the server says an error is.
class SqlEditor final : public QsciScintilla
{
    Q_OBJECT

public:
    explicit SqlEditor(Dialect dialect, QWidget *parent = nullptr);

    // The selection when there is one, else the statement at the cursor, with
    // its offset in the text (for error positions).
    QString statementAtCursor(int *offset = nullptr) const;
    // Every statement of the text, or of the selection when there is one.
    QStringList allStatements() const;
    // Marks the character at offset (in the whole text) and moves the cursor there.
    void markError(int offset);
    void clearErrorMark();
    // Words offered by completion: table and column names of the bind;
    // completionWordsReady() says they are offered.
    void setCompletionWords(const QStringList &words);
    // The words completion offers for what was typed.
    QStringList completionsOf(const QString &typed) const;
    int completionWordCount() const;

Q_SIGNALS:
    void completionWordsReady();

private:
    int offsetToPosition(int offset) const;

    Dialect m_dialect;
    QsciLexerSQL *m_lexer;
    CompletionApis *m_apis;
    int m_errorIndicator = 8;
};
