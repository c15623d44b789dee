package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"csperf/internal/calendar"
	"csperf/internal/disclose"
	"csperf/internal/scorecard"
)

// getJSON asks path and decodes the JSON answer, checking the status and the content type.
func getJSON(t *testing.T, c *client, path string, status int, v any) {
	t.Helper()
	rec := c.get(path)
	if rec.Code != status {
		t.Fatalf("GET %s: %d, want %d: %s", path, rec.Code, status, rec.Body.String())
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Fatalf("GET %s: Content-Type %q", path, ct)
	}
	if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
		t.Fatalf("GET %s: %v in %s", path, err, rec.Body.String())
	}
}

type apiScorecardAnswer struct {
	Authority int      `json:"authority"`
	At        string   `json:"at"`
	Source    string   `json:"source"`
	Audience  string   `json:"audience"`
	Rows      []apiRow `json:"rows"`
}

// suppressedDate finds a month end at which the member's scorecard of la has a suppressed row.
func suppressedDate(t *testing.T, f *fixture, la int) calendar.Date {
	t.Helper()
	ctx := context.Background()
	dates, err := f.st.ValueDates(ctx, la)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(dates) - 1; i >= 0; i-- {
		rows, _, err := scorecard.BuildStored(ctx, f.st, la, dates[i], disclose.Member)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if r.Shown == disclose.Suppressed {
				return dates[i]
			}
		}
	}
	t.Fatal("no date with a suppressed figure for members in the fixture")
	return 0
}

func TestAPIScorecardEqualsBuildStored(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[0]
	at := suppressedDate(t, f, la)
	ctx := context.Background()
	for _, who := range []string{"analyst", "member"} {
		t.Run(who, func(t *testing.T) {
			a := disclose.Analyst
			if who == "member" {
				a = disclose.Member
			}
			want, source, err := scorecard.BuildStored(ctx, f.st, la, at, a)
			if err != nil {
				t.Fatal(err)
			}
			var got apiScorecardAnswer
			getJSON(t, f.as(t, who), fmt.Sprintf("/api/la/%d/scorecard?at=%s", la, at), http.StatusOK, &got)
			if got.Authority != la || got.At != at.String() || got.Source != source || got.Audience != string(a) {
				t.Errorf("header: %+v", got)
			}
			if len(got.Rows) != len(want) || len(want) < 10 {
				t.Fatalf("%d rows, want %d", len(got.Rows), len(want))
			}
			suppressed := 0
			for i, w := range want {
				g := got.Rows[i]
				if g.Indicator != w.Indicator.ID || g.Shown != w.Shown || g.PeriodEnd != w.Value.PeriodEnd.String() {
					t.Errorf("row %d: %s %q %s, want %s %q", i, g.Indicator, g.Shown, g.PeriodEnd, w.Indicator.ID, w.Shown)
					continue
				}
				if g.Trend != string(w.Trend) || g.YearTrend != string(w.YearTrend) || g.Rating != string(w.Rating) || g.Narrative != w.Narrative {
					t.Errorf("%s: trend %s/%s rating %s narrative %q, want %s/%s %s %q", g.Indicator, g.Trend, g.YearTrend, g.Rating,
						g.Narrative, w.Trend, w.YearTrend, w.Rating, w.Narrative)
				}
				c := w.Comparison
				if c.HasEngland != (g.Comparison.England != nil) || (c.HasEngland && *g.Comparison.England != c.England) {
					t.Errorf("%s: England %v, want %v", g.Indicator, g.Comparison.England, c.England)
				}
				if g.Comparison.SNCount != c.SNCount || g.Comparison.Source != w.Comparator {
					t.Errorf("%s: comparison %+v, want %+v from %s", g.Indicator, g.Comparison, c, w.Comparator)
				}
				if w.Shown == disclose.Suppressed {
					suppressed++
					if g.Value != nil || g.Numerator != nil || g.Denominator != nil || g.Comparison.Rank != nil || g.Narrative != "" {
						t.Errorf("%s suppressed for members but the answer gives value %v, counts %v/%v, rank %v, narrative %q",
							g.Indicator, g.Value, g.Numerator, g.Denominator, g.Comparison.Rank, g.Narrative)
					}
					continue
				}
				if w.Value.Valid != (g.Value != nil) || (g.Value != nil && *g.Value != w.Value.Value) {
					t.Errorf("%s: value %v, want %v", g.Indicator, g.Value, w.Value.Value)
				}
				if a == disclose.Analyst && (g.Numerator == nil || *g.Numerator != w.Value.Numerator) {
					t.Errorf("%s: numerator %v, want %d", g.Indicator, g.Numerator, w.Value.Numerator)
				}
				if c.Rank > 0 && (g.Comparison.Rank == nil || *g.Comparison.Rank != c.Rank || *g.Comparison.Of != c.Of || g.Comparison.Band != c.Band) {
					t.Errorf("%s: rank %v, want %d of %d %s", g.Indicator, g.Comparison.Rank, c.Rank, c.Of, c.Band)
				}
			}
			if a == disclose.Member && suppressed == 0 {
				t.Error("no row suppressed for the member at a date chosen for having one")
			}
			if a == disclose.Analyst && suppressed != 0 {
				t.Errorf("%d rows suppressed for an analyst", suppressed)
			}
		})
	}
}

