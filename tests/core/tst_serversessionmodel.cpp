// The server-sessions panel's model: rows follow pids across snapshots without
// resets, roles say what a row is, a proxy filters the suspects.
#include "core/models/serversessionmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

class TestServerSessionModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void diffsSnapshots();
    void rolesAndDisplay();
    void suspectsOnlyProxy();
    void originColumn();

private:
    static ServerSessionSnapshot snapshotOf(const QList<qint64> &pids);
    static QList<qint64> pidsIn(const ServerSessionModel &model);
};

ServerSessionSnapshot TestServerSessionModel::snapshotOf(const QList<qint64> &pids)
{
    ServerSessionSnapshot snapshot;
    snapshot.dialect = Dialect::PostgreSQL;
    snapshot.takenAt = QDateTime::currentDateTimeUtc();
    for (qint64 pid : pids) {
        ServerSession session;
        session.pid = pid;
        session.user = "app";
        session.database = "shop";
        session.state = ServerSession::State::Idle;
        session.idleSeconds = 1;
        session.query = QStringLiteral("SELECT %1").arg(pid);
        snapshot.sessions << session;
    }
    return snapshot;
}

QList<qint64> TestServerSessionModel::pidsIn(const ServerSessionModel &model)
{
    QList<qint64> pids;
    for (int row = 0; row < model.rowCount(); ++row)
        pids << model.index(row, 0).data(ServerSessionModel::PidRole).toLongLong();
    return pids;
}

void TestServerSessionModel::diffsSnapshots()
{
    ServerSessionModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    model.setSnapshot(snapshotOf({1, 2, 3, 4, 5}));
    QCOMPARE(pidsIn(model), (QList<qint64>{1, 2, 3, 4, 5}));
    QCOMPARE(inserted.size(), 1);

    // 2 and 3 end (one block), 5 ends, 4 changes state, 6 and 7 are new.
    ServerSessionSnapshot next = snapshotOf({7, 4, 1, 6});
    next.sessions[1].state = ServerSession::State::IdleInTransaction;
    next.sessions[1].suspect = "idle in transaction for 9 s (over 5 s)";
    inserted.clear();
    model.setSnapshot(next);
    QCOMPARE(pidsIn(model), (QList<qint64>{1, 4, 7, 6})); // kept rows keep their order
    QCOMPARE(removed.size(), 2);
    QCOMPARE(removed[0].at(1).toInt(), 4); // from the bottom: row 4 (pid 5) first
    QCOMPARE(removed[1].at(1).toInt(), 1); // then rows 1-2 (pids 2, 3)
    QCOMPARE(removed[1].at(2).toInt(), 2);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed[0].at(0).toModelIndex().row(), 1);
    QCOMPARE(model.index(1, ServerSessionModel::StateColumn).data().toString(),
             QString("idle in transaction"));

    // The same snapshot again changes nothing.
    changed.clear();
    removed.clear();
    inserted.clear();
    model.setSnapshot(next);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(inserted.size(), 0);

    model.setSnapshot(snapshotOf({}));
    QCOMPARE(model.rowCount(), 0);
    model.setSnapshot(snapshotOf({9}));
    QCOMPARE(pidsIn(model), (QList<qint64>{9}));
    QCOMPARE(resets.size(), 0);
    QCOMPARE(model.rowOf(9), 0);
    QCOMPARE(model.rowOf(1), -1);
    QCOMPARE(model.sessionAt(0)->query, QString("SELECT 9"));
    QVERIFY(!model.sessionAt(1));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestServerSessionModel::rolesAndDisplay()
{
    ServerSessionModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ServerSessionSnapshot snapshot = snapshotOf({10, 11});
    ServerSession &running = snapshot.sessions[1];
    running.state = ServerSession::State::Active;
    running.idleSeconds.reset();
    running.runningSeconds = 300;
    running.transactionAgeSeconds = 301.5;
    running.own = true;
    running.blockedBy = {10};
    running.client = "127.0.0.1:5555";
    running.application = "poolscope:default";
    model.setSnapshot(snapshot);

    QCOMPARE(model.columnCount(), int(ServerSessionModel::ColumnCount));
    QCOMPARE(model.headerData(ServerSessionModel::PidColumn, Qt::Horizontal).toString(),
             QString("PID"));
    const QModelIndex pid = model.index(1, ServerSessionModel::PidColumn);
    QCOMPARE(pid.data().toLongLong(), 11);
    QCOMPARE(pid.data(ServerSessionModel::StateRole).toInt(), int(ServerSession::State::Active));
    QCOMPARE(pid.data(ServerSessionModel::StateNameRole).toString(), QString("active"));
    QCOMPARE(pid.data(ServerSessionModel::OwnRole).toBool(), true);
    QCOMPARE(pid.data(ServerSessionModel::BlockedRole).toBool(), true);
    QCOMPARE(pid.data(ServerSessionModel::IsSuspectRole).toBool(), false);
    QCOMPARE(model.index(0, 0).data(ServerSessionModel::OwnRole).toBool(), false);
    QCOMPARE(model.index(1, ServerSessionModel::IdleColumn).data().toString(), QString("5 min"));
    QCOMPARE(model.index(1, ServerSessionModel::IdleColumn).data(ServerSessionModel::SortRole),
             QVariant(300.0));
    QCOMPARE(model.index(1, ServerSessionModel::TransactionColumn).data().toString(),
             QString("5 min"));
    QCOMPARE(model.index(1, ServerSessionModel::ClientColumn).data().toString(),
             QString("127.0.0.1:5555"));
    QCOMPARE(model.index(0, ServerSessionModel::QueryColumn).data(Qt::ToolTipRole).toString(),
             QString("SELECT 10"));
    QVERIFY(!model.index(0, ServerSessionModel::TransactionColumn).data().isValid());
    QVERIFY(model.roleNames().values().contains("isSuspect"));
}

