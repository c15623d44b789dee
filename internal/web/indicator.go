package web

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"csperf/internal/calendar"
	"csperf/internal/chart"
	"csperf/internal/compare"
	"csperf/internal/disclose"
	"csperf/internal/glossary"
	"csperf/internal/indicator"
	"csperf/internal/kpi"
	"csperf/internal/rating"
	"csperf/internal/scorecard"
	"csperf/internal/store"
)

// indicatorData is what the indicator page shows: the aggregate part is cached per data generation,
// audience and date; the children behind the figure are computed only when asked for.
type indicatorData struct {
	Ind        indicator.Indicator
	At         calendar.Date
	Dates      []calendar.Date // month ends with values, newest first, for the period chooser
	Has        bool            // the authority has a value of the indicator at At
	Row        scoreRow
	Chart      template.HTML
	Funnel     template.HTML
	FunnelNote string
	Series     []indicatorPoint // newest first
	Terms      []glossary.Term  // the indicator's acronyms, expanded
	Unit       string
	Polarity   string
	Period     string
	Source     string
	Suppressed bool // the audience has small numbers suppressed

	// Set per request, never cached.
	CanEdit       bool
	CanChildren   bool
	CanViewChild  bool
	CanReveal     bool
	Children      *indicatorChildren // nil unless asked for (?children=1)
	ChildrenQuery string             // the query of the children link
}

// indicatorPoint is one row of the series table.
type indicatorPoint struct {
	At     calendar.Date
	Shown  string
	Counts string // "45 of 60", "" when hidden or not meaningful
}

// indicatorChildren is the list of children behind the figure.
type indicatorChildren struct {
	Groups   []childGroup
	Computed bool // the engine keeps the children of this indicator
	Revealed bool // real IDs are shown
	CSV      string
}

type childGroup struct {
	Category    string
	Numerator   int64
	Denominator int64
	Members     []childMember
}

type childMember struct {
	Key       string // pseudonym
	ID        string // real ID, when revealed
	Numerator bool
	Facts     string
}

// indicatorPage shows one indicator of an authority at a date (?at=, default the latest with values):
// its monthly line chart with targets and England, a funnel plot of the deployment's authorities,
// the series as a table, its definition and narrative, and — for those allowed, when asked — the
// children behind the figure.
func (s *Server) indicatorPage(w http.ResponseWriter, r *request) {
	ind, ok := indicator.Lookup(r.PathValue("id"))
	if !ok {
		http.Error(w, fmt.Sprintf("There is no indicator called %q.", r.PathValue("id")), http.StatusNotFound)
		return
	}
	if q := r.URL.Query(); q.Get("children") == "" && q.Get("reveal") == "" {
		// Aggregates only: nothing to audit, so the rendered page may be reused.
		s.renderCached(w, r, "indicator", func() (page, error) {
			at, _, err := s.periodFor(r.Context(), r.LA, q.Get("at"))
			if err != nil {
				return page{}, err
			}
			d, err := s.indicatorView(r, ind, scorecard.StoredDate(at))
			return page{Title: ind.Title, LA: r.LA, Data: d}, err
		})
		return
	}
	ctx := r.Context()
	at, _, err := s.periodFor(ctx, r.LA, r.URL.Query().Get("at"))
	if errors.Is(err, errBadDate) {
		http.Error(w, "The period ?at= must be a date written YYYY-MM-DD.", http.StatusBadRequest)
		return
	}
	if err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	at = scorecard.StoredDate(at)
	d, err := s.indicatorView(r, ind, at)
	if err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	q := r.URL.Query()
	if d.CanChildren && q.Get("children") == "1" {
		reveal := q.Get("reveal") == "1" && d.CanReveal
		groups, computed, err := s.auditedMembers(r, "view-children", ind, at, reveal)
		if err != nil {
			s.serverError(w, r.Request, err)
			return
		}
		d.Children = &indicatorChildren{Groups: groups, Computed: computed, Revealed: reveal,
			CSV: fmt.Sprintf("/la/%d/indicator/%s/children.csv?at=%s", r.LA, ind.ID, at)}
	}
	s.render(w, r.Request, r.User, "indicator", page{Title: ind.Title, LA: r.LA, Data: d})
}

