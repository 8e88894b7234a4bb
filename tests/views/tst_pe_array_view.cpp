// The PE-array step view (offscreen) on AlexNet conv3_a of the saved 16x16 schedule: its tiles at
// steps 0, 1 and 1000 are the core walk's (and the hand-derived numbers of tst_loop_walk), stepping
// moves the loop nest's highlight, clicking a loop line highlights that loop and its buffer level, and
// "Compare mappings" solves the layer under systolic off the GUI thread and draws that solve's own walk
// (its energy is core's single-layer result for that mapping).

#include "views/result_fixtures.h"

#include "report/chart_data.h"
#include "report/layer_remap.h"
#include "report/node_ranges.h"
#include "session/selection_context.h"
#include "views/chart_style.h"
#include "views/loop_nest_view.h"
#include "views/node_allocation_view.h"
#include "views/pe_array_view.h"
#include "views/results_panel.h"

#include <QCheckBox>
#include <QImage>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSlider>
#include <QTest>
#include <QTextBrowser>
#include <QToolButton>

#include <cstdlib>
#include <memory>

namespace {

constexpr std::size_t kIfm = 1, kOfm = 2, kRegf = 2;

// Pixels of exactly `color` in an image.
int countColor(const QImage& image, QColor color)
{
    int n = 0;
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < rgb.height(); ++y)
        for (int x = 0; x < rgb.width(); ++x)
            n += rgb.pixelColor(x, y) == color ? 1 : 0;
    return n;
}

} // namespace

