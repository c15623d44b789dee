package web

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"csperf/internal/calendar"
	"csperf/internal/disclose"
	"csperf/internal/indicator"
	"csperf/internal/plan"
	"csperf/internal/store"
)

// inspectionRecs are the recommendations of a fictional inspection, typed as a person would.
var inspectionRecs = []string{
	"1. Strengthen management oversight of child protection plans so that plans progress without drift.",
	"2. Improve the timeliness of initial health assessments for children who come into care.",
	"3. Improve the stability of placements for children in care.",
	"4. Improve the quality of pathway plans for care leavers.",
	"5. Stabilise the social work workforce and reduce caseloads.",
}

// planIDFrom reads the plan id from a redirect to /la/N/plans/ID.
func planIDFrom(t *testing.T, loc string) int64 {
	t.Helper()
	m := regexp.MustCompile(`/plans/(\d+)`).FindStringSubmatch(loc)
	if m == nil {
		t.Fatalf("redirect to %q is not to a plan", loc)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// auditHas reports whether the audit log has an entry of action for la whose detail contains text.
func auditHas(t *testing.T, f *fixture, action string, la int, text string) bool {
	t.Helper()
	es, err := f.st.AuditLog(context.Background(), store.AuditFilter{Action: action, Authority: la})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		if strings.Contains(e.Detail, text) {
			return true
		}
	}
	return false
}

// savedExample stores the example plan for the fixture authority under a title of the test's own.
func savedExample(t *testing.T, f *fixture) plan.Plan {
	t.Helper()
	p := plan.Example(f.loaded[0], calendar.FromTime(time.Now()).AddDays(-200))
	p.Title = "Example plan for " + t.Name()
	saved, err := f.st.SavePlan(context.Background(), "test", p)
	if err != nil {
		t.Fatal(err)
	}
	return saved
}

func TestPlanCreateListAndPage(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[0]
	c := f.as(t, "analyst")
	title := "Plan after the ILACS inspection " + t.Name()
	rec := c.postForm(fmt.Sprintf("/la/%d/plans", la), url.Values{"title": {title}, "source": {"Ofsted ILACS inspection"},
		"source_date": {"2025-03-14"}, "published": {"2025-05-02"}, "recommendations": {strings.Join(inspectionRecs, "\n") + "\n\n"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("create: %d %s", rec.Code, rec.Body)
	}
	id := planIDFrom(t, rec.Header().Get("Location"))
	p, err := f.st.Plan(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if p.Authority != la || p.Title != title || p.SourceDate != calendar.Of(2025, time.March, 14) ||
		p.Published != calendar.Of(2025, time.May, 2) || len(p.Recommendations) != 5 {
		t.Fatalf("stored plan %+v", p)
	}
	if got := p.Recommendations[1].Text; got != "Improve the timeliness of initial health assessments for children who come into care." {
		t.Errorf("recommendation 2 text %q: the typed number should be dropped", got)
	}
	if !auditHas(t, f, "plan-change", la, fmt.Sprintf("created plan %d", id)) {
		t.Error("no audit entry for the new plan")
	}

	list := c.get(fmt.Sprintf("/la/%d/plans", la))
	if list.Code != http.StatusOK || !strings.Contains(list.Body.String(), fmt.Sprintf(`href="/la/%d/plans/%d"`, la, id)) ||
		!strings.Contains(list.Body.String(), "5 recommendations") {
		t.Fatalf("list: %d, plan %d not listed with its 5 recommendations", list.Code, id)
	}
	page := c.get(fmt.Sprintf("/la/%d/plans/%d?done=created", la, id))
	body := page.Body.String()
	if page.Code != http.StatusOK {
		t.Fatalf("plan page: %d", page.Code)
	}
	for n := 1; n <= 5; n++ {
		if !strings.Contains(body, fmt.Sprintf(`<h2 id="rec-%d-title">Recommendation %d</h2>`, n, n)) {
			t.Errorf("plan page lacks recommendation %d", n)
		}
	}
	for _, want := range []string{"The plan has been created.", "Overall status: <span class=\"plan-status status-not-started\" data-overall>Not started</span>",
		"Add an action to recommendation 5", "Link an indicator", "export.xlsx"} {
		if !strings.Contains(body, want) {
			t.Errorf("plan page lacks %q", want)
		}
	}
	if strings.Count(body, "<h1>") != 1 {
		t.Errorf("plan page has %d h1", strings.Count(body, "<h1>"))
	}

	// A plan without a title or recommendations is refused with the reasons.
	bad := c.postForm(fmt.Sprintf("/la/%d/plans", la), url.Values{"title": {""}, "source_date": {"31/02/2025"}, "recommendations": {"  \n"}})
	if bad.Code != http.StatusBadRequest {
		t.Fatalf("bad plan: %d", bad.Code)
	}
	for _, want := range []string{"Title is missing", "Recommendations are missing", "is not a date"} {
		if !strings.Contains(bad.Body.String(), want) {
			t.Errorf("bad plan: the page does not say %q", want)
		}
	}
}

func TestPlanMemberReadsOnly(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[0]
	p := savedExample(t, f)
	act := p.Recommendations[0].Actions[0]
	m := f.as(t, "member")
	for _, path := range []string{fmt.Sprintf("/la/%d/plans", la), fmt.Sprintf("/la/%d/plans/%d", la, p.ID),
		fmt.Sprintf("/la/%d/plans/%d/history", la, p.ID)} {
		rec := m.get(path)
		if rec.Code != http.StatusOK {
			t.Errorf("member GET %s: %d", path, rec.Code)
			continue
		}
		if strings.Contains(rec.Body.String(), `method="post" action="/la/`) {
			t.Errorf("member's %s offers a form that changes the plan", path)
		}
	}
	if body := m.get(fmt.Sprintf("/la/%d/plans/%d", la, p.ID)).Body.String(); strings.Contains(body, "/actions/") {
		t.Error("member's plan page links to the action edit page")
	}
	base := fmt.Sprintf("/la/%d/plans/%d", la, p.ID)
	posts := []string{fmt.Sprintf("/la/%d/plans", la), fmt.Sprintf("/la/%d/plans/import", la), base + "/recommendations",
		base + "/measures", fmt.Sprintf("%s/actions/%d", base, act.ID), fmt.Sprintf("%s/actions/%d/notes", base, act.ID),
		base + "/recommendations/1/actions"}
	for _, path := range posts {
		if rec := m.postForm(path, url.Values{"title": {"x"}, "text": {"x"}, "description": {"x"}}); rec.Code != http.StatusForbidden {
			t.Errorf("member POST %s: %d, want 403", path, rec.Code)
		}
	}
	if rec := m.get(fmt.Sprintf("%s/actions/%d", base, act.ID)); rec.Code != http.StatusForbidden {
		t.Errorf("member GET the action edit page: %d, want 403", rec.Code)
	}
	if got, _ := f.st.Plan(context.Background(), p.ID); len(got.Recommendations) != 5 || got.Recommendations[0].Actions[0].Description != act.Description {
		t.Error("the member's refused posts changed the plan")
	}
	// The outsider may not even read; another authority's plan is not found through this authority.
	if rec := f.as(t, "outsider").get(base); rec.Code != http.StatusForbidden {
		t.Errorf("outsider GET plan: %d, want 403", rec.Code)
	}
	other := plan.Example(f.other, calendar.Of(2025, time.January, 10))
	op, err := f.st.SavePlan(context.Background(), "test", other)
	if err != nil {
		t.Fatal(err)
	}
	if rec := f.as(t, "analyst").get(fmt.Sprintf("/la/%d/plans/%d", la, op.ID)); rec.Code != http.StatusNotFound {
		t.Errorf("another authority's plan under this authority: %d, want 404", rec.Code)
	}
}

func TestPlanActionSaveHistoryAndAudit(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[0]
	p := savedExample(t, f)
	act := p.Recommendations[1].Actions[1] // on track, with one note
	c := f.as(t, "manager")
	path := fmt.Sprintf("/la/%d/plans/%d/actions/%d", la, p.ID, act.ID)
	page := c.get(path)
	if page.Code != http.StatusOK || !strings.Contains(page.Body.String(), act.Description) ||
		!strings.Contains(page.Body.String(), `<option value="on-track" selected>On track</option>`) {
		t.Fatalf("action page: %d", page.Code)
	}
	form := url.Values{"description": {act.Description}, "owner": {"Head of Children in Care"}, "start": {act.Start.String()},
		"due": {act.Due.String()}, "status": {"at-risk"}, "completed": {""}}
	rec := c.postForm(path, form)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != path+"?done=saved" {
		t.Fatalf("save: %d %s %s", rec.Code, rec.Header().Get("Location"), rec.Body)
	}
	got, _ := f.st.Plan(context.Background(), p.ID)
	a, _, _ := got.Action(act.ID)
	if a.Status != plan.AtRisk || a.Owner != "Head of Children in Care" || len(a.Notes) != 1 {
		t.Fatalf("saved action %+v", a)
	}
	hist, err := f.st.PlanHistory(context.Background(), p.ID)
	if err != nil {
		t.Fatal(err)
	}
	var status, owner bool
	for _, ch := range hist {
		if ch.ActionID == act.ID && ch.Author == "Test manager (manager@test.invalid)" {
			status = status || (ch.Field == "status" && ch.Old == "On track" && ch.New == "At risk")
			owner = owner || (ch.Field == "owner" && ch.New == "Head of Children in Care")
		}
	}
	if !status || !owner {
		t.Errorf("history lacks the status (%v) or owner (%v) change by the manager: %+v", status, owner, hist)
	}
	if !auditHas(t, f, "plan-change", la, `status changed from "On track" to "At risk"`) {
		t.Error("the audit log lacks the status change")
	}

	// A progress note with evidence, then the plan page shows it as the latest, and the history page
	// lists who did what.
	rec = c.postForm(path+"/notes", url.Values{"text": {"Clinic waiting list down to 4 " + t.Name()},
		"evidence_title": {"Clinic report"}, "evidence_url": {"https://intranet.example.org/clinic"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("note: %d %s", rec.Code, rec.Body)
	}
	body := c.get(fmt.Sprintf("/la/%d/plans/%d", la, p.ID)).Body.String()
	if !strings.Contains(body, "Clinic waiting list down to 4 "+t.Name()) || !strings.Contains(body, "Test manager (manager@test.invalid)") {
		t.Error("the plan page does not show the new note as the latest")
	}
	if !auditHas(t, f, "plan-change", la, "Clinic waiting list down to 4 "+t.Name()) {
		t.Error("the audit log lacks the note")
	}
	hp := c.get(fmt.Sprintf("/la/%d/plans/%d/history", la, p.ID)).Body.String()
	for _, want := range []string{`status changed from &#34;On track&#34; to &#34;At risk&#34;`, "note added: &#34;Clinic waiting list",
		"evidence added: &#34;Clinic report &lt;https://intranet.example.org/clinic&gt;&#34;", "Test manager (manager@test.invalid)",
		"plan created"} {
		if !strings.Contains(hp, want) {
			t.Errorf("history page lacks %q", want)
		}
	}

	// Bad input is refused with reasons and nothing changes.
	rec = c.postForm(path, url.Values{"description": {""}, "owner": {"x"}, "due": {"2025-01-01"}, "start": {"2025-02-01"}, "status": {"complete"}})
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "Description is missing") ||
		!strings.Contains(rec.Body.String(), "is before the start date") {
		t.Errorf("bad action: %d", rec.Code)
	}
	rec = c.postForm(path+"/notes", url.Values{"text": {"x"}, "evidence_title": {"Bad"}, "evidence_url": {"javascript:alert(1)"}})
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "is not a web address") {
		t.Errorf("note with a javascript link: %d", rec.Code)
	}
	// Completing without a date records today's.
	form.Set("status", "complete")
	if rec := c.postForm(path, form); rec.Code != http.StatusSeeOther {
		t.Fatalf("complete: %d", rec.Code)
	}
	got, _ = f.st.Plan(context.Background(), p.ID)
	if a, _, _ := got.Action(act.ID); a.Status != plan.Complete || a.Completed != f.srv.today() {
		t.Errorf("completed action %+v", a)
	}
	// Reopening it (the form sends the completed date back unchanged) clears the date.
	form.Set("status", "on-track")
	form.Set("completed", f.srv.today().String())
	if rec := c.postForm(path, form); rec.Code != http.StatusSeeOther {
		t.Fatalf("reopen: %d %s", rec.Code, rec.Body)
	}
	got, _ = f.st.Plan(context.Background(), p.ID)
	if a, _, _ := got.Action(act.ID); a.Status != plan.OnTrack || !a.Completed.IsZero() {
		t.Errorf("reopened action %+v", a)
	}
}

func TestPlanNumberedLines(t *testing.T) {
	for in, want := range map[string]string{
		"1. Improve supervision.":              "Improve supervision.",
		"  2) Improve supervision.":            "Improve supervision.",
		"R3 Improve supervision.":              "Improve supervision.",
		"Recommendation 4: Improve it.":        "Improve it.",
		"12 more foster carers are recruited.": "12 more foster carers are recruited.",
		"Reduce caseloads.":                    "Reduce caseloads.",
	} {
		if got := numbered.ReplaceAllString(in, ""); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}

func TestPlanAddActionAndMeasure(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[0]
	c := f.as(t, "analyst")
	rec := c.postForm(fmt.Sprintf("/la/%d/plans", la), url.Values{"title": {"Plan " + t.Name()}, "recommendations": {strings.Join(inspectionRecs, "\n")}})
	id := planIDFrom(t, rec.Header().Get("Location"))
	base := fmt.Sprintf("/la/%d/plans/%d", la, id)

	past := calendar.FromTime(time.Now()).AddDays(-10)
	rec = c.postForm(base+"/recommendations/2/actions", url.Values{"description": {"Add a second paediatric clinic."},
		"owner": {"Designated Doctor"}, "due": {past.String()}, "status": {"on-track"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("add action: %d %s", rec.Code, rec.Body)
	}
	rec = c.postForm(base+"/recommendations/9/actions", url.Values{"description": {"x"}, "owner": {"x"}, "due": {past.String()}})
	if rec.Code != http.StatusNotFound {
		t.Errorf("action for a recommendation that does not exist: %d", rec.Code)
	}
	rec = c.postForm(base+"/recommendations/2/actions", url.Values{"description": {"No owner"}, "due": {""}})
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "Owner is missing") || !strings.Contains(rec.Body.String(), "Due date is missing") {
		t.Errorf("action without owner or due date: %d", rec.Code)
	}

	// Link an indicator with a milestone and a stretch; then rate its latest value.
	vals, err := f.st.Values(context.Background(), la, "health-assessment", 0, 0)
	if err != nil || len(vals) == 0 {
		t.Fatalf("no stored values of health-assessment: %v", err)
	}
	rec = c.postForm(base+"/measures", url.Values{"rec": {"2"}, "indicator": {"health-assessment"},
		"date_1": {"2025-03-31"}, "milestone_1": {"0%"}, "date_2": {"2026-03-31"}, "milestone_2": {"1"}, "stretch_2": {"2"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("link indicator: %d %s", rec.Code, rec.Body)
	}
	p, _ := f.st.Plan(context.Background(), id)
	r2 := p.Recommendations[1]
	if len(r2.Actions) != 1 || len(r2.Measures) != 1 || len(r2.Measures[0].Points) != 2 || *r2.Measures[0].Points[1].Stretch != 2 {
		t.Fatalf("recommendation 2 %+v", r2)
	}
	if !auditHas(t, f, "plan-change", la, fmt.Sprintf("linked health-assessment to recommendation 2 of plan %d", id)) {
		t.Error("no audit entry for the measure")
	}
	body := c.get(base).Body.String()
	var latest *store.Value
	for i := range vals {
		if vals[i].Category == "" {
			latest = &vals[i]
		}
	}
	row := regexp.MustCompile(`(?s)<tr data-measure="health-assessment">.*?</tr>`).FindString(body)
	if row == "" {
		t.Fatal("plan page has no row for the linked indicator")
	}
	if latest.Valid && latest.Value >= 2 && !strings.Contains(row, "Green: meets the stretch level") {
		t.Errorf("latest value %v against a stretch of 2: row %s", latest.Value, row)
	}
	if !strings.Contains(row, "at "+latest.PeriodEnd.DMY()) {
		t.Errorf("the row does not give the date of the latest value %s: %s", latest.PeriodEnd.DMY(), row)
	}
	if !strings.Contains(body, `<span class="overdue">Overdue</span>`) || !strings.Contains(body, "1 overdue") {
		t.Error("the plan page does not flag the overdue action")
	}
	if !strings.Contains(body, "Off track") {
		t.Error("an overdue action should make the plan off track")
	}
	// The scorecard marks come from planIndicators.
	marks, err := f.srv.planIndicators(context.Background(), la)
	if err != nil || !strings.Contains(marks["health-assessment"], "Plan "+t.Name()) {
		t.Errorf("planIndicators: %v %v", marks, err)
	}

	// A stretch less ambitious than the milestone is refused; unlinking works.
	rec = c.postForm(base+"/measures", url.Values{"rec": {"2"}, "indicator": {"health-assessment"},
		"date_1": {"2026-03-31"}, "milestone_1": {"90"}, "stretch_1": {"80"}})
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "less ambitious than the milestone") {
		t.Errorf("stretch below milestone: %d", rec.Code)
	}
	rec = c.postForm(base+"/measures", url.Values{"rec": {"2"}, "indicator": {"health-assessment"}, "remove": {"1"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("unlink: %d", rec.Code)
	}
	if p, _ := f.st.Plan(context.Background(), id); len(p.Recommendations[1].Measures) != 0 {
		t.Error("the indicator is still linked")
	}
	rec = c.postForm(base+"/recommendations", url.Values{"text": {"Improve the voice of the child in assessments."}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("add recommendation: %d", rec.Code)
	}
	if p, _ := f.st.Plan(context.Background(), id); len(p.Recommendations) != 6 || p.Recommendations[5].Number != 6 {
		t.Errorf("recommendations after adding one: %d", len(p.Recommendations))
	}
	if !auditHas(t, f, "plan-change", la, fmt.Sprintf("added recommendation 6 to plan %d", id)) {
		t.Error("no audit entry for the recommendation")
	}
	// Unlinking an indicator that is not linked is not found.
	rec = c.postForm(base+"/measures", url.Values{"rec": {"2"}, "indicator": {"health-assessment"}, "remove": {"1"}})
	if rec.Code != http.StatusNotFound {
		t.Errorf("unlink twice: %d", rec.Code)
	}

	// Each change is in the plan's history, by the analyst, as saving the whole plan would record it.
	h, err := f.st.PlanHistory(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range h[1:] {
		got = append(got, c.Field+": "+c.Old+" → "+c.New)
		if c.Author != h[0].Author || !strings.Contains(c.Author, "@") {
			t.Errorf("change by %q", c.Author)
		}
	}
	want := []string{
		"action:  → Add a second paediatric clinic.",
		"recommendation 2 measure health-assessment:  → milestone 0 by 31/03/2025; milestone 1, stretch 2 by 31/03/2026",
		"recommendation 2 measure health-assessment: milestone 0 by 31/03/2025; milestone 1, stretch 2 by 31/03/2026 → ",
		"recommendation 6:  → Improve the voice of the child in assessments.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("history:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
}

// TestPlanPageChangesKeepOthers checks that the plan page's changes, made item by item rather than
// by saving the plan whole, leave alone what others changed after the page was shown. (A change
// between a handler's own read and write, the lost update itself, is tested in package store.)
func TestPlanPageChangesKeepOthers(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[0]
	c := f.as(t, "analyst")
	ctx := context.Background()
	p := savedExample(t, f)
	base := fmt.Sprintf("/la/%d/plans/%d", la, p.ID)

	// Someone records progress and changes a status, then the analyst, with the page as it was
	// before, adds an action, links an indicator, unlinks another and adds a recommendation.
	note := plan.Note{At: time.Date(2026, 9, 1, 10, 0, 0, 0, time.UTC), Author: "Head of QA", Text: "Third audit done."}
	if err := f.st.AddNote(ctx, p.Recommendations[0].Actions[0].ID, note); err != nil {
		t.Fatal(err)
	}
	a := p.Recommendations[1].Actions[1]
	a.Status = plan.OffTrack
	if err := f.st.UpdateAction(ctx, "Designated Doctor", a); err != nil {
		t.Fatal(err)
	}
	for _, req := range []struct {
		path string
		form url.Values
	}{
		{"/recommendations/2/actions", url.Values{"description": {"Publish waiting times monthly."}, "owner": {"Head of Health"},
			"due": {"2027-01-31"}, "status": {"not-started"}}},
		{"/measures", url.Values{"rec": {"2"}, "indicator": {"health-assessment"}, "date_1": {"2027-03-31"}, "milestone_1": {"91"}}},
		{"/measures", url.Values{"rec": {"1"}, "indicator": {"cpp-second-plan"}, "remove": {"1"}}},
		{"/recommendations", url.Values{"text": {"Hear children's views in every review."}}},
	} {
		if rec := c.postForm(base+req.path, req.form); rec.Code != http.StatusSeeOther {
			t.Fatalf("%s: %d %s", req.path, rec.Code, rec.Body)
		}
	}
	got, err := f.st.Plan(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if n := got.Recommendations[0].Actions[0].Notes; len(n) == 0 || n[len(n)-1] != note {
		t.Errorf("the note added meanwhile was lost: %+v", n)
	}
	if st := got.Recommendations[1].Actions[1].Status; st != plan.OffTrack {
		t.Errorf("the status set meanwhile was lost: %s", st)
	}
	if len(got.Recommendations[1].Actions) != 4 || len(got.Recommendations[0].Measures) != 2 || len(got.Recommendations) != 6 ||
		plan.FormatPoints(got.Recommendations[1].Measures[0].Points) != "milestone 91 by 31/03/2027" {
		t.Errorf("the page's changes: %+v", got)
	}
}

func TestPlanMemberSeesSuppressedMeasure(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[0]
	// Find an indicator whose latest figure members see suppressed (a count of 1 to 5 behind it).
	vals, err := f.st.Values(context.Background(), la, "", 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	latest := map[string]store.Value{}
	for _, v := range vals {
		if v.Category == "" {
			latest[v.Indicator] = v
		}
	}
	var small, analystShows string
	for id, v := range latest {
		ind, _ := indicator.Lookup(id)
		iv := indicator.Value{Numerator: v.Numerator, Denominator: v.Denominator, Value: v.Value, Valid: v.Valid}
		if disclose.Show(ind, iv, disclose.Member) == disclose.Suppressed && (small == "" || id < small) {
			small, analystShows = id, disclose.Show(ind, iv, disclose.Analyst)
		}
	}
	if small == "" {
		t.Fatal("the fixture has no indicator whose latest figure is suppressed for members")
	}
	p := plan.Example(la, calendar.Of(2025, time.January, 10))
	p.Title = "Plan " + t.Name()
	p.Recommendations[0].Measures = []plan.Measure{{Indicator: small, Points: []plan.TargetPoint{{At: calendar.Of(2025, time.June, 30), Milestone: new(1.0)}}}}
	if err := p.Validate(); err != nil {
		t.Fatalf("%s cannot be a measure here: %v", small, err)
	}
	saved, err := f.st.SavePlan(context.Background(), "test", p)
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/la/%d/plans/%d", la, saved.ID)
	rowOf := func(body string) string {
		return regexp.MustCompile(`(?s)<tr data-measure="` + regexp.QuoteMeta(small) + `">.*?</tr>`).FindString(body)
	}
	mrow := rowOf(f.as(t, "member").get(path).Body.String())
	if !strings.Contains(mrow, ">c<br>") || !strings.Contains(mrow, "Not rated: the figure is suppressed") || strings.Contains(mrow, analystShows) {
		t.Errorf("member's row for %s (analysts see %s) is not suppressed: %s", small, analystShows, mrow)
	}
	arow := rowOf(f.as(t, "analyst").get(path).Body.String())
	if !strings.Contains(arow, ">"+analystShows+"<br>") || strings.Contains(arow, "suppressed") {
		t.Errorf("analyst's row for %s does not show %s: %s", small, analystShows, arow)
	}
}

// multipartWorkbook builds an import form with the workbook b and the extra fields.
func multipartWorkbook(t *testing.T, name string, b []byte, fields map[string]string) (*bytes.Buffer, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	fw, err := mw.CreateFormFile("workbook", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(b)
	mw.Close()
	return &body, mw.FormDataContentType()
}

func TestPlanImportExport(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[0]
	c := f.as(t, "analyst")
	ex := plan.Example(la, calendar.Of(2025, time.February, 7))
	ex.Title = "Imported " + t.Name()
	var wb bytes.Buffer
	if err := plan.WriteXLSX(&wb, ex); err != nil {
		t.Fatal(err)
	}
	body, ct := multipartWorkbook(t, "plan.xlsx", wb.Bytes(), nil)
	rec := c.do(http.MethodPost, fmt.Sprintf("/la/%d/plans/import", la), body, ct)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("import: %d %s", rec.Code, rec.Body)
	}
	id := planIDFrom(t, rec.Header().Get("Location"))
	p, err := f.st.Plan(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != ex.Title || len(p.Recommendations) != 5 || len(p.Recommendations[2].Measures) != 3 || len(p.Recommendations[0].Actions) != 3 {
		t.Fatalf("imported plan %q: %d recommendations", p.Title, len(p.Recommendations))
	}
	if !auditHas(t, f, "plan-change", la, fmt.Sprintf("imported plan %d", id)) {
		t.Error("no audit entry for the import")
	}

	// Export reads back as the plan.
	exp := c.get(fmt.Sprintf("/la/%d/plans/%d/export.xlsx", la, id))
	if exp.Code != http.StatusOK || !strings.Contains(exp.Header().Get("Content-Disposition"), ".xlsx") {
		t.Fatalf("export: %d", exp.Code)
	}
	back, err := plan.ReadXLSX(bytes.NewReader(exp.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	want := plan.AsWorkbook(p)
	if back.Title != want.Title || back.Authority != la || len(back.Recommendations) != 5 {
		t.Fatalf("exported %q for %d with %d recommendations", back.Title, back.Authority, len(back.Recommendations))
	}
	for i, r := range want.Recommendations {
		br := back.Recommendations[i]
		if br.Text != r.Text || len(br.Actions) != len(r.Actions) || len(br.Measures) != len(r.Measures) {
			t.Errorf("recommendation %d differs after export", r.Number)
			continue
		}
		for j, a := range r.Actions {
			if b := br.Actions[j]; b.Description != a.Description || b.Status != a.Status || b.Due != a.Due {
				t.Errorf("recommendation %d action %d: %+v, want %+v", r.Number, j+1, b, a)
			}
		}
	}
	if !auditHas(t, f, "export", la, fmt.Sprintf("plan %d", id)) {
		t.Error("no audit entry for the export")
	}
	// A member may export (read) too.
	if rec := f.as(t, "member").get(fmt.Sprintf("/la/%d/plans/%d/export.xlsx", la, id)); rec.Code != http.StatusOK {
		t.Errorf("member export: %d", rec.Code)
	}

	// Re-import over the plan: a note added in csperf survives, an action changed in the workbook keeps
	// its id, and one dropped from the workbook goes.
	first := p.Recommendations[0].Actions[0]
	if err := f.st.AddNote(context.Background(), first.ID, plan.Note{Author: "Tester", Text: "An early note " + t.Name(),
		At: time.Now().Add(-48 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if err := f.st.AddNote(context.Background(), first.ID, plan.Note{Author: "Tester", Text: "The latest note " + t.Name()}); err != nil {
		t.Fatal(err)
	}
	cur, _ := f.st.Plan(context.Background(), id)
	next := plan.AsWorkbook(cur)
	next.Recommendations[0].Actions[0].Status, next.Recommendations[0].Actions[0].Completed = plan.OffTrack, 0
	next.Recommendations[4].Actions = next.Recommendations[4].Actions[:2]
	wb.Reset()
	if err := plan.WriteXLSX(&wb, next); err != nil {
		t.Fatal(err)
	}
	body, ct = multipartWorkbook(t, "plan v2.xlsx", wb.Bytes(), map[string]string{"replace": strconv.FormatInt(id, 10)})
	rec = c.do(http.MethodPost, fmt.Sprintf("/la/%d/plans/import", la), body, ct)
	if rec.Code != http.StatusSeeOther || planIDFrom(t, rec.Header().Get("Location")) != id {
		t.Fatalf("re-import: %d %s %s", rec.Code, rec.Header().Get("Location"), regexp.MustCompile(`(?s)<ul class="problems">.*?</ul>`).FindString(rec.Body.String()))
	}
	after, _ := f.st.Plan(context.Background(), id)
	a, _, ok := after.Action(first.ID)
	if !ok || a.Status != plan.OffTrack {
		t.Fatalf("the re-imported action lost its id or its new status: %+v", a)
	}
	var texts []string
	for _, n := range a.Notes {
		texts = append(texts, n.Text)
	}
	if len(a.Notes) != len(first.Notes)+2 || !strings.Contains(strings.Join(texts, "|"), "An early note "+t.Name()) {
		t.Errorf("notes after re-import: %q (had %d, added 2)", texts, len(first.Notes))
	}
	if len(after.Recommendations[4].Actions) != 2 {
		t.Errorf("recommendation 5 has %d actions, want 2", len(after.Recommendations[4].Actions))
	}
	hp := c.get(fmt.Sprintf("/la/%d/plans/%d/history", la, id)).Body.String()
	if !strings.Contains(hp, "status changed from &#34;Complete&#34; to &#34;Off track&#34;") || !strings.Contains(hp, "action removed") {
		t.Error("the history does not show the re-import's changes")
	}
}

func TestPlanImportProblems(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[0]
	c := f.as(t, "analyst")
	path := fmt.Sprintf("/la/%d/plans/import", la)

	// A workbook with a bad date and a bad status: each named by sheet, row and column.
	x := excelize.NewFile()
	x.SetSheetName("Sheet1", "Actions")
	rows := [][]any{
		{"Recommendation number", "Recommendation", "Action", "Owner", "Start", "Due", "Status"},
		{1, "Improve supervision.", "Refresh the policy", "Principal Social Worker", "01/04/2025", "31/02/2026", "On track"},
		{1, "Improve supervision.", "Train managers", "Head of Service", "", "30/06/2026", "Nearly there"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		x.SetSheetRow("Actions", cell, &r)
	}
	var b bytes.Buffer
	x.Write(&b)
	body, ct := multipartWorkbook(t, "bad.xlsx", b.Bytes(), nil)
	rec := c.do(http.MethodPost, path, body, ct)
	if rec.Code != http.StatusBadRequest {
		t.Fatalf("bad workbook: %d", rec.Code)
	}
	page := rec.Body.String()
	for _, want := range []string{`sheet &#34;Actions&#34;, row 2, column &#34;Due&#34;`, `sheet &#34;Actions&#34;, row 3, column &#34;Status&#34;`,
		"The workbook was not imported"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page does not say %q", want)
		}
	}

	// Not a workbook at all; a workbook for another authority; no title.
	body, ct = multipartWorkbook(t, "notes.txt", []byte("hello"), nil)
	if rec := c.do(http.MethodPost, path, body, ct); rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "notes.txt is not a readable Excel workbook") {
		t.Errorf("text file: %d", rec.Code)
	}
	b.Reset()
	plan.WriteXLSX(&b, plan.Example(f.other, calendar.Of(2025, time.January, 1)))
	body, ct = multipartWorkbook(t, "other.xlsx", b.Bytes(), nil)
	if rec := c.do(http.MethodPost, path, body, ct); rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), fmt.Sprintf("for authority %d", f.other)) {
		t.Errorf("another authority's workbook: %d", rec.Code)
	}
	b.Reset()
	untitled := plan.Example(la, calendar.Of(2025, time.January, 1))
	untitled.Title = ""
	plan.WriteXLSX(&b, untitled)
	body, ct = multipartWorkbook(t, "untitled.xlsx", b.Bytes(), nil)
	if rec := c.do(http.MethodPost, path, body, ct); rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "Title is missing") {
		t.Errorf("untitled workbook: %d", rec.Code)
	}
	// Too large.
	body, ct = multipartWorkbook(t, "huge.xlsx", bytes.Repeat([]byte("x"), maxPlanWorkbook+128<<10), nil)
	if rec := c.do(http.MethodPost, path, body, ct); rec.Code != http.StatusRequestEntityTooLarge || !strings.Contains(rec.Body.String(), "too large") {
		t.Errorf("huge upload: %d", rec.Code)
	}
}
