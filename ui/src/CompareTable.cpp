#include "CompareTable.hpp"

#include <QEvent>
#include <QHeaderView>
#include <QLocale>
#include <QScrollBar>
#include <cmath>

#include "Colors.hpp"

namespace salvo::ui {
namespace {

// Index `i` of a per-run vector, or nothing when the vector is shorter than the runs.
template <class T>
std::optional<double> at(const std::vector<T>& values, std::size_t i) {
    if (i >= values.size()) return std::nullopt;
    return values[i];
}

int decimals(const std::string& unit) {
    if (unit == "ms") return 3;  // as the percentile table: microseconds
    if (unit == "%") return 3;  // error rates of a few in 10,000 requests
    if (unit == "req/s") return 1;
    return unit.empty() ? 0 : 2;  // "" is a count
}

}  // namespace

CompareTable::CompareTable(QWidget* parent)
    : ReadOnlyTable("compareTable", tr("Compared figures"),
                    tr("One row per figure: the baseline run's value, then for every other run "
                       "its value, the difference from the baseline and the change in percent, "
                       "said to be better, worse or similar"),
                    {tr("Figure")}, parent) {
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(false);
    setHeaders(0);
}

int CompareTable::valueColumn(std::size_t run) {
    return run == 0 ? 1 : 2 + static_cast<int>(run - 1) * kColumnsPerRun;
}

int CompareTable::rowOf(const QString& key) const {
    for (std::size_t i = 0; i < shown_.figures.size(); ++i)
        if (QString::fromStdString(shown_.figures[i].key) == key) return static_cast<int>(i);
    return -1;
}

QString CompareTable::value(const std::optional<double>& v, const std::string& unit) {
    if (!v || !std::isfinite(*v)) return QStringLiteral("–");
    return QLocale().toString(*v, 'f', decimals(unit));
}

QString CompareTable::difference(const ComparedFigure& f, std::size_t run) {
    const auto d = at(f.difference, run);
    if (run == 0 || !d || !std::isfinite(*d)) return QStringLiteral("–");
    // A difference that rounds to zero carries no sign ("-0.000"); a positive one says "+".
    const double scale = std::pow(10.0, decimals(f.unit));
    if (std::round(*d * scale) == 0) return value(0.0, f.unit);
    return *d > 0 ? QLocale().positiveSign() + value(d, f.unit) : value(d, f.unit);
}

CompareTable::Verdict CompareTable::verdict(const ComparedFigure& f, std::size_t run) {
    const auto d = at(f.difference, run);
    if (run == 0 || !d || !std::isfinite(*d) || !at(f.values, run) || !at(f.values, 0))
        return Verdict::none;
    // The engine judges both ways with one tolerance (Comparison.hpp); the table only says it.
    if (run < f.regression.size() && f.regression[run]) return Verdict::regression;
    return run < f.improvement.size() && f.improvement[run] ? Verdict::better : Verdict::similar;
}

QString CompareTable::change(const ComparedFigure& f, std::size_t run) {
    const Verdict v = verdict(f, run);
    if (v == Verdict::none) return QStringLiteral("–");
    const double d = *at(f.difference, run);
    if (d == 0) return tr("no change");
    QString text = d > 0 ? QStringLiteral("▲ ") : QStringLiteral("▼ ");
    if (const auto percent = at(f.percent, run); percent && std::isfinite(*percent))
        text += tr("%L1 % ").arg(std::abs(*percent), 0, 'f', 1);
    switch (v) {
        case Verdict::regression: return text + tr("worse");
        case Verdict::better: return text + tr("better");
        default: return text + tr("similar");
    }
}

QString CompareTable::rowName(const ComparedFigure& f) {
    const QString label = QString::fromStdString(f.label);
    return f.unit.empty() ? label : tr("%1 (%2)").arg(label, QString::fromStdString(f.unit));
}

void CompareTable::setHeaders(std::size_t runs) {
    QStringList headers{tr("Figure"), tr("Run 1 (baseline)")};
    for (std::size_t run = 1; run < runs; ++run) {
        const auto n = static_cast<qulonglong>(run + 1);
        headers << tr("Run %1").arg(n) << tr("Run %1 − Run 1").arg(n) << tr("Run %1 change").arg(n);
    }
    setColumnCount(static_cast<int>(headers.size()));
    setHorizontalHeaderLabels(headers);
    for (std::size_t run = 0; run < runs && run < shown_.runs.size(); ++run)
        horizontalHeaderItem(valueColumn(run))->setToolTip(QString::fromStdString(shown_.runs[run]));
}

void CompareTable::show(const Comparison& comparison) {
    shown_ = comparison;
    setHeaders(shown_.runs.size());
    resizeRows(static_cast<int>(shown_.figures.size()));
    for (int row = 0; row < rowCount(); ++row) fillRow(row, shown_.figures[row]);
    fitSize();
}

void CompareTable::fillRow(int row, const ComparedFigure& f) {
    setCell(row, 0, rowName(f));
    setCellToolTip(row, 0, f.better == Better::higher ? tr("Higher is better")
                                                      : tr("Lower is better"));
    for (std::size_t run = 0; run < shown_.runs.size(); ++run) {
        setCell(row, valueColumn(run), value(at(f.values, run), f.unit), true);
        if (run == 0) continue;
        setCell(row, differenceColumn(run), difference(f, run), true);
        setCell(row, changeColumn(run), change(f, run), true);
        setCellToolTip(row, changeColumn(run),
                       verdict(f, run) != Verdict::similar
                           ? QString()
                           : tr("Within the tolerance: a regression is more than %L1 % worse "
                                "than the baseline (an error rate: %L2 percentage points higher)")
                                 .arg(kRegressionPercent)
                                 .arg(kRegressionErrorRatePoints));
    }
    markRow(row, f);
}

void CompareTable::markRow(int row, const ComparedFigure& f) {
    for (std::size_t run = 1; run < shown_.runs.size(); ++run) {
        const Verdict v = verdict(f, run);
        for (int column : {differenceColumn(run), changeColumn(run)}) {
            QTableWidgetItem* cell = item(row, column);
            if (!cell) continue;
            if (v == Verdict::regression || v == Verdict::better)
                cell->setForeground(v == Verdict::regression ? colors::bad(palette())
                                                             : colors::good(palette()));
            else
                cell->setData(Qt::ForegroundRole, QVariant());  // the palette's text
            QFont font = this->font();
            font.setBold(v == Verdict::regression);
            cell->setFont(font);
        }
    }
}

// As wide as its columns (no empty stretch beside them; narrower with a scroll bar) and as tall
// as its rows, so every figure shows at once.
void CompareTable::fitSize() {
    resizeColumnsToContents();
    const int width = horizontalHeader()->length() + 2 * frameWidth();
    setMaximumWidth(width);
    setMinimumWidth(std::min(width, kMinimumWidth));
    fitHeight();
}

// The rows, and the horizontal scroll bar only while the columns do not fit.
void CompareTable::fitHeight() {
    const int rows = std::max(1, rowCount());
    const bool scrolling = width() < maximumWidth();
    const int height = horizontalHeader()->sizeHint().height() +
                       rows * verticalHeader()->defaultSectionSize() + 2 * frameWidth() +
                       (scrolling ? horizontalScrollBar()->sizeHint().height() : 0);
    setMinimumHeight(std::min(height, kMinimumHeight));
    setMaximumHeight(height);
}

void CompareTable::resizeEvent(QResizeEvent* event) {
    ReadOnlyTable::resizeEvent(event);
    fitHeight();
}

void CompareTable::changeEvent(QEvent* event) {
    ReadOnlyTable::changeEvent(event);
    if (event->type() != QEvent::PaletteChange) return;
    for (int row = 0; row < rowCount() && row < static_cast<int>(shown_.figures.size()); ++row)
        markRow(row, shown_.figures[static_cast<std::size_t>(row)]);
}

}  // namespace salvo::ui