void TestServerSessionModel::suspectsOnlyProxy()
{
    ServerSessionModel model;
    QSortFilterProxyModel suspects;
    suspects.setSourceModel(&model);
    suspects.setFilterRole(ServerSessionModel::IsSuspectRole);
    suspects.setFilterFixedString("true");
    QAbstractItemModelTester tester(&suspects,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    ServerSessionSnapshot snapshot = snapshotOf({1, 2, 3});
    snapshot.sessions[1].suspect = "idle for 700 s (over 600 s)";
    model.setSnapshot(snapshot);
    QCOMPARE(suspects.rowCount(), 1);
    QCOMPARE(suspects.index(0, 0).data(ServerSessionModel::PidRole).toLongLong(), 2);

    // A session that turns suspect in the next snapshot shows up in the proxy.
    snapshot.sessions[2].suspect = "idle for 800 s (over 600 s)";
    model.setSnapshot(snapshot);
    QCOMPARE(suspects.rowCount(), 2);
    snapshot.sessions[1].suspect.clear();
    snapshot.sessions[2].suspect.clear();
    model.setSnapshot(snapshot);
    QCOMPARE(suspects.rowCount(), 0);
}

void TestServerSessionModel::originColumn()
{
    ServerSessionModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    ServerSessionSnapshot snapshot = snapshotOf({20, 21});
    model.setSnapshot(snapshot);
    QCOMPARE(model.headerData(ServerSessionModel::OriginColumn, Qt::Horizontal).toString(),
             QString("Origin"));
    QVERIFY(!model.index(0, ServerSessionModel::OriginColumn).data().isValid());
    QVERIFY(!model.index(0, ServerSessionModel::OriginColumn).data(Qt::ToolTipRole).isValid());

    // An origin found on the next refresh changes the row in place.
    snapshot.sessions[1].origin =
        ServerSessionOrigin{4242, "/usr/bin/python3 leak.py --workers 2", {}, {}};
    model.setSnapshot(snapshot);
    QCOMPARE(changed.size(), 1);
    const QModelIndex origin = model.index(1, ServerSessionModel::OriginColumn);
    QCOMPARE(origin.data().toString(),
             QString::fromUtf8("pid 4242 \xc2\xb7 python3 leak.py --workers 2"));
    QCOMPARE(origin.data(Qt::ToolTipRole).toString(),
             QString("Process 4242: /usr/bin/python3 leak.py --workers 2"));
    QCOMPARE(origin.data(ServerSessionModel::SortRole), origin.data());

    // A probed application's code, when something fills it in.
    snapshot.sessions[1].origin->application = "shop";
    snapshot.sessions[1].origin->code = "shop/views.py:42 in checkout";
    model.setSnapshot(snapshot);
    QCOMPARE(changed.size(), 2);
    QVERIFY(origin.data(Qt::ToolTipRole)
                .toString()
                .endsWith("\nApplication: shop\nHeld at shop/views.py:42 in checkout"));
    QVERIFY(origin.data().toString().startsWith("shop/views.py:42 in checkout · pid "));
    snapshot.sessions[1].origin->pid = 0;
    snapshot.sessions[1].origin->command.clear();
    model.setSnapshot(snapshot);
    QCOMPARE(origin.data().toString(), QString("shop/views.py:42 in checkout · shop"));
    snapshot.sessions[1].origin->code.clear();
    model.setSnapshot(snapshot);
    QCOMPARE(origin.data().toString(), QString("shop"));
}

QTEST_GUILESS_MAIN(TestServerSessionModel)
#include "tst_serversessionmodel.moc"
