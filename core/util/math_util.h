#pragma once
// Integer helpers whose exact semantics fix enumeration order and rounding of the reference model.

#include <cstdint>
#include <utility>
#include <vector>

namespace kapla {

/// Ceiling division of positive integers.
constexpr std::int64_t idivc(std::int64_t x, std::int64_t y) { return (x + y - 1) / y; }

/// Ceiling division of doubles as the reference computes it: floor((x + y - 1) / y); 0 if y is +inf.
double idivcReal(double x, double y);

/// No real schedule takes this many cycles (28 hours at 1 GHz); a time that reaches it comes from
/// inputs whose magnitudes overflow (a bandwidth near zero), and the evaluation's check refuses it.
/// Far enough below 2^63 that sums over every layer of a network stay exact.
inline constexpr std::int64_t kMaxCycles = 100'000'000'000'000;

/// `cycles` rounded up as an integer count, saturated at kMaxCycles (also for NaN and infinity):
/// converting a larger double to an integer is undefined.
std::int64_t ceilCycles(double cycles);

/// Every ordered n-tuple of positive integers whose product is `value`, first factor slowest.
std::vector<std::vector<int>> factorize(int value, int n);

/// Divisors of `value` in ascending order.
std::vector<int> divisors(int value);

/// True if `total` splits into `num` parts with at most 10 % (or 1) padding overhead.
bool approxDividable(double total, double num, double relOverhead = 0.1, double absOverhead = 1.0);

/// |a-b| <= max(relTol * max(|a|,|b|), absTol).
bool isClose(double a, double b, double relTol = 1e-9, double absTol = 0.0);

/// The i-th of n equal integer sub-ranges of [b, e).
std::pair<int, int> ithRange(std::pair<int, int> range, int i, int n);

/// Backward-layer helpers: map an output-gradient coordinate back to the input-gradient range.
int reverseLow(int pos, int length, int fil, int strd);
int reverseHigh(int pos, int length, int fil, int strd);

/// (largest divisor of value <= f, smallest divisor >= f); each 0 when it does not exist.
std::pair<int, int> closestFactor(int value, double f);

/// Greatest common divisor of positive ints.
int gcdInt(int a, int b);

/// Least common multiple of positive ints.
std::int64_t lcmInt(std::int64_t a, std::int64_t b);

} // namespace kapla
