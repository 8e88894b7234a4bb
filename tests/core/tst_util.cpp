// Helper functions whose exact semantics fix enumeration order and rounding (model spec §0.3, §8.1).
#include "util/math_util.h"

#include <QtTest>

#include <cmath>

using namespace kapla;

class TestUtil : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void factorizeOrder()
    {
        const std::vector<std::vector<int>> twelve{{1, 12}, {2, 6}, {3, 4}, {4, 3}, {6, 2}, {12, 1}};
        QCOMPARE(factorize(12, 2), twelve);
        const std::vector<std::vector<int>> four{{1, 1, 4}, {1, 2, 2}, {1, 4, 1}, {2, 1, 2}, {2, 2, 1}, {4, 1, 1}};
        QCOMPARE(factorize(4, 3), four);
        QCOMPARE(factorize(1, 4), (std::vector<std::vector<int>>{{1, 1, 1, 1}}));
        QCOMPARE(divisors(12), (std::vector<int>{1, 2, 3, 4, 6, 12}));
    }
    void ceilingDivision()
    {
        QCOMPARE(idivc(7, 2), std::int64_t(4));
        QCOMPARE(idivc(8, 2), std::int64_t(4));
        QCOMPARE(idivcReal(7.5, 2), 4.0);
        QCOMPARE(idivcReal(3, INFINITY), 0.0);
        QVERIFY(std::isnan(idivcReal(INFINITY, INFINITY)));
    }
    void approxDividableRule()
    {
        QVERIFY(approxDividable(12, 4));
        QVERIFY(approxDividable(19, 2));  // 20 vs 19: 5 % overhead
        QVERIFY(!approxDividable(17, 4)); // 20 vs 17: 15 %
        QVERIFY(approxDividable(3, 2));   // absolute overhead 1
        QVERIFY(!approxDividable(3, 4));  // total < num
    }
    void closestFactors()
    {
        QCOMPARE(closestFactor(24, 5), std::make_pair(4, 6));
        QCOMPARE(closestFactor(24, 6), std::make_pair(6, 6));
        QCOMPARE(closestFactor(24, 30).second, 0);
        QCOMPARE(closestFactor(24, 0.5).first, 0);
    }
    void ranges()
    {
        QCOMPARE(ithRange({0, 28}, 4, 5), std::make_pair(22, 28));
        QCOMPARE(ithRange({0, 8}, 1, 9), std::make_pair(0, 1));
        QCOMPARE(ithRange({2, 13}, 4, 5), std::make_pair(10, 13));
    }
    void closeness()
    {
        QVERIFY(isClose(1.0, 1.0 + 1e-10));
        QVERIFY(!isClose(1.0, 1.0 + 1e-8));
        QVERIFY(isClose(0.0, 0.5, 0.0, 1.0));
        QCOMPARE(gcdInt(12, 18), 6);
        QCOMPARE(lcmInt(4, 6), std::int64_t(12));
    }
    void reverseRanges()
    {
        QCOMPARE(reverseLow(2, 10, 3, 1), 0);
        QCOMPARE(reverseLow(5, 10, 3, 2), 2);
        QCOMPARE(reverseHigh(9, 10, 3, 1), 7);
        QCOMPARE(reverseHigh(4, 10, 3, 2), 2);
    }
};

QTEST_APPLESS_MAIN(TestUtil)
#include "tst_util.moc"
