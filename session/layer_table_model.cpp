#include "session/layer_table_model.h"

#include "session/project_document.h"
#include "session/qt_text.h"

#include <QBrush>
#include <QColor>
#include <QRegularExpression>

#include <array>

namespace {

using Column = LayerTableModel::Column;

struct ColumnInfo {
    const char* title;
    const char* tip;
    bool numeric;
};

constexpr std::array<ColumnInfo, static_cast<std::size_t>(Column::Count)> kColumns{{
    {"Layer", "Layer name (unique; consumers refer to it in their inputs)", false},
    {"Type", "Layer type (conv, fc, pool, eltwise, dwconv, local_region and the backward types)", false},
    {"nifm", "Input channels (written for conv and FC layers, derived for the others)", true},
    {"nofm", "Output channels", true},
    {"Ifmap", "Input feature map size (height × width), derived from the output size, filter and stride", true},
    {"Ofmap", "Output feature map size (height × width)", true},
    {"Filter", "Filter size (convolutions) or region size (pooling, local region)", true},
    {"Stride", "Stride (height × width); empty means the type's default (1, or the region for pooling)", true},
    {"MACs/sample", "Multiply-accumulate operations per sample (derived)", true},
    {"Ifmap words", "Input feature map words per sample (derived)", true},
    {"Ofmap words", "Output feature map words per sample (derived)", true},
    {"Filter words", "Filter (weight) words (derived)", true},
    {"Inputs from", "Producer layers, concatenated channel-wise in this order; (input) is the network input", false},
}};

const ColumnInfo& info(Column column) { return kColumns[static_cast<std::size_t>(column)]; }

const QString kInputLabel = QStringLiteral("(input)");
const QString kUnknown = QStringLiteral("—");

QString prevsText(const std::vector<std::string>& prevs)
{
    QStringList names;
    for (const auto& p : prevs)
        names << (p == kapla::Network::kInputName ? kInputLabel : QString::fromStdString(p));
    return names.join(QStringLiteral(", "));
}

std::vector<std::string> parsePrevs(const QString& text)
{
    std::vector<std::string> out;
    for (QString name : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        name = name.trimmed();
        if (name.isEmpty())
            continue;
        out.push_back(name == kInputLabel || name == QLatin1String("input") ? std::string(kapla::Network::kInputName)
                                                                            : name.toStdString());
    }
    return out;
}

// A tint that reads as "wrong" on light and dark palettes alike.
QBrush issueBrush() { return QBrush(QColor(230, 40, 40, 70)); }

} // namespace

LayerTableModel::LayerTableModel(ProjectDocument* document, QObject* parent)
    : QAbstractTableModel(parent)
    , m_doc(document)
{
    connect(m_doc, &ProjectDocument::networkAboutToBeReset, this, &LayerTableModel::beginResetModel);
    connect(m_doc, &ProjectDocument::networkReset, this, &LayerTableModel::endResetModel);
    connect(m_doc, &ProjectDocument::layerAboutToBeInserted, this, [this](int r) { beginInsertRows({}, r, r); });
    connect(m_doc, &ProjectDocument::layerInserted, this, &LayerTableModel::endInsertRows);
    connect(m_doc, &ProjectDocument::layerAboutToBeRemoved, this, [this](int r) { beginRemoveRows({}, r, r); });
    connect(m_doc, &ProjectDocument::layerRemoved, this, &LayerTableModel::endRemoveRows);
    connect(m_doc, &ProjectDocument::layerAboutToBeMoved, this,
            [this](int from, int to) { beginMoveRows({}, from, from, {}, to > from ? to + 1 : to); });
    connect(m_doc, &ProjectDocument::layerMoved, this, &LayerTableModel::endMoveRows);
    connect(m_doc, &ProjectDocument::networkChanged, this, &LayerTableModel::refresh);
    connect(m_doc, &ProjectDocument::projectReset, this, &LayerTableModel::refresh);
    refresh();
}

