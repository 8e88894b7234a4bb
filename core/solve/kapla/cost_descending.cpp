#include "solve/kapla/cost_descending.h"

#include "util/math_util.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <ranges>
#include <span>

namespace kapla::ksolve {

namespace {

// The first index of [first, last) where `holds` fails, for a predicate that holds on a prefix and
// then never again (capacity grows with a factor; a score falls with it): a bisection.
template <typename Predicate>
std::size_t firstFailing(std::size_t first, std::size_t last, Predicate&& holds)
{
    const auto indices = std::views::iota(first, last);
    const auto it = std::ranges::partition_point(indices, holds);
    return first + static_cast<std::size_t>(std::ranges::distance(indices.begin(), it));
}

struct CategorySplit {
    int inner = 0; // innermost loop type
    unsigned innerDims = 0;
    PerCategory<bool> outerIrr{false, false, false}; // categories the innermost loop changes
};

CategorySplit splitCategories(const DimSpace& space, const PerLoop<int>& order)
{
    CategorySplit s;
    s.inner = DimSpace::innermostLoop(order);
    s.innerDims = space.dimsOfLoop(s.inner);
    for (int d = 0; d < kNumDataCategories; ++d)
        s.outerIrr[static_cast<std::size_t>(d)] = (space.relevant[static_cast<std::size_t>(d)] & s.innerDims) != 0;
    return s;
}

// Divisors ascending, cached per thread (the fills ask for the same few loop counts again and again).
const std::vector<int>& cachedDivisors(int n)
{
    thread_local std::map<int, std::vector<int>> cache;
    auto it = cache.find(n);
    if (it == cache.end())
        it = cache.emplace(n, divisors(n)).first;
    return it->second;
}

double moveFactor(const DimSpace& space, int d) { return d == space.rwData ? 2.0 : 1.0; }

// Words of a category brought in again for every iteration of its irrelevant dims still left.
double outerRefetch(const DimSpace& space, const PerCategory<double>& sizes, const DimCounts& remain, int d)
{
    double r = sizes[static_cast<std::size_t>(d)] * moveFactor(space, d);
    for (int i = 0; i < space.numDims; ++i)
        if (space.irrelevant(d) & (1u << i))
            r *= remain[static_cast<std::size_t>(i)];
    return r;
}

double paddingRatio(int remain, int f) { return static_cast<double>(idivc(remain, f) * f) / remain; }

bool outerIrrelevantTrivial(const DimSpace& space, const CategorySplit& split, const DimCounts& remain)
{
    for (int d = 0; d < kNumDataCategories; ++d) {
        if (!split.outerIrr[static_cast<std::size_t>(d)])
            continue;
        for (int i = 0; i < space.numDims; ++i)
            if ((space.irrelevant(d) & (1u << i)) && remain[static_cast<std::size_t>(i)] > 1)
                return false;
    }
    return true;
}

// The innermost loop's dim with the least padding (-1 if all its dims are done).
int leastPaddedInnerDim(const DimSpace& space, unsigned dims, const DimCounts& remain, int f)
{
    int best = -1;
    double bestRatio = std::numeric_limits<double>::infinity();
    for (int i = 0; i < space.numDims; ++i) {
        const int r = remain[static_cast<std::size_t>(i)];
        if (!(dims & (1u << i)) || r <= 1)
            continue;
        const double ratio = paddingRatio(r, f);
        if (ratio < bestRatio) {
            bestRatio = ratio;
            best = i;
        }
    }
    return best;
}

struct PaddedChoice {
    int category = -1;
    int dim = -1;
};

// No irrelevant dim divides evenly: the (category, irrelevant dim) pair whose re-fetch, after
// padding the categories that depend on the dim, sums lowest.
PaddedChoice leastPaddedPair(const DimSpace& space, const PerCategory<double>& sizes,
                             const PerCategory<double>& refetch, const DimCounts& remain, unsigned allowed, int f)
{
    PaddedChoice best;
    double bestSum = std::numeric_limits<double>::infinity();
    for (int d = 0; d < kNumDataCategories; ++d) {
        if (sizes[static_cast<std::size_t>(d)] <= 0)
            continue;
        for (int i = 0; i < space.numDims; ++i) {
            if (!(space.irrelevant(d) & allowed & (1u << i)))
                continue;
            PerCategory<double> temp = refetch;
            const double ratio = paddingRatio(remain[static_cast<std::size_t>(i)], f);
            for (int c = 0; c < kNumDataCategories; ++c)
                if (space.relevant[static_cast<std::size_t>(c)] & (1u << i))
                    temp[static_cast<std::size_t>(c)] *= ratio;
            temp[static_cast<std::size_t>(d)] /= f;
            const double sum = temp[0] + temp[1] + temp[2];
            if (sum < bestSum) {
                bestSum = sum;
                best = {d, i};
            }
        }
    }
    return best;
}

struct PhaseA {
    const DimSpace& space;
    const PerCategory<double>& outerRef;
    const PerCategory<bool>& outerIrr;
    const TensorFits& fits;
    // At most kMaxDims dims: fixed arrays, no allocation per fill (the fills run per order pair).
    std::array<int, kMaxDims> dims{};
    std::size_t numDims = 0;
    std::array<std::span<const int>, kMaxDims> values{}; ///< per dim, its fitting divisors (a prefix)
    DimCounts trial{};
    DimCounts chosen{};
    double bestScore = std::numeric_limits<double>::infinity();

