// Package rating sets indicator values beside targets and earlier values: targets and their tolerance,
// red / amber / green ratings, direction of travel, the statistics that decide whether a change or a
// gap is real, and the plain-English sentence that sums a value up.
package rating

import (
	"math"

	"csperf/internal/indicator"
)

// Confidence levels used throughout: 95% for intervals shown beside figures, 99.8% for the outer
// funnel-plot limits.
const (
	Level95  = 0.95
	Level998 = 0.998
)

// Interval is a two-sided confidence interval.
type Interval struct {
	Lower, Upper float64
}

// Overlaps reports whether a and b share any point.
func (a Interval) Overlaps(b Interval) bool {
	return a.Lower <= b.Upper && b.Lower <= a.Upper
}

// Significant reports whether two values differ significantly, judged by their confidence intervals
// not overlapping. This is a conservative test: two 95% intervals that just fail to overlap correspond
// to a difference significant at well beyond 5%, so a change called significant here is a real one,
// while some real changes near the boundary read as "no significant change".
func Significant(a, b Interval) bool { return !a.Overlaps(b) }

// Z returns the two-sided standard normal quantile for a confidence level: 1.96 for 0.95 and 3.09
// for 0.998.
func Z(level float64) float64 {
	p := 1 - (1-level)/2
	return math.Sqrt2 * math.Erfinv(2*p-1)
}

// Wilson returns the Wilson score interval for a proportion of k out of n, as a fraction between 0
// and 1. It reports false when n is not positive or k is outside 0..n.
func Wilson(k, n int64, level float64) (Interval, bool) {
	if n <= 0 || k < 0 || k > n {
		return Interval{}, false
	}
	z := Z(level)
	nf := float64(n)
	p := float64(k) / nf
	z2 := z * z
	den := 1 + z2/nf
	centre := (p + z2/(2*nf)) / den
	half := z / den * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf))
	iv := Interval{Lower: centre - half, Upper: centre + half}
	// The formula gives exactly 0 and 1 at the extremes; clamp rounding noise.
	if k == 0 {
		iv.Lower = 0
	}
	if k == n {
		iv.Upper = 1
	}
	return iv, true
}

// Poisson returns the exact (Garwood) confidence interval for the mean of a Poisson count that was
// observed to be k, from the quantiles of the gamma distribution (equivalently chi-squared with 2k and
// 2k+2 degrees of freedom, halved). It reports false when k is negative.
func Poisson(k int64, level float64) (Interval, bool) {
	if k < 0 {
		return Interval{}, false
	}
	alpha := 1 - level
	var iv Interval
	if k > 0 {
		iv.Lower = GammaPInv(float64(k), alpha/2)
	}
	iv.Upper = GammaPInv(float64(k+1), 1-alpha/2)
	return iv, true
}

// ValueInterval returns the confidence interval of v in the indicator's own units: Wilson for
// percentages (as percentages), exact Poisson for counts and for rates per 10,000 (treating the
// numerator as the Poisson count and the population as fixed). Averages and ratios (days, scores,
// caseloads) have no interval here, and nor do invalid values: ValueInterval reports false for them.
func ValueInterval(ind indicator.Indicator, v indicator.Value, level float64) (Interval, bool) {
	if !v.Valid {
		return Interval{}, false
	}
	switch ind.Unit {
	case indicator.Percent:
		iv, ok := Wilson(v.Numerator, v.Denominator, level)
		return Interval{iv.Lower * 100, iv.Upper * 100}, ok
	case indicator.Count:
		return Poisson(v.Numerator, level)
	case indicator.Rate10k:
		if v.Denominator <= 0 {
			return Interval{}, false
		}
		iv, ok := Poisson(v.Numerator, level)
		s := 10000 / float64(v.Denominator)
		return Interval{iv.Lower * s, iv.Upper * s}, ok
	}
	return Interval{}, false
}

