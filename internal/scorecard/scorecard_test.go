package scorecard_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"csperf/internal/calendar"
	"csperf/internal/demo"
	"csperf/internal/disclose"
	"csperf/internal/pseudo"
	"csperf/internal/scorecard"
	"csperf/internal/store"
	"csperf/internal/store/storetest"
)

// TestBuildStoredMatchesBuild checks that the scorecard read from stored values (what the web pages
// show) is the scorecard recomputed from the returns (what the command line and reports show).
func TestBuildStoredMatchesBuild(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := storetest.SQLite(t)
	key, err := pseudo.LoadOrCreate(filepath.Join(dir, "key"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := demo.Prepare(ctx, st, key, demo.Options{Dir: filepath.Join(dir, "data"), Authorities: 4, Loaded: 2, Years: 2, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveNarrative(ctx, store.Narrative{Indicator: "cla-rate", Authority: res.Loaded[0],
		PeriodEnd: calendar.Of(2025, time.March, 31), Text: "Our own words.", Author: "analyst"}); err != nil {
		t.Fatal(err)
	}
	for _, at := range []calendar.Date{calendar.Of(2025, time.March, 31), calendar.Of(2024, time.September, 30)} {
		for _, a := range []disclose.Audience{disclose.Analyst, disclose.Member} {
			want, wantSource, err := scorecard.Build(ctx, st, key, res.Loaded[0], at, a)
			if err != nil {
				t.Fatal(err)
			}
			got, gotSource, err := scorecard.BuildStored(ctx, st, res.Loaded[0], at, a)
			if err != nil {
				t.Fatal(err)
			}
			if gotSource != wantSource || len(got) != len(want) || len(got) < 20 {
				t.Fatalf("%s %s: %d rows from %s stored, %d from %s recomputed", at, a, len(got), gotSource, len(want), wantSource)
			}
			for i := range want {
				w, g := want[i], got[i]
				if g.Indicator.ID != w.Indicator.ID || g.Value.Numerator != w.Value.Numerator || g.Value.Denominator != w.Value.Denominator ||
					g.Shown != w.Shown || g.Trend != w.Trend || g.YearTrend != w.YearTrend || g.Comparison != w.Comparison ||
					g.Rating != w.Rating || g.Narrative != w.Narrative || g.NarrativeBy != w.NarrativeBy {
					t.Errorf("%s %s %s:\nstored     %+v\nrecomputed %+v", at, a, w.Indicator.ID, g, w)
				}
			}
		}
	}
	rows, _, err := scorecard.BuildStored(ctx, st, res.Loaded[0], calendar.Of(2025, time.March, 31), disclose.Analyst)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Indicator.ID == "cla-rate" && (r.Narrative != "Our own words." || r.NarrativeBy != "analyst") {
			t.Errorf("edited narrative not used: %q by %q", r.Narrative, r.NarrativeBy)
		}
	}
}
