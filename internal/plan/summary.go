package plan

import "csperf/internal/calendar"

// Overdue reports whether the action is overdue on the day today: it has a due date, the date is
// before today, and the action is not complete. An action due today is not yet overdue.
func Overdue(a Action, today calendar.Date) bool {
	return !a.Due.IsZero() && a.Due.Before(today) && a.Status != Complete
}

// Summary is the roll-up of a set of actions (a recommendation's, or a whole plan's) on a day.
type Summary struct {
	Actions    int // all actions
	NotStarted int // actions by status …
	OnTrack    int
	AtRisk     int
	OffTrack   int
	Complete   int
	Overdue    int // open actions past their due date (see Overdue), whatever their status
	// PercentComplete is Complete × 100 ÷ Actions, unrounded; 0 when there are no actions.
	PercentComplete float64
	// Overall is the status to report for the set as a whole; see Summarise.
	Overall Status
}

// Count returns the number of actions with status s.
func (s Summary) Count(st Status) int {
	switch st {
	case NotStarted:
		return s.NotStarted
	case OnTrack:
		return s.OnTrack
	case AtRisk:
		return s.AtRisk
	case OffTrack:
		return s.OffTrack
	case Complete:
		return s.Complete
	}
	return 0
}

// severity orders the open statuses from least to most worrying.
func severity(s Status) int {
	switch s {
	case NotStarted:
		return 0
	case OnTrack:
		return 1
	case AtRisk:
		return 2
	case OffTrack:
		return 3
	}
	return -1
}

// Summarise rolls up actions on the day today.
//
// The overall status is the worst status among the open (not complete) actions, from best to worst
// not started, on track, at risk, off track, where an overdue action counts as off track whatever
// its owner reports. So one overdue or off-track action makes the whole off track; a mix of on-track
// and not-yet-started actions is on track. When every action is complete the overall status is
// complete; with no actions at all it is not started. An action with an unknown status counts in
// Actions only.
func Summarise(actions []Action, today calendar.Date) Summary {
	s := Summary{Actions: len(actions), Overall: NotStarted}
	worst := -1
	for _, a := range actions {
		switch a.Status {
		case NotStarted:
			s.NotStarted++
		case OnTrack:
			s.OnTrack++
		case AtRisk:
			s.AtRisk++
		case OffTrack:
			s.OffTrack++
		case Complete:
			s.Complete++
			continue
		}
		st := a.Status
		if Overdue(a, today) {
			s.Overdue++
			st = OffTrack
		}
		if sev := severity(st); sev > worst {
			worst, s.Overall = sev, st
		}
	}
	if s.Actions > 0 {
		s.PercentComplete = float64(s.Complete) * 100 / float64(s.Actions)
		if s.Complete == s.Actions {
			s.Overall = Complete
		}
	}
	return s
}

// Summary rolls up the recommendation's actions on the day today (see Summarise).
func (r Recommendation) Summary(today calendar.Date) Summary {
	return Summarise(r.Actions, today)
}

// Summary rolls up every action of the plan on the day today (see Summarise): the counts are of
// actions, not of recommendations.
func (p Plan) Summary(today calendar.Date) Summary {
	var all []Action
	for _, r := range p.Recommendations {
		all = append(all, r.Actions...)
	}
	return Summarise(all, today)
}
