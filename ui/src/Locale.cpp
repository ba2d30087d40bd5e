#include "salvo/ui/Locale.hpp"

#include <QLocale>

namespace salvo::ui {

void installLocale() {
    QLocale locale;
    // QLocale::c() defaults to OmitGroupSeparator; the default options put it back.
    locale.setNumberOptions(QLocale::DefaultNumberOptions);
    QLocale::setDefault(locale);
}

}  // namespace salvo::ui
