#include "resources/app_icons.h"

#include <QFile>
#include <QPixmap>

#ifdef KAPLA_HAVE_SVG
#include <QByteArray>
#include <QColor>
#include <QGuiApplication>
#include <QIconEngine>
#include <QImage>
#include <QPainter>
#include <QPalette>
#include <QPixmapCache>
#include <QSvgRenderer>

#include <utility>
#endif

namespace {

QString actionIconPath(const QString& name) { return QStringLiteral(":/kapla/icons/actions/%1.svg").arg(name); }

#ifdef KAPLA_HAVE_SVG

// Draws a line icon in the palette's text colour, which the file names `currentColor`, so the icons
// stay visible when a theme (or the desktop) turns the palette dark. Colours the file spells out
// (Solve's green, Cancel's red) stay as they are.
class LineIconEngine final : public QIconEngine
{
public:
    LineIconEngine(QString name, QByteArray svg)
        : m_name(std::move(name))
        , m_svg(std::move(svg))
    {
    }

    void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State state) override
    {
        const qreal ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
        painter->drawPixmap(rect, pixmap(rect.size() * ratio, mode, state));
    }

    QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State /*state*/) override
    {
        const QColor ink = QGuiApplication::palette().color(mode == QIcon::Selected ? QPalette::HighlightedText
                                                                                    : QPalette::WindowText);
        // The palette changes with the theme; the colour in the key keeps old renderings from showing.
        const QString key = QStringLiteral("kapla-line-icon/%1/%2x%3/%4/%5")
                                .arg(m_name)
                                .arg(size.width())
                                .arg(size.height())
                                .arg(static_cast<int>(mode))
                                .arg(ink.rgba());
        QPixmap cached;
        if (QPixmapCache::find(key, &cached))
            return cached;
        QByteArray svg = m_svg;
        svg.replace("currentColor", ink.name().toLatin1());
        QSvgRenderer renderer(svg);
        QImage image(size, QImage::Format_ARGB32);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        renderer.render(&painter);
        painter.end();
        if (mode == QIcon::Disabled)
            fadeOut(image);
        const QPixmap rendered = QPixmap::fromImage(std::move(image));
        QPixmapCache::insert(key, rendered);
        return rendered;
    }

    QIconEngine* clone() const override { return new LineIconEngine(*this); }
    QString key() const override { return QStringLiteral("KaplaLineIcon"); }
    QString iconName() override { return m_name; }
    bool isNull() override { return m_svg.isEmpty(); }

private:
    // Grey and faint, as Qt draws a disabled icon, so a disabled Cancel does not look red and ready.
    static void fadeOut(QImage& image)
    {
        for (int y = 0; y < image.height(); ++y) {
            auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
            for (int x = 0; x < image.width(); ++x) {
                const int grey = qGray(line[x]);
                line[x] = qRgba(grey, grey, grey, qAlpha(line[x]) * 2 / 5);
            }
        }
    }

    QString m_name;
    QByteArray m_svg;
};

QIcon ownActionIcon(const QString& name)
{
    QFile file(actionIconPath(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray svg = file.readAll();
    if (!QSvgRenderer(svg).isValid())
        return {};
    return QIcon(new LineIconEngine(name, std::move(svg)));
}

#else

QIcon ownActionIcon(const QString& name)
{
    const QString path = actionIconPath(name);
    return QFile::exists(path) ? QIcon(path) : QIcon();
}

#endif

} // namespace

QIcon applicationIcon()
{
    QIcon icon;
    for (const int size : kApplicationIconSizes) {
        // Loaded here rather than named with addFile(), which would list a size whose file is missing.
        const QPixmap pixmap(QStringLiteral(":/kapla/icons/kapla-studio-%1.png").arg(size));
        if (!pixmap.isNull())
            icon.addPixmap(pixmap);
    }
    return icon;
}

QIcon actionIcon(const QString& name) { return QIcon::fromTheme(name, ownActionIcon(name)); }
