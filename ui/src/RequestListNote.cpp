#include "RequestListNote.hpp"

#include <QLabel>
#include <QResizeEvent>
#include <QStringList>
#include <QVBoxLayout>

#include "Colors.hpp"
#include "FieldHelp.hpp"

namespace salvo::ui {

RequestListNote::RequestListNote(QWidget* parent)
    : QWidget(parent), note_(new QLabel), errors_(new QLabel) {
    setObjectName("requestListNote");
    // The house pattern for a sentence that changes (OutcomeLabel): the name says what it is,
    // the description holds the sentence, and the visible text is the same sentence.
    note_->setObjectName("requestListText");
    note_->setAccessibleName(tr("Named requests"));
    note_->setWordWrap(true);
    note_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    note_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    note_->setToolTip(fieldHelp(Field::requests));
    errors_->setObjectName("requestsError");
    errors_->setAccessibleName(tr("Named requests: error"));
    errors_->setWordWrap(true);
    errors_->hide();
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    column->addWidget(note_);
    column->addWidget(errors_);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);  // see sizeHint()
    recolor(palette());
    hide();
}

// QLabel's hint for wrapped text is a box of golden-ratio shape, several lines taller than the
// text at the width the form gives it, and the form takes the hint: the note then stood in a
// gap of empty lines. The height its lines need at the width it has is the hint instead.
QSize RequestListNote::sizeHint() const {
    const QSize hint = QWidget::sizeHint();
    return width() > 0 ? QSize(hint.width(), heightForWidth(width())) : hint;
}

void RequestListNote::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    if (event->oldSize().width() != event->size().width()) updateGeometry();  // a new hint
}

QString RequestListNote::describe(const std::vector<NamedRequestInput>& requests) {
    if (requests.empty()) return {};
    QStringList listed;
    for (const NamedRequestInput& r : requests) {
        if (listed.size() == kNamesListed) break;
        // The engine names an unnamed request "METHOD /path"; the form shows what the plan says.
        const QString name = !r.name.empty()  ? QString::fromStdString(r.name)
                             : !r.url.empty() ? QString::fromStdString(r.url)
                                              : tr("(unnamed)");
        const QString weight =
            r.weight.empty() ? QStringLiteral("1") : QString::fromStdString(r.weight);
        listed << tr("%1 ×%2").arg(name, weight);
    }
    const auto more = static_cast<qsizetype>(requests.size()) - listed.size();
    QString list = listed.join(QStringLiteral(", "));
    if (more > 0) list += tr(" and %1 more").arg(more);
    const QString sends = requests.size() == 1
                              ? tr("This plan sends 1 named request: %1.").arg(list)
                              : tr("This plan sends %1 named requests by weight: %2.")
                                    .arg(static_cast<qulonglong>(requests.size()))
                                    .arg(list);
    return sends + ' ' +
           tr("The fields here are their defaults; edit the plan file to change the list.");
}

void RequestListNote::setRequests(const std::vector<NamedRequestInput>& requests) {
    const QString text = describe(requests);
    note_->setText(text);
    note_->setAccessibleDescription(text);
    note_->setVisible(!text.isEmpty());
    showIfUseful();
}

void RequestListNote::showErrors(const std::vector<FieldError>& errors) {
    QStringList messages;
    for (const FieldError& e : errors)
        if (e.field == Field::requests) messages << QString::fromStdString(e.message);
    errors_->setText(messages.join('\n'));
    errors_->setAccessibleDescription(errors_->text());
    errors_->setVisible(!messages.isEmpty());
    showIfUseful();
}

// The note keeps the text colour: it changes what the fields mean, not a caption to skim.
void RequestListNote::recolor(const QPalette& palette) {
    errors_->setStyleSheet(colors::css(colors::bad(palette)));
}

QString RequestListNote::noteText() const {
    return note_->text();
}

QString RequestListNote::errorText() const {
    return errors_->text();
}

// isHidden, not isVisible: the form may not be shown yet.
void RequestListNote::showIfUseful() {
    setVisible(!note_->isHidden() || !errors_->isHidden());
}

}  // namespace salvo::ui
