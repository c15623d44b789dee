package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"

	"csperf/internal/calendar"
	"csperf/internal/compare"
	"csperf/internal/disclose"
	"csperf/internal/indicator"
	"csperf/internal/scorecard"
	"csperf/internal/store"
)

// The JSON API under /api/ answers with the data of the pages, under the same permissions (routes.go)
// and the same disclosure: for members, a figure whose count is 1 to 5 is null with "shown": "c",
// counts of 1 to 5 are left out, and no child ID or pseudonym is ever part of a response. Field
// names are lower_snake_case; dates are YYYY-MM-DD.

// apiAuthority is one authority the user may see.
type apiAuthority struct {
	Number  int    `json:"number"`
	ONSCode string `json:"ons_code"`
	Name    string `json:"name"`
	Region  string `json:"region"`
	Role    string `json:"role"` // analyst, manager, member, or admin for an administrator with no role of their own
}

// apiAuthorities lists the authorities the user may see, with the user's role for each.
func (s *Server) apiAuthorities(w http.ResponseWriter, r *request) {
	as, err := s.authorityList(r.Context())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := []apiAuthority{}
	for _, a := range as {
		if !allowed(r.User, ViewAggregates, a.Number) {
			continue
		}
		role := roleFor(r.User, a.Number)
		if role == "" && r.User.Admin {
			role = "admin"
		}
		out = append(out, apiAuthority{Number: a.Number, ONSCode: a.ONSCode, Name: a.Name, Region: a.Region, Role: role})
	}
	writeJSON(w, map[string]any{"authorities": out})
}

// apiFigure is an earlier value of an indicator as the audience may see it.
type apiFigure struct {
	PeriodEnd string   `json:"period_end"`
	Value     *float64 `json:"value"` // null when suppressed or not available
	Shown     string   `json:"shown"`
}

// apiComparison is an indicator's comparators: England, region, statistical neighbours, rank and
// quartile band. Figures that are not available are null.
type apiComparison struct {
	Source   string   `json:"source"` // "published 2025" or "this deployment"; "" when there is nothing to compare with
	England  *float64 `json:"england"`
	Region   *float64 `json:"region"`
	SNMean   *float64 `json:"sn_mean"`
	SNMedian *float64 `json:"sn_median"`
	SNCount  int      `json:"sn_count"`
	Rank     *int     `json:"rank"` // 1 = best by polarity; null when unranked or the value is suppressed
	Of       *int     `json:"of"`
	Band     string   `json:"band"`
	Funnel   string   `json:"funnel"`
}

// apiTarget is the target set for the period.
type apiTarget struct {
	PeriodEnd     string   `json:"period_end"`
	Milestone     *float64 `json:"milestone"`
	Target        *float64 `json:"target"`
	Stretch       *float64 `json:"stretch"`
	Tolerance     float64  `json:"tolerance"`
	ToleranceKind string   `json:"tolerance_kind"`
}

// apiRow is one scorecard row.
type apiRow struct {
	Indicator   string        `json:"indicator"`
	Title       string        `json:"title"`
	Unit        string        `json:"unit"`
	Decimals    int           `json:"decimals"`
	Polarity    string        `json:"polarity"`
	Outcome     string        `json:"outcome"`
	PeriodEnd   string        `json:"period_end"`
	Value       *float64      `json:"value"` // null when suppressed or not available
	Shown       string        `json:"shown"` // as the page shows it: "68", "7 of 9", "c", "x"
	Numerator   *int64        `json:"numerator,omitempty"`
	Denominator *int64        `json:"denominator,omitempty"`
	Previous    *apiFigure    `json:"previous"`
	YearAgo     *apiFigure    `json:"year_ago"`
	Trend       string        `json:"trend"`
	YearTrend   string        `json:"year_trend"`
	Comparison  apiComparison `json:"comparison"`
	Target      *apiTarget    `json:"target"`
	Rating      string        `json:"rating"`
	Narrative   string        `json:"narrative"`
	NarrativeBy string        `json:"narrative_by,omitempty"`
}

