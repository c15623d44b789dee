package plan

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"csperf/internal/calendar"
)

// Change is one entry in a plan's history: who changed what, when, from what to what. Values are
// written as people read them: dates dd/mm/yyyy, statuses by label, "" for nothing.
//
// Field names what changed:
//
//   - "plan": the plan was created (New is its title) or deleted (Old is its title);
//   - "title", "source", "source date", "published": the plan's own fields;
//   - "recommendation N": recommendation N's text, added (Old "") or removed (New "");
//   - "recommendation N measure ID": the targets of a measure, e.g. "milestone 70 by 30/09/2026";
//   - with ActionID set, "action" (added: New is the description; removed: Old is), "description",
//     "owner", "start date", "due date", "status", "completed date", "recommendation" (moved to
//     another recommendation: the numbers), "note" (added or removed: its text) and "evidence" (its
//     title and link or file).
type Change struct {
	ID       int64 // assigned by the store, in the order changes were made
	PlanID   int64
	ActionID int64 // the action changed; 0 for a change to the plan or a recommendation
	At       time.Time
	Author   string
	Field    string
	Old, New string
}

// Diff returns the changes that turn prev into next, without PlanID, At or Author. prev is the zero
// Plan when next is new: the history then says only that the plan was created. Recommendations are
// matched by number and actions by id (an action with id 0 in next, or an id prev lacks, is added).
func Diff(prev, next Plan) []Change {
	if prev.ID == 0 && prev.Title == "" && len(prev.Recommendations) == 0 {
		return []Change{{Field: "plan", New: next.Title}}
	}
	var out []Change
	field := func(name, old, new string) {
		if old != new {
			out = append(out, Change{Field: name, Old: old, New: new})
		}
	}
	field("title", prev.Title, next.Title)
	field("source", prev.Source, next.Source)
	field("source date", dmy(prev.SourceDate), dmy(next.SourceDate))
	field("published", dmy(prev.Published), dmy(next.Published))

	// Recommendations in next's order, then those removed.
	for _, r := range next.Recommendations {
		name := "recommendation " + strconv.Itoa(r.Number)
		old, _ := prev.Recommendation(r.Number)
		field(name, old.Text, r.Text)
		for _, m := range r.Measures {
			om, _ := measureOf(old, m.Indicator)
			field(name+" measure "+m.Indicator, FormatPoints(om.Points), FormatPoints(m.Points))
		}
		for _, om := range old.Measures {
			if _, ok := measureOf(r, om.Indicator); !ok {
				field(name+" measure "+om.Indicator, FormatPoints(om.Points), "")
			}
		}
	}
	for _, old := range prev.Recommendations {
		if _, ok := next.Recommendation(old.Number); !ok {
			field("recommendation "+strconv.Itoa(old.Number), old.Text, "")
		}
	}

	// Actions: changed or added, in next's order, then removed.
	for _, r := range next.Recommendations {
		for _, a := range r.Actions {
			old, oldRec, ok := prev.Action(a.ID)
			if a.ID == 0 || !ok {
				out = append(out, Change{ActionID: a.ID, Field: "action", New: a.Description})
				continue
			}
			if oldRec != r.Number {
				out = append(out, Change{ActionID: a.ID, Field: "recommendation",
					Old: strconv.Itoa(oldRec), New: strconv.Itoa(r.Number)})
			}
			out = append(out, DiffAction(old, a)...)
		}
	}
	for _, r := range prev.Recommendations {
		for _, a := range r.Actions {
			if _, _, ok := next.Action(a.ID); !ok {
				out = append(out, Change{ActionID: a.ID, Field: "action", Old: a.Description})
			}
		}
	}
	return out
}

