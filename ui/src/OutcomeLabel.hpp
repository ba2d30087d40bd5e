#pragma once

#include <QLabel>

namespace salvo::ui {

// The window's status line: what to do, what is running, how a run ended. Its colour says how
// it went (green, red, amber) in the palette's own shades, re-read when the palette changes, and
// a run's end is announced to assistive technology as an alert.
class OutcomeLabel : public QLabel {
    Q_OBJECT

  public:
    enum class Tone { plain, good, bad, warning };

    explicit OutcomeLabel(QWidget* parent = nullptr);
    // Shows `text` in `tone`; `announce` raises an alert for screen readers (run ends, refusals).
    void say(const QString& text, Tone tone = Tone::plain, bool announce = false);
    Tone tone() const { return tone_; }

  protected:
    void changeEvent(QEvent* event) override;

  private:
    void recolour();

    Tone tone_ = Tone::plain;
    bool recolouring_ = false;  // setPalette() below sends a PaletteChange of its own
};

}  // namespace salvo::ui
