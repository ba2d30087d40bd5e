#include "ConnectionsChart.hpp"

#include <QPen>
#include <algorithm>

#include "Colors.hpp"

namespace salvo::ui {

ConnectionsChart::ConnectionsChart(QWidget* parent)
    : TimeChart(tr("Connections chart"), tr("count"), parent),
      connections_(addLine(tr("connections"))),
      inFlight_(addLine(tr("in flight"))) {
    wholeValues_ = true;
    restyle();
    clear();
}

void ConnectionsChart::show(const RunResult& r) {
    const auto from = static_cast<std::size_t>(connections_->dataCount());
    if (r.timeline.size() == from && r.done() == fittedToEnd()) return;
    QVector<double> keys, open, held;
    for (std::size_t i = from; i < r.timeline.size(); ++i) {
        const SecondStats& s = r.timeline[i];
        keys.append(xOf(i));
        open.append(static_cast<double>(s.connections));
        held.append(static_cast<double>(s.inFlight));
        top_ = std::max({top_, open.back(), held.back()});
    }
    append(connections_, keys, open);
    append(inFlight_, keys, held);
    fitAxes(r.timeline.size(), !r.done());
    redrawSoon();
    if (r.timeline.empty()) return;
    const SecondStats& last = r.timeline.back();
    describe(tr("After %1 s: %2 connections open, %3 requests in flight.")
                 .arg(number(xOf(r.timeline.size() - 1)), number(last.connections),
                      number(static_cast<double>(last.inFlight))));
}

void ConnectionsChart::clear() {
    clearLines();
    describe(tr("No run yet."));
    redrawSoon();
}

void ConnectionsChart::recolour(const QPalette& p) {
    setLinePen(connections_, QPen(colors::series(p, 0), 2));
    setLinePen(inFlight_, QPen(colors::series(p, 2), 2));
}

QString ConnectionsChart::secondTip(int i) const {
    return tr("%1 s: %2 connections open, %3 requests in flight")
        .arg(number(connections_->data()->at(i)->key), number(connections_->data()->at(i)->value),
             number(inFlight_->data()->at(i)->value));
}

}  // namespace salvo::ui
