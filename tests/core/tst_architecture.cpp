// Architecture construction: explicit parameters and KAPLA's hardware files (model spec §2).
#include "io/project_io.h"
#include "model/architecture.h"
#include "model/options.h"
#include "test_paths.h"

#include <QtTest>

#include <cmath>

using namespace kapla;

namespace {

Architecture load(const std::string& rel)
{
    const auto spec = io::loadArchitectureFile(test::sourcePath(rel));
    if (!spec)
        qFatal("%s", spec.diagnostics().front().format().c_str());
    return resolveArchitecture(spec.value()).value();
}

} // namespace

class TestArchitecture : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void kaplaMultiNodeDerating()
    {
        const Architecture a = load("sample_projects/architectures/kapla-multi-node-16x16.yaml");
        QCOMPARE(a.nodes, (PhyDim2{16, 16}));
        QCOMPARE(a.peArray, (PhyDim2{8, 8}));
        QCOMPARE(a.wordBytes(), 2);
        QCOMPARE(a.gbufWords, 0.99 * 16384); // 16220.16: KAPLA shrinks buffers by 1 %
        QCOMPARE(a.regfWords, 0.99 * 32);    // 31.68
        QCOMPARE(a.arrayBusWidth, 8.0);      // DRAM.bus_width 128 // 16 bits
        QCOMPARE(a.dramBandwidth, 25.0);     // 51.2 // 2 bytes
        QCOMPARE(a.energy.mac, 9.984e-13);
        QCOMPARE(a.energy.access[1], 2.8325450000000004e-12);
        QCOMPARE(a.energy.nocHop, 9.76e-12);
        QCOMPARE(a.energy.idle, 1.2728688055044508e-09);
        QVERIFY(a.fromKaplaHardware);
        // 2D memory: four channels at the mesh corners.
        const auto dram = a.dramRegion.nodes();
        QCOMPARE(dram.size(), std::size_t(4));
        QCOMPARE(dram[0], (PhyDim2{0, 0}));
        QCOMPARE(dram[1], (PhyDim2{0, 15}));
        QCOMPARE(dram[2], (PhyDim2{15, 0}));
        QCOMPARE(dram[3], (PhyDim2{15, 15}));
    }
    void kaplaSingleNode()
    {
        const Architecture a = load("sample_projects/architectures/kapla-systolic-single-node.yaml");
        QCOMPARE(a.gbufWords, 0.99 * 131072);
        QCOMPARE(a.regfWords, 0.99 * 256);
        QCOMPARE(a.arrayBusWidth, 16.0); // 256-bit bus
        QCOMPARE(a.dramBandwidth, 6.0);  // 12.8 // 2
        // A 1x1 mesh with 2D memory has four coincident DRAM "corners" at (0,0).
        for (const auto& n : a.dramRegion.nodes())
            QCOMPARE(n, (PhyDim2{0, 0}));
    }
    void explicitSetups()
    {
        const Architecture a = load("sample_projects/architectures/eyeriss-single-node.yaml");
        QCOMPARE(a.gbufWords, 65536.0);
        QCOMPARE(a.regfWords, 256.0);
        QVERIFY(std::isinf(a.arrayBusWidth));
        QVERIFY(std::isinf(a.dramBandwidth));
        QCOMPARE(a.dramRegion.dim, (PhyDim2{1, 1}));
        QCOMPARE(a.energy.access, (std::array<double, 4>{200, 6, 2, 1}));
        const Architecture b = load("sample_projects/architectures/setup-b-4x4.yaml");
        QCOMPARE(b.nodes, (PhyDim2{4, 4}));
        QCOMPARE(b.gbufWords, 32768.0);
        QCOMPARE(b.energy.nocHop, 10.0);
        QCOMPARE(b.dramRegion.nodes().back(), (PhyDim2{3, 3}));
    }
    void threeDMemory()
    {
        const NodeRegion r = dramRegionFor(MemType::ThreeD, {4, 4});
        QCOMPARE(r.nodes().size(), std::size_t(16));
    }
    void invalidHardware()
    {
        ArchitectureSpec spec;
        ExplicitHardware hw;
        hw.gbufWords = 0.5;
        hw.nodes = {0, 4};
        spec.hardware = hw;
        const auto r = resolveArchitecture(spec);
        QVERIFY(!r.ok());
        QCOMPARE(r.diagnostics().size(), std::size_t(2));
    }
    void optionPresets()
    {
        const Options inf = optionsPreset(OptionsPreset::Inference);
        QVERIFY(inf.partitionInterlayer && inf.gbufSaveWriteback && inf.gbufSharing);
        QCOMPARE(inf.layerPipelineMaxDegree, 5.0);
        const Options tr = optionsPreset(OptionsPreset::Training);
        QVERIFY(!tr.partitionInterlayer && !tr.gbufSaveWriteback && tr.partitionIfmaps);
        QCOMPARE(tr.layerPipelineMaxDegree, 1e10);
        const Options def = optionsPreset(OptionsPreset::Default);
        QVERIFY(!def.partitionHybrid && std::isinf(def.layerPipelineTimeOverhead));
        QCOMPARE(def.refetchRule, RefetchRule::Kapla);
        QVERIFY(validateOptions(inf).empty());
        Options bad = def;
        bad.partitionIfmaps = true;
        bad.accessForwarding = true;
        bad.gbufSharing = true;
        QCOMPARE(validateOptions(bad).size(), std::size_t(2));
    }
};

QTEST_APPLESS_MAIN(TestArchitecture)
#include "tst_architecture.moc"
