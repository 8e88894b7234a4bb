// Every network of the zoo loads and its MACs per sample equal the checksum of model spec §6.1.
#include "io/project_io.h"
#include "test_paths.h"

#include <QtTest>

#include <fstream>
#include <sstream>

using namespace kapla;

class TestZoo : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void checksums_data()
    {
        QTest::addColumn<QString>("module");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("layers");
        QTest::addColumn<qlonglong>("macs");
        std::ifstream in(test::sourcePath("tests/data/zoo_checksums.tsv"));
        QVERIFY(in.good());
        std::string line;
        int rows = 0;
        while (std::getline(in, line)) {
            if (line.empty() || line[0] == '#')
                continue;
            std::istringstream fields(line);
            std::string module, name;
            int layers = 0;
            long long macs = 0;
            std::getline(fields, module, '\t');
            std::getline(fields, name, '\t');
            fields >> layers >> macs;
            QTest::newRow(module.c_str())
                << QString::fromStdString(module) << QString::fromStdString(name) << layers << qlonglong(macs);
            ++rows;
        }
        QCOMPARE(rows, 22); // all 14 forward and 8 training networks of §6.1
    }
    void checksums()
    {
        QFETCH(QString, module);
        QFETCH(QString, name);
        QFETCH(int, layers);
        QFETCH(qlonglong, macs);
        const auto net = io::loadNetworkFile(
            test::sourcePath("sample_projects/networks/" + module.toStdString() + ".yaml"));
        QVERIFY2(net.ok(), net.ok() ? "" : net.diagnostics().front().format().c_str());
        QCOMPARE(QString::fromStdString(net->name()), name);
        QCOMPARE(int(net->size()), layers);
        QCOMPARE(qlonglong(net->totalOps(1)), macs);
        QCOMPARE(qlonglong(net->totalOps(16)), macs * 16);
    }
    void alexNetFacts()
    {
        // Spot checks against the §6.4 AlexNet table and its DAG.
        const auto net = io::loadNetworkFile(test::sourcePath("sample_projects/networks/alex_net.yaml")).value();
        const auto& conv3 = net.at(net.find("conv3_a"));
        QCOMPARE(conv3.layer.nifm, 256);
        QCOMPARE(conv3.prevs, (std::vector<std::string>{"pool2_a", "pool2_b"}));
        QCOMPARE(conv3.layer.totalOps(1), std::int64_t(74760192));
        QCOMPARE(net.at(net.find("fc1")).layer.sifm, (PhyDim2{6, 6}));
        QCOMPARE(net.firsts().size(), std::size_t(2));
        QCOMPARE(net.lasts().size(), std::size_t(1));
    }
    void lstmExternals()
    {
        const auto net = io::loadNetworkFile(test::sourcePath("sample_projects/networks/lstm_gnmt.yaml")).value();
        QCOMPARE(net.externals().size(), std::size_t(8));
        QCOMPARE(net.input().nofm(), 1000);
    }
};

QTEST_APPLESS_MAIN(TestZoo)
#include "tst_zoo.moc"
