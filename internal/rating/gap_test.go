package rating

import (
	"testing"

	"csperf/internal/indicator"
)

func TestGapSignificant(t *testing.T) {
	pct := indicator.Indicator{Unit: indicator.Percent}
	v := indicator.Value{Numerator: 5, Denominator: 10, Value: 50, Valid: true} // 95% interval 23.7–76.3
	for _, c := range []struct {
		comparator float64
		want       bool
	}{{60, false}, {24, false}, {23, true}, {80, true}} {
		if got, ok := GapSignificant(pct, v, c.comparator); !ok || got != c.want {
			t.Errorf("GapSignificant(50%% of 10, %v) = %v, %v", c.comparator, got, ok)
		}
	}
	if _, ok := GapSignificant(indicator.Indicator{Unit: indicator.Score}, v, 1); ok {
		t.Error("scores have no interval")
	}
}

func TestFunnelPosition(t *testing.T) {
	pct := indicator.Indicator{Unit: indicator.Percent}
	rate := indicator.Indicator{Unit: indicator.Rate10k}
	p := func(n, d int64) indicator.Value {
		v := indicator.Value{Numerator: n, Denominator: d}
		v.Finish(indicator.Percent)
		return v
	}
	r := func(n, d int64) indicator.Value {
		v := indicator.Value{Numerator: n, Denominator: d}
		v.Finish(indicator.Rate10k)
		return v
	}
	for _, c := range []struct {
		name   string
		ind    indicator.Indicator
		v      indicator.Value
		target float64
		want   FunnelPosition
	}{
		// Target 50% with 100 children: 95% limits 40.2–59.8, 99.8% limits 34.5–65.5.
		{"within", pct, p(55, 100), 50, WithinLimits},
		{"beyond 95", pct, p(62, 100), 50, Beyond95},
		{"beyond 99.8", pct, p(30, 100), 50, Beyond998},
		// The same 30% from 10 children is noise.
		{"small cohort", pct, p(3, 10), 50, WithinLimits},
		// Target 60 per 10,000 in 10,000 children: 95% limits 44.8–75.2, 99.8% 36.1–83.9.
		{"rate within", rate, r(70, 10000), 60, WithinLimits},
		{"rate beyond 95", rate, r(80, 10000), 60, Beyond95},
		{"rate beyond 99.8", rate, r(90, 10000), 60, Beyond998},
		{"days", indicator.Indicator{Unit: indicator.Days}, indicator.Value{Denominator: 5, Value: 1, Valid: true}, 1, NoFunnel},
		{"invalid", pct, p(0, 0), 50, NoFunnel},
	} {
		if got := Funnel(c.ind, c.v, c.target); got != c.want {
			t.Errorf("%s: Funnel = %q, want %q", c.name, got, c.want)
		}
	}
}
