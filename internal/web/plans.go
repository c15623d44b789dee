package web

// Improvement plans: the list of an authority's plans (with a form to create one from an
// inspection's recommendations and a form to import a workbook), a plan's page (progress, actions,
// measures against their targets), an action's page (edit it, record progress) and a plan's history.
// Analysts and managers edit; members read. Every change goes to the plan's own history (the store
// records it with the change) and to the audit log.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"csperf/internal/calendar"
	"csperf/internal/chart"
	"csperf/internal/disclose"
	"csperf/internal/indicator"
	"csperf/internal/plan"
	"csperf/internal/rating"
	"csperf/internal/store"
)

// maxPlanWorkbook bounds an imported plan workbook: a plan of a few hundred actions is well under
// 1 MiB.
const maxPlanWorkbook = 8 << 20

// measurePointRows is how many target points the "link an indicator" form offers.
const measurePointRows = 3

// ---- The list of plans ----

type plansData struct {
	Plans          []planRow
	CanEdit        bool
	Form           newPlanForm
	Problems       []string // why the plan could not be created
	ImportProblems []string // why the workbook could not be imported
}

type planRow struct {
	ID         int64
	Title      string
	Source     string
	SourceDate calendar.Date
	Recs       int
	Summary    plan.Summary
	Percent    string // "40%" of actions complete
	ByStatus   []statusCount
}

type statusCount struct {
	Status plan.Status
	Count  int
}

type newPlanForm struct {
	Title, Source, SourceDate, Published, Recommendations string
}

// plansPage lists the authority's plans with their progress.
func (s *Server) plansPage(w http.ResponseWriter, r *request) {
	s.renderPlans(w, r, http.StatusOK, plansData{})
}

func (s *Server) renderPlans(w http.ResponseWriter, r *request, status int, d plansData) {
	ps, err := s.st.Plans(r.Context(), r.LA)
	if err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	today := s.today()
	for _, p := range ps {
		sum := p.Summary(today)
		d.Plans = append(d.Plans, planRow{ID: p.ID, Title: p.Title, Source: p.Source, SourceDate: p.SourceDate,
			Recs: len(p.Recommendations), Summary: sum, Percent: percent(sum), ByStatus: byStatus(sum)})
	}
	d.CanEdit = r.can(EditPlans)
	if status != http.StatusOK {
		w.WriteHeader(status)
	}
	s.render(w, r.Request, r.User, "plans", page{Title: "Improvement plans", LA: r.LA, Data: d})
}

// numbered matches a recommendation typed with its number: "1. …", "2) …", "R3 …", "Recommendation 4: …"
// (but not a line that starts with a figure, such as "12 more foster carers").
var numbered = regexp.MustCompile(`(?i)^\s*(?:(?:recommendation\s*|r)\d+\s*[.):-]?|\d+\s*[.):])\s+`)

// createPlan creates a plan from a title, a source, the date of the inspection and its
// recommendations, typed one a line.
func (s *Server) createPlan(w http.ResponseWriter, r *request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "The form could not be read.", http.StatusBadRequest)
		return
	}
	form := newPlanForm{Title: strings.TrimSpace(r.PostFormValue("title")), Source: strings.TrimSpace(r.PostFormValue("source")),
		SourceDate: strings.TrimSpace(r.PostFormValue("source_date")), Published: strings.TrimSpace(r.PostFormValue("published")),
		Recommendations: r.PostFormValue("recommendations")}
	p := plan.Plan{Authority: r.LA, Title: form.Title, Source: form.Source}
	var problems []string
	if form.SourceDate != "" {
		d, ok := parseFormDate(form.SourceDate)
		if !ok {
			problems = append(problems, fmt.Sprintf("The inspection date %q is not a date: write dd/mm/yyyy.", form.SourceDate))
		}
		p.SourceDate = d
	}
	if form.Published != "" {
		d, ok := parseFormDate(form.Published)
		if !ok {
			problems = append(problems, fmt.Sprintf("The publication date %q is not a date: write dd/mm/yyyy.", form.Published))
		}
		p.Published = d
	}
	for line := range strings.Lines(form.Recommendations) {
		text := strings.TrimSpace(numbered.ReplaceAllString(line, ""))
		if text == "" {
			continue
		}
		p.Recommendations = append(p.Recommendations, plan.Recommendation{Number: len(p.Recommendations) + 1, Text: text})
	}
	problems = append(problems, problemsOf(p.Validate())...)
	if len(problems) > 0 {
		s.renderPlans(w, r, http.StatusBadRequest, plansData{Form: form, Problems: problems})
		return
	}
	saved, err := s.st.SavePlan(r.Context(), authorOf(r.User), p)
	if err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	s.audit(r.Request, r.User, "plan-change", r.LA, "created plan %d %q with %d recommendations", saved.ID, saved.Title,
		len(saved.Recommendations))
	http.Redirect(w, r.Request, planPath(r.LA, saved.ID, "created"), http.StatusSeeOther)
}

