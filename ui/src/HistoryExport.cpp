#include "HistoryExport.hpp"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>
#include <exception>
#include <fstream>

#include "salvo/HistogramLog.hpp"
#include "salvo/HtmlReport.hpp"

namespace salvo::ui {
namespace {

// "salvo-2026-11-26T09-30-00.123Z", or "salvo-comparison-3-runs".
QString suggestedStem(const std::vector<RunRecord>& runs) {
    if (runs.size() > 1) return QStringLiteral("salvo-comparison-%1-runs").arg(runs.size());
    return QStringLiteral("salvo-") + QString::fromStdString(runs.front().startedAt).replace(':', '-');
}

}  // namespace

QString HistoryExport::write(const std::vector<RunRecord>& runs, const QString& path) {
    const bool log = path.endsWith(QLatin1String(".hlog"), Qt::CaseInsensitive);
    if (runs.empty() || (log && runs.size() != 1))
        return tr("an HdrHistogram log holds one run; choose HTML for several");
    std::ofstream out(QFile::encodeName(path).toStdString(), std::ios::binary);
    if (!out) return tr("cannot write %1").arg(QDir::toNativeSeparators(path));
    try {  // nothing may escape into Qt's event loop
        if (log) {
            writeHistogramLog(runs.front(), out);
        } else {
            std::vector<const RunRecord*> pointers;
            for (const RunRecord& run : runs) pointers.push_back(&run);
            writeHtmlReport(pointers, out);
        }
    } catch (const std::exception& e) {
        return tr("writing %1 failed: %2").arg(QDir::toNativeSeparators(path), QString::fromUtf8(e.what()));
    }
    out.close();
    return out ? QString() : tr("writing %1 failed").arg(QDir::toNativeSeparators(path));
}

HistoryExport::Result HistoryExport::askAndWrite(const std::vector<RunRecord>& runs, QWidget* parent) {
    if (runs.empty()) return {};
    QSettings settings;
    const QString folder = settings.value("export/folder", QDir::homePath()).toString();
    QStringList filters{tr("HTML report (*.html)")};
    if (runs.size() == 1) filters << tr("HdrHistogram interval log (*.hlog)");
    QFileDialog dialog(parent, tr("Export report"), folder, filters.join(QStringLiteral(";;")));
    dialog.setObjectName("historyExportDialog");
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix("html");
    dialog.selectFile(suggestedStem(runs) + ".html");
    QObject::connect(&dialog, &QFileDialog::filterSelected, &dialog, [&dialog](const QString& filter) {
        dialog.setDefaultSuffix(filter.contains("*.hlog") ? "hlog" : "html");
    });
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty()) return {};
    const QString path = dialog.selectedFiles().constFirst();
    settings.setValue("export/folder", QFileInfo(path).absolutePath());
    const QString failure = write(runs, path);
    if (!failure.isEmpty()) return {tr("Export failed: %1").arg(failure), true};
    return {tr("Exported to %1").arg(QDir::toNativeSeparators(path)), false};
}

}  // namespace salvo::ui
