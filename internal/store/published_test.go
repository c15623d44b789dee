package store_test

import (
	"context"
	"testing"

	"csperf/internal/store"
	"csperf/internal/store/storetest"
)

func TestPublished(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		num, den := 15130.0, 61840.0
		src := store.PublishedSource{Name: "d3.csv", SHA256: "ab12"}
		rows := []store.PublishedValue{
			{Source: "d3.csv", Indicator: "cpp-second-plan", Year: 2025, Level: "Local authority", Region: "North East", Authority: 841, Value: 20, Numerator: &num, Denominator: &den},
			{Source: "d3.csv", Indicator: "cpp-second-plan", Year: 2025, Level: "Local authority", Region: "North East", Authority: 840, Symbol: "c"},
			{Source: "d3.csv", Indicator: "cpp-second-plan", Year: 2025, Level: "National", Value: 24.5, Numerator: &num, Denominator: &den},
			{Source: "d3.csv", Indicator: "cpp-second-plan", Year: 2024, Level: "National", Value: 23},
			{Source: "d3.csv", Indicator: "cpp-second-plan", Year: 2025, Level: "Regional", Region: "North East", Value: 27.2},
		}
		if err := s.SavePublished(ctx, src, rows); err != nil {
			t.Fatal(err)
		}
		got, err := s.Published(ctx, "cpp-second-plan", 2025)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 4 {
			t.Fatalf("%d figures, want 4: %+v", len(got), got)
		}
		if got[0].Level != "National" || got[0].Value != 24.5 || *got[0].Numerator != num || *got[0].Denominator != den {
			t.Errorf("England: %+v", got[0])
		}
		if got[1].Level != "Regional" || got[1].Value != 27.2 || got[1].Numerator != nil {
			t.Errorf("region: %+v", got[1])
		}
		if got[2].Authority != 840 || got[2].Symbol != "c" || got[2].Value != 0 || got[2].Numerator != nil {
			t.Errorf("suppressed: %+v", got[2])
		}
		if got[3].Authority != 841 || got[3].Value != 20 || got[3].Source != "d3.csv" || got[3].Region != "North East" {
			t.Errorf("authority: %+v", got[3])
		}
		// Loading the file again replaces its figures and checksum; other sources are untouched.
		other := store.PublishedSource{Name: "b1.csv", SHA256: "cd34"}
		if err := s.SavePublished(ctx, other, []store.PublishedValue{{Source: "b1.csv", Indicator: "cin-rate", Year: 2025, Level: "National", Value: 330}}); err != nil {
			t.Fatal(err)
		}
		src.SHA256 = "ef56"
		if err := s.SavePublished(ctx, src, rows[3:4]); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Published(ctx, "cpp-second-plan", 2025); len(got) != 0 {
			t.Errorf("after replace: %+v", got)
		}
		if got, _ := s.Published(ctx, "cin-rate", 2025); len(got) != 1 {
			t.Errorf("other source: %+v", got)
		}
		srcs, err := s.PublishedSources(ctx)
		if err != nil || len(srcs) != 2 || srcs[1].Name != "d3.csv" || srcs[1].SHA256 != "ef56" || srcs[1].LoadedAt.IsZero() {
			t.Errorf("sources: %v %+v", err, srcs)
		}
		// A row of another source fails the whole save.
		bad := []store.PublishedValue{rows[0], {Source: "x.csv", Indicator: "cpp-second-plan", Year: 2025, Level: "National"}}
		if err := s.SavePublished(ctx, src, bad); err == nil {
			t.Error("figure of another source accepted")
		}
		if got, _ := s.Published(ctx, "cpp-second-plan", 2024); len(got) != 1 {
			t.Errorf("failed save changed the figures: %+v", got)
		}
	})
}
