#include "ui/completionapis.h"

CompletionApis::CompletionApis(QsciLexer *lexer)
    : QsciAbstractAPIs(lexer)
{
}

void CompletionApis::updateAutoCompletionList(const QStringList &context, QStringList &list)
{
    const QString typed = context.isEmpty() ? QString() : context.last();
    if (typed.isEmpty())
        return;
    for (const QString &word : std::as_const(m_words)) {
        if (word.startsWith(typed, Qt::CaseInsensitive))
            list << word;
    }
}

QStringList CompletionApis::callTips(const QStringList &context, int commas,
                                     QsciScintilla::CallTipsStyle style, QList<int> &shifts)
{
    Q_UNUSED(context)
    Q_UNUSED(commas)
    Q_UNUSED(style)
    Q_UNUSED(shifts)
    return QStringList();
}
