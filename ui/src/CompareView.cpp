#include "salvo/ui/CompareView.hpp"

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QStringList>
#include <QPainter>
#include <QPixmap>
#include <QScrollArea>
#include <QVBoxLayout>
#include <exception>

#include "CompareLatencyChart.hpp"
#include "CompareRuns.hpp"
#include "CompareSpectrumChart.hpp"
#include "CompareTable.hpp"
#include "FocusRing.hpp"
#include "RunText.hpp"

namespace salvo::ui {
namespace {

constexpr int kSwatchWidth = 36, kSwatchHeight = 12;  // px: long enough to show a dash pattern
// Narrower than this (px), the two charts stack: side by side, the nines' labels would collide.
constexpr int kChartsSideBySide = 820;

QLabel* boldLabel(const QString& text) {
    auto* label = new QLabel(text);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    return label;
}

// What tells the runs apart besides their names: the URL and the load asked.
QString runDetails(const RunRecord& record) {
    const QString plan = RunText::plan(record.result);
    const QString url = QString::fromStdString(record.result.url);
    return plan.isEmpty() ? url : QStringLiteral("%1 · %2").arg(url, plan);
}

}  // namespace

CompareView::CompareView(QWidget* parent)
    : QWidget(parent),
      heading_(boldLabel(QString())),
      notes_(new QLabel),
      legend_(new QWidget),
      legendRows_(new QGridLayout(legend_)),
      figure_(new QComboBox),
      latency_(new CompareLatencyChart),
      spectrum_(new CompareSpectrumChart),
      table_(new CompareTable),
      charts_(new QBoxLayout(QBoxLayout::LeftToRight)) {
    heading_->setObjectName("compareHeading");
    heading_->setWordWrap(true);
    notes_->setObjectName("compareNotes");
    notes_->setWordWrap(true);
    notes_->setAccessibleName(tr("Notes on the comparison"));
    legend_->setObjectName("compareLegend");
    legend_->setAccessibleName(tr("Compared runs"));
    legendRows_->setContentsMargins(0, 0, 0, 0);
    legendRows_->setColumnStretch(2, 1);
    latency_->setObjectName("compareLatencyChart");
    spectrum_->setObjectName("compareSpectrumChart");
    FocusRing::install(latency_);
    FocusRing::install(spectrum_);
    layOut();
    show(std::vector<RunRecord>{});
}

void CompareView::layOut() {
    // Everything scrolls: shown as a window of its own, the view may be smaller than its charts
    // and table need (a laptop screen at 2x scaling).
    auto* scroll = new QScrollArea;
    scroll->setObjectName("compareScroll");
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* content = new QWidget;
    scroll->setWidget(content);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
    auto* column = new QVBoxLayout(content);
    column->addWidget(heading_);
    column->addWidget(legend_);
    column->addWidget(notes_);
    charts_->addWidget(panel(tr("Latency over time"), latency_, figureSwitch()), 1);
    charts_->addWidget(panel(tr("Latency percentiles"), spectrum_, nullptr), 1);
    column->addLayout(charts_, 1);
    column->addWidget(panel(tr("Key figures"), table_, nullptr, Qt::AlignLeft));
    setTabOrder(figure_, latency_);
    setTabOrder(latency_, spectrum_);
    setTabOrder(spectrum_, table_);
}

// A bold title over a chart or the table, with its switch at the right.
QWidget* CompareView::panel(const QString& title, QWidget* content, QWidget* aside,
                            Qt::Alignment align) {
    auto* box = new QWidget;
    auto* column = new QVBoxLayout(box);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    auto* header = new QHBoxLayout;
    header->setSpacing(12);  // the title never runs into the switch beside it
    QLabel* name = boldLabel(title);
    name->setMinimumHeight(figure_->sizeHint().height());  // headers line up side by side
    name->setBuddy(content);
    header->addWidget(name);
    header->addStretch(1);
    if (aside) header->addWidget(aside);
    column->addLayout(header);
    column->addWidget(content, 1, align);
    return box;
}

// The figure switch with its caption, which screen readers take as its label.
QWidget* CompareView::figureSwitch() {
    figure_->setObjectName("compareFigureSwitch");
    figure_->setAccessibleName(tr("Latency figure over time"));
    figure_->setToolTip(tr("Which latency of each second the lines show"));
    for (int f = CompareLatencyChart::p50; f <= CompareLatencyChart::max; ++f)
        figure_->addItem(CompareLatencyChart::figureName(f), f);
    figure_->setCurrentIndex(CompareLatencyChart::p99);
    connect(figure_, &QComboBox::currentIndexChanged, this, &CompareView::setFigure);
    auto* box = new QWidget;
    auto* row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    auto* caption = new QLabel(tr("Each second's"));
    caption->setBuddy(figure_);
    row->addWidget(caption);
    row->addWidget(figure_);
    return box;
}

void CompareView::show(std::vector<RunRecord> runs) {
    runs_ = std::move(runs);
    comparison_ = Comparison{};
    failure_.clear();
    try {
        std::vector<const RunRecord*> pointers;
        for (const RunRecord& record : runs_) pointers.push_back(&record);
        if (!pointers.empty()) comparison_ = compareRuns(pointers);
    } catch (const std::exception& e) {
        failure_ = QString::fromLocal8Bit(e.what());
    } catch (...) {
        failure_ = tr("an unknown error");
    }
    heading_->setText(headingText());
    QStringList notes;
    for (const auto& note : comparison_.notes) notes << tr("Note: %1.").arg(QString::fromStdString(note));
    notes_->setText(notes.join('\n'));
    notes_->setVisible(!notes.isEmpty());
    fillLegend();
    latency_->show(runs_);
    spectrum_->show(runs_);
    table_->show(comparison_);
}

QString CompareView::headingText() const {
    if (!failure_.isEmpty()) return tr("These runs could not be compared: %1.").arg(failure_);
    if (runs_.size() < 2) return tr("Pick two or more runs to compare.");
    return tr("%L1 runs, compared with Run 1 (the baseline):").arg(runs_.size());
}

// A row per run: its line (colour and dash, as in the charts), its title, its name and what
// it ran against.
void CompareView::fillLegend() {
    while (QLayoutItem* item = legendRows_->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    swatches_.clear();
    for (std::size_t i = 0; i < runs_.size(); ++i) {
        const int row = static_cast<int>(i);
        auto* swatch = new QLabel;
        swatches_.push_back(swatch);
        QLabel* title = boldLabel(compare::runTitle(i));
        const QString name = i < comparison_.runs.size()
                                 ? QString::fromStdString(comparison_.runs[i])
                                 : QString();
        auto* details = new QLabel(name.isEmpty() ? runDetails(runs_[i])
                                                  : tr("%1 — %2").arg(name, runDetails(runs_[i])));
        details->setWordWrap(true);
        details->setTextInteractionFlags(Qt::TextSelectableByMouse);
        legendRows_->addWidget(swatch, row, 0);
        legendRows_->addWidget(title, row, 1);
        legendRows_->addWidget(details, row, 2);
    }
    legend_->setVisible(!runs_.empty());
    paintSwatches();
}

void CompareView::paintSwatches() {
    const qreal ratio = devicePixelRatioF();
    for (std::size_t i = 0; i < swatches_.size(); ++i) {
        QPixmap line(QSize(kSwatchWidth, kSwatchHeight) * ratio);
        line.setDevicePixelRatio(ratio);
        line.fill(Qt::transparent);
        QPainter painter(&line);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(compare::runPen(palette(), i, 2.5));
        painter.drawLine(QPointF(1, kSwatchHeight / 2.0), QPointF(kSwatchWidth - 1, kSwatchHeight / 2.0));
        painter.end();
        swatches_[i]->setPixmap(line);
    }
}

void CompareView::setFigure(int index) {
    latency_->setFigure(figure_->itemData(index).toInt());
}

void CompareView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    const auto direction =
        width() < kChartsSideBySide ? QBoxLayout::TopToBottom : QBoxLayout::LeftToRight;
    if (charts_->direction() != direction) charts_->setDirection(direction);
}

void CompareView::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) paintSwatches();
}

}  // namespace salvo::ui
