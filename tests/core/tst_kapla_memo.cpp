// KAPLA's memo across solves: a warm memo gives the same schedule and totals as a cold solve, a layer
// edit re-solves only the layer problems that involve the edited layer, and an architecture edit
// reuses nothing.
#include "solve/kapla/kapla_memo.h"
#include "solve/kapla_solver.h"
#include "solve/solver.h"
#include "test_projects.h"

#include <QtTest>

#include <memory>
#include <variant>

using namespace kapla;

namespace {

Project alexNet() { return test::loadProject("sample_projects/alexnet-16x16.yaml", SolverKind::Kapla); }

SolveResult solveWith(const Project& prj, std::shared_ptr<KaplaMemo> memo, int threads = 2)
{
    SolveSettings settings;
    settings.threads = threads;
    return solve(prj, settings, std::stop_token{}, {}, memo.get());
}

void checkSameResult(const SolveResult& a, const SolveResult& b)
{
    QVERIFY(a.schedule && b.schedule);
    QVERIFY(*a.schedule == *b.schedule);
    QCOMPARE(a.evaluation->totalCost, b.evaluation->totalCost);
    QCOMPARE(a.evaluation->totalTime, b.evaluation->totalTime);
    QCOMPARE(a.searchCost, b.searchCost);
}

// The last layer (nothing reads its output, so the edit leaves every other layer's shape alone).
Project withFc3Outputs(Project prj, int nofm)
{
    const LayerId fc3 = prj.network.find("fc3");
    Layer layer = prj.network.at(fc3).layer;
    layer.params.nofm = nofm;
    if (!prj.network.replace(fc3, layer).empty())
        qFatal("the fc3 edit is invalid");
    return prj;
}

} // namespace

class TestKaplaMemo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void warmSolveEqualsColdSolve()
    {
        const Project prj = alexNet();
        const SolveResult plain = solveWith(prj, nullptr);
        auto memo = std::make_shared<KaplaMemo>();
        const SolveResult cold = solveWith(prj, memo);
        checkSameResult(cold, plain);
        const KaplaMemo::Counts first = memo->counts();
        QVERIFY(first.layersSolved > 0);
        QVERIFY(first.segmentsEstimated > 0);
        memo->resetCounts();
        const SolveResult warm = solveWith(prj, memo);
        checkSameResult(warm, plain);
        // The same project asks the same questions: every one is answered by the memo.
        const KaplaMemo::Counts second = memo->counts();
        QCOMPARE(second.layersSolved, 0);
        QCOMPARE(second.segmentsEstimated, 0);
        QCOMPARE(second.layersReused, first.layersSolved + first.layersReused);
        QCOMPARE(second.segmentsReused, first.segmentsEstimated);
    }

    void layerEditSolvesOnlyWhatItTouches()
    {
        auto memo = std::make_shared<KaplaMemo>();
        solveWith(alexNet(), memo);
        memo->resetCounts();
        const Project edited = withFc3Outputs(alexNet(), 500);
        const SolveResult warm = solveWith(edited, memo);
        const KaplaMemo::Counts after = memo->counts();

        auto fresh = std::make_shared<KaplaMemo>();
        const SolveResult cold = solveWith(edited, fresh);
        checkSameResult(warm, cold);
        checkSameResult(warm, solveWith(edited, nullptr));
        const KaplaMemo::Counts full = fresh->counts();
        // Both solves ask the same questions; the warm one computes only those involving fc3: fc3's
        // own problems and those of the layers sharing a segment with it (fc3's size changes their
        // node share). fc3 is last in the scheduling order, so the segments ending before it keep
        // their indices and every one of their estimates is reused.
        QCOMPARE(after.layersSolved + after.layersReused, full.layersSolved + full.layersReused);
        QCOMPARE(after.segmentsEstimated + after.segmentsReused, full.segmentsEstimated);
        qInfo("layer problems: %lld asked, %lld solved cold, %lld solved after the edit; segments: %lld, %lld "
              "estimated after the edit",
              static_cast<long long>(full.layersSolved + full.layersReused), static_cast<long long>(full.layersSolved),
              static_cast<long long>(after.layersSolved), static_cast<long long>(full.segmentsEstimated),
              static_cast<long long>(after.segmentsEstimated));
        // Observed: of the 65 candidate segments, the 7 that contain fc3 (all end at it) are estimated
        // again; of the 212 layer problems the DP poses (153 distinct), 6 are new: fc3's own problems
        // and those of its segment partners in the fused segments the DP solves. Every other one is
        // reused.
        QCOMPARE(full.segmentsEstimated, 65);
        QCOMPARE(after.segmentsEstimated, 7);
        QCOMPARE(full.layersSolved + full.layersReused, 212);
        QCOMPARE(after.layersSolved, 6);
    }

    void architectureEditReusesNothing()
    {
        auto memo = std::make_shared<KaplaMemo>();
        solveWith(alexNet(), memo);
        memo->resetCounts();
        Project bigger = alexNet();
        std::get<KaplaHardware>(bigger.architecture.hardware).gbufSizeBytes *= 2;
        const SolveResult warm = solveWith(bigger, memo);
        auto fresh = std::make_shared<KaplaMemo>();
        const SolveResult cold = solveWith(bigger, fresh);
        checkSameResult(warm, cold);
        // Every question is new: the warm memo computes exactly what an empty one does.
        QCOMPARE(memo->counts().layersSolved, fresh->counts().layersSolved);
        QCOMPARE(memo->counts().layersReused, fresh->counts().layersReused);
        QCOMPARE(memo->counts().segmentsEstimated, fresh->counts().segmentsEstimated);
        QCOMPARE(memo->counts().segmentsReused, 0);
    }

    void capacityBoundsTheMemo()
    {
        auto memo = std::make_shared<KaplaMemo>(64);
        const Project prj = alexNet();
        const SolveResult plain = solveWith(prj, nullptr);
        checkSameResult(solveWith(prj, memo), plain);
        QVERIFY(memo->size() <= 2 * 64);
        checkSameResult(solveWith(prj, memo), plain);
    }
};

QTEST_APPLESS_MAIN(TestKaplaMemo)
#include "tst_kapla_memo.moc"
