#pragma once

// Drives the real window the way a person would: typing, clicking, pressing keys. Shared by
// the window's test files; each check that fails ends the calling helper (QVERIFY returns).
#include <QAction>
#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <functional>
#include <string>

#include "salvo/RunSpec.hpp"
#include "salvo/ui/MainWindow.hpp"
#include "salvo/ui/RunController.hpp"
#include "salvo/ui/RunForm.hpp"

namespace driver {

using salvo::Field;
using salvo::ui::MainWindow;

template <class T>
T* find(MainWindow& w, const char* name) {
    T* child = w.findChild<T*>(name);
    if (!child) qFatal("no widget named %s", name);
    return child;
}

inline void fill(MainWindow& w, const QString& url, const QString& count,
                 const QString& connections = "") {
    for (auto [name, text] :
         {std::pair{"urlEdit", url}, {"countEdit", count}, {"connectionsEdit", connections}}) {
        auto* edit = find<QLineEdit>(w, name);
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, text);
    }
}

inline QAction* action(MainWindow& w, const char* name) {
    auto* found = w.findChild<QAction*>(name);
    if (!found) qFatal("no action named %s", name);
    return found;
}

inline salvo::ui::RunForm& form(MainWindow& w) {
    return *find<salvo::ui::RunForm>(w, "runForm");
}

// A file `name` in `dir` holding `text` (a plan, a body); its path.
inline QString write(const QTemporaryDir& dir, const QString& name, const std::string& text) {
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) qFatal("cannot write %s", qPrintable(path));
    file.write(text.data(), static_cast<qint64>(text.size()));
    return path;
}

// The input for a field, and its message, by the names the form gives them.
inline QLineEdit* edit(MainWindow& w, Field field) {
    return find<QLineEdit>(w, (std::string(salvo::fieldName(field)) + "Edit").c_str());
}
inline QLabel* error(MainWindow& w, Field field) {
    return find<QLabel>(w, (std::string(salvo::fieldName(field)) + "Error").c_str());
}
inline void retype(QLineEdit* edit, const QString& text) {
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}
inline void showActive(MainWindow& w) {
    w.show();
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
}
inline QWidget* focused() {
    return QApplication::focusWidget();
}
// Picks Duration with the keyboard (Alt+D) and fills a duration run against `url`.
inline void fillDurationRun(MainWindow& w, const std::string& url, const QString& duration,
                            const QString& rate) {
    fill(w, QString::fromStdString(url), "");
    QTest::keyClick(&w, Qt::Key_D, Qt::AltModifier);
    QTRY_VERIFY(find<QRadioButton>(w, "durationMode")->isChecked());
    retype(edit(w, Field::duration), duration);
    retype(edit(w, Field::rate), rate);
}

// Answers the next modal dialog of type T once it is up (a nested event loop is running then):
// polls, so it works however long the dialog takes to appear.
template <class T>
void whenModal(std::function<void(T*)> answer) {
    auto* poll = new QTimer;
    QObject::connect(poll, &QTimer::timeout, poll, [poll, answer] {
        if (auto* dialog = qobject_cast<T*>(QApplication::activeModalWidget())) {
            poll->stop();
            poll->deleteLater();
            answer(dialog);
        }
    });
    poll->start(20);
}

// Fills the form, presses Submit and waits (bounded) for the run to end.
inline void submitAndWait(MainWindow& w, const std::string& url, const QString& count,
                          const QString& connections) {
    fill(w, QString::fromStdString(url), count, connections);
    QTest::mouseClick(find<QPushButton>(w, "submitButton"), Qt::LeftButton);
    QVERIFY(w.controller().isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 30000);
}

}  // namespace driver
