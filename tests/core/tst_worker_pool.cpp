// The worker pool runs every index exactly once on any thread count and reports exceptions.
#include "solve/worker_pool.h"

#include <QtTest>

#include <atomic>
#include <stdexcept>

using namespace kapla;

class TestWorkerPool : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void runsEveryIndexOnce_data()
    {
        QTest::addColumn<int>("threads");
        QTest::addColumn<int>("count");
        for (const int t : {1, 2, 4})
            for (const int n : {0, 1, 7, 1000})
                QTest::addRow("%d threads, %d items", t, n) << t << n;
    }
    void runsEveryIndexOnce()
    {
        QFETCH(int, threads);
        QFETCH(int, count);
        WorkerPool pool(threads);
        QCOMPARE(pool.threads(), threads);
        for (int round = 0; round < 3; ++round) {
            std::vector<std::atomic<int>> hits(static_cast<std::size_t>(count));
            pool.run(static_cast<std::size_t>(count), [&](std::size_t i) { ++hits[i]; });
            for (const auto& h : hits)
                QCOMPARE(h.load(), 1);
        }
    }
    void rethrowsTheFirstException()
    {
        WorkerPool pool(2);
        std::atomic<int> ran{0};
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, pool.run(100, [&](std::size_t i) {
            ++ran;
            if (i == 10)
                throw std::runtime_error("item 10");
        }));
        QCOMPARE(ran.load(), 100); // the other items still run
        std::atomic<int> after{0};
        pool.run(5, [&](std::size_t) { ++after; });
        QCOMPARE(after.load(), 5);
    }
};

QTEST_APPLESS_MAIN(TestWorkerPool)
#include "tst_worker_pool.moc"
