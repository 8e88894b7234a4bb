#include "session/directive_tree_model.h"

#include "session/qt_text.h"
#include "session/selection_context.h"

#include "cost/segment_timing.h"
#include "report/chart_data.h"
#include "report/loop_nest.h"
#include "report/vocabulary.h"

#include <QStringList>

namespace {

using kapla::LayerEvaluation;

QString symbol(kapla::Term term) { return toQString(std::string(kapla::termInfo(term).symbol)); }

QString loopsText(const kapla::PerLoop<int>& t)
{
    return QStringLiteral("%1 %2 · %3 %4 · %5 %6")
        .arg(symbol(kapla::Term::InputChannels))
        .arg(t[0])
        .arg(symbol(kapla::Term::OutputChannels))
        .arg(t[1])
        .arg(symbol(kapla::Term::Batch))
        .arg(t[2]);
}

// Loops outer→inner by their order positions (0 = innermost).
QString orderText(const kapla::PerLoop<int>& ord)
{
    QStringList names;
    for (int pos = 2; pos >= 0; --pos)
        for (std::size_t l = 0; l < 3; ++l)
            if (ord[l] == pos)
                names << symbol(kapla::loopTerm(static_cast<kapla::LoopDim>(l)));
    return names.join(QStringLiteral(" ▸ "));
}

double accessEnergy(const LayerEvaluation& l, const kapla::Architecture& arch, std::size_t level)
{
    double words = 0;
    for (std::size_t d = 0; d < 3; ++d)
        words += l.access[level][d];
    return words * arch.energy.access[level];
}

double hopsEnergy(const kapla::PerCategory<double>& hops, const kapla::Architecture& arch)
{
    return (hops[0] + hops[1] + hops[2]) * arch.energy.nocHop;
}

// Where each tensor comes from or goes, from the same facts as the loop nest's explanation.
QString layoutText(const LayerEvaluation& l, const kapla::Layer* layer)
{
    QStringList parts;
    if (layer) {
        const auto facts = kapla::tensorFacts(*layer, l);
        for (std::size_t d = 0; d < 3; ++d) {
            const auto& f = facts[d];
            if (!f.present)
                continue;
            const QString name = toQString(std::string(kapla::termInfo(kapla::categoryTerm(d)).name));
            const bool out = d == 2;
            switch (f.place) {
            case kapla::DataPlace::Dram:
                parts << name + (out ? QStringLiteral(" to DRAM") : QStringLiteral(" from DRAM"));
                break;
            case kapla::DataPlace::OnChip:
                parts << name + (out ? QStringLiteral(" stay on chip") : QStringLiteral(" from other nodes on chip"));
                break;
            case kapla::DataPlace::DramAndOnChip:
                parts << name
                             + (out ? QStringLiteral(" on chip and to DRAM")
                                    : QStringLiteral(" from other nodes and DRAM"));
                break;
            case kapla::DataPlace::Nowhere: parts << name + QStringLiteral(" kept on chip"); break;
            }
            if (!f.inGbuf)
                parts << name + QStringLiteral(" bypass GBUF");
        }
    }
    parts << QStringLiteral("nodes %1 at (%2, %3)")
                 .arg(toQString(l.region.dim.toString()))
                 .arg(l.region.origin.h)
                 .arg(l.region.origin.w);
    return parts.join(QStringLiteral("; "));
}

QString tip(kapla::Term term) { return toQString(kapla::termToolTip(term)); }

} // namespace

DirectiveTreeModel::DirectiveTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
{
}

int DirectiveTreeModel::addNode(int parent, Node node)
{
    const int id = static_cast<int>(m_nodes.size());
    node.parent = parent;
    auto& siblings = parent < 0 ? m_top : m_nodes[static_cast<std::size_t>(parent)].children;
    node.row = static_cast<int>(siblings.size());
    siblings.push_back(id);
    m_byPath.insert(node.path, id);
    m_nodes.push_back(std::move(node));
    return id;
}

