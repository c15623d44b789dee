package kpi

import (
	"testing"

	"csperf/internal/calendar"
	"csperf/internal/indicator"
	"csperf/internal/synth"
)

// TestEngineOnSyntheticEngland computes the headline indicators with the engine on a generated
// 20-authority, 5-year set and checks that, pooled over the authorities, they agree with the figures
// the generator was calibrated to (England's published figures).
func TestEngineOnSyntheticEngland(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 20 authorities: skipped in -short mode")
	}
	g, err := synth.New(synth.Options{Authorities: 20, Years: 5, LastYear: 2025, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	at := calendar.CollectionYearEnd(2025)
	num, den := map[string]int64{}, map[string]int64{}
	for i := range g.Authorities() {
		c := g.Council(i)
		h := indicator.NewHistory(c.Authority.Number, c.Authority.Population, c.Returns, c.Censuses, c.Workforce)
		vals, err := indicator.Compute(h, at, false)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vals {
			if v.Category != "" {
				continue
			}
			num[v.Indicator] += v.Numerator
			den[v.Indicator] += v.Denominator
		}
	}
	bands := []struct {
		id        string
		scale     float64
		low, high float64
	}{
		{"cla-rate", 10000, 55, 80},
		{"cla-starts-rate", 10000, 21, 33},
		{"placement-3plus", 100, 7, 13},
		{"placement-long-term", 100, 55, 80},
		{"health-assessment", 100, 85, 93},
		{"care-leavers-eet-19-21", 100, 47, 63},
		{"care-leavers-accom-19-21", 100, 82, 94},
		{"cin-rate", 10000, 280, 400},
		{"rereferral-12m", 100, 17, 27},
		{"assessment-45wd", 100, 76, 88},
		{"cpp-second-plan", 100, 15, 29},
		{"cpp-2-years", 100, 1, 5.5},
		{"workforce-agency-rate", 100, 9, 18},
		{"workforce-vacancy-rate", 100, 10, 19},
		{"workforce-caseload", 1, 12, 18},
	}
	for _, b := range bands {
		if den[b.id] == 0 {
			t.Errorf("%s: no value computed", b.id)
			continue
		}
		got := float64(num[b.id]) / float64(den[b.id]) * b.scale
		t.Logf("%-28s %7.1f  (%d / %d; band %g–%g)", b.id, got, num[b.id], den[b.id], b.low, b.high)
		if got < b.low || got > b.high {
			t.Errorf("%s = %.1f, outside %g–%g", b.id, got, b.low, b.high)
		}
	}
}