void LayerTableModel::refresh()
{
    m_totalMacs = 0;
    for (const auto& layer : m_doc->networkCheck().layers)
        if (layer)
            m_totalMacs += layer->totalOps(1);
    // A change of one layer can fix or break the chain of any other: repaint every cell.
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

std::optional<LayerField> LayerTableModel::fieldOf(Column column)
{
    switch (column) {
    case Column::Name: return LayerField::Name;
    case Column::Type: return LayerField::Type;
    case Column::Nifm: return LayerField::Nifm;
    case Column::Nofm: return LayerField::Nofm;
    case Column::Ofmap: return LayerField::Sofm;
    case Column::Filter: return LayerField::Sfil;
    case Column::Stride: return LayerField::Strd;
    case Column::Prevs: return LayerField::Prevs;
    default: return std::nullopt;
    }
}

LayerTableModel::Column LayerTableModel::columnOf(LayerField field)
{
    switch (field) {
    case LayerField::Name: return Column::Name;
    case LayerField::Type: return Column::Type;
    case LayerField::Nifm: return Column::Nifm;
    case LayerField::Nofm: return Column::Nofm;
    case LayerField::Sofm: return Column::Ofmap;
    case LayerField::Sfil: return Column::Filter;
    case LayerField::Strd: return Column::Stride;
    case LayerField::Prevs: return Column::Prevs;
    }
    return Column::Name;
}

std::optional<kapla::PhyDim2> LayerTableModel::parseDim(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("^\\[?\\s*(\\d{1,9})\\s*(?:[x×X,*]\\s*(\\d{1,9}))?\\s*\\]?$"));
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    const int h = m.captured(1).toInt();
    const int w = m.captured(2).isEmpty() ? h : m.captured(2).toInt();
    return kapla::PhyDim2{h, w};
}

const DraftLayer& LayerTableModel::row(int r) const
{
    return m_doc->networkDraft().layers[static_cast<std::size_t>(r)];
}

const kapla::Layer* LayerTableModel::built(int r) const
{
    const auto& layers = m_doc->networkCheck().layers;
    const auto& layer = layers[static_cast<std::size_t>(r)];
    return layer ? &*layer : nullptr;
}

int LayerTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_doc->networkDraft().layers.size());
}

int LayerTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(Column::Count);
}

QStringList LayerTableModel::issues(int r, Column column) const
{
    QStringList out;
    const auto field = fieldOf(column);
    for (const auto& issue : m_doc->networkCheck().issues)
        if (issue.row == r && field && issue.field == *field)
            out << QString::fromStdString(issue.message);
    return out;
}

QVariant LayerTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::ParentIsInvalid))
        return {};
    const int r = index.row();
    const auto column = static_cast<Column>(index.column());
    switch (role) {
    case Qt::DisplayRole: return displayData(r, column);
    case Qt::EditRole: return editData(r, column);
    case SortRole: return sortData(r, column);
    case IdRole: return QString::fromStdString(row(r).name);
    case RowRole: return r;
    case IssueRole: return issues(r, column);
    case Qt::BackgroundRole: return issues(r, column).isEmpty() ? QVariant() : QVariant(issueBrush());
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(info(column).numeric ? Qt::AlignRight | Qt::AlignVCenter
                                                        : Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ToolTipRole: {
        const QStringList problems = issues(r, column);
        if (!problems.isEmpty())
            return problems.join(QLatin1Char('\n'));
        if (column == Column::Type)
            return QString::fromUtf8(kapla::layerTypeKeyword(row(r).params.type));
        if (column == Column::Prevs)
            return prevsText(row(r).prevs);
        return {};
    }
    default: return {};
    }
}

QVariant LayerTableModel::displayData(int r, Column column) const
{
    const DraftLayer& d = row(r);
    const kapla::Layer* l = built(r);
    const auto derived = [l](auto value) -> QVariant {
        return l ? QVariant(groupDigitsText(value(*l))) : QVariant(kUnknown);
    };
    switch (column) {
    case Column::Name: return QString::fromStdString(d.name);
    case Column::Type: return QString::fromUtf8(kapla::layerTypeLabel(d.params.type));
    case Column::Nifm:
        return fieldApplies(d.params.type, LayerField::Nifm) ? groupDigitsText(d.params.nifm)
                                                             : derived([](const kapla::Layer& x) { return x.nifm; });
    case Column::Nofm: return groupDigitsText(d.params.nofm);
    case Column::Ifmap: return l ? QVariant(dimText(l->sifm)) : QVariant(kUnknown);
    case Column::Ofmap: return dimText(l ? l->sofm() : d.params.sofm);
    case Column::Filter: return dimText(l ? l->sfil() : d.params.sfil);
    case Column::Stride: return dimText(l ? l->strd : effectiveStride(d.params));
    case Column::Macs: return derived([](const kapla::Layer& x) { return x.totalOps(1); });
    case Column::IfmapWords: return derived([](const kapla::Layer& x) { return x.totalIfmapSize(1); });
    case Column::OfmapWords: return derived([](const kapla::Layer& x) { return x.totalOfmapSize(1); });
    case Column::FilterWords: return derived([](const kapla::Layer& x) { return x.totalFilterSize(); });
    case Column::Prevs: return prevsText(d.prevs);
    case Column::Count: break;
    }
    return {};
}

