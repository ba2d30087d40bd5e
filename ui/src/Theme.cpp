#include "Theme.hpp"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace salvo::ui {
namespace {

Theme current = Theme::system;
QString platformStyle;  // the style the platform chose, kept for the way back to System

// One palette per scheme, every group alike except the disabled text, which is dimmed.
QPalette palette(const char* window, const char* base, const char* alternate, const char* text,
                 const char* button, const char* highlight, const char* link, const char* dim) {
    QPalette p;
    p.setColor(QPalette::Window, QColor(window));
    p.setColor(QPalette::WindowText, QColor(text));
    p.setColor(QPalette::Base, QColor(base));
    p.setColor(QPalette::AlternateBase, QColor(alternate));
    p.setColor(QPalette::ToolTipBase, QColor(base));
    p.setColor(QPalette::ToolTipText, QColor(text));
    p.setColor(QPalette::PlaceholderText, QColor(dim));
    p.setColor(QPalette::Text, QColor(text));
    p.setColor(QPalette::Button, QColor(button));
    p.setColor(QPalette::ButtonText, QColor(text));
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Highlight, QColor(highlight));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(link));
    p.setColor(QPalette::LinkVisited, QColor(link));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(dim));
    // Fusion draws frames and bevels from these: derived, so they match the window.
    const QColor base3(button);
    p.setColor(QPalette::Light, base3.lighter(150));
    p.setColor(QPalette::Midlight, base3.lighter(125));
    p.setColor(QPalette::Mid, base3.darker(130));
    p.setColor(QPalette::Dark, base3.darker(200));
    p.setColor(QPalette::Shadow, Qt::black);
    return p;
}

QPalette lightPalette() {
    return palette("#efefef", "#ffffff", "#f5f5f5", "#1a1a1a", "#e6e6e6", "#2a6fdb", "#0b57c2",
                   "#6e6e6e");
}

// Fields a shade lighter than the window: Fusion draws their edges (and the radio buttons'
// rings) in the window's colour darkened, which would vanish on a darker field.
QPalette darkPalette() {
    return palette("#2d2d2d", "#383838", "#404040", "#e8e8e8", "#3c3c3c", "#3d7fe0", "#8ab4ff",
                   "#a0a0a0");
}

}  // namespace

QString themeKey(Theme theme) {
    switch (theme) {
        case Theme::light:
            return QStringLiteral("light");
        case Theme::dark:
            return QStringLiteral("dark");
        case Theme::system:
            break;
    }
    return QStringLiteral("system");
}

Theme themeFromKey(const QString& key) {
    if (key == "light") return Theme::light;
    if (key == "dark") return Theme::dark;
    return Theme::system;
}

void applyTheme(Theme theme) {
    if (theme == current) return;
    if (current == Theme::system) platformStyle = QApplication::style()->name();
    current = theme;
    if (theme == Theme::system) {
        QApplication::setStyle(platformStyle);
        // An empty palette resolves against the platform's (or the style's standard) palette.
        QApplication::setPalette(QPalette());
        return;
    }
    if (QApplication::style()->name().compare("fusion", Qt::CaseInsensitive) != 0)
        QApplication::setStyle(QStyleFactory::create("Fusion"));
    QApplication::setPalette(theme == Theme::dark ? darkPalette() : lightPalette());
}

Theme currentTheme() {
    return current;
}

}  // namespace salvo::ui
