#include "ui/sqleditor.h"

#include <QFontDatabase>
#include <Qsci/qscilexersql.h>

SqlEditor::SqlEditor(QWidget *parent)
    : QsciScintilla(parent)
    , m_lexer(new QsciLexerSQL(this))
{
    const QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_lexer->setDefaultFont(font);
    m_lexer->setFont(font);
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
}

QString SqlEditor::statementAtCursor() const
{
    if (hasSelectedText())
        return selectedText();
    // Until the SQL splitter lands: the paragraph around the cursor.
    const QString all = text();
    int line = 0, index = 0;
    getCursorPosition(&line, &index);
    const QStringList lines = all.split(QLatin1Char('\n'));
    int first = line, last = line;
    while (first > 0 && !lines.at(first - 1).trimmed().isEmpty())
        --first;
    while (last + 1 < lines.size() && !lines.at(last + 1).trimmed().isEmpty())
        ++last;
    QStringList statement;
    for (int i = first; i <= last && i < lines.size(); ++i)
        statement << lines.at(i);
    return statement.join(QLatin1Char('\n')).trimmed();
}
