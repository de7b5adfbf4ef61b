#include "ui/sqleditor.h"

#include "core/sql/sqlsplitter.h"
#include "ui/completionapis.h"

#include <QFontDatabase>
#include <Qsci/qscicommand.h>
#include <Qsci/qscicommandset.h>
#include <Qsci/qscilexersql.h>

SqlEditor::SqlEditor(Dialect dialect, QWidget *parent)
    : QsciScintilla(parent)
    , m_dialect(dialect)
    , m_lexer(new QsciLexerSQL(this))
    , m_apis(new CompletionApis(m_lexer))
{
    const QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_lexer->setDefaultFont(font);
    m_lexer->setFont(font);
    m_lexer->setFoldComments(true);
    setLexer(m_lexer);
    setUtf8(true);
    setMarginType(0, QsciScintilla::NumberMargin);
    setMarginWidth(0, QStringLiteral("00000"));
    setBraceMatching(QsciScintilla::SloppyBraceMatch);
    setAutoIndent(true);
    setIndentationsUseTabs(false);
    setTabWidth(4);
    setCaretLineVisible(true);
    setWrapMode(QsciScintilla::WrapNone);
    setAutoCompletionSource(QsciScintilla::AcsAll);
    setAutoCompletionThreshold(2);
    setAutoCompletionCaseSensitivity(false);
    setAutoCompletionReplaceWord(true);
    // Esc cancels the running statement (the tab's action), so the editor
    // must not swallow it.
    if (QsciCommand *command = standardCommands()->boundTo(Qt::Key_Escape))
        command->setKey(0);
    indicatorDefine(QsciScintilla::SquiggleIndicator, m_errorIndicator);
    setIndicatorForegroundColor(QColor(Qt::red), m_errorIndicator);
}

int SqlEditor::offsetToPosition(int offset) const
{
    // Offsets count QChars; Scintilla positions count UTF-8 bytes.
    return int(text().left(offset).toUtf8().size());
}

QString SqlEditor::statementAtCursor(int *offset) const
{
    if (hasSelectedText()) {
        int lineFrom = 0, indexFrom = 0, lineTo = 0, indexTo = 0;
        getSelection(&lineFrom, &indexFrom, &lineTo, &indexTo);
        const int bytes = int(positionFromLineIndex(lineFrom, indexFrom));
        if (offset)
            *offset = int(QString::fromUtf8(text().toUtf8().left(bytes)).size());
        return selectedText();
    }
    int line = 0, index = 0;
    getCursorPosition(&line, &index);
    const QString all = text();
    const int cursor =
        int(QString::fromUtf8(all.toUtf8().left(int(positionFromLineIndex(line, index)))).size());
    const auto statement = SqlSplitter(m_dialect).statementAt(all, cursor);
    if (offset)
        *offset = statement.start;
    return statement.text;
}

QStringList SqlEditor::allStatements() const
{
    QStringList texts;
    const auto statements =
        SqlSplitter(m_dialect).split(hasSelectedText() ? selectedText() : text());
    for (const auto &statement : statements)
        texts << statement.text;
    return texts;
}

void SqlEditor::markError(int offset)
{
    clearErrorMark();
    const int position = offsetToPosition(qBound(0, offset, int(text().size())));
    int line = 0, index = 0;
    lineIndexFromPosition(position, &line, &index);
    SendScintilla(SCI_SETINDICATORCURRENT, m_errorIndicator);
    SendScintilla(SCI_INDICATORFILLRANGE, position,
                  qMax(1, int(SendScintilla(SCI_WORDENDPOSITION, position, true)) - position));
    setCursorPosition(line, index);
    ensureLineVisible(line);
}

void SqlEditor::clearErrorMark()
{
    SendScintilla(SCI_SETINDICATORCURRENT, m_errorIndicator);
    SendScintilla(SCI_INDICATORCLEARRANGE, 0, SendScintilla(SCI_GETLENGTH));
}

void SqlEditor::setCompletionWords(const QStringList &words)
{
    m_apis->setWords(words);
    Q_EMIT completionWordsReady();
}

QStringList SqlEditor::completionsOf(const QString &typed) const
{
    QStringList words;
    m_apis->updateAutoCompletionList({typed}, words);
    return words;
}

int SqlEditor::completionWordCount() const
{
    return m_apis->wordCount();
}
