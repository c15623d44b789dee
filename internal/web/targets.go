package web

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"csperf/internal/calendar"
	"csperf/internal/finding"
	"csperf/internal/indicator"
	"csperf/internal/rating"
	"csperf/internal/store"
)

// maxTargetsFile bounds an imported targets file.
const maxTargetsFile = 8 << 20

// targetRow is a stored target as the page lists it.
type targetRow struct {
	Indicator indicator.Indicator
	PeriodEnd calendar.Date
	Milestone string
	Target    string
	Stretch   string
	Tolerance string
	Rationale string
	EnteredBy string
	EnteredAt time.Time
}

// targetForm is what the add-or-replace form holds, as typed.
type targetForm struct {
	Indicator, PeriodEnd, Milestone, Target, Stretch, Tolerance, ToleranceKind, Rationale string
}

type targetsData struct {
	Targets        []targetRow
	Indicators     []indicator.Indicator // those a target may be set for
	Form           targetForm
	Problems       []string
	ImportProblems []string
	Done           string
}

// targetsPage lists the authority's targets with a form to add or replace one and a form to import
// a targets file.
func (s *Server) targetsPage(w http.ResponseWriter, r *request) {
	d := targetsData{Form: targetForm{ToleranceKind: string(rating.Absolute)}}
	switch r.URL.Query().Get("done") {
	case "saved":
		d.Done = "The target was saved."
	case "imported":
		d.Done = "The targets file was imported: " + r.URL.Query().Get("n") + " targets saved."
	}
	s.renderTargets(w, r, http.StatusOK, d)
}

func (s *Server) renderTargets(w http.ResponseWriter, r *request, status int, d targetsData) {
	ts, err := s.st.Targets(r.Context(), r.LA)
	if err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	for _, t := range ts {
		ind, ok := indicator.Lookup(t.Indicator)
		if !ok {
			ind = indicator.Indicator{ID: t.Indicator, Title: t.Indicator}
		}
		row := targetRow{Indicator: ind, PeriodEnd: t.PeriodEnd, Milestone: targetLevel(ind, t.Milestone), Target: targetLevel(ind, t.Target),
			Stretch: targetLevel(ind, t.Stretch), Rationale: t.Rationale, EnteredBy: t.EnteredBy, EnteredAt: t.EnteredAt}
		if t.Tolerance != 0 {
			if t.ToleranceKind == string(rating.Relative) {
				row.Tolerance = plainNumber(t.Tolerance) + "% of the target"
			} else {
				row.Tolerance = plainNumber(t.Tolerance) + unitSuffix(ind)
			}
		}
		d.Targets = append(d.Targets, row)
	}
	d.Indicators = targetIndicators()
	if status != http.StatusOK {
		w.WriteHeader(status)
	}
	s.render(w, r.Request, r.User, "targets", page{Title: "Targets", LA: r.LA, Data: d})
}

// targetIndicators lists the catalogue's single-valued indicators: a breakdown has no one value to
// aim for.
func targetIndicators() []indicator.Indicator {
	var out []indicator.Indicator
	for _, ind := range indicator.Catalogue() {
		if ind.Categories == nil {
			out = append(out, ind)
		}
	}
	return out
}

// level formats a target level, "" when not set.
func targetLevel(ind indicator.Indicator, x *float64) string {
	if x == nil {
		return ""
	}
	return plainNumber(*x) + unitSuffix(ind)
}