void DirectiveTreeModel::setResult(kapla::RunPtr result)
{
    beginResetModel();
    m_result = std::move(result);
    m_nodes.clear();
    m_top.clear();
    m_byPath.clear();
    m_shares.clear();
    if (m_result) {
        const auto& e = *m_result->evaluation;
        m_shares = kapla::layerEnergyShares(e);
        Node root;
        root.name = QStringLiteral("Network %1").arg(toQString(e.network));
        root.value = QStringLiteral("batch %1 · %2 layers · %3 segments · %4 · %5")
                         .arg(e.batch)
                         .arg(e.layers.size())
                         .arg(e.segments.size())
                         .arg(toQString(kapla::formatEnergy(e.totalCost, m_result->architecture().energyUnit)))
                         .arg(toQString(kapla::formatCycles(e.totalTime)));
        root.path = QStringLiteral("network");
        root.energy = e.totalCost;
        root.energyNote = QStringLiteral("network energy");
        const int rootId = addNode(-1, root);
        for (int s = 0; s < static_cast<int>(e.segments.size()); ++s)
            buildSegment(rootId, s);
    }
    endResetModel();
}

void DirectiveTreeModel::buildSegment(int root, int segment)
{
    const auto& e = *m_result->evaluation;
    const auto& seg = e.segments[static_cast<std::size_t>(segment)];
    QStringList groups, nodes;
    for (std::size_t g = 0; g < seg.groups.size(); ++g) {
        QStringList names;
        for (const auto& n : seg.groups[g])
            names << toQString(n);
        groups << names.join(QStringLiteral(" → "));
        nodes << QString::number(g < seg.regions.size() ? seg.regions[g].dim.size() : 0);
    }
    double energy = 0;
    for (std::size_t i = 0; i < e.layers.size(); ++i)
        if (e.layers[i].segment == segment)
            energy += m_shares[i].total();
    Node n;
    n.name = QStringLiteral("Segment %1").arg(segment + 1);
    n.value = QStringLiteral("%1 · %2 %3 · %4")
                  .arg(groups.join(QStringLiteral(" | ")), nodes.join(QStringLiteral(" + ")),
                       nodes.size() == 1 && nodes.front() == QLatin1String("1") ? QStringLiteral("node")
                                                                                : QStringLiteral("nodes"),
                       toQString(kapla::formatCycles(seg.time)));
    n.path = SelectionContext::pathOf(segment);
    n.energy = energy;
    n.energyNote = QStringLiteral("energy of the segment's layers");
    n.nameToolTip = tip(kapla::Term::Segment);
    const int id = addNode(root, n);
    for (const auto& group : seg.groups)
        for (const auto& name : group) {
            const int idx = kapla::layerIndex(e, name);
            if (idx >= 0)
                buildLayer(id, idx);
        }
}

