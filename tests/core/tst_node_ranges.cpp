// The part of a layer's tensors one node owns under its partition, against ranges derived by hand
// (derivations in the comments).
#include "report/node_ranges.h"
#include "test_layers.h"

#include <QtTest>

using namespace kapla;

namespace {

constexpr std::size_t idx(Parallel p) { return static_cast<std::size_t>(p); }

// A conv of 8 → 16 channels, 4x4 outputs, 3x3 filters, batch 4, on a 2x4 region at (1,2):
// output channels split 1x2, output fmap 2x1, batch 1x2, input channels unsplit.
LayerEvaluation splitConv()
{
    LayerEvaluation le;
    le.name = "conv";
    le.region = NodeRegion::make({2, 4}, {1, 2}, NodeRegion::Type::Proc);
    le.partition.pdims[idx(Parallel::Outp)] = {1, 2};
    le.partition.pdims[idx(Parallel::Ofmp)] = {2, 1};
    le.partition.pdims[idx(Parallel::Batp)] = {1, 2};
    return le;
}

} // namespace

class TestNodeRanges : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Hierarchy order OUTP, OFMP, BATP, INPP: the relative coordinate is, per axis,
    // ((outp * ofmp_dim + ofmp) * batp_dim + batp) * inpp_dim + inpp, so relative row h is the OFMP
    // row index and relative column w = 2 * outp.w + batp.w. The region is unfolded, absolute =
    // (1,2) + relative. Each split hands out equal consecutive shares.
    void ownsItsShareOfEveryDimension()
    {
        const Layer layer = test::conv(8, 16, 4, 3);
        const LayerEvaluation le = splitConv();

        // (1,2) is relative (0,0): first half of K, first samples, first output rows, all columns.
        const auto first = nodeRanges(layer, 4, le, {1, 2});
        QVERIFY(first);
        QCOMPARE(first->batch, (IndexRange{0, 2}));
        QCOMPARE(first->outputChannels, (IndexRange{0, 8}));
        QCOMPARE(first->outputRows, (IndexRange{0, 2}));
        QCOMPARE(first->outputColumns, (IndexRange{0, 4}));
        QCOMPARE(first->inputChannels, (IndexRange{0, 8}));

        // (1,4) is relative (0,2): outp.w = 1, batp.w = 0 → K 8..16, samples 0..2, rows 0..2.
        const auto third = nodeRanges(layer, 4, le, {1, 4});
        QVERIFY(third);
        QCOMPARE(third->outputChannels, (IndexRange{8, 16}));
        QCOMPARE(third->batch, (IndexRange{0, 2}));
        QCOMPARE(third->outputRows, (IndexRange{0, 2}));

        // (2,5) is relative (1,3): ofmp.h = 1, outp.w = 1, batp.w = 1 → rows 2..4, K 8..16, samples 2..4.
        const auto last = nodeRanges(layer, 4, le, {2, 5});
        QVERIFY(last);
        QCOMPARE(last->node, (PhyDim2{2, 5}));
        QCOMPARE(last->batch, (IndexRange{2, 4}));
        QCOMPARE(last->outputChannels, (IndexRange{8, 16}));
        QCOMPARE(last->outputRows, (IndexRange{2, 4}));
        QCOMPARE(last->outputColumns, (IndexRange{0, 4}));
        QCOMPARE(last->inputChannels, (IndexRange{0, 8}));
    }

    // A node outside the region owns nothing.
    void outsideTheRegionOwnsNothing()
    {
        const Layer layer = test::conv(8, 16, 4, 3);
        QVERIFY(!nodeRanges(layer, 4, splitConv(), {0, 0}));
        QVERIFY(!nodeRanges(layer, 4, splitConv(), {1, 6}));
    }

    // Input channels split 1x2 on a 1x2 region at (0,0): the second node reads channels 4..8 of 8
    // and produces a partial sum of all 16 output channels.
    void inputChannelSplitGivesEachNodeItsChannels()
    {
        LayerEvaluation le;
        le.region = NodeRegion::make({1, 2}, {0, 0}, NodeRegion::Type::Proc);
        le.partition.pdims[idx(Parallel::Inpp)] = {1, 2};
        const auto second = nodeRanges(test::conv(8, 16, 4, 3), 4, le, {0, 1});
        QVERIFY(second);
        QCOMPARE(second->inputChannels, (IndexRange{4, 8}));
        QCOMPARE(second->outputChannels, (IndexRange{0, 16}));
        QCOMPARE(second->batch, (IndexRange{0, 4}));
    }

    // Inclusive bounds with the glossary's names.
    void describesTheRangesInTheGlossarysWords()
    {
        const auto last = nodeRanges(test::conv(8, 16, 4, 3), 4, splitConv(), {2, 5});
        QVERIFY(last);
        QCOMPARE(QString::fromStdString(describeNodeRanges(*last)),
                 QStringLiteral("node (2,5): batch (N) 2-3, output channels (K) 8-15, output fmap (P) rows 2-3 "
                                "columns 0-3, input channels (C) 0-7"));
    }
};

QTEST_APPLESS_MAIN(TestNodeRanges)
#include "tst_node_ranges.moc"
