#pragma once

#include <QHash>
#include <QString>

#include <memory>

class QSettings;
class QueryHistory;

// One QueryHistory per bind name, made on first use and shared by every tab
// of that bind, so two tabs never keep diverging copies of one history.
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
    QHash<QString, std::shared_ptr<QueryHistory>> m_histories;
};
