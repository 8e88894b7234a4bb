#include "session/network_draft.h"

#include <algorithm>
#include <iterator>
#include <map>

namespace {

using kapla::Layer;
using kapla::LayerType;
using kapla::PhyDim2;

std::string sizeText(PhyDim2 s) { return s.h == s.w ? std::to_string(s.h) : s.toString(); }

// Keys of makeLayer's diagnostics that are no table column (nreg, crop, ...) land on the type,
// the cell whose tooltip a user reads first for a layer that cannot be built.
LayerField fieldOfKey(const std::string& key)
{
    static const std::map<std::string, LayerField, std::less<>> fields{{"name", LayerField::Name},
                                                                       {"type", LayerField::Type},
                                                                       {"nifm", LayerField::Nifm},
                                                                       {"nofm", LayerField::Nofm},
                                                                       {"sofm", LayerField::Sofm},
                                                                       {"sfil", LayerField::Sfil},
                                                                       {"strd", LayerField::Strd},
                                                                       {"prevs", LayerField::Prevs}};
    const auto it = fields.find(key);
    return it == fields.end() ? LayerField::Type : it->second;
}

// What the producers known so far give: their layer, or nothing when the row could not be built.
using Producers = std::map<std::string, std::optional<Layer>, std::less<>>;

class DraftChecker
{
public:
    explicit DraftChecker(const NetworkDraft& draft)
        : m_draft(draft)
    {
    }

    DraftCheck run()
    {
        m_check.layers.resize(m_draft.layers.size());
        checkInputs();
        if (m_draft.layers.empty())
            issue(-1, LayerField::Name, "a network needs at least one layer");
        for (std::size_t i = 0; i < m_draft.layers.size(); ++i)
            checkLayer(static_cast<int>(i));
        if (m_check.issues.empty())
            build();
        return std::move(m_check);
    }

private:
    void issue(int row, LayerField field, std::string message)
    {
        m_check.issues.push_back({row, field, std::move(message)});
    }

    void checkInputs()
    {
        if (m_draft.inputNofm <= 0 || m_draft.inputSofm.h <= 0 || m_draft.inputSofm.w <= 0)
            issue(-1, LayerField::Nofm, "the network input needs channels and an fmap size > 0");
        m_known.emplace(kapla::Network::kInputName, kapla::makeInputLayer(m_draft.inputNofm, m_draft.inputSofm));
        for (const auto& e : m_draft.externals)
            if (!m_known.emplace(e.name, e.layer).second)
                issue(-1, LayerField::Name, "duplicate external input name '" + e.name + "'");
    }

    void checkLayer(int row)
    {
        const DraftLayer& dl = m_draft.layers[static_cast<std::size_t>(row)];
        const bool named = !dl.name.empty() && !m_known.contains(dl.name);
        if (dl.name.empty())
            issue(row, LayerField::Name, "a layer needs a name");
        else if (!named)
            issue(row, LayerField::Name,
                  "the name '" + dl.name + "' is already used by the input, an external or an earlier layer");

        std::optional<Layer> layer;
        if (auto made = kapla::makeLayer(dl.params))
            layer = std::move(made).value();
        else
            for (const auto& d : made.diagnostics())
                issue(row, fieldOfKey(d.key), d.message);
        m_check.layers[static_cast<std::size_t>(row)] = layer;
        checkProducers(row, dl, layer);
        if (named)
            m_known.emplace(dl.name, layer);
    }

