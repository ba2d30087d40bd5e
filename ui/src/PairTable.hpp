#pragma once

#include <string>
#include <vector>

#include "RowTable.hpp"

namespace salvo::ui {

// A two-column table of pairs, one a row, read and written as RunInput's strings: ramp stages
// ("DURATION:RATE") and request headers ("Name: value"). Keys and buttons: see RowTable.
class PairTable : public RowTable {
    Q_OBJECT

  public:
    // `joiner` goes between the two cells when read ("", ": "); reading splits at the first ':'.
    PairTable(const QString& first, const QString& second, const QString& joiner,
              QWidget* parent = nullptr);

    std::vector<std::string> rows() const;  // rows left wholly empty are skipped
    void setRows(const std::vector<std::string>& rows);

  protected:
    void appendBlankRow() override { appendRow({}, {}); }

  private:
    void appendRow(const QString& first, const QString& second);

    QString joiner_;
};

}  // namespace salvo::ui
