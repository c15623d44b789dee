package web

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"csperf/internal/calendar"
	"csperf/internal/disclose"
	"csperf/internal/indicator"
)

// latestValue returns the latest stored single value of indicator id for authority la.
func latestValue(t *testing.T, f *fixture, la int, id string) (calendar.Date, indicator.Value) {
	t.Helper()
	vals, err := f.st.Values(context.Background(), la, id, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(vals) - 1; i >= 0; i-- {
		if v := vals[i]; v.Category == "" {
			return v.PeriodEnd, indicator.Value{Indicator: id, Authority: la, PeriodEnd: v.PeriodEnd, Numerator: v.Numerator,
				Denominator: v.Denominator, Value: v.Value, Valid: v.Valid}
		}
	}
	t.Fatalf("no stored value of %s for LA %d", id, la)
	return 0, indicator.Value{}
}

func TestIndicatorPageAnalyst(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[0]
	c := f.as(t, "analyst")
	for _, id := range []string{"cla-rate", "placement-3plus"} {
		ind, _ := indicator.Lookup(id)
		at, v := latestValue(t, f, la, id)
		rec := c.get(fmt.Sprintf("/la/%d/indicator/%s", la, id))
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: %d %s", id, rec.Code, rec.Body.String())
		}
		body := rec.Body.String()
		if n := strings.Count(body, "<h1>"); n != 1 {
			t.Errorf("%s: %d h1 elements", id, n)
		}
		for _, want := range []string{
			`class="chart chart-line"`, `class="chart chart-funnel"`, // the monthly chart and the funnel plot
			"This authority", "England", // the authority's line and the comparator line
			`<table class="ind-series"`, "<th scope=\"row\">" + at.DMY() + "</th>", // the series, newest first
			"What it measures", "Why it matters", "lower is better", // the definition
			`name="text"`, `<label for="narrative-text">`, // analysts may edit the narrative
			"Show the children behind the figure",
		} {
			if want == "lower is better" && ind.Polarity != indicator.LowerIsBetter {
				continue
			}
			if !strings.Contains(body, want) {
				t.Errorf("%s: the page lacks %q", id, want)
			}
		}
		// The series table gives the stored value as the analyst sees it, and its counts.
		shown := disclose.Show(ind, v, disclose.Analyst)
		row := regexp.MustCompile(`<tr><th scope="row">` + regexp.QuoteMeta(at.DMY()) + `</th><td class="num">([^<]*)</td><td class="num">([^<]*)</td>`).
			FindStringSubmatch(body)
		if row == nil || row[1] != shown {
			t.Errorf("%s: the series row at %s is %v, want the value %q", id, at.DMY(), row, shown)
		}
		if ind.Unit == indicator.Percent && row != nil && row[2] != fmt.Sprintf("%s of %s", disclose.Number(float64(v.Numerator), 0),
			disclose.Number(float64(v.Denominator), 0)) {
			t.Errorf("%s: counts %q for %d of %d", id, row[2], v.Numerator, v.Denominator)
		}
		if strings.Contains(body, "/child/") {
			t.Errorf("%s: children listed without being asked for", id)
		}
	}
	if rec := c.get(fmt.Sprintf("/la/%d/indicator/no-such-indicator", la)); rec.Code != http.StatusNotFound ||
		!strings.Contains(rec.Body.String(), "no-such-indicator") {
		t.Errorf("unknown indicator: %d %s", rec.Code, rec.Body.String())
	}
	if rec := c.get(fmt.Sprintf("/la/%d/indicator/cla-rate?at=31/03/2025", la)); rec.Code != http.StatusBadRequest ||
		!strings.Contains(rec.Body.String(), "YYYY-MM-DD") {
		t.Errorf("bad date: %d %s", rec.Code, rec.Body.String())
	}
}

