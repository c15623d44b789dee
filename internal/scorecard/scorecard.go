// Package scorecard puts an authority's indicators at a date beside their earlier values and their
// comparators, with the direction of travel, disclosure for the audience and a generated sentence:
// the table a committee reads.
package scorecard

import (
	"context"
	"fmt"

	"csperf/internal/calendar"
	"csperf/internal/compare"
	"csperf/internal/disclose"
	"csperf/internal/indicator"
	"csperf/internal/kpi"
	"csperf/internal/pseudo"
	"csperf/internal/rating"
	"csperf/internal/store"
)

// Row is one indicator of the scorecard.
type Row struct {
	Indicator  indicator.Indicator
	Value      indicator.Value
	Shown      string           // the value as the audience may see it ("7 of 9", "c", "68")
	Previous   *indicator.Value // three months earlier (the previous quarter)
	YearAgo    *indicator.Value // twelve months earlier
	Trend      rating.Trend     // against the previous quarter
	YearTrend  rating.Trend     // against a year earlier
	Comparison compare.Comparison
	Comparator string                // where the comparators come from: "published 2025" or "this deployment"
	Funnel     rating.FunnelPosition // against England, on a funnel plot of this indicator
	Target     *rating.Target        // the target for the period the date falls in, if one is set
	Rating     rating.Rating
	Narrative  string
	// NarrativeBy names the analyst who wrote Narrative; empty when it was generated.
	NarrativeBy string
}

// Source of values: an authority's loaded returns when it has them, else DfE's published figures.
const (
	FromReturns   = "returns"
	FromPublished = "published"
)

// Build returns the scorecard of authority la at date at for audience a, one row per single-valued
// indicator that has a value, in catalogue order. Values come from the authority's loaded returns,
// or from published figures when none are loaded (a real authority compared from DfE's data).
// Comparators come from published figures for the year when the store has them, else from the
// values of the authorities loaded in this deployment.
func Build(ctx context.Context, st *store.Store, key *pseudo.Key, la int, at calendar.Date, a disclose.Audience) ([]Row, string, error) {
	h, _, err := kpi.Load(ctx, st, key, la)
	if err != nil {
		return nil, "", err
	}
	if _, _, ok := kpi.Span(h); !ok {
		return build(ctx, st, la, at, a, nil)
	}
	return build(ctx, st, la, at, a, func(id string, d calendar.Date) *indicator.Value {
		if !indicator.Computable(id) {
			return nil
		}
		return computed(h, id, d)
	})
}

// BuildStored is Build from the values stored after each load rather than recomputed from the
// returns: the same rows (the stored values are the engine's, at every month end), read in a few
// queries, for pages that must answer in milliseconds. Dates that are not month ends fall back to
// the values at the month end before them.
func BuildStored(ctx context.Context, st *store.Store, la int, at calendar.Date, a disclose.Audience) ([]Row, string, error) {
	at = StoredDate(at)
	vals, err := st.Values(ctx, la, "", at.AddMonths(-12), at)
	if err != nil {
		return nil, "", err
	}
	if len(vals) == 0 {
		return build(ctx, st, la, at, a, nil)
	}
	byKey := map[string]*indicator.Value{}
	for _, v := range vals {
		if v.Category != "" {
			continue
		}
		iv := &indicator.Value{Indicator: v.Indicator, Authority: la, PeriodEnd: v.PeriodEnd, Numerator: v.Numerator,
			Denominator: v.Denominator, Value: v.Value, Valid: v.Valid}
		byKey[v.Indicator+"@"+v.PeriodEnd.String()] = iv
	}
	return build(ctx, st, la, at, a, func(id string, d calendar.Date) *indicator.Value {
		return byKey[id+"@"+StoredDate(d).String()]
	})
}

// StoredDate returns the date whose stored values stand for d: d itself when it is a month end, else
// the month end before it (values are stored at month ends).
func StoredDate(d calendar.Date) calendar.Date {
	if e := calendar.MonthEnd(d); e != d {
		return calendar.MonthEnd(d.AddMonths(-1))
	}
	return d
}

