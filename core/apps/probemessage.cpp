#include "core/apps/probemessage.h"

#include "core/config/url.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace {

constexpr int kMaxFrames = 64;
constexpr int kMaxConnections = 10000;

// Reads keys of one object, remembering the first thing that was wrong.
class Reader
{
public:
    explicit Reader(QString *why)
        : m_why(why)
    {
    }

    bool ok() const { return m_ok; }
    void fail(const QString &why)
    {
        if (m_ok && m_why)
            *m_why = why;
        m_ok = false;
    }

    QString text(const QJsonObject &object, const QString &key, bool required = false)
    {
        const QJsonValue value = object.value(key);
        if (value.isString())
            return value.toString();
        if (!value.isNull() && !value.isUndefined())
            fail(QStringLiteral("'%1' is not a string").arg(key));
        else if (required)
            fail(QStringLiteral("'%1' is missing").arg(key));
        return QString();
    }

    std::optional<double> number(const QJsonObject &object, const QString &key,
                                 bool required = false)
    {
        const QJsonValue value = object.value(key);
        if (value.isDouble() && std::isfinite(value.toDouble()))
            return value.toDouble();
        if (!value.isNull() && !value.isUndefined())
            fail(QStringLiteral("'%1' is not a number").arg(key));
        else if (required)
            fail(QStringLiteral("'%1' is missing").arg(key));
        return std::nullopt;
    }

    std::optional<qint64> integer(const QJsonObject &object, const QString &key,
                                  bool required = false)
    {
        const std::optional<double> value = number(object, key, required);
        if (!value)
            return std::nullopt;
        if (*value != std::floor(*value) || std::fabs(*value) > 9.0e15) {
            fail(QStringLiteral("'%1' is not an integer").arg(key));
            return std::nullopt;
        }
        return qint64(*value);
    }

    QList<ProbeMessage::Frame> stack(const QJsonObject &object)
    {
        QList<ProbeMessage::Frame> frames;
        const QJsonValue value = object.value(QStringLiteral("stack"));
        if (value.isNull() || value.isUndefined())
            return frames;
        if (!value.isArray()) {
            fail(QStringLiteral("'stack' is not a list"));
            return frames;
        }
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array) {
            if (frames.size() == kMaxFrames)
                break;
            if (!item.isObject()) {
                fail(QStringLiteral("a frame is not an object"));
                return frames;
            }
            const QJsonObject frame = item.toObject();
            ProbeMessage::Frame read;
            read.file = text(frame, QStringLiteral("file"), true);
            read.line = int(integer(frame, QStringLiteral("line")).value_or(0));
            read.function = text(frame, QStringLiteral("function"));
            read.code = text(frame, QStringLiteral("code"));
            frames.append(read);
        }
        return frames;
    }

    ProbeMessage::Connection connection(const QJsonObject &object)
    {
        ProbeMessage::Connection read;
        read.id = text(object, QStringLiteral("id"), true);
        read.serverId = integer(object, QStringLiteral("server_id"));
        const QString state = text(object, QStringLiteral("state"), true);
        if (state != QLatin1String("checked_out") && state != QLatin1String("idle"))
            fail(QStringLiteral("unknown connection state '%1'").arg(state.left(40)));
        read.checkedOut = state == QLatin1String("checked_out");
        read.connectedAt = number(object, QStringLiteral("connected")).value_or(0);
        read.checkedOutAt = number(object, QStringLiteral("checked_out"));
        read.stack = stack(object);
        return read;
    }

    ProbeMessage::Engine engine(const QJsonObject &object)
    {
        ProbeMessage::Engine read;
        read.id = text(object, QStringLiteral("id"), true);
        read.bind = text(object, QStringLiteral("bind"));
        // The probe hides passwords; one that still shows (an older or foreign
        // probe) is hidden here too, so none reaches a screen or a log.
        read.url = Url::redact(text(object, QStringLiteral("url")));
        read.dialect = text(object, QStringLiteral("dialect"));
        read.status = text(object, QStringLiteral("status"));
        const QJsonObject pool = object.value(QStringLiteral("pool")).toObject();
        read.poolClass = text(pool, QStringLiteral("class"));
        if (const auto size = integer(pool, QStringLiteral("size")))
            read.size = int(*size);
        if (const auto overflow = integer(pool, QStringLiteral("max_overflow")))
            read.maxOverflow = int(*overflow);
        read.timeout = number(pool, QStringLiteral("timeout")).value_or(0);
        const QJsonArray connections = object.value(QStringLiteral("connections")).toArray();
        for (const QJsonValue &item : connections) {
            if (read.connections.size() == kMaxConnections || !item.isObject())
                break;
            read.connections.append(connection(item.toObject()));
        }
        return read;
    }

    ProbeMessage::Hello hello(const QJsonObject &object)
    {
        ProbeMessage::Hello read;
        read.protocol = int(integer(object, QStringLiteral("protocol"), true).value_or(0));
        read.pid = integer(object, QStringLiteral("pid"), true).value_or(0);
        read.ppid = integer(object, QStringLiteral("ppid")).value_or(0);
        read.program = text(object, QStringLiteral("program"));
        const QJsonArray argv = object.value(QStringLiteral("argv")).toArray();
        // A program started with its database URL in its arguments would
        // otherwise show the password on every screen that names it.
        for (const QJsonValue &item : argv)
            read.argv << Url::redact(item.toString());
        read.cwd = text(object, QStringLiteral("cwd"));
        read.python = text(object, QStringLiteral("python"));
        read.sqlalchemy = text(object, QStringLiteral("sqlalchemy"));
        if (read.pid <= 0)
            fail(QStringLiteral("'pid' is not a process id"));
        return read;
    }

