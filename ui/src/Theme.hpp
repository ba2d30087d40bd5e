#pragma once

#include <QString>

// The window's colour scheme, for desktops that provide none (or one the user does not want).
// Light and Dark are Fusion with a palette of their own; System is what the platform gave at
// start-up. Widgets never read the theme: they re-read the palette on QEvent::PaletteChange.
namespace salvo::ui {

enum class Theme { system, light, dark };

QString themeKey(Theme theme);           // "system", "light", "dark": the settings value
Theme themeFromKey(const QString& key);  // anything unknown is System
// Sets the application style and palette; a no-op when `theme` is already in force.
void applyTheme(Theme theme);
Theme currentTheme();

}  // namespace salvo::ui
