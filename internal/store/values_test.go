package store_test

import (
	"context"
	"testing"

	"csperf/internal/calendar"
	"csperf/internal/store"
	"csperf/internal/store/storetest"
)

func TestValues(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		d1, d2 := calendar.Of(2025, 2, 28), calendar.Of(2025, 3, 31)
		vals := []store.Value{
			{Authority: 857, Indicator: "cla-rate", PeriodEnd: d1, Numerator: 32, Denominator: 7800, Value: 41.0256, Valid: true, Basis: "ssda903:1"},
			{Authority: 857, Indicator: "cla-rate", PeriodEnd: d2, Numerator: 33, Denominator: 7800, Value: 42.3077, Valid: true, Basis: "ssda903:1"},
			{Authority: 857, Indicator: "cla-by-age", PeriodEnd: d2, Category: "under-1", Numerator: 2, Denominator: 33, Value: 2, Valid: true},
			{Authority: 857, Indicator: "placement-3plus", PeriodEnd: d2, Numerator: 0, Denominator: 0},
		}
		if err := s.ReplaceValues(ctx, 857, vals); err != nil {
			t.Fatal(err)
		}
		if err := s.ReplaceValues(ctx, 858, []store.Value{{Authority: 858, Indicator: "cla-rate", PeriodEnd: d2, Numerator: 1, Denominator: 10, Value: 1000, Valid: true}}); err != nil {
			t.Fatal(err)
		}
		got, err := s.Values(ctx, 857, "", 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 4 {
			t.Fatalf("%d values, want 4", len(got))
		}
		// ordered by indicator, period, category
		if got[0].Indicator != "cla-by-age" || got[1].PeriodEnd != d1 || got[3].Indicator != "placement-3plus" {
			t.Errorf("order: %+v", got)
		}
		if got[3].Valid || got[2].Value != 42.3077 || got[2].Numerator != 33 || got[2].Basis != "ssda903:1" || got[2].ComputedAt.IsZero() {
			t.Errorf("values read back: %+v", got)
		}
		only, err := s.Values(ctx, 857, "cla-rate", d2, d2)
		if err != nil || len(only) != 1 || only[0].Numerator != 33 {
			t.Errorf("filtered: %v %+v", err, only)
		}
		at, err := s.ValuesAt(ctx, "cla-rate", d2)
		if err != nil || len(at) != 2 || at[0].Authority != 857 || at[0].Numerator != 33 || at[1].Authority != 858 || at[1].Value != 1000 {
			t.Errorf("values of every authority at %s: %v %+v", d2, err, at)
		}
		// Replacing drops what is no longer computed and leaves other authorities alone.
		if err := s.ReplaceValues(ctx, 857, vals[:1]); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Values(ctx, 857, "", 0, 0); len(got) != 1 {
			t.Errorf("after replace: %d values", len(got))
		}
		if got, _ := s.Values(ctx, 858, "", 0, 0); len(got) != 1 {
			t.Errorf("other authority: %d values", len(got))
		}
		if err := s.ReplaceValues(ctx, 857, []store.Value{{Authority: 1, Indicator: "x", PeriodEnd: d1}}); err == nil {
			t.Error("value of another authority accepted")
		}
		if got, _ := s.Values(ctx, 857, "", 0, 0); len(got) != 1 {
			t.Errorf("failed replace changed the values: %d", len(got))
		}
	})
}

func TestLocalFigures(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		d := calendar.Of(2025, 3, 31)
		f := store.LocalFigure{Authority: 857, Indicator: "foster-carers-approved", PeriodEnd: d, Numerator: 12, Note: "panel minutes", EnteredBy: "ana"}
		if err := s.SaveLocalFigures(ctx, []store.LocalFigure{f}); err != nil {
			t.Fatal(err)
		}
		f.Numerator = 13
		if err := s.SaveLocalFigures(ctx, []store.LocalFigure{f}); err != nil {
			t.Fatal(err)
		}
		got, err := s.LocalFigures(ctx, 857)
		if err != nil || len(got) != 1 || got[0].Numerator != 13 || got[0].Note != "panel minutes" || got[0].PeriodEnd != d {
			t.Errorf("local figures: %v %+v", err, got)
		}
	})
}
