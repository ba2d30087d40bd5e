#pragma once

#include <string>
#include <vector>

namespace salvo::html {

// One point of a series, in data units. A y that is not finite breaks the line: a gap, not a
// fall to zero (a second without responses has no latency).
struct ChartPoint {
    double x = 0;
    double y = 0;
};

struct ChartSeries {
    std::string name;                // legend and hover text
    int colour = 0;                  // palette slot: CSS class "s<colour>" (the page's style sheet)
    std::vector<ChartPoint> points;  // in increasing x
    bool dashed = false;             // a plan (the target rate) rather than a measurement
};

// How the x axis reads: seconds of the run (a second's point at its middle: second 0 at 0.5), or "nines" (x = -log10(1 - p), labelled 90%, 99%,
// 99.9%...), HdrHistogram's percentile-distribution plot, where the tail gets the room.
enum class ChartAxis { seconds, nines };

struct Chart {
    std::string id;         // unique in the page (aria-labelledby)
    std::string title;      // the heading and the SVG's <title>
    std::string summary;    // one sentence for screen readers: what the chart shows
    ChartAxis xAxis = ChartAxis::seconds;
    std::string xLabel;     // "time (s)"
    std::string yLabel;     // "latency (ms)"
    std::string yUnit;      // for hover texts: "ms", "req/s"
    std::string emptyText;  // shown inside the plot when no series has a point
    std::vector<ChartSeries> series;
};

// A <figure>: an inline <svg> (role="img", a <title>, axes with ticks) and its legend, drawn
// without scripts.
// Long series are thinned to the highest value per pixel column, so a day-long run stays a
// page of reasonable size and its peaks stay visible.
std::string svgChart(const Chart& chart);

// "90%", "99.9%" for x = 1, 3 on the nines axis; "0%" at 0.
std::string ninesLabel(int nines);

}  // namespace salvo::html
