#pragma once

class QCustomPlot;
class QFont;
class QPalette;

// The dashboard follows the widget palette (light, dark, or whatever View → Theme sets),
// re-applied on every palette change.
namespace salvo::ui::chartstyle {

// Backgrounds, legend and every axis' labels, titles, line, ticks and grid; room at the top and
// right for half of the last tick label. Series colours are the chart's own business
// (colors::series).
void apply(QCustomPlot* plot, const QPalette& palette, const QFont& font);

}  // namespace salvo::ui::chartstyle
