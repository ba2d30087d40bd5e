#include "ConnectionsChart.hpp"

#include <QLineSeries>
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
    const auto from = static_cast<std::size_t>(connections_->count());
    if (r.timeline.size() == from && r.done() == fittedToEnd()) return;
    QList<QPointF> open, held;
    for (std::size_t i = from; i < r.timeline.size(); ++i) {
        const SecondStats& s = r.timeline[i];
        open.append({xOf(i), static_cast<double>(s.connections)});
        held.append({xOf(i), static_cast<double>(s.inFlight)});
        top_ =
            std::max({top_, static_cast<double>(s.connections), static_cast<double>(s.inFlight)});
    }
    connections_->append(open);
    inFlight_->append(held);
    fitAxes(r.timeline.size(), !r.done());
    if (r.timeline.empty()) return;
    const SecondStats& last = r.timeline.back();
    describe(tr("After %1 s: %2 connections open, %3 requests in flight.")
                 .arg(number(xOf(r.timeline.size() - 1)), number(last.connections),
                      number(static_cast<double>(last.inFlight))));
}

void ConnectionsChart::clear() {
    clearLines();
    describe(tr("No run yet."));
}

void ConnectionsChart::recolour(const QPalette& p) {
    connections_->setPen(QPen(colors::series(p, 0), 2));
    inFlight_->setPen(QPen(colors::series(p, 2), 2));
}

QString ConnectionsChart::lineTip(const TimeLine* line, int index) const {
    const QPointF p = line->at(index);
    return (line == connections_ ? tr("%1 s: %2 connections open")
                                 : tr("%1 s: %2 requests in flight"))
        .arg(number(p.x()), number(p.y()));
}

}  // namespace salvo::ui