class TestPeArrayView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        if (!m_run)
            m_run = kapla::test::givenRun(kapla::test::evaluatedSample("sample_projects/alexnet-16x16.yaml",
                                                                       "docs/images/alexnet-16x16-exhaustive.yaml"));
        m_selection = std::make_unique<SelectionContext>();
        m_panel = std::make_unique<ResultsPanel>(m_selection.get());
        m_panel->resize(1500, 950);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
        m_panel->setResult(m_run);
        m_panel->showTab(ResultsPanel::Tab::PeArray);
        m_selection->selectLayer(QStringLiteral("conv3_a"));
        QVERIFY(view()->scheme().has_value());
    }
    void cleanup()
    {
        m_panel.reset();
        m_selection.reset();
    }

    void tilesAreTheWalks()
    {
        const kapla::LoopScheme& scheme = *view()->scheme();
        QCOMPARE(view()->slider()->maximum(), 64 * 8 * 3 * 2 - 1);
        for (const qint64 k : {qint64{0}, qint64{1}, qint64{1000}}) {
            m_selection->selectLoopStep(k);
            const kapla::LoopStep expected = kapla::walkStep(scheme, k);
            QCOMPARE(view()->step().index, k);
            QCOMPARE(qint64{view()->slider()->value()}, k);
            QCOMPARE(view()->step().counters, expected.counters);
            QVERIFY(view()->step().tiles == expected.tiles);
        }
        // Step 1000 (tst_loop_walk): the pass works on output channel 62 of sample 6, input channels 0..2.
        QCOMPARE(view()->step().tiles[kRegf][kOfm].k, (kapla::IndexRange{62, 63}));
        QCOMPARE(view()->step().tiles[kRegf][kOfm].n, (kapla::IndexRange{6, 7}));
        QCOMPARE(view()->step().tiles[kRegf][kIfm].c, (kapla::IndexRange{0, 2}));
    }

    // Steps 0 → 1 advance the innermost loop (REGF C, loop 3); the loop nest highlights it, the view
    // the REGF level. Step 6 advances the GBUF batch loop (loop 1).
    void steppingHighlightsTheAdvancedLoop()
    {
        QToolButton* forward = view()->stepButton();
        QVERIFY(!m_panel->loopNestView()->highlightedLoop());
        QTest::mouseClick(forward, Qt::LeftButton);
        QCOMPARE(m_selection->loopStep(), qint64{1});
        QCOMPARE(m_panel->loopNestView()->highlightedLoop(), std::optional<std::size_t>(3));
        QCOMPARE(view()->highlightedLevel(), std::optional<std::size_t>(2));
        view()->slider()->setValue(6);
        QCOMPARE(m_panel->loopNestView()->highlightedLoop(), std::optional<std::size_t>(1));
        QCOMPARE(view()->highlightedLevel(), std::optional<std::size_t>(1));
    }

    // Clicking the "for n1" line (loop 1, GBUF level) picks it in both views; clicking it again unpicks.
    void clickingALoopHighlightsItsLevel()
    {
        QTextBrowser* text = m_panel->loopNestView()->browser();
        QVERIFY(text->toHtml().contains(QStringLiteral("href=\"loop:1\"")));
        Q_EMIT text->anchorClicked(QUrl(QStringLiteral("loop:1")));
        QCOMPARE(m_selection->loop(), 1);
        QCOMPARE(m_panel->loopNestView()->highlightedLoop(), std::optional<std::size_t>(1));
        QCOMPARE(view()->highlightedLevel(), std::optional<std::size_t>(1));
        Q_EMIT text->anchorClicked(QUrl(QStringLiteral("loop:3")));
        QCOMPARE(view()->highlightedLevel(), std::optional<std::size_t>(2));
        Q_EMIT text->anchorClicked(QUrl(QStringLiteral("loop:3")));
        QCOMPARE(m_selection->loop(), -1);
        // Another layer starts its own walk.
        m_selection->selectLoopStep(5);
        m_selection->selectLayer(QStringLiteral("conv4_a"));
        QCOMPARE(view()->step().index, qint64{0});
    }

    // The other side is solved on a worker thread: the view answers at once with "Solving…", then draws
    // the systolic solve of the same partition, whose energy and time are core's single-layer result.
    void otherMappingIsSolvedAlone()
    {
        QVERIFY(view()->isSolvingOther());
        QVERIFY(!view()->otherMapping());
        QVERIFY(view()->otherProblem().startsWith(QStringLiteral("Solving conv3_a under systolic")));
        waitForOther();
        const kapla::LoopScheme& other = *view()->otherMapping();
        QCOMPARE(other.mapping, kapla::MappingKind::Systolic);
        const int layer = kapla::layerIndex(*m_run->evaluation, "conv3_a");
        const kapla::RemappedLayer core = kapla::solveLayerUnderMapping(m_run->project(), m_run->architecture(),
                                                                        *m_run->evaluation, layer,
                                                                        kapla::MappingKind::Systolic);
        QVERIFY(core.evaluation.has_value());
        QCOMPARE(other.evaluation->cost, core.evaluation->cost);
        QCOMPARE(other.evaluation->time, core.evaluation->time);
        QVERIFY(other.evaluation->blocking.tvals == core.evaluation->blocking.tvals);
        // Its own blocking, not the schedule's: the walk is the systolic solve's.
        QVERIFY(other.evaluation != view()->scheme()->evaluation);
        QCOMPARE(kapla::walkLength(other),
                 kapla::walkLength(*kapla::loopScheme(m_run->project(), m_run->architecture(), *core.evaluation,
                                                      m_run->evaluation->batch, kapla::MappingKind::Systolic)));
        QVERIFY(view()->otherProblem().isEmpty());
        // Half way through the schedule's walk, the other side is half way through its own.
        const qint64 half = kapla::walkLength(*view()->scheme()) / 2;
        m_selection->selectLoopStep(half);
        const qint64 otherHalf = kapla::walkLength(other) / 2;
        QVERIFY(view()->otherStep().tiles == kapla::walkStep(other, otherHalf).tiles);
    }

    // Both mappings by default; without comparing only the schedule's (row stationary) is drawn.
    void bothMappingsRender()
    {
        QVERIFY(view()->compareBox()->isChecked());
        waitForOther();
        QCOMPARE(view()->otherMapping()->mapping, kapla::MappingKind::Systolic);
        const QColor firstCopy(230, 159, 0);
        view()->compareBox()->setChecked(false);
        const int alone = countColor(view()->grab().toImage(), firstCopy);
        QVERIFY(alone > 0);
        view()->compareBox()->setChecked(true);
        const int both = countColor(view()->grab().toImage(), firstCopy);
        QVERIFY2(both > alone, qPrintable(QStringLiteral("%1 vs %2").arg(both).arg(alone)));
    }

    // At the size the results get in the window's default 1440x900 (the project dock and the run list
    // take the rest), the step is in view whole: the canvas scales down rather than scroll, and the
    // PE array tab takes two thirds of the height from the loop nest.
    void fitsTheDefaultWindow()
    {
        waitForOther();
        m_panel->showTab(ResultsPanel::Tab::Energy);
        m_panel->resize(1170, 740);
        m_panel->showTab(ResultsPanel::Tab::PeArray);
        QCoreApplication::processEvents();
        auto* scroll = view()->findChild<QScrollArea*>();
        QVERIFY(scroll);
        QVERIFY(!scroll->verticalScrollBar()->isVisible());
        QVERIFY(!scroll->horizontalScrollBar()->isVisible());
        QVERIFY(view()->height() >= 740 * 2 / 3 - 40);
        // The DRAM tiles (the lightest blue; at step 0 the whole tensors) of all three tensors are in
        // view: far more of that blue than the node region's thumbnail has (256 nodes of 3x3 pixels).
        const int lightBlue = countColor(view()->grab().toImage(), QColor(158, 202, 225));
        QVERIFY2(lightBlue > 3 * 3000, qPrintable(QString::number(lightBlue)));
    }

    // Clicking a node of conv3_a in the node allocation view focuses it (the layer stays selected):
    // the PE array tab's caption is core's ranges of that node and the thumbnail draws it dark;
    // clicking another node in the thumbnail focuses that one.
    void allocationClickFocusesTheNode()
    {
        const kapla::LayerEvaluation& le =
            m_run->evaluation->layers[static_cast<std::size_t>(m_selection->layerIndex())];
        QVERIFY(le.region.dim.size() > 1);
        const kapla::PhyDim2 first = le.region.rel2abs({0, 0});
        const kapla::PhyDim2 last = le.region.rel2abs({le.region.dim.h - 1, le.region.dim.w - 1});
        QCOMPARE(view()->focusNode(), first);

        m_panel->showTab(ResultsPanel::Tab::Allocation);
        NodeAllocationView* allocation = m_panel->allocationView();
        QTest::mouseClick(allocation->mesh(), Qt::LeftButton, {}, allocation->nodeCenter(last));
        QVERIFY(m_selection->node() == last);
        QCOMPARE(m_selection->layer(), QStringLiteral("conv3_a"));
        QCOMPARE(view()->focusNode(), last);
        const auto ranges = kapla::nodeRanges(*view()->scheme()->layer, m_run->evaluation->batch, le, last);
        QVERIFY(ranges);
        const QString lastCaption = QString::fromStdString(kapla::describeNodeRanges(*ranges));
        QCOMPARE(view()->nodeCaption(), lastCaption);
        QVERIFY2(lastCaption.startsWith(QStringLiteral("node (%1,%2): batch (N) ").arg(last.h).arg(last.w)),
                 qPrintable(lastCaption));
        // The loop nest names the same node's share, and the allocation view rings that node.
        QVERIFY2(m_panel->loopNestView()->plainText().contains(lastCaption),
                 qPrintable(m_panel->loopNestView()->plainText().left(400)));
        QVERIFY(ringAround(allocation, last));
        QVERIFY(!ringAround(allocation, first));

        m_panel->showTab(ResultsPanel::Tab::PeArray);
        const QImage drawn = view()->canvas()->grab().toImage();
        const auto lastCentre = view()->nodeCenter(last);
        QVERIFY(lastCentre);
        QVERIFY(nearColor(drawn.pixelColor(*lastCentre), focusNodeColor()));
        const auto firstCentre = view()->nodeCenter(first);
        QVERIFY(firstCentre);
        QVERIFY(!nearColor(drawn.pixelColor(*firstCentre), focusNodeColor()));

        QTest::mouseClick(view()->canvas(), Qt::LeftButton, {}, *firstCentre);
        QVERIFY(m_selection->node() == first);
        QVERIFY(view()->nodeCaption() != lastCaption);
        const auto firstRanges = kapla::nodeRanges(*view()->scheme()->layer, m_run->evaluation->batch, le, first);
        QVERIFY(firstRanges);
        QCOMPARE(view()->nodeCaption(), QString::fromStdString(kapla::describeNodeRanges(*firstRanges)));
    }

