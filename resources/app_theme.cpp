#include "resources/app_theme.h"

#include <QApplication>
#include <QColor>
#include <QFile>
#include <QPalette>
#include <QSettings>
#include <QStyle>

#include <array>

namespace {

const QString kThemeKey = QStringLiteral("view/theme");

struct ThemeFiles {
    Theme theme;
    const char* keyword; ///< the value in QSettings
    const char* styleSheet;
};

constexpr std::array<ThemeFiles, 3> kThemes{{
    {Theme::System, "system", ""},
    {Theme::Light, "light", ":/kapla/styles/light.qss"},
    {Theme::Dark, "dark", ":/kapla/styles/dark.qss"},
}};

Theme s_current = Theme::System;

const ThemeFiles& filesOf(Theme theme)
{
    for (const ThemeFiles& files : kThemes)
        if (files.theme == theme)
            return files;
    return kThemes.front();
}

// Fusion draws every control from the palette; the dark style sheet then needs to restyle only
// what a palette cannot express. Enabled text keeps a contrast of 4.5:1 or more on every background
// (WCAG AA); disabled text is fainter on purpose.
QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
    p.setColor(QPalette::WindowText, QColor(0xe3, 0xe5, 0xe8));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2c));
    p.setColor(QPalette::Text, QColor(0xe3, 0xe5, 0xe8));
    p.setColor(QPalette::PlaceholderText, QColor(0x8b, 0x90, 0x99));
    p.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3c));
    p.setColor(QPalette::ButtonText, QColor(0xe3, 0xe5, 0xe8));
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x4a, 0x4d, 0x53));
    p.setColor(QPalette::Midlight, QColor(0x3e, 0x41, 0x46));
    p.setColor(QPalette::Mid, QColor(0x23, 0x24, 0x28));
    p.setColor(QPalette::Dark, QColor(0x1a, 0x1b, 0x1e));
    p.setColor(QPalette::Shadow, QColor(0x10, 0x11, 0x12));
    p.setColor(QPalette::Highlight, QColor(0x35, 0x74, 0xd4));
    p.setColor(QPalette::HighlightedText, QColor(0xff, 0xff, 0xff));
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3d, 0x42));
    p.setColor(QPalette::ToolTipText, QColor(0xe3, 0xe5, 0xe8));
    p.setColor(QPalette::Link, QColor(0x6e, 0xa8, 0xfe));
    p.setColor(QPalette::LinkVisited, QColor(0xb3, 0x92, 0xf0));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x7c, 0x80, 0x88));
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x4a, 0x4d, 0x53));
    return p;
}

QString readStyleSheet(Theme theme)
{
    QFile file(styleSheetPath(theme));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    return QString::fromUtf8(file.readAll());
}

} // namespace

void applyTheme(Theme theme)
{
    // Taken before the first change: what System goes back to.
    static const QString systemStyle = QApplication::style()->name();
    if (theme == s_current)
        return;
    qApp->setStyleSheet(QString());
    if (theme == Theme::System) {
        QApplication::setStyle(systemStyle);
        // An empty palette sets no colour, so the platform's and the style's own apply again.
        QApplication::setPalette(QPalette());
    } else {
        // Fusion, because it takes every colour from the palette: native styles ignore some of them.
        const QStyle* fusion = QApplication::setStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(theme == Theme::Dark ? darkPalette() : fusion->standardPalette());
        qApp->setStyleSheet(readStyleSheet(theme));
    }
    s_current = theme;
}

Theme currentTheme() { return s_current; }

QString styleSheetPath(Theme theme) { return QString::fromLatin1(filesOf(theme).styleSheet); }

Theme savedTheme()
{
    const QString keyword = QSettings().value(kThemeKey).toString();
    for (const ThemeFiles& files : kThemes)
        if (keyword == QLatin1String(files.keyword))
            return files.theme;
    return Theme::System;
}

void saveTheme(Theme theme) { QSettings().setValue(kThemeKey, QString::fromLatin1(filesOf(theme).keyword)); }
