#include "ChartStyle.hpp"

#include <QAbstractAxis>
#include <QChart>
#include <QFont>
#include <QLegend>
#include <QPalette>

#include "Colors.hpp"

namespace salvo::ui::chartstyle {
namespace {

QColor blend(const QColor& a, const QColor& b, float t) {
    return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * t,
                            a.greenF() + (b.greenF() - a.greenF()) * t,
                            a.blueF() + (b.blueF() - a.blueF()) * t);
}

}  // namespace

void apply(QChart* chart, const QPalette& palette, const QFont& font) {
    const QColor text = palette.color(QPalette::WindowText);
    const QColor base = palette.color(QPalette::Base);
    const QColor dim = colors::caption(palette);
    // Labels a notch smaller than the window's text keep four charts legible in a small window.
    QFont small = font;
    small.setPointSizeF(font.pointSizeF() * 0.9);
    chart->setBackgroundBrush(palette.color(QPalette::Window));
    chart->setBackgroundPen(Qt::NoPen);
    chart->setPlotAreaBackgroundBrush(base);
    chart->setPlotAreaBackgroundPen(QPen(blend(base, text, 0.3f)));
    chart->setPlotAreaBackgroundVisible(true);
    chart->setTitleBrush(text);
    chart->setTitleFont(font);
    chart->legend()->setLabelColor(text);
    chart->legend()->setFont(small);
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsBrush(text);
        axis->setLabelsFont(small);
        axis->setTitleBrush(dim);
        axis->setTitleFont(small);
        axis->setLinePenColor(dim);
        axis->setGridLineColor(blend(base, text, 0.15f));
        axis->setMinorGridLineColor(blend(base, text, 0.07f));
    }
}

}  // namespace salvo::ui::chartstyle
