package web

import (
	"fmt"
	"net/http"

	"csperf/internal/calendar"
	"csperf/internal/store"
)

// missingRow is one child on the missing-from-care list.
type missingRow struct {
	Key       string
	ID        string // the real ID, when revealed
	Kind      string // "Missing" or "Away"
	Start     calendar.Date
	End       calendar.Date // zero while still missing
	Days      int           // to the week's end for those still missing
	Placement string
}

type missingData struct {
	Week, From   calendar.Date
	Prev, Next   calendar.Date
	Now          []missingRow // missing or away at the end of the week
	Returned     []missingRow // returned during the week
	CanViewChild bool
	Revealed     bool
}

// missingPage lists, for the week ending ?week= (default the latest date in the authority's missing
// records), the children missing or away from placement at the week's end and those who returned
// during the week, for the weekly manager review. The list is audited before it is answered.
func (s *Server) missingPage(w http.ResponseWriter, r *request) {
	ctx := r.Context()
	var week calendar.Date
	if v := r.URL.Query().Get("week"); v != "" {
		d, err := calendar.ParseISO(v)
		if err != nil || d.IsZero() {
			http.Error(w, "The week ?week= must be the date it ends, written YYYY-MM-DD.", http.StatusBadRequest)
			return
		}
		week = d
	} else {
		latest, ok, err := s.st.LatestMissingDate(ctx, r.LA)
		if err != nil {
			s.serverError(w, r.Request, err)
			return
		}
		week = calendar.FromTime(s.cfg.Now())
		if ok {
			week = latest
		}
	}
	reveal := r.URL.Query().Get("reveal") == "1" && r.can(ViewChild)
	detail := "week ending " + week.String()
	if reveal {
		detail += ", real IDs revealed"
	}
	if err := s.audit(r.Request, r.User, "view-missing", r.LA, "%s", detail); err != nil {
		s.serverError(w, r.Request, fmt.Errorf("audit before showing the missing list: %w", err))
		return
	}
	eps, err := s.st.MissingEpisodes(ctx, r.LA, week)
	if err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	var ids map[string]string
	if reveal {
		if ids, err = s.st.ChildIDs(ctx, r.LA); err != nil {
			s.serverError(w, r.Request, err)
			return
		}
	}
	d := missingData{Week: week, From: week.AddDays(-6), Prev: week.AddDays(-7), Next: week.AddDays(7),
		CanViewChild: r.can(ViewChild), Revealed: reveal}
	for _, e := range eps {
		now, returned := missingWeek(e, week)
		if !now && !returned {
			continue
		}
		row := missingRow{Key: e.Key, ID: ids[e.Key], Kind: "Missing", Start: e.Start, Placement: placementName(e.Placement)}
		if e.Missing == "A" {
			row.Kind = "Away"
		}
		if now {
			row.Days = week.Sub(e.Start)
			d.Now = append(d.Now, row)
			continue
		}
		row.End, row.Days = e.End, e.End.Sub(e.Start)
		d.Returned = append(d.Returned, row)
	}
	s.render(w, r.Request, r.User, "missing", page{Title: "Missing from care", LA: r.LA, Data: d})
}

// missingWeek says whether episode e is open at the end of the week ending week (started by then and
// not ended by then) or ended during the week (the seven days to week, inclusive).
func missingWeek(e store.MissingEpisode, week calendar.Date) (open, returned bool) {
	if e.Start.IsZero() || e.Start > week {
		return false, false
	}
	if e.End.IsZero() || e.End > week {
		return true, false
	}
	return false, e.End >= week.AddDays(-6)
}