// auditedMembers writes the audit entry (action, with whether real IDs are shown) and only then
// computes the children behind ind at at, with their real IDs when reveal is set.
func (s *Server) auditedMembers(r *request, action string, ind indicator.Indicator, at calendar.Date, reveal bool) ([]childGroup, bool, error) {
	detail := fmt.Sprintf("children behind %s at %s", ind.ID, at)
	if reveal {
		detail += ", real IDs revealed"
	}
	if err := s.audit(r.Request, r.User, action, r.LA, "%s", detail); err != nil {
		return nil, false, fmt.Errorf("audit before showing children: %w", err)
	}
	groups, computed, err := s.indicatorMembers(r.Context(), r.LA, ind, at)
	if err != nil {
		return nil, false, err
	}
	if reveal {
		if err := s.revealIDs(r.Context(), r.LA, groups); err != nil {
			return nil, false, err
		}
	}
	return groups, computed, nil
}

// indicatorView is the indicator page's aggregate part for the request's user.
func (s *Server) indicatorView(r *request, ind indicator.Indicator, at calendar.Date) (indicatorData, error) {
	d, err := s.indicatorData(r.Context(), r.LA, ind, at, r.Audience)
	if err != nil {
		return d, err
	}
	d.CanEdit = r.can(EditTargets)
	d.CanChildren = r.can(ViewChildList) && indicator.Computable(ind.ID)
	d.CanViewChild = r.can(ViewChild)
	d.CanReveal = r.can(ViewChild)
	d.ChildrenQuery = "?" + url.Values{"at": {at.String()}, "children": {"1"}}.Encode()
	return d, nil
}

// indicatorData assembles the aggregate part of the page, cached per generation.
func (s *Server) indicatorData(ctx context.Context, la int, ind indicator.Indicator, at calendar.Date, a disclose.Audience) (indicatorData, error) {
	gen, err := s.generation(ctx)
	if err != nil {
		return indicatorData{}, err
	}
	key := fmt.Sprintf("indicator %d %s %s %s", la, ind.ID, at, a)
	return cached(s.cache, gen, key, func() (indicatorData, error) {
		d := indicatorData{Ind: ind, At: at, Suppressed: a == disclose.Member || a == disclose.Public,
			Unit: ind.Unit.Describe(), Polarity: ind.Polarity.Describe(), Period: ind.Period.Describe(), Source: ind.Source.Describe()}
		for _, acr := range ind.Acronyms {
			if t, ok := glossary.Lookup(acr); ok {
				d.Terms = append(d.Terms, t)
			}
		}
		rows, _, err := scorecard.BuildStored(ctx, s.st, la, at, a)
		if err != nil {
			return d, err
		}
		for _, row := range rows {
			if row.Indicator.ID == ind.ID {
				d.Row, d.Has = viewRow(row, a), true
			}
		}
		all, err := s.st.Values(ctx, la, ind.ID, 0, 0)
		if err != nil {
			return d, err
		}
		var series []store.Value
		from := at.AddMonths(-36)
		for _, v := range all {
			if v.Category != "" {
				continue
			}
			d.Dates = append(d.Dates, v.PeriodEnd)
			if v.PeriodEnd > from && v.PeriodEnd <= at {
				series = append(series, v)
			}
		}
		sort.Slice(d.Dates, func(i, j int) bool { return d.Dates[i] > d.Dates[j] })
		var main []chart.Point
		for _, v := range series {
			iv := indicator.Value{Indicator: ind.ID, Authority: la, PeriodEnd: v.PeriodEnd, Numerator: v.Numerator,
				Denominator: v.Denominator, Value: v.Value, Valid: v.Valid}
			shown := disclose.Show(ind, iv, a)
			p := indicatorPoint{At: v.PeriodEnd, Shown: shown}
			if shown != disclose.Suppressed && v.Valid {
				switch ind.Unit {
				case indicator.Percent:
					p.Counts = disclose.Number(float64(v.Numerator), 0) + " of " + disclose.Number(float64(v.Denominator), 0)
				case indicator.Rate10k:
					p.Counts = disclose.Number(float64(v.Numerator), 0) + " children"
				}
			}
			d.Series = append([]indicatorPoint{p}, d.Series...)
			main = append(main, chart.Point{At: v.PeriodEnd, Value: v.Value, Valid: v.Valid && shown != disclose.Suppressed})
		}
		england, englandName, err := s.englandSeries(ctx, ind, from, at)
		if err != nil {
			return d, err
		}
		lc := chart.LineChart{Title: ind.Title + ": the last three years", Unit: ind.Unit.Symbol(), Decimals: ind.Decimals,
			Lines: []chart.Line{{Name: "This authority", Points: main, Kind: chart.Main}}}
		if len(england) > 0 {
			lc.Lines = append(lc.Lines, chart.Line{Name: englandName, Points: england, Kind: chart.Comparator})
		}
		if t := d.Row.Target; d.Has && t != nil {
			for _, ref := range []struct {
				v *float64
				k chart.RefKind
			}{{t.Milestone, chart.Milestone}, {t.Target, chart.Target}, {t.Stretch, chart.Stretch}} {
				if ref.v != nil {
					lc.Refs = append(lc.Refs, chart.Ref{Value: *ref.v, Kind: ref.k})
				}
			}
		}
		if len(main) > 0 {
			d.Chart = lc.SVG()
		}
		d.Funnel, d.FunnelNote, err = s.funnel(ctx, la, ind, at, a, d.Row.Row)
		return d, err
	})
}

