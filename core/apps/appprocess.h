#pragma once

#include "core/apps/probemessage.h"

#include <QList>
#include <QMetaType>

// One probed process as its messages describe it: who it is (hello), its
// engines with their pools and connections, and what went wrong on the way.
// apply() is the whole state machine of docs/probe.md; it trusts nothing, so a
// message about an engine or connection it does not know changes nothing.
struct AppProcess
{
    // A connection the garbage collector returned: the application dropped it
    // without closing it. Kept so the line that took it stays visible.
    struct Collected
    {
        QString engineId;
        std::optional<qint64> serverId;
        double time = 0;
        QList<ProbeMessage::Frame> stack; // of the checkout that took it
    };

    static constexpr int kMaxCollected = 100;

    ProbeMessage::Hello hello;
    QList<ProbeMessage::Engine> engines;
    QList<Collected> collected; // newest last, at most kMaxCollected
    double lastSeen = 0;        // probe clock of the newest message
    qint64 dropped = 0;         // lines the probe could not send us
    qint64 malformed = 0;       // lines we could not read
    bool greeted = false;       // hello and snapshot arrived

    qint64 pid() const { return hello.pid; }
    void apply(const ProbeMessage &message);

    ProbeMessage::Engine *engine(const QString &id);
    const ProbeMessage::Engine *engine(const QString &id) const;
    // A checked-out connection held longer than threshold seconds at now.
    static bool isHeldTooLong(const ProbeMessage::Connection &connection, double now,
                              double threshold);

private:
    void applyPool(const ProbeMessage &message);
};

Q_DECLARE_METATYPE(AppProcess)
