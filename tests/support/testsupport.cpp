#include "tests/support/testsupport.h"

#include "core/connection/connection.h"
#include "core/models/resultmodel.h"
#include "core/pool/engine.h"
#include "core/pool/eventlog.h"
#include "core/pool/pool.h"
#include "core/pool/poolevent.h"
#include "core/pool/session.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUuid>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace testsupport {

namespace {

const char *envName(Dialect dialect)
{
    return dialect == Dialect::PostgreSQL ? "POOLSCOPE_TEST_POSTGRES_URL"
                                          : "POOLSCOPE_TEST_MARIADB_URL";
}

QTemporaryDir &sqliteFolder()
{
    static QTemporaryDir folder;
    return folder;
}

} // namespace

QList<Dialect> dialectsUnderTest()
{
    const QString chosen = qEnvironmentVariable("POOLSCOPE_TEST_DIALECT");
    if (chosen == QLatin1String("sqlite"))
        return {Dialect::SQLite};
    if (chosen == QLatin1String("postgresql"))
        return {Dialect::PostgreSQL};
    if (chosen == QLatin1String("mariadb") || chosen == QLatin1String("mysql"))
        return {Dialect::MySQL};
    return {Dialect::SQLite, Dialect::PostgreSQL, Dialect::MySQL};
}

QString tagOf(Dialect dialect)
{
    return dialect == Dialect::MySQL ? QStringLiteral("mariadb") : dialects::name(dialect);
}

void addDialectRows()
{
    QTest::addColumn<Dialect>("dialect");
    for (Dialect dialect : dialectsUnderTest())
        QTest::newRow(qPrintable(tagOf(dialect))) << dialect;
}

QString endlessStatement(Dialect dialect)
{
    switch (dialect) {
    case Dialect::PostgreSQL:
        return QStringLiteral("SELECT pg_sleep(60)");
    case Dialect::MySQL:
        return QStringLiteral("SELECT SLEEP(60)");
    case Dialect::SQLite:
        break;
    }
    return QStringLiteral(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n");
}

std::optional<Url> environmentUrl(const char *variable, QString *why)
{
    const QString text = qEnvironmentVariable(variable);
    std::optional<Url> url = text.isEmpty() ? std::nullopt : Url::parse(text);
    if (!url)
        *why = QStringLiteral("%1 is not set (run under tests/servers/with-servers.sh)")
                   .arg(QLatin1String(variable));
    return url;
}

bool serversRequired()
{
    return qEnvironmentVariable("POOLSCOPE_TEST_SERVERS_REQUIRED") == QLatin1String("1");
}

std::optional<Url> databaseUrl(Dialect dialect, QString *why)
{
    if (dialect == Dialect::SQLite) {
        static QAtomicInteger<int> counter;
        const QString path =
            sqliteFolder().filePath(QStringLiteral("test-%1.sqlite").arg(++counter));
        return Url::parse(QStringLiteral("sqlite:///") + path, why);
    }
    const QString text = qEnvironmentVariable(envName(dialect));
    if (text.isEmpty()) {
        *why = QStringLiteral("%1 is not set: no %2 server for this test (make test, or "
                              "tests/servers/with-servers.sh, starts one)")
                   .arg(QString::fromLatin1(envName(dialect)), dialects::displayName(dialect));
        return std::nullopt;
    }
    return Url::parse(text, why);
}

QString uniqueBindName(const QString &stem)
{
    static QAtomicInteger<int> counter;
    return QStringLiteral("%1-%2-%3").arg(stem).arg(::getpid()).arg(++counter);
}

QString uniqueIdentifier(const QString &stem)
{
    return uniqueBindName(stem).replace(QLatin1Char('-'), QLatin1Char('_'));
}

Bind makeBind(const Url &url, const QString &stem, const PoolOptions &options)
{
    return Bind{uniqueBindName(stem), url, options};
}

int openFileHandles(const QString &path)
{
    const QString target = QFileInfo(path).canonicalFilePath();
    if (target.isEmpty())
        return 0;
    int count = 0;
    const QDir fds(QStringLiteral("/proc/self/fd"));
    const auto entries = fds.entryList(QDir::Files | QDir::System | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        if (QFileInfo(fds.filePath(entry)).symLinkTarget() == target)
            ++count;
    }
    return count;
}

bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        QThread::msleep(1);
    }
    return true;
}

