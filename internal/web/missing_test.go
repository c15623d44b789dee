package web

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"csperf/internal/calendar"
	"csperf/internal/ssda903"
	"csperf/internal/store"
)

// rawMissing reads the 903 Missing rows of la's latest snapshot of each year straight from the
// store, an episode given in two years' returns once, as the later year gives it.
func rawMissing(t *testing.T, f *fixture, la int) []ssda903.Missing {
	t.Helper()
	ctx := context.Background()
	snaps, err := f.st.Snapshots(ctx, la)
	if err != nil {
		t.Fatal(err)
	}
	latest := map[int]int64{}
	for _, s := range snaps {
		if s.Return == store.ReturnSSDA903 {
			latest[s.Year] = s.ID
		}
	}
	var years []int
	for y := range latest {
		years = append(years, y)
	}
	slices.Sort(years)
	at := map[string]int{}
	var out []ssda903.Missing
	for _, y := range years {
		r, err := f.st.SSDA903(ctx, latest[y])
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range r.Missing {
			k := m.Child + m.Missing + m.MisStart.String()
			if i, ok := at[k]; ok {
				out[i] = m
				continue
			}
			at[k] = len(out)
			out = append(out, m)
		}
	}
	return out
}

// listed returns the pseudonyms in the table with id on the page, sorted.
func listed(body, id string) []string {
	start := strings.Index(body, `id="`+id+`"`)
	if start < 0 {
		return nil
	}
	table := body[start:]
	table = table[:strings.Index(table, "</table>")]
	var out []string
	for _, m := range regexp.MustCompile(`/child/([a-z2-7]{16})"`).FindAllStringSubmatch(table, -1) {
		out = append(out, m[1])
	}
	slices.Sort(out)
	return out
}

func TestMissingPage(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[0]
	raw := rawMissing(t, f, la)
	if len(raw) == 0 {
		t.Fatal("the fixture has no missing episodes")
	}
	// The expected lists for a week, worked out from the raw rows.
	expect := func(week calendar.Date) (now, returned []string) {
		for _, m := range raw {
			switch {
			case m.MisStart.IsZero() || m.MisStart > week:
			case m.MisEnd.IsZero() || m.MisEnd > week:
				now = append(now, f.key.Child(la, m.Child))
			case m.MisEnd >= week.AddDays(-6):
				returned = append(returned, f.key.Child(la, m.Child))
			}
		}
		slices.Sort(now)
		slices.Sort(returned)
		return now, returned
	}
	// A week with children both still missing and returned: one ending on a return date.
	var week calendar.Date
	for _, m := range raw {
		if m.MisEnd.IsZero() {
			continue
		}
		now, returned := expect(m.MisEnd)
		if week == 0 || len(now) > 0 && len(returned) > 0 {
			week = m.MisEnd
		}
		if len(now) > 0 && len(returned) > 0 {
			break
		}
	}
	if week == 0 {
		t.Fatal("no missing episode in the fixture has ended")
	}
	wantNow, wantReturned := expect(week)
	t.Logf("week ending %s: %d missing at the end, %d returned, of %d episodes", week, len(wantNow), len(wantReturned), len(raw))
	c := f.as(t, "analyst")
	rec := c.get(fmt.Sprintf("/la/%d/missing?week=%s", la, week))
	if rec.Code != http.StatusOK {
		t.Fatalf("missing page: %d %s", rec.Code, rec.Body.String())
	}
	body := rec.Body.String()
	if got := listed(body, "missing-now"); !slices.Equal(got, wantNow) {
		t.Errorf("week ending %s: missing at the end %v, want %v", week, got, wantNow)
	}
	if got := listed(body, "missing-returned"); !slices.Equal(got, wantReturned) || len(got) == 0 {
		t.Errorf("week ending %s: returned %v, want %v", week, got, wantReturned)
	}
	if !strings.Contains(body, "<h1>Missing from care: week ending "+week.DMY()+"</h1>") {
		t.Errorf("heading")
	}
	if e := lastAudit(t, f, "view-missing"); e.Authority != la || e.Detail != "week ending "+week.String() || e.Email != "analyst@test.invalid" {
		t.Errorf("audit entry %+v", e)
	}

	// By default, the week ending on the latest date of the missing records.
	latest := calendar.Date(0)
	for _, m := range raw {
		latest = max(latest, m.MisStart, m.MisEnd)
	}
	if body := c.get(fmt.Sprintf("/la/%d/missing", la)).Body.String(); !strings.Contains(body, "week ending "+latest.DMY()+"</h1>") {
		t.Errorf("default week is not the one ending %s", latest.DMY())
	}

	// Managers see the list without links to the children; members may not see it.
	m := f.as(t, "manager")
	body = m.get(fmt.Sprintf("/la/%d/missing?week=%s&reveal=1", la, week)).Body.String()
	if strings.Contains(body, "/child/") || len(wantReturned) > 0 && !strings.Contains(body, wantReturned[0]) {
		t.Errorf("manager's list: links to children %v", strings.Contains(body, "/child/"))
	}
	if e := lastAudit(t, f, "view-missing"); strings.Contains(e.Detail, "revealed") {
		t.Errorf("a manager's reveal was granted: %+v", e)
	}
	if rec := f.as(t, "member").get(fmt.Sprintf("/la/%d/missing", la)); rec.Code != http.StatusForbidden {
		t.Errorf("member: %d", rec.Code)
	}
	if rec := c.get(fmt.Sprintf("/la/%d/missing?week=last-week", la)); rec.Code != http.StatusBadRequest ||
		!strings.Contains(rec.Body.String(), "YYYY-MM-DD") {
		t.Errorf("bad week: %d %s", rec.Code, rec.Body.String())
	}
}