// apiScorecard answers the scorecard of the path's authority at ?at= (default the latest month end
// with values), with the disclosure of the page.
func (s *Server) apiScorecard(w http.ResponseWriter, r *request) {
	if !s.apiKnownAuthority(w, r) {
		return
	}
	at, rows, source, err := s.apiRows(r.Context(), r.LA, r.URL.Query().Get("at"), r.Audience)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := make([]apiRow, 0, len(rows))
	for _, row := range rows {
		out = append(out, toAPIRow(row, r.Audience))
	}
	writeJSON(w, map[string]any{"authority": r.LA, "at": at.String(), "source": source, "audience": string(r.Audience), "rows": out})
}

// apiRows returns the scorecard rows of la at atText for audience a, read once per data generation.
func (s *Server) apiRows(ctx context.Context, la int, atText string, a disclose.Audience) (calendar.Date, []scorecard.Row, string, error) {
	at, _, err := s.periodFor(ctx, la, atText)
	if err != nil {
		return at, nil, "", err
	}
	gen, err := s.generation(ctx)
	if err != nil {
		return at, nil, "", err
	}
	type built struct {
		rows   []scorecard.Row
		source string
	}
	b, err := cached(s.cache, gen, fmt.Sprintf("api rows %d %s %s", la, at, a), func() (built, error) {
		rows, source, err := scorecard.BuildStored(ctx, s.st, la, at, a)
		return built{rows, source}, err
	})
	return at, b.rows, b.source, err
}

func toAPIRow(row scorecard.Row, a disclose.Audience) apiRow {
	ind := row.Indicator
	out := apiRow{Indicator: ind.ID, Title: ind.Title, Unit: string(ind.Unit), Decimals: ind.Decimals, Polarity: string(ind.Polarity),
		Outcome: ind.Outcome, PeriodEnd: row.Value.PeriodEnd.String(), Shown: row.Shown, Trend: string(row.Trend),
		YearTrend: string(row.YearTrend), Rating: string(row.Rating), Narrative: row.Narrative, NarrativeBy: row.NarrativeBy}
	suppressed := row.Shown == disclose.Suppressed
	if !suppressed && row.Value.Valid {
		out.Value = apiPtr(row.Value.Value)
	}
	if !suppressed {
		out.Numerator, out.Denominator = apiCount(row.Value.Numerator, a), apiCount(row.Value.Denominator, a)
		if ind.Unit == indicator.Count {
			out.Denominator = nil
		}
	}
	out.Previous, out.YearAgo = apiEarlier(ind, row.Previous, a), apiEarlier(ind, row.YearAgo, a)
	c := row.Comparison
	out.Comparison = apiComparison{Source: row.Comparator, SNCount: c.SNCount, Funnel: string(row.Funnel)}
	if c.HasEngland {
		out.Comparison.England = apiPtr(c.England)
	}
	if c.HasRegion {
		out.Comparison.Region = apiPtr(c.Region)
	}
	if c.SNCount > 0 {
		out.Comparison.SNMean, out.Comparison.SNMedian = apiPtr(c.SNMean), apiPtr(c.SNMedian)
	}
	if c.Rank > 0 && !suppressed {
		out.Comparison.Rank, out.Comparison.Of, out.Comparison.Band = apiPtr(c.Rank), apiPtr(c.Of), c.Band
	}
	if suppressed {
		out.Comparison.Funnel = "" // a funnel position says how far the value is from England's
	}
	if t := row.Target; t != nil {
		out.Target = &apiTarget{PeriodEnd: t.PeriodEnd.String(), Milestone: t.Milestone, Target: t.Target, Stretch: t.Stretch,
			Tolerance: t.Tolerance, ToleranceKind: string(t.ToleranceKind)}
	}
	return out
}

// apiEarlier is an earlier value as audience a may see it; nil when there is none.
func apiEarlier(ind indicator.Indicator, v *indicator.Value, a disclose.Audience) *apiFigure {
	if v == nil {
		return nil
	}
	f := &apiFigure{PeriodEnd: v.PeriodEnd.String(), Shown: disclose.Show(ind, *v, a)}
	if v.Valid && f.Shown != disclose.Suppressed {
		f.Value = apiPtr(v.Value)
	}
	return f
}

// apiCount is a count as audience a may receive it: nil for a count of 1 to 5 where small numbers are
// suppressed.
func apiCount(n int64, a disclose.Audience) *int64 {
	if (a == disclose.Member || a == disclose.Public) && n >= 1 && n <= 5 {
		return nil
	}
	return &n
}

