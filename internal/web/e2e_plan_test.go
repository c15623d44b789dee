package web

// The improvement plan flow in a real headless Chromium, with the harness of e2e_test.go (findBrowser,
// tabs, signIn, check): an analyst creates a plan from the five recommendations of a fictional
// inspection, adds an action, links an indicator with milestone and stretch targets, records
// progress and changes the action's status, then produces the committee report and finds the plan's
// progress in it.

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestBrowserPlan(t *testing.T) {
	e := newE2E(t)
	t.Run("analyst runs an improvement plan", e.analystPlan)
}

// analystPlan is the flow; see TestBrowserPlan.
func (e *e2e) analystPlan(t *testing.T) {
	tb := e.tab(t)
	la := e.f.loaded[0]
	plans := fmt.Sprintf("/la/%d/plans", la)
	tb.signIn("analyst", plans)
	if h1 := tb.text("h1"); h1 != "Improvement plans" {
		tb.fatal("plans page h1 %q", h1)
	}
	tb.check("plans")

	// Create the plan: the recommendations typed into the textarea, one a line.
	title := "Our plan after the ILACS inspection of March 2025 (browser test)"
	do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(tb.ctx, actions...); err != nil {
			tb.fatal("%s: %v", what, err)
		}
	}
	do("fill the new plan form",
		chromedp.SendKeys(chromedp.ID("plan-title"), title),
		chromedp.SendKeys(chromedp.ID("plan-source"), "Ofsted ILACS inspection"),
		chromedp.SetValue(chromedp.ID("plan-date"), "2025-03-14"),
		chromedp.SendKeys(chromedp.ID("plan-recs"), strings.Join(inspectionRecs, "\n")),
	)
	tb.shot("new-plan")
	resp := tb.follow(fmt.Sprintf(`form[action="%s"] button[type="submit"]`, plans))
	if resp.Status != 200 || !strings.HasPrefix(tb.location(), plans+"/") {
		tb.fatal("create the plan: status %d at %s", resp.Status, tb.location())
	}
	planPage := strings.SplitN(tb.location(), "?", 2)[0]
	if h1 := tb.text("h1"); h1 != title {
		tb.fatal("plan page h1 %q, want %q", h1, title)
	}
	if n := eval[int](tb, `document.querySelectorAll("section.recommendation").length`); n != 5 {
		tb.fatal("the plan has %d recommendations, want 5", n)
	}
	if got := tb.text("#rec-3 .rec-text"); got != strings.TrimPrefix(inspectionRecs[2], "3. ") {
		t.Errorf("recommendation 3 reads %q", got)
	}
	tb.check("plan-created")

	// Add an action to recommendation 2.
	action := "Add a second community paediatrician clinic each week for initial health assessments."
	due := time.Now().AddDate(0, 3, 0).Format("2006-01-02")
	do("open the add-action form", chromedp.Click(chromedp.CSS("#add-action-2 summary"), chromedp.NodeVisible))
	do("fill the add-action form",
		chromedp.SendKeys(chromedp.ID("a2-description"), action),
		chromedp.SendKeys(chromedp.ID("a2-owner"), "Designated Doctor for Children in Care"),
		chromedp.SetValue(chromedp.ID("a2-due"), due),
		chromedp.SetValue(chromedp.ID("a2-status"), "on-track"),
	)
	if resp := tb.follow(`#add-action-2 button[type="submit"]`); resp.Status != 200 {
		tb.fatal("add the action: status %d", resp.Status)
	}
	if got := tb.text(`#rec-2 table.actions tr[data-action] th`); got != action {
		tb.fatal("recommendation 2's action reads %q", got)
	}
	tb.check("action-added")

	// Link health assessments to recommendation 2 with a milestone and a stretch.
	do("fill the link-an-indicator form",
		chromedp.SetValue(chromedp.ID("m-rec"), "2"),
		chromedp.SetValue(chromedp.ID("m-indicator"), "health-assessment"),
		chromedp.SetValue(chromedp.ID("m-date-1"), "2025-09-30"),
		chromedp.SendKeys(chromedp.ID("m-milestone-1"), "85"),
		chromedp.SetValue(chromedp.ID("m-date-2"), "2026-03-31"),
		chromedp.SendKeys(chromedp.ID("m-milestone-2"), "90"),
		chromedp.SendKeys(chromedp.ID("m-stretch-2"), "95"),
	)
	if resp := tb.follow(`section.plan-edit form[action$="/measures"] button[type="submit"]`); resp.Status != 200 {
		tb.fatal("link the indicator: status %d", resp.Status)
	}
	row := tb.text(`#rec-2 tr[data-measure="health-assessment"]`)
	if !strings.Contains(row, "milestone 85 by 30/09/2025; milestone 90, stretch 95 by 31/03/2026") {
		t.Errorf("the measure row reads %q", row)
	}
	rag := tb.text(`#rec-2 tr[data-measure="health-assessment"] .rag`)
	if !strings.HasPrefix(rag, "Green") && !strings.HasPrefix(rag, "Amber") && !strings.HasPrefix(rag, "Red") {
		t.Errorf("the linked indicator is not rated against the plan: %q", rag)
	}
	tb.check("indicator-linked")

	// Record progress and change the status on the action's page.
	note := "Second clinic running since May; the waiting list is down from 31 to 12."
	if resp := tb.follow(`#rec-2 table.actions tr[data-action] th a`); resp.Status != 200 {
		tb.fatal("open the action: status %d", resp.Status)
	}
	tb.check("action")
	do("write a progress note",
		chromedp.SendKeys(chromedp.ID("note-text"), note),
		chromedp.SendKeys(chromedp.ID("evidence-title"), "Clinic waiting list report"),
		chromedp.SendKeys(chromedp.ID("evidence-url"), "https://intranet.example.org/clinics"),
	)
	if resp := tb.follow(`form[action$="/notes"] button[type="submit"]`); resp.Status != 200 {
		tb.fatal("record progress: status %d", resp.Status)
	}
	if got := tb.text("ol.notes li p"); got != note {
		t.Errorf("the latest note reads %q", got)
	}
	do("change the status", chromedp.SetValue(chromedp.ID("action-status"), "at-risk"))
	if resp := tb.follow(`form.plan-form[aria-labelledby="edit-title"] button[type="submit"]`); resp.Status != 200 {
		tb.fatal("save the action: status %d", resp.Status)
	}
	if got := tb.text("[data-status]"); got != "At risk" {
		t.Errorf("after saving, the status reads %q", got)
	}
	tb.check("action-saved")

	// The plan page and its history show it.
	tb.open(planPage)
	if got := tb.text("[data-overall]"); got != "At risk" {
		t.Errorf("the plan's overall status reads %q, want At risk", got)
	}
	if got := tb.text(`#rec-2 table.actions td.note`); !strings.Contains(got, note) || !strings.Contains(got, "Test analyst") {
		t.Errorf("the action's latest progress reads %q", got)
	}
	if resp := tb.follow(`a[href$="/history"]`); resp.Status != 200 {
		tb.fatal("history: status %d", resp.Status)
	}
	hist := tb.text("table.history")
	for _, want := range []string{`status changed from "On track" to "At risk"`, "note added", "plan created", "Test analyst (analyst@test.invalid)"} {
		if !strings.Contains(hist, want) {
			t.Errorf("the history lacks %q", want)
		}
	}
	tb.check("history")

	// The committee report: the corporate parenting pack, exempt, as HTML, from the reports page.
	reports := fmt.Sprintf("/la/%d/reports", la)
	if st := tb.open(reports); st != 200 {
		t.Skipf("the reports page %s answers %d: it is needed for the last step", reports, st)
	}
	if eval[int](tb, `document.querySelectorAll('form.report-form select[name="period"] option').length`) == 0 {
		t.Skip("the reports page offers no period, so the report step cannot run")
	}
	tb.check("reports")
	do("choose the pack",
		chromedp.SetValue(chromedp.ID("pack"), "corporate-parenting"),
		chromedp.SetValue(chromedp.ID("audience"), "exempt"),
		chromedp.SetValue(chromedp.ID("format"), "html"),
	)
	if resp := tb.follow(`form.report-form button[type="submit"]`); resp.Status != 200 {
		tb.fatal("produce the report: status %d", resp.Status)
	}
	if !strings.Contains(tb.location(), "/reports/pack?") {
		tb.fatal("the report form went to %s", tb.location())
	}
	tb.shot("report")
	if eval[int](tb, `document.querySelectorAll("#plans").length`) == 0 {
		t.Skip("the committee report has no improvement plans section (#plans): report.Build does not include plans yet")
	}
	plansText := tb.text("#plans")
	for _, want := range []string{title, action, "At risk", note} {
		if !strings.Contains(plansText, want) {
			t.Errorf("the report's improvement plans section lacks %q", want)
		}
	}
	tb.noErrors()
}
