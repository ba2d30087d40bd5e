#pragma once

class QChart;
class QFont;
class QPalette;

// Qt Charts' themes carry their own fixed colours; the dashboard follows the widget palette
// instead (light, dark, or whatever View → Theme sets), re-applied on every palette change.
namespace salvo::ui::chartstyle {

// Backgrounds, title, legend and every axis' labels, titles, line and grid. Series colours are
// the chart's own business (colors::series).
void apply(QChart* chart, const QPalette& palette, const QFont& font);

}  // namespace salvo::ui::chartstyle
