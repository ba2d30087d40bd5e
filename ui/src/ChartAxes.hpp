#pragma once

class QCPAxis;

// Axis ranges and ticks shared by the dashboard's charts, so every time axis reads alike: whole
// seconds at whole-second ticks, and value axes at round steps from zero.
namespace salvo::ui::axes {

// Seconds between labelled ticks for a time axis spanning `seconds`: the first of 1, 2, 5, 10,
// 15, 30, 60, 120, 300, 600, 900, 1800, 3600, ... that leaves at most 10 intervals.
int timeTickInterval(double seconds);
// [0, seconds] (at least one second), ticks at whole multiples of timeTickInterval from 0.
// With `headroom` the end is rounded up to the next tick, so a growing run moves the axis once
// per tick interval instead of every second.
void fitTime(QCPAxis* axis, double seconds, bool headroom = false);

// A round step (1, 2, 2.5 or 5 times a power of ten) that splits [0, top] into at most `steps`.
double niceStep(double top, int steps = 5);
// [0, top rounded up to the step], ticks at the step from 0, labels with as many decimals as
// the step needs (none for `whole` counts). Returns the axis' top.
double fitValues(QCPAxis* axis, double top, bool whole = false);
// The same for [low, high] when zero need not be on the axis (a histogram of 50-60 ms).
void fitRange(QCPAxis* axis, double low, double high, bool whole = false);

}  // namespace salvo::ui::axes
