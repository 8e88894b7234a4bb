// NodeRegion geometry and spatial allocation: the unit facts of model spec §8.1.
#include "model/node_region.h"

#include <QtTest>

using namespace kapla;

Q_DECLARE_METATYPE(kapla::PhyDim2)

namespace {

NodeRegion region(PhyDim2 dim, PhyDim2 origin, PhyDim2 dist = {1, 1})
{
    return NodeRegion::make(dim, origin, NodeRegion::Type::Proc, dist);
}

} // namespace

class TestNodeRegion : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rel2abs_data()
    {
        QTest::addColumn<PhyDim2>("dist");
        QTest::addColumn<int>("wtot");
        QTest::addColumn<PhyDim2>("dim");
        QTest::addColumn<PhyDim2>("rel");
        QTest::addColumn<PhyDim2>("abs");
        QTest::newRow("plain 0,3") << PhyDim2{1, 1} << 0 << PhyDim2{4, 4} << PhyDim2{0, 3} << PhyDim2{1, 6};
        QTest::newRow("plain 2,1") << PhyDim2{1, 1} << 0 << PhyDim2{4, 4} << PhyDim2{2, 1} << PhyDim2{3, 4};
        QTest::newRow("dist 0,3") << PhyDim2{5, 3} << 0 << PhyDim2{4, 4} << PhyDim2{0, 3} << PhyDim2{1, 12};
        QTest::newRow("dist 2,1") << PhyDim2{5, 3} << 0 << PhyDim2{4, 4} << PhyDim2{2, 1} << PhyDim2{11, 6};
        QTest::newRow("folded 1,2") << PhyDim2{1, 1} << 3 << PhyDim2{4, 8} << PhyDim2{1, 2} << PhyDim2{2, 5};
        QTest::newRow("folded 2,3") << PhyDim2{1, 1} << 3 << PhyDim2{4, 8} << PhyDim2{2, 3} << PhyDim2{7, 5};
        QTest::newRow("folded 0,5") << PhyDim2{1, 1} << 3 << PhyDim2{4, 8} << PhyDim2{0, 5} << PhyDim2{5, 3};
        QTest::newRow("folded 3,7") << PhyDim2{1, 1} << 3 << PhyDim2{4, 8} << PhyDim2{3, 7} << PhyDim2{12, 4};
    }
    void rel2abs()
    {
        QFETCH(PhyDim2, dist);
        QFETCH(int, wtot);
        QFETCH(PhyDim2, dim);
        QFETCH(PhyDim2, rel);
        QFETCH(PhyDim2, abs);
        NodeRegion r = region(dim, {1, 3}, dist);
        if (wtot > 0) {
            r.wtot = wtot;
            r.wbeg = wtot;
        }
        QCOMPARE(r.rel2abs(rel), abs);
    }
    void allocateTooMany() { QVERIFY(region({4, 4}, {1, 3}).allocate({4, 4, 4, 4, 4}).empty()); }
    void allocate_data()
    {
        QTest::addColumn<PhyDim2>("dist");
        QTest::addColumn<std::vector<int>>("requests");
        QTest::addColumn<std::vector<PhyDim2>>("dims");
        QTest::addColumn<std::vector<PhyDim2>>("origins");
        QTest::addColumn<std::vector<int>>("wbegs");
        QTest::newRow("stripes of 1") << PhyDim2{1, 1} << std::vector<int>{2, 3, 3, 2, 4, 2}
                                      << std::vector<PhyDim2>{{1, 2}, {1, 3}, {1, 3}, {1, 2}, {1, 4}, {1, 2}}
                                      << std::vector<PhyDim2>{{1, 3}, {1, 5}, {2, 5}, {3, 3}, {3, 5}, {4, 4}}
                                      << std::vector<int>{2, 2, -3, 2, 2, -2};
        QTest::newRow("5 and 11") << PhyDim2{1, 1} << std::vector<int>{5, 11} << std::vector<PhyDim2>{{1, 5}, {1, 11}}
                                  << std::vector<PhyDim2>{{1, 3}, {2, 5}} << std::vector<int>{4, -3};
        QTest::newRow("stripes of 2") << PhyDim2{1, 1} << std::vector<int>{2, 4, 4, 2, 4}
                                      << std::vector<PhyDim2>{{2, 1}, {2, 2}, {2, 2}, {2, 1}, {2, 2}}
                                      << std::vector<PhyDim2>{{1, 3}, {1, 4}, {1, 6}, {3, 5}, {3, 4}}
                                      << std::vector<int>{1, 2, 1, -1, -2};
        QTest::newRow("with dist") << PhyDim2{2, 1} << std::vector<int>{10, 6} << std::vector<PhyDim2>{{2, 5}, {2, 3}}
                                   << std::vector<PhyDim2>{{1, 3}, {5, 5}} << std::vector<int>{4, -3};
    }
    void allocate()
    {
        QFETCH(PhyDim2, dist);
        QFETCH(std::vector<int>, requests);
        QFETCH(std::vector<PhyDim2>, dims);
        QFETCH(std::vector<PhyDim2>, origins);
        QFETCH(std::vector<int>, wbegs);
        const auto subs = region({4, 4}, {1, 3}, dist).allocate(requests);
        QCOMPARE(subs.size(), requests.size());
        for (std::size_t i = 0; i < subs.size(); ++i) {
            QCOMPARE(subs[i].dim, dims[i]);
            QCOMPARE(subs[i].origin, origins[i]);
            QCOMPARE(subs[i].wbeg, wbegs[i]);
            QCOMPARE(subs[i].wtot, 4);
        }
    }
    void setupCAllocation()
    {
        // Spec §8.3 Setup C: allocate([12, 4]) on the 4x4 mesh gives stripe height 4.
        const auto subs = region({4, 4}, {0, 0}).allocate({12, 4});
        QCOMPARE(subs.size(), std::size_t(2));
        QCOMPARE(subs[0].dim, (PhyDim2{4, 3}));
        QCOMPARE(subs[0].origin, (PhyDim2{0, 0}));
        QCOMPARE(subs[1].dim, (PhyDim2{4, 1}));
        QCOMPARE(subs[1].origin, (PhyDim2{0, 3}));
        const auto nodes = subs[1].nodes();
        QCOMPARE(nodes.size(), std::size_t(4));
        QCOMPARE(nodes.back(), (PhyDim2{3, 3}));
    }
    void containsAndNodes()
    {
        const NodeRegion r = region({2, 3}, {1, 1});
        QCOMPARE(r.nodes().size(), std::size_t(6));
        QVERIFY(r.contains({2, 3}));
        QVERIFY(!r.contains({0, 0}));
    }
};

QTEST_APPLESS_MAIN(TestNodeRegion)
#include "tst_node_region.moc"
