// Benchmark: with a ResNet-50 result (72 layers) in the results panel, how long switching the selected
// layer takes until every view has updated (target < 50 ms). Prints JSON figures; fails only if the
// views do not follow the selection, never on time (machines are noisy).

#include "views/result_fixtures.h"

#include "session/selection_context.h"
#include "views/buffer_occupancy_view.h"
#include "views/energy_breakdown_view.h"
#include "views/loop_nest_view.h"
#include "views/node_allocation_view.h"
#include "views/pipeline_timeline_view.h"
#include "views/results_panel.h"

#include "views/qcp.h"

#include <QElapsedTimer>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <numeric>

class TestViewsResNet50 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void switchLayers();
};

void TestViewsResNet50::switchLayers()
{
    QElapsedTimer clock;
    clock.start();
    const auto e = kapla::test::resnet50SingleNode(1);
    const double prepare = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    QCOMPARE(e.eval.layers.size(), std::size_t{72});
    auto result = kapla::test::givenRun(e);

    SelectionContext selection;
    ResultsPanel panel(&selection);
    panel.resize(1500, 950);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    clock.restart();
    panel.setResult(result);
    QCoreApplication::processEvents();
    const double load = static_cast<double>(clock.nsecsElapsed()) / 1e6;

    std::printf("{\"benchmark\": \"result views, ResNet-50 (72 layers, 72 segments)\", \"prepare_ms\": %.1f, "
                "\"set_result_ms\": %.1f, \"tabs\": [\n",
                prepare, load);
    const ResultsPanel::Tab tabs[] = {ResultsPanel::Tab::Energy, ResultsPanel::Tab::Allocation,
                                      ResultsPanel::Tab::Occupancy, ResultsPanel::Tab::Timeline};
    const char* names[] = {"energy", "allocation", "occupancy", "timeline"};
    double worst = 0;
    for (std::size_t t = 0; t < std::size(tabs); ++t) {
        panel.showTab(tabs[t]);
        QTest::qWait(20);
        std::vector<double> ms;
        for (int i = 0; i < 72; i += 3) {
            const int layer = (i * 7) % 72;
            clock.restart();
            selection.selectLayerIndex(layer);
            QCoreApplication::processEvents(); // queued replots, then the repaint of the visible view
            QCoreApplication::processEvents();
            ms.push_back(static_cast<double>(clock.nsecsElapsed()) / 1e6);
            QCOMPARE(panel.energyView()->highlightedLayer(), layer);
            QCOMPARE(panel.occupancyView()->highlightedLayer(), layer);
            QCOMPARE(panel.timelineView()->highlightedLayer(), layer);
            QCOMPARE(panel.loopNestView()->shownLayer(), layer);
            QCOMPARE(panel.allocationView()->shownSegment(), e.eval.layers[static_cast<std::size_t>(layer)].segment);
        }
        std::sort(ms.begin(), ms.end());
        const double mean = std::accumulate(ms.begin(), ms.end(), 0.0) / static_cast<double>(ms.size());
        worst = std::max(worst, ms.back());
        std::printf(
            "  {\"tab\": \"%s\", \"switches\": %zu, \"median_ms\": %.2f, \"mean_ms\": %.2f, \"max_ms\": %.2f}%s\n",
            names[t], ms.size(), ms[ms.size() / 2], mean, ms.back(), t + 1 < std::size(tabs) ? "," : "");
    }
    // Where the time goes: the synchronous slots (tree, loop nest, highlights) and one replot per chart.
    const auto timed = [&clock](auto&& f) {
        clock.restart();
        f();
        return static_cast<double>(clock.nsecsElapsed()) / 1e6;
    };
    const double handlers = timed([&] { selection.selectLayerIndex(40); });
    const double energy = timed([&] { panel.energyView()->plot()->replot(); });
    const double occupancy = timed([&] { panel.occupancyView()->plot()->replot(); });
    const double timeline = timed([&] { panel.timelineView()->plot()->replot(); });
    std::printf("], \"parts_ms\": {\"selection_slots\": %.2f, \"energy_replot\": %.2f, \"occupancy_replot\": %.2f, "
                "\"timeline_replot\": %.2f}",
                handlers, energy, occupancy, timeline);
    std::printf(", \"worst_ms\": %.2f, \"target_ms\": 50, \"within_target\": %s}\n", worst,
                worst < 50 ? "true" : "false");
    std::fflush(stdout);
}

QTEST_MAIN(TestViewsResNet50)
#include "tst_views_resnet50.moc"