private:
    PeArrayView* view() const { return m_panel->peArrayView(); }
    // Equal but for the blending of a scaled, antialiased drawing.
    static bool nearColor(const QColor& a, const QColor& b)
    {
        return std::abs(a.red() - b.red()) < 16 && std::abs(a.green() - b.green()) < 16
            && std::abs(a.blue() - b.blue()) < 16;
    }
    // Whether the allocation view draws the focus ring's colour on the row through a node's centre.
    static bool ringAround(NodeAllocationView* allocation, kapla::PhyDim2 node)
    {
        const QImage mesh = allocation->mesh()->grab().toImage();
        const QPoint centre = allocation->nodeCenter(node);
        const QPoint right = allocation->nodeCenter({node.h, node.w + 1});
        const QPoint left = allocation->nodeCenter({node.h, node.w - 1});
        for (int x = (left.x() + centre.x()) / 2; x < (right.x() + centre.x()) / 2; ++x) {
            if (nearColor(mesh.pixelColor(x, centre.y()), focusNodeColor()))
                return true;
        }
        return false;
    }
    void waitForOther()
    {
        if (view()->isSolvingOther()) {
            QSignalSpy ready(view(), &PeArrayView::otherMappingReady);
            QVERIFY(ready.wait(120000));
        }
        QVERIFY2(view()->otherMapping().has_value(), qPrintable(view()->otherProblem()));
    }

    kapla::RunPtr m_run;

    std::unique_ptr<SelectionContext> m_selection;
    std::unique_ptr<ResultsPanel> m_panel;
};

QTEST_MAIN(TestPeArrayView)
#include "tst_pe_array_view.moc"