// importPlan reads a plan workbook (see plan.WriteXLSX) and saves it as a new plan, or over an
// existing plan of the authority (replace=ID), keeping the ids (and so the history and the progress
// notes) of the actions the workbook still holds.
func (s *Server) importPlan(w http.ResponseWriter, r *request) {
	fail := func(status int, problems ...string) {
		s.renderPlans(w, r, status, plansData{ImportProblems: problems})
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxPlanWorkbook+64<<10)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			fail(http.StatusRequestEntityTooLarge, fmt.Sprintf("The workbook is too large: the limit is %d MB.", maxPlanWorkbook>>20))
			return
		}
		fail(http.StatusBadRequest, "The form could not be read: choose a workbook and send it again.")
		return
	}
	defer r.MultipartForm.RemoveAll()
	file, hdr, err := r.FormFile("workbook")
	if err != nil {
		fail(http.StatusBadRequest, "No workbook was chosen: choose an .xlsx file.")
		return
	}
	defer file.Close()
	imported, err := plan.ReadXLSX(file)
	if err != nil {
		var ie *plan.ImportError
		if errors.As(err, &ie) {
			fail(http.StatusBadRequest, problemsOf(err)...)
			return
		}
		fail(http.StatusBadRequest, fmt.Sprintf("%s is not a readable Excel workbook (.xlsx).", hdr.Filename))
		return
	}
	if imported.Authority != 0 && imported.Authority != r.LA {
		fail(http.StatusBadRequest, fmt.Sprintf("The workbook's Plan sheet says it is for authority %d, but this is authority %d: "+
			"correct the Authority on the Plan sheet, or import it on that authority's plans page.", imported.Authority, r.LA))
		return
	}
	imported.Authority = r.LA

	var prev plan.Plan
	if v := r.FormValue("replace"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err == nil {
			prev, err = s.st.Plan(r.Context(), id)
		} else {
			err = store.ErrNotFound
		}
		if errors.Is(err, store.ErrNotFound) || (err == nil && prev.Authority != r.LA) {
			fail(http.StatusBadRequest, "The plan to replace does not exist: choose one from the list.")
			return
		}
		if err != nil {
			s.serverError(w, r.Request, err)
			return
		}
		if imported.Title == "" {
			imported.Title = prev.Title
		}
		if imported.Source == "" && imported.SourceDate.IsZero() {
			imported.Source, imported.SourceDate = prev.Source, prev.SourceDate
		}
		imported = keepProgress(prev, plan.MatchIDs(prev, imported))
	}
	if err := imported.Validate(); err != nil {
		fail(http.StatusBadRequest, problemsOf(err)...)
		return
	}
	saved, err := s.st.SavePlan(r.Context(), authorOf(r.User), imported)
	if err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	verb := "imported"
	if prev.ID != 0 {
		verb = "replaced"
	}
	s.audit(r.Request, r.User, "plan-change", r.LA, "%s plan %d %q from workbook %q", verb, saved.ID, saved.Title, hdr.Filename)
	http.Redirect(w, r.Request, planPath(r.LA, saved.ID, verb), http.StatusSeeOther)
}

// keepProgress gives the actions of next that kept their ids the progress notes stored for them: a
// workbook holds only each action's latest note, so the notes are those stored, with any note of the
// workbook that is not one of them (by author and text) added.
func keepProgress(prev, next plan.Plan) plan.Plan {
	for i := range next.Recommendations {
		acts := slices.Clone(next.Recommendations[i].Actions)
		for j, a := range acts {
			old, _, ok := prev.Action(a.ID)
			if a.ID == 0 || !ok {
				continue
			}
			notes := slices.Clone(old.Notes)
			for _, n := range a.Notes {
				if !slices.ContainsFunc(old.Notes, func(o plan.Note) bool { return o.Author == n.Author && o.Text == n.Text }) {
					notes = append(notes, n)
				}
			}
			acts[j].Notes = notes
		}
		next.Recommendations[i].Actions = acts
	}
	return next
}

// ---- A plan ----