func TestAPISeries(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[0]
	ctx := context.Background()
	at := suppressedDate(t, f, la)
	rows, _, err := scorecard.BuildStored(ctx, f.st, la, at, disclose.Member)
	if err != nil {
		t.Fatal(err)
	}
	var id string
	for _, r := range rows {
		if r.Shown == disclose.Suppressed {
			id = r.Indicator.ID
			break
		}
	}
	from, to := at.AddMonths(-12), at
	stored, err := f.st.Values(ctx, la, id, from, to)
	if err != nil {
		t.Fatal(err)
	}
	type answer struct {
		Indicator string     `json:"indicator"`
		Points    []apiPoint `json:"points"`
	}
	path := fmt.Sprintf("/api/la/%d/series/%s?from=%s&to=%s", la, id, from, to)
	var analyst, member answer
	getJSON(t, f.as(t, "analyst"), path, http.StatusOK, &analyst)
	getJSON(t, f.as(t, "member"), path, http.StatusOK, &member)
	if analyst.Indicator != id || len(analyst.Points) != len(stored) || len(member.Points) != len(stored) || len(stored) < 12 {
		t.Fatalf("%s: %d and %d points, want %d", id, len(analyst.Points), len(member.Points), len(stored))
	}
	hidden := 0
	for i, v := range stored {
		a, m := analyst.Points[i], member.Points[i]
		if a.PeriodEnd != v.PeriodEnd.String() || a.Value == nil || *a.Value != v.Value || *a.Numerator != v.Numerator {
			t.Errorf("analyst point %d: %+v, want %+v", i, a, v)
		}
		if m.Shown == disclose.Suppressed {
			hidden++
			if m.Value != nil || m.Numerator != nil || m.Denominator != nil {
				t.Errorf("member point %s suppressed but gives %v %v %v", m.PeriodEnd, m.Value, m.Numerator, m.Denominator)
			}
		} else if m.Value == nil || *m.Value != v.Value {
			t.Errorf("member point %s: %v, want %v", m.PeriodEnd, m.Value, v.Value)
		}
	}
	if hidden == 0 {
		t.Errorf("%s: no point suppressed for the member, though the value at %s is", id, at)
	}
}

