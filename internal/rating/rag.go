package rating

import (
	"math"

	"csperf/internal/indicator"
)

// Rating is the result of setting a value against its target. Its value is a word, not a colour
// code, so that every page and report can show it as text as well as (never only as) a colour.
type Rating string

const (
	Green Rating = "green" // at or better than target
	Amber Rating = "amber" // worse than target, but within tolerance
	Red   Rating = "red"   // worse than target by more than the tolerance
	Grey  Rating = "grey"  // not rated: a neutral indicator, or a target row for monitoring only
	None  Rating = ""      // no target set
)

// Label returns the rating as text to show beside (or instead of) its colour.
func (r Rating) Label() string {
	switch r {
	case Green:
		return "Green: on or better than target"
	case Amber:
		return "Amber: just short of target"
	case Red:
		return "Red: short of target"
	case Grey:
		return "Grey: not rated"
	}
	return "No target"
}

// RAG rates value against t for the indicator ind. Neutral indicators, and targets that set no
// target level (kept for monitoring only), are Grey; a nil target gives None. The value is first
// rounded to the indicator's decimals, so that a figure shown as equal to the target is rated as
// meeting it. Green is at or better than the target by the indicator's polarity; Amber is worse but
// by no more than the tolerance (percentage points or units for "absolute", a percentage of the
// target for "relative"); Red is further away.
func RAG(ind indicator.Indicator, value float64, t *Target) Rating {
	if t == nil {
		return None
	}
	if ind.Polarity == indicator.Neutral || t.Target == nil {
		return Grey
	}
	target := *t.Target
	v := indicator.Round(value, ind.Decimals)
	var shortfall float64 // how far the value is worse than the target; ≤ 0 when it meets it
	switch ind.Polarity {
	case indicator.HigherIsBetter:
		shortfall = target - v
	case indicator.LowerIsBetter:
		shortfall = v - target
	default:
		return Grey
	}
	const eps = 1e-9 // absorbs floating-point noise in the subtraction
	if shortfall <= eps {
		return Green
	}
	if shortfall <= t.Allowance()+eps {
		return Amber
	}
	return Red
}

// Allowance returns the tolerance in the indicator's units: the tolerance itself when it is
// absolute, or that percentage of the target when it is relative. It is 0 when there is no target.
func (t *Target) Allowance() float64 {
	if t.ToleranceKind == Relative {
		if t.Target == nil {
			return 0
		}
		return math.Abs(*t.Target) * t.Tolerance / 100
	}
	return t.Tolerance
}