type planData struct {
	Plan       plan.Plan
	Summary    plan.Summary
	Percent    string
	ByStatus   []statusCount
	Chart      template.HTML
	Today      calendar.Date
	Recs       []recView
	CanEdit    bool
	Done       string
	Problems   []string
	Indicators []indicator.Indicator // for the "link an indicator" form
	Statuses   []plan.Status
	PointRows  []int
	Suppressed bool
}

type recView struct {
	plan.Recommendation
	Summary  plan.Summary
	Actions  []actionView
	Measures []measureView
}

type actionView struct {
	plan.Action
	Overdue    bool
	LatestNote plan.Note
	HasNote    bool
	NoteWhen   string // the latest note's date, dd/mm/yyyy in England; "" when not known
}

type measureView struct {
	ID         string
	Title      string
	Points     string // "milestone 70 by 30/09/2026; …"
	Latest     string // the latest value as disclosed to the audience; "" when none is stored
	LatestAt   calendar.Date
	Target     string // the levels that apply at LatestAt, e.g. "milestone 72%, stretch 80%"
	Rating     rating.Rating
	RatingText string
}

// done messages, by the code a redirect carries (never text from the request).
var planDone = map[string]string{
	"created":     "The plan has been created. Add actions to each recommendation, and link the indicators that will show progress.",
	"imported":    "The workbook has been imported as a new plan.",
	"replaced":    "The plan has been replaced by the workbook; actions it still holds keep their history and notes.",
	"action":      "The action has been added.",
	"saved":       "The action has been saved.",
	"note":        "The progress note has been recorded.",
	"measure":     "The indicator's targets have been saved.",
	"unmeasured":  "The indicator is no longer linked to the recommendation.",
	"recommended": "The recommendation has been added.",
}

// planPage shows a plan: its progress, each recommendation with its actions and measures.
func (s *Server) planPage(w http.ResponseWriter, r *request) {
	p, ok := s.planFor(w, r)
	if !ok {
		return
	}
	s.renderPlan(w, r, p, http.StatusOK, planDone[r.URL.Query().Get("done")], nil)
}

func (s *Server) renderPlan(w http.ResponseWriter, r *request, p plan.Plan, status int, done string, problems []string) {
	d, err := s.planView(r.Context(), r, p)
	if err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	d.Done, d.Problems = done, problems
	if status != http.StatusOK {
		w.WriteHeader(status)
	}
	s.render(w, r.Request, r.User, "plan", page{Title: p.Title, LA: r.LA, Data: d})
}

func (s *Server) planView(ctx context.Context, r *request, p plan.Plan) (planData, error) {
	today := s.today()
	sum := p.Summary(today)
	d := planData{Plan: p, Summary: sum, Percent: percent(sum), ByStatus: byStatus(sum), Today: today,
		CanEdit: r.can(EditPlans), Statuses: plan.Statuses(), Suppressed: r.Audience == disclose.Member}
	var bars []chart.Bar
	for _, c := range d.ByStatus {
		bars = append(bars, chart.Bar{Label: c.Status.Label(), Value: float64(c.Count), Class: "status-" + string(c.Status)})
	}
	bars = append(bars, chart.Bar{Label: "Overdue", Value: float64(sum.Overdue), Class: "status-overdue"})
	d.Chart = chart.BarChart{Title: "Actions by status", Desc: "The plan's actions by the status their owners report, and those overdue.",
		Unit: "actions", Bars: bars, Width: 560}.SVG()
	for i := range measurePointRows {
		d.PointRows = append(d.PointRows, i+1)
	}
	d.Indicators = indicator.Catalogue()
	latest := map[string]store.Value{} // by indicator, read once per indicator
	for _, rec := range p.Recommendations {
		rv := recView{Recommendation: rec, Summary: rec.Summary(today)}
		for _, a := range rec.Actions {
			av := actionView{Action: a, Overdue: plan.Overdue(a, today)}
			av.LatestNote, av.HasNote = a.LatestNote()
			av.NoteWhen = noteWhen(av.LatestNote, "02/01/2006")
			rv.Actions = append(rv.Actions, av)
		}
		for _, m := range rec.Measures {
			ind, known := indicator.Lookup(m.Indicator)
			mv := measureView{ID: m.Indicator, Title: m.Indicator, Points: plan.FormatPoints(m.Points), Rating: rating.None,
				RatingText: "Not rated: no value is stored yet"}
			if known {
				mv.Title = ind.Title
			}
			v, ok := latest[m.Indicator]
			if !ok {
				vals, err := s.st.Values(ctx, r.LA, m.Indicator, 0, today)
				if err != nil {
					return planData{}, err
				}
				for _, x := range vals {
					if x.Category == "" {
						v = x // in date order: the last is the latest
					}
				}
				latest[m.Indicator] = v
			}
			if known && v.Indicator != "" {
				iv := indicator.Value{Indicator: v.Indicator, Authority: v.Authority, Numerator: v.Numerator,
					Denominator: v.Denominator, Value: v.Value, Valid: v.Valid}
				mv.Latest, mv.LatestAt = disclose.Show(ind, iv, r.Audience), v.PeriodEnd
				mv.Target = formatTarget(ind, m.TargetAt(v.PeriodEnd))
				switch {
				case mv.Latest == disclose.Suppressed:
					mv.RatingText = "Not rated: the figure is suppressed (a count of 1 to 5)"
				case !v.Valid:
					mv.RatingText = "Not rated: there is no value for this period"
				default:
					mv.Rating = m.RAG(v.Value, v.PeriodEnd)
					mv.RatingText = measureRatingText(mv.Rating)
				}
			}
			rv.Measures = append(rv.Measures, mv)
		}
		d.Recs = append(d.Recs, rv)
	}
	return d, nil
}

