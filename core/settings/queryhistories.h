#pragma once

#include <QHash>
#include <QString>

#include <memory>

class QSettings;
class QueryHistory;
class SettingsWriter;

// One QueryHistory per bind name, made on first use and shared by every tab
// of that bind, so two tabs never keep diverging copies of one history. They
// write through one SettingsWriter; destroying this object (at quit) waits
// until every change is on disk.
class QueryHistories final
{
public:
    explicit QueryHistories(QSettings *settings);
    ~QueryHistories();
    QueryHistories(const QueryHistories &) = delete;
    QueryHistories &operator=(const QueryHistories &) = delete;

    // Lives as long as this object.
    QueryHistory *of(const QString &bind);

private:
    QSettings *m_settings;
    std::unique_ptr<SettingsWriter> m_writer; // outlives the histories, for their last writes
    QHash<QString, std::shared_ptr<QueryHistory>> m_histories;
};
