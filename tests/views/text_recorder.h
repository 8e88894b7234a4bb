#pragma once
// A paint device that draws nothing and records where each piece of text lands (its rectangle in
// device coordinates, rotation included), to check that labels never overlap.

#include <QFontMetricsF>
#include <QPaintDevice>
#include <QPaintEngine>
#include <QPainter>
#include <QPolygonF>
#include <QString>

#include <vector>

namespace kapla::test {

struct DrawnText {
    QString text;
    QPolygonF area; ///< device coordinates
};

class TextRecordingEngine : public QPaintEngine
{
public:
    TextRecordingEngine()
        : QPaintEngine(QPaintEngine::AllFeatures)
    {
    }

    bool begin(QPaintDevice*) override { return true; }
    bool end() override { return true; }
    void updateState(const QPaintEngineState&) override {}
    void drawPixmap(const QRectF&, const QPixmap&, const QRectF&) override {}
    void drawPath(const QPainterPath&) override {}
    void drawPolygon(const QPointF*, int, PolygonDrawMode) override {}
    void drawTextItem(const QPointF& p, const QTextItem& item) override
    {
        if (item.text().trimmed().isEmpty())
            return;
        // Half a pixel in from every side: labels that merely touch do not count as overlapping.
        const QRectF box(p.x() + 0.5, p.y() - item.ascent() + 0.5, item.width() - 1,
                         item.ascent() + item.descent() - 1);
        texts.push_back({item.text(), painter()->combinedTransform().map(QPolygonF(box))});
    }
    Type type() const override { return QPaintEngine::User; }

    std::vector<DrawnText> texts;
};

class TextRecorder : public QPaintDevice
{
public:
    explicit TextRecorder(QSize size)
        : m_size(size)
    {
    }

    QPaintEngine* paintEngine() const override { return &m_engine; }
    const std::vector<DrawnText>& texts() const { return m_engine.texts; }

    /// Pairs of texts whose rectangles intersect, as "a" / "b" lines.
    QStringList overlaps() const
    {
        QStringList out;
        const auto& t = m_engine.texts;
        for (std::size_t i = 0; i < t.size(); ++i)
            for (std::size_t j = i + 1; j < t.size(); ++j)
                if (t[i].area.boundingRect().intersects(t[j].area.boundingRect()) && t[i].area.intersects(t[j].area))
                    out << QStringLiteral("\"%1\" / \"%2\"").arg(t[i].text, t[j].text);
        return out;
    }

protected:
    int metric(PaintDeviceMetric m) const override
    {
        switch (m) {
        case PdmWidth: return m_size.width();
        case PdmHeight: return m_size.height();
        case PdmWidthMM: return m_size.width() * 254 / 960;
        case PdmHeightMM: return m_size.height() * 254 / 960;
        case PdmNumColors: return 1 << 24;
        case PdmDepth: return 32;
        case PdmDpiX:
        case PdmDpiY:
        case PdmPhysicalDpiX:
        case PdmPhysicalDpiY: return 96;
        case PdmDevicePixelRatio: return 1;
        case PdmDevicePixelRatioScaled: return static_cast<int>(devicePixelRatioFScale());
        default: return QPaintDevice::metric(m);
        }
    }

private:
    QSize m_size;
    mutable TextRecordingEngine m_engine;
};

} // namespace kapla::test
