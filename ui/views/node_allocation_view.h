#pragma once
// The node mesh of a segment drawn to scale: layer regions in their colours with names, partition
// sub-tiles, DRAM nodes; a segment selector; hover shows node, layer and share of work; click selects.

#include "report/chart_data.h"
#include "views/chart_style.h"

#include <QWidget>

class QComboBox;
class QLabel;
class SelectionContext;
class MeshWidget;

/// Node allocation linked to the selection (segment and layer).
class NodeAllocationView : public QWidget
{
    Q_OBJECT

public:
    explicit NodeAllocationView(SelectionContext* selection, QWidget* parent = nullptr);

    /// The segment shown (0-based, -1 without a result).
    int shownSegment() const;
    const kapla::SegmentAllocation& allocation() const { return m_alloc; }
    QComboBox* segmentSelector() const { return m_segments; }
    QWidget* mesh() const;
    /// Centre of a node's tile in mesh widget coordinates.
    QPoint nodeCenter(kapla::PhyDim2 node) const;
    /// The tooltip at a mesh widget position; empty outside the nodes.
    QString toolTipAt(const QPoint& pos) const;

private:
    void rebuild();
    void showSegment(int segment);
    void onSelection();

    SelectionContext* m_selection;
    QComboBox* m_segments = nullptr;
    QLabel* m_caption = nullptr;
    MeshWidget* m_mesh = nullptr;
    kapla::SegmentAllocation m_alloc;
};
