#include "salvo/ui/ResultTables.hpp"

#include <QEvent>
#include <QResizeEvent>
#include <algorithm>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

#include "Colors.hpp"
#include "ErrorTable.hpp"
#include "PercentileTable.hpp"
#include "RequestTable.hpp"
#include "StatusCodeTable.hpp"
#include "TimingTable.hpp"

namespace salvo::ui {

ResultTables::ResultTables(QWidget* parent)
    : QWidget(parent),
      status_(new StatusCodeTable),
      errors_(new ErrorTable),
      percentiles_(new PercentileTable),
      timing_(new TimingTable),
      requests_(new RequestTable),
      percentileCount_(new QLabel(tr("of 0 responses"))),
      connectionNote_(new QLabel(tr("unsolicited, connect_failure: connection events, not "
                                    "failed requests"))) {
    connectionNote_->setObjectName("connectionEventsNote");
    connectionNote_->setToolTip(
        tr("unsolicited: the server sent bytes while no request was outstanding, and the "
           "connection was closed. connect_failure: a connection opened ahead of the schedule "
           "failed to connect. Neither is a request; they are not in the Failed count"));
    // Never widens the window: the full text is in the tooltip when the pane is narrow.
    connectionNote_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    connectionNote_->hide();
    percentileCount_->setObjectName("percentileCount");

    // Side by side: the tab is short on a 768-pixel screen, and the splitter lets a long
    // error message have the room it needs.
    auto* splitter = splitter_ = new QSplitter(Qt::Horizontal);
    splitter->setAccessibleName(tr("Result tables"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(pane(tr("Status codes"), nullptr, status_));
    splitter->addWidget(
        pane(tr("Latency percentiles, ms"), nullptr, percentiles_, percentileCount_));
    splitter->addWidget(pane(tr("Timing, ms"), nullptr, timing_));
    splitter->addWidget(pane(tr("Errors"), &errorHeading_, errors_, connectionNote_));
    // The first three are as wide as their figures need; the errors take the rest.
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 0);
    splitter->setStretchFactor(2, 0);
    splitter->setStretchFactor(3, 1);
    // Across the full width, above the others: eleven columns would not fit beside them, and a
    // plan of several requests is read request by request first.
    requestPane_ = pane(tr("Named requests · latency in ms"), nullptr, requests_);
    requestPane_->setObjectName("requestPane");
    requestPane_->hide();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(requestPane_);
    layout->addWidget(splitter, 1);
    setTabOrder(requests_, status_);
    setTabOrder(status_, percentiles_);
    setTabOrder(percentiles_, timing_);
    setTabOrder(timing_, errors_);
    applyColors();
    fitOrientation();
}

// Side by side where the four fit; one above the other where they do not (a narrow window, or
// 2x scaling on a laptop screen), so the tables never force sideways scrolling. The minimum
// width is then the widest table's, not the four together.
void ResultTables::fitOrientation() {
    int widest = 0;
    int sideBySide = splitter_->handleWidth() * (splitter_->count() - 1);
    for (int i = 0; i < splitter_->count(); ++i) {
        const int w = splitter_->widget(i)->minimumSizeHint().width();
        widest = std::max(widest, w);
        sideBySide += w;
    }
    const QMargins m = layout()->contentsMargins();
    const int margins = m.left() + m.right();
    if (minimumWidth() != widest + margins) setMinimumWidth(widest + margins);
    const auto orientation = width() - margins >= sideBySide ? Qt::Horizontal : Qt::Vertical;
    if (splitter_->orientation() != orientation) splitter_->setOrientation(orientation);
}

void ResultTables::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    fitOrientation();
}

// A bold heading over a table; the table is the heading's buddy, which accessibility tools
// report as the label of the table.
QWidget* ResultTables::pane(const QString& heading, QLabel** headingLabel, QWidget* table,
                            QLabel* note) {
    auto* box = new QWidget;
    auto* column = new QVBoxLayout(box);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    auto* title = new QLabel(heading);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    title->setBuddy(table);
    column->addWidget(title);
    column->addWidget(table, 1);
    if (note) column->addWidget(note);
    column->addStretch(0);  // below a table that stops growing (the percentiles)
    if (headingLabel) *headingLabel = title;
    return box;
}

void ResultTables::show(const RunResult& r) {
    if (!r.done() && sinceRefresh_.isValid() && sinceRefresh_.elapsed() < kRefreshMs) return;
    sinceRefresh_.start();
    status_->show(r.total.statusCounts);
    if (errors_->show(r)) connectionNote_->setVisible(errors_->hasConnectionEvents());
    errorHeading_->setText(errors_->rowCount() ? tr("Errors") : tr("Errors · none"));
    if (percentiles_->show(r)) {
        const std::uint64_t n = r.total.latency.count();
        percentileCount_->setText(n == 1 ? tr("of 1 response") : tr("of %L1 responses").arg(n));
        fitOrientation();  // a rate run adds the service-time column
    }
    timing_->show(r);
    showRequests(r);
}

// Shown while the run has named requests.
void ResultTables::showRequests(const RunResult& r) {
    if (requests_->show(r)) requestPane_->setVisible(requests_->rowCount() > 0);
}

void ResultTables::clear() {
    sinceRefresh_.invalidate();
    status_->reset();
    errors_->reset();
    percentiles_->reset();
    timing_->reset();
    requests_->reset();
    requestPane_->hide();
    percentileCount_->setText(tr("of 0 responses"));
    errorHeading_->setText(tr("Errors"));
    connectionNote_->hide();
}

void ResultTables::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) applyColors();
}

// The notes are dimmer than the text but still 4.5:1 against the window, in any theme.
void ResultTables::applyColors() {
    for (QLabel* note : {connectionNote_, percentileCount_}) colors::setTextColor(note, colors::caption(palette()));
}

}  // namespace salvo::ui
