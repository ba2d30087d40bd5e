#include "salvo/ui/LiveStats.hpp"

#include <QGridLayout>
#include <QLabel>

#include "salvo/Report.hpp"

namespace salvo::ui {

LiveStats::LiveStats(QWidget* parent) : QWidget(parent) {
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    done_ = addFigure(0, 0, tr("Done"), "doneFigure");
    succeeded_ = addFigure(0, 1, tr("Succeeded"), "succeededFigure");
    failed_ = addFigure(0, 2, tr("Failed"), "failedFigure");
    elapsed_ = addFigure(0, 3, tr("Elapsed"), "elapsedFigure");
    rate_ = addFigure(2, 0, tr("Requests/s"), "rateFigure");
    p50_ = addFigure(2, 1, tr("p50 latency"), "p50Figure");
    p99_ = addFigure(2, 2, tr("p99 latency"), "p99Figure");
    clear();
}

QLabel* LiveStats::addFigure(int row, int column, const QString& name, const char* objectName) {
    auto* grid = static_cast<QGridLayout*>(layout());
    auto* caption = new QLabel(name);
    caption->setStyleSheet("color: palette(mid);");
    auto* value = new QLabel;
    value->setObjectName(objectName);
    QFont font = value->font();
    font.setPointSizeF(font.pointSizeF() * 1.4);
    font.setBold(true);
    value->setFont(font);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    grid->addWidget(caption, row, column);
    grid->addWidget(value, row + 1, column);
    return value;
}

void LiveStats::show(const RunResult& r) {
    const Tally& t = r.total;
    done_->setText(QStringLiteral("%L1 / %L2").arg(t.completed()).arg(r.planned));
    succeeded_->setText(QStringLiteral("%L1").arg(t.succeeded));
    failed_->setText(QStringLiteral("%L1").arg(t.failed));
    failed_->setStyleSheet(t.failed ? "color: #b00020;" : "");
    rate_->setText(QStringLiteral("%L1").arg(r.requestsPerSecond(), 0, 'f', 0));
    const bool any = !t.latency.empty();
    p50_->setText(any ? QString::fromStdString(formatMillis(t.latency.percentile(50))) + " ms" : "–");
    p99_->setText(any ? QString::fromStdString(formatMillis(t.latency.percentile(99))) + " ms" : "–");
    elapsed_->setText(QStringLiteral("%1 s").arg(r.elapsedSeconds, 0, 'f', 1));
}

void LiveStats::clear() {
    for (QLabel* label : {done_, succeeded_, failed_, rate_, p50_, p99_, elapsed_}) label->setText("–");
    failed_->setStyleSheet("");
}

}  // namespace salvo::ui
