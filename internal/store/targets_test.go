package store_test

import (
	"context"
	"testing"

	"csperf/internal/calendar"
	"csperf/internal/store"
	"csperf/internal/store/storetest"
)

func TestTargets(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sixty, fifty := 60.0, 50.0
		d := calendar.Of(2026, 3, 31)
		in := store.Target{Authority: 857, Indicator: "cla-rate", PeriodEnd: d, Target: &sixty, Stretch: &fifty,
			Tolerance: 5, ToleranceKind: "relative", Rationale: "in line with neighbours", EnteredBy: "ana"}
		if err := s.SaveTargets(ctx, []store.Target{in}); err != nil {
			t.Fatal(err)
		}
		in.Tolerance = 3
		if err := s.SaveTargets(ctx, []store.Target{in}); err != nil {
			t.Fatal(err)
		}
		got, err := s.Targets(ctx, 857)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].Tolerance != 3 || got[0].Milestone != nil || *got[0].Target != 60 || *got[0].Stretch != 50 ||
			got[0].ToleranceKind != "relative" || got[0].PeriodEnd != d || got[0].Rationale != "in line with neighbours" {
			t.Errorf("targets read back: %+v", got)
		}
		bad := in
		bad.ToleranceKind = "vague"
		if err := s.SaveTargets(ctx, []store.Target{bad}); err == nil {
			t.Error("unknown tolerance kind accepted")
		}
	})
}
