package plan

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"csperf/internal/calendar"
	"csperf/internal/rating"
)

func d(y int, m time.Month, day int) calendar.Date { return calendar.Of(y, m, day) }

func TestParseStatus(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Status
	}{
		{"on-track", OnTrack}, {"On track", OnTrack}, {"ON TRACK", OnTrack}, {"  at risk ", AtRisk},
		{"Off-Track", OffTrack}, {"not started", NotStarted}, {"NOT-STARTED", NotStarted}, {"complete", Complete},
		{"Complete", Complete},
	} {
		got, err := ParseStatus(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseStatus(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, in := range []string{"", "done", "green", "on"} {
		if _, err := ParseStatus(in); err == nil {
			t.Errorf("ParseStatus(%q) accepted", in)
		}
	}
	_, err := ParseStatus("done")
	if want := `"done" is not a status; use one of "Not started", "On track", "At risk", "Off track" or "Complete"`; err == nil || err.Error() != want {
		t.Errorf("error = %v; want %s", err, want)
	}
	for _, s := range Statuses() {
		if got, err := ParseStatus(s.Label()); err != nil || got != s {
			t.Errorf("label %q does not read back: %q, %v", s.Label(), got, err)
		}
	}
}

func TestOverdue(t *testing.T) {
	today := d(2026, 10, 15)
	for _, tc := range []struct {
		name string
		a    Action
		want bool
	}{
		{"due yesterday, on track", Action{Due: d(2026, 10, 14), Status: OnTrack}, true},
		{"due today", Action{Due: today, Status: OnTrack}, false},
		{"due tomorrow", Action{Due: d(2026, 10, 16), Status: AtRisk}, false},
		{"due last month, complete", Action{Due: d(2026, 9, 30), Status: Complete, Completed: d(2026, 10, 2)}, false},
		{"due last month, not started", Action{Due: d(2026, 9, 30), Status: NotStarted}, true},
		{"no due date", Action{Status: OffTrack}, false},
	} {
		if got := Overdue(tc.a, today); got != tc.want {
			t.Errorf("%s: Overdue = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestSummarise(t *testing.T) {
	today := d(2026, 10, 15)
	later := d(2027, 3, 31)
	past := d(2026, 9, 30)
	act := func(s Status, due calendar.Date) Action { return Action{Status: s, Due: due} }
	for _, tc := range []struct {
		name    string
		actions []Action
		want    Summary
	}{
		{"none", nil, Summary{Overall: NotStarted}},
		{"all complete", []Action{act(Complete, past), act(Complete, later)},
			Summary{Actions: 2, Complete: 2, PercentComplete: 100, Overall: Complete}},
		{"on track and not started", []Action{act(OnTrack, later), act(NotStarted, later), act(Complete, past)},
			Summary{Actions: 3, OnTrack: 1, NotStarted: 1, Complete: 1, PercentComplete: 100.0 / 3, Overall: OnTrack}},
		{"only not started", []Action{act(NotStarted, later)},
			Summary{Actions: 1, NotStarted: 1, Overall: NotStarted}},
		{"at risk is worst", []Action{act(OnTrack, later), act(AtRisk, later), act(Complete, past), act(Complete, past)},
			Summary{Actions: 4, OnTrack: 1, AtRisk: 1, Complete: 2, PercentComplete: 50, Overall: AtRisk}},
		{"overdue on-track counts as off track", []Action{act(OnTrack, past), act(AtRisk, later)},
			Summary{Actions: 2, OnTrack: 1, AtRisk: 1, Overdue: 1, Overall: OffTrack}},
		{"overdue not started counts as off track", []Action{act(NotStarted, past), act(Complete, past)},
			Summary{Actions: 2, NotStarted: 1, Complete: 1, Overdue: 1, PercentComplete: 50, Overall: OffTrack}},
		{"off track", []Action{act(OffTrack, later), act(OnTrack, later), act(Complete, past), act(Complete, past)},
			Summary{Actions: 4, OffTrack: 1, OnTrack: 1, Complete: 2, PercentComplete: 50, Overall: OffTrack}},
	} {
		got := Summarise(tc.actions, today)
		if got != tc.want {
			t.Errorf("%s:\n got %+v\nwant %+v", tc.name, got, tc.want)
		}
	}
}

func TestPlanSummary(t *testing.T) {
	p := Example(857, d(2026, 3, 13))
	// Six months after the inspection (day 184): the actions due by then that are not complete are
	// overdue: 1.2 (day 180), 1.3 (day 150), 3.2 (day 170) and 4.3 (day 160).
	today := d(2026, 3, 13).AddDays(184)
	s := p.Summary(today)
	want := Summary{Actions: 14, NotStarted: 1, OnTrack: 6, AtRisk: 2, OffTrack: 1, Complete: 4, Overdue: 4,
		PercentComplete: 400.0 / 14, Overall: OffTrack}
	if s != want {
		t.Errorf("plan summary:\n got %+v\nwant %+v", s, want)
	}
	if got := s.Count(OnTrack); got != 6 {
		t.Errorf("Count(OnTrack) = %d", got)
	}
	// Recommendation 2: one complete, one on track, one not started; none overdue on day 184.
	r2, _ := p.Recommendation(2)
	if got := r2.Summary(today); got.Overall != OnTrack || got.Overdue != 0 || got.Complete != 1 {
		t.Errorf("recommendation 2 summary: %+v", got)
	}
	// Before any action is due, recommendation 1's worst open status is at risk.
	r1, _ := p.Recommendation(1)
	if got := r1.Summary(d(2026, 3, 13).AddDays(40)); got.Overall != AtRisk || got.Overdue != 0 {
		t.Errorf("recommendation 1 summary on day 40: %+v", got)
	}
}

func ptr(x float64) *float64 { return &x }

func TestTargetAt(t *testing.T) {
	// Health attendance at strategy meetings: milestone 70% by 30/09/2026 and 80% by 31/03/2027,
	// stretch 95% by 31/03/2027 only. 30/09/2026 → 31/03/2027 is 182 days.
	m := Measure{Indicator: "health-strategy-attendance", Points: []TargetPoint{
		{At: d(2026, 9, 30), Milestone: ptr(70)},
		{At: d(2027, 3, 31), Milestone: ptr(80), Stretch: ptr(95)},
	}}
	for _, tc := range []struct {
		at                 calendar.Date
		milestone, stretch *float64
	}{
		{d(2026, 4, 1), ptr(70), ptr(95)},                 // before the first date: flat
		{d(2026, 9, 30), ptr(70), ptr(95)},                // on the first milestone date
		{d(2026, 12, 30), ptr(75), ptr(95)},               // 91 of 182 days: half way
		{d(2026, 10, 31), ptr(70 + 10*31.0/182), ptr(95)}, // 31 days on
		{d(2027, 3, 31), ptr(80), ptr(95)},                // on the last date
		{d(2028, 1, 1), ptr(80), ptr(95)},                 // after the last date: flat
	} {
		got := m.TargetAt(tc.at)
		if got.At != tc.at || !sameLevel(got.Milestone, tc.milestone) || !sameLevel(got.Stretch, tc.stretch) {
			t.Errorf("TargetAt(%s) = milestone %v, stretch %v; want %v, %v", tc.at.DMY(), show(got.Milestone),
				show(got.Stretch), show(tc.milestone), show(tc.stretch))
		}
	}

	// Lower is better: agency social workers from 25% to 15% over a year, points given out of order.
	agency := Measure{Indicator: "workforce-agency-rate", Points: []TargetPoint{
		{At: d(2027, 4, 1), Milestone: ptr(15), Stretch: ptr(10)},
		{At: d(2026, 4, 1), Milestone: ptr(25), Stretch: ptr(20)},
	}}
	got := agency.TargetAt(d(2026, 10, 1)) // 183 of 365 days
	if !sameLevel(got.Milestone, ptr(25-10*183.0/365)) || !sameLevel(got.Stretch, ptr(20-10*183.0/365)) {
		t.Errorf("agency TargetAt = %v, %v", show(got.Milestone), show(got.Stretch))
	}

	if got := (Measure{Indicator: "health-assessment"}).TargetAt(d(2026, 1, 1)); got.Milestone != nil || got.Stretch != nil {
		t.Errorf("a measure with no points has levels %v, %v", show(got.Milestone), show(got.Stretch))
	}
}

func sameLevel(a, b *float64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return math.Abs(*a-*b) < 1e-9
}

func show(x *float64) any {
	if x == nil {
		return "nil"
	}
	return *x
}

func TestMeasureRAG(t *testing.T) {
	at := d(2027, 3, 31)
	higher := Measure{Indicator: "health-strategy-attendance", Points: []TargetPoint{{At: at, Milestone: ptr(70), Stretch: ptr(95)}}}
	lower := Measure{Indicator: "workforce-agency-rate", Points: []TargetPoint{{At: at, Milestone: ptr(20), Stretch: ptr(12)}}}
	milestoneOnly := Measure{Indicator: "health-assessment", Points: []TargetPoint{{At: at, Milestone: ptr(90)}}}
	for _, tc := range []struct {
		name  string
		m     Measure
		value float64
		want  rating.Rating
	}{
		{"higher: above stretch", higher, 96.2, rating.Green},
		{"higher: at stretch", higher, 95, rating.Green},
		{"higher: rounds to stretch (1 decimal)", higher, 94.96, rating.Green},
		{"higher: between", higher, 82.4, rating.Amber},
		{"higher: at milestone", higher, 70, rating.Amber},
		{"higher: below milestone", higher, 69.9, rating.Red},
		{"lower: below stretch", lower, 11.5, rating.Green},
		{"lower: between", lower, 17.0, rating.Amber},
		{"lower: at milestone", lower, 20.0, rating.Amber},
		{"lower: above milestone", lower, 24.3, rating.Red},
		{"milestone only, met", milestoneOnly, 91, rating.Green},
		{"milestone only, rounds to it (0 decimals)", milestoneOnly, 89.5, rating.Green},
		{"milestone only, missed", milestoneOnly, 89.4, rating.Red},
		{"neutral indicator", Measure{Indicator: "cla-rate", Points: []TargetPoint{{At: at, Milestone: ptr(60)}}}, 70, rating.Grey},
		{"unknown indicator", Measure{Indicator: "nope", Points: []TargetPoint{{At: at, Milestone: ptr(60)}}}, 70, rating.None},
		{"no levels", Measure{Indicator: "health-assessment"}, 70, rating.None},
	} {
		if got := tc.m.RAG(tc.value, at); got != tc.want {
			t.Errorf("%s: RAG(%v) = %q, want %q", tc.name, tc.value, got, tc.want)
		}
	}
	// Interpolated: on 30/12/2026 the milestone is 75 (half way from 70 to 80).
	m := Measure{Indicator: "health-strategy-attendance", Points: []TargetPoint{
		{At: d(2026, 9, 30), Milestone: ptr(70)}, {At: d(2027, 3, 31), Milestone: ptr(80), Stretch: ptr(95)}}}
	if got := m.RAG(74, d(2026, 12, 30)); got != rating.Red {
		t.Errorf("74 against an interpolated milestone of 75: %q", got)
	}
	if got := m.RAG(76, d(2026, 12, 30)); got != rating.Amber {
		t.Errorf("76 against an interpolated milestone of 75: %q", got)
	}
}

func TestExampleIsValid(t *testing.T) {
	p := Example(857, d(2026, 3, 13))
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	if len(p.Recommendations) != 5 {
		t.Fatalf("%d recommendations", len(p.Recommendations))
	}
	for _, r := range p.Recommendations {
		if n := len(r.Actions); n < 2 || n > 3 {
			t.Errorf("recommendation %d has %d actions", r.Number, n)
		}
		if len(r.Measures) == 0 {
			t.Errorf("recommendation %d has no measures", r.Number)
		}
	}
	if p.Published != d(2026, 6, 19) || p.SourceDate != d(2026, 3, 13) || !strings.Contains(p.Title, "March 2026") {
		t.Errorf("plan: %q published %s", p.Title, p.Published.DMY())
	}
}

func TestValidate(t *testing.T) {
	good := func() Plan {
		return Plan{Authority: 857, Title: "Plan", Recommendations: []Recommendation{{
			Number: 1, Text: "Do better.",
			Actions: []Action{{Description: "Audit", Owner: "Head of Service", Start: d(2026, 4, 1),
				Due: d(2026, 6, 30), Status: OnTrack}},
			Measures: []Measure{{Indicator: "health-assessment", Points: []TargetPoint{{At: d(2026, 9, 30), Milestone: ptr(85), Stretch: ptr(95)}}}},
		}}}
	}
	if err := good().Validate(); err != nil {
		t.Fatalf("good plan: %v", err)
	}
	for _, tc := range []struct {
		name   string
		change func(p *Plan)
		field  string
		msg    string
	}{
		{"empty description", func(p *Plan) { p.Recommendations[0].Actions[0].Description = " " },
			"description", "recommendation 1, action 1: description is missing"},
		{"due before start", func(p *Plan) { p.Recommendations[0].Actions[0].Due = d(2026, 3, 1) },
			"due date", "recommendation 1, action 1: due date 01/03/2026 is before the start date 01/04/2026"},
		{"unknown indicator", func(p *Plan) { p.Recommendations[0].Measures[0].Indicator = "cla-happiness" },
			"indicator", `recommendation 1, measure cla-happiness: indicator "cla-happiness" is not in the catalogue`},
		{"unknown status", func(p *Plan) { p.Recommendations[0].Actions[0].Status = "green" },
			"status", `recommendation 1, action 1: status "green" is not one of "Not started", "On track", "At risk", "Off track" or "Complete"`},
		{"missing status", func(p *Plan) { p.Recommendations[0].Actions[0].Status = "" },
			"status", "recommendation 1, action 1: status is missing"},
		{"missing owner", func(p *Plan) { p.Recommendations[0].Actions[0].Owner = "" },
			"owner", "recommendation 1, action 1: owner is missing (give a job title)"},
		{"missing due", func(p *Plan) { p.Recommendations[0].Actions[0].Due = 0 },
			"due date", "recommendation 1, action 1: due date is missing"},
		{"completed but on track", func(p *Plan) { p.Recommendations[0].Actions[0].Completed = d(2026, 5, 1) },
			"completed date", `recommendation 1, action 1: completed date 01/05/2026 is given but the status is "On track", not "Complete"`},
		{"no title", func(p *Plan) { p.Title = "" }, "title", "plan: title is missing"},
		{"bad authority", func(p *Plan) { p.Authority = 0 }, "authority", "plan: authority 0 is not a 3-digit DfE LA number"},
		{"duplicate number", func(p *Plan) {
			p.Recommendations = append(p.Recommendations, Recommendation{Number: 1, Text: "Again."})
		}, "number", "recommendation 1: number 1 is used by more than one recommendation"},
		{"stretch less ambitious", func(p *Plan) { p.Recommendations[0].Measures[0].Points[0].Stretch = ptr(80) },
			"stretch", "recommendation 1, measure health-assessment: stretch 80 of the target point for 30/09/2026 is less ambitious than the milestone 85 (for health-assessment, higher is better)"},
		{"percentage over 100", func(p *Plan) { p.Recommendations[0].Measures[0].Points[0].Stretch = ptr(105) },
			"stretch", "recommendation 1, measure health-assessment: stretch 105 of the target point for 30/09/2026 is not a percentage from 0 to 100"},
		{"evidence with link and file", func(p *Plan) {
			p.Recommendations[0].Actions[0].Evidence = []Evidence{{Title: "Audit", URL: "https://x.example/a", File: "a.pdf"}}
		}, "evidence", "recommendation 1, action 1: evidence 1 (Audit) has both a link and a file: give one"},
	} {
		p := good()
		tc.change(&p)
		err := p.Validate()
		var fe *FieldError
		if !errors.As(err, &fe) {
			t.Errorf("%s: error %v is not a *FieldError", tc.name, err)
			continue
		}
		if fe.Field != tc.field || err.Error() != tc.msg {
			t.Errorf("%s:\n got field %q: %v\nwant field %q: %s", tc.name, fe.Field, err, tc.field, tc.msg)
		}
	}
	// Several problems are all reported.
	p := good()
	p.Title = ""
	p.Recommendations[0].Actions[0].Description = ""
	p.Recommendations[0].Actions[0].Due = d(2026, 3, 1)
	if err := p.Validate(); err == nil || strings.Count(err.Error(), "\n") != 2 {
		t.Errorf("three problems: %v", err)
	}
}

func TestDiff(t *testing.T) {
	prev := Plan{ID: 3, Authority: 857, Title: "Plan", Source: "Ofsted ILACS inspection", Recommendations: []Recommendation{
		{ID: 10, Number: 1, Text: "Oversight.", Actions: []Action{
			{ID: 100, Description: "Audit", Owner: "Head of QA", Due: d(2026, 6, 30), Status: OnTrack},
			{ID: 101, Description: "Train", Owner: "PSW", Due: d(2026, 7, 31), Status: NotStarted},
		}, Measures: []Measure{{Indicator: "cpp-second-plan", Points: []TargetPoint{{At: d(2026, 9, 30), Milestone: ptr(20)}}}}},
		{ID: 11, Number: 2, Text: "Health.", Actions: []Action{
			{ID: 102, Description: "Clinic", Owner: "Doctor", Due: d(2026, 8, 31), Status: OnTrack},
		}},
	}}
	next := prev
	next.Title = "Our plan"
	next.Published = d(2026, 6, 19)
	next.Recommendations = []Recommendation{
		{ID: 10, Number: 1, Text: "Oversight of plans.", Actions: []Action{
			{ID: 100, Description: "Audit", Owner: "Head of QA", Due: d(2026, 7, 31), Status: AtRisk,
				Notes: []Note{{Author: "ana", Text: "Late."}}},
			{ID: 102, Description: "Clinic", Owner: "Doctor", Due: d(2026, 8, 31), Status: OnTrack},
			{Description: "Report", Owner: "Head of QA", Due: d(2026, 9, 30), Status: NotStarted},
		}, Measures: []Measure{{Indicator: "cpp-second-plan", Points: []TargetPoint{{At: d(2026, 9, 30), Milestone: ptr(18), Stretch: ptr(15)}}}}},
	}
	got := Diff(prev, next)
	want := []Change{
		{Field: "title", Old: "Plan", New: "Our plan"},
		{Field: "published", New: "19/06/2026"},
		{Field: "recommendation 1", Old: "Oversight.", New: "Oversight of plans."},
		{Field: "recommendation 1 measure cpp-second-plan", Old: "milestone 20 by 30/09/2026", New: "milestone 18, stretch 15 by 30/09/2026"},
		{Field: "recommendation 2", Old: "Health."},
		{ActionID: 100, Field: "due date", Old: "30/06/2026", New: "31/07/2026"},
		{ActionID: 100, Field: "status", Old: "On track", New: "At risk"},
		{ActionID: 100, Field: "note", New: "Late."},
		{ActionID: 102, Field: "recommendation", Old: "2", New: "1"},
		{Field: "action", New: "Report"},
		{ActionID: 101, Field: "action", Old: "Train"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Diff:\n got %+v\nwant %+v", got, want)
	}
	if got := Diff(Plan{}, next); !reflect.DeepEqual(got, []Change{{Field: "plan", New: "Our plan"}}) {
		t.Errorf("Diff of a new plan: %+v", got)
	}
	if got := want[6].Describe(); got != `status changed from "On track" to "At risk"` {
		t.Errorf("Describe: %s", got)
	}
}

func TestMatchIDs(t *testing.T) {
	prev := Plan{ID: 3, Recommendations: []Recommendation{{ID: 10, Number: 1, Actions: []Action{
		{ID: 100, Description: "Audit plans"}, {ID: 101, Description: "Train staff"}}}}}
	next := Plan{Recommendations: []Recommendation{
		{Number: 1, Actions: []Action{{Description: "train staff "}, {Description: "New"}, {Description: "Audit plans"}}},
		{Number: 2, Actions: []Action{{Description: "Audit plans"}}},
	}}
	got := MatchIDs(prev, next)
	if got.ID != 3 || got.Recommendations[0].ID != 10 || got.Recommendations[1].ID != 0 {
		t.Errorf("plan and recommendation ids: %+v", got)
	}
	ids := []int64{got.Recommendations[0].Actions[0].ID, got.Recommendations[0].Actions[1].ID,
		got.Recommendations[0].Actions[2].ID, got.Recommendations[1].Actions[0].ID}
	if !reflect.DeepEqual(ids, []int64{101, 0, 100, 0}) {
		t.Errorf("action ids %v", ids)
	}
	if next.Recommendations[0].Actions[0].ID != 0 {
		t.Error("MatchIDs changed its argument")
	}
}

func TestEvidenceString(t *testing.T) {
	for _, e := range []Evidence{
		{Title: "Audit report", URL: "https://intranet.example.org/audit"},
		{Title: "Minutes <draft>", File: "minutes.docx"},
		{Title: "Held by the health trust"},
	} {
		if got := ParseEvidence(e.String()); got != e {
			t.Errorf("%q reads back as %+v", e.String(), got)
		}
	}
}