// FunnelProportion returns the funnel-plot control limits, as fractions, around a target proportion
// p0 for an authority with denominator n, by the normal approximation to the binomial:
// p0 ± z·√(p0(1−p0)/n), clamped to 0..1. It reports false when n is not positive or p0 is outside 0..1.
// The approximation is close for the denominators of local authority indicators (tens and more); for
// very small denominators the limits are wide and clamped, which is what a funnel plot should show.
func FunnelProportion(p0 float64, n int64, level float64) (Interval, bool) {
	if n <= 0 || p0 < 0 || p0 > 1 {
		return Interval{}, false
	}
	h := Z(level) * math.Sqrt(p0*(1-p0)/float64(n))
	return Interval{math.Max(0, p0-h), math.Min(1, p0+h)}, true
}

// FunnelRate returns the funnel-plot control limits around a target rate r0 per `per` (10,000 for
// the catalogue's rates) for an authority with population pop, by the normal approximation to the
// Poisson: the expected count is λ = r0·pop/per and the limits are (λ ± z·√λ)·per/pop, the lower one
// clamped at 0. It reports false when pop or per is not positive or r0 is negative.
func FunnelRate(r0 float64, pop int64, per float64, level float64) (Interval, bool) {
	if pop <= 0 || per <= 0 || r0 < 0 {
		return Interval{}, false
	}
	lambda := r0 * float64(pop) / per
	h := Z(level) * math.Sqrt(lambda) * per / float64(pop)
	return Interval{math.Max(0, r0-h), r0 + h}, true
}

// GammaP returns the regularised lower incomplete gamma function P(a, x) for a > 0 and x ≥ 0: the
// probability that a gamma variable of shape a and scale 1 is at most x. It uses the series expansion
// below x = a+1 and Lentz's continued fraction above it. It returns NaN for arguments out of range.
func GammaP(a, x float64) float64 {
	switch {
	case a <= 0 || x < 0 || math.IsNaN(a) || math.IsNaN(x):
		return math.NaN()
	case x == 0:
		return 0
	case math.IsInf(x, 1):
		return 1
	}
	lg, _ := math.Lgamma(a)
	logPrefix := a*math.Log(x) - x - lg
	if x < a+1 {
		// Series: P = e^(−x) x^a / Γ(a+1) · Σ x^n / ((a+1)…(a+n)).
		term := 1 / a
		sum := term
		for n := 1; n < 10000; n++ {
			term *= x / (a + float64(n))
			sum += term
			if math.Abs(term) < math.Abs(sum)*1e-16 {
				break
			}
		}
		return sum * math.Exp(logPrefix)
	}
	// Continued fraction for Q = 1 − P (modified Lentz).
	const tiny = 1e-300
	b := x + 1 - a
	c := 1 / tiny
	d := 1 / b
	h := d
	for i := 1; i < 10000; i++ {
		an := -float64(i) * (float64(i) - a)
		b += 2
		d = an*d + b
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = b + an/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		del := d * c
		h *= del
		if math.Abs(del-1) < 1e-16 {
			break
		}
	}
	return 1 - math.Exp(logPrefix)*h
}

// GammaPInv returns x such that GammaP(a, x) = p: the p quantile of the gamma distribution of shape a
// and scale 1. It brackets the root and then bisects, which is slow by numerical standards (up to 200
// evaluations) but cannot fail to converge. It returns NaN for a ≤ 0 or p outside 0..1.
func GammaPInv(a, p float64) float64 {
	switch {
	case a <= 0 || p < 0 || p > 1 || math.IsNaN(p):
		return math.NaN()
	case p == 0:
		return 0
	case p == 1:
		return math.Inf(1)
	}
	lo, hi := 0.0, math.Max(1, a)
	for GammaP(a, hi) < p {
		lo, hi = hi, hi*2
	}
	for range 200 {
		mid := (lo + hi) / 2
		if mid == lo || mid == hi {
			break
		}
		if GammaP(a, mid) < p {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}