// formatTarget writes the levels of t in the indicator's unit: "milestone 72%, stretch 80%"; "no
// target set" when neither applies.
func formatTarget(ind indicator.Indicator, t plan.TargetPoint) string {
	var parts []string
	if t.Milestone != nil {
		parts = append(parts, "milestone "+figure(ind, *t.Milestone))
	}
	if t.Stretch != nil {
		parts = append(parts, "stretch "+figure(ind, *t.Stretch))
	}
	if len(parts) == 0 {
		return "no target set"
	}
	return strings.Join(parts, ", ")
}

// measureRatingText says what a measure's RAG means (see plan.Measure.RAG).
func measureRatingText(r rating.Rating) string {
	switch r {
	case rating.Green:
		return "Green: meets the stretch level"
	case rating.Amber:
		return "Amber: meets the milestone, not yet the stretch"
	case rating.Red:
		return "Red: short of the milestone"
	case rating.Grey:
		return "Grey: neither higher nor lower is better"
	}
	return "Not rated: no target set"
}

// exportPlan sends the plan as a workbook, one row per action (plan.WriteXLSX).
func (s *Server) exportPlan(w http.ResponseWriter, r *request) {
	p, ok := s.planFor(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := plan.WriteXLSX(&buf, p); err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	s.audit(r.Request, r.User, "export", r.LA, "plan %d %q as a workbook", p.ID, p.Title)
	h := w.Header()
	h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="csperf-%d-plan-%d.xlsx"`, r.LA, p.ID))
	buf.WriteTo(w)
}

// ---- History ----

type historyData struct {
	Plan    plan.Plan
	Changes []historyRow
}

type historyRow struct {
	At     time.Time
	Author string
	Action string // the action's description, for a change to an action ("" otherwise)
	What   string
}

// planHistoryPage lists every change to the plan: who, when, what.
func (s *Server) planHistoryPage(w http.ResponseWriter, r *request) {
	p, ok := s.planFor(w, r)
	if !ok {
		return
	}
	changes, err := s.st.PlanHistory(r.Context(), p.ID)
	if err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	d := historyData{Plan: p}
	removed := map[int64]string{} // descriptions of actions since removed, from their history
	for _, c := range changes {
		if c.Field == "action" && c.ActionID != 0 {
			removed[c.ActionID] = c.Old + c.New
		}
	}
	for i := len(changes) - 1; i >= 0; i-- { // newest first
		c := changes[i]
		row := historyRow{At: c.At.In(london), Author: c.Author, What: c.Describe()}
		if c.ActionID != 0 {
			if a, _, ok := p.Action(c.ActionID); ok {
				row.Action = a.Description
			} else if t := removed[c.ActionID]; t != "" {
				row.Action = t + " (removed)"
			} else {
				row.Action = "an action since removed"
			}
		}
		d.Changes = append(d.Changes, row)
	}
	s.render(w, r.Request, r.User, "planhistory", page{Title: "History of " + p.Title, LA: r.LA, Data: d})
}

// ---- Changes from the plan page ----

// addRecommendation adds a recommendation to the plan, numbered after the last.
func (s *Server) addRecommendation(w http.ResponseWriter, r *request) {
	p, ok := s.planFor(w, r)
	if !ok {
		return
	}
	text := strings.TrimSpace(r.PostFormValue("text"))
	if text == "" {
		s.renderPlan(w, r, p, http.StatusBadRequest, "", []string{"The recommendation has no text: type it in the box."})
		return
	}
	// The store numbers it after the last as the plan stands when it is added, so that two people
	// adding recommendations at once get a number each.
	rec, err := s.st.AddRecommendation(r.Context(), authorOf(r.User), p.ID, plan.Recommendation{Text: text})
	s.planChanged(w, r, p, err, "recommended", fmt.Sprintf("added recommendation %d to plan %d", rec.Number, p.ID))
}

// addAction adds an action to recommendation {rec} (its number).
func (s *Server) addAction(w http.ResponseWriter, r *request) {
	p, ok := s.planFor(w, r)
	if !ok {
		return
	}
	n, err := strconv.Atoi(r.PathValue("rec"))
	i := slices.IndexFunc(p.Recommendations, func(rec plan.Recommendation) bool { return rec.Number == n })
	if err != nil || i < 0 {
		http.NotFound(w, r.Request)
		return
	}
	a, problems := actionFromForm(r, plan.Action{Status: plan.NotStarted}, s.today())
	if len(problems) == 0 {
		problems = problemsOf(a.Validate())
	}
	if len(problems) > 0 {
		for k := range problems {
			problems[k] = fmt.Sprintf("New action for recommendation %d: %s", n, problems[k])
		}
		s.renderPlan(w, r, p, http.StatusBadRequest, "", problems)
		return
	}
	_, err = s.st.AddAction(r.Context(), authorOf(r.User), p.Recommendations[i].ID, a)
	s.planChanged(w, r, p, err, "action", fmt.Sprintf("added an action to recommendation %d of plan %d: %q", n, p.ID, a.Description))
}

// saveMeasure links an indicator to a recommendation with its target points, replacing the points
// of an indicator already linked; with remove=1 it unlinks the indicator.
func (s *Server) saveMeasure(w http.ResponseWriter, r *request) {
	p, ok := s.planFor(w, r)
	if !ok {
		return
	}
	n, err := strconv.Atoi(r.PostFormValue("rec"))
	i := slices.IndexFunc(p.Recommendations, func(rec plan.Recommendation) bool { return rec.Number == n })
	if err != nil || i < 0 {
		s.renderPlan(w, r, p, http.StatusBadRequest, "", []string{"Choose the recommendation the indicator measures."})
		return
	}
	rec := p.Recommendations[i]
	id := r.PostFormValue("indicator")
	ind, known := indicator.Lookup(id)
	if !known {
		s.renderPlan(w, r, p, http.StatusBadRequest, "", []string{fmt.Sprintf("Choose an indicator from the list (%q is not one).", id)})
		return
	}
	if r.PostFormValue("remove") == "1" {
		if !slices.ContainsFunc(rec.Measures, func(m plan.Measure) bool { return m.Indicator == id }) {
			http.NotFound(w, r.Request)
			return
		}
		err := s.st.RemoveMeasure(r.Context(), authorOf(r.User), rec.ID, id)
		s.planChanged(w, r, p, err, "unmeasured", fmt.Sprintf("unlinked %s from recommendation %d of plan %d", id, n, p.ID))
		return
	}
	m := plan.Measure{Indicator: id}
	var problems []string
	for k := 1; k <= measurePointRows; k++ {
		ds, ms, ss := strings.TrimSpace(r.PostFormValue(fmt.Sprintf("date_%d", k))),
			strings.TrimSpace(r.PostFormValue(fmt.Sprintf("milestone_%d", k))), strings.TrimSpace(r.PostFormValue(fmt.Sprintf("stretch_%d", k)))
		if ds == "" && ms == "" && ss == "" {
			continue
		}
		var pt plan.TargetPoint
		if ds == "" {
			problems = append(problems, fmt.Sprintf("Target %d has no date: give the date the level is to be reached by.", k))
		} else if d, ok := parseFormDate(ds); ok {
			pt.At = d
		} else {
			problems = append(problems, fmt.Sprintf("Target %d: %q is not a date; write dd/mm/yyyy.", k, ds))
		}
		for _, l := range []struct {
			name, text string
			dst        **float64
		}{{"milestone", ms, &pt.Milestone}, {"stretch", ss, &pt.Stretch}} {
			if l.text == "" {
				continue
			}
			x, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(l.text, "%")), 64)
			if err != nil {
				problems = append(problems, fmt.Sprintf("Target %d: the %s %q is not a number.", k, l.name, l.text))
				continue
			}
			*l.dst = &x
		}
		m.Points = append(m.Points, pt)
	}
	if len(m.Points) == 0 && len(problems) == 0 {
		problems = append(problems, "Give at least one target: a date with a milestone, a stretch level or both.")
	}
	if len(problems) == 0 {
		slices.SortFunc(m.Points, func(a, b plan.TargetPoint) int { return int(a.At) - int(b.At) })
		problems = problemsOf(m.Validate())
	}
	if len(problems) > 0 {
		for k := range problems {
			problems[k] = fmt.Sprintf("Indicator %s for recommendation %d: %s", ind.Title, n, problems[k])
		}
		s.renderPlan(w, r, p, http.StatusBadRequest, "", problems)
		return
	}
	err = s.st.SetMeasure(r.Context(), authorOf(r.User), rec.ID, m)
	s.planChanged(w, r, p, err, "measure", fmt.Sprintf("linked %s to recommendation %d of plan %d: %s", id, n, p.ID, plan.FormatPoints(m.Points)))
}

// planChanged finishes a change made from the plan page (p as read before it) whose outcome is err:
// it audits the change (detail) and goes back to the page. Each change adds, replaces or removes one
// item in the store, leaving what others changed meanwhile as it is; an item gone meanwhile (say, a
// recommendation removed by an import over the plan) is not found.
func (s *Server) planChanged(w http.ResponseWriter, r *request, p plan.Plan, err error, done, detail string) {
	var fe *plan.FieldError
	switch {
	case errors.Is(err, store.ErrNotFound):
		http.Error(w, "What you changed is no longer in the plan: someone may have just removed it.", http.StatusNotFound)
		return
	case errors.As(err, &fe):
		// The problems of a validation, joined inside the store's wrapping.
		for e := err; e != nil; e = errors.Unwrap(e) {
			if _, ok := e.(interface{ Unwrap() []error }); ok {
				err = e
				break
			}
		}
		s.renderPlan(w, r, p, http.StatusBadRequest, "", problemsOf(err))
		return
	case err != nil:
		s.serverError(w, r.Request, err)
		return
	}
	s.audit(r.Request, r.User, "plan-change", r.LA, "%s", detail)
	http.Redirect(w, r.Request, planPath(r.LA, p.ID, done), http.StatusSeeOther)
}

// ---- An action ----

type actionData struct {
	Plan           plan.Plan
	Recommendation plan.Recommendation
	Action         plan.Action
	Notes          []noteView // newest first
	Overdue        bool
	Statuses       []plan.Status
	Done           string
	Problems       []string
	NoteProblems   []string
	Note           noteForm
}

type noteView struct {
	plan.Note
	When string
}

type noteForm struct {
	Text, EvidenceTitle, EvidenceURL string
}

// actionPage shows an action to edit, with its notes and evidence and a form to record progress.
func (s *Server) actionPage(w http.ResponseWriter, r *request) {
	p, a, rec, ok := s.actionFor(w, r)
	if !ok {
		return
	}
	s.renderAction(w, r, http.StatusOK, actionData{Plan: p, Recommendation: rec, Action: a, Done: planDone[r.URL.Query().Get("done")]})
}

func (s *Server) renderAction(w http.ResponseWriter, r *request, status int, d actionData) {
	d.Statuses = plan.Statuses()
	d.Overdue = plan.Overdue(d.Action, s.today())
	for i := len(d.Action.Notes) - 1; i >= 0; i-- {
		n := d.Action.Notes[i]
		d.Notes = append(d.Notes, noteView{Note: n, When: noteWhen(n, "02/01/2006 15:04")})
	}
	if status != http.StatusOK {
		w.WriteHeader(status)
	}
	s.render(w, r.Request, r.User, "action", page{Title: fmt.Sprintf("Action for recommendation %d", d.Recommendation.Number), LA: r.LA, Data: d})
}

// saveAction saves the action's description, owner, dates and status.
func (s *Server) saveAction(w http.ResponseWriter, r *request) {
	p, old, rec, ok := s.actionFor(w, r)
	if !ok {
		return
	}
	a, problems := actionFromForm(r, old, s.today())
	if len(problems) == 0 {
		check := a
		check.Notes, check.Evidence = nil, nil
		problems = problemsOf(check.Validate())
	}
	if len(problems) > 0 {
		s.renderAction(w, r, http.StatusBadRequest, actionData{Plan: p, Recommendation: rec, Action: a, Problems: problems})
		return
	}
	if err := s.st.UpdateAction(r.Context(), authorOf(r.User), a); err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	var what []string
	for _, c := range plan.DiffAction(old, a) {
		what = append(what, c.Describe())
	}
	if len(what) == 0 {
		what = []string{"no change"}
	}
	s.audit(r.Request, r.User, "plan-change", r.LA, "action %d of plan %d: %s", a.ID, p.ID, strings.Join(what, "; "))
	http.Redirect(w, r.Request, actionPath(r.LA, p.ID, a.ID, "saved"), http.StatusSeeOther)
}

// addActionNote records a progress note on the action, by the signed-in user, with an optional piece
// of evidence (a title and a link).
func (s *Server) addActionNote(w http.ResponseWriter, r *request) {
	p, a, rec, ok := s.actionFor(w, r)
	if !ok {
		return
	}
	form := noteForm{Text: strings.TrimSpace(r.PostFormValue("text")), EvidenceTitle: strings.TrimSpace(r.PostFormValue("evidence_title")),
		EvidenceURL: strings.TrimSpace(r.PostFormValue("evidence_url"))}
	var problems []string
	if form.Text == "" && form.EvidenceTitle == "" && form.EvidenceURL == "" {
		problems = append(problems, "The note has no text: say what progress has been made.")
	}
	ev := plan.Evidence{Title: form.EvidenceTitle, URL: form.EvidenceURL}
	if form.EvidenceURL != "" {
		u, err := url.Parse(form.EvidenceURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			problems = append(problems, fmt.Sprintf("The evidence link %q is not a web address: it should start https://.", form.EvidenceURL))
		}
		if form.EvidenceTitle == "" {
			problems = append(problems, "The evidence has a link but no title: say what the document is.")
		}
	}
	if len(problems) > 0 {
		s.renderAction(w, r, http.StatusBadRequest, actionData{Plan: p, Recommendation: rec, Action: a, NoteProblems: problems, Note: form})
		return
	}
	author := authorOf(r.User)
	var did []string
	if form.Text != "" {
		if err := s.st.AddNote(r.Context(), a.ID, plan.Note{At: s.cfg.Now(), Author: author, Text: form.Text}); err != nil {
			s.serverError(w, r.Request, err)
			return
		}
		did = append(did, fmt.Sprintf("note %q", form.Text))
	}
	if ev.Title != "" {
		if err := s.st.AddEvidence(r.Context(), author, a.ID, ev); err != nil {
			s.serverError(w, r.Request, err)
			return
		}
		did = append(did, fmt.Sprintf("evidence %q", ev.String()))
	}
	s.audit(r.Request, r.User, "plan-change", r.LA, "action %d of plan %d: added %s", a.ID, p.ID, strings.Join(did, " and "))
	http.Redirect(w, r.Request, actionPath(r.LA, p.ID, a.ID, "note"), http.StatusSeeOther)
}

// actionFromForm reads an action's fields from the form over a (which keeps its id, notes and
// evidence). A status of Complete without a completed date is completed today; an action reopened
// (its status no longer Complete) loses the completed date it had, unless a new one is given.
func actionFromForm(r *request, a plan.Action, today calendar.Date) (plan.Action, []string) {
	var problems []string
	wasCompleted := a.Completed
	a.Description = strings.TrimSpace(r.PostFormValue("description"))
	a.Owner = strings.TrimSpace(r.PostFormValue("owner"))
	date := func(field, label string) calendar.Date {
		v := strings.TrimSpace(r.PostFormValue(field))
		if v == "" {
			return 0
		}
		d, ok := parseFormDate(v)
		if !ok {
			problems = append(problems, fmt.Sprintf("The %s %q is not a date: write dd/mm/yyyy.", label, v))
		}
		return d
	}
	a.Start, a.Due, a.Completed = date("start", "start date"), date("due", "due date"), date("completed", "completed date")
	if v := r.PostFormValue("status"); v != "" {
		st, err := plan.ParseStatus(v)
		if err != nil {
			problems = append(problems, "The status "+err.Error()+".")
		} else {
			a.Status = st
		}
	}
	switch {
	case a.Status == plan.Complete && a.Completed.IsZero() && len(problems) == 0:
		a.Completed = today
	case a.Status != plan.Complete && !a.Completed.IsZero() && a.Completed == wasCompleted:
		a.Completed = 0 // reopened: the date it was completed on no longer applies
	}
	return a, problems
}

// ---- Shared ----

// noteWhen writes when a note was written, in England, in layout; "" when not known.
func noteWhen(n plan.Note, layout string) string {
	if n.At.IsZero() {
		return ""
	}
	return n.At.In(london).Format(layout)
}

// planFor reads the {plan} of the path; it answers 404 (and returns false) when the authority has
// no such plan.
func (s *Server) planFor(w http.ResponseWriter, r *request) (plan.Plan, bool) {
	id, err := strconv.ParseInt(r.PathValue("plan"), 10, 64)
	if err != nil || id <= 0 {
		http.NotFound(w, r.Request)
		return plan.Plan{}, false
	}
	p, err := s.st.Plan(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && p.Authority != r.LA) {
		http.Error(w, "There is no such plan for this authority.", http.StatusNotFound)
		return plan.Plan{}, false
	}
	if err != nil {
		s.serverError(w, r.Request, err)
		return plan.Plan{}, false
	}
	return p, true
}

// actionFor reads the {plan} and {action} of the path.
func (s *Server) actionFor(w http.ResponseWriter, r *request) (plan.Plan, plan.Action, plan.Recommendation, bool) {
	p, ok := s.planFor(w, r)
	if !ok {
		return p, plan.Action{}, plan.Recommendation{}, false
	}
	id, err := strconv.ParseInt(r.PathValue("action"), 10, 64)
	a, n, found := p.Action(id)
	if err != nil || !found {
		http.Error(w, "There is no such action in this plan.", http.StatusNotFound)
		return p, plan.Action{}, plan.Recommendation{}, false
	}
	rec, _ := p.Recommendation(n)
	return p, a, rec, true
}

// planIndicators returns, for the authority's plans, the catalogue indicators they measure, each
// with the title of its plan (titles joined by "; " when several plans measure it). The scorecard
// marks them.
func (s *Server) planIndicators(ctx context.Context, la int) (map[string]string, error) {
	ps, err := s.st.Plans(ctx, la)
	if err != nil {
		return nil, err
	}
	titles := map[string][]string{}
	for _, p := range ps {
		for _, rec := range p.Recommendations {
			for _, m := range rec.Measures {
				if !slices.Contains(titles[m.Indicator], p.Title) {
					titles[m.Indicator] = append(titles[m.Indicator], p.Title)
				}
			}
		}
	}
	out := make(map[string]string, len(titles))
	for id, ts := range titles {
		out[id] = strings.Join(ts, "; ")
	}
	return out, nil
}

// authorOf names the user in a plan's history: "Name (email)", or the email alone.
func authorOf(u *store.User) string {
	if strings.TrimSpace(u.Name) == "" {
		return u.Email
	}
	return u.Name + " (" + u.Email + ")"
}

// today is the date in England.
func (s *Server) today() calendar.Date { return calendar.FromTime(s.cfg.Now().In(london)) }

// london is the time zone of English councils, for dates and times shown (UTC where the system has
// no time zone data). It is set once and never changed.
var london = func() *time.Location {
	if loc, err := time.LoadLocation("Europe/London"); err == nil {
		return loc
	}
	return time.UTC
}()

func planPath(la int, id int64, done string) string {
	p := fmt.Sprintf("/la/%d/plans/%d", la, id)
	if done != "" {
		p += "?done=" + done
	}
	return p
}

func actionPath(la int, plan, action int64, done string) string {
	p := fmt.Sprintf("/la/%d/plans/%d/actions/%d", la, plan, action)
	if done != "" {
		p += "?done=" + done
	}
	return p
}

// parseFormDate reads a date as a date input sends it (yyyy-mm-dd) or as people type it
// (dd/mm/yyyy).
func parseFormDate(s string) (calendar.Date, bool) {
	if d, err := calendar.ParseISO(s); err == nil {
		return d, true
	}
	if d, err := calendar.ParseDMY(s); err == nil {
		return d, true
	}
	return 0, false
}

// problemsOf lists the problems in err as sentences: each of a workbook's problems (sheet, row,
// column), each *plan.FieldError of a validation, or err itself.
func problemsOf(err error) []string {
	if err == nil {
		return nil
	}
	var ie *plan.ImportError
	if errors.As(err, &ie) {
		out := make([]string, len(ie.Problems))
		for i, p := range ie.Problems {
			out[i] = p.String()
		}
		return out
	}
	list := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		list = j.Unwrap()
	}
	var out []string
	for _, e := range list {
		var fe *plan.FieldError
		if errors.As(e, &fe) {
			msg := fe.Message
			if fe.Where != "plan" && fe.Where != "action" && fe.Where != "measure" {
				msg = fe.Where + ": " + msg
			}
			out = append(out, upperFirst(msg)+".")
			continue
		}
		out = append(out, upperFirst(e.Error())+".")
	}
	return out
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func percent(s plan.Summary) string {
	if s.Actions == 0 {
		return "no actions yet"
	}
	return disclose.Number(s.PercentComplete, 0) + "%"
}

func byStatus(s plan.Summary) []statusCount {
	var out []statusCount
	for _, st := range plan.Statuses() {
		out = append(out, statusCount{Status: st, Count: s.Count(st)})
	}
	return out
}