func apiPtr[T any](x T) *T { return &x }

// apiPoint is one month of a series.
type apiPoint struct {
	PeriodEnd   string   `json:"period_end"`
	Category    string   `json:"category,omitempty"`
	Value       *float64 `json:"value"`
	Shown       string   `json:"shown"`
	Numerator   *int64   `json:"numerator,omitempty"`
	Denominator *int64   `json:"denominator,omitempty"`
}

// apiSeries answers an indicator's stored month-end values between ?from= and ?to= (either may be
// left out for no bound), with suppressed points null for members.
func (s *Server) apiSeries(w http.ResponseWriter, r *request) {
	if !s.apiKnownAuthority(w, r) {
		return
	}
	ind, ok := s.apiIndicator(w, r)
	if !ok {
		return
	}
	var from, to calendar.Date
	for _, p := range []struct {
		name string
		d    *calendar.Date
	}{{"from", &from}, {"to", &to}} {
		v := r.URL.Query().Get(p.name)
		if v == "" {
			continue
		}
		d, err := calendar.ParseISO(v)
		if err != nil {
			writeJSONError(w, http.StatusBadRequest, fmt.Sprintf("%s=%q: %v", p.name, v, errBadDate))
			return
		}
		*p.d = d
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		writeJSONError(w, http.StatusBadRequest, "from must not be after to")
		return
	}
	vals, err := s.st.Values(r.Context(), r.LA, ind.ID, from, to)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	points := make([]apiPoint, 0, len(vals))
	for _, v := range vals {
		iv := indicator.Value{Indicator: v.Indicator, Authority: v.Authority, PeriodEnd: v.PeriodEnd, Category: v.Category,
			Numerator: v.Numerator, Denominator: v.Denominator, Value: v.Value, Valid: v.Valid}
		p := apiPoint{PeriodEnd: v.PeriodEnd.String(), Category: v.Category, Shown: disclose.Show(ind, iv, r.Audience)}
		if p.Shown != disclose.Suppressed {
			if v.Valid {
				p.Value = apiPtr(v.Value)
			}
			p.Numerator, p.Denominator = apiCount(v.Numerator, r.Audience), apiCount(v.Denominator, r.Audience)
			if ind.Unit == indicator.Count {
				p.Denominator = nil
			}
		}
		points = append(points, p)
	}
	writeJSON(w, map[string]any{"authority": r.LA, "indicator": ind.ID, "title": ind.Title, "unit": string(ind.Unit),
		"decimals": ind.Decimals, "audience": string(r.Audience), "points": points})
}

// apiNeighbour is one statistical neighbour's value.
type apiNeighbour struct {
	Number int      `json:"number"`
	Name   string   `json:"name"`
	Value  *float64 `json:"value"` // null when suppressed or not held
	Shown  string   `json:"shown"`
}

// apiComparators answers an indicator's comparators at ?at= (England, region, statistical
// neighbours' mean and median, rank and band) with each neighbour's value.
func (s *Server) apiComparators(w http.ResponseWriter, r *request) {
	if !s.apiKnownAuthority(w, r) {
		return
	}
	ind, ok := s.apiIndicator(w, r)
	if !ok {
		return
	}
	at, rows, _, err := s.apiRows(r.Context(), r.LA, r.URL.Query().Get("at"), r.Audience)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	i := slices.IndexFunc(rows, func(row scorecard.Row) bool { return row.Indicator.ID == ind.ID })
	if i < 0 {
		writeJSON(w, map[string]any{"authority": r.LA, "indicator": ind.ID, "at": at.String(), "value": nil,
			"shown": disclose.NotAvailable, "comparison": apiComparison{}, "neighbours": []apiNeighbour{}})
		return
	}
	row := toAPIRow(rows[i], r.Audience)
	nbs, err := s.neighbourValues(r, ind, rows[i])
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, map[string]any{"authority": r.LA, "indicator": ind.ID, "at": at.String(), "period_end": row.PeriodEnd,
		"value": row.Value, "shown": row.Shown, "comparison": row.Comparison, "neighbours": nbs})
}

