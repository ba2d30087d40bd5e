#include "ResponseSection.hpp"

#include <QFormLayout>
#include <QGroupBox>
#include <QLineEdit>

#include "FieldRows.hpp"

namespace salvo::ui {

ResponseSection::ResponseSection(FieldRows& rows, QObject* parent)
    : QObject(parent), rows_(rows) {}

// No Alt letters: every letter of these labels is another field's already.
void ResponseSection::buildRedirects(QFormLayout* form) {
    redirects_ = rows_.addLine(form, tr("Redirects"), tr("follow up to this many; empty: none"),
                               Field::redirects);
}

QWidget* ResponseSection::buildChecks() {
    auto* box = new QGroupBox(tr("Checks"));
    box->setObjectName("checksBox");
    auto* form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    expectStatus_ = rows_.addLine(form, tr("Expected statuses"),
                                  tr("200,201, 2xx, 200-299; empty: below 400"),
                                  Field::expectStatus);
    expectBody_ = rows_.addLine(form, tr("Body contains"), tr("text every body must hold"),
                                Field::expectBody);
    expectBodyRegex_ = rows_.addLine(form, tr("Body matches (regex)"),
                                     tr("a regular expression every body must match"),
                                     Field::expectBodyRegex);
    return box;
}

void ResponseSection::fill(RunInput& in) const {
    in.redirects = redirects_->text().toStdString();
    in.expectStatus = expectStatus_->text().toStdString();
    in.expectBody = expectBody_->text().toStdString();
    in.expectBodyRegex = expectBodyRegex_->text().toStdString();
}

void ResponseSection::set(const RunInput& in) {
    redirects_->setText(QString::fromStdString(in.redirects));
    expectStatus_->setText(QString::fromStdString(in.expectStatus));
    expectBody_->setText(QString::fromStdString(in.expectBody));
    expectBodyRegex_->setText(QString::fromStdString(in.expectBodyRegex));
}

}  // namespace salvo::ui
