package web

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"csperf/internal/calendar"
	"csperf/internal/disclose"
	"csperf/internal/indicator"
	"csperf/internal/store"
)

// figureRow is a stored local figure as the page lists it.
type figureRow struct {
	Indicator   indicator.Indicator
	PeriodEnd   calendar.Date
	Numerator   int64
	Denominator int64
	Value       string // the figure it gives, in the indicator's unit
	Note        string
	EnteredBy   string
	EnteredAt   time.Time
}

// figureForm is what the entry form holds, as typed.
type figureForm struct {
	Indicator, PeriodEnd, Numerator, Denominator, Note string
}

type figuresData struct {
	Figures    []figureRow
	Indicators []indicator.Indicator // those entered locally
	Form       figureForm
	Problems   []string
	Done       bool
}

// localIndicators lists the catalogue's indicators that the council enters itself.
func localIndicators() []indicator.Indicator {
	var out []indicator.Indicator
	for _, ind := range indicator.Catalogue() {
		if ind.Source == indicator.SourceLocal {
			out = append(out, ind)
		}
	}
	return out
}

// figuresPage lists the authority's local figures with a form to enter one.
func (s *Server) figuresPage(w http.ResponseWriter, r *request) {
	s.renderFigures(w, r, http.StatusOK, figuresData{Done: r.URL.Query().Get("done") == "saved"})
}

func (s *Server) renderFigures(w http.ResponseWriter, r *request, status int, d figuresData) {
	figs, err := s.st.LocalFigures(r.Context(), r.LA)
	if err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	for _, f := range figs {
		ind, ok := indicator.Lookup(f.Indicator)
		if !ok {
			ind = indicator.Indicator{ID: f.Indicator, Title: f.Indicator, Unit: indicator.Count}
		}
		v := indicator.Value{Indicator: f.Indicator, Authority: f.Authority, PeriodEnd: f.PeriodEnd, Numerator: f.Numerator,
			Denominator: f.Denominator}
		v.Finish(ind.Unit)
		d.Figures = append(d.Figures, figureRow{Indicator: ind, PeriodEnd: f.PeriodEnd, Numerator: f.Numerator, Denominator: f.Denominator,
			Value: disclose.Show(ind, v, disclose.Analyst), Note: f.Note, EnteredBy: f.EnteredBy, EnteredAt: f.EnteredAt})
	}
	d.Indicators = localIndicators()
	if status != http.StatusOK {
		w.WriteHeader(status)
	}
	s.render(w, r.Request, r.User, "figures", page{Title: "Local figures", LA: r.LA, Data: d})
}

// saveFigure adds or replaces one local figure (per indicator and period end), checked as a row of
// a local figures file is.
func (s *Server) saveFigure(w http.ResponseWriter, r *request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "The form could not be read.", http.StatusBadRequest)
		return
	}
	form := figureForm{Indicator: strings.TrimSpace(r.PostFormValue("indicator")), PeriodEnd: strings.TrimSpace(r.PostFormValue("period_end")),
		Numerator: strings.TrimSpace(r.PostFormValue("numerator")), Denominator: strings.TrimSpace(r.PostFormValue("denominator")),
		Note: strings.TrimSpace(r.PostFormValue("note"))}
	var problems []string
	if form.Indicator == "" {
		problems = append(problems, "Indicator: choose the indicator the figure is for.")
	}
	if form.PeriodEnd == "" {
		problems = append(problems, "Period end: give the date the figure is for, such as 31/03/2025.")
	}
	if form.Numerator == "" {
		problems = append(problems, "Numerator: give the number counted.")
	}
	if len(problems) == 0 {
		var buf bytes.Buffer
		cw := csv.NewWriter(&buf)
		cw.Write([]string{"authority", "indicator", "period_end", "numerator", "denominator", "note"})
		cw.Write([]string{strconv.Itoa(r.LA), form.Indicator, form.PeriodEnd, form.Numerator, form.Denominator, form.Note})
		cw.Flush()
		figs, found, err := indicator.ReadLocalFigures("form", &buf)
		if err != nil {
			s.serverError(w, r.Request, fmt.Errorf("local figure form: %w", err))
			return
		}
		for _, f := range found {
			problems = append(problems, fieldProblem(f))
		}
		if len(problems) == 0 && len(figs) == 1 {
			f := figs[0]
			if err := s.st.SaveLocalFigures(r.Context(), []store.LocalFigure{{Authority: r.LA, Indicator: f.Indicator, PeriodEnd: f.PeriodEnd,
				Numerator: f.Numerator, Denominator: f.Denominator, Note: f.Note, EnteredBy: authorOf(r.User), EnteredAt: s.cfg.Now()}}); err != nil {
				s.serverError(w, r.Request, err)
				return
			}
			s.audit(r.Request, r.User, "local-figure", r.LA, "%s, period end %s: %d of %d (%s)", f.Indicator, f.PeriodEnd, f.Numerator,
				f.Denominator, f.Note)
			http.Redirect(w, r.Request, fmt.Sprintf("/la/%d/figures?done=saved", r.LA), http.StatusSeeOther)
			return
		}
	}
	s.renderFigures(w, r, http.StatusBadRequest, figuresData{Form: form, Problems: problems})
}