// plainNumber writes a level as entered, without trailing zeros.
func plainNumber(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

func unitSuffix(ind indicator.Indicator) string {
	if sym := ind.Unit.Symbol(); sym != "" && sym != "%" {
		return " " + sym
	}
	return ind.Unit.Symbol()
}

// saveTarget adds or replaces one target from the form, or imports a targets file (CSV or XLSX,
// sent as multipart with the field "file"). Either way nothing is saved unless every value is right.
func (s *Server) saveTarget(w http.ResponseWriter, r *request) {
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		s.importTargets(w, r)
		return
	}
	if err := r.ParseForm(); err != nil {
		http.Error(w, "The form could not be read.", http.StatusBadRequest)
		return
	}
	form := targetForm{}
	for field, dst := range map[string]*string{"indicator": &form.Indicator, "period_end": &form.PeriodEnd, "milestone": &form.Milestone,
		"target": &form.Target, "stretch": &form.Stretch, "tolerance": &form.Tolerance, "tolerance_kind": &form.ToleranceKind,
		"rationale": &form.Rationale} {
		*dst = strings.TrimSpace(r.PostFormValue(field))
	}
	var problems []string
	ind, known := indicator.Lookup(form.Indicator)
	switch {
	case form.Indicator == "":
		problems = append(problems, "Indicator: choose the indicator the target is for.")
	case !known || ind.Categories != nil:
		problems = append(problems, fmt.Sprintf("Indicator: %q is not an indicator a target can be set for; choose one from the list.", form.Indicator))
	}
	if form.PeriodEnd == "" {
		problems = append(problems, "Period end: give the date the target is for, such as 31/03/2026.")
	}
	if form.Target == "" {
		problems = append(problems, "Target: give the level to aim for.")
	}
	if len(problems) == 0 {
		// The same checks as an imported file: one row of a targets CSV.
		var buf bytes.Buffer
		cw := csv.NewWriter(&buf)
		cw.Write([]string{"indicator", "authority", "period_end", "milestone", "target", "stretch", "tolerance", "tolerance_kind", "rationale"})
		cw.Write([]string{form.Indicator, strconv.Itoa(r.LA), form.PeriodEnd, form.Milestone, form.Target, form.Stretch, form.Tolerance,
			form.ToleranceKind, form.Rationale})
		cw.Flush()
		ts, found, err := rating.ReadTargetsCSV("form", &buf)
		switch {
		case err != nil:
			problems = append(problems, "The target could not be read: "+err.Error())
		case len(found) > 0:
			for _, f := range found {
				problems = append(problems, fieldProblem(f))
			}
		case len(ts) == 1:
			t := ts[0]
			if err := s.st.SaveTargets(r.Context(), []store.Target{storeTarget(t, r.LA, authorOf(r.User))}); err != nil {
				s.serverError(w, r.Request, err)
				return
			}
			s.audit(r.Request, r.User, "targets", r.LA, "set the target for %s, period end %s: milestone %s, target %s, stretch %s, tolerance %s %s",
				t.Indicator, t.PeriodEnd, orNone(form.Milestone), orNone(form.Target), orNone(form.Stretch), orNone(form.Tolerance), t.ToleranceKind)
			http.Redirect(w, r.Request, fmt.Sprintf("/la/%d/targets?done=saved", r.LA), http.StatusSeeOther)
			return
		}
	}
	s.renderTargets(w, r, http.StatusBadRequest, targetsData{Form: form, Problems: problems})
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func storeTarget(t rating.Target, la int, by string) store.Target {
	return store.Target{Authority: la, Indicator: t.Indicator, PeriodEnd: t.PeriodEnd, Milestone: t.Milestone, Target: t.Target,
		Stretch: t.Stretch, Tolerance: t.Tolerance, ToleranceKind: string(t.ToleranceKind), Rationale: t.Rationale, EnteredBy: by}
}

// targetFieldNames names the columns of a targets file (and the form's fields) in words.
var targetFieldNames = map[string]string{"indicator": "Indicator", "authority": "Authority", "period_end": "Period end",
	"milestone": "Milestone", "target": "Target", "stretch": "Stretch", "tolerance": "Tolerance", "tolerance_kind": "Tolerance kind",
	"rationale": "Rationale", "numerator": "Numerator", "denominator": "Denominator", "note": "Note"}

// fieldProblem writes a finding about one form field as a sentence that starts with the field's
// name: "Period end: period end "31/02/2026" is not a date …".
func fieldProblem(f finding.Finding) string {
	msg := strings.TrimSpace(f.Message)
	if r, n := utf8.DecodeRuneInString(msg); n > 0 {
		msg = string(unicode.ToUpper(r)) + msg[n:]
	}
	if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	if len(f.Fields) == 0 {
		return msg
	}
	name := targetFieldNames[f.Fields[0]]
	if name == "" {
		name = f.Fields[0]
	}
	return name + ": " + msg
}

// importTargets reads a targets file (CSV or XLSX) and saves every target in it, or none.
func (s *Server) importTargets(w http.ResponseWriter, r *request) {
	fail := func(status int, problems ...string) {
		s.renderTargets(w, r, status, targetsData{Form: targetForm{ToleranceKind: string(rating.Absolute)}, ImportProblems: problems})
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxTargetsFile+64<<10)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			fail(http.StatusRequestEntityTooLarge, fmt.Sprintf("The file is too large: the limit is %d MB. Nothing was saved.", maxTargetsFile>>20))
			return
		}
		fail(http.StatusBadRequest, "The form could not be read: choose a targets file and send it again.")
		return
	}
	defer r.MultipartForm.RemoveAll()
	file, hdr, err := r.FormFile("file")
	if err != nil {
		fail(http.StatusBadRequest, "No file was chosen: choose a targets file (.csv or .xlsx).")
		return
	}
	defer file.Close()
	name := filepath.Base(strings.ReplaceAll(hdr.Filename, `\`, "/"))
	var ts []rating.Target
	var found []finding.Finding
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx":
		ts, found, err = rating.ReadTargetsXLSX(name, file)
	case ".csv":
		ts, found, err = rating.ReadTargetsCSV(name, file)
	default:
		fail(http.StatusBadRequest, fmt.Sprintf("%s is not a targets file: send a .csv or .xlsx file with the columns indicator, authority, "+
			"period_end, milestone, target, stretch, tolerance, tolerance_kind and rationale. Nothing was saved.", name))
		return
	}
	if err != nil {
		fail(http.StatusBadRequest, strings.TrimPrefix(err.Error(), "read targets ")+". Nothing was saved.")
		return
	}
	var problems []string
	for _, f := range found {
		problems = append(problems, fmt.Sprintf("%s row %d: %s", name, f.Row, fieldProblem(f)))
	}
	for i, t := range ts {
		if t.Authority != r.LA {
			problems = append(problems, fmt.Sprintf("%s row %d: Authority: the target is for authority %d, but this page sets targets "+
				"for authority %d; import it on that authority's targets page.", name, i+2, t.Authority, r.LA))
		}
	}
	if len(ts) == 0 && len(problems) == 0 {
		problems = append(problems, name+" has a header but no targets.")
	}
	if len(problems) > 0 {
		fail(http.StatusBadRequest, append(problems, "Nothing was saved: correct the file and import it again.")...)
		return
	}
	rows := make([]store.Target, len(ts))
	for i, t := range ts {
		rows[i] = storeTarget(t, r.LA, authorOf(r.User))
	}
	if err := s.st.SaveTargets(r.Context(), rows); err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	s.audit(r.Request, r.User, "targets", r.LA, "imported %d targets from %q", len(rows), name)
	http.Redirect(w, r.Request, fmt.Sprintf("/la/%d/targets?done=imported&n=%s", r.LA, url.QueryEscape(strconv.Itoa(len(rows)))), http.StatusSeeOther)
}
