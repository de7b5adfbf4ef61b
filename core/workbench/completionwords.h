#pragma once

#include <QHash>
#include <QObject>
#include <QStringList>

struct Schema;

// The words a bind's SQL editors complete: its tables' and columns' names,
// taken from the last schema read of that bind.
class CompletionWords final : public QObject
{
    Q_OBJECT

public:
    explicit CompletionWords(QObject *parent = nullptr);

    void update(const QString &bind, const Schema &schema);
    QStringList of(const QString &bind) const { return m_words.value(bind); }

Q_SIGNALS:
    void changed(const QString &bind, const QStringList &words);

private:
    QHash<QString, QStringList> m_words;
};