func TestIndicatorNarrative(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[0]
	at, _ := latestValue(t, f, la, "cla-rate")
	c := f.as(t, "analyst")
	path := fmt.Sprintf("/la/%d/indicator/cla-rate/narrative", la)
	text := "The rate rose because of one large sibling group (CLA)."
	rec := c.postForm(path, url.Values{"at": {at.String()}, "text": {text}})
	if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), fmt.Sprintf("/la/%d/indicator/cla-rate?at=%s", la, at)) {
		t.Fatalf("save: %d %s", rec.Code, rec.Header().Get("Location"))
	}
	defer c.postForm(path, url.Values{"at": {at.String()}, "text": {""}})
	if e := lastAudit(t, f, "narrative"); e.Authority != la || !strings.Contains(e.Detail, "cla-rate") || e.Email != "analyst@test.invalid" {
		t.Errorf("audit entry %+v", e)
	}
	escaped := "The rate rose because of one large sibling group"
	if body := c.get(fmt.Sprintf("/la/%d/", la)).Body.String(); !strings.Contains(body, escaped) {
		t.Errorf("the scorecard does not show the edited narrative")
	}
	body := c.get(fmt.Sprintf("/la/%d/indicator/cla-rate?at=%s", la, at)).Body.String()
	if !strings.Contains(body, escaped) || !strings.Contains(body, "Written by Test analyst") {
		t.Errorf("the indicator page does not show the edited narrative and its author")
	}
	// Mistakes are named.
	if rec := c.postForm(path, url.Values{"at": {"yesterday"}, "text": {"x"}}); rec.Code != http.StatusBadRequest ||
		!strings.Contains(rec.Body.String(), "YYYY-MM-DD") {
		t.Errorf("bad date: %d %s", rec.Code, rec.Body.String())
	}
	if rec := c.postForm(path, url.Values{"at": {at.String()}, "text": {strings.Repeat("x", 2001)}}); rec.Code != http.StatusBadRequest ||
		!strings.Contains(rec.Body.String(), "2001 characters") {
		t.Errorf("long text: %d %s", rec.Code, rec.Body.String())
	}
	// A manager may not edit it; an empty text reverts to the generated sentence.
	if rec := f.as(t, "manager").postForm(path, url.Values{"at": {at.String()}, "text": {"no"}}); rec.Code != http.StatusForbidden {
		t.Errorf("manager saves a narrative: %d", rec.Code)
	}
	if rec := c.postForm(path, url.Values{"at": {at.String()}, "text": {"  "}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("revert: %d", rec.Code)
	}
	if e := lastAudit(t, f, "narrative"); !strings.Contains(e.Detail, "reverted") {
		t.Errorf("revert audit entry %+v", e)
	}
	if body := c.get(fmt.Sprintf("/la/%d/", la)).Body.String(); strings.Contains(body, escaped) {
		t.Errorf("the scorecard still shows the removed narrative")
	}
}

func TestIndicatorPageMember(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[0]
	c := f.as(t, "member")
	for _, id := range []string{"cla-count", "cla-rate", "placement-3plus", "missing-children"} {
		rec := c.get(fmt.Sprintf("/la/%d/indicator/%s?children=1&reveal=1", la, id))
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: %d", id, rec.Code)
		}
		body := rec.Body.String()
		for _, bad := range []string{"children behind the figure", "/child/", "children=1", "children.csv", `name="text"`} {
			if strings.Contains(body, bad) {
				t.Errorf("%s: the member's page contains %q", id, bad)
			}
		}
		for _, m := range smallOfPat.FindAllStringSubmatch(body, -1) {
			for _, n := range m[1:] {
				if n >= "1" && n <= "5" && len(n) == 1 {
					t.Errorf("%s: the member sees %q", id, m[0])
				}
			}
		}
	}
}

