#pragma once

#include <QMimeData>
#include <QPlainTextEdit>

namespace salvo::ui {

// A plain-text input that survives pasting an empty clipboard. Under X11, when no program owns
// the clipboard, Ctrl+V hands the field a QMimeData with no formats, and Qt 6.4's
// QWidgetTextControl::insertFromMimeData reads formats().first() of it and crashes (found by
// pressing Ctrl+V in the headers field under Xvfb). Nothing to paste now means nothing happens.
class MultiLineField : public QPlainTextEdit {
public:
    using QPlainTextEdit::QPlainTextEdit;

    bool canInsertFromMimeData(const QMimeData* source) const override {
        return hasSomething(source) && QPlainTextEdit::canInsertFromMimeData(source);
    }
    void insertFromMimeData(const QMimeData* source) override {
        if (hasSomething(source)) QPlainTextEdit::insertFromMimeData(source);
    }

private:
    static bool hasSomething(const QMimeData* source) { return source && !source->formats().isEmpty(); }
};

}  // namespace salvo::ui