// build assembles the rows; value gives an authority's own value of an indicator at a date, or nil
// when it is not held. With value nil the authority's published figures are used.
func build(ctx context.Context, st *store.Store, la int, at calendar.Date, a disclose.Audience,
	value func(id string, at calendar.Date) *indicator.Value) ([]Row, string, error) {
	as, err := st.Authorities(ctx, "")
	if err != nil {
		return nil, "", err
	}
	regionOf, neighbours := map[int]string{}, map[int][]int{}
	for _, x := range as {
		regionOf[x.Number], neighbours[x.Number] = x.Region, x.Neighbours
	}
	targets, err := st.Targets(ctx, la)
	if err != nil {
		return nil, "", err
	}
	edited, err := st.Narratives(ctx, la, at)
	if err != nil {
		return nil, "", err
	}
	year := indicator.CollectionYear(at)
	// Published figures are compared within DfE's statistical-neighbour model in force for the year:
	// the 2021 model until 2023-24, the 2025 model from 2023-24 on (the first year with figures for
	// Cumberland and for Westmorland and Furness, which only the 2025 model has).
	model := "2021"
	if year >= 2024 {
		model = "2025"
	}
	publishedNeighbours, err := st.PublishedNeighbours(ctx, model)
	if err != nil {
		return nil, "", err
	}
	source := FromReturns
	if value == nil {
		source = FromPublished
	}
	var rows []Row
	for _, ind := range indicator.Catalogue() {
		if ind.Categories != nil {
			continue
		}
		var cur, prev, yearAgo *indicator.Value
		if source == FromReturns {
			cur, prev, yearAgo = value(ind.ID, at), value(ind.ID, at.AddMonths(-3)), value(ind.ID, at.AddMonths(-12))
		} else {
			cur, yearAgo = published(ctx, st, ind, la, year), published(ctx, st, ind, la, year-1)
		}
		if cur == nil {
			continue
		}
		row := Row{Indicator: ind, Value: *cur, Previous: prev, YearAgo: yearAgo, Rating: rating.None}
		row.Shown = disclose.Show(ind, *cur, a)
		row.Trend, row.YearTrend = rating.NotComparable, rating.NotComparable
		if prev != nil {
			row.Trend = rating.Direction(ind, *cur, *prev)
		}
		if yearAgo != nil {
			row.YearTrend = rating.Direction(ind, *cur, *yearAgo)
		}
		set, from, err := comparators(ctx, st, ind, year, at, regionOf, neighbours, publishedNeighbours)
		if err != nil {
			return nil, "", err
		}
		if set != nil {
			if cur.Valid {
				set.Values[la] = cur.Value
			}
			row.Comparison, row.Comparator = set.Compare(la), from
		}
		row.Funnel = rating.NoFunnel
		if row.Comparison.HasEngland {
			row.Funnel = rating.Funnel(ind, *cur, row.Comparison.England)
		}
		row.Target = targetFor(targets, ind.ID, at)
		switch {
		case ind.Polarity == indicator.Neutral:
			row.Rating = rating.Grey
		case row.Target != nil && cur.Valid:
			row.Rating = rating.RAG(ind, cur.Value, row.Target)
		}
		row.Narrative = narrative(ind, row, a)
		// An analyst's own sentence replaces the generated one, except where the value itself is
		// suppressed for the audience: the sentence would give it away.
		if n, ok := edited[ind.ID]; ok && row.Shown != disclose.Suppressed {
			row.Narrative, row.NarrativeBy = n.Text, n.Author
		}
		rows = append(rows, row)
	}
	return rows, source, nil
}

func computed(h *indicator.History, id string, at calendar.Date) *indicator.Value {
	vs, err := indicator.Compute(h, at, false, id)
	if err != nil || len(vs) != 1 {
		return nil
	}
	return &vs[0]
}

// published returns authority la's published value of ind for year, with its counts when given.
func published(ctx context.Context, st *store.Store, ind indicator.Indicator, la, year int) *indicator.Value {
	pv, err := st.Published(ctx, ind.ID, year)
	if err != nil {
		return nil
	}
	for _, p := range pv {
		if p.Authority != la || p.Symbol != "" {
			continue
		}
		v := indicator.Value{Indicator: ind.ID, Authority: la, PeriodEnd: calendar.CollectionYearEnd(year), Value: p.Value, Valid: true}
		if p.Numerator != nil && p.Denominator != nil {
			v.Numerator, v.Denominator = int64(*p.Numerator), int64(*p.Denominator)
		}
		return &v
	}
	return nil
}