    double score(const DimCounts& applied) const
    {
        double total = 0;
        for (int d = 0; d < kNumDataCategories; ++d) {
            if (!outerIrr[static_cast<std::size_t>(d)])
                continue;
            double r = outerRef[static_cast<std::size_t>(d)];
            for (std::size_t k = 0; k < numDims; ++k)
                if (space.irrelevant(d) & (1u << dims[k]))
                    r = std::ceil(r / applied[static_cast<std::size_t>(dims[k])]);
            total += r;
        }
        return total;
    }

    // The last dim of a prefix: capacity grows and the score falls with the factor, so the prefix's best
    // is the smallest value scoring like the largest fitting one (binary searches instead of a scan).
    void lastDim(std::size_t k, const DimCounts& base, DimCounts& applied)
    {
        const auto dim = static_cast<std::size_t>(dims[k]);
        const std::span<const int> v = values[k];
        const auto fitsWith = [&](std::size_t i) {
            trial[dim] = base[dim] * v[i];
            return fits(trial);
        };
        // v[0] fits (the prefix fits): the last fitting value ends the run of values that fit.
        const std::size_t lo = firstFailing(1, v.size(), fitsWith) - 1;
        const auto scoreWith = [&](std::size_t i) {
            applied[dim] = v[i];
            return score(applied);
        };
        const double least = scoreWith(lo);
        const std::size_t first = firstFailing(0, lo, [&](std::size_t i) { return scoreWith(i) > least; });
        if (least < bestScore) {
            bestScore = least;
            applied[dim] = v[first];
            chosen = applied;
        }
        trial[dim] = base[dim];
        applied[dim] = 1;
    }

