#pragma once

#include <QCoreApplication>
#include <QPen>
#include <QString>
#include <cstddef>

#include "Colors.hpp"

// What the compare view's legend, charts and table call each run, and how its lines look, so
// that all three agree.
namespace salvo::ui::compare {

// "Run 1 (baseline)", "Run 2", ... for run `run` (0-based); without the note, "Run 1".
inline QString runTitle(std::size_t run, bool baselineNote = true) {
    const auto n = static_cast<qulonglong>(run + 1);
    return run == 0 && baselineNote
               ? QCoreApplication::translate("CompareView", "Run %1 (baseline)").arg(n)
               : QCoreApplication::translate("CompareView", "Run %1").arg(n);
}

// The run's colour, and a dash pattern of its own so lines part without colour too (the
// palette's red and green runs look alike to many): solid, dashed, dotted, then again.
inline QPen runPen(const QPalette& palette, std::size_t run, double width = 2) {
    static constexpr Qt::PenStyle kStyles[] = {Qt::SolidLine, Qt::DashLine, Qt::DotLine,
                                               Qt::DashDotLine};
    QPen pen(colors::series(palette, static_cast<int>(run)), width);
    pen.setStyle(kStyles[run % 4]);
    return pen;
}

}  // namespace salvo::ui::compare
