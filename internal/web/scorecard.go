package web

import (
	"context"
	"fmt"
	"html/template"
	"net/http"

	"csperf/internal/calendar"
	"csperf/internal/chart"
	"csperf/internal/disclose"
	"csperf/internal/indicator"
	"csperf/internal/scorecard"
	"csperf/internal/store"
)

// scoreRow is a scorecard row as the page shows it.
type scoreRow struct {
	scorecard.Row
	Counts     string // "45 of 60" behind a percentage, "" when hidden or not meaningful
	England    string
	Region     string
	SNMean     string
	Rank       string
	TargetText string
	Spark      template.HTML
	Plan       string // the title of an improvement plan this indicator is a measure of
}

type scoreGroup struct {
	Outcome indicator.Outcome
	Rows    []scoreRow
}

type scorecardData struct {
	At         calendar.Date
	Dates      []calendar.Date // quarter ends with values, newest first, for the period chooser
	Source     string
	Comparator string
	Groups     []scoreGroup
	Suppressed bool // the audience has small numbers suppressed
}

// scorecardPage shows an authority's indicators at a date (?at=, default the latest month end with
// values), grouped by the national framework's outcomes.
func (s *Server) scorecardPage(w http.ResponseWriter, r *request) {
	s.renderCached(w, r, "scorecard", func() (page, error) {
		d, err := s.scorecardData(r.Context(), r.LA, r.URL.Query().Get("at"), r.Audience)
		return page{Title: "Scorecard", LA: r.LA, Data: d}, err
	})
}

// periodFor reads ?at= (YYYY-MM-DD) or picks the latest date with values; dates lists the quarter
// ends with values, newest first.
func (s *Server) periodFor(ctx context.Context, la int, at string) (calendar.Date, []calendar.Date, error) {
	gen, err := s.generation(ctx)
	if err != nil {
		return 0, nil, err
	}
	all, err := cached(s.cache, gen, fmt.Sprint("value dates ", la), func() ([]calendar.Date, error) {
		return s.st.ValueDates(ctx, la)
	})
	if err != nil {
		return 0, nil, err
	}
	var dates []calendar.Date
	for i := len(all) - 1; i >= 0; i-- {
		if _, m, _ := all[i].Civil(); m%3 == 0 {
			dates = append(dates, all[i])
		}
	}
	if at != "" {
		d, err := calendar.ParseISO(at)
		if err != nil {
			return 0, dates, errBadDate
		}
		return d, dates, nil
	}
	if len(all) == 0 {
		return calendar.FromTime(s.cfg.Now()), dates, nil
	}
	return all[len(all)-1], dates, nil
}

var errBadDate = fmt.Errorf("the date must be written YYYY-MM-DD")

func (s *Server) scorecardData(ctx context.Context, la int, atText string, a disclose.Audience) (scorecardData, error) {
	at, dates, err := s.periodFor(ctx, la, atText)
	if err != nil {
		return scorecardData{}, err
	}
	gen, err := s.generation(ctx)
	if err != nil {
		return scorecardData{}, err
	}
	key := fmt.Sprintf("scorecard %d %s %s", la, at, a)
	return cached(s.cache, gen, key, func() (scorecardData, error) {
		rows, source, err := scorecard.BuildStored(ctx, s.st, la, at, a)
		if err != nil {
			return scorecardData{}, err
		}
		history, err := s.st.Values(ctx, la, "", at.AddMonths(-24), at)
		if err != nil {
			return scorecardData{}, err
		}
		inPlan, err := s.planIndicators(ctx, la)
		if err != nil {
			return scorecardData{}, err
		}
		d := scorecardData{At: at, Dates: dates, Source: source, Suppressed: a == disclose.Member}
		byOutcome := map[string][]scoreRow{}
		for _, row := range rows {
			sr := viewRow(row, a)
			sr.Spark = sparkline(row.Indicator, history, a)
			sr.Plan = inPlan[row.Indicator.ID]
			if row.Comparator != "" {
				d.Comparator = row.Comparator
			}
			byOutcome[row.Indicator.Outcome] = append(byOutcome[row.Indicator.Outcome], sr)
		}
		for _, o := range indicator.Outcomes() {
			if rs := byOutcome[o.ID]; len(rs) > 0 {
				d.Groups = append(d.Groups, scoreGroup{Outcome: o, Rows: rs})
			}
		}
		return d, nil
	})
}

// viewRow formats a row's figures for audience a.
func viewRow(row scorecard.Row, a disclose.Audience) scoreRow {
	ind := row.Indicator
	sr := scoreRow{Row: row}
	if row.Shown != disclose.Suppressed && row.Value.Valid && ind.Unit == indicator.Percent {
		sr.Counts = disclose.Number(float64(row.Value.Numerator), 0) + " of " + disclose.Number(float64(row.Value.Denominator), 0)
	}
	c := row.Comparison
	if c.HasEngland {
		sr.England = figure(ind, c.England)
	}
	if c.HasRegion {
		sr.Region = figure(ind, c.Region)
	}
	if c.SNCount > 0 {
		sr.SNMean = figure(ind, c.SNMean)
	}
	if c.Rank > 0 && row.Shown != disclose.Suppressed {
		sr.Rank = fmt.Sprintf("%d of %d (%s)", c.Rank, c.Of, c.Band)
	}
	if t := row.Target; t != nil && t.Target != nil {
		sr.TargetText = figure(ind, *t.Target)
	}
	return sr
}

// figure formats a comparator or target level in the indicator's unit.
func figure(ind indicator.Indicator, x float64) string {
	s := disclose.Number(x, ind.Decimals)
	if ind.Unit == indicator.Percent {
		s += "%"
	}
	return s
}

// sparkline draws the last two years of an indicator's stored values, leaving out (for audiences
// with suppression) any month whose figure is suppressed, so the line never gives a small count away.
func sparkline(ind indicator.Indicator, history []store.Value, a disclose.Audience) template.HTML {
	var pts []chart.Point
	for _, v := range history {
		if v.Indicator != ind.ID || v.Category != "" {
			continue
		}
		iv := indicator.Value{Indicator: v.Indicator, Numerator: v.Numerator, Denominator: v.Denominator, Value: v.Value, Valid: v.Valid}
		shown := disclose.Show(ind, iv, a)
		pts = append(pts, chart.Point{At: v.PeriodEnd, Value: v.Value, Valid: v.Valid && shown != disclose.Suppressed})
	}
	if len(pts) < 2 {
		return ""
	}
	return chart.Sparkline(ind.Title+": last two years", pts, 120, 28)
}
