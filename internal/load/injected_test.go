package load

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"csperf/internal/finding"
	"csperf/internal/synth"
)

// TestInjectedErrorsAreFound generates councils with known mistakes and checks that each mistake in
// the generator's manifest is found by the DfE check meant for it, at the row (or for the child) the
// manifest names.
func TestInjectedErrorsAreFound(t *testing.T) {
	g, err := synth.New(synth.Options{Authorities: 2, Years: 2, LastYear: 2025, Seed: 4, ErrorRate: 0.02})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := g.Write(context.Background(), dir, nil); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		synth.KindInvalidCode:           "144", // legal status not a valid code
		synth.KindMissingDate:           "141", // episode start date missing
		synth.KindOverlap:               "501", // the next episode starts before this one ended
		synth.KindDOBAfterStart:         "302", // first episode starts before the child was born
		synth.KindDuplicateFamily:       "csperf-duplicate-child",
		synth.KindClosureBeforeReferral: "8630",
		synth.KindBadReferralSource:     "8866",
	}
	seen := map[string]int{}
	for _, a := range g.Authorities() {
		for _, year := range []int{2024, 2025} {
			yd := filepath.Join(dir, synth.YearDir(a.Number, year))
			var found []finding.Finding
			for _, path := range []string{filepath.Join(yd, "ssda903"), filepath.Join(yd, "cin.xml")} {
				p, err := Read(Request{Authority: a.Number, Year: year, Paths: []string{path}})
				if err != nil {
					t.Fatal(err)
				}
				found = append(found, p.Findings...)
			}
			for _, m := range readManifest(t, filepath.Join(yd, "errors.csv")) {
				code := want[m["kind"]]
				if code == "" {
					t.Errorf("no expected check for injected mistake kind %q", m["kind"])
					continue
				}
				seen[m["kind"]]++
				row, _ := strconv.Atoi(m["row"])
				ok := false
				for _, f := range found {
					if f.Rule != code || f.Child != m["child"] {
						continue
					}
					// Row-level mistakes must be reported at their row; mistakes about a child as a
					// whole (a date of birth, a family entered twice) may be reported on any of its rows.
					// An overlap is reported on the episode that starts too early: the next row.
					if row == 0 || f.Row == row || (m["kind"] == synth.KindOverlap && f.Row == row+1) ||
						m["kind"] == synth.KindDOBAfterStart || m["kind"] == synth.KindDuplicateFamily {
						ok = true
						break
					}
				}
				if !ok {
					t.Errorf("LA %d %d: %s in %s row %s (child %s, %s=%q) not found by check %s",
						a.Number, year, m["kind"], m["file"], m["row"], m["child"], m["field"], m["value"], code)
				}
			}
		}
	}
	t.Logf("injected mistakes checked: %v", seen)
	for _, k := range []string{synth.KindInvalidCode, synth.KindMissingDate, synth.KindDOBAfterStart, synth.KindBadReferralSource, synth.KindClosureBeforeReferral} {
		if seen[k] == 0 {
			t.Errorf("no %s mistakes injected; the test proves nothing for them", k)
		}
	}
}

func readManifest(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = strings.TrimSpace(r[i])
		}
		out = append(out, m)
	}
	return out
}
