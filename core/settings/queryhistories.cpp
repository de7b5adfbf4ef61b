#include "core/settings/queryhistories.h"

#include "core/settings/queryhistory.h"

QueryHistories::QueryHistories(QSettings *settings)
    : m_settings(settings)
{
}

QueryHistories::~QueryHistories() = default;

QueryHistory *QueryHistories::of(const QString &bind)
{
    std::shared_ptr<QueryHistory> &history = m_histories[bind];
    if (!history)
        history = std::make_shared<QueryHistory>(m_settings, bind);
    return history.get();
}
