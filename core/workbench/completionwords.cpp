#include "core/workbench/completionwords.h"

#include "core/schema/schema.h"

CompletionWords::CompletionWords(QObject *parent)
    : QObject(parent)
{
}

void CompletionWords::update(const QString &bind, const Schema &schema)
{
    // A catalog read made its names on its worker; a schema made otherwise
    // has them made here.
    QStringList words = schema.names;
    if (words.isEmpty() && !schema.tables.isEmpty()) {
        Schema shared = schema;
        shared.shareTexts();
        words = shared.names;
    }
    m_words.insert(bind, words);
    Q_EMIT changed(bind, words);
}
