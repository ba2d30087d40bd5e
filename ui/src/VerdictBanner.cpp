#include "VerdictBanner.hpp"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QStyle>
#include <QTextDocumentFragment>

#include "Colors.hpp"

namespace salvo::ui {

VerdictBanner::VerdictBanner(QWidget* parent)
    : QFrame(parent), icon_(new QLabel), text_(new QLabel) {
    setObjectName("verdictBanner");
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(10, 8, 10, 8);
    icon_->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(24, 24));
    icon_->setAlignment(Qt::AlignTop);
    icon_->setAccessibleName(tr("Warning"));
    text_->setObjectName("verdictLabel");
    text_->setAccessibleName(tr("Verdict on the generator's limits"));
    text_->setWordWrap(true);
    text_->setTextFormat(Qt::RichText);
    text_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    row->addWidget(icon_);
    row->addWidget(text_, 1);
    hide();
}

void VerdictBanner::setVerdict(const QString& richText) {
    text_->setText(richText);
    text_->setAccessibleDescription(QTextDocumentFragment::fromHtml(richText).toPlainText());
    setVisible(!richText.isEmpty());
}

// A tint of the warning colour over the window: the text keeps its own colour and contrast.
QColor VerdictBanner::fill() const {
    const QColor back = palette().color(QPalette::Window);
    const QColor tint = colors::warning(palette());
    const double t = colors::isDark(palette()) ? 0.18 : 0.12;
    return colors::mix(back, tint, t);
}

QColor VerdictBanner::edge() const {
    return colors::warning(palette());
}

void VerdictBanner::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(edge(), 1));
    painter.setBrush(fill());
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
}

// The icon is drawn by the style, which may change with the theme.
void VerdictBanner::changeEvent(QEvent* event) {
    QFrame::changeEvent(event);
    if (event->type() == QEvent::StyleChange)
        icon_->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(24, 24));
}

}  // namespace salvo::ui
