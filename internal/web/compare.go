package web

import (
	"fmt"
	"net/http"

	"csperf/internal/calendar"
	"csperf/internal/disclose"
	"csperf/internal/indicator"
	"csperf/internal/scorecard"
)

// compareRow is one indicator beside its comparators and the authority's statistical neighbours.
type compareRow struct {
	Indicator  indicator.Indicator
	Shown      string
	England    string
	Region     string
	SNMean     string
	SNMedian   string
	Rank       string
	Band       string
	Comparator string         // "published 2025" or "this deployment"
	Neighbours []apiNeighbour // the neighbours the comparison used, closest first
}

type compareGroup struct {
	Outcome indicator.Outcome
	Rows    []compareRow
}

type compareData struct {
	At         calendar.Date
	Dates      []calendar.Date
	Source     string
	Neighbours []string // the authority's statistical neighbours in this deployment, closest first
	Groups     []compareGroup
	Suppressed bool
}

// comparePage sets every indicator of the authority at ?at= beside England, its region, the mean
// and median of its statistical neighbours, its rank and quartile band, with each neighbour's value
// by name: from published figures when the store has them for the year, else from the values
// stored for the deployment's authorities. Figures are disclosed as to the user (members see small
// numbers suppressed, for the authority and for each neighbour).
func (s *Server) comparePage(w http.ResponseWriter, r *request) {
	ctx := r.Context()
	at, dates, err := s.periodFor(ctx, r.LA, r.URL.Query().Get("at"))
	if err == errBadDate {
		http.Error(w, "The date ?at= must be written YYYY-MM-DD.", http.StatusBadRequest)
		return
	}
	if err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	gen, err := s.generation(ctx)
	if err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	// Each neighbour's figures are disclosed by the user's own role there, so the entry is the user's.
	key := fmt.Sprintf("compare %d %s %s %d", r.LA, at, r.Audience, r.User.ID)
	d, err := cached(s.cache, gen, key, func() (compareData, error) {
		rows, source, err := scorecard.BuildStored(ctx, s.st, r.LA, at, r.Audience)
		if err != nil {
			return compareData{}, err
		}
		d := compareData{At: at, Dates: dates, Source: source, Suppressed: r.Audience == disclose.Member}
		as, err := s.authorityList(ctx)
		if err != nil {
			return compareData{}, err
		}
		names := map[int]string{}
		for _, a := range as {
			names[a.Number] = a.Name
		}
		for _, a := range as {
			if a.Number == r.LA {
				for _, nb := range a.Neighbours {
					d.Neighbours = append(d.Neighbours, fmt.Sprintf("%s (%d)", names[nb], nb))
				}
			}
		}
		byOutcome := map[string][]compareRow{}
		for _, row := range rows {
			cr, err := s.compareRow(r, row)
			if err != nil {
				return compareData{}, err
			}
			byOutcome[row.Indicator.Outcome] = append(byOutcome[row.Indicator.Outcome], cr)
		}
		for _, o := range indicator.Outcomes() {
			if rs := byOutcome[o.ID]; len(rs) > 0 {
				d.Groups = append(d.Groups, compareGroup{Outcome: o, Rows: rs})
			}
		}
		return d, nil
	})
	if err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	s.render(w, r.Request, r.User, "compare", page{Title: "Comparisons", LA: r.LA, Data: d})
}

func (s *Server) compareRow(r *request, row scorecard.Row) (compareRow, error) {
	ind := row.Indicator
	cr := compareRow{Indicator: ind, Shown: row.Shown, Comparator: row.Comparator}
	c := row.Comparison
	if c.HasEngland {
		cr.England = figure(ind, c.England)
	}
	if c.HasRegion {
		cr.Region = figure(ind, c.Region)
	}
	if c.SNCount > 0 {
		cr.SNMean, cr.SNMedian = figure(ind, c.SNMean), figure(ind, c.SNMedian)
	}
	if c.Rank > 0 && row.Shown != disclose.Suppressed {
		cr.Rank, cr.Band = fmt.Sprintf("%s of %d", disclose.Ordinal(c.Rank), c.Of), c.Band
	}
	nbs, err := s.neighbourValues(r, ind, row)
	if err != nil {
		return cr, err
	}
	cr.Neighbours = nbs
	return cr, nil
}
