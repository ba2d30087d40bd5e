#pragma once

#include <QString>

#include "salvo/RunSpec.hpp"

namespace salvo::ui {

// What each input of the run form is for, in a sentence: its tooltip, and the accessible
// description a screen reader reads with the field (unless an error message takes its place).
QString fieldHelp(Field field);

}  // namespace salvo::ui