// comparators builds the comparison set of ind: from published figures of the year when there are
// any, else from the stored values of the deployment's authorities at date at.
func comparators(ctx context.Context, st *store.Store, ind indicator.Indicator, year int, at calendar.Date,
	regionOf map[int]string, neighbours, publishedNeighbours map[int][]int) (*compare.Set, string, error) {
	set := &compare.Set{Indicator: ind, Year: year, Regions: map[string]float64{}, Values: map[int]float64{},
		RegionOf: regionOf, Neighbours: neighbours}
	pv, err := st.Published(ctx, ind.ID, year)
	if err != nil {
		return nil, "", err
	}
	if len(pv) > 0 {
		set.Neighbours, set.RegionOf = publishedNeighbours, map[int]string{}
		for _, p := range pv {
			if p.Level == compare.LevelAuthority {
				set.RegionOf[p.Authority] = p.Region
			}
		}
		for _, p := range pv {
			if p.Symbol != "" {
				continue
			}
			switch p.Level {
			case compare.LevelNational:
				set.England, set.HasEngland = p.Value, true
			case compare.LevelRegional:
				set.Regions[p.Region] = p.Value
			case compare.LevelAuthority:
				set.Values[p.Authority] = p.Value
			}
		}
		return set, fmt.Sprintf("published %d", year), nil
	}
	// The deployment's own authorities: pooled numerators and denominators for England and regions.
	var all []compare.Fraction
	byRegion := map[string][]compare.Fraction{}
	vals, err := st.ValuesAt(ctx, ind.ID, at)
	if err != nil {
		return nil, "", err
	}
	for _, v := range vals {
		if _, here := regionOf[v.Authority]; !here || v.Category != "" || !v.Valid {
			continue
		}
		set.Values[v.Authority] = v.Value
		f := compare.Fraction{Numerator: float64(v.Numerator), Denominator: float64(v.Denominator)}
		all = append(all, f)
		byRegion[regionOf[v.Authority]] = append(byRegion[regionOf[v.Authority]], f)
	}
	if len(set.Values) < 2 {
		return nil, "", nil // nothing to compare with
	}
	set.England, set.HasEngland = compare.Pooled(ind.Unit, all)
	for r, fs := range byRegion {
		if x, ok := compare.Pooled(ind.Unit, fs); ok {
			set.Regions[r] = x
		}
	}
	return set, "this deployment", nil
}

// narrative writes the row's sentence; for members and the public it is left out where the value is
// suppressed, and the earlier value is left out of it where that one is, since the sentence would
// give the numbers away.
func narrative(ind indicator.Indicator, r Row, a disclose.Audience) string {
	if r.Shown == disclose.Suppressed || !r.Value.Valid {
		return ""
	}
	n := rating.Narrative{Title: ind.Title, Unit: ind.Unit, Decimals: ind.Decimals, SmallNumber: ind.SmallNumber,
		Current: rating.Figure{Value: r.Value.Value, Numerator: r.Value.Numerator, Denominator: r.Value.Denominator},
		Trend:   r.YearTrend, Rating: r.Rating}
	if r.Target != nil {
		n.Target = r.Target.Target
	}
	if r.YearAgo != nil && r.YearAgo.Valid && disclose.Show(ind, *r.YearAgo, a) != disclose.Suppressed {
		n.Previous = &rating.Figure{Value: r.YearAgo.Value, Numerator: r.YearAgo.Numerator, Denominator: r.YearAgo.Denominator}
	}
	c := r.Comparison
	if c.SNCount > 0 {
		n.Comparators = append(n.Comparators, rating.Comparator{Name: "statistical neighbours", Value: c.SNMean})
	}
	if c.HasEngland {
		n.Comparators = append(n.Comparators, rating.Comparator{Name: "England", Value: c.England})
	}
	return n.Sentence()
}

// targetFor returns the target for indicator id whose period contains date at: the one with the
// earliest period end on or after at, else the latest before it.
func targetFor(ts []store.Target, id string, at calendar.Date) *rating.Target {
	var best *store.Target
	for i := range ts {
		t := &ts[i]
		if t.Indicator != id {
			continue
		}
		switch {
		case best == nil:
			best = t
		case t.PeriodEnd >= at && (best.PeriodEnd < at || t.PeriodEnd < best.PeriodEnd):
			best = t
		case t.PeriodEnd < at && best.PeriodEnd < at && t.PeriodEnd > best.PeriodEnd:
			best = t
		}
	}
	if best == nil {
		return nil
	}
	return &rating.Target{Indicator: best.Indicator, Authority: best.Authority, PeriodEnd: best.PeriodEnd,
		Milestone: best.Milestone, Target: best.Target, Stretch: best.Stretch, Tolerance: best.Tolerance,
		ToleranceKind: rating.ToleranceKind(best.ToleranceKind), Rationale: best.Rationale}
}