    // Cartesian product, first dim outermost; capacity grows with every factor, so a value that
    // does not fit ends its list.
    void enumerate(std::size_t k, const DimCounts& base, DimCounts& applied)
    {
        if (k == numDims) {
            const double s = score(applied);
            if (s < bestScore) {
                bestScore = s;
                chosen = applied;
            }
            return;
        }
        if (k + 1 == numDims && !values[k].empty()) {
            lastDim(k, base, applied);
            return;
        }
        const auto dim = static_cast<std::size_t>(dims[k]);
        for (const int v : values[k]) {
            trial[dim] = base[dim] * v;
            if (!fits(trial))
                break;
            applied[dim] = v;
            enumerate(k + 1, base, applied);
        }
        trial[dim] = base[dim];
        applied[dim] = 1;
    }
};

} // namespace

unsigned DimSpace::dimsOfLoop(int loop) const
{
    unsigned m = 0;
    for (int i = 0; i < numDims; ++i)
        if (loopOf[static_cast<std::size_t>(i)] == loop)
            m |= 1u << i;
    return m;
}

int DimSpace::innermostLoop(const PerLoop<int>& order)
{
    for (int l = 0; l < kNumLoops; ++l)
        if (order[static_cast<std::size_t>(l)] == 0)
            return l;
    return 0;
}

DimSpace loopDimSpace(const PerCategory<unsigned>& dataLoops, int rwData)
{
    DimSpace s;
    s.numDims = 3;
    s.loopOf = {0, 1, 2, 2};
    s.relevant = dataLoops;
    s.rwData = rwData;
    return s;
}

int smallestPrimeFactor(int n)
{
    if (n <= 1)
        return 1;
    for (int p = 2; p * p <= n; ++p)
        if (n % p == 0)
            return p;
    return n;
}

StackFill fillStack(const DimSpace& space, const PerCategory<double>& sizes, DimCounts& remain, std::array<int, 2> hw,
                    const PerLoop<int>& order, unsigned allowed)
{
    StackFill out;
    const CategorySplit split = splitCategories(space, order);
    PerCategory<double> refetch{};
    for (int d = 0; d < kNumDataCategories; ++d)
        refetch[static_cast<std::size_t>(d)] = split.outerIrr[static_cast<std::size_t>(d)]
                                                 ? outerRefetch(space, sizes, remain, d)
                                                 : sizes[static_cast<std::size_t>(d)] * moveFactor(space, d);

    for (int axis = 0; axis < 2; ++axis) {
        auto& h = hw[static_cast<std::size_t>(axis)];
        while (h > 1) {
            const int f = smallestPrimeFactor(h);
            int dim = -1;
            if (outerIrrelevantTrivial(space, split, remain)) {
                // Nothing left to multicast: split the innermost loop itself.
                dim = leastPaddedInnerDim(space, split.innerDims & allowed, remain, f);
            } else {
                int target = -1;
                for (int d = 0; d < kNumDataCategories; ++d)
                    if (split.outerIrr[static_cast<std::size_t>(d)]
                        && (target < 0
                            || refetch[static_cast<std::size_t>(d)] > refetch[static_cast<std::size_t>(target)]))
                        target = d;
                for (int i = 0; i < space.numDims && dim < 0; ++i)
                    if ((space.irrelevant(target) & allowed & (1u << i))
                        && remain[static_cast<std::size_t>(i)] % f == 0)
                        dim = i;
                if (dim < 0) {
                    const PaddedChoice c = leastPaddedPair(space, sizes, refetch, remain, allowed, f);
                    target = c.category;
                    dim = c.dim;
                }
                if (dim >= 0)
                    refetch[static_cast<std::size_t>(target)] = std::ceil(refetch[static_cast<std::size_t>(target)]
                                                                          / f);
            }
            if (dim < 0)
                break;
            auto& r = remain[static_cast<std::size_t>(dim)];
            r = static_cast<int>(idivc(r, f));
            out.factors[static_cast<std::size_t>(axis)][static_cast<std::size_t>(dim)] *= f;
            out.steps.push_back({axis, dim, f});
            h /= f;
        }
    }
    out.leftover = hw;
    return out;
}

bool fillTensor(const DimSpace& space, const PerCategory<double>& sizes, DimCounts& remain, DimCounts& factors,
                const PerLoop<int>& order, const TensorFits& fits)
{
    if (!fits(factors))
        return false;
    const CategorySplit split = splitCategories(space, order);
    PerCategory<double> outerRef{0, 0, 0};
    PhaseA a{space, outerRef, split.outerIrr, fits};
    a.trial = factors;
    a.chosen = kUnitDims;
    for (int d = 0; d < kNumDataCategories; ++d) {
        if (!split.outerIrr[static_cast<std::size_t>(d)])
            continue;
        outerRef[static_cast<std::size_t>(d)] = outerRefetch(space, sizes, remain, d);
        for (int i = 0; i < space.numDims; ++i)
            if ((space.irrelevant(d) & (1u << i))
                && std::find(a.dims.begin(), a.dims.begin() + static_cast<std::ptrdiff_t>(a.numDims), i)
                       == a.dims.begin() + static_cast<std::ptrdiff_t>(a.numDims))
                a.dims[a.numDims++] = i;
    }
    for (std::size_t k = 0; k < a.numDims; ++k) {
        // Capacity grows with the factor, so the fitting divisors are a prefix: found by bisection.
        const auto i = static_cast<std::size_t>(a.dims[k]);
        const std::vector<int>& divs = cachedDivisors(remain[i]);
        DimCounts trial = factors;
        const auto fitsWith = [&](std::size_t j) {
            trial[i] = factors[i] * divs[j];
            return fits(trial);
        };
        a.values[k] = std::span<const int>(divs).first(firstFailing(0, divs.size(), fitsWith));
    }
    DimCounts applied = kUnitDims;
    a.enumerate(0, factors, applied);
    for (const int i : std::span<const int>(a.dims).first(a.numDims)) {
        const auto k = static_cast<std::size_t>(i);
        factors[k] *= a.chosen[k];
        remain[k] /= a.chosen[k];
    }

    // Phase B: the innermost loop's own dims, smallest prime step first, while the block fits.
    for (;;) {
        int dim = -1;
        int step = 0;
        for (int i = 0; i < space.numDims; ++i) {
            const int r = remain[static_cast<std::size_t>(i)];
            if (!(split.innerDims & (1u << i)) || r <= 1)
                continue;
            const int p = smallestPrimeFactor(r);
            if (dim < 0 || p < step) {
                dim = i;
                step = p;
            }
        }
        if (dim < 0)
            break;
        DimCounts trial = factors;
        trial[static_cast<std::size_t>(dim)] *= step;
        if (!fits(trial))
            break;
        factors = trial;
        remain[static_cast<std::size_t>(dim)] /= step;
    }
    return true;
}

} // namespace kapla::ksolve
