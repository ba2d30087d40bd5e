#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ReadOnlyTable.hpp"
#include "salvo/RunResult.hpp"

namespace salvo::ui {

// A run of several named requests broken down by request, one row each in the plan's order:
// sent, completed, failed, error rate, requests per second (completed over the measured time,
// as the JSON report's rps), latency p50/p90/p99/max in ms, and the status codes answered
// ("200×980, 404×3"). After the warm-up, like the run's own figures. Empty for a run of one
// request.
class RequestTable : public ReadOnlyTable {
    Q_OBJECT

  public:
    enum Column {
        nameColumn, sentColumn, completedColumn, failedColumn, errorRateColumn, rpsColumn,
        p50Column, p90Column, p99Column, maxColumn, statusColumn, kColumns
    };

    static constexpr int kRowsShown = 5;  // then it scrolls

    explicit RequestTable(QWidget* parent = nullptr);
    bool show(const RunResult& result);  // false when nothing changed (and nothing was touched)
    void reset();                        // empty, ready for a new run

    // A cell as the table shows it, for request `t` of a run measured over `seconds`. Public so
    // that tests compare against the same rule.
    static QString value(const Tally& t, double seconds, int column);
    static QString statuses(const std::map<int, std::uint64_t>& counts);  // "200×980, 404×3"

  protected:
    void resizeEvent(QResizeEvent* event) override;

  private:
    // What the rows were last filled from: counts only grow, so they tell whether anything
    // changed; the measured time moves the rates.
    struct Shown {
        std::vector<std::string> names;
        std::vector<std::uint64_t> counts;  // sent, completed, responses with a latency; per row
        double seconds = -1;
        bool operator==(const Shown&) const = default;
    };
    static Shown shownOf(const RunResult& result);
    void fitHeight();

    Shown shown_;
    int leastHeight_ = 0;  // the tables' usual least height (ReadOnlyTable's)
};

}  // namespace salvo::ui
