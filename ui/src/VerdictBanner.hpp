#pragma once

#include <QFrame>

class QLabel;

namespace salvo::ui {

// A warning strip for the verdict on the generator's own limits, hidden while there is none.
// It paints its amber box from the palette each time, so it follows Light, Dark and System.
class VerdictBanner : public QFrame {
    Q_OBJECT

  public:
    explicit VerdictBanner(QWidget* parent = nullptr);
    void setVerdict(const QString& richText);  // empty: hidden
    // The box's fill and edge for the current palette (the test checks their contrast).
    QColor fill() const;
    QColor edge() const;

  protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

  private:
    QLabel* icon_;
    QLabel* text_;
};

}  // namespace salvo::ui
