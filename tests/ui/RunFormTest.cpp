#include <QAbstractButton>
#include <QAccessible>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>

#include "Colors.hpp"
#include "salvo/ui/RunForm.hpp"

using salvo::Field;
using salvo::RunInput;
using salvo::ui::RunForm;

// The form's inputs (issue 9): the method as an editable list, a multi-line body, headers as a
// table, a tooltip and an accessible description on every input, errors tied to their field.
class RunFormTest : public QObject {
    Q_OBJECT

    template <class T>
    static T* find(RunForm& form, const char* name) {
        T* child = form.findChild<T*>(name);
        if (!child) qFatal("no widget named %s", name);
        return child;
    }

  private slots:
    void methodOffersTheCommonOnesAndTakesAnyToken() {
        RunForm form;
        auto* method = find<QComboBox>(form, "methodEdit");
        QVERIFY(method->isEditable());
        QStringList items;
        for (int i = 0; i < method->count(); ++i) items << method->itemText(i);
        QCOMPARE(items, (QStringList{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}));
        QCOMPARE(form.input().method, std::string("GET"));
        method->setCurrentIndex(1);
        QCOMPARE(form.input().method, std::string("POST"));
        method->lineEdit()->selectAll();
        QTest::keyClicks(method->lineEdit(), "PURGE");
        QCOMPARE(form.input().method, std::string("PURGE"));
        QCOMPARE(method->count(), 7);  // typing a method does not add it to the list
        RunInput in;
        in.method = "DELETE";
        form.setInput(in);
        QCOMPARE(method->currentText(), QString("DELETE"));
    }

    // The body keeps its lines as typed; Tab leaves the editor instead of inserting a tab.
    void bodyIsMultiLine() {
        RunForm form;
        auto* body = find<QPlainTextEdit>(form, "bodyEdit");
        QVERIFY(body->tabChangesFocus());
        body->setPlainText("{\n  \"a\": 1\n}");
        QCOMPARE(form.input().body, std::string("{\n  \"a\": 1\n}"));
        RunInput in;
        in.body = "line one\nline two";
        form.setInput(in);
        QCOMPARE(body->toPlainText(), QString("line one\nline two"));
    }

    // Each row is a header; a value may hold colons; empty rows are skipped; the keys and the
    // buttons add and remove rows, and the buttons follow the table when it is locked in a run.
    void headersAreATable() {
        RunForm form;
        auto* table = find<QTableWidget>(form, "headersEdit");
        QSignalSpy edited(&form, &RunForm::edited);
        QTest::mouseClick(find<QToolButton>(form, "headersAddButton"), Qt::LeftButton);
        QCOMPARE(table->rowCount(), 1);
        table->item(0, 0)->setText("Authorization");
        table->item(0, 1)->setText("Bearer a:b");
        QVERIFY(edited.count() >= 2);
        QTest::keyClick(table, Qt::Key_Escape);  // close the cell editor Add opened
        QTest::keyClick(table, Qt::Key_Insert);
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(form.input().headers, (std::vector<std::string>{"Authorization: Bearer a:b"}));
        RunInput in;
        in.headers = {"X-A: 1", "X-B:two: parts"};
        form.setInput(in);
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(table->item(1, 0)->text(), QString("X-B"));
        QCOMPARE(table->item(1, 1)->text(), QString("two: parts"));
        QCOMPARE(form.input().headers, (std::vector<std::string>{"X-A: 1", "X-B: two: parts"}));
        table->setCurrentCell(0, 0);
        QTest::keyClick(table, Qt::Key_Delete);
        QCOMPARE(form.input().headers, (std::vector<std::string>{"X-B: two: parts"}));
        form.setRunning(true, false);
        QVERIFY(!find<QToolButton>(form, "headersAddButton")->isEnabled());
        form.setRunning(false, false);
        QVERIFY(find<QToolButton>(form, "headersRemoveButton")->isEnabled());
    }

