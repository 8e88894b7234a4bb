#pragma once
// A live drawing of the node mesh of an architecture: nodes, NoC links, and the nodes DRAM attaches to.

#include "model/architecture.h"

#include <QWidget>

#include <optional>

/// Draws the mesh scaled to fit, with a caption and a legend; shows a message instead when the
/// architecture cannot be resolved.
class MeshPreview : public QWidget
{
    Q_OBJECT

public:
    explicit MeshPreview(QWidget* parent = nullptr);

    void setArchitecture(const kapla::Architecture& arch);
    /// Shows why there is no mesh to draw.
    void setProblem(const QString& message);

    QSize sizeHint() const override { return {420, 420}; }
    QSize minimumSizeHint() const override { return {220, 220}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void paintMesh(QPainter& p, const QRectF& area) const;
    void paintLegend(QPainter& p, const QRectF& area) const;

    std::optional<kapla::Architecture> m_arch;
    QString m_problem;
};
