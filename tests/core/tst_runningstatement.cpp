// Which statement a cancel reaches. The order of events here is the one a
// thread pool can produce: a cancel sent while one statement ran, delivered
// after the next one started. It must not stop that next statement.
#include "core/connection/runningstatement.h"
#include "core/driver/interrupter.h"

#include <QTest>

namespace {

class CountingInterrupter final : public Interrupter
{
public:
    int interrupts = 0;

protected:
    void doInterrupt() override { ++interrupts; }
};

} // namespace

class TestRunningStatement final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cancelReachesRunningStatement();
    void lateCancelSparesNextStatement();
    void queuedCancelIsSeenAtStart();
    void cancelAllStopsRunningAndQueued();
    void workerInterruptsWhatRuns();
    void detachedInterrupterDoesNothing();
};

void TestRunningStatement::cancelReachesRunningStatement()
{
    auto interrupter = std::make_shared<CountingInterrupter>();
    RunningStatement running;
    running.setInterrupter(interrupter);
    running.start(1);
    const PendingInterrupt interrupt = running.requestCancel(1);
    QVERIFY(bool(interrupt));
    QVERIFY(running.isCancelled());
    interrupt.send();
    QCOMPARE(interrupter->interrupts, 1);
    interrupt.send(); // at most once per statement
    QCOMPARE(interrupter->interrupts, 1);
    running.finish();
    QVERIFY(!running.isCancelled());
}

void TestRunningStatement::lateCancelSparesNextStatement()
{
    auto interrupter = std::make_shared<CountingInterrupter>();
    RunningStatement running;
    running.setInterrupter(interrupter);
    running.start(1);
    const PendingInterrupt late = running.requestCancel(1);
    QVERIFY(bool(late));
    running.finish(); // statement 1 noticed the cancel itself and ended
    running.start(2);
    late.send(); // the thread pool got to it only now
    QCOMPARE(interrupter->interrupts, 0);
    QVERIFY(!running.isCancelled());
    running.requestCancel(2).send();
    QCOMPARE(interrupter->interrupts, 1);
    running.finish();
}

void TestRunningStatement::queuedCancelIsSeenAtStart()
{
    auto interrupter = std::make_shared<CountingInterrupter>();
    RunningStatement running;
    running.setInterrupter(interrupter);
    running.start(1);
    QVERIFY(!running.requestCancel(2)); // still queued: nothing to interrupt
    QVERIFY(!running.isCancelled());
    running.finish();
    running.start(2);
    QVERIFY(running.isCancelled());
    running.finish();
    running.start(3);
    QVERIFY(!running.isCancelled());
    running.finish();
    QCOMPARE(interrupter->interrupts, 0);
}

void TestRunningStatement::cancelAllStopsRunningAndQueued()
{
    auto interrupter = std::make_shared<CountingInterrupter>();
    RunningStatement running;
    running.setInterrupter(interrupter);
    running.start(4);
    running.cancelAll().send();
    QCOMPARE(interrupter->interrupts, 1);
    running.finish();
    QVERIFY(running.isCancelled());
    running.start(5);
    QVERIFY(running.isCancelled());
    running.finish();
    QVERIFY(!running.cancelAll()); // nothing runs
}

void TestRunningStatement::workerInterruptsWhatRuns()
{
    CountingInterrupter interrupter;
    interrupter.interruptRunning();
    QCOMPARE(interrupter.interrupts, 0);
    interrupter.arm(7);
    interrupter.interruptRunning();
    interrupter.interruptRunning();
    QCOMPARE(interrupter.interrupts, 1);
}

void TestRunningStatement::detachedInterrupterDoesNothing()
{
    CountingInterrupter interrupter;
    interrupter.arm(1);
    interrupter.detach();
    interrupter.interrupt(1);
    interrupter.interruptRunning();
    QCOMPARE(interrupter.interrupts, 0);
}

QTEST_GUILESS_MAIN(TestRunningStatement)
#include "tst_runningstatement.moc"
