#include "TimeLine.hpp"

#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <algorithm>
#include <cmath>

#include "DashboardChart.hpp"

namespace salvo::ui {

TimeLine::TimeLine(const QString& name, Make make) : name_(name), make_(std::move(make)) {
    addChunk();
}

void TimeLine::addChunk() {
    QLineSeries* chunk = make_();
    chunk->setName(name_);
    chunk->setPen(chunks_.empty() ? pen_ : chunks_.front()->pen());
    chunk->setVisible(visible_);
    if (!chunks_.empty())  // one legend entry per line: the first chunk's
        for (QLegendMarker* m : chunk->chart()->legend()->markers(chunk)) m->setVisible(false);
    chunks_.push_back(chunk);
}

// A full chunk hands its last point on as the next one's first.
QLineSeries* TimeLine::chunkToAppendTo() {
    if (used_ == 0) return chunks_[used_++];
    QLineSeries* last = chunks_[used_ - 1];
    if (last->count() < kChunk) return last;
    if (used_ == chunks_.size()) addChunk();
    QLineSeries* next = chunks_[used_++];
    next->append(last->at(last->count() - 1));
    return next;
}

void TimeLine::append(const QList<QPointF>& points) {
    for (qsizetype i = 0; i < points.size();) {
        QLineSeries* chunk = chunkToAppendTo();
        const QList<QPointF> part = points.mid(i, kChunk - chunk->count());
        // Qt Charts re-lays the series once per appended point: many at once are one replace().
        if (part.size() > 8)
            chunk->replace(chunk->points() + part);
        else
            for (const QPointF& p : part) chunk->append(p);
        i += part.size();
    }
    showMarkersWhenFew();
}

void TimeLine::replace(const QList<QPointF>& points) {
    clear();
    // Chunk c holds points c * (kChunk - 1) on; its first is the previous chunk's last.
    for (qsizetype from = 0; from < points.size(); from += kChunk - 1) {
        if (used_ == chunks_.size()) addChunk();
        chunks_[used_++]->replace(points.mid(from, kChunk));
        if (from + kChunk >= points.size()) break;
    }
    showMarkersWhenFew();
}

void TimeLine::replaceLast(const QPointF& point) {
    if (used_ == 0) return;
    QLineSeries* last = chunks_[used_ - 1];
    last->replace(last->count() - 1, point);
}

void TimeLine::clear() {
    for (QLineSeries* chunk : chunks_) chunk->clear();
    used_ = 0;
    showMarkersWhenFew();
}

int TimeLine::count() const {
    int n = 0;
    for (std::size_t c = 0; c < used_; ++c) n += chunks_[c]->count();
    return used_ ? n - static_cast<int>(used_ - 1) : 0;
}

QPointF TimeLine::at(int index) const {
    const auto c = std::min<std::size_t>(static_cast<std::size_t>(index / (kChunk - 1)), used_ - 1);
    return chunks_[c]->at(index - static_cast<int>(c) * (kChunk - 1));
}

bool TimeLine::holds(const QXYSeries* series) const {
    return std::find(chunks_.begin(), chunks_.end(), series) != chunks_.end();
}

int TimeLine::indexOf(const QXYSeries* series, int indexInSeries) const {
    const auto c = std::find(chunks_.begin(), chunks_.end(), series) - chunks_.begin();
    return static_cast<int>(c) * (kChunk - 1) + indexInSeries;
}

void TimeLine::setPen(const QPen& pen) {
    pen_ = pen;
    applyPen();
}

void TimeLine::applyPen() {
    thin_ = count() > kThinAbove;
    QPen pen = pen_;
    if (thin_) pen.setWidthF(std::min(pen.widthF(), 1.0));
    for (QLineSeries* chunk : chunks_) chunk->setPen(pen);
}

void TimeLine::setVisible(bool visible) {
    if (visible == visible_) return;
    visible_ = visible;
    for (QLineSeries* chunk : chunks_) chunk->setVisible(visible);
    // Qt shows a series' legend marker with the series; the later chunks keep theirs hidden.
    for (std::size_t c = 1; c < chunks_.size(); ++c)
        for (QLegendMarker* m : chunks_[c]->chart()->legend()->markers(chunks_[c]))
            m->setVisible(false);
}

// Markers show the points of a short run; only the first chunk can be that short.
void TimeLine::showMarkersWhenFew() {
    const int n = count();
    const bool few = n <= DashboardChart::kMarkersUpTo;
    if (chunks_.front()->pointsVisible() != few) chunks_.front()->setPointsVisible(few);
    if ((n > kThinAbove) != thin_) applyPen();
}

}  // namespace salvo::ui
