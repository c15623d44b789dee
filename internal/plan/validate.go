package plan

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"csperf/internal/indicator"
)

// FieldError is one problem with a plan: where it is ("recommendation 2, action 1"), which field
// ("due date") and what is wrong, in plain English.
type FieldError struct {
	Where   string // e.g. "plan", "recommendation 2", "recommendation 2, action 1", "recommendation 2, measure health-assessment"
	Field   string // e.g. "title", "due date", "indicator", "status"
	Message string // the whole sentence, naming the field, e.g. "due date 01/03/2026 is before the start date 01/04/2026"
}

// Error returns where the problem is and the message, e.g. "recommendation 2, action 1: due date is missing".
func (e *FieldError) Error() string { return e.Where + ": " + e.Message }

// Validate checks the plan and returns every problem found, joined (errors.Join, one level: its
// Unwrap() []error lists them), each a *FieldError; nil when there are none. The rules:
//
//   - the plan has an authority (a 3-digit DfE number) and a title, and at least one recommendation;
//   - recommendations are numbered from 1, each number once, and have text;
//   - actions are checked as Action.Validate does;
//   - measures name a catalogue indicator, each at most once per recommendation, and their points
//     are checked as TargetPoint.Validate does, with each date at most once per measure.
func (p Plan) Validate() error {
	var errs []error
	bad := func(where, field, format string, args ...any) {
		errs = append(errs, &FieldError{Where: where, Field: field, Message: fmt.Sprintf(format, args...)})
	}
	if p.Authority < 100 || p.Authority > 999 {
		bad("plan", "authority", "authority %d is not a 3-digit DfE LA number", p.Authority)
	}
	if strings.TrimSpace(p.Title) == "" {
		bad("plan", "title", "title is missing")
	}
	if len(p.Recommendations) == 0 {
		bad("plan", "recommendations", "recommendations are missing: a plan needs at least one")
	}
	seen := map[int]bool{}
	for i, r := range p.Recommendations {
		where := "recommendation " + strconv.Itoa(r.Number)
		if r.Number < 1 {
			where = fmt.Sprintf("recommendation %d in the list", i+1)
			bad(where, "number", "number %d should be 1 or more", r.Number)
		} else if seen[r.Number] {
			bad(where, "number", "number %d is used by more than one recommendation", r.Number)
		}
		seen[r.Number] = true
		if strings.TrimSpace(r.Text) == "" {
			bad(where, "text", "text is missing")
		}
		for j, a := range r.Actions {
			if err := a.Validate(); err != nil {
				errs = append(errs, unjoin(within(err, fmt.Sprintf("%s, action %d", where, j+1)))...)
			}
		}
		inds := map[string]bool{}
		for _, m := range r.Measures {
			mwhere := where + ", measure " + m.Indicator
			if inds[m.Indicator] {
				bad(mwhere, "indicator", "indicator %s is measured more than once", m.Indicator)
			}
			inds[m.Indicator] = true
			if err := m.Validate(); err != nil {
				errs = append(errs, unjoin(within(err, mwhere))...)
			}
		}
	}
	return errors.Join(errs...)
}

// within sets where on every *FieldError in err (a joined error as Validate methods return),
// flattening nested joins.
func within(err error, where string) error {
	list := unjoin(err)
	out := make([]error, len(list))
	for i, e := range list {
		if fe, ok := e.(*FieldError); ok {
			c := *fe
			c.Where = where
			e = &c
		}
		out[i] = e
	}
	return errors.Join(out...)
}