// neighbourValues lists the values of the neighbours the row's comparison used: from the published
// figures of the year (as published, with the publisher's suppression symbols) or from the values
// stored for the deployment's authorities (disclosed as to the user for each neighbour: a user with
// no role there sees small numbers suppressed).
func (s *Server) neighbourValues(r *request, ind indicator.Indicator, row scorecard.Row) ([]apiNeighbour, error) {
	ctx := r.Context()
	as, err := s.authorityList(ctx)
	if err != nil {
		return nil, err
	}
	names := map[int]string{}
	var own []int
	for _, a := range as {
		names[a.Number] = a.Name
		if a.Number == r.LA {
			own = a.Neighbours
		}
	}
	out := []apiNeighbour{}
	var year int
	if _, err := fmt.Sscanf(row.Comparator, "published %d", &year); err == nil {
		model := "2021"
		if year >= 2024 {
			model = "2025"
		}
		nm, err := s.st.PublishedNeighbours(ctx, model)
		if err != nil {
			return nil, err
		}
		pv, err := s.st.Published(ctx, ind.ID, year)
		if err != nil {
			return nil, err
		}
		byLA := map[int]store.PublishedValue{}
		for _, p := range pv {
			if p.Level == compare.LevelAuthority {
				byLA[p.Authority] = p
			}
		}
		for _, nb := range nm[r.LA] {
			n := apiNeighbour{Number: nb, Name: names[nb], Shown: disclose.NotAvailable}
			if p, ok := byLA[nb]; ok {
				if p.Symbol != "" {
					n.Shown = p.Symbol
				} else {
					n.Value, n.Shown = apiPtr(p.Value), figure(ind, p.Value)
				}
			}
			out = append(out, n)
		}
		return out, nil
	}
	if row.Comparator == "" {
		return out, nil
	}
	vals, err := s.st.ValuesAt(ctx, ind.ID, row.Value.PeriodEnd)
	if err != nil {
		return nil, err
	}
	byLA := map[int]store.Value{}
	for _, v := range vals {
		if v.Category == "" {
			byLA[v.Authority] = v
		}
	}
	for _, nb := range own {
		n := apiNeighbour{Number: nb, Name: names[nb], Shown: disclose.NotAvailable}
		if v, ok := byLA[nb]; ok {
			iv := indicator.Value{Indicator: v.Indicator, Authority: nb, PeriodEnd: v.PeriodEnd, Numerator: v.Numerator,
				Denominator: v.Denominator, Value: v.Value, Valid: v.Valid}
			n.Shown = disclose.Show(ind, iv, audience(r.User, nb))
			if v.Valid && n.Shown != disclose.Suppressed {
				n.Value = apiPtr(v.Value)
			}
		}
		out = append(out, n)
	}
	return out, nil
}

// apiKnownAuthority answers 404 when the path's authority is not one of the deployment's.
func (s *Server) apiKnownAuthority(w http.ResponseWriter, r *request) bool {
	las, err := s.authorities(r.Context())
	if err != nil {
		s.apiError(w, r, err)
		return false
	}
	if !slices.Contains(las, r.LA) {
		writeJSONError(w, http.StatusNotFound, fmt.Sprintf("no authority %d in this deployment", r.LA))
		return false
	}
	return true
}

// apiIndicator reads the {id} path value; 400 when it names no indicator of the catalogue.
func (s *Server) apiIndicator(w http.ResponseWriter, r *request) (indicator.Indicator, bool) {
	id := r.PathValue("id")
	ind, ok := indicator.Lookup(id)
	if !ok {
		writeJSONError(w, http.StatusBadRequest, fmt.Sprintf("no indicator %q in the catalogue", id))
		return ind, false
	}
	return ind, true
}

// apiError answers 400 for a badly written date and logs anything else as a 500.
func (s *Server) apiError(w http.ResponseWriter, r *request, err error) {
	if errors.Is(err, errBadDate) {
		writeJSONError(w, http.StatusBadRequest, "at="+fmt.Sprintf("%q", r.URL.Query().Get("at"))+": "+errBadDate.Error())
		return
	}
	s.log.ErrorContext(r.Context(), "web: API request failed", "path", r.URL.Path, "err", err)
	writeJSONError(w, http.StatusInternalServerError, "something went wrong on the server; it has been logged")
}

// writeJSON answers 200 with v.
func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// writeJSONError answers an API request with {"error": msg}.
func writeJSONError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}
