#pragma once
// The points of the sweep shown in the window, one row each as it finishes: the point's id, its
// parameter values, status (with the reason when unsolved), energy, time and energy-delay product.

#include "session/sweep_runner.h"

#include "report/sweep_table.h"
#include "run/run.h"

#include <QAbstractTableModel>

#include <map>
#include <memory>
#include <vector>

class SweepPointModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    /// The value the sort and the tests read: numbers as numbers.
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit SweepPointModel(QObject* parent = nullptr);

    /// Starts over with the sweep about to run (no rows until points finish).
    void reset(std::shared_ptr<const kapla::SweepSpec> spec, const std::vector<kapla::SweepPoint>& points);
    /// Adds a finished point, keeping the rows in point order.
    void addOutcome(const SweepOutcomePtr& outcome);

    /// The rows so far as the sweep table `kapla sweep` writes (points.csv, the figures).
    const kapla::SweepTable& table() const { return m_table; }
    const std::shared_ptr<const kapla::SweepSpec>& spec() const { return m_spec; }
    int totalPoints() const { return static_cast<int>(m_points.size()); }
    const kapla::SweepRow& rowAt(int row) const { return m_table.rows.at(static_cast<std::size_t>(row)); }
    /// The row of the point with this index, or -1.
    int rowOfPoint(int pointIndex) const;
    /// The column of the first parameter (parameters follow the id column).
    static constexpr int kFirstParameterColumn = 1;
    int statusColumn() const { return kFirstParameterColumn + static_cast<int>(m_table.parameters.size()); }
    int energyColumn() const { return statusColumn() + 1; }

    /// The run the point at `row` is, labelled by its parameter values; null, with the reason in `why`,
    /// for a point without a schedule.
    kapla::RunPtr runOf(int row, QString* why) const;
    /// "architecture.gbuf_bytes=16384, batch=4": the label of the point's run.
    QString pointLabel(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const kapla::SweepSpec> m_spec;
    std::map<int, kapla::SweepPoint> m_points; ///< by index
    kapla::SweepTable m_table;
    std::vector<SweepOutcomePtr> m_outcomes; ///< parallel to m_table.rows
};
