// Package kpi connects the indicator engine to where the data live: it assembles an authority's
// history from the store (or straight from files), computes series of values, and keeps the stored
// values up to date after each load.
package kpi

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"csperf/internal/calendar"
	"csperf/internal/cin"
	"csperf/internal/indicator"
	"csperf/internal/pseudo"
	"csperf/internal/ssda903"
	"csperf/internal/store"
	"csperf/internal/workforce"
)

// Basis names the snapshots a history was built from, e.g. "ssda903:4,7 cin:5 workforce:6".
type Basis string

// Load builds the history of authority la from the latest snapshot of each return and collection
// year in the store. Child IDs are replaced by their pseudonyms, so that values and their member
// lists never carry a real ID.
func Load(ctx context.Context, st *store.Store, key *pseudo.Key, la int) (*indicator.History, Basis, error) {
	snaps, err := st.Snapshots(ctx, la)
	if err != nil {
		return nil, "", err
	}
	latest := map[string]map[int]int64{} // return → year → snapshot (snapshots are listed oldest first)
	for _, s := range snaps {
		if latest[s.Return] == nil {
			latest[s.Return] = map[int]int64{}
		}
		latest[s.Return][s.Year] = s.ID
	}
	pop, err := population(ctx, st, la)
	if err != nil {
		return nil, "", err
	}
	var returns []*ssda903.Return
	var censuses []*cin.Census
	var figures []workforce.Figures
	var basis []string
	ps := pseudonyms(key, la)
	for _, ret := range []string{store.ReturnSSDA903, store.ReturnCIN, store.ReturnWorkforce} {
		ids := sortedIDs(latest[ret])
		if len(ids) == 0 {
			continue
		}
		var parts []string
		for _, id := range ids {
			parts = append(parts, fmt.Sprint(id))
			switch ret {
			case store.ReturnSSDA903:
				r, err := st.SSDA903(ctx, id)
				if err != nil {
					return nil, "", err
				}
				r.Previous = nil
				pseudonymise903(r, ps)
				returns = append(returns, r)
			case store.ReturnCIN:
				c, err := st.CIN(ctx, id)
				if err != nil {
					return nil, "", err
				}
				for i := range c.Children {
					c.Children[i].LAChildID = ps(c.Children[i].LAChildID)
				}
				censuses = append(censuses, c)
			case store.ReturnWorkforce:
				f, err := st.Workforce(ctx, id)
				if err != nil {
					return nil, "", err
				}
				figures = append(figures, f...)
			}
		}
		basis = append(basis, ret+":"+strings.Join(parts, ","))
	}
	return indicator.NewHistory(la, pop, returns, censuses, figures), Basis(strings.Join(basis, " ")), nil
}

// population returns the 0–17 population of la by year, as stored with the authority.
func population(ctx context.Context, st *store.Store, la int) (map[int]int, error) {
	as, err := st.Authorities(ctx, "")
	if err != nil {
		return nil, err
	}
	for _, a := range as {
		if a.Number == la {
			return a.Population, nil
		}
	}
	return map[int]int{}, nil
}

// sortedIDs returns the snapshot ids of m in year order.
func sortedIDs(m map[int]int64) []int64 {
	years := make([]int, 0, len(m))
	for y := range m {
		years = append(years, y)
	}
	sort.Ints(years)
	ids := make([]int64, len(years))
	for i, y := range years {
		ids[i] = m[y]
	}
	return ids
}

// pseudonyms returns a function giving each child ID's pseudonym, computing each once.
func pseudonyms(key *pseudo.Key, la int) func(string) string {
	cache := map[string]string{}
	return func(id string) string {
		p, ok := cache[id]
		if !ok {
			p = key.Child(la, id)
			cache[id] = p
		}
		return p
	}
}

