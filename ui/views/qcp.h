#pragma once
// The one header that includes qcustomplot.h (about 8 s per translation unit: include it only from
// the .cpp files that draw charts) and the styling helpers those files share.

#include "views/chart_style.h"

// QCustomPlot's header uses Qt's lower-case keywords and foreach, which the project turns off
// (QT_NO_KEYWORDS, QT_NO_FOREACH): they are lent to it for its include only (foreach as a range-for).
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit Q_EMIT
#define foreach(variable, container) for (variable : container)
#include <qcustomplot.h>
#undef signals
#undef slots
#undef emit
#undef foreach

#include <functional>
#include <string>
#include <vector>

class QBoxLayout;

/// Fonts, pens and grid of an axis rect in a style.
void styleAxisRect(QCPAxisRect* rect, const ChartStyle& style);

/// Category labels on a key axis at 0..n-1, rotated when long; after every layout (resize, zoom) only
/// every k-th one is shown so that no two labels overlap.
void setCategoryTicks(QCPAxis* axis, const std::vector<std::string>& names, const ChartStyle& style);

/// Show every k-th of `count` labels spaced `pixelsPerItem` apart when each needs `neededPixels`: k.
int thinningStep(double neededPixels, double pixelsPerItem, int count);

/// Runs `fit` now and after every layout of the plot (while `context` lives); when it reports a change
/// (labels that depend on pixel sizes) the plot is drawn again. Exports lay a plot out once before
/// painting so that such labels are right.
void refitAfterLayout(QCustomPlot& plot, QObject* context, std::function<bool()> fit);

/// The wheel zooms and a drag scrolls along `orientations`, never beyond the axis ranges the plot has
/// now (its data); a double click shows everything again.
void enableZoomAndScroll(QCustomPlot& plot, Qt::Orientations orientations);
/// The key (bottom) axes of every other axis rect follow the first's and zoom and scroll with it:
/// panels stacked over the same categories stay aligned. Call after enableZoomAndScroll().
void shareKeyAxis(QCustomPlot& plot);
/// Shows the whole chart again after zooming or scrolling.
void fitChart(QCustomPlot& plot);

/// Moves (or creates) the translucent band behind category `key` in an axis rect; hides it for -1.
void setHighlightBand(QCustomPlot& plot, QCPAxisRect* rect, int key, const ChartStyle& style);

/// The category (0..n-1) under a widget position in an axis rect, -1 outside.
int categoryAt(QCPAxisRect* rect, const QPointF& pos, int count);

/// A legend beside (column 1 of) the main layout, with an optional heading above it and note below.
void placeLegendRight(QCustomPlot& plot, const ChartStyle& style, const QString& heading, const QString& note = {},
                      const QColor& noteColor = {});

/// Replots soon if the plot is on screen, else when it is next shown (hidden tabs cost nothing).
void replotWhenVisible(QCustomPlot& plot);

/// The background and legend style of a fresh plot.
void stylePlot(QCustomPlot& plot, const ChartStyle& style);

/// What an interactive result chart does with the mouse (positions in plot widget coordinates).
struct ChartMouseHooks {
    std::function<void(const QPoint&)> leftClick;  ///< the left button was pressed here
    std::function<QString(const QPoint&)> toolTip; ///< the hover text here; empty hides the tooltip
};

/// Deletes `old` (may be null) and appends a fresh, empty plot to `layout` that tracks the mouse
/// and calls `hooks` (connected in the context of `owner`); the caller builds the chart into it.
/// Rebuilding a whole plot is simpler than resetting every layout element and item QCustomPlot keeps.
QCustomPlot* replaceChartPlot(QCustomPlot* old, QBoxLayout* layout, QObject* owner, ChartMouseHooks hooks);