QVariant LayerTableModel::editData(int r, Column column) const
{
    const DraftLayer& d = row(r);
    switch (column) {
    case Column::Name: return QString::fromStdString(d.name);
    case Column::Type: return QString::fromUtf8(kapla::layerTypeKeyword(d.params.type));
    case Column::Nifm: return d.params.nifm;
    case Column::Nofm: return d.params.nofm;
    case Column::Ofmap: return dimText(d.params.sofm);
    case Column::Filter: return dimText(d.params.sfil);
    case Column::Stride: return d.params.strd ? dimText(*d.params.strd) : QString();
    case Column::Prevs: return prevsText(d.prevs);
    default: return displayData(r, column);
    }
}

QVariant LayerTableModel::sortData(int r, Column column) const
{
    const kapla::Layer* l = built(r);
    const DraftLayer& d = row(r);
    const auto derived = [l](auto value) -> QVariant {
        return l ? QVariant(static_cast<qlonglong>(value(*l))) : QVariant(qlonglong(-1));
    };
    switch (column) {
    case Column::Name: return QString::fromStdString(d.name);
    case Column::Type: return QString::fromUtf8(kapla::layerTypeLabel(d.params.type));
    case Column::Nifm: return l ? l->nifm : d.params.nifm;
    case Column::Nofm: return d.params.nofm;
    case Column::Ifmap: return derived([](const kapla::Layer& x) { return x.sifm.size(); });
    case Column::Ofmap: return static_cast<qlonglong>((l ? l->sofm() : d.params.sofm).size());
    case Column::Filter: return static_cast<qlonglong>((l ? l->sfil() : d.params.sfil).size());
    case Column::Stride: return static_cast<qlonglong>((l ? l->strd : effectiveStride(d.params)).size());
    case Column::Macs: return derived([](const kapla::Layer& x) { return x.totalOps(1); });
    case Column::IfmapWords: return derived([](const kapla::Layer& x) { return x.totalIfmapSize(1); });
    case Column::OfmapWords: return derived([](const kapla::Layer& x) { return x.totalOfmapSize(1); });
    case Column::FilterWords: return derived([](const kapla::Layer& x) { return x.totalFilterSize(); });
    case Column::Prevs: return prevsText(d.prevs);
    case Column::Count: break;
    }
    return {};
}

Qt::ItemFlags LayerTableModel::flags(const QModelIndex& index) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    const auto field = fieldOf(static_cast<Column>(index.column()));
    if (field && fieldApplies(row(index.row()).params.type, *field))
        f |= Qt::ItemIsEditable;
    return f;
}

bool LayerTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable))
        return false;
    return applyEdit(index.row(), static_cast<Column>(index.column()), value);
}

bool LayerTableModel::applyEdit(int r, Column column, const QVariant& value)
{
    DraftLayer d = row(r);
    const QString text = value.toString().trimmed();
    const auto reject = [this](const QString& message) {
        Q_EMIT editRejected(message);
        return false;
    };
    switch (column) {
    case Column::Name: m_doc->renameLayer(r, text); return true;
    case Column::Type: {
        const auto type = kapla::layerTypeFromKeyword(text.toLower().toStdString());
        if (!type)
            return reject(tr("Unknown layer type '%1'").arg(text));
        d.params.type = *type;
        break;
    }
    case Column::Nifm:
    case Column::Nofm: {
        bool ok = false;
        const int n = value.toInt(&ok);
        if (!ok)
            return reject(tr("'%1' is not a whole number").arg(text));
        (column == Column::Nifm ? d.params.nifm : d.params.nofm) = n;
        break;
    }
    case Column::Ofmap:
    case Column::Filter:
    case Column::Stride: {
        if (column == Column::Stride && text.isEmpty()) {
            d.params.strd.reset();
            break;
        }
        const auto dim = parseDim(text);
        if (!dim)
            return reject(tr("'%1' is not a size; write 3, 3x3 or [3, 5]").arg(text));
        if (column == Column::Ofmap)
            d.params.sofm = *dim;
        else if (column == Column::Filter)
            d.params.sfil = *dim;
        else
            d.params.strd = *dim;
        break;
    }
    case Column::Prevs: d.prevs = parsePrevs(text); break;
    default: return false;
    }
    m_doc->setLayer(r, d);
    return true;
}

QVariant LayerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= static_cast<int>(Column::Count))
        return {};
    const auto& column = info(static_cast<Column>(section));
    switch (role) {
    case Qt::DisplayRole: return QString::fromUtf8(column.title);
    case Qt::ToolTipRole: return QString::fromUtf8(column.tip);
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(column.numeric ? Qt::AlignRight | Qt::AlignVCenter
                                                  : Qt::AlignLeft | Qt::AlignVCenter);
    default: return {};
    }
}
