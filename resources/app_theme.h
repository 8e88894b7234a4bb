#pragma once
// The look of the application: the desktop's own (System), or Light or Dark: Qt's Fusion style with
// a palette and one of the style sheets of resources/styles. The choice is the user's, so it lives in
// QSettings and never in a project file.

#include <QString>

enum class Theme { System, Light, Dark };

/// Applies `theme` to the whole application. System gives back the style and palette the
/// application had before the first call.
void applyTheme(Theme theme);
/// The theme applyTheme() applied last; System before any call.
Theme currentTheme();
/// The style sheet resource of a theme (":/kapla/styles/NAME.qss"); empty for System.
QString styleSheetPath(Theme theme);

/// The theme saved by saveTheme(); System when there is none or it is not known.
Theme savedTheme();
void saveTheme(Theme theme);