// englandSeries returns the England line: DfE's published national figures at each 31 March when
// the store has them, else the deployment's authorities pooled at each quarter end.
func (s *Server) englandSeries(ctx context.Context, ind indicator.Indicator, from, to calendar.Date) ([]chart.Point, string, error) {
	var pts []chart.Point
	for y := indicator.CollectionYear(from); y <= indicator.CollectionYear(to); y++ {
		end := calendar.CollectionYearEnd(y)
		if end <= from || end > to {
			continue
		}
		pv, err := s.st.Published(ctx, ind.ID, y)
		if err != nil {
			return nil, "", err
		}
		for _, p := range pv {
			if p.Level == compare.LevelNational && p.Symbol == "" {
				pts = append(pts, chart.Point{At: end, Value: p.Value, Valid: true})
			}
		}
	}
	if len(pts) > 0 {
		return pts, "England (published)", nil
	}
	las, err := s.authorities(ctx)
	if err != nil {
		return nil, "", err
	}
	ours := map[int]bool{}
	for _, la := range las {
		ours[la] = true
	}
	for d := calendar.MonthEnd(from.AddDays(1)); d <= to; d = calendar.MonthEnd(d.AddDays(1)) {
		if _, m, _ := d.Civil(); m%3 != 0 {
			continue
		}
		vals, err := s.st.ValuesAt(ctx, ind.ID, d)
		if err != nil {
			return nil, "", err
		}
		if x, ok := pooled(ind, vals, ours); ok {
			pts = append(pts, chart.Point{At: d, Value: x, Valid: true})
		}
	}
	return pts, "England (authorities of this deployment)", nil
}

// pooled returns the pooled value of the deployment's authorities' single values, as DfE pools
// regions and England; false when fewer than two authorities have one.
func pooled(ind indicator.Indicator, vals []store.Value, ours map[int]bool) (float64, bool) {
	var parts []compare.Fraction
	for _, v := range vals {
		if v.Category != "" || !v.Valid || !ours[v.Authority] {
			continue
		}
		parts = append(parts, compare.Fraction{Numerator: float64(v.Numerator), Denominator: float64(v.Denominator)})
	}
	if len(parts) < 2 {
		return 0, false
	}
	return compare.Pooled(ind.Unit, parts)
}

