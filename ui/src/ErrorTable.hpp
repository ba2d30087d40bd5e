#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ReadOnlyTable.hpp"
#include "salvo/RunResult.hpp"

namespace salvo::ui {

// Failures grouped by kind and message, warm-up included, with their exact counts and the
// seconds of the run they were first and last seen, the most frequent first. Two kinds are
// connection events rather than failed requests: "unsolicited" (the server sent bytes nobody
// asked for) and "connect_failure" (a connect opened ahead of the schedule failed).
class ErrorTable : public ReadOnlyTable {
    Q_OBJECT

  public:
    explicit ErrorTable(QWidget* parent = nullptr);
    bool show(const RunResult& result);  // false when nothing changed (and nothing was touched)
    void reset();                        // empty, ready for a new run
    bool hasConnectionEvents() const;    // a row of one of the two connection-event kinds

    static bool isConnectionEvent(const std::string& kind);

  private:
    struct Row {
        std::string kind, message;
        std::uint64_t count = 0;
        std::int64_t first = -1, last = -1;  // seconds of the run; -1 when not known
        bool operator==(const Row&) const = default;
    };
    using MessageCounts = std::map<std::pair<std::string, std::string>, std::uint64_t>;
    static std::vector<Row> rowsOf(const RunResult& r);
    static QString messageText(const Row& error);
    void showRow(int row, const Row& error);

    std::vector<Row> shown_;
};

}  // namespace salvo::ui
