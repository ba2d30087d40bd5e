#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "TimeChart.hpp"
#include "salvo/RunResult.hpp"

namespace salvo::ui {

// p50, p90, p99 and max of each second, in ms. With a rate the latency counts from each
// request's due time (coordinated omission corrected); the service-time switch shows the time
// from the write instead. Both are kept per second, so switching redraws without the result.
class LatencyChart : public TimeChart {
    Q_OBJECT

  public:
    explicit LatencyChart(QWidget* parent = nullptr);
    void show(const RunResult& result);  // appends the seconds closed since the last call
    void clear();
    void setServiceTime(bool on);
    bool serviceTime() const { return service_; }

  private:
    using Figures = std::array<std::uint64_t, 4>;  // p50, p90, p99, max in ns
    struct Second {
        Figures latency;
        Figures service;
        bool answered;  // any response: a second of transport errors only has no latency
    };
    QString figuresText(std::size_t second) const;
    const Figures& figuresOf(std::size_t second) const;
    void appendFrom(std::size_t from, bool replace);
    void summarise();
    void recolour(const QPalette& palette) override;
    QString secondTip(int index) const override;

    std::array<QCPGraph*, 4> lines_;  // p50, p90, p99, max
    std::vector<Second> seconds_;
    bool service_ = false;
};

}  // namespace salvo::ui