// Validate checks one action and returns every problem found, joined, each a *FieldError with Where
// "action": the description, owner, due date and status are required; the status must be one of
// Statuses; the due date may not be before the start date; a completed date is allowed only with
// the status Complete and may not be before the start date; notes need text and evidence a title,
// and evidence is a link or a file, not both.
func (a Action) Validate() error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, &FieldError{Where: "action", Field: field, Message: fmt.Sprintf(format, args...)})
	}
	if strings.TrimSpace(a.Description) == "" {
		bad("description", "description is missing")
	}
	if strings.TrimSpace(a.Owner) == "" {
		bad("owner", "owner is missing (give a job title)")
	}
	if a.Due.IsZero() {
		bad("due date", "due date is missing")
	} else if !a.Start.IsZero() && a.Due.Before(a.Start) {
		bad("due date", "due date %s is before the start date %s", a.Due.DMY(), a.Start.DMY())
	}
	switch {
	case a.Status == "":
		bad("status", "status is missing")
	case !a.Status.Valid():
		bad("status", "status %q is not one of %s", string(a.Status), statusList())
	}
	if !a.Completed.IsZero() {
		if a.Status != Complete && a.Status.Valid() {
			bad("completed date", "completed date %s is given but the status is %q, not \"Complete\"",
				a.Completed.DMY(), a.Status.Label())
		}
		if !a.Start.IsZero() && a.Completed.Before(a.Start) {
			bad("completed date", "completed date %s is before the start date %s", a.Completed.DMY(), a.Start.DMY())
		}
	}
	for i, n := range a.Notes {
		if strings.TrimSpace(n.Text) == "" {
			bad("notes", "note %d has no text", i+1)
		}
	}
	for i, e := range a.Evidence {
		if strings.TrimSpace(e.Title) == "" {
			bad("evidence", "evidence %d has no title", i+1)
		}
		if e.URL != "" && e.File != "" {
			bad("evidence", "evidence %d (%s) has both a link and a file: give one", i+1, e.Title)
		}
	}
	return errors.Join(errs...)
}

// Validate checks one measure and returns every problem found, joined, each a *FieldError with
// Where "measure": the indicator must be in the catalogue (indicator.Lookup), and each point valid
// (see TargetPoint.Validate) with a date of its own.
func (m Measure) Validate() error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, &FieldError{Where: "measure", Field: field, Message: fmt.Sprintf(format, args...)})
	}
	ind, known := indicator.Lookup(m.Indicator)
	switch {
	case m.Indicator == "":
		bad("indicator", "indicator is missing")
	case !known:
		bad("indicator", "indicator %q is not in the catalogue", m.Indicator)
	}
	dates := map[int32]bool{}
	for _, p := range m.Points {
		if !p.At.IsZero() && dates[int32(p.At)] {
			bad("date", "date %s has more than one target point", p.At.DMY())
		}
		dates[int32(p.At)] = true
		if known {
			if err := p.Validate(ind); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

// Validate checks a target point for the indicator ind: it has a date and at least one level; for a
// percentage, levels are from 0 to 100; and the stretch is not less ambitious than the milestone by
// the indicator's polarity. Problems are *FieldErrors with Where "measure", joined.
func (p TargetPoint) Validate(ind indicator.Indicator) error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, &FieldError{Where: "measure", Field: field, Message: fmt.Sprintf(format, args...)})
	}
	when := "a target point"
	if p.At.IsZero() {
		bad("date", "date of a target point is missing")
	} else {
		when = "the target point for " + p.At.DMY()
	}
	if p.Milestone == nil && p.Stretch == nil {
		bad("milestone", "%s has neither a milestone nor a stretch level", when)
	}
	for _, l := range []struct {
		field string
		v     *float64
	}{{"milestone", p.Milestone}, {"stretch", p.Stretch}} {
		if l.v != nil && ind.Unit == indicator.Percent && (*l.v < 0 || *l.v > 100) {
			bad(l.field, "%s %s of %s is not a percentage from 0 to 100", l.field, formatNumber(*l.v), when)
		}
	}
	if p.Milestone != nil && p.Stretch != nil {
		m, s := *p.Milestone, *p.Stretch
		if (ind.Polarity == indicator.HigherIsBetter && s < m) || (ind.Polarity == indicator.LowerIsBetter && s > m) {
			bad("stretch", "stretch %s of %s is less ambitious than the milestone %s (for %s, %s is better)",
				formatNumber(s), when, formatNumber(m), ind.ID, betterWord(ind.Polarity))
		}
	}
	return errors.Join(errs...)
}

func betterWord(p indicator.Polarity) string {
	if p == indicator.LowerIsBetter {
		return "lower"
	}
	return "higher"
}

// formatNumber writes x in the shortest form that reads back as x.
func formatNumber(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