void DirectiveTreeModel::buildLayer(int parent, int layer)
{
    const auto& r = *m_result;
    const auto& l = r.evaluation->layers[static_cast<std::size_t>(layer)];
    const auto& arch = r.architecture();
    const QString name = toQString(l.name);
    const auto key = [&](const char* k) { return SelectionContext::pathOf(l.segment, name, QLatin1String(k)); };
    const auto add = [&](int under, QString title, QString value, const char* k, double energy, QString note,
                         QString meaning) {
        return addNode(under, {std::move(title),
                               std::move(value),
                               key(k),
                               std::move(note),
                               energy,
                               -1,
                               0,
                               {},
                               std::move(meaning)});
    };

    QString shape;
    const kapla::LayerId id = r.project().network.find(l.name);
    if (id.valid()) {
        const auto& nl = r.project().network.at(id).layer;
        shape = QStringLiteral("%1 %2→%3 · ")
                    .arg(toQString(std::string(kapla::layerTypeLabel(nl.type()))))
                    .arg(nl.nifm)
                    .arg(nl.nofm());
    }
    Node n{name,
           shape
               + QStringLiteral("%1 %2 · %3")
                     .arg(l.region.dim.size())
                     .arg(l.region.dim.size() == 1 ? QStringLiteral("node") : QStringLiteral("nodes"),
                          toQString(kapla::formatCycles(l.time))),
           SelectionContext::pathOf(l.segment, name),
           QStringLiteral("energy of the layer"),
           m_shares[static_cast<std::size_t>(layer)].total(),
           -1,
           0,
           {},
           {}};
    const int lid = addNode(parent, n);

    QStringList order;
    for (const auto p : l.partition.order)
        order << symbol(kapla::partitionTerm(p));
    const int part = add(lid, QStringLiteral("Partition"),
                         toQString(kapla::partitionText(l.partition))
                             + QStringLiteral(" (order %1)").arg(order.join(QStringLiteral(", "))),
                         "partition", hopsEnergy(l.memNhops, arch),
                         QStringLiteral("NoC energy between memory and the nodes"), tip(kapla::Term::Partition));
    for (const auto p : l.partition.order) {
        const auto d = l.partition.pdim(p);
        const kapla::Term term = kapla::partitionTerm(p);
        if (d.size() > 1)
            add(part, toQString(kapla::termLabel(term)),
                QStringLiteral("%1: split %2 ways").arg(toQString(d.toString())).arg(d.size()),
                (std::string("partition.") + std::string(kapla::parallelKeyword(p))).c_str(), -1, {}, tip(term));
    }
    const double remote = (l.remoteGbufAccess[0] + l.remoteGbufAccess[1] + l.remoteGbufAccess[2])
                        * arch.energy.access[1];
    add(lid, QStringLiteral("Data layout"), layoutText(l, id.valid() ? &r.project().network.at(id).layer : nullptr),
        "layout", remote, QStringLiteral("energy of on-chip (remote GBUF) transfers"),
        QStringLiteral("Where each tensor comes from and goes: DRAM or other nodes' global buffers"));
    const kapla::Term mapping = r.project().options.mapping == kapla::MappingKind::Systolic
                                  ? kapla::Term::Systolic
                                  : kapla::Term::RowStationary;
    add(lid, QStringLiteral("Array mapping"),
        QStringLiteral("%1, %2 input × %3 output channels per pass")
            .arg(toQString(std::string(kapla::termInfo(mapping).name)))
            .arg(l.replIfms)
            .arg(l.replOfms),
        "mapping", accessEnergy(l, arch, 2) + accessEnergy(l, arch, 3), QStringLiteral("ITCN + REGF energy"),
        tip(mapping));
    const auto& b = l.blocking;
    const QString blocking = tip(kapla::Term::LoopBlocking) + QStringLiteral("\n") + tip(kapla::Term::LoopOrder);
    add(lid, QStringLiteral("%1 blocking").arg(symbol(kapla::Term::Gbuf)),
        QStringLiteral("%1; order %2").arg(loopsText(b.tvals[0]), orderText(b.orders[0])), "gbuf",
        accessEnergy(l, arch, 0), QStringLiteral("DRAM energy (refetches decided by the DRAM-level loops)"),
        blocking + QStringLiteral("\n") + tip(kapla::Term::Gbuf));
    add(lid, QStringLiteral("%1 blocking").arg(symbol(kapla::Term::Regf)),
        QStringLiteral("%1; order %2; inside %3 %4")
            .arg(loopsText(b.tvals[1]), orderText(b.orders[1]), symbol(kapla::Term::Regf), loopsText(b.tvals[2])),
        "regf", accessEnergy(l, arch, 1), QStringLiteral("GBUF energy (refetches decided by the GBUF-level loops)"),
        blocking + QStringLiteral("\n") + tip(kapla::Term::Regf));
    add(lid, QStringLiteral("Buffer sharing"),
        r.project().options.gbufSharing ? QStringLiteral("on: nodes holding the same data pool their GBUFs")
                                        : QStringLiteral("off"),
        "sharing", hopsEnergy(l.nodeNhops, arch), QStringLiteral("NoC energy between nodes (sharing traffic)"),
        tip(kapla::Term::BufferSharing));
    const auto& seg = r.evaluation->segments[static_cast<std::size_t>(l.segment)];
    std::size_t layersInSegment = 0;
    for (const auto& g : seg.groups)
        layersInSegment += g.size();
    const auto g = kapla::topLoopGroups(b.tvals[0], b.orders[0]);
    add(lid, QStringLiteral("Constraint"),
        layersInSegment > 1 ? QStringLiteral("batch groups %1 · input-channel groups %2 · output-channel groups %3")
                                  .arg(g.bat)
                                  .arg(g.ifm)
                                  .arg(g.ofm)
                            : QStringLiteral("none (the segment has one layer)"),
        "constraint", -1, {}, tip(kapla::Term::BatchGroups));
}

