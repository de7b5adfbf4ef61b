#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// One line a probed application sends (docs/probe.md, "Messages"), read into
// values. Parsing is strict about types and lenient about unknown keys, so a
// later probe can add keys and a broken or hostile line is one counted drop.
struct ProbeMessage
{
    enum class Type { Hello, Snapshot, Engine, Pool, Session, Heartbeat, Bye };

    struct Frame
    {
        QString file;
        int line = 0;
        QString function;
        QString code;
        // "dao.py:42 in add"
        QString location() const;
    };

    struct Connection
    {
        QString id;
        std::optional<qint64> serverId;
        bool checkedOut = false;
        double connectedAt = 0;               // probe clock, seconds since the epoch
        std::optional<double> checkedOutAt{}; // set while checked out
        QList<Frame> stack;                   // innermost first; empty when idle
    };

    struct Engine
    {
        QString id;
        QString bind; // Flask-SQLAlchemy bind key, empty when none
        QString url;  // password already hidden by the probe, and again here
        QString dialect;
        QString poolClass;
        std::optional<int> size{};
        std::optional<int> maxOverflow{};
        double timeout = 0;
        QString status; // SQLAlchemy's Pool.status()
        QList<Connection> connections;
    };

    struct Hello
    {
        int protocol = 0;
        qint64 pid = 0;
        qint64 ppid = 0;
        QString program;
        QStringList argv;
        QString cwd;
        QString python;
        QString sqlalchemy;
        // The command line as a person reads it: "gunicorn -w 2 app:app".
        QString title() const;
    };

    // The longest line read; longer ones are dropped unread.
    static constexpr int kMaxLineBytes = 64 * 1024;

    // One JSON line, or nullopt with *why.
    static std::optional<ProbeMessage> parse(const QByteArray &line, QString *why);

    Type type = Type::Heartbeat;
    double time = 0;
    Hello hello;           // Hello
    QList<Engine> engines; // Snapshot: all; Engine: the one
    QString engineId;      // Pool, Session
    QString event;         // Pool: connect, checkout, ..., gc; Session: begin, commit, ...
    QString connectionId;  // Pool, Session (may be empty)
    std::optional<qint64> serverId{};
    QString status;     // Pool
    QList<Frame> stack; // Pool checkout, Session
    QString sessionId;  // Session
    qint64 dropped = 0; // Heartbeat
};
