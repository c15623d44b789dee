package web

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"csperf/internal/calendar"
	"csperf/internal/plan"
	"csperf/internal/scorecard"
)

func TestScorecardPage(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[0]
	rec := f.as(t, "analyst").get(fmt.Sprintf("/la/%d/?at=2025-03-31", la))
	body := rec.Body.String()
	if rec.Code != http.StatusOK {
		t.Fatalf("scorecard: %d", rec.Code)
	}
	rows, _, err := scorecard.BuildStored(context.Background(), f.st, la, calendar.Of(2025, time.March, 31), "analyst")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(body, "<tr data-row>"); n != len(rows) || n < 20 {
		t.Fatalf("%d rows on the page, %d in the scorecard", n, len(rows))
	}
	if strings.Count(body, "<h1>") != 1 || !strings.Contains(body, "<h1>Scorecard at 31/03/2025</h1>") {
		t.Fatalf("heading wrong")
	}
	// Every row's value, as the scorecard shows it, and a RAG label in words.
	for _, r := range rows {
		if !strings.Contains(body, fmt.Sprintf("/indicator/%s?at=2025-03-31", r.Indicator.ID)) {
			t.Errorf("no link to %s", r.Indicator.ID)
		}
	}
	if !regexp.MustCompile(`class="rag rag-[a-z]+">(Green|Amber|Red|Grey|No target)`).MatchString(body) {
		t.Errorf("RAG not written as text")
	}
	if !strings.Contains(body, "<svg") {
		t.Errorf("no sparklines")
	}
}

func TestScorecardMarksPlanIndicators(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[1] // no other test writes plans for this authority
	p := plan.Example(la, calendar.Of(2025, time.January, 20))
	if _, err := f.st.SavePlan(context.Background(), "test", p); err != nil {
		t.Fatal(err)
	}
	body := f.as(t, "admin").get(fmt.Sprintf("/la/%d/?at=2025-03-31", la)).Body.String()
	if !strings.Contains(body, `<span class="in-plan">In plan: `+p.Title[:20]) {
		t.Fatalf("the scorecard does not mark the plan's indicators")
	}
}