// pseudonymise903 replaces the child IDs of every table of r.
func pseudonymise903(r *ssda903.Return, ps func(string) string) {
	for i := range r.Header {
		r.Header[i].Child = ps(r.Header[i].Child)
	}
	for i := range r.Episodes {
		r.Episodes[i].Child = ps(r.Episodes[i].Child)
	}
	for i := range r.Reviews {
		r.Reviews[i].Child = ps(r.Reviews[i].Child)
	}
	for i := range r.UASC {
		r.UASC[i].Child = ps(r.UASC[i].Child)
	}
	for i := range r.OC2 {
		r.OC2[i].Child = ps(r.OC2[i].Child)
	}
	for i := range r.OC3 {
		r.OC3[i].Child = ps(r.OC3[i].Child)
	}
	for i := range r.AD1 {
		r.AD1[i].Child = ps(r.AD1[i].Child)
	}
	for i := range r.PlacedAdoption {
		r.PlacedAdoption[i].Child = ps(r.PlacedAdoption[i].Child)
	}
	for i := range r.PrevPerm {
		r.PrevPerm[i].Child = ps(r.PrevPerm[i].Child)
	}
	for i := range r.Missing {
		r.Missing[i].Child = ps(r.Missing[i].Child)
	}
	for i := range r.SWEpisodes {
		r.SWEpisodes[i].Child = ps(r.SWEpisodes[i].Child)
	}
}

// Every says how often a series has a value.
type Every string

const (
	Monthly   Every = "month"
	Quarterly Every = "quarter"
	Yearly    Every = "year" // at 31 March
)

// Dates returns the period ends from from to to inclusive: month ends, quarter ends (June,
// September, December, March) or 31 Marches.
func Dates(from, to calendar.Date, every Every) ([]calendar.Date, error) {
	if to < from {
		return nil, fmt.Errorf("the series ends (%s) before it starts (%s)", to, from)
	}
	var out []calendar.Date
	for d := calendar.MonthEnd(from); d <= to; d = calendar.MonthEnd(d.AddDays(1)) {
		_, m, _ := d.Civil()
		switch every {
		case Monthly:
		case Quarterly:
			if m%3 != 0 {
				continue
			}
		case Yearly:
			if m != 3 {
				continue
			}
		default:
			return nil, fmt.Errorf("unknown interval %q (want month, quarter or year)", every)
		}
		out = append(out, d)
	}
	return out, nil
}

// Span returns the first and last month ends that the history's returns cover: from the end of the
// first month of the earliest collection year to 31 March of the latest.
func Span(h *indicator.History) (calendar.Date, calendar.Date, bool) {
	years := append(append([]int(nil), h.Years903()...), h.YearsCIN()...)
	for y := range h.Workforce {
		years = append(years, y)
	}
	if len(years) == 0 {
		return 0, 0, false
	}
	sort.Ints(years)
	first, last := years[0], years[len(years)-1]
	return calendar.MonthEnd(calendar.CollectionYearStart(first)), calendar.CollectionYearEnd(last), true
}

// Series computes the indicators ids (all computable when empty) at each date.
func Series(h *indicator.History, dates []calendar.Date, ids ...string) ([]indicator.Value, error) {
	var out []indicator.Value
	for _, d := range dates {
		vs, err := indicator.Compute(h, d, false, ids...)
		if err != nil {
			return nil, err
		}
		out = append(out, vs...)
	}
	return out, nil
}

// Refresh recomputes every computable indicator of authority la at every month end its returns
// cover, and replaces its stored values. It returns the number of values stored.
func Refresh(ctx context.Context, st *store.Store, key *pseudo.Key, la int) (int, error) {
	h, basis, err := Load(ctx, st, key, la)
	if err != nil {
		return 0, err
	}
	from, to, ok := Span(h)
	var vals []indicator.Value
	if ok {
		dates, err := Dates(from, to, Monthly)
		if err != nil {
			return 0, err
		}
		if vals, err = Series(h, dates); err != nil {
			return 0, err
		}
	}
	rows := make([]store.Value, len(vals))
	for i, v := range vals {
		rows[i] = store.Value{Authority: la, Indicator: v.Indicator, PeriodEnd: v.PeriodEnd, Category: v.Category,
			Numerator: v.Numerator, Denominator: v.Denominator, Value: v.Value, Valid: v.Valid, Basis: string(basis)}
	}
	if err := st.ReplaceValues(ctx, la, rows); err != nil {
		return 0, err
	}
	return len(rows), nil
}