func TestAPIComparators(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[0]
	ctx := context.Background()
	dates, err := f.st.ValueDates(ctx, la)
	if err != nil {
		t.Fatal(err)
	}
	at := dates[len(dates)-1]
	rows, _, err := scorecard.BuildStored(ctx, f.st, la, at, disclose.Analyst)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, r := range rows {
		if r.Comparator == "" || r.Comparison.SNCount == 0 {
			continue
		}
		var got struct {
			Indicator  string         `json:"indicator"`
			Value      *float64       `json:"value"`
			Comparison apiComparison  `json:"comparison"`
			Neighbours []apiNeighbour `json:"neighbours"`
		}
		getJSON(t, f.as(t, "analyst"), fmt.Sprintf("/api/la/%d/comparators/%s?at=%s", la, r.Indicator.ID, at), http.StatusOK, &got)
		c := r.Comparison
		if got.Comparison.SNMean == nil || *got.Comparison.SNMean != c.SNMean || *got.Comparison.SNMedian != c.SNMedian {
			t.Errorf("%s: SN mean/median %v %v, want %v %v", r.Indicator.ID, got.Comparison.SNMean, got.Comparison.SNMedian, c.SNMean, c.SNMedian)
		}
		withValue := 0
		for _, n := range got.Neighbours {
			// A neighbour's small count is suppressed for a user with no role there.
			if n.Value != nil || n.Shown == disclose.Suppressed {
				withValue++
			}
			if n.Name == "" {
				t.Errorf("%s: neighbour %d has no name", r.Indicator.ID, n.Number)
			}
		}
		if withValue != c.SNCount {
			t.Errorf("%s: %d neighbours with a value, the comparison counted %d", r.Indicator.ID, withValue, c.SNCount)
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no indicator with statistical-neighbour comparators in the fixture")
	}
}

func TestAPIAuthorities(t *testing.T) {
	f := testFixture(t)
	type answer struct {
		Authorities []apiAuthority `json:"authorities"`
	}
	var member, admin, outsider answer
	getJSON(t, f.as(t, "member"), "/api/authorities", http.StatusOK, &member)
	getJSON(t, f.as(t, "admin"), "/api/authorities", http.StatusOK, &admin)
	getJSON(t, f.as(t, "outsider"), "/api/authorities", http.StatusOK, &outsider)
	if len(member.Authorities) != 1 || member.Authorities[0].Number != f.loaded[0] || member.Authorities[0].Role != RoleMember ||
		member.Authorities[0].Name == "" {
		t.Errorf("member: %+v", member.Authorities)
	}
	if len(admin.Authorities) != 6 || admin.Authorities[0].Role != "admin" {
		t.Errorf("admin: %+v", admin.Authorities)
	}
	if outsider.Authorities == nil || len(outsider.Authorities) != 0 {
		t.Errorf("outsider: %+v, want an empty list", outsider.Authorities)
	}
}

func TestAPIErrors(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[0]
	tests := []struct {
		who, path string
		status    int
		message   string
	}{
		{"analyst", fmt.Sprintf("/api/la/%d/scorecard?at=31/03/2025", la), 400, "YYYY-MM-DD"},
		{"analyst", fmt.Sprintf("/api/la/%d/series/no-such-thing", la), 400, `no indicator "no-such-thing"`},
		{"analyst", fmt.Sprintf("/api/la/%d/series/cla-rate?from=2025", la), 400, "YYYY-MM-DD"},
		{"analyst", fmt.Sprintf("/api/la/%d/series/cla-rate?from=2025-03-31&to=2024-03-31", la), 400, "from must not be after to"},
		{"analyst", fmt.Sprintf("/api/la/%d/comparators/nope", la), 400, `no indicator "nope"`},
		{"admin", "/api/la/999/scorecard", 404, "no authority 999"},
		{"analyst", "/api/la/999/scorecard", 403, "may not view aggregates"},
		{"", "/api/authorities", 401, "sign in"},
	}
	for _, tt := range tests {
		var got map[string]string
		getJSON(t, f.as(t, tt.who), tt.path, tt.status, &got)
		if !strings.Contains(got["error"], tt.message) {
			t.Errorf("%s: error %q, want it to say %q", tt.path, got["error"], tt.message)
		}
	}
}
