#include "salvo/ui/LoadSection.hpp"

#include <QButtonGroup>
#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

#include "FieldRows.hpp"
#include "PairTable.hpp"

namespace salvo::ui {

LoadSection::LoadSection(FieldRows& rows, QObject* parent) : QObject(parent), rows_(rows) {}

void LoadSection::buildMain(QFormLayout* form) {
    // The two radio buttons are the labels of their fields: Alt+R and Alt+D pick the mode and
    // put the cursor in its field; the field of the other mode is greyed out.
    countMode_ = new QRadioButton(tr("&Requests"));
    countMode_->setObjectName("countMode");
    countMode_->setToolTip(tr("Stop after this many requests"));
    durationMode_ = new QRadioButton(tr("&Duration"));
    durationMode_->setObjectName("durationMode");
    durationMode_->setToolTip(
        tr("Send for this long, then give requests in flight the grace period"));
    auto* modes = new QButtonGroup(this);
    modes->addButton(countMode_);
    modes->addButton(durationMode_);
    count_ = rows_.makeLine(tr("how many requests in all, default 200"), Field::count);
    count_->setAccessibleName(tr("Request count"));
    duration_ = rows_.makeLine(tr("how long: 500ms, 30s, 5m, 1h"), Field::duration);
    duration_->setAccessibleName(tr("Duration"));
    rows_.addRow(form, countMode_, count_, Field::count);
    rows_.addRow(form, durationMode_, duration_, Field::duration);
    // On press, not on click: a mnemonic's click lands 100 ms later, and what was typed in
    // between must already go to the field.
    for (QRadioButton* mode : {countMode_, durationMode_})
        connect(mode, &QRadioButton::pressed, this,
                [this, mode] { chooseMode(mode == durationMode_, true); });
    chooseMode(false, false);

    rate_ = rows_.makeLine(tr("empty: as fast as responses come"), Field::rate);
    apply_ = new QPushButton(tr("Appl&y"));
    apply_->setObjectName("applyRateButton");
    apply_->setAccessibleName(tr("Apply the rate to the running test"));
    connect(apply_, &QPushButton::clicked, this, &LoadSection::rateApplyRequested);
    auto* line = new QWidget;
    auto* row = new QHBoxLayout(line);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(rate_, 1);
    row->addWidget(apply_);
    rows_.addRow(form, tr("Rate (re&q/s)"), rate_, Field::rate, line);
    setRunning(false, false);
}

void LoadSection::buildAdvanced(QFormLayout* form) {
    QWidget* stages = buildStages();
    rows_.addRow(form, tr("Sta&ges"), stages_, Field::stages, stages);
    startRate_ = rows_.addLine(form, tr("Ram&p from (req/s)"),
                               tr("where the first stage starts, default 0"), Field::startRate);
    maxConnections_ =
        rows_.addLine(form, tr("Max co&nnections"), tr("with a rate, the pool grows up to this"),
                      Field::maxConnections);
    warmup_ =
        rows_.addLine(form, tr("&Warm-up"), tr("left out of the figures, e.g. 5s"), Field::warmup);
    grace_ = rows_.addLine(form, tr("Grace per&iod"),
                           tr("for requests in flight at the end, default 5s"), Field::grace);
    arrival_ = new QComboBox;
    arrival_->setObjectName(FieldRows::objectName(Field::arrival, "Edit"));
    arrival_->setAccessibleName(tr("Arrival"));  // else screen readers announce only the current item
    arrival_->view()->setAccessibleName(tr("Arrival choices"));
    arrival_->addItem(tr("uniform: evenly spaced"), "uniform");
    arrival_->addItem(tr("poisson: random gaps, seeded"), "poisson");
    connect(arrival_, &QComboBox::currentIndexChanged, &rows_, &FieldRows::edited);
    rows_.addRow(form, tr("Arri&val"), arrival_, Field::arrival);
    seed_ = rows_.addLine(form, tr("Seed"), tr("for poisson arrivals, default 1"), Field::seed);
}

// The stage table with its Add and Remove buttons beside it.
QWidget* LoadSection::buildStages() {
    stages_ = new PairTable(tr("Duration"), tr("Target req/s"), ":");
    stages_->setObjectName(FieldRows::objectName(Field::stages, "Edit"));
    stages_->setToolTip(
        tr("Each stage moves the rate linearly to its target over its duration (30s, 5m). "
           "Insert adds a stage, Delete removes one."));
    connect(stages_, &PairTable::edited, &rows_, &FieldRows::edited);
    connect(stages_, &PairTable::submitRequested, &rows_,
            [this] { emit rows_.submitRequested(stages_); });
    return stages_->withButtons(tr("stage"), "stages");
}

bool LoadSection::durationMode() const {
    return durationMode_->isChecked();
}

void LoadSection::chooseMode(bool duration, bool focus) {
    (duration ? durationMode_ : countMode_)->setChecked(true);
    if (!running_) {
        count_->setEnabled(!duration);
        duration_->setEnabled(duration);
    }
    if (!focus) return;
    QLineEdit* field = duration ? duration_ : count_;
    field->setFocus(Qt::ShortcutFocusReason);
    field->selectAll();
    emit rows_.edited();
}

QList<QWidget*> LoadSection::tabChain() const {
    return {countMode_, count_, durationMode_, duration_, rate_, apply_};
}

void LoadSection::fill(RunInput& in) const {
    in.count = durationMode() ? std::string() : count_->text().toStdString();
    in.duration = durationMode() ? duration_->text().toStdString() : std::string();
    in.rate = rate_->text().trimmed().toStdString();
    in.stages = stages_->rows();
    in.startRate = startRate_->text().toStdString();
    in.maxConnections = maxConnections_->text().toStdString();
    in.warmup = warmup_->text().toStdString();
    in.grace = grace_->text().toStdString();
    in.arrival = arrival_->currentData().toString().toStdString();
    in.seed = seed_->text().toStdString();
}

void LoadSection::set(const RunInput& in) {
    count_->setText(QString::fromStdString(in.count));
    duration_->setText(QString::fromStdString(in.duration));
    chooseMode(!in.duration.empty() && in.count.empty(), false);
    rate_->setText(QString::fromStdString(in.rate));
    stages_->setRows(in.stages);
    startRate_->setText(QString::fromStdString(in.startRate));
    maxConnections_->setText(QString::fromStdString(in.maxConnections));
    warmup_->setText(QString::fromStdString(in.warmup));
    grace_->setText(QString::fromStdString(in.grace));
    arrival_->setCurrentIndex(in.arrival == "poisson" ? 1 : 0);
    seed_->setText(QString::fromStdString(in.seed));
}

void LoadSection::setRunning(bool running, bool openModel) {
    running_ = running;
    for (QWidget* w : {static_cast<QWidget*>(countMode_), static_cast<QWidget*>(durationMode_)})
        w->setEnabled(!running);
    if (!running) chooseMode(durationMode(), false);  // the other mode's field stays greyed out
    rate_->setEnabled(!running || openModel);
    apply_->setEnabled(running && openModel);
    explainRate(running, openModel);
}

void LoadSection::explainRate(bool running, bool openModel) {
    if (!running) {
        rate_->setToolTip(
            tr("Total requests per second over all connections, on one schedule "
               "whatever the server does. Empty: each connection sends its next "
               "request when the previous answer arrives."));
        apply_->setToolTip(tr("Changes the rate of a running test that was started with a rate"));
    } else if (openModel) {
        rate_->setToolTip(
            tr("Type a new rate and press Enter or Apply: the test moves to it at once"));
        apply_->setToolTip(
            tr("Move the running test to this rate (Enter in the field does the same)"));
    } else {
        const QString why =
            tr("This test was started without a rate: it cannot switch to a "
               "schedule while it runs. Start a new one with a rate.");
        rate_->setToolTip(why);
        apply_->setToolTip(why);
    }
}

}  // namespace salvo::ui
