#include "util/math_util.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace kapla {

std::int64_t ceilCycles(double cycles)
{
    const double up = std::ceil(cycles);
    if (!(up < static_cast<double>(kMaxCycles)))
        return kMaxCycles;
    return up > 0 ? static_cast<std::int64_t>(up) : 0;
}

double idivcReal(double x, double y)
{
    if (std::isinf(y))
        return std::isinf(x) ? std::nan("") : 0.0;
    return std::floor((x + y - 1) / y);
}

static void factorizeInto(int value, int n, std::vector<int>& prefix, std::vector<std::vector<int>>& out)
{
    if (n == 1) {
        prefix.push_back(value);
        out.push_back(prefix);
        prefix.pop_back();
        return;
    }
    for (int f = 1; f <= value; ++f) {
        if (value % f != 0)
            continue;
        prefix.push_back(f);
        factorizeInto(value / f, n - 1, prefix, out);
        prefix.pop_back();
    }
}

std::vector<std::vector<int>> factorize(int value, int n)
{
    std::vector<std::vector<int>> out;
    std::vector<int> prefix;
    if (value >= 1 && n >= 1)
        factorizeInto(value, n, prefix, out);
    return out;
}

std::vector<int> divisors(int value)
{
    std::vector<int> out;
    for (int f = 1; f <= value; ++f)
        if (value % f == 0)
            out.push_back(f);
    return out;
}

bool isClose(double a, double b, double relTol, double absTol)
{
    return std::fabs(a - b) <= std::max(relTol * std::max(std::fabs(a), std::fabs(b)), absTol);
}

bool approxDividable(double total, double num, double relOverhead, double absOverhead)
{
    if (total < num)
        return false;
    const double padded = std::ceil(total / num) * num;
    return isClose(padded, total, relOverhead, absOverhead);
}

std::pair<int, int> ithRange(std::pair<int, int> range, int i, int n)
{
    const auto [b, e] = range;
    const auto floorDiv = [](long long x, long long y) {
        long long q = x / y;
        if ((x % y != 0) && ((x < 0) != (y < 0)))
            --q;
        return q;
    };
    return {static_cast<int>(b + floorDiv(static_cast<long long>(i) * (e - b), n)),
            static_cast<int>(b + floorDiv(static_cast<long long>(i + 1) * (e - b), n))};
}

int reverseLow(int pos, int /*length*/, int fil, int strd)
{
    if (pos < fil)
        return 0;
    return (pos + 1 - fil + strd - 1) / strd;
}

int reverseHigh(int pos, int length, int fil, int strd)
{
    if (length - (pos + 1) < fil)
        return (length - fil) / strd;
    return pos / strd;
}

std::pair<int, int> closestFactor(int value, double f)
{
    int below = 0, above = 0;
    for (const int d : divisors(value)) {
        if (d <= f)
            below = d;
        if (d >= f && above == 0)
            above = d;
    }
    return {below, above};
}

int gcdInt(int a, int b) { return std::gcd(a, b); }

std::int64_t lcmInt(std::int64_t a, std::int64_t b) { return std::lcm(a, b); }

} // namespace kapla
