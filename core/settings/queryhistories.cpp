#include "core/settings/queryhistories.h"

#include "core/settings/queryhistory.h"
#include "core/settings/settingswriter.h"

QueryHistories::QueryHistories(QSettings *settings)
    : m_settings(settings)
    , m_writer(std::make_unique<SettingsWriter>(*settings))
{
}

QueryHistories::~QueryHistories() = default;

QueryHistory *QueryHistories::of(const QString &bind)
{
    std::shared_ptr<QueryHistory> &history = m_histories[bind];
    if (!history)
        history = std::make_shared<QueryHistory>(m_settings, m_writer.get(), bind);
    return history.get();
}
