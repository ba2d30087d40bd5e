#include "salvo/ui/Dashboard.hpp"

#include <QCheckBox>
#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "ConnectionsChart.hpp"
#include "DistributionChart.hpp"
#include "LatencyChart.hpp"
#include "ThroughputChart.hpp"

namespace salvo::ui {
namespace {

constexpr qint64 kUpdateMs = 250;         // between new seconds, at most 4 redraws a second: each costs the engine in a CPU quota
constexpr qint64 kDistributionMs = 1000;  // a walk over every histogram bucket: once a second

}  // namespace

Dashboard::Dashboard(QWidget* parent)
    : QWidget(parent),
      throughput_(new ThroughputChart),
      latency_(new LatencyChart),
      distribution_(new DistributionChart),
      connections_(new ConnectionsChart),
      serviceTime_(new QCheckBox(tr("Service time"))),
      histogram_(new QCheckBox(tr("Histogram"))),
      gauges_(new QLabel) {
    throughput_->setObjectName("throughputChart");
    latency_->setObjectName("latencyChart");
    distribution_->setObjectName("distributionChart");
    connections_->setObjectName("connectionsChart");
    serviceTime_->setObjectName("serviceTimeSwitch");
    serviceTime_->setAccessibleName(tr("Show service time"));
    histogram_->setObjectName("histogramSwitch");
    histogram_->setAccessibleName(tr("Show a histogram"));
    histogram_->setToolTip(
        tr("A plain histogram of request counts instead of the percentile "
           "spectrum (the slowest 0.1 % are left out of it)"));
    gauges_->setObjectName("connectionsNow");
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(panel(tr("Throughput"), throughput_, nullptr), 0, 0);
    grid->addWidget(panel(tr("Latency over time"), latency_, serviceTime_), 0, 1);
    grid->addWidget(panel(tr("Latency distribution"), distribution_, histogram_), 1, 0);
    grid->addWidget(panel(tr("Connections"), connections_, gauges_), 1, 1);
    connect(serviceTime_, &QCheckBox::toggled, this, &Dashboard::setServiceTime);
    connect(histogram_, &QCheckBox::toggled, distribution_, &DistributionChart::setHistogram);
    followModel(false);
}

// A title over each chart with its switch or live figure at the right, outside the plot so
// the chart keeps its height for data.
QWidget* Dashboard::panel(const QString& title, QWidget* chart, QWidget* aside) {
    auto* box = new QWidget;
    auto* column = new QVBoxLayout(box);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    auto* header = new QHBoxLayout;
    auto* name = new QLabel(title);
    QFont bold = name->font();
    bold.setBold(true);
    name->setFont(bold);
    name->setMinimumHeight(serviceTime_->sizeHint().height());  // headers line up across columns
    header->addWidget(name);
    header->addStretch(1);
    if (aside) header->addWidget(aside);
    column->addLayout(header);
    column->addWidget(chart, 1);
    return box;
}

void Dashboard::show(const RunResult& r) {
    const bool grew = r.timeline.size() != seconds_ || r.rateChanges.size() != rateChanges_;
    const bool ending = r.done() && !ended_;
    if (!grew && !ending && sinceUpdate_.isValid() && sinceUpdate_.elapsed() < kUpdateMs) return;
    sinceUpdate_.start();
    seconds_ = r.timeline.size();
    rateChanges_ = r.rateChanges.size();
    ended_ = r.done();
    followModel(r.open());
    throughput_->show(r);
    latency_->show(r);
    connections_->show(r);
    if (ending || !sinceDistribution_.isValid() ||
        sinceDistribution_.elapsed() >= kDistributionMs) {
        distribution_->show(r);
        sinceDistribution_.start();
    }
    gauges_->setText(
        r.done() ? QString()
                 : tr("now %L1 open, %L2 in flight").arg(r.connectionsNow).arg(r.inFlightNow));
}

void Dashboard::clear() {
    throughput_->clear();
    latency_->clear();
    distribution_->clear();
    connections_->clear();
    gauges_->clear();
    sinceUpdate_.invalidate();
    sinceDistribution_.invalidate();
    seconds_ = rateChanges_ = 0;
    ended_ = false;
}

// Without a rate there is no due time: latency is the service time, and the switch says so.
void Dashboard::followModel(bool open) {
    if (serviceTime_->isEnabled() == open) return;
    if (!open) serviceTime_->setChecked(false);
    serviceTime_->setEnabled(open);
    serviceTime_->setToolTip(
        open ? tr("Time from writing each request to its response, instead of latency from its "
                  "due time (which includes waiting behind a slow server)")
             : tr("Only for runs with a rate: without one there is no due time, so service "
                  "time equals latency"));
}

void Dashboard::setServiceTime(bool on) {
    latency_->setServiceTime(on);
    distribution_->setServiceTime(on);
}

}  // namespace salvo::ui
