#pragma once
// The one header that includes qcustomplot.h (about 8 s per translation unit: include it only from
// the .cpp files that draw charts) and the styling helpers those files share.

#include "views/chart_style.h"

#include <qcustomplot.h>

#include <string>
#include <vector>

/// Fonts, pens and grid of an axis rect in a style.
void styleAxisRect(QCPAxisRect* rect, const ChartStyle& style);

/// Category labels on a key axis at 0..n-1 (every k-th one when there are many), rotated when long.
void setCategoryTicks(QCPAxis* axis, const std::vector<std::string>& names, const ChartStyle& style);

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
