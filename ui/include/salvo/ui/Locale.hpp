#pragma once

namespace salvo::ui {

// Numbers carry thousands separators in every locale: the C locale (LANG unset, many
// containers and CI machines) omits them by default, which makes 1000000 hard to read.
// Call once at start-up, before any window is built (app/gui/main.cpp; the tests too).
void installLocale();

}  // namespace salvo::ui
