#include "views/chart_style.h"

#include <QApplication>

#include <array>

namespace {

QFont pixelFont(int pixels, bool bold = false)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPixelSize(pixels);
    f.setBold(bold);
    f.setStyleHint(QFont::SansSerif);
    return f;
}

} // namespace

ChartStyle screenChartStyle()
{
    ChartStyle s;
    s.font = QApplication::font();
    s.small = s.font;
    if (s.small.pointSizeF() > 0)
        s.small.setPointSizeF(s.font.pointSizeF() * 0.9);
    s.title = s.font;
    s.title.setBold(true);
    return s;
}

ChartStyle printChartStyle()
{
    ChartStyle s;
    s.print = true;
    s.font = pixelFont(15);
    s.small = pixelFont(13);
    s.title = pixelFont(21, true);
    return s;
}

QColor energyComponentColor(std::size_t component)
{
    static const std::array<QColor, 7> kColors{
        QColor(0x00, 0x72, 0xB2), // MAC: blue
        QColor(0xD5, 0x5E, 0x00), // DRAM: vermillion
        QColor(0xE6, 0x9F, 0x00), // GBUF: orange
        QColor(0xF0, 0xE4, 0x42), // ITCN: yellow
        QColor(0x00, 0x9E, 0x73), // REGF: bluish green
        QColor(0xCC, 0x79, 0xA7), // NoC: reddish purple
        QColor(0x99, 0x99, 0x99), // static: grey
    };
    return component < kColors.size() ? kColors[component] : QColor(Qt::gray);
}

QColor categoryColor(std::size_t category)
{
    static const std::array<QColor, 3> kColors{QColor(0xE6, 0x9F, 0x00), QColor(0x56, 0xB4, 0xE9),
                                               QColor(0x00, 0x9E, 0x73)};
    return category < kColors.size() ? kColors[category] : QColor(Qt::gray);
}

QColor focusNodeColor() { return {8, 69, 148}; }

QColor layerColor(int layerIndex)
{
    static const std::array<QColor, 12> kColors{
        QColor(0x8d, 0xd3, 0xc7), QColor(0xfd, 0xb4, 0x62), QColor(0xbe, 0xba, 0xda), QColor(0xfb, 0x80, 0x72),
        QColor(0x80, 0xb1, 0xd3), QColor(0xb3, 0xde, 0x69), QColor(0xfc, 0xcd, 0xe5), QColor(0xff, 0xed, 0x6f),
        QColor(0xbc, 0x80, 0xbd), QColor(0xcc, 0xeb, 0xc5), QColor(0xd9, 0xd9, 0xd9), QColor(0xff, 0xff, 0xb3),
    };
    if (layerIndex < 0)
        return QColor(Qt::lightGray);
    return kColors[static_cast<std::size_t>(layerIndex) % kColors.size()];
}