// funnel draws the deployment's authorities at date at against England, with 95% and 99.8% limits,
// for proportions and rates; other units get a note instead. Authorities whose figure the audience
// may not see are left off.
func (s *Server) funnel(ctx context.Context, la int, ind indicator.Indicator, at calendar.Date, a disclose.Audience,
	row scorecard.Row) (template.HTML, string, error) {
	if ind.Unit != indicator.Percent && ind.Unit != indicator.Rate10k {
		return "", "A funnel plot needs a proportion or a rate; this indicator is " + ind.Unit.Describe() + ".", nil
	}
	vals, err := s.st.ValuesAt(ctx, ind.ID, at)
	if err != nil {
		return "", "", err
	}
	as, err := s.authorityList(ctx)
	if err != nil {
		return "", "", err
	}
	names, ours := map[int]string{}, map[int]bool{}
	for _, x := range as {
		names[x.Number], ours[x.Number] = x.Name, true
	}
	centre, ok := row.Comparison.England, row.Comparison.HasEngland
	if !ok {
		centre, ok = pooled(ind, vals, ours)
	}
	if !ok {
		return "", "There are too few authorities with a value at this date for a funnel plot.", nil
	}
	fc := chart.FunnelChart{Title: ind.Title + ": authorities against England at " + at.DMY(), Unit: ind.Unit.Symbol(),
		Decimals: ind.Decimals, Centre: centre, XLabel: denominatorLabel(ind)}
	left := 0
	for _, v := range vals {
		if v.Category != "" || !v.Valid || !ours[v.Authority] || v.Denominator <= 0 {
			continue
		}
		iv := indicator.Value{Indicator: ind.ID, Authority: v.Authority, Numerator: v.Numerator, Denominator: v.Denominator,
			Value: v.Value, Valid: v.Valid}
		if disclose.Show(ind, iv, a) == disclose.Suppressed {
			left++
			continue
		}
		fc.Points = append(fc.Points, chart.FunnelPoint{Label: names[v.Authority], Denominator: float64(v.Denominator),
			Value: v.Value, Highlight: v.Authority == la})
	}
	switch ind.Unit {
	case indicator.Percent:
		p0 := centre / 100
		fc.Limits = func(n float64) (float64, float64, float64, float64, bool) {
			i95, ok1 := rating.FunnelProportion(p0, int64(n), rating.Level95)
			i998, ok2 := rating.FunnelProportion(p0, int64(n), rating.Level998)
			return i95.Lower * 100, i95.Upper * 100, i998.Lower * 100, i998.Upper * 100, ok1 && ok2
		}
	case indicator.Rate10k:
		fc.Limits = func(n float64) (float64, float64, float64, float64, bool) {
			i95, ok1 := rating.FunnelRate(centre, int64(n), 10000, rating.Level95)
			i998, ok2 := rating.FunnelRate(centre, int64(n), 10000, rating.Level998)
			return i95.Lower, i95.Upper, i998.Lower, i998.Upper, ok1 && ok2
		}
	}
	note := fmt.Sprintf("%d authorities of this deployment at %s. Points outside the outer (99.8%%) limits are unlikely to differ from England by chance alone.",
		len(fc.Points), at.DMY())
	if left > 0 {
		note += fmt.Sprintf(" %d authorities with small numbers are left off.", left)
	}
	return fc.SVG(), note, nil
}

// indicatorMembers computes the children behind indicator ind for authority la at date at, from the
// authority's loaded returns. computed is false when the engine keeps no children for it.
func (s *Server) indicatorMembers(ctx context.Context, la int, ind indicator.Indicator, at calendar.Date) ([]childGroup, bool, error) {
	if !indicator.Computable(ind.ID) {
		return nil, false, nil
	}
	if s.key == nil {
		return nil, false, errors.New("no pseudonymisation key: the children behind a figure cannot be listed")
	}
	h, _, err := kpi.Load(ctx, s.st, s.key, la)
	if err != nil {
		return nil, false, err
	}
	vals, err := indicator.Compute(h, at, true, ind.ID)
	if err != nil {
		return nil, false, fmt.Errorf("children behind %s at %s: %w", ind.ID, at, err)
	}
	var groups []childGroup
	computed := false
	for _, v := range vals {
		g := childGroup{Category: v.Category, Numerator: v.Numerator, Denominator: v.Denominator}
		for _, m := range v.Members {
			g.Members = append(g.Members, childMember{Key: m.Child, Numerator: m.Numerator, Facts: m.Facts})
		}
		if v.Members != nil {
			computed = true
		}
		// Those counted in the numerator first, each part in the engine's order.
		sort.SliceStable(g.Members, func(i, j int) bool { return g.Members[i].Numerator && !g.Members[j].Numerator })
		groups = append(groups, g)
	}
	return groups, computed, nil
}

// revealIDs fills in the real IDs of the children of groups.
func (s *Server) revealIDs(ctx context.Context, la int, groups []childGroup) error {
	ids, err := s.st.ChildIDs(ctx, la)
	if err != nil {
		return err
	}
	for gi := range groups {
		for mi := range groups[gi].Members {
			groups[gi].Members[mi].ID = ids[groups[gi].Members[mi].Key]
		}
	}
	return nil
}

