#include "core/connection/connectionworker.h"

#include "core/connection/runningstatement.h"
#include "core/driver/nativeconnection.h"
#include "core/driver/openssllifetime.h"
#include "core/driver/rowsink.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QThread>
#include <QUrl>

namespace {

// libpq conninfo value quoting: single quotes, backslash-escaped.
QString conninfoValue(const QString &value)
{
    QString escaped = value;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

// Turns rows into RowBatches and hands them to the worker's signals.
class BatchingSink final : public RowSink
{
public:
    BatchingSink(ConnectionWorker *worker, quint64 request, const RunningStatement &running)
        : m_worker(worker)
        , m_request(request)
        , m_running(running)
    {
        m_sinceFlush.start();
    }

    bool begin(const Columns &columns) override
    {
        flush();
        m_batch = RowBatch(int(columns.size()));
        Q_EMIT m_worker->resultStarted(m_request, columns);
        return !m_running.isCancelled();
    }

    bool row(const CellView *cells) override
    {
        if (m_running.isCancelled())
            return false;
        m_batch.beginRow();
        for (int i = 0; i < m_batch.columnCount(); ++i) {
            const CellView &cell = cells[i];
            if (cell.isNull())
                m_batch.appendNull();
            else if (cell.size > ConnectionWorker::kCellLimit)
                m_batch.appendTruncated(cell.kind, cell.data, ConnectionWorker::kCellLimit,
                                        cell.size);
            else if (cell.kind == CellKind::Binary)
                m_batch.appendBinary(cell.data, cell.size);
            else
                m_batch.appendText(cell.data, cell.size);
        }
        const int rows = m_batch.rowCount();
        // The clock is read every 64 rows only: it costs more than a row.
        if (rows >= kBatchRows || m_batch.byteSize() > kBatchBytes ||
            (rows % 64 == 1 && m_sinceFlush.elapsed() >= kBatchMs))
            flush();
        return true;
    }

    void end() override { flush(); }

private:
    static constexpr int kBatchRows = 2000;
    static constexpr qint64 kBatchMs = 20;
    static constexpr qsizetype kBatchBytes = 64 * 1024 * 1024;

    void flush()
    {
        if (!m_batch.isEmpty()) {
            m_batch.squeeze(); // it is kept as it is for as long as the result is shown
            Q_EMIT m_worker->rowsReady(m_request, m_batch);
            m_batch = RowBatch(m_batch.columnCount());
        }
        m_sinceFlush.restart();
    }

    ConnectionWorker *m_worker;
    quint64 m_request;
    const RunningStatement &m_running;
    RowBatch m_batch;
    QElapsedTimer m_sinceFlush;
};

} // namespace

ConnectionWorker::ConnectionWorker(const ConnectSpec &spec, const QString &connectionName,
                                   std::shared_ptr<RunningStatement> running)
    : m_spec(spec)
    , m_scrubber(spec.url.password(), spec.url.username())
    , m_connectionName(connectionName)
    , m_running(std::move(running))
{
}

ConnectionWorker::~ConnectionWorker()
{
    closeDatabase();
}

void ConnectionWorker::configure(QSqlDatabase &db) const
{
    const Url &url = m_spec.url;
    QStringList options;
    switch (url.dialect()) {
    case Dialect::SQLite: {
        QString path = url.database();
        if (url.isSqliteMemory())
            path = QStringLiteral(":memory:");
        db.setDatabaseName(path);
        // pysqlite's `timeout` connect argument, in seconds, default 5.
        bool ok = false;
        const double timeout = url.option(QStringLiteral("timeout")).toDouble(&ok);
        options << QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1")
                       .arg(ok && timeout >= 0 ? qRound(timeout * 1000) : 5000);
        if (m_spec.readOnly || url.option(QStringLiteral("mode")) == QLatin1String("ro"))
            options << QStringLiteral("QSQLITE_OPEN_READONLY");
        break;
    }
    case Dialect::PostgreSQL: {
        db.setHostName(url.host());
        if (url.port() > 0)
            db.setPort(url.port());
        db.setDatabaseName(url.database());
        db.setUserName(url.username());
        if (url.hasPassword())
            db.setPassword(url.password());
        options << QStringLiteral("application_name=") + conninfoValue(m_spec.applicationName())
                << QStringLiteral("connect_timeout=%1").arg(m_spec.connectTimeoutSeconds);
        // Read-only is enforced by the server, not by looking at SQL.
        if (m_spec.readOnly)
            options << QStringLiteral("options=") +
                           conninfoValue(QStringLiteral("-c default_transaction_read_only=on"));
        static const QStringList passThrough = {QStringLiteral("sslmode"),
                                                QStringLiteral("sslrootcert"),
                                                QStringLiteral("sslcert"),
                                                QStringLiteral("sslkey"),
                                                QStringLiteral("target_session_attrs"),
                                                QStringLiteral("gssencmode"),
                                                QStringLiteral("options")};
        for (const Url::Option &option : url.options()) {
            if (passThrough.contains(option.first) &&
                !(m_spec.readOnly && option.first == QLatin1String("options")))
                options << option.first + QLatin1Char('=') + conninfoValue(option.second);
        }
        break;
    }
    case Dialect::MySQL: {
        db.setHostName(url.host().isEmpty() ? QStringLiteral("localhost") : url.host());
        if (url.port() > 0)
            db.setPort(url.port());
        db.setDatabaseName(url.database());
        db.setUserName(url.username());
        if (url.hasPassword())
            db.setPassword(url.password());
        options << QStringLiteral("MYSQL_OPT_CONNECT_TIMEOUT=%1").arg(m_spec.connectTimeoutSeconds);
        // Rows matched, not rows changed, as SQLAlchemy's MySQL dialects ask:
        // an UPDATE that writes a row's own values still counts it, so the
        // table editor's "0 rows: the row changed or vanished" is true.
        options << QStringLiteral("CLIENT_FOUND_ROWS");
        const QString socket = url.option(QStringLiteral("unix_socket"));
        if (!socket.isEmpty())
            options << QStringLiteral("UNIX_SOCKET=") + socket;
        break;
    }
    }
    db.setConnectOptions(options.join(QLatin1Char(';')));
}

QString ConnectionWorker::scrub(const QString &message) const
{
    return m_scrubber.scrub(message.trimmed());
}

void ConnectionWorker::open()
{
    const Dialect dialect = m_spec.url.dialect();
    if (dialect != Dialect::SQLite)
        openssllifetime::skipCleanupAtExit(); // before Qt's driver loads the client library
    m_db = QSqlDatabase::addDatabase(dialects::qtDriver(dialect), m_connectionName);
    if (!m_db.isValid()) {
        closeDatabase();
        Q_EMIT openFailed(
            tr("The Qt SQL driver %1 is not installed.").arg(dialects::qtDriver(dialect)));
        return;
    }
    if (dialect == Dialect::SQLite && !m_spec.url.isSqliteMemory()) {
        // SQLite would create a missing file next to a typo; only create it when
        // its folder exists, and say so clearly when it does not.
        const QFileInfo file(m_spec.url.database());
        if (!file.exists() && !file.absoluteDir().exists()) {
            closeDatabase();
            Q_EMIT openFailed(tr("Cannot open %1: the folder %2 does not exist.")
                                  .arg(m_spec.url.database(), file.absolutePath()));
            return;
        }
    }
    configure(m_db);
    QElapsedTimer connecting;
    connecting.start();
    if (!m_db.open()) {
        const QSqlError error = m_db.lastError();
        QString message =
            error.databaseText().isEmpty() ? error.driverText() : error.databaseText();
        // The drivers word a silent server differently ("timeout expired",
        // "reading initial communication packet, system error: 110"): say it plainly.
        if (dialect != Dialect::SQLite &&
            connecting.elapsed() >= qint64(m_spec.connectTimeoutSeconds) * 1000 - 250)
            message = tr("no answer within the connect timeout of %1 s (%2)")
                          .arg(m_spec.connectTimeoutSeconds)
                          .arg(message.simplified());
        // PgBouncer refuses its admin console to other users in two words.
        if (dialect == Dialect::PostgreSQL && m_spec.url.database() == QLatin1String("pgbouncer") &&
            message.contains(QLatin1String("not allowed")))
            message += tr(" (PgBouncer's admin console admits only the users listed in its "
                          "admin_users and stats_users)");
        closeDatabase();
        // Only the driver's part is foreign text; the URL hides its password
        // by structure.
        Q_EMIT openFailed(
            tr("Cannot connect to %1: %2").arg(m_spec.url.toDisplayString(), scrub(message)));
        return;
    }
    QString nativeError;
    m_native = NativeConnection::create(dialect, m_db.driver()->handle(), m_spec, &nativeError);
    if (!m_native) {
        closeDatabase();
        Q_EMIT openFailed(
            nativeError.isEmpty()
                ? tr("The %1 driver gave no native handle.").arg(dialects::qtDriver(dialect))
                : nativeError);
        return;
    }
    m_running->setInterrupter(m_native->interrupter());
    if (m_spec.readOnly && dialect == Dialect::MySQL) {
        const StatementResult result =
            m_native->run(QByteArrayLiteral("SET SESSION TRANSACTION READ ONLY"));
        if (!result.ok) {
            const QString message = result.error;
            closeDatabase();
            Q_EMIT openFailed(tr("Cannot make the connection read-only: %1").arg(message));
            return;
        }
    }
    Q_EMIT opened(m_native->serverId(), m_native->serverVersion());
    watchSocket(true);
}

void ConnectionWorker::watchSocket(bool watch)
{
    if (!watch) {
        if (m_notifier)
            m_notifier->setEnabled(false);
        return;
    }
    const int fd = m_native ? m_native->socket() : -1;
    if (fd < 0)
        return;
    if (!m_notifier || m_notifier->socket() != fd) {
        delete m_notifier;
        m_notifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
        connect(m_notifier, &QSocketNotifier::activated, this, &ConnectionWorker::onSocketReadable);
    }
    m_notifier->setEnabled(true);
}

void ConnectionWorker::onSocketReadable()
{
    QString reason;
    if (!m_native || m_native->checkAlive(&reason))
        return;
    watchSocket(false);
    Q_EMIT lost(scrub(reason.isEmpty() ? tr("the server ended the session") : reason));
}

bool ConnectionWorker::keepsReadOnly()
{
    if (!m_readOnlyLost.isEmpty())
        return false;
    if (!m_spec.readOnly || !m_native || m_spec.url.dialect() == Dialect::SQLite)
        return true; // SQLite's read-only is the open mode of the file: it cannot be switched off
    const std::optional<bool> readOnly = m_native->sessionReadOnly();
    if (!readOnly || *readOnly)
        return true;
    // Pooled connections are shared: this one must not reach another tab.
    m_readOnlyLost = tr("the session switched its read-only mode off");
    return false;
}

void ConnectionWorker::execute(quint64 request, const QString &sql, const SqlParams &params)
{
    StatementResult result;
    if (!m_native || !m_readOnlyLost.isEmpty()) {
        result.error = m_native ? tr("This connection switched its read-only mode off "
                                     "and is being closed.")
                                : tr("The connection is closed.");
        result.connectionLost = true;
        Q_EMIT finished(request, result);
        return;
    }
    QElapsedTimer timer;
    timer.start();
    watchSocket(false);
    m_running->start(request);
    if (m_running->isCancelled()) {
        result.cancelled = true;
        result.error = tr("Statement cancelled");
    } else {
        BatchingSink sink(this, request, *m_running);
        m_native->execute(sql.toUtf8(), params, sink, result);
        if (m_running->isCancelled() && !result.connectionLost) {
            // MySQL's SLEEP() returns normally when killed; still a cancel.
            result.cancelled = true;
            if (result.ok) {
                result.ok = false;
                result.error = tr("Statement cancelled");
            }
        }
    }
    m_running->finish();
    result.inTransaction = m_native->transactionState() == TransactionState::InTransaction ||
                           m_native->transactionState() == TransactionState::Failed;
    result.elapsedMs = timer.elapsed();
    result.error = scrub(result.error);
    const bool readOnlyLost = !result.connectionLost && !keepsReadOnly();
    if (readOnlyLost)
        result.notices << QStringLiteral(
            "poolscope: this statement switched the session's read-only mode off; the bind is "
            "read-only, so this connection is closed and the next statement opens a new, "
            "read-only one.");
    if (!result.connectionLost && !readOnlyLost)
        watchSocket(true);
    Q_EMIT finished(request, result);
    if (readOnlyLost)
        Q_EMIT lost(m_readOnlyLost);
}

void ConnectionWorker::runTask(quint64 request, const WorkerTask &task)
{
    if (!m_native || !m_readOnlyLost.isEmpty()) {
        Q_EMIT taskDone(request, QVariant(), tr("The connection is closed."), false);
        return;
    }
    watchSocket(false);
    m_running->start(request);
    QVariant value;
    if (!m_running->isCancelled()) {
        WorkerContext context(m_db, *m_native, m_spec.url.dialect(), *m_running,
                              [this, request](qint64 done) { Q_EMIT taskProgress(request, done); });
        value = task(context);
    }
    const bool cancelled = m_running->isCancelled();
    m_running->finish();
    // A task reports its own errors, but a connection that died under it
    // (libpq and libmariadb drop the socket then) must not go back to the
    // pool looking healthy: said first, so that the pool never hands it out.
    if (m_spec.url.dialect() != Dialect::SQLite && m_native->socket() < 0) {
        Q_EMIT lost(tr("the connection to the server broke"));
        Q_EMIT taskDone(request, value, cancelled ? QStringLiteral("Cancelled") : QString(), false);
        return;
    }
    const bool readOnlyLost = !keepsReadOnly();
    if (!readOnlyLost)
        watchSocket(true);
    const TransactionState state = m_native->transactionState();
    Q_EMIT taskDone(request, value, cancelled ? QStringLiteral("Cancelled") : QString(),
                    state == TransactionState::InTransaction || state == TransactionState::Failed);
    if (readOnlyLost)
        Q_EMIT lost(m_readOnlyLost);
}

void ConnectionWorker::ping(quint64 request)
{
    QString error = m_readOnlyLost;
    watchSocket(false);
    // Armed like a statement, so that closing can stop a ping that hangs.
    m_running->start(request);
    const bool ok = m_native && m_readOnlyLost.isEmpty() && m_native->ping(&error);
    m_running->finish();
    if (ok)
        watchSocket(true);
    Q_EMIT pinged(request, ok,
                  ok ? QString() : scrub(error.isEmpty() ? QStringLiteral("closed") : error));
}

void ConnectionWorker::reset(quint64 request, bool commit)
{
    if (!m_native) {
        Q_EMIT resetDone(request, false, false, tr("The connection is closed."));
        return;
    }
    const TransactionState state = m_native->transactionState();
    if (state == TransactionState::Idle) {
        Q_EMIT resetDone(request, true, false, QString());
        return;
    }
    watchSocket(false);
    m_running->start(request);
    const StatementResult result =
        m_native->run(commit ? QByteArrayLiteral("COMMIT") : QByteArrayLiteral("ROLLBACK"));
    m_running->finish();
    const bool ok = result.ok && m_native->transactionState() == TransactionState::Idle;
    if (ok)
        watchSocket(true);
    Q_EMIT resetDone(request, ok, true, ok ? QString() : scrub(result.error));
}

void ConnectionWorker::closeDatabase()
{
    delete m_notifier;
    m_notifier = nullptr;
    m_running->setInterrupter(nullptr);
    if (m_native) {
        m_native->release();
        m_native.reset();
    }
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
    }
    if (QSqlDatabase::contains(m_connectionName))
        QSqlDatabase::removeDatabase(m_connectionName);
}

void ConnectionWorker::close()
{
    closeDatabase();
    QThread::currentThread()->quit();
}
