#include "core/settings/bindstore.h"

#include <QSettings>

BindStore::BindStore(QSettings *settings)
    : m_settings(settings)
{
}

QList<BindStore::Entry> BindStore::load() const
{
    QList<Entry> entries;
    const int size = m_settings->beginReadArray(QStringLiteral("binds"));
    for (int i = 0; i < size; ++i) {
        m_settings->setArrayIndex(i);
        const auto url = Url::parse(m_settings->value(QStringLiteral("url")).toString());
        const QString name = m_settings->value(QStringLiteral("name")).toString();
        if (!url || name.isEmpty())
            continue; // a hand-edited or damaged entry: skip it, keep the rest
        Entry entry;
        entry.bind.name = name;
        entry.bind.url = *url;
        PoolOptions &o = entry.bind.options;
        o.poolSize = m_settings->value(QStringLiteral("pool_size"), o.poolSize).toInt();
        o.maxOverflow = m_settings->value(QStringLiteral("max_overflow"), o.maxOverflow).toInt();
        o.timeout = m_settings->value(QStringLiteral("pool_timeout"), o.timeout).toDouble();
        o.recycle = m_settings->value(QStringLiteral("pool_recycle"), o.recycle).toDouble();
        o.prePing = m_settings->value(QStringLiteral("pool_pre_ping"), o.prePing).toBool();
        o.lifo = m_settings->value(QStringLiteral("pool_use_lifo"), o.lifo).toBool();
        o.leakThreshold =
            m_settings->value(QStringLiteral("leak_threshold"), o.leakThreshold).toDouble();
        o.readOnly = m_settings->value(QStringLiteral("read_only"), o.readOnly).toBool();
        o.connectTimeout =
            m_settings->value(QStringLiteral("connect_timeout"), o.connectTimeout).toInt();
        if (!o.validate().isEmpty())
            entry.bind.options = PoolOptions();
        entry.needsPassword = m_settings->value(QStringLiteral("needs_password"), false).toBool();
        entries.append(entry);
    }
    m_settings->endArray();
    return entries;
}

void BindStore::save(const QList<Entry> &entries)
{
    m_settings->remove(QStringLiteral("binds"));
    m_settings->beginWriteArray(QStringLiteral("binds"), int(entries.size()));
    for (int i = 0; i < entries.size(); ++i) {
        m_settings->setArrayIndex(i);
        const Entry &entry = entries.at(i);
        const PoolOptions &o = entry.bind.options;
        m_settings->setValue(QStringLiteral("name"), entry.bind.name);
        m_settings->setValue(QStringLiteral("url"), entry.bind.url.withoutPassword().render(false));
        m_settings->setValue(QStringLiteral("pool_size"), o.poolSize);
        m_settings->setValue(QStringLiteral("max_overflow"), o.maxOverflow);
        m_settings->setValue(QStringLiteral("pool_timeout"), o.timeout);
        m_settings->setValue(QStringLiteral("pool_recycle"), o.recycle);
        m_settings->setValue(QStringLiteral("pool_pre_ping"), o.prePing);
        m_settings->setValue(QStringLiteral("pool_use_lifo"), o.lifo);
        m_settings->setValue(QStringLiteral("leak_threshold"), o.leakThreshold);
        m_settings->setValue(QStringLiteral("read_only"), o.readOnly);
        m_settings->setValue(QStringLiteral("connect_timeout"), o.connectTimeout);
        m_settings->setValue(QStringLiteral("needs_password"),
                             entry.needsPassword || entry.bind.url.hasPassword());
    }
    m_settings->endArray();
    m_settings->sync();
}
