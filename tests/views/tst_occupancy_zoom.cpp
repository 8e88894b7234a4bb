// The buffer occupancy chart zooms and scrolls like the timeline (offscreen): its GBUF and REGF panels
// share the layer axis, whichever panel is moved, and Fit shows every layer again.

#include "views/result_fixtures.h"

#include "session/selection_context.h"
#include "views/buffer_occupancy_view.h"

#include "views/qcp.h"

#include <QTest>

class TestOccupancyZoom : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void panelsZoomTogether()
    {
        SelectionContext selection;
        selection.setResult(kapla::test::givenRun(kapla::test::setupC()));
        BufferOccupancyView view(&selection);
        view.resize(900, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCustomPlot* plot = view.plot();
        QCOMPARE(plot->axisRectCount(), 2);
        QCPAxis* gbuf = plot->axisRect(0)->axis(QCPAxis::atBottom);
        QCPAxis* regf = plot->axisRect(1)->axis(QCPAxis::atBottom);
        const QCPRange full = gbuf->range();
        QCOMPARE(regf->range(), full);
        QVERIFY(plot->interactions().testFlag(QCP::iRangeZoom));
        // Zooming one panel moves the other.
        gbuf->setRange(0.5, 1.5);
        QCOMPARE(regf->range(), QCPRange(0.5, 1.5));
        regf->setRange(1.5, 2.5);
        QCOMPARE(gbuf->range(), QCPRange(1.5, 2.5));
        // Scrolling past the layers is held at the ends, in both panels.
        regf->setRange(full.upper - 0.5, full.upper + 0.5);
        QCOMPARE(gbuf->range().upper, full.upper);
        QCOMPARE(regf->range().upper, full.upper);
        fitChart(*plot);
        QCOMPARE(gbuf->range(), full);
        QCOMPARE(regf->range(), full);
    }
};

QTEST_MAIN(TestOccupancyZoom)
#include "tst_occupancy_zoom.moc"