private:
    QString *m_why;
    bool m_ok = true;
};

std::optional<ProbeMessage::Type> typeOf(const QString &name)
{
    using Type = ProbeMessage::Type;
    static const QHash<QString, Type> types{
        {QStringLiteral("hello"), Type::Hello},     {QStringLiteral("snapshot"), Type::Snapshot},
        {QStringLiteral("engine"), Type::Engine},   {QStringLiteral("pool"), Type::Pool},
        {QStringLiteral("session"), Type::Session}, {QStringLiteral("heartbeat"), Type::Heartbeat},
        {QStringLiteral("bye"), Type::Bye}};
    const auto found = types.constFind(name);
    if (found == types.constEnd())
        return std::nullopt;
    return *found;
}

} // namespace

QString ProbeMessage::Frame::location() const
{
    const QString name = file.section(QLatin1Char('/'), -1);
    QString where = line > 0 ? QStringLiteral("%1:%2").arg(name).arg(line) : name;
    if (!function.isEmpty())
        where += QStringLiteral(" in %1").arg(function);
    return where;
}

QString ProbeMessage::Hello::title() const
{
    QStringList words = argv;
    if (!words.isEmpty())
        words.first() = words.first().section(QLatin1Char('/'), -1);
    const QString joined = words.join(QLatin1Char(' '));
    return joined.isEmpty() ? program : joined;
}

std::optional<ProbeMessage> ProbeMessage::parse(const QByteArray &line, QString *why)
{
    if (line.size() > kMaxLineBytes) {
        if (why)
            *why = QStringLiteral("longer than %1 bytes").arg(kMaxLineBytes);
        return std::nullopt;
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        if (why)
            *why = error.error != QJsonParseError::NoError ? error.errorString()
                                                           : QStringLiteral("not a JSON object");
        return std::nullopt;
    }
    const QJsonObject object = document.object();
    Reader reader(why);
    const std::optional<Type> type = typeOf(reader.text(object, QStringLiteral("type"), true));
    if (!type) {
        reader.fail(QStringLiteral("unknown 'type'"));
        return std::nullopt;
    }
    ProbeMessage message;
    message.type = *type;
    message.time = reader.number(object, QStringLiteral("t"), true).value_or(0);
    switch (message.type) {
    case Type::Hello:
        message.hello = reader.hello(object);
        break;
    case Type::Snapshot: {
        const QJsonValue engines = object.value(QStringLiteral("engines"));
        if (!engines.isArray())
            reader.fail(QStringLiteral("'engines' is not a list"));
        const QJsonArray array = engines.toArray();
        for (const QJsonValue &item : array) {
            if (!item.isObject()) {
                reader.fail(QStringLiteral("an engine is not an object"));
                break;
            }
            message.engines.append(reader.engine(item.toObject()));
        }
        break;
    }
    case Type::Engine:
        message.engines.append(reader.engine(object.value(QStringLiteral("engine")).toObject()));
        break;
    case Type::Pool:
    case Type::Session:
        message.engineId = reader.text(object, QStringLiteral("engine"), *type == Type::Pool);
        message.event = reader.text(object, QStringLiteral("event"), true);
        message.connectionId = reader.text(object, QStringLiteral("connection"));
        message.serverId = reader.integer(object, QStringLiteral("server_id"));
        message.status = reader.text(object, QStringLiteral("status"));
        message.sessionId = reader.text(object, QStringLiteral("session"));
        message.stack = reader.stack(object);
        break;
    case Type::Heartbeat:
        message.dropped = reader.integer(object, QStringLiteral("dropped")).value_or(0);
        break;
    case Type::Bye:
        break;
    }
    if (!reader.ok())
        return std::nullopt;
    return message;
}
