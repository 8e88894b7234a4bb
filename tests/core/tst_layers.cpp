// Layer shape rules and derived sizes (model spec §1, §8.1 "layers/network").
#include "model/layer.h"
#include "test_layers.h"

#include <QtTest>

using namespace kapla;

namespace {

using test::layerParams;
using test::validLayer;

LayerParams conv(int nifm, int nofm, PhyDim2 sofm, PhyDim2 sfil, std::optional<PhyDim2> strd = {})
{
    return layerParams(LayerType::Conv, nifm, nofm, sofm, sfil, 1, strd);
}

LayerParams of(LayerType t, int nofm, PhyDim2 sofm, PhyDim2 sreg, int nreg = 1, int ntrd = 1,
               std::optional<PhyDim2> strd = {})
{
    LayerParams p = layerParams(t, 0, nofm, sofm, sreg, nreg, strd);
    p.ntrd = ntrd;
    return p;
}

} // namespace

class TestLayers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void convDerivedSizes()
    {
        const Layer l = validLayer(conv(3, 64, {28, 14}, {3, 3}, PhyDim2{2, 2}));
        QCOMPARE(l.sifm, (PhyDim2{3 + 27 * 2, 3 + 13 * 2}));
        QCOMPARE(l.nifm, 3);
        QCOMPARE(l.totalOfmapSize(2), std::int64_t(64 * 28 * 14 * 2));
        QCOMPARE(l.totalIfmapSize(1), std::int64_t(3 * 57 * 29));
        QCOMPARE(l.filterSize(), std::int64_t(9));
        QCOMPARE(l.totalFilterSize(), std::int64_t(3 * 64 * 9));
        QCOMPARE(l.totalOps(1), std::int64_t(64) * 28 * 14 * 9 * 3);
        QCOMPARE(l.rwData(), DataCategory::Ofm);
        const Layer valid = validLayer(conv(3, 64, {224, 224}, {3, 3}));
        QCOMPARE(valid.sifm.h, 226); // valid convolution: no padding stored
    }
    void validPadding()
    {
        const Layer l = validLayer(conv(3, 64, {28, 14}, {3, 1}, PhyDim2{2, 4}));
        QVERIFY(l.isValidPaddingSifm({56, 56}));
        QVERIFY(l.isValidPaddingSifm({57, 53}));
        QVERIFY(l.isValidPaddingSifm({57, 55}));
        QVERIFY(!l.isValidPaddingSifm({28, 14}));
        QVERIFY(!l.isValidPaddingSifm({56, 14}));

        LayerParams fc;
        fc.type = LayerType::FC;
        fc.nifm = 2048;
        fc.nofm = 4096;
        fc.sfil = {2, 2};
        const Layer f = validLayer(fc);
        QCOMPARE(f.sofm(), (PhyDim2{1, 1}));
        QVERIFY(f.isValidPaddingSifm({2, 2}));
        QVERIFY(f.isValidPaddingSifm({1, 1}));
        QVERIFY(f.isValidPaddingSifm({1, 2}));

        const Layer lr = validLayer(of(LayerType::LocalRegion, 64, {28, 28}, {1, 1}, 2));
        QVERIFY(lr.isValidPaddingSifm({28, 28}));
        QVERIFY(!lr.isValidPaddingSifm({27, 28}));
        QVERIFY(!lr.isValidPaddingSifm({29, 29}));

        const Layer pool = validLayer(of(LayerType::Pooling, 64, {28, 28}, {2, 3}, 1, 1, PhyDim2{3, 2}));
        QVERIFY(pool.isValidPaddingSifm({84, 56}));
        QVERIFY(pool.isValidPaddingSifm({83, 57}));
    }
    void localRegionFamily()
    {
        const Layer pool = validLayer(of(LayerType::Pooling, 48, {27, 27}, {3, 3}));
        QCOMPARE(pool.strd, (PhyDim2{3, 3})); // pooling stride defaults to the region
        const Layer pool2 = validLayer(of(LayerType::Pooling, 48, {27, 27}, {3, 3}, 1, 1, PhyDim2{2, 2}));
        QCOMPARE(pool2.sifm, (PhyDim2{55, 55}));
        QCOMPARE(pool2.totalOps(1), std::int64_t(314928));
        QCOMPARE(pool2.totalFilterSize(), std::int64_t(0));

        const Layer eltw = validLayer(of(LayerType::Eltwise, 140, {1, 1}, {1, 1}, 2));
        QCOMPARE(eltw.nifm, 280);
        QCOMPARE(eltw.totalOps(1), std::int64_t(280));

        const Layer lrn = validLayer(of(LayerType::LocalRegion, 64, {28, 28}, {1, 1}, 5, 1));
        QCOMPARE(lrn.nifm, 64);
        QCOMPARE(lrn.totalOps(1), std::int64_t(64 * 28 * 28 * 5));
        QCOMPARE(lrn.dataLoops()[0], 0u);

        QVERIFY(!makeLayer(of(LayerType::LocalRegion, 64, {28, 28}, {3, 3}, 2)).ok()); // both channel and space
    }
    void depthwise()
    {
        LayerParams p;
        p.type = LayerType::DWConv;
        p.nofm = 32;
        p.sofm = {112, 112};
        p.sfil = {3, 3};
        const Layer l = validLayer(p);
        QCOMPARE(l.nifm, 32);
        QCOMPARE(l.sifm, (PhyDim2{114, 114}));
        QCOMPARE(l.totalOps(1), std::int64_t(32) * 112 * 112 * 9);
        QCOMPARE(l.totalFilterSize(), std::int64_t(32 * 9));
        QCOMPARE(l.dataLoops()[0], 1u << static_cast<unsigned>(LoopDim::Ofm));
    }
    void backwardLayers()
    {
        // resnet50_bp conv1_back = ConvBA(64, 3, 224, 7, 2): sifm 109, 111,776,448 MACs.
        LayerParams p = conv(64, 3, {224, 224}, {7, 7}, PhyDim2{2, 2});
        p.type = LayerType::ConvBackAct;
        const Layer act = validLayer(p);
        QCOMPARE(act.sifm, (PhyDim2{109, 109}));
        QCOMPARE(act.totalOps(1), std::int64_t(111776448));
        QCOMPARE(act.rwData(), DataCategory::Ofm);
        p.type = LayerType::ConvBackWeight;
        const Layer weight = validLayer(p);
        QCOMPARE(weight.rwData(), DataCategory::Fil);
        QVERIFY(weight.isWeightGradient());

        // pool5_back = PoolingBack(2048, 7, 7): input 1x1, 100,352 MACs.
        const Layer pb = validLayer(of(LayerType::PoolingBack, 2048, {7, 7}, {7, 7}));
        QCOMPARE(pb.sifm, (PhyDim2{1, 1}));
        QCOMPARE(pb.nifm, 2048);
        QCOMPARE(pb.totalOps(1), std::int64_t(100352));
        // pool1_back = PoolingBack(64, 112, 3, 2): input 55x55, 1,742,400 MACs.
        const Layer pb1 = validLayer(of(LayerType::PoolingBack, 64, {112, 112}, {3, 3}, 1, 1, PhyDim2{2, 2}));
        QCOMPARE(pb1.sifm, (PhyDim2{55, 55}));
        QCOMPARE(pb1.totalOps(1), std::int64_t(1742400));

        // fc_back = FCBackAct(1000, 2048): 2,048,000 MACs on 1x1 maps.
        LayerParams fcb;
        fcb.type = LayerType::FCBackAct;
        fcb.nifm = 1000;
        fcb.nofm = 2048;
        const Layer fb = validLayer(fcb);
        QCOMPARE(fb.sifm, (PhyDim2{1, 1}));
        QCOMPARE(fb.totalOps(1), std::int64_t(2048000));

        // Cropping maps the gradient back through reverse_high.
        LayerParams crop = conv(8, 4, {10, 10}, {3, 3});
        crop.type = LayerType::ConvBackAct;
        crop.crop = true;
        crop.rawSofm = PhyDim2{12, 12};
        QCOMPARE(validLayer(crop).sifm, (PhyDim2{10, 10}));

        LayerParams eb = of(LayerType::EltwiseBack, 140, {1, 1}, {1, 1}, 1);
        QCOMPARE(validLayer(eb).nifm, 140);
    }
    void impossibleShapesNameTheNumbers()
    {
        auto r = makeLayer(conv(3, 0, {28, 28}, {3, 3}));
        QVERIFY(!r.ok());
        QCOMPARE(QString::fromStdString(r.diagnostics().front().key), QString("nofm"));
        QVERIFY(QString::fromStdString(r.diagnostics().front().message).contains("got 0"));

        LayerParams back = conv(8, 4, {2, 2}, {5, 5});
        back.type = LayerType::ConvBackAct;
        auto b = makeLayer(back);
        QVERIFY(!b.ok());
        const QString msg = QString::fromStdString(b.diagnostics().front().message);
        QVERIFY2(msg.contains("window 5") && msg.contains("sofm 2"), qPrintable(msg));

        QVERIFY(!makeLayer(conv(-3, 4, {2, 2}, {1, 1})).ok());
        QVERIFY(!makeLayer(conv(3, 4, {2, 2}, {1, 1}, PhyDim2{0, 1})).ok());
    }
    void keywords()
    {
        for (int i = 1; i <= static_cast<int>(LayerType::DWConvBackWeight); ++i) {
            const auto t = static_cast<LayerType>(i);
            QCOMPARE(layerTypeFromKeyword(layerTypeKeyword(t)), std::optional<LayerType>(t));
        }
        QVERIFY(!layerTypeFromKeyword("input"));
        QVERIFY(!layerTypeFromKeyword("convolution"));
    }
};

QTEST_APPLESS_MAIN(TestLayers)
#include "tst_layers.moc"
