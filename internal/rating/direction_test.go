package rating

import (
	"testing"

	"csperf/internal/indicator"
)

func TestDirection(t *testing.T) {
	pctHigher := indicator.Indicator{ID: "p", Unit: indicator.Percent, Polarity: indicator.HigherIsBetter}
	pctLower := indicator.Indicator{ID: "p", Unit: indicator.Percent, Polarity: indicator.LowerIsBetter}
	rateLower := indicator.Indicator{ID: "p", Unit: indicator.Rate10k, Polarity: indicator.LowerIsBetter}
	neutral := indicator.Indicator{ID: "p", Unit: indicator.Rate10k, Polarity: indicator.Neutral}
	days := indicator.Indicator{ID: "p", Unit: indicator.Days, Polarity: indicator.LowerIsBetter}
	val := func(u indicator.Unit, n, d int64) indicator.Value {
		v := indicator.Value{Indicator: "p", Numerator: n, Denominator: d}
		v.Finish(u)
		return v
	}
	pct := func(n, d int64) indicator.Value { return val(indicator.Percent, n, d) }
	rate := func(n, d int64) indicator.Value { return val(indicator.Rate10k, n, d) }
	for _, c := range []struct {
		name        string
		ind         indicator.Indicator
		now, before indicator.Value
		want        Trend
	}{
		// 7 of 9 → 5 of 9: 78% → 56%, a big-looking fall that is two children.
		{"small cohort wobble", pctHigher, pct(5, 9), pct(7, 9), NoSignificantChange},
		{"large rise, higher better", pctHigher, pct(800, 1000), pct(700, 1000), Better},
		{"large fall, higher better", pctHigher, pct(700, 1000), pct(800, 1000), Worse},
		{"large rise, lower better", pctLower, pct(800, 1000), pct(700, 1000), Worse},
		{"large fall, lower better", pctLower, pct(700, 1000), pct(800, 1000), Better},
		{"same proportion", pctHigher, pct(70, 100), pct(70, 100), NoSignificantChange},
		// 62 → 68 per 10,000 in 40,000 children: 248 → 272 children, intervals overlap.
		{"rate within noise", rateLower, rate(272, 40000), rate(248, 40000), NoSignificantChange},
		// 50 → 80 per 10,000 in 40,000 children: 200 → 320 children.
		{"rate real rise, lower better", rateLower, rate(320, 40000), rate(200, 40000), Worse},
		{"neutral", neutral, rate(320, 40000), rate(200, 40000), NotComparable},
		{"previous missing", pctHigher, pct(5, 9), indicator.Value{Indicator: "p"}, NotComparable},
		{"different indicators", pctHigher, pct(5, 9), indicator.Value{Indicator: "q", Valid: true}, NotComparable},
		{"averages compared at decimals", days,
			indicator.Value{Indicator: "p", Value: 380.2, Valid: true},
			indicator.Value{Indicator: "p", Value: 400, Valid: true}, Better},
		{"averages equal when shown", days,
			indicator.Value{Indicator: "p", Value: 400.3, Valid: true},
			indicator.Value{Indicator: "p", Value: 400, Valid: true}, NoSignificantChange},
	} {
		if got := Direction(c.ind, c.now, c.before); got != c.want {
			t.Errorf("%s: Direction = %q, want %q", c.name, got, c.want)
		}
	}
}
