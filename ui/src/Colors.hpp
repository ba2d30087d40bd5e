#pragma once

#include <QColor>
#include <QPalette>
#include <QString>

class QWidget;

// Colours that follow the palette, light or dark, so status text and chart lines stay legible
// (WCAG AA: 4.5:1 against the window) whichever theme is on. Every widget takes its colours here.
namespace salvo::ui::colors {

bool isDark(const QPalette& palette);
double contrast(const QColor& a, const QColor& b);  // WCAG 2 contrast ratio, 1..21

QColor good(const QPalette& palette);     // a finished run
QColor bad(const QPalette& palette);      // failures, TLS verification off
QColor warning(const QPalette& palette);  // cancelled, verdicts, the target rate
// Captions and notes: dimmer than the text, never below 4.5:1 against the window.
QColor caption(const QPalette& palette);
// The n-th data series of a chart (0-based), distinct and legible on the palette's base.
QColor series(const QPalette& palette, int n);

QString css(const QColor& color);  // "color: #rrggbb;"
QColor mix(const QColor& a, const QColor& b, double t);  // a at t = 0, b at t = 1
// A label's text colour through its palette (a style sheet would stop palette changes).
void setTextColor(QWidget* widget, const QColor& color);

}  // namespace salvo::ui::colors
