package rating

import (
	"testing"

	"csperf/internal/indicator"
)

func f(x float64) *float64 { return &x }

func TestRAG(t *testing.T) {
	higher := indicator.Indicator{Unit: indicator.Percent, Decimals: 0, Polarity: indicator.HigherIsBetter}
	lower := indicator.Indicator{Unit: indicator.Percent, Decimals: 1, Polarity: indicator.LowerIsBetter}
	neutral := indicator.Indicator{Unit: indicator.Rate10k, Polarity: indicator.Neutral}
	abs := func(target, tol float64) *Target {
		return &Target{Target: f(target), Tolerance: tol, ToleranceKind: Absolute}
	}
	rel := func(target, tol float64) *Target {
		return &Target{Target: f(target), Tolerance: tol, ToleranceKind: Relative}
	}
	for _, c := range []struct {
		name  string
		ind   indicator.Indicator
		value float64
		t     *Target
		want  Rating
	}{
		{"higher above target", higher, 92, abs(90, 5), Green},
		{"higher at target", higher, 90, abs(90, 5), Green},
		{"higher rounds up to target", higher, 89.6, abs(90, 5), Green},
		{"higher within absolute tolerance", higher, 86, abs(90, 5), Amber},
		{"higher at edge of absolute tolerance", higher, 85, abs(90, 5), Amber},
		{"higher beyond absolute tolerance", higher, 84, abs(90, 5), Red},
		{"higher within relative tolerance", higher, 82, rel(90, 10), Amber}, // 10% of 90 = 9
		{"higher at edge of relative tolerance", higher, 81, rel(90, 10), Amber},
		{"higher beyond relative tolerance", higher, 80, rel(90, 10), Red},
		{"higher no tolerance just short", higher, 89, abs(90, 0), Red},
		{"lower below target", lower, 15.0, abs(18, 2), Green},
		{"lower at target", lower, 18.0, abs(18, 2), Green},
		{"lower rounds down to target", lower, 18.04, abs(18, 2), Green},
		{"lower within absolute tolerance", lower, 19.5, abs(18, 2), Amber},
		{"lower at edge of absolute tolerance", lower, 20.0, abs(18, 2), Amber},
		{"lower beyond absolute tolerance", lower, 20.1, abs(18, 2), Red},
		{"lower within relative tolerance", lower, 21.0, rel(20, 5), Amber}, // 5% of 20 = 1
		{"lower beyond relative tolerance", lower, 21.1, rel(20, 5), Red},
		{"neutral with target", neutral, 70, abs(60, 5), Grey},
		{"monitoring only", higher, 70, &Target{Tolerance: 5}, Grey},
		{"no target", higher, 70, nil, None},
		{"empty kind means absolute", higher, 86, &Target{Target: f(90), Tolerance: 5}, Amber},
	} {
		if got := RAG(c.ind, c.value, c.t); got != c.want {
			t.Errorf("%s: RAG(%v) = %q, want %q", c.name, c.value, got, c.want)
		}
	}
}

func TestRatingLabel(t *testing.T) {
	for _, r := range []Rating{Green, Amber, Red, Grey, None} {
		if r.Label() == "" {
			t.Errorf("rating %q has no label", r)
		}
	}
	if Red.Label() != "Red: short of target" {
		t.Errorf("Red.Label() = %q", Red.Label())
	}
}
