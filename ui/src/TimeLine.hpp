#pragma once

#include <QList>
#include <QPen>
#include <QPointF>
#include <QString>
#include <functional>
#include <vector>

class QLineSeries;
class QXYSeries;

namespace salvo::ui {

// One line of a time chart, held as consecutive QLineSeries of at most kChunk points, each
// starting on the previous one's last point so the line reads as one. Qt Charts re-lays a
// whole series (path, hit-test outline) on every append; in chunks a new second costs the same
// after an hour as after a minute. Chunks are only ever appended to, or replaced by a switch.
class TimeLine {
  public:
    static constexpr int kChunk = 240;
    // Past this many points a line is drawn 1 px wide: dense lines look no thinner, and the
    // raster engine draws 1 px lines on a fast path (a third less time painting an hour).
    static constexpr int kThinAbove = 600;
    using Make = std::function<QLineSeries*()>;  // a new series on the chart's axes

    TimeLine(const QString& name, Make make);

    void append(const QList<QPointF>& points);
    void replace(const QList<QPointF>& points);  // every point anew (a switch was flipped)
    void replaceLast(const QPointF& point);
    void clear();  // chunks stay, emptied

    int count() const;  // points, each joint counted once
    QPointF at(int index) const;
    bool holds(const QXYSeries* series) const;
    int indexOf(const QXYSeries* series, int indexInSeries) const;  // in the whole line

    QString name() const { return name_; }
    void setPen(const QPen& pen);
    void setVisible(bool visible);
    bool isVisible() const { return visible_; }
    const std::vector<QLineSeries*>& chunks() const { return chunks_; }

  private:
    void addChunk();
    void applyPen();
    QLineSeries* chunkToAppendTo();
    void showMarkersWhenFew();

    QString name_;
    Make make_;
    QPen pen_;  // as asked; applyPen() may draw it thinner
    bool thin_ = false;
    bool visible_ = true;
    std::vector<QLineSeries*> chunks_;  // owned by the chart; the first `used_` hold points
    std::size_t used_ = 0;
};

}  // namespace salvo::ui