// childLinks returns the pseudonyms the page links to as children of la.
func childLinks(body string, la int) []string {
	var out []string
	for _, m := range regexp.MustCompile(fmt.Sprintf(`href="/la/%d/child/([a-z2-7]{16})"`, la)).FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

func TestIndicatorChildren(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[0]
	at, v := latestValue(t, f, la, "cla-count")
	c := f.as(t, "analyst")
	page := fmt.Sprintf("/la/%d/indicator/cla-count?at=%s&children=1", la, at)
	rec := c.get(page)
	if rec.Code != http.StatusOK {
		t.Fatalf("children: %d", rec.Code)
	}
	body := rec.Body.String()
	e := lastAudit(t, f, "view-children")
	if e.Authority != la || !strings.Contains(e.Detail, "cla-count at "+at.String()) || e.Email != "analyst@test.invalid" {
		t.Errorf("audit entry %+v", e)
	}
	kids := childLinks(body, la)
	if int64(len(kids)) != v.Numerator || v.Numerator == 0 {
		t.Fatalf("%d children listed for a count of %d", len(kids), v.Numerator)
	}
	// Each child opens, with a timeline naming an episode date.
	date := regexp.MustCompile(`<tr class="child-event"><th scope="row">\d\d/\d\d/\d{4}</th><td>[^<]*</td><td>Episode of care</td>`)
	for _, k := range kids[:min(len(kids), 8)] {
		rec := c.get(fmt.Sprintf("/la/%d/child/%s", la, k))
		if rec.Code != http.StatusOK || !date.MatchString(rec.Body.String()) {
			t.Errorf("child %s: %d, timeline with an episode: %v", k, rec.Code, date.MatchString(rec.Body.String()))
		}
	}
	// The real IDs, on demand, audited.
	ids, err := f.st.ChildIDs(context.Background(), la)
	if err != nil {
		t.Fatal(err)
	}
	body = c.get(page + "&reveal=1").Body.String()
	if !strings.Contains(body, "<td>"+ids[kids[0]]+"</td>") {
		t.Errorf("revealed list lacks the real ID of %s", kids[0])
	}
	if e := lastAudit(t, f, "view-children"); !strings.Contains(e.Detail, "revealed") {
		t.Errorf("reveal audit entry %+v", e)
	}

	// The CSV download: the same children, audited.
	rec = c.get(fmt.Sprintf("/la/%d/indicator/cla-count/children.csv?at=%s", la, at))
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") {
		t.Fatalf("CSV: %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	recs, err := csv.NewReader(strings.NewReader(rec.Body.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(kids)+1 || strings.Join(recs[0], ",") != "indicator,category,period_end,child,in_numerator,reason" ||
		recs[1][3] != kids[0] || recs[1][5] == "" {
		t.Errorf("CSV: %d rows, first %v", len(recs), recs[:min(2, len(recs))])
	}
	if e := lastAudit(t, f, "export-children"); e.Authority != la || !strings.Contains(e.Detail, "cla-count") {
		t.Errorf("export audit entry %+v", e)
	}

	// A manager sees the list without links to the children, and may not open a child's record.
	m := f.as(t, "manager")
	body = m.get(page).Body.String()
	if !strings.Contains(body, kids[0]) || len(childLinks(body, la)) != 0 || strings.Contains(body, "reveal=1") {
		t.Errorf("manager's list: has the child %v, links %d", strings.Contains(body, kids[0]), len(childLinks(body, la)))
	}
	if rec := m.get(page + "&reveal=1"); strings.Contains(rec.Body.String(), "<td>"+ids[kids[0]]+"</td>") {
		t.Errorf("a manager revealed a real ID")
	}
	if rec := m.get(fmt.Sprintf("/la/%d/child/%s", la, kids[0])); rec.Code != http.StatusForbidden {
		t.Errorf("manager opens a child: %d", rec.Code)
	}
	if rec := f.as(t, "member").get(fmt.Sprintf("/la/%d/indicator/cla-count/children.csv", la)); rec.Code != http.StatusForbidden {
		t.Errorf("member downloads children: %d", rec.Code)
	}
}
