#include "PlanDocument.hpp"

#include <QCoreApplication>
#include <QFileInfo>

namespace salvo::ui {

void PlanDocument::reset(const RunInput& shown) {
    path_.clear();
    name_.clear();
    description_.clear();
    savedText_ = written(shown);
}

// Compared as the form holds it, not as the file had it: the form writes defaults of its own
// (arrival "uniform", a count or a duration but not both), which are no edit of the person's.
void PlanDocument::opened(const QString& path, const Plan& plan, const RunInput& shown) {
    path_ = path;
    name_ = plan.name;
    description_ = plan.description;
    savedText_ = written(shown);
}

Plan PlanDocument::toSave(const QString& path, const RunInput& input) const {
    Plan plan{name_, description_, input};
    if (plan.name.empty()) plan.name = QFileInfo(path).completeBaseName().toStdString();
    return plan;
}

void PlanDocument::saved(const QString& path, const Plan& plan) {
    path_ = path;
    name_ = plan.name;
    description_ = plan.description;
    savedText_ = written(plan.input);
}

QString PlanDocument::displayName() const {
    if (!name_.empty()) return QString::fromStdString(name_);
    if (hasFile()) return QFileInfo(path_).completeBaseName();
    return QCoreApplication::translate("PlanDocument", "Untitled");
}

bool PlanDocument::modified(const RunInput& now) const {
    return written(now) != savedText_;
}

// What the plan's file would hold (the folder for relative names is no part of it).
std::string PlanDocument::written(const RunInput& input) const {
    return writePlan(Plan{name_, description_, input});
}

}  // namespace salvo::ui
