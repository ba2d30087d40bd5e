#include "RunSummary.hpp"

#include <QCoreApplication>
#include <QFileInfo>

#include "RecordOrigin.hpp"
#include "RunText.hpp"
#include "salvo/Report.hpp"

namespace salvo::ui {
namespace {

// The outcome as one short cell: how it ended, then a verdict that doubts the figures. A run
// in which nothing succeeded reads "failed", as the window's outcome line says it.
QString outcomeCell(const RunResult& r) {
    QString text = QString::fromLatin1(outcomeName(r.outcome));
    if (r.outcome == Outcome::finished && r.total.completed() && !r.total.succeeded)
        text = QCoreApplication::translate("RunSummary", "failed");
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
    s.origin = RecordOrigin::phrase(record);
    s.originTag = RecordOrigin::tag(record);
    s.rps = r.requestsPerSecond();
    if (r.total.latency.count())
        s.p99Ms = static_cast<double>(r.total.latency.percentile(99)) / 1e6;
    s.completed = r.total.completed();
    s.failed = r.total.failed;
    s.outcome = outcomeCell(r);
    if (r.outcome == Outcome::finished && s.completed && !r.total.succeeded)
        s.outcomeNote = QCoreApplication::translate("RunSummary", "finished, but no request succeeded");
    else if (!r.message.empty())
        s.outcomeNote = s.outcome + ": " + QString::fromStdString(r.message);
    s.bad = RunText::outcomeIsBad(r) || r.limits.verdict != Verdict::ok;
    s.label = QString::fromStdString(record.label);
    return s;
}

RunSummary unreadable(const QString& path, const QString& error) {
    RunSummary s;
    stampFile(s, path);
    s.error = error.isEmpty() ? QCoreApplication::translate("RunSummary", "not a run record") : error;
    // The reader names the file first; the row already does.
    const QString prefix = path + QStringLiteral(": ");
    if (s.error.startsWith(prefix) && s.error.size() > prefix.size()) s.error.remove(0, prefix.size());
    s.bad = true;
    return s;
}

}  // namespace salvo::ui
