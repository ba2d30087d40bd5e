#include "OutcomeLabel.hpp"

#include <QAccessible>
#include <QEvent>

#include "Colors.hpp"

namespace salvo::ui {

OutcomeLabel::OutcomeLabel(QWidget* parent) : QLabel(parent) {
    setObjectName("statusLabel");
    setAccessibleName(tr("Run status"));
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
}

void OutcomeLabel::say(const QString& text, Tone tone, bool announce) {
    setText(text);
    // The name stays "Run status"; the sentence is its description, read after the name.
    setAccessibleDescription(text);
    tone_ = tone;
    recolour();
    if (!announce) return;
    QAccessibleEvent changed(this, QAccessible::DescriptionChanged);
    QAccessible::updateAccessibility(&changed);
    QAccessibleEvent alert(this, QAccessible::Alert);
    QAccessible::updateAccessibility(&alert);
}

// Only WindowText is set on the label: every other role keeps following the window's palette.
void OutcomeLabel::recolour() {
    recolouring_ = true;
    setPalette(QPalette());  // back to inheriting, so the window's colours are read fresh
    if (tone_ != Tone::plain) {
        const QPalette window = palette();
        const QColor colour = tone_ == Tone::good  ? colors::good(window)
                              : tone_ == Tone::bad ? colors::bad(window)
                                                   : colors::warning(window);
        QPalette own;
        own.setColor(QPalette::WindowText, colour);
        setPalette(own);
    }
    recolouring_ = false;
}

void OutcomeLabel::changeEvent(QEvent* event) {
    QLabel::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !recolouring_) recolour();
}

}  // namespace salvo::ui