    void checkProducers(int row, const DraftLayer& dl, const std::optional<Layer>& layer)
    {
        if (dl.prevs.empty()) {
            issue(row, LayerField::Prevs, "a layer needs at least one producer ((input) for the network input)");
            return;
        }
        long long channels = 0;
        bool countable = layer.has_value();
        for (const auto& prev : dl.prevs) {
            const auto it = m_known.find(prev);
            if (it == m_known.end()) {
                issue(row, LayerField::Prevs,
                      "unknown producer '" + prev + "'; producers must be listed before their consumers");
                countable = false;
                continue;
            }
            if (!it->second) {
                countable = false; // the producer itself cannot be built; its row says why
                continue;
            }
            channels += it->second->nofm();
            if (layer && !layer->isValidPaddingSifm(it->second->sofm())) {
                const PhyDim2 full = layer->sofm() * layer->strd;
                const PhyDim2 lo{std::min(full.h, layer->sifm.h), std::min(full.w, layer->sifm.w)};
                const PhyDim2 hi{std::max(full.h, layer->sifm.h), std::max(full.w, layer->sifm.w)};
                issue(row, LayerField::Sofm,
                      "producer '" + prev + "' gives fmaps of " + sizeText(it->second->sofm())
                          + ", but this layer expects between " + sizeText(lo) + " and " + sizeText(hi));
            }
        }
        if (countable && channels != layer->nifm) {
            const LayerField field = layer->isConvLike() ? LayerField::Nifm : LayerField::Nofm;
            issue(row, field,
                  "the producers give " + std::to_string(channels)
                      + " channels in total, but this layer takes nifm = " + std::to_string(layer->nifm));
        }
    }

    void build()
    {
        kapla::Network net(m_draft.name, kapla::makeInputLayer(m_draft.inputNofm, m_draft.inputSofm));
        for (const auto& e : m_draft.externals)
            for (auto& d : net.addExternal(e.name, e.layer))
                issue(-1, LayerField::Name, d.message);
        for (std::size_t i = 0; i < m_draft.layers.size(); ++i) {
            const DraftLayer& dl = m_draft.layers[i];
            // The checks above mirror Network::add; should they ever disagree, its word is final.
            for (auto& d : net.add(dl.name, *m_check.layers[i], dl.prevs))
                issue(static_cast<int>(i), fieldOfKey(d.key), d.message);
        }
        if (m_check.issues.empty())
            m_check.network = std::move(net);
    }

    const NetworkDraft& m_draft;
    DraftCheck m_check;
    Producers m_known;
};

} // namespace

NetworkDraft NetworkDraft::fromNetwork(const kapla::Network& network)
{
    NetworkDraft d;
    d.name = network.name();
    d.inputNofm = network.input().nofm();
    d.inputSofm = network.input().sofm();
    d.externals = network.externals();
    d.layers.reserve(network.size());
    for (const auto& nl : network.layers())
        d.layers.push_back({nl.name, nl.layer.params, nl.prevs});
    return d;
}

std::vector<DraftIssue> DraftCheck::issuesOf(int row) const
{
    std::vector<DraftIssue> out;
    std::copy_if(issues.begin(), issues.end(), std::back_inserter(out),
                 [row](const DraftIssue& i) { return i.row == row; });
    return out;
}

DraftCheck checkDraft(const NetworkDraft& draft) { return DraftChecker(draft).run(); }

PhyDim2 effectiveStride(const kapla::LayerParams& params)
{
    if (params.strd)
        return *params.strd;
    const bool pool = params.type == LayerType::Pooling || params.type == LayerType::PoolingBack;
    return pool ? params.sfil : PhyDim2{1, 1};
}

bool fieldApplies(LayerType type, LayerField field)
{
    const bool fc = type == LayerType::FC || type == LayerType::FCBackAct || type == LayerType::FCBackWeight;
    const bool eltwise = type == LayerType::Eltwise || type == LayerType::EltwiseBack;
    switch (field) {
    case LayerField::Nifm: {
        Layer probe;
        probe.params.type = type;
        return probe.isConvLike();
    }
    case LayerField::Sofm: return !fc;
    case LayerField::Sfil: return !eltwise;
    case LayerField::Strd: return !fc && !eltwise;
    case LayerField::Name:
    case LayerField::Type:
    case LayerField::Nofm:
    case LayerField::Prevs: return true;
    }
    return true;
}
