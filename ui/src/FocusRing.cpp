#include "FocusRing.hpp"

#include <QEvent>
#include <QPainter>
#include <QWidget>

namespace salvo::ui {

void FocusRing::install(QWidget* widget) {
    widget->setFocusPolicy(Qt::StrongFocus);
    widget->installEventFilter(new FocusRing(widget));
}

bool FocusRing::eventFilter(QObject* watched, QEvent* event) {
    auto* widget = static_cast<QWidget*>(watched);
    if (event->type() == QEvent::FocusIn || event->type() == QEvent::FocusOut) widget->update();
    if (event->type() != QEvent::Paint || !widget->hasFocus()) return false;
    // The widget paints first (QObject::event is public where QWidget's is not), the ring on top.
    static_cast<QObject*>(widget)->event(event);
    QPainter painter(widget);
    painter.setPen(QPen(widget->palette().color(QPalette::Highlight), 2));
    painter.drawRect(QRectF(widget->rect()).adjusted(1, 1, -1, -1));
    return true;
}

}  // namespace salvo::ui
