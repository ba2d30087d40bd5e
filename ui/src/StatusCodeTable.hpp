#pragma once

#include <cstdint>
#include <map>

#include "ReadOnlyTable.hpp"

namespace salvo::ui {

// Every status code answered after the warm-up, with its reason phrase, count and share of
// all responses, in code order.
class StatusCodeTable : public ReadOnlyTable {
    Q_OBJECT

  public:
    explicit StatusCodeTable(QWidget* parent = nullptr);
    void show(const std::map<int, std::uint64_t>& codes);  // untouched when nothing changed
    void reset();  // empty, ready for a new run

  private:
    std::map<int, std::uint64_t> shown_;
};

}  // namespace salvo::ui
