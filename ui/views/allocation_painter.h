#pragma once
// Drawing the node mesh of one segment (layer regions, partition sub-tiles, DRAM nodes) with QPainter;
// shared by NodeAllocationView and the exported allocation figure.

#include "report/chart_data.h"
#include "views/chart_style.h"

#include <QRectF>
#include <QString>

#include <optional>

class QPainter;

/// Where the mesh's nodes land inside a rectangle (square cells, centred).
struct MeshGeometry {
    QRectF mesh;     ///< the area the nodes cover
    double cell = 0; ///< node pitch, pixels
    kapla::PhyDim2 dim;

    /// The whole cell of a node.
    QRectF cellRect(kapla::PhyDim2 node) const;
    /// The tile of a node (its cell minus the gap), as drawn for idle nodes.
    QRectF tile(kapla::PhyDim2 node) const;
    /// The node under a point, if any.
    std::optional<kapla::PhyDim2> nodeAt(const QPointF& pos) const;
};

/// The geometry of a mesh of `dim` nodes drawn inside `rect`.
MeshGeometry meshGeometry(const QRectF& rect, kapla::PhyDim2 dim);

/// What to draw besides the mesh.
struct AllocationPaintOptions {
    ChartStyle style;
    int selectedLayer = -1; ///< highlighted layer (index in the evaluation); shown in its temporal group
    bool nodeLabels = true; ///< partition index inside each node when it fits
    std::optional<kapla::PhyDim2> focusNode; ///< the selected layer's node in focus, ringed
};

/// The layer drawn for a group: the selected one if it belongs to the group, else the first.
const kapla::LayerAllocation* displayedLayer(const kapla::GroupAllocation& group, int selectedLayer);

/// Paints the allocation into `rect` (mesh only; captions are the caller's).
void paintAllocation(QPainter& painter, const QRectF& rect, const kapla::SegmentAllocation& alloc,
                     const AllocationPaintOptions& options);

/// Tooltip text for a node: coordinates, layer(s), partition index and share of the work.
QString allocationToolTip(const kapla::SegmentAllocation& alloc, kapla::PhyDim2 node, int selectedLayer);

/// The layer a click on `node` selects: the next one of its temporal group after `selectedLayer`
/// (cycling), or the group's first; -1 for an idle node.
int allocationLayerAt(const kapla::SegmentAllocation& alloc, kapla::PhyDim2 node, int selectedLayer);