// maxNarrative bounds an edited narrative, in characters.
const maxNarrative = 2000

// saveNarrative stores an analyst's sentence for an indicator at a period end; an empty text removes
// it, so the generated sentence shows again.
func (s *Server) saveNarrative(w http.ResponseWriter, r *request) {
	ind, ok := indicator.Lookup(r.PathValue("id"))
	if !ok {
		http.Error(w, fmt.Sprintf("There is no indicator called %q.", r.PathValue("id")), http.StatusNotFound)
		return
	}
	if err := r.ParseForm(); err != nil {
		http.Error(w, "The form could not be read.", http.StatusBadRequest)
		return
	}
	at, err := calendar.ParseISO(r.PostForm.Get("at"))
	if err != nil || at.IsZero() {
		http.Error(w, "The period of the narrative must be a date written YYYY-MM-DD.", http.StatusBadRequest)
		return
	}
	at = scorecard.StoredDate(at)
	text := strings.TrimSpace(r.PostForm.Get("text"))
	if n := utf8.RuneCountInString(text); n > maxNarrative {
		http.Error(w, fmt.Sprintf("The narrative is %d characters long; it may be at most %d.", n, maxNarrative), http.StatusBadRequest)
		return
	}
	author := r.User.Name
	if author == "" {
		author = r.User.Email
	}
	if err := s.st.SaveNarrative(r.Context(), store.Narrative{Indicator: ind.ID, Authority: r.LA, PeriodEnd: at, Text: text,
		Author: author}); err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	what := "edited"
	if text == "" {
		what = "reverted to the generated sentence"
	}
	_ = s.audit(r.Request, r.User, "narrative", r.LA, "%s at %s: %s", ind.ID, at, what)
	http.Redirect(w, r.Request, fmt.Sprintf("/la/%d/indicator/%s?at=%s#narrative", r.LA, ind.ID, at), http.StatusSeeOther)
}

// indicatorChildrenCSV downloads the children behind an indicator at a date (?at=) as CSV, with the
// reason each is counted; analysts may add the real IDs with ?reveal=1. Audited before it answers.
func (s *Server) indicatorChildrenCSV(w http.ResponseWriter, r *request) {
	ind, ok := indicator.Lookup(r.PathValue("id"))
	if !ok {
		http.Error(w, fmt.Sprintf("There is no indicator called %q.", r.PathValue("id")), http.StatusNotFound)
		return
	}
	ctx := r.Context()
	at, _, err := s.periodFor(ctx, r.LA, r.URL.Query().Get("at"))
	if errors.Is(err, errBadDate) {
		http.Error(w, "The period ?at= must be a date written YYYY-MM-DD.", http.StatusBadRequest)
		return
	}
	if err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	at = scorecard.StoredDate(at)
	if !indicator.Computable(ind.ID) {
		http.Error(w, fmt.Sprintf("The children behind %q are not kept: it is not computed from the returns.", ind.Title), http.StatusNotFound)
		return
	}
	reveal := r.URL.Query().Get("reveal") == "1" && r.can(ViewChild)
	groups, _, err := s.auditedMembers(r, "export-children", ind, at, reveal)
	if err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%d-%s-%s-children.csv"`, r.LA, ind.ID, at))
	cw := csv.NewWriter(w)
	head := []string{"indicator", "category", "period_end", "child"}
	if reveal {
		head = append(head, "child_id")
	}
	cw.Write(append(head, "in_numerator", "reason"))
	for _, g := range groups {
		for _, m := range g.Members {
			rec := []string{ind.ID, g.Category, at.String(), m.Key}
			if reveal {
				rec = append(rec, m.ID)
			}
			cw.Write(append(rec, strconv.FormatBool(m.Numerator), csvSafe(m.Facts)))
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		s.log.ErrorContext(ctx, "web: write children CSV", "err", err)
	}
}

// csvSafe keeps a spreadsheet from reading a cell as a formula.
func csvSafe(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return "'" + v
	}
	return v
}

func denominatorLabel(ind indicator.Indicator) string {
	if ind.Unit == indicator.Rate10k {
		return "Children aged 0–17"
	}
	return "Children in the cohort"
}
