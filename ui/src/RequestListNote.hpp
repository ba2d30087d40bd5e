#pragma once

#include <QWidget>
#include <vector>

#include "salvo/RunSpec.hpp"

class QLabel;

namespace salvo::ui {

// Says, near the request fields, that the plan sends several named requests ([[requests]]),
// which and how often, and that the form's request fields are only their defaults: the form
// cannot edit the list, so the person must not think the fields are all that is sent. Also
// where validate()'s messages about the list (Field::requests) are shown. Hidden while there
// is neither a list nor a message.
class RequestListNote : public QWidget {
    Q_OBJECT

  public:
    static constexpr int kNamesListed = 5;  // then "and N more"

    explicit RequestListNote(QWidget* parent = nullptr);

    void setRequests(const std::vector<NamedRequestInput>& requests);
    // Shows the messages about Field::requests among `errors` (clearing older ones).
    void showErrors(const std::vector<FieldError>& errors);
    void recolor(const QPalette& palette);

    QString noteText() const;
    QString errorText() const;
    // "This plan sends 3 named requests by weight: home ×3, login ×1, search ×1. ..."; empty
    // for no list.
    static QString describe(const std::vector<NamedRequestInput>& requests);

    QSize sizeHint() const override;

  protected:
    void resizeEvent(QResizeEvent* event) override;

  private:
    void showIfUseful();

    QLabel* note_;
    QLabel* errors_;
};

}  // namespace salvo::ui
