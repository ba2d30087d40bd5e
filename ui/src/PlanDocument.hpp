#pragma once

#include <QString>
#include <string>

#include "salvo/Plan.hpp"

namespace salvo::ui {

// The plan the window's form holds: the file it came from or went to, the name and description
// it carries (the form does not show them), and the plan as written when it was last opened or
// saved, which tells whether the form has changed since. Untitled until it has a file.
class PlanDocument {
  public:
    // A plan without a file; `shown` is what the form holds now.
    void reset(const RunInput& shown);
    void opened(const QString& path, const Plan& plan, const RunInput& shown);
    // The plan to write to `path` from the form's input: a plan without a name takes the file's
    // base name. Once written, saved() makes it the document.
    Plan toSave(const QString& path, const RunInput& input) const;
    void saved(const QString& path, const Plan& plan);

    bool hasFile() const { return !path_.isEmpty(); }
    const QString& path() const { return path_; }
    // The plan's name, else its file's base name, else "Untitled".
    QString displayName() const;
    // Whether `now` would write a different plan than the one last opened or saved.
    bool modified(const RunInput& now) const;

  private:
    std::string written(const RunInput& input) const;

    QString path_;
    std::string name_;
    std::string description_;
    std::string savedText_;
};

}  // namespace salvo::ui
