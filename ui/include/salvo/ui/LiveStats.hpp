#pragma once

#include <QWidget>

#include "salvo/RunResult.hpp"

class QLabel;

namespace salvo::ui {

// The live figures of a run: done/total, succeeded, failed, requests/s, p50, p99, elapsed.
class LiveStats : public QWidget {
    Q_OBJECT

public:
    explicit LiveStats(QWidget* parent = nullptr);
    void show(const RunResult& result);
    void clear();

private:
    QLabel* addFigure(int row, int column, const QString& name, const char* objectName);

    QLabel* done_;
    QLabel* succeeded_;
    QLabel* failed_;
    QLabel* rate_;
    QLabel* p50_;
    QLabel* p99_;
    QLabel* elapsed_;
};

}  // namespace salvo::ui
