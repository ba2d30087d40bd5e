#pragma once

#include <QStringList>

namespace salvo::ui {

// The plans opened or saved lately, newest first, kept in the settings under "plans/recent":
// their paths only, never what they hold. Files that no longer exist are dropped when listed.
class RecentPlans {
  public:
    static constexpr qsizetype kMax = 8;

    static QStringList list();  // the existing ones; the missing are forgotten on the way
    static void add(const QString& path);
    static void remove(const QString& path);
    static void clear();
};

}  // namespace salvo::ui