Connection *checkout(Pool *pool, const QString &owner, QString *error, int timeoutMs)
{
    struct Outcome
    {
        bool done = false;
        Connection *connection = nullptr;
        QString error;
    };
    auto outcome = std::make_shared<Outcome>();
    pool->checkout(owner, nullptr, [outcome](Connection *connection, const QString &message) {
        outcome->done = true;
        outcome->connection = connection;
        outcome->error = message;
    });
    if (!waitUntil([&] { return outcome->done; }, timeoutMs)) {
        if (error)
            *error = QStringLiteral("checkout did not finish in time");
        return nullptr;
    }
    if (error)
        *error = outcome->error;
    return outcome->connection;
}

namespace {

QStringList rowText(const RowBatch &batch, int row)
{
    QStringList cells;
    for (int c = 0; c < batch.columnCount(); ++c) {
        const CellView cell = batch.cell(row, c);
        cells << (cell.isNull() ? QStringLiteral("NULL") : ResultModel::displayText(cell));
    }
    return cells;
}

} // namespace

StatementResult run(Connection *connection, const QString &sql, QList<QStringList> *rows,
                    int timeoutMs)
{
    QObject context;
    quint64 request = 0;
    bool done = false;
    StatementResult outcome;
    QObject::connect(connection, &Connection::rowsReady, &context,
                     [&](quint64 id, const RowBatch &batch) {
                         if (id == request && rows) {
                             for (int r = 0; r < batch.rowCount(); ++r)
                                 rows->append(rowText(batch, r));
                         }
                     });
    QObject::connect(connection, &Connection::finished, &context,
                     [&](quint64 id, const StatementResult &result) {
                         if (id == request) {
                             outcome = result;
                             done = true;
                         }
                     });
    request = connection->execute(sql);
    if (!waitUntil([&] { return done; }, timeoutMs))
        outcome.error = QStringLiteral("statement did not finish in time");
    return outcome;
}

StatementResult run(Session *session, const QString &sql, QList<QStringList> *rows, int timeoutMs)
{
    QObject context;
    bool done = false;
    StatementResult outcome;
    QObject::connect(session, &Session::rowsReady, &context, [&](const RowBatch &batch) {
        if (rows) {
            for (int r = 0; r < batch.rowCount(); ++r)
                rows->append(rowText(batch, r));
        }
    });
    QObject::connect(session, &Session::finished, &context, [&](const StatementResult &result) {
        outcome = result;
        done = true;
    });
    if (!session->execute(sql)) {
        outcome.error = QStringLiteral("the session is busy");
        return outcome;
    }
    if (!waitUntil([&] { return done; }, timeoutMs))
        outcome.error = QStringLiteral("statement did not finish in time");
    return outcome;
}

QSet<qint64> serverIdsSeen(const QList<PoolEvent> &events)
{
    QSet<qint64> ids;
    for (const PoolEvent &event : events) {
        if (event.serverId > 0)
            ids.insert(event.serverId);
    }
    return ids;
}

ProgramRun runProgram(const QString &program, const QStringList &arguments,
                      const QProcessEnvironment &environment, int timeoutMs,
                      const QString &workingDirectory)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.start(program, arguments);
    ProgramRun run;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.finished = true;
    run.exit = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

