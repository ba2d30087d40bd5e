#include "RecordOrigin.hpp"

#include <QStringList>

namespace salvo::ui {
namespace {

constexpr qsizetype kHostsNamed = 3;  // more machines are counted, not named (as the record's host)

bool isShare(const RunRecord& record) {
    return record.mergedFrom.empty() && !record.result.shard.whole();
}

}  // namespace

// The machines in the order of their shares, each once: "node1, node2 and 3 more".
QString RecordOrigin::hosts(const RunRecord& record) {
    QStringList names;
    for (const MergedShare& share : record.mergedFrom) {
        const QString host = QString::fromStdString(share.host);
        if (!host.isEmpty() && !names.contains(host)) names << host;
    }
    if (names.size() <= kHostsNamed) return names.join(QStringLiteral(", "));
    const qsizetype more = names.size() - kHostsNamed;
    return tr("%1 and %L2 more").arg(names.mid(0, kHostsNamed).join(QStringLiteral(", "))).arg(more);
}

QString RecordOrigin::phrase(const RunRecord& record) {
    const std::size_t shares = record.mergedFrom.size();
    if (shares > 0) {
        const QString from = shares == 1 ? tr("merged from 1 share") : tr("merged from %L1 shares").arg(shares);
        const QString on = hosts(record);
        return on.isEmpty() ? from : tr("%1 on %2").arg(from, on);
    }
    if (!isShare(record)) return {};
    const Shard& shard = record.result.shard;
    return tr("share %L1 of %L2 (index %L3)").arg(shard.index + 1).arg(shard.count).arg(shard.index);
}

QString RecordOrigin::sentence(const RunRecord& record) {
    QString text = phrase(record);
    if (!text.isEmpty()) text[0] = text[0].toUpper();
    return text;
}

QString RecordOrigin::tag(const RunRecord& record) {
    const std::size_t shares = record.mergedFrom.size();
    if (shares > 0) return shares == 1 ? tr("merged, 1 share") : tr("merged, %L1 shares").arg(shares);
    if (!isShare(record)) return {};
    return tr("share %L1 of %L2").arg(record.result.shard.index + 1).arg(record.result.shard.count);
}

}  // namespace salvo::ui