    // Every input says what it is for, to the eye (tooltip) and to a screen reader (name and
    // description); an error replaces nothing but leads the description of its own field.
    void everyInputHasATooltipANameAndADescription() {
        RunForm form;
        form.advancedBox()->setProperty("checked", true);
        int inputs = 0;
        for (QWidget* w : form.findChildren<QWidget*>()) {
            const bool input = qobject_cast<QLineEdit*>(w) || qobject_cast<QComboBox*>(w) ||
                               qobject_cast<QPlainTextEdit*>(w) || qobject_cast<QAbstractButton*>(w) ||
                               qobject_cast<QTableWidget*>(w);
            if (!input) continue;
            if (qobject_cast<QComboBox*>(w->parentWidget())) continue;  // the combo's own editor
            ++inputs;
            // What a screen reader gets: the name falls back to a button's text, the
            // description to the tooltip.
            QAccessibleInterface* a = QAccessible::queryAccessibleInterface(w);
            QVERIFY2(a && !a->text(QAccessible::Name).isEmpty(), qPrintable(w->objectName() + " (" + w->metaObject()->className() + ", in " + w->parentWidget()->objectName() + ") has no name"));
            QVERIFY2(!w->toolTip().isEmpty(), qPrintable(w->objectName() + " has no tooltip"));
            QVERIFY2(!a->text(QAccessible::Description).isEmpty(),
                     qPrintable(w->objectName() + " has no description"));
        }
        QVERIFY(inputs >= 35);  // the clear buttons of the line edits included
        auto* url = find<QLineEdit>(form, "urlEdit");
        QVERIFY(!url->accessibleDescription().isEmpty());
        auto* threads = find<QLineEdit>(form, "threadsEdit");
        form.showErrors({{Field::threads, "must be a whole number from 1 to 64"}}, false);
        QVERIFY(threads->accessibleDescription().startsWith("Error: must be a whole number"));
        QCOMPARE(find<QLabel>(form, "threadsError")->accessibleName(), QString("Threads: error"));
        form.showErrors({}, false);
        QVERIFY(!threads->accessibleDescription().startsWith("Error"));
    }

    // The advanced panel's two columns stack where they do not fit side by side (a narrow
    // window, 2x scaling), so the form never forces sideways scrolling.
    void advancedColumnsStackWhenNarrow() {
        RunForm form;
        form.advancedBox()->setProperty("checked", true);
        const QList<QGroupBox*> boxes{find<QGroupBox>(form, "requestBox"),
                                      find<QGroupBox>(form, "loadModelBox")};
        form.resize(1600, 900);
        form.setVisible(true);
        QTRY_COMPARE(boxes[0]->geometry().top(), boxes[1]->geometry().top());
        form.resize(form.minimumWidth(), 900);
        QTRY_VERIFY(boxes[1]->geometry().top() > boxes[0]->geometry().bottom());
        for (QGroupBox* box : boxes) QVERIFY(box->geometry().right() < form.width());
        QVERIFY(form.minimumWidth() < 2 * boxes[0]->minimumSizeHint().width());
    }

    // The error colour and the insecure box's warning colour follow a dark palette.
    void statusColoursFollowThePalette() {
        RunForm form;
        auto* error = find<QLabel>(form, "threadsError");
        const QString light = error->styleSheet();
        QPalette dark;
        dark.setColor(QPalette::Window, QColor("#202124"));
        dark.setColor(QPalette::WindowText, QColor("#e8eaed"));
        form.setPalette(dark);
        QVERIFY(error->styleSheet() != light);
        const QColor shown(error->styleSheet().section(' ', 1).remove(';'));
        QVERIFY(salvo::ui::colors::contrast(shown, QColor("#202124")) >= 4.5);
        QVERIFY(find<QCheckBox>(form, "insecureCheck")->styleSheet().contains(shown.name()));
    }
};

QTEST_MAIN(RunFormTest)
#include "RunFormTest.moc"