ServerProbe::ServerProbe(const Url &url)
    : m_dialect(url.dialect())
    , m_name(QStringLiteral("probe-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    QSqlDatabase db = QSqlDatabase::addDatabase(dialects::qtDriver(m_dialect), m_name);
    if (m_dialect == Dialect::SQLite) {
        db.setDatabaseName(url.database());
    } else {
        db.setHostName(url.host());
        db.setPort(url.port());
        db.setDatabaseName(url.database());
        db.setUserName(url.username());
        db.setPassword(url.password());
    }
    if (!db.open())
        m_error = db.lastError().text();
}

ServerProbe::~ServerProbe()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

bool ServerProbe::isOpen() const
{
    return QSqlDatabase::database(m_name, false).isOpen();
}

QString ServerProbe::error() const
{
    return m_error;
}

QString ServerProbe::scalar(const QString &sql)
{
    QSqlQuery query(QSqlDatabase::database(m_name, false));
    if (!query.exec(sql)) {
        m_error = query.lastError().text();
        return QString();
    }
    return query.next() ? query.value(0).toString() : QString();
}

bool ServerProbe::exec(const QString &sql)
{
    QSqlQuery query(QSqlDatabase::database(m_name, false));
    if (!query.exec(sql)) {
        m_error = query.lastError().text();
        return false;
    }
    return true;
}

int ServerProbe::liveSessions(const QSet<qint64> &serverIds)
{
    if (serverIds.isEmpty() || m_dialect == Dialect::SQLite)
        return 0;
    QStringList ids;
    for (qint64 id : serverIds)
        ids << QString::number(id);
    const QString sql =
        m_dialect == Dialect::PostgreSQL
            ? QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE pid IN (%1)")
            : QStringLiteral(
                  "SELECT count(*) FROM information_schema.PROCESSLIST WHERE ID IN (%1)");
    const QString count = scalar(sql.arg(ids.join(QLatin1Char(','))));
    return count.isEmpty() ? -1 : count.toInt();
}

int sessionsOnServer(ServerProbe &probe, Engine *engine)
{
    switch (engine->dialect()) {
    case Dialect::SQLite:
        return openFileHandles(engine->url().database());
    case Dialect::PostgreSQL:
        return probe.sessionsOfBind(engine->name());
    case Dialect::MySQL:
        return probe.liveSessions(serverIdsSeen(engine->eventLog()->events()));
    }
    return -1;
}

int ServerProbe::sessionsOfBind(const QString &bindName)
{
    return scalar(
               QStringLiteral(
                   "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'poolscope:%1'")
                   .arg(bindName))
        .toInt();
}

bool ServerProbe::kill(qint64 serverId)
{
    const bool sent =
        m_dialect == Dialect::PostgreSQL
            ? scalar(QStringLiteral("SELECT pg_terminate_backend(%1)").arg(serverId)) ==
                  QLatin1String("true")
            : exec(QStringLiteral("KILL CONNECTION %1").arg(serverId));
    if (!sent)
        return false;
    // Both servers answer before the session is really gone.
    QDeadlineTimer deadline(5000);
    while (liveSessions({serverId}) > 0) {
        if (deadline.hasExpired())
            return false;
        QThread::msleep(2);
    }
    return true;
}

bool createHitsTable(ServerProbe &probe, const QString &table)
{
    if (!probe.exec(QStringLiteral(
                        "CREATE TABLE %1 (id INTEGER PRIMARY KEY, hits INTEGER NOT NULL DEFAULT 0)")
                        .arg(table)))
        return false;
    for (int id : {1, 2, 3, 4, 5, 1001, 1002, 1003, 1004, 1005}) {
        if (!probe.exec(QStringLiteral("INSERT INTO %1 (id) VALUES (%2)").arg(table).arg(id)))
            return false;
    }
    return true;
}

int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) == 0)
        port = ntohs(address.sin_port);
    ::close(fd);
    return port;
}

int lineOf(const QString &path, const QByteArray &marker)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (int i = 0; i < lines.size(); ++i) {
        if (lines.at(i).contains(marker))
            return i + 1;
    }
    return -1;
}

} // namespace testsupport
