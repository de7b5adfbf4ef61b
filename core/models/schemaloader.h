#pragma once

#include "core/schema/schema.h"

#include <QObject>
#include <QPointer>

class Engine;
class Session;

// Reads an engine's schema from the GUI thread: borrows a connection through
// its own session (owner "schema browser"), reads on that connection's worker
// and answers with loaded() or failed(). Cancel, load again, or destroy it at
// any time: the connection always goes back to the pool.
class SchemaLoader final : public QObject
{
    Q_OBJECT

public:
    explicit SchemaLoader(Engine *engine, QObject *parent = nullptr);
    ~SchemaLoader() override;

    // Starts a read of schemas (see SchemaReader); false while one runs.
    bool load(const QStringList &schemas = QStringList());
    // Stops the running read; failed("Cancelled") follows.
    void cancel();
    bool isLoading() const;
    Engine *engine() const;

Q_SIGNALS:
    void loaded(const Schema &schema);
    void failed(const QString &error);

private:
    void onTaskFinished(const QVariant &value, const QString &error);

    QPointer<Engine> m_engine;
    Session *m_session;
};
