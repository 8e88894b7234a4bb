#pragma once
// KAPLA Studio's own icons, compiled in from resources/icons: the application icon, and line icons
// for the actions that follow the palette, so one set of files serves light and dark themes.

#include <QIcon>
#include <QString>

#include <array>

/// The pixel sizes the application icon ships in (resources/icons/kapla-studio-SIZE.png).
inline constexpr std::array<int, 4> kApplicationIconSizes{16, 32, 64, 256};

/// The application icon for windows and the desktop: one PNG rendering per kApplicationIconSizes.
QIcon applicationIcon();

/// The desktop icon theme's `name` (freedesktop naming, e.g. "document-open") where the theme has
/// it, so the application fits in; else KAPLA Studio's own line icon of that name. Null if neither
/// exists.
QIcon actionIcon(const QString& name);
