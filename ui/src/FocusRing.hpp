#pragma once

#include <QObject>

class QWidget;

namespace salvo::ui {

// Makes a widget that draws no focus of its own (a QCustomPlot chart) reachable with Tab and
// visibly focused: a frame in the palette's highlight colour around it while it has the keyboard
// focus. The chart's accessible name and description are what a screen reader then reads.
class FocusRing : public QObject {
    Q_OBJECT

  public:
    static void install(QWidget* widget);  // owned by the widget

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    using QObject::QObject;
};

}  // namespace salvo::ui
