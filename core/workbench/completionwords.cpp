#include "core/workbench/completionwords.h"

#include "core/schema/schema.h"

CompletionWords::CompletionWords(QObject *parent)
    : QObject(parent)
{
}

void CompletionWords::update(const QString &bind, const Schema &schema)
{
    QStringList words;
    for (const SchemaTable &table : schema.tables) {
        words << table.name;
        for (const SchemaColumn &column : table.columns)
            words << column.name;
    }
    words.removeDuplicates();
    m_words.insert(bind, words);
    Q_EMIT changed(bind, words);
}
