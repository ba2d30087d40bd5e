#include "Colors.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <QWidget>

namespace salvo::ui::colors {
namespace {

double channel(double c) {
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}
double luminance(const QColor& c) {
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}
// The first of `light`/`dark` suited to the palette, moved toward the text colour until it
// reads at 4.5:1 against the window (a custom palette may be neither light nor dark).
QColor legible(const QPalette& p, const char* light, const char* dark) {
    const QColor back = p.color(QPalette::Window);
    const QColor start(isDark(p) ? dark : light);
    const QColor text = p.color(QPalette::WindowText);
    for (double t = 0; t <= 1.0; t += 0.1) {
        const QColor c = mix(start, text, t);
        if (contrast(c, back) >= 4.5) return c;
    }
    return text;
}

}  // namespace

bool isDark(const QPalette& palette) {
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

double contrast(const QColor& a, const QColor& b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor good(const QPalette& p) { return legible(p, "#1b7f3a", "#6fd08c"); }
QColor bad(const QPalette& p) { return legible(p, "#b00020", "#ff8a80"); }
QColor warning(const QPalette& p) { return legible(p, "#8a5a00", "#ffc266"); }

QColor caption(const QPalette& p) {
    const QColor text = p.color(QPalette::WindowText);
    const QColor back = p.color(QPalette::Window);
    // As dim as allowed: halfway to the background, or less when that would read below 4.5:1.
    for (double t = 0.5; t > 0; t -= 0.05) {
        const QColor c = mix(text, back, t);
        if (contrast(c, back) >= 4.5) return c;
    }
    return text;
}

QColor series(const QPalette& p, int n) {
    // Okabe–Ito-like hues, lighter on dark backgrounds.
    static const std::array<const char*, 6> light = {"#0b62a4", "#c0392b", "#1b7f3a", "#8e44ad", "#a15c00", "#555555"};
    static const std::array<const char*, 6> dark = {"#6cb4ff", "#ff7b6b", "#6fd08c", "#d3a4f2", "#ffc266", "#c8c8c8"};
    const auto i = static_cast<std::size_t>(n) % light.size();
    return QColor(isDark(p) ? dark[i] : light[i]);
}

QColor mix(const QColor& a, const QColor& b, double t) {
    return QColor::fromRgbF(static_cast<float>(a.redF() + (b.redF() - a.redF()) * t),
                            static_cast<float>(a.greenF() + (b.greenF() - a.greenF()) * t),
                            static_cast<float>(a.blueF() + (b.blueF() - a.blueF()) * t));
}

void setTextColor(QWidget* widget, const QColor& color) {
    QPalette p = widget->palette();
    p.setColor(QPalette::WindowText, color);
    widget->setPalette(p);
}

QString css(const QColor& color) {
    return QStringLiteral("color: %1;").arg(color.name());
}

}  // namespace salvo::ui::colors
