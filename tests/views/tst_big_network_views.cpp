// Views and figures of a big network (ResNet-50, 72 layers): the timeline outlines exactly the selected
// layer's bars, row and bar labels never overlap on screen or in exported figures (sized to their
// content, so every layer keeps its label), and zooming shows the labels thinned out before.

#include "views/result_fixtures.h"
#include "views/text_recorder.h"

#include "session/selection_context.h"
#include "views/energy_breakdown_view.h"
#include "views/figure_export.h"
#include "views/pipeline_timeline_view.h"

#include "views/qcp.h"

#include <QTest>

#include <algorithm>
#include <memory>

class TestBigNetworkViews : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void timelineHighlightsTheSelectedLayer_data();
    void timelineHighlightsTheSelectedLayer();
    void exportedLabelsDoNotOverlap_data();
    void exportedLabelsDoNotOverlap();
    void screenLabelsDoNotOverlap();
    void zoomShowsEveryRowLabel();

private:
    std::unique_ptr<kapla::test::Evaluated> m_resnet;
    kapla::RunPtr m_run;
};

namespace {

struct Recorded {
    std::vector<kapla::test::DrawnText> texts;
    QStringList overlaps;
};

// Paints a widget's chart as it is laid out now and returns what text went where.
Recorded recordPlot(QCustomPlot& plot)
{
    kapla::test::TextRecorder recorder(plot.size());
    {
        QCPPainter painter(&recorder);
        plot.toPainter(&painter, plot.width(), plot.height());
    }
    return {recorder.texts(), recorder.overlaps()};
}

int countContaining(const std::vector<kapla::test::DrawnText>& texts, const QString& part)
{
    int n = 0;
    for (const auto& t : texts)
        n += t.text.contains(part) ? 1 : 0;
    return n;
}

} // namespace

void TestBigNetworkViews::initTestCase()
{
    m_resnet = std::make_unique<kapla::test::Evaluated>(kapla::test::resnet50SingleNode(1));
    QCOMPARE(m_resnet->eval.layers.size(), std::size_t{72});
    m_run = kapla::test::givenRun(*m_resnet);
}

void TestBigNetworkViews::timelineHighlightsTheSelectedLayer_data()
{
    QTest::addColumn<int>("layer");
    QTest::newRow("first") << 0;
    QTest::newRow("middle") << 36;
    QTest::newRow("last") << 71;
}

void TestBigNetworkViews::timelineHighlightsTheSelectedLayer()
{
    QFETCH(int, layer);
    SelectionContext selection;
    selection.setResult(m_run);
    PipelineTimelineView view(&selection);
    selection.selectLayerIndex(layer);
    QCOMPARE(view.highlightedLayer(), layer);
    QCOMPARE(outlinedTimelineLayers(*view.plot()), std::vector<int>{layer});
    // Another layer moves the outline; no selection leaves none.
    selection.selectLayerIndex((layer + 1) % 72);
    QCOMPARE(outlinedTimelineLayers(*view.plot()), std::vector<int>{(layer + 1) % 72});
}

void TestBigNetworkViews::exportedLabelsDoNotOverlap_data()
{
    QTest::addColumn<int>("kind");
    QTest::newRow("energy") << static_cast<int>(FigureKind::Energy);
    QTest::newRow("timeline") << static_cast<int>(FigureKind::Timeline);
    QTest::newRow("occupancy") << static_cast<int>(FigureKind::Occupancy);
}

void TestBigNetworkViews::exportedLabelsDoNotOverlap()
{
    QFETCH(int, kind);
    const auto figure = static_cast<FigureKind>(kind);
    const QSize size = figureSize(*m_run, figure, {});
    if (figure == FigureKind::Timeline)
        QVERIFY(size.height() > kFigureHeight);
    else
        QVERIFY(size.width() > kFigureWidth);
    kapla::test::TextRecorder recorder(size);
    {
        QCPPainter painter(&recorder);
        paintFigure(painter, *m_run, figure, {});
    }
    const QStringList overlaps = recorder.overlaps();
    QVERIFY2(overlaps.isEmpty(), qPrintable(overlaps.join(QLatin1Char('\n'))));
    // Sized to its content, the figure labels every layer (the timeline's rows name them too).
    for (const auto& l : m_resnet->eval.layers) {
        const QString name = QString::fromStdString(l.name);
        const bool labelled = std::any_of(recorder.texts().begin(), recorder.texts().end(), [&](const auto& t) {
            return figure == FigureKind::Timeline ? t.text.startsWith(name + QStringLiteral(" ·")) : t.text == name;
        });
        QVERIFY2(labelled, l.name.c_str());
    }
}

void TestBigNetworkViews::screenLabelsDoNotOverlap()
{
    SelectionContext selection;
    selection.setResult(m_run);
    PipelineTimelineView timeline(&selection);
    EnergyBreakdownView energy(&selection);
    for (QWidget* w : {static_cast<QWidget*>(&timeline), static_cast<QWidget*>(&energy)}) {
        w->resize(1000, 560);
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w));
    }
    QTest::qWait(50); // the queued replot after labels were thinned to the laid-out size
    for (QCustomPlot* plot : {timeline.plot(), energy.plot()}) {
        const Recorded recorded = recordPlot(*plot);
        QVERIFY2(recorded.overlaps.isEmpty(), qPrintable(recorded.overlaps.join(QLatin1Char('\n'))));
        QVERIFY(recorded.texts.size() > 10); // thinned, not gone
    }
}

void TestBigNetworkViews::zoomShowsEveryRowLabel()
{
    SelectionContext selection;
    selection.setResult(m_run);
    PipelineTimelineView view(&selection);
    view.resize(1000, 560);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTest::qWait(50);
    const auto rowsShown = [&] {
        const auto texts = recordPlot(*view.plot()).texts;
        int rows = 0;
        for (const auto& l : m_resnet->eval.layers)
            rows += countContaining(texts, QString::fromStdString(l.name) + QStringLiteral(" ·")) > 0 ? 1 : 0;
        return rows;
    };
    const int fitted = rowsShown();
    QVERIFY2(fitted > 5 && fitted < 72, qPrintable(QString::number(fitted)));
    // Ten rows on the whole height: each gets its label.
    view.plot()->axisRect()->axis(QCPAxis::atLeft)->setRange(20 - 0.5, 30 - 0.5);
    view.plot()->replot();
    QTest::qWait(50);
    QCOMPARE(rowsShown(), 10);
    fitChart(*view.plot());
    QTest::qWait(50);
    QCOMPARE(rowsShown(), fitted);
}

QTEST_MAIN(TestBigNetworkViews)
#include "tst_big_network_views.moc"
