#pragma once

#include <QObject>

#include "salvo/RunSpec.hpp"

class QFormLayout;
class QLineEdit;
class QWidget;

namespace salvo::ui {

class FieldRows;

// What is done with each response: how many redirects are followed (a row of "Each request"),
// and the checks every response must pass (k6's check) in a "Checks" group beside the
// thresholds: the statuses that pass, text the body must hold, a regular expression it must
// match. A response that fails one counts as failed, of kind "check". Like ConnectionSection,
// its rows are named, helped and given their messages by the form's FieldRows. None of these
// is a secret: plans and the settings keep them all.
class ResponseSection : public QObject {
    Q_OBJECT

  public:
    ResponseSection(FieldRows& rows, QObject* parent);

    void buildRedirects(QFormLayout* form);
    QWidget* buildChecks();          // the "Checks" group
    void fill(RunInput& in) const;   // redirects, expectStatus, expectBody, expectBodyRegex
    void set(const RunInput& in);

  private:
    FieldRows& rows_;
    QLineEdit* redirects_ = nullptr;
    QLineEdit* expectStatus_ = nullptr;
    QLineEdit* expectBody_ = nullptr;
    QLineEdit* expectBodyRegex_ = nullptr;
};

}  // namespace salvo::ui
