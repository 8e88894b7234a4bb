// The network DAG: add/prevs/nexts/firsts/lasts, externals, merge by concatenation, and errors.
#include "model/network.h"
#include "test_layers.h"

#include <QtTest>

using namespace kapla;

namespace {

using test::eltwise;
using test::fc;

std::vector<std::string> names(const Network& n, const std::vector<LayerId>& ids)
{
    std::vector<std::string> out;
    for (auto id : ids)
        out.push_back(n.at(id).name);
    return out;
}

} // namespace

class TestNetwork : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void chainAndDefaults()
    {
        Network net("net", makeInputLayer(10, {1, 1}));
        QVERIFY(net.add("a", fc(10, 20)).empty());
        QVERIFY(net.add("b", fc(20, 30)).empty()); // defaults to the last added layer
        QCOMPARE(net.at(net.find("a")).prevs, std::vector<std::string>{std::string(Network::kInputName)});
        QCOMPARE(net.at(net.find("b")).prevs, std::vector<std::string>{"a"});
        QCOMPARE(names(net, net.firsts()), std::vector<std::string>{"a"});
        QCOMPARE(names(net, net.lasts()), std::vector<std::string>{"b"});
        QCOMPARE(names(net, net.nexts(net.find("a"))), std::vector<std::string>{"b"});
        QVERIFY(net.nexts(net.find("b")).empty());
        QCOMPARE(net.totalOps(2), std::int64_t(2 * (200 + 600)));
    }
    void mergeConcatenatesChannels()
    {
        Network net("merge", makeInputLayer(10, {1, 1}));
        QVERIFY(net.add("a", fc(10, 20)).empty());
        QVERIFY(net.add("b", fc(10, 30), {std::string(Network::kInputName)}).empty());
        QVERIFY(net.add("c", fc(50, 5), {"a", "b"}).empty());
        QCOMPARE(names(net, net.firsts()), (std::vector<std::string>{"a", "b"}));
        QCOMPARE(names(net, net.nexts(net.find("a"))), std::vector<std::string>{"c"});

        const Diagnostics wrong = net.add("d", fc(40, 5), {"a", "b"});
        QCOMPARE(wrong.size(), std::size_t(1));
        QVERIFY(QString::fromStdString(wrong[0].message).contains("50 channels"));
        QVERIFY(!net.find("d").valid()); // rolled back
    }
    void externals()
    {
        Network net("lstm", makeInputLayer(26, {1, 1}));
        QVERIFY(net.addExternal("c0", makeInputLayer(140, {1, 1})).empty());
        QVERIFY(net.addExternal("h0", makeInputLayer(140, {1, 1})).empty());
        QVERIFY(!net.addExternal("c0", makeInputLayer(1, {1, 1})).empty());
        QVERIFY(net.add("we", fc(26, 140)).empty());
        QVERIFY(net.add("gate", fc(280, 140), {"h0", "we"}).empty());
        QVERIFY(net.add("cout", eltwise(140, 2), {"c0", "gate"}).empty());
        QVERIFY(net.contains("c0"));
        QCOMPARE(net.size(), std::size_t(3));
        QCOMPARE(names(net, net.firsts()), std::vector<std::string>{"we"});
    }
    void errors()
    {
        Network net("e", makeInputLayer(10, {1, 1}));
        QVERIFY(net.add("a", fc(10, 20)).empty());
        QVERIFY(!net.add("a", fc(20, 20)).empty());           // duplicate
        QVERIFY(!net.add("b", fc(20, 20), {"nope"}).empty()); // dangling prevs
        QVERIFY(!net.add("c", fc(21, 20)).empty());           // channel mismatch
        QVERIFY(!net.add("", fc(20, 20)).empty());            // empty name
        QVERIFY(!net.add(std::string(Network::kInputName), fc(20, 20)).empty());
        LayerParams p;
        p.type = LayerType::Conv;
        p.nifm = 20;
        p.nofm = 4;
        p.sofm = {8, 8};
        p.sfil = {3, 3};
        const Diagnostics pad = net.add("conv", makeLayer(p).value());
        QCOMPARE(pad.size(), std::size_t(1));
        QVERIFY(QString::fromStdString(pad[0].message).contains("fmaps of 1"));
        QCOMPARE(net.size(), std::size_t(1));
    }
    void replaceChecksNeighbours()
    {
        Network net("r", makeInputLayer(10, {1, 1}));
        QVERIFY(net.add("a", fc(10, 20)).empty());
        QVERIFY(net.add("b", fc(20, 30)).empty());
        QVERIFY(!net.replace(net.find("a"), fc(10, 21)).empty()); // b would no longer chain
        QCOMPARE(net.at(net.find("a")).layer.nofm(), 20);
        QVERIFY(net.replace(net.find("b"), fc(20, 40)).empty());
        QCOMPARE(net.at(net.find("b")).layer.nofm(), 40);
    }
};

QTEST_APPLESS_MAIN(TestNetwork)
#include "tst_network.moc"
