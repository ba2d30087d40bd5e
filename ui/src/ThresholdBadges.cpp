#include "ThresholdBadges.hpp"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QResizeEvent>
#include <algorithm>

#include "Colors.hpp"

namespace salvo::ui {
namespace {

QString limitText(const ThresholdOutcome& o) {
    const QString number = QString::number(o.limit, 'g', 6);
    if (o.unit.empty()) return number;
    if (o.unit == "%") return number + '%';
    return number + ' ' + QString::fromStdString(o.unit);
}

QString stateText(const ThresholdOutcome& o, bool final) {
    switch (o.state) {
        case ThresholdState::passed: return final ? ThresholdBadges::tr("passed") : ThresholdBadges::tr("passing");
        case ThresholdState::failed: return ThresholdBadges::tr("failed");
        case ThresholdState::pending: break;
    }
    return ThresholdBadges::tr("not judged yet");
}

}  // namespace

ThresholdBadges::ThresholdBadges(QWidget* parent) : QWidget(parent) {
    setObjectName("thresholdBadges");
    setAccessibleName(tr("Thresholds"));
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(6);
    grid->setVerticalSpacing(4);
    hide();
}

void ThresholdBadges::setOutcomes(const std::vector<ThresholdOutcome>& outcomes, bool final) {
    const bool finalChanged = final != final_;
    final_ = final;
    if (outcomes.size() != badges_.size()) rebuild(outcomes.size());
    bool changed = false;
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        if (!finalChanged && outcomes[i] == shown_[i]) continue;  // most ticks change nothing
        shown_[i] = outcomes[i];
        paint(i);
        changed = true;
    }
    if (changed) arrange();  // a longer value may leave room for fewer to a row
    setVisible(!outcomes.empty());
}

void ThresholdBadges::rebuild(std::size_t count) {
    for (QLabel* badge : badges_) delete badge;
    badges_.clear();
    shown_.assign(count, ThresholdOutcome{});
    for (std::size_t i = 0; i < count; ++i) {
        auto* badge = new QLabel(this);
        badge->setObjectName("thresholdBadge");
        badge->setTextInteractionFlags(Qt::TextSelectableByMouse);
        badge->setMinimumWidth(1);  // a long expression is cut rather than widen the window
        badges_.push_back(badge);
        paint(i);
    }
    columns_ = 0;
    arrange();
}

// Text, colour, and what a screen reader and a test read: the state as a property too.
void ThresholdBadges::paint(std::size_t i) {
    const ThresholdOutcome& o = shown_[i];
    QLabel* badge = badges_[i];
    const QString expression = QString::fromStdString(o.threshold);
    const QString measured = QString::fromStdString(o.measured);
    const QString mark = o.state == ThresholdState::passed   ? QStringLiteral("✓")
                         : o.state == ThresholdState::failed ? QStringLiteral("✗")
                                                             : QStringLiteral("·");
    QString text = QStringLiteral("%1 %2: %3").arg(mark, expression, measured);
    if (o.aborted) text += tr(" — ended the run");
    badge->setText(text);
    badge->setProperty("state", QString::fromLatin1(thresholdStateName(o.state)));
    badge->setAccessibleName(tr("Threshold %1").arg(expression));
    QString description = tr("%1: %2 measured %3, limit %4")
                              .arg(stateText(o, final_), QString::fromStdString(o.metric), measured,
                                   limitText(o));
    if (o.aborted) description += tr("; this failure ended the run");
    else if (o.abortOnFail) description += tr("; ends the run if it fails");
    badge->setAccessibleDescription(description);
    badge->setToolTip(description);
    const QColor colour = o.state == ThresholdState::passed   ? colors::good(palette())
                          : o.state == ThresholdState::failed ? colors::bad(palette())
                                                              : colors::caption(palette());
    badge->setStyleSheet(QStringLiteral("QLabel { %1 border: 1px solid %2; border-radius: 3px; "
                                        "padding: 1px 6px; %3 }")
                             .arg(colors::css(colour), colour.name(),
                                  o.aborted ? QStringLiteral("font-weight: bold;") : QString()));
}

// As many badges to a row as the width holds, at least one.
void ThresholdBadges::arrange() {
    auto* grid = static_cast<QGridLayout*>(layout());
    int widest = 1;
    for (QLabel* badge : badges_) widest = std::max(widest, badge->sizeHint().width());
    const int spacing = grid->horizontalSpacing();
    const int columns = std::max(1, (width() + spacing) / (widest + spacing));
    if (columns == columns_) return;
    columns_ = columns;
    for (QLabel* badge : badges_) grid->removeWidget(badge);
    for (std::size_t i = 0; i < badges_.size(); ++i)
        grid->addWidget(badges_[i], static_cast<int>(i) / columns, static_cast<int>(i) % columns,
                        Qt::AlignLeft);
    for (int c = 0; c <= columns; ++c) grid->setColumnStretch(c, c == columns ? 1 : 0);
}

void ThresholdBadges::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    arrange();
}

void ThresholdBadges::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() != QEvent::PaletteChange) return;
    for (std::size_t i = 0; i < badges_.size(); ++i) paint(i);
}

}  // namespace salvo::ui