// DiffAction returns the changes that turn prev into next, one action, with ActionID set to next's
// id: each field that differs, and each note and piece of evidence added or removed.
func DiffAction(prev, next Action) []Change {
	var out []Change
	field := func(name, old, new string) {
		if old != new {
			out = append(out, Change{ActionID: next.ID, Field: name, Old: old, New: new})
		}
	}
	field("description", prev.Description, next.Description)
	field("owner", prev.Owner, next.Owner)
	field("start date", dmy(prev.Start), dmy(next.Start))
	field("due date", dmy(prev.Due), dmy(next.Due))
	field("status", prev.Status.Label(), next.Status.Label())
	field("completed date", dmy(prev.Completed), dmy(next.Completed))
	for _, n := range minus(next.Notes, prev.Notes, sameNote) {
		field("note", "", n.Text)
	}
	for _, n := range minus(prev.Notes, next.Notes, sameNote) {
		field("note", n.Text, "")
	}
	for _, e := range minus(next.Evidence, prev.Evidence, sameEvidence) {
		field("evidence", "", e.String())
	}
	for _, e := range minus(prev.Evidence, next.Evidence, sameEvidence) {
		field("evidence", e.String(), "")
	}
	return out
}

// String returns the evidence as one line: its title, then its link or file in angle brackets, e.g.
// "Audit report <https://example.org/audit.pdf>". ParseEvidence reads it back.
func (e Evidence) String() string {
	target := e.URL
	if target == "" {
		target = e.File
	}
	if target == "" {
		return e.Title
	}
	return e.Title + " <" + target + ">"
}

// ParseEvidence reads one line written by Evidence.String. A target containing "://" is a link;
// any other is the name of a stored file.
func ParseEvidence(s string) Evidence {
	s = strings.TrimSpace(s)
	var e Evidence
	if strings.HasSuffix(s, ">") {
		if i := strings.LastIndex(s, "<"); i >= 0 {
			target := strings.TrimSpace(s[i+1 : len(s)-1])
			s = strings.TrimSpace(s[:i])
			if strings.Contains(target, "://") {
				e.URL = target
			} else {
				e.File = target
			}
		}
	}
	e.Title = s
	return e
}

// FormatPoints writes target points as people read them, e.g.
// "milestone 70 by 30/09/2026; stretch 95 by 31/03/2027"; "" when there are none.
func FormatPoints(ps []TargetPoint) string {
	var parts []string
	for _, p := range ps {
		var levels []string
		if p.Milestone != nil {
			levels = append(levels, "milestone "+formatNumber(*p.Milestone))
		}
		if p.Stretch != nil {
			levels = append(levels, "stretch "+formatNumber(*p.Stretch))
		}
		parts = append(parts, strings.Join(levels, ", ")+" by "+dmy(p.At))
	}
	return strings.Join(parts, "; ")
}

func measureOf(r Recommendation, id string) (Measure, bool) {
	for _, m := range r.Measures {
		if m.Indicator == id {
			return m, true
		}
	}
	return Measure{}, false
}

// minus returns the items of a not matched by an item of b, each item of b matching at most once.
func minus[T any](a, b []T, same func(T, T) bool) []T {
	used := make([]bool, len(b))
	var out []T
outer:
	for _, x := range a {
		for i, y := range b {
			if !used[i] && same(x, y) {
				used[i] = true
				continue outer
			}
		}
		out = append(out, x)
	}
	return out
}

func sameNote(a, b Note) bool         { return a.At.Equal(b.At) && a.Author == b.Author && a.Text == b.Text }
func sameEvidence(a, b Evidence) bool { return a == b }

// dmy writes a date as dd/mm/yyyy, and a zero date as "".
func dmy(d calendar.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.DMY()
}

// Describe returns the change as a sentence, e.g. `status changed from "On track" to "At risk"`.
func (c Change) Describe() string {
	switch {
	case c.Field == "plan" && c.Old == "":
		return fmt.Sprintf("plan created: %q", c.New)
	case c.Field == "plan":
		return fmt.Sprintf("plan deleted: %q", c.Old)
	case c.Old == "":
		return fmt.Sprintf("%s added: %q", c.Field, c.New)
	case c.New == "":
		return fmt.Sprintf("%s removed: %q", c.Field, c.Old)
	}
	return fmt.Sprintf("%s changed from %q to %q", c.Field, c.Old, c.New)
}
