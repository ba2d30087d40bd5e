#include "RunSummary.hpp"

#include <QCoreApplication>
#include <QFileInfo>

#include "RunText.hpp"
#include "salvo/Report.hpp"

namespace salvo::ui {
namespace {

// The outcome as one short cell: how it ended, then a verdict that doubts the figures.
QString outcomeCell(const RunResult& r) {
    QString text = QString::fromLatin1(outcomeName(r.outcome));
    if (r.outcome != Outcome::failed && r.total.completed() && !r.total.succeeded)
        text = QCoreApplication::translate("RunSummary", "failed (nothing succeeded)");
    switch (r.limits.verdict) {
        case Verdict::ok: break;
        case Verdict::connectionLimited:
            text += QCoreApplication::translate("RunSummary", " · connection-limited");
            break;
        case Verdict::generatorLimited:
            text += QCoreApplication::translate("RunSummary", " · generator-limited");
            break;
    }
    return text;
}

void stampFile(RunSummary& s, const QString& path) {
    const QFileInfo file(path);
    s.path = path;
    s.modified = file.lastModified();
    s.size = file.size();
}

}  // namespace

RunSummary summarize(const QString& path, const RunRecord& record) {
    RunSummary s;
    stampFile(s, path);
    const RunResult& r = record.result;
    s.started = QDateTime::fromString(QString::fromStdString(record.startedAt), Qt::ISODateWithMs);
    if (!s.started.isValid()) s.started = s.modified;  // an older writer's odd stamp: still sortable
    s.url = QString::fromStdString(r.url);
    s.load = QString::fromStdString(describeLoad(r));
    s.rps = r.requestsPerSecond();
    if (r.total.latency.count())
        s.p99Ms = static_cast<double>(r.total.latency.percentile(99)) / 1e6;
    s.completed = r.total.completed();
    s.failed = r.total.failed;
    s.outcome = outcomeCell(r);
    s.bad = RunText::outcomeIsBad(r) || r.limits.verdict != Verdict::ok;
    s.label = QString::fromStdString(record.label);
    return s;
}

RunSummary unreadable(const QString& path, const QString& error) {
    RunSummary s;
    stampFile(s, path);
    s.error = error.isEmpty() ? QCoreApplication::translate("RunSummary", "not a run record") : error;
    s.bad = true;
    return s;
}

}  // namespace salvo::ui
