#include "model/network.h"

#include <algorithm>

namespace kapla {

namespace {

std::string sizeText(PhyDim2 s) { return s.h == s.w ? std::to_string(s.h) : s.toString(); }

} // namespace

Network::Network(std::string name, Layer input)
    : m_name(std::move(name))
    , m_input(std::move(input))
{
}

Diagnostics Network::addExternal(std::string name, Layer input)
{
    if (contains(name) || name == kInputName)
        return {makeError("externals", "duplicate name '" + name + "'")};
    m_externals.push_back({std::move(name), std::move(input)});
    return {};
}

LayerId Network::find(std::string_view name) const
{
    const auto it = m_idOfName.find(name);
    return it == m_idOfName.end() ? LayerId{} : it->second;
}

bool Network::contains(std::string_view name) const
{
    if (name == kInputName || find(name).valid())
        return true;
    return std::any_of(m_externals.begin(), m_externals.end(), [&](const ExternalInput& e) { return e.name == name; });
}

const Layer* Network::producer(std::string_view name) const
{
    if (name == kInputName)
        return &m_input;
    if (const LayerId id = find(name); id.valid())
        return &at(id).layer;
    for (const auto& e : m_externals)
        if (e.name == name)
            return &e.layer;
    return nullptr;
}

Diagnostics Network::checkChain(const std::string& name, const Layer& layer,
                                const std::vector<std::string>& prevs) const
{
    Diagnostics errs;
    long long channels = 0;
    for (const auto& prev : prevs) {
        const Layer* p = producer(prev);
        if (!p) {
            errs.push_back(makeError("prevs", "layer '" + name + "': unknown producer '" + prev
                                                  + "' (producers must be added before their consumers)"));
            continue;
        }
        channels += p->nofm();
        if (!layer.isValidPaddingSifm(p->sofm())) {
            const PhyDim2 full = layer.sofm() * layer.strd;
            errs.push_back(
                makeError("prevs", "layer '" + name + "': producer '" + prev + "' gives fmaps of " + sizeText(p->sofm())
                                       + ", but the layer expects between "
                                       + sizeText({std::min(full.h, layer.sifm.h), std::min(full.w, layer.sifm.w)})
                                       + " and "
                                       + sizeText({std::max(full.h, layer.sifm.h), std::max(full.w, layer.sifm.w)})));
        }
    }
    if (errs.empty() && channels != layer.nifm)
        errs.push_back(
            makeError("prevs", "layer '" + name + "': producers give " + std::to_string(channels)
                                   + " channels in total, but the layer takes nifm = " + std::to_string(layer.nifm)));
    return errs;
}

Diagnostics Network::add(std::string name, Layer layer, std::vector<std::string> prevs)
{
    if (name.empty())
        return {makeError("name", "a layer needs a non-empty name")};
    if (contains(name))
        return {makeError("name", "duplicate layer name '" + name
                                      + "'; expected a name not used by the input, an external or an earlier layer")};
    if (prevs.empty())
        prevs.push_back(m_layers.empty() ? std::string(kInputName) : m_layers.back().name);
    if (Diagnostics errs = checkChain(name, layer, prevs); !errs.empty())
        return errs;
    const LayerId id{static_cast<int>(m_layers.size())};
    for (const std::string& p : prevs) {
        const LayerId pid = find(p);
        if (!pid.valid())
            continue; // the input or an external
        auto& consumers = m_nexts[static_cast<std::size_t>(pid.value)];
        if (consumers.empty() || consumers.back() != id)
            consumers.push_back(id);
    }
    m_idOfName.emplace(name, id);
    m_nexts.emplace_back();
    m_layers.push_back({std::move(name), std::move(layer), std::move(prevs)});
    return {};
}

Diagnostics Network::replace(LayerId id, Layer layer)
{
    const NetworkLayer& current = at(id);
    if (Diagnostics errs = checkChain(current.name, layer, current.prevs); !errs.empty())
        return errs;
    Network trial = *this;
    trial.m_layers[static_cast<std::size_t>(id.value)].layer = layer;
    for (const LayerId next : nexts(id)) {
        const NetworkLayer& n = trial.at(next);
        if (Diagnostics errs = trial.checkChain(n.name, n.layer, n.prevs); !errs.empty())
            return errs;
    }
    m_layers[static_cast<std::size_t>(id.value)].layer = std::move(layer);
    return {};
}

std::vector<LayerId> Network::nexts(LayerId id) const { return m_nexts.at(static_cast<std::size_t>(id.value)); }

std::vector<LayerId> Network::firsts() const
{
    std::vector<LayerId> out;
    for (std::size_t i = 0; i < m_layers.size(); ++i) {
        const auto& prevs = m_layers[i].prevs;
        const bool fromInputs = std::all_of(prevs.begin(), prevs.end(),
                                            [&](const std::string& p) { return !find(p).valid(); });
        if (fromInputs)
            out.push_back(LayerId{static_cast<int>(i)});
    }
    return out;
}

std::vector<LayerId> Network::lasts() const
{
    std::vector<LayerId> out;
    for (std::size_t i = 0; i < m_layers.size(); ++i)
        if (nexts(LayerId{static_cast<int>(i)}).empty())
            out.push_back(LayerId{static_cast<int>(i)});
    return out;
}

std::int64_t Network::totalOps(std::int64_t batch) const
{
    std::int64_t total = 0;
    for (const auto& l : m_layers)
        total += l.layer.totalOps(batch);
    return total;
}

} // namespace kapla
