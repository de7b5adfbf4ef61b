#include "core/settings/tabstore.h"

#include <QSettings>

namespace {

const QString kArray = QStringLiteral("tabs");
const QString kBind = QStringLiteral("bind");
const QString kText = QStringLiteral("text");

} // namespace

TabStore::TabStore(QSettings *settings)
    : m_settings(settings)
{
}

QList<TabStore::Entry> TabStore::load() const
{
    QList<Entry> entries;
    const int size = m_settings->beginReadArray(kArray);
    for (int i = 0; i < size; ++i) {
        m_settings->setArrayIndex(i);
        entries.append({m_settings->value(kBind).toString(), m_settings->value(kText).toString()});
    }
    m_settings->endArray();
    return entries;
}

void TabStore::save(const QList<Entry> &entries)
{
    m_settings->remove(kArray);
    m_settings->beginWriteArray(kArray, int(entries.size()));
    for (int i = 0; i < entries.size(); ++i) {
        m_settings->setArrayIndex(i);
        m_settings->setValue(kBind, entries.at(i).bind);
        m_settings->setValue(kText, entries.at(i).text);
    }
    m_settings->endArray();
    m_settings->sync();
}