const DirectiveTreeModel::Node* DirectiveTreeModel::nodeOf(const QModelIndex& index) const
{
    if (!index.isValid() || index.internalId() >= m_nodes.size())
        return nullptr;
    return &m_nodes[index.internalId()];
}

QModelIndex DirectiveTreeModel::indexOfPath(const QString& path) const
{
    const auto it = m_byPath.constFind(path);
    if (it == m_byPath.constEnd())
        return {};
    return createIndex(m_nodes[static_cast<std::size_t>(*it)].row, 0, static_cast<quintptr>(*it));
}

QModelIndex DirectiveTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column < 0 || column >= columnCount() || (parent.isValid() && parent.column() != 0))
        return {};
    const auto& siblings = parent.isValid() ? nodeOf(parent)->children : m_top;
    if (row >= static_cast<int>(siblings.size()))
        return {};
    return createIndex(row, column, static_cast<quintptr>(siblings[static_cast<std::size_t>(row)]));
}

QModelIndex DirectiveTreeModel::parent(const QModelIndex& child) const
{
    const Node* n = nodeOf(child);
    if (!n || n->parent < 0)
        return {};
    return createIndex(m_nodes[static_cast<std::size_t>(n->parent)].row, 0, static_cast<quintptr>(n->parent));
}

int DirectiveTreeModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return static_cast<int>(m_top.size());
    if (parent.column() != 0)
        return 0;
    const Node* n = nodeOf(parent);
    return n ? static_cast<int>(n->children.size()) : 0;
}

int DirectiveTreeModel::columnCount(const QModelIndex&) const { return static_cast<int>(Column::Count); }

QVariant DirectiveTreeModel::data(const QModelIndex& index, int role) const
{
    const Node* n = nodeOf(index);
    if (!n)
        return {};
    const auto column = static_cast<Column>(index.column());
    const double total = m_result ? m_result->evaluation->totalCost : 0;
    const double share = n->energy >= 0 && total > 0 ? n->energy / total : -1;
    switch (role) {
    case Qt::DisplayRole:
        if (column == Column::Directive)
            return n->name;
        if (column == Column::Value)
            return n->value;
        return share >= 0 ? QStringLiteral("%1%").arg(100.0 * share, 0, 'f', share < 0.001 && share > 0 ? 3 : 1)
                          : QString();
    case Qt::ToolTipRole:
        if (column == Column::Energy && share >= 0)
            return QStringLiteral("%1: %2 (%3% of the network)")
                .arg(n->energyNote, toQString(kapla::formatEnergy(n->energy, m_result->architecture().energyUnit,
                                                                  kapla::NumberDetail::Full)))
                .arg(100.0 * share, 0, 'f', 2);
        if (column == Column::Directive && !n->nameToolTip.isEmpty())
            return n->nameToolTip;
        return column == Column::Value ? n->value : QVariant();
    case Qt::TextAlignmentRole:
        return column == Column::Energy ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case SortRole:
        if (column == Column::Directive)
            return static_cast<qulonglong>(index.internalId());
        if (column == Column::Value)
            return n->value;
        return share;
    case IdRole: return n->path;
    case EnergyRole: return n->energy;
    default: return {};
    }
}

QVariant DirectiveTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(section)) {
    case Column::Directive: return QStringLiteral("Directive");
    case Column::Value: return QStringLiteral("Value");
    case Column::Energy: return QStringLiteral("Energy");
    case Column::Count: break;
    }
    return {};
}
