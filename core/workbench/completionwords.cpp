#include "core/workbench/completionwords.h"

#include "core/schema/schema.h"

#include <QSet>

CompletionWords::CompletionWords(QObject *parent)
    : QObject(parent)
{
}

void CompletionWords::update(const QString &bind, const Schema &schema)
{
    // Deduplicated while collected: building the whole list first and then
    // removing duplicates held the GUI twice as long over 100,000 columns.
    QStringList words;
    QSet<QString> seen;
    seen.reserve(schema.tables.size() * 2);
    const auto add = [&](const QString &word) {
        const qsizetype before = seen.size();
        seen.insert(word);
        if (seen.size() != before)
            words << word;
    };
    for (const SchemaTable &table : schema.tables) {
        add(table.name);
        for (const SchemaColumn &column : table.columns)
            add(column.name);
    }
    m_words.insert(bind, words);
    Q_EMIT changed(bind, words);
}
