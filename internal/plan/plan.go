// Package plan holds improvement plans: the plan of action a council publishes after an inspection
// (typically Ofsted's inspection of local authority children's services, ILACS) and reports on to
// committee. A plan answers each recommendation with actions (owner, dates, status, progress notes,
// evidence) and measures: catalogue indicators with milestone and stretch targets for dates.
//
// The package is pure domain: validation, status roll-up, target interpolation, rating a measure,
// the history of changes between two versions of a plan, and the XLSX form of a plan. Storage is in
// package store.
package plan

import (
	"fmt"
	"strings"
	"time"

	"csperf/internal/calendar"
)

// Status is the progress of an action, as its owner reports it.
type Status string

// The statuses of an action, from not begun to done.
const (
	NotStarted Status = "not-started"
	OnTrack    Status = "on-track"
	AtRisk     Status = "at-risk"
	OffTrack   Status = "off-track"
	Complete   Status = "complete"
)

// Statuses returns every status in the order they are shown: not started, on track, at risk, off
// track, complete.
func Statuses() []Status {
	return []Status{NotStarted, OnTrack, AtRisk, OffTrack, Complete}
}

// Label returns the status as shown to people, e.g. "On track"; an unknown status is shown as it is.
func (s Status) Label() string {
	switch s {
	case NotStarted:
		return "Not started"
	case OnTrack:
		return "On track"
	case AtRisk:
		return "At risk"
	case OffTrack:
		return "Off track"
	case Complete:
		return "Complete"
	}
	return string(s)
}

// Valid reports whether s is one of the statuses.
func (s Status) Valid() bool {
	switch s {
	case NotStarted, OnTrack, AtRisk, OffTrack, Complete:
		return true
	}
	return false
}

// ParseStatus reads a status given by its code ("at-risk") or its label ("At risk"), ignoring case
// and surrounding space; "not started", "on track" and the like without the hyphen are accepted
// too.
func ParseStatus(s string) (Status, error) {
	norm := strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(s, "-", " ")), " "))
	for _, st := range Statuses() {
		if norm == strings.ToLower(st.Label()) {
			return st, nil
		}
	}
	if norm == "" {
		return "", fmt.Errorf("status is missing; use one of %s", statusList())
	}
	return "", fmt.Errorf("%q is not a status; use one of %s", strings.TrimSpace(s), statusList())
}

func statusList() string {
	var labels []string
	for _, st := range Statuses() {
		labels = append(labels, fmt.Sprintf("%q", st.Label()))
	}
	return strings.Join(labels[:len(labels)-1], ", ") + " or " + labels[len(labels)-1]
}

// Plan is a council's improvement plan: its response to an inspection or review.
type Plan struct {
	ID              int64 // assigned by the store; 0 for a plan not yet saved
	Authority       int   // DfE 3-digit LA number
	Title           string
	Source          string        // what the plan answers, e.g. "Ofsted ILACS inspection"
	SourceDate      calendar.Date // when that inspection or review took place (its last day)
	Published       calendar.Date // when the plan was published; zero while in draft
	Recommendations []Recommendation
}

// Recommendation is one recommendation of the inspection and the council's response to it.
type Recommendation struct {
	ID       int64 // assigned by the store
	Number   int   // as numbered in the inspection report, from 1; recommendations are shown in this order
	Text     string
	Actions  []Action
	Measures []Measure
}

// Action is one thing the council will do towards a recommendation.
type Action struct {
	ID          int64 // assigned by the store
	Description string
	Owner       string        // a job title, e.g. "Head of Safeguarding"
	Start       calendar.Date // zero when not set
	Due         calendar.Date
	Status      Status
	Completed   calendar.Date // when the action was completed; zero when not complete or not recorded
	Notes       []Note        // progress notes, oldest first
	Evidence    []Evidence
}

// Note is a progress note on an action.
type Note struct {
	At     time.Time // when the note was written; zero when not known (a note imported without a date)
	Author string
	Text   string
}

// Evidence is a document showing an action's progress: a link (URL) or a file held by csperf
// (File, its stored name), or only a title for evidence held elsewhere.
type Evidence struct {
	Title string
	URL   string
	File  string
}

// Measure is a catalogue indicator the council will use to show that a recommendation has been met,
// with the levels it aims for by given dates.
type Measure struct {
	Indicator string        // catalogue id, e.g. "health-strategy-attendance"
	Points    []TargetPoint // in date order
}

// TargetPoint is a milestone and/or stretch level to reach by a date. Either level may be missing.
type TargetPoint struct {
	At        calendar.Date
	Milestone *float64 // the level the council commits to
	Stretch   *float64 // a more ambitious level
}

// LatestNote returns the action's most recent note (the last by time; of notes at the same time, the
// last in the list), and false when it has none.
func (a Action) LatestNote() (Note, bool) {
	if len(a.Notes) == 0 {
		return Note{}, false
	}
	latest := a.Notes[0]
	for _, n := range a.Notes[1:] {
		if !n.At.Before(latest.At) {
			latest = n
		}
	}
	return latest, true
}

// Recommendation returns the recommendation numbered n, and false when there is none.
func (p Plan) Recommendation(n int) (Recommendation, bool) {
	for _, r := range p.Recommendations {
		if r.Number == n {
			return r, true
		}
	}
	return Recommendation{}, false
}

// Action returns the action with the store id id and the number of its recommendation, and false
// when the plan has no such action.
func (p Plan) Action(id int64) (Action, int, bool) {
	for _, r := range p.Recommendations {
		for _, a := range r.Actions {
			if a.ID == id {
				return a, r.Number, true
			}
		}
	}
	return Action{}, 0, false
}

// MatchIDs returns next with the store ids of prev filled in where next has none: a recommendation
// takes the id of prev's recommendation with the same number, and an action the id of the action
// of that recommendation with the same description (ignoring case and surrounding space). Saving the
// result keeps the history of actions that a re-imported workbook still holds.
func MatchIDs(prev, next Plan) Plan {
	if next.ID == 0 {
		next.ID = prev.ID
	}
	recs := make([]Recommendation, len(next.Recommendations))
	for i, r := range next.Recommendations {
		old, ok := prev.Recommendation(r.Number)
		if !ok {
			recs[i] = r
			continue
		}
		if r.ID == 0 {
			r.ID = old.ID
		}
		used := map[int64]bool{}
		for _, a := range r.Actions {
			used[a.ID] = a.ID != 0
		}
		acts := make([]Action, len(r.Actions))
		for j, a := range r.Actions {
			if a.ID == 0 {
				for _, o := range old.Actions {
					if !used[o.ID] && sameText(o.Description, a.Description) {
						a.ID = o.ID
						used[o.ID] = true
						break
					}
				}
			}
			acts[j] = a
		}
		r.Actions = acts
		recs[i] = r
	}
	next.Recommendations = recs
	return next
}

func sameText(a, b string) bool {
	return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}
