#include "ChartStyle.hpp"

#include <qcustomplot.h>
#include <QFont>
#include <QFontMetrics>
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

void apply(QCustomPlot* plot, const QPalette& palette, const QFont& font) {
    const QColor text = palette.color(QPalette::WindowText);
    const QColor base = palette.color(QPalette::Base);
    const QColor dim = colors::caption(palette);
    // Labels a notch smaller than the window's text keep four charts legible in a small window.
    QFont small = font;
    small.setPointSizeF(font.pointSizeF() * 0.9);
    // The last tick labels are centred on the plot's right and top edges, and QCustomPlot leaves
    // out a label the widget's border would cut: room for half of the widest and the tallest.
    const QFontMetrics metrics(small);
    const QMargins room(0, metrics.height() * 3 / 4,  // QCustomPlot's label box is a little taller
                        metrics.horizontalAdvance(QStringLiteral("99.999%")) / 2 + 2, 0);
    plot->setBackground(palette.brush(QPalette::Window));
    for (QCPAxisRect* rect : plot->axisRects()) {
        rect->setBackground(QBrush(base));
        rect->setMinimumMargins(room);
        for (QCPAxis* axis : rect->axes()) {
            // The top and right axes only frame the plot.
            axis->setBasePen(QPen(axis->tickLabels() ? dim : blend(base, text, 0.3f)));
            axis->setTickPen(QPen(dim));
            axis->setSubTickPen(QPen(dim));
            axis->setTickLabelColor(text);
            axis->setTickLabelFont(small);
            axis->setLabelColor(dim);
            axis->setLabelFont(small);
            axis->grid()->setPen(QPen(blend(base, text, 0.15f), 0));
            axis->grid()->setSubGridPen(QPen(blend(base, text, 0.07f), 0));
            axis->grid()->setZeroLinePen(Qt::NoPen);
        }
    }
    plot->legend->setTextColor(text);
    plot->legend->setFont(small);
    plot->legend->setBrush(Qt::NoBrush);
    plot->legend->setBorderPen(Qt::NoPen);
}

}  // namespace salvo::ui::chartstyle
