#include "salvo/ui/Dashboard.hpp"

#include <QVBoxLayout>

#include "salvo/ui/ThroughputChart.hpp"

namespace salvo::ui {

Dashboard::Dashboard(QWidget* parent) : QWidget(parent), throughput_(new ThroughputChart) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(throughput_);
}

void Dashboard::show(const RunResult& result) { throughput_->show(result); }

void Dashboard::clear() { throughput_->clear(); }

}  // namespace salvo::ui
