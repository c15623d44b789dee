package store_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"csperf/internal/calendar"
	"csperf/internal/plan"
	"csperf/internal/store"
	"csperf/internal/store/storetest"
)

// withIDs reports whether every recommendation and action of p has an id.
func withIDs(t *testing.T, p plan.Plan) {
	t.Helper()
	if p.ID == 0 {
		t.Error("plan has no id")
	}
	for _, r := range p.Recommendations {
		if r.ID == 0 {
			t.Errorf("recommendation %d has no id", r.Number)
		}
		for _, a := range r.Actions {
			if a.ID == 0 {
				t.Errorf("action %q has no id", a.Description)
			}
		}
	}
}

// fields lists the field, old and new values of changes, for comparing.
func fields(cs []plan.Change) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Field+": "+c.Old+" → "+c.New)
	}
	return out
}

func TestPlanSaveAndRead(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		inspected := calendar.Of(2026, 3, 13)
		in := plan.Example(857, inspected)
		saved, err := s.SavePlan(ctx, "ana", in)
		if err != nil {
			t.Fatal(err)
		}
		withIDs(t, saved)
		if in.ID != 0 || in.Recommendations[0].Actions[0].ID != 0 {
			t.Error("SavePlan changed its argument")
		}
		got, err := s.Plan(ctx, saved.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, saved) {
			t.Errorf("read back:\n got %+v\nwant %+v", got, saved)
		}
		// Apart from the ids, what was saved is what was given.
		if !reflect.DeepEqual(plan.AsWorkbook(got), plan.AsWorkbook(in)) {
			t.Error("saved plan differs from the plan given")
		}
		other, err := s.SavePlan(ctx, "ben", plan.Example(319, inspected))
		if err != nil {
			t.Fatal(err)
		}
		list, err := s.Plans(ctx, 857)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || !reflect.DeepEqual(list[0], saved) {
			t.Errorf("plans of 857: %d", len(list))
		}
		all, err := s.Plans(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 2 || all[0].Authority != 319 || all[1].Authority != 857 || !reflect.DeepEqual(all[0], other) {
			t.Errorf("all plans: %d", len(all))
		}
		if none, err := s.Plans(ctx, 202); err != nil || len(none) != 0 {
			t.Errorf("plans of 202: %v, %v", none, err)
		}
		if _, err := s.Plan(ctx, 999); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("missing plan: %v", err)
		}
		h, err := s.PlanHistory(ctx, saved.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(h) != 1 || h[0].Field != "plan" || h[0].New != in.Title || h[0].Author != "ana" || h[0].PlanID != saved.ID ||
			time.Since(h[0].At) > time.Minute {
			t.Errorf("history of a new plan: %+v", h)
		}
		if _, err := s.SavePlan(ctx, "ana", plan.Plan{Authority: 857}); err == nil ||
			!strings.Contains(err.Error(), "title is missing") {
			t.Errorf("invalid plan: %v", err)
		}
	})
}

func TestPlanReplace(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		saved, err := s.SavePlan(ctx, "ana", plan.Example(857, calendar.Of(2026, 3, 13)))
		if err != nil {
			t.Fatal(err)
		}
		// The committee meeting: recommendations 1 and 2 swap numbers, an action moves from 5 to 3,
		// recommendation 4 goes, an action is added and one removed, a target is raised.
		next := saved
		next.Recommendations = []plan.Recommendation{saved.Recommendations[1], saved.Recommendations[0],
			saved.Recommendations[2], saved.Recommendations[4]}
		next.Recommendations[0].Number, next.Recommendations[1].Number = 1, 2
		r3 := &next.Recommendations[2]
		moved := saved.Recommendations[4].Actions[2]
		r3.Actions = append([]plan.Action{}, r3.Actions...)
		r3.Actions = append(r3.Actions, moved, plan.Action{Description: "Open two local children's homes",
			Owner: "Head of Commissioning", Due: calendar.Of(2027, 9, 30), Status: plan.NotStarted})
		r5 := &next.Recommendations[3]
		r5.Actions = r5.Actions[:2]
		removed := saved.Recommendations[0].Actions[2]
		next.Recommendations[1].Actions = next.Recommendations[1].Actions[:2]
		stretch := 99.0
		next.Recommendations[1].Measures = append([]plan.Measure{}, next.Recommendations[1].Measures...)
		next.Recommendations[1].Measures[0].Points = append([]plan.TargetPoint{}, next.Recommendations[1].Measures[0].Points...)
		next.Recommendations[1].Measures[0].Points[1].Stretch = &stretch
		next.Title = "Our improvement plan"

		got, err := s.SavePlan(ctx, "ben", next)
		if err != nil {
			t.Fatal(err)
		}
		withIDs(t, got)
		read, err := s.Plan(ctx, saved.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(read, got) {
			t.Errorf("read back:\n got %+v\nwant %+v", read, got)
		}
		if read.Recommendations[0].ID != saved.Recommendations[1].ID || read.Recommendations[0].Number != 1 {
			t.Error("renumbered recommendation lost its id")
		}
		if a, n, ok := read.Action(moved.ID); !ok || n != 3 || a.Description != moved.Description {
			t.Errorf("moved action: %v in recommendation %d", ok, n)
		}
		if _, _, ok := read.Action(removed.ID); ok {
			t.Error("removed action still there")
		}
		h, err := s.PlanHistory(ctx, saved.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{
			"plan:  → " + saved.Title,
			"title: " + saved.Title + " → Our improvement plan",
			"recommendation 1: " + saved.Recommendations[0].Text + " → " + saved.Recommendations[1].Text,
		}
		if got := fields(h); len(got) < len(want) || !reflect.DeepEqual(got[:3], want) {
			t.Errorf("history starts:\n%s", strings.Join(got, "\n"))
		}
		var sawMove, sawAdd, sawRemove, sawTarget, sawRecRemoved bool
		for _, c := range h[1:] {
			if c.Author != "ben" {
				t.Errorf("change by %q", c.Author)
			}
			switch {
			case c.ActionID == moved.ID && c.Field == "recommendation" && c.Old == "5" && c.New == "3":
				sawMove = true
			case c.Field == "action" && c.New == "Open two local children's homes" && c.ActionID != 0:
				sawAdd = true
			case c.Field == "action" && c.ActionID == removed.ID && c.Old == removed.Description:
				sawRemove = true
			case c.Field == "recommendation 2 measure cpp-reviewed-on-time" && strings.HasSuffix(c.New, "stretch 99 by 31/03/2027"):
				sawTarget = true
			case c.Field == "recommendation 4" && c.New == "":
				sawRecRemoved = true
			}
		}
		if !sawMove || !sawAdd || !sawRemove || !sawTarget || !sawRecRemoved {
			t.Errorf("history: move %v, add %v, remove %v, target %v, recommendation removed %v\n%s", sawMove, sawAdd,
				sawRemove, sawTarget, sawRecRemoved, strings.Join(fields(h), "\n"))
		}
	})
}

func TestPlanSaveIsOneTransaction(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		first, err := s.SavePlan(ctx, "ana", plan.Example(857, calendar.Of(2026, 3, 13)))
		if err != nil {
			t.Fatal(err)
		}
		second, err := s.SavePlan(ctx, "ana", plan.Example(319, calendar.Of(2026, 3, 13)))
		if err != nil {
			t.Fatal(err)
		}
		// A new title and a new action, then an action of the other plan: the save fails part way,
		// after the plan row and the first recommendation are written.
		bad := first
		bad.Title = "Changed"
		bad.Recommendations = append([]plan.Recommendation{}, first.Recommendations...)
		bad.Recommendations[0].Actions = append([]plan.Action{{Description: "New", Owner: "Head of QA",
			Due: calendar.Of(2026, 12, 31), Status: plan.NotStarted}}, first.Recommendations[0].Actions...)
		bad.Recommendations[3].Actions = append([]plan.Action{}, first.Recommendations[3].Actions...)
		bad.Recommendations[3].Actions[1].ID = second.Recommendations[3].Actions[1].ID
		_, err = s.SavePlan(ctx, "ana", bad)
		if err == nil || !strings.Contains(err.Error(), "is not part of plan") {
			t.Fatalf("save with another plan's action: %v", err)
		}
		for _, want := range []plan.Plan{first, second} {
			got, err := s.Plan(ctx, want.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("plan %d changed by a failed save", want.ID)
			}
		}
		if h, err := s.PlanHistory(ctx, first.ID); err != nil || len(h) != 1 {
			t.Errorf("history after a failed save: %d changes, %v", len(h), err)
		}
		missing := first
		missing.ID = 12345
		if _, err := s.SavePlan(ctx, "ana", missing); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("save over a missing plan: %v", err)
		}
	})
}

func TestPlanUpdateAction(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		saved, err := s.SavePlan(ctx, "ana", plan.Example(857, calendar.Of(2026, 3, 13)))
		if err != nil {
			t.Fatal(err)
		}
		a := saved.Recommendations[2].Actions[1] // the foster carer campaign, off track
		a.Status = plan.Complete
		a.Completed = calendar.Of(2026, 10, 2)
		a.Due = calendar.Of(2026, 10, 31)
		a.Notes = nil // ignored: notes are added with AddNote
		if err := s.UpdateAction(ctx, "Fostering Service Manager", a); err != nil {
			t.Fatal(err)
		}
		at := time.Date(2026, 10, 2, 9, 30, 15, 123456789, time.UTC)
		if err := s.AddNote(ctx, a.ID, plan.Note{At: at, Author: "Fostering Service Manager", Text: "18 households approved."}); err != nil {
			t.Fatal(err)
		}
		ev := plan.Evidence{Title: "Fostering panel report", URL: "https://intranet.example.org/fostering/panel"}
		if err := s.AddEvidence(ctx, "Fostering Service Manager", a.ID, ev); err != nil {
			t.Fatal(err)
		}
		got, err := s.Plan(ctx, saved.ID)
		if err != nil {
			t.Fatal(err)
		}
		b := got.Recommendations[2].Actions[1]
		wantNotes := append(append([]plan.Note{}, saved.Recommendations[2].Actions[1].Notes...),
			plan.Note{At: at.Truncate(time.Microsecond), Author: "Fostering Service Manager", Text: "18 households approved."})
		if b.Status != plan.Complete || b.Completed != a.Completed || b.Due != a.Due || !reflect.DeepEqual(b.Notes, wantNotes) ||
			!reflect.DeepEqual(b.Evidence, []plan.Evidence{ev}) {
			t.Errorf("updated action: %+v", b)
		}
		h, err := s.PlanHistory(ctx, saved.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{
			"plan:  → " + saved.Title,
			"due date: 30/08/2026 → 31/10/2026",
			"status: Off track → Complete",
			"completed date:  → 02/10/2026",
			"note:  → 18 households approved.",
			"evidence:  → Fostering panel report <https://intranet.example.org/fostering/panel>",
		}
		if got := fields(h); !reflect.DeepEqual(got, want) {
			t.Errorf("history:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
		}
		for _, c := range h[1:] {
			if c.ActionID != a.ID || c.Author != "Fostering Service Manager" || c.PlanID != saved.ID {
				t.Errorf("change %+v", c)
			}
		}
		for i := 1; i < len(h); i++ {
			if h[i].ID <= h[i-1].ID || h[i].At.Before(h[i-1].At) {
				t.Errorf("history out of order at %d", i)
			}
		}

		// Errors.
		bad := a
		bad.Due = calendar.Of(2026, 1, 1)
		if err := s.UpdateAction(ctx, "x", bad); err == nil || !strings.Contains(err.Error(), "due date 01/01/2026 is before the start date") {
			t.Errorf("due before start: %v", err)
		}
		bad = a
		bad.ID = 99999
		if err := s.UpdateAction(ctx, "x", bad); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("missing action: %v", err)
		}
		if err := s.AddNote(ctx, 99999, plan.Note{Text: "x"}); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("note on a missing action: %v", err)
		}
		if err := s.AddNote(ctx, a.ID, plan.Note{Text: " "}); err == nil {
			t.Error("empty note accepted")
		}
		if err := s.AddEvidence(ctx, "x", a.ID, plan.Evidence{Title: "Both", URL: "https://x.example", File: "x.pdf"}); err == nil {
			t.Error("evidence with a link and a file accepted")
		}
		if h2, _ := s.PlanHistory(ctx, saved.ID); len(h2) != len(h) {
			t.Errorf("failed updates recorded history: %d changes, want %d", len(h2), len(h))
		}
	})
}

func TestPlanDelete(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		saved, err := s.SavePlan(ctx, "ana", plan.Example(857, calendar.Of(2026, 3, 13)))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.DeletePlan(ctx, "ben", saved.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Plan(ctx, saved.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("deleted plan: %v", err)
		}
		h, err := s.PlanHistory(ctx, saved.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := fields(h); !reflect.DeepEqual(got, []string{"plan:  → " + saved.Title, "plan: " + saved.Title + " → "}) {
			t.Errorf("history of a deleted plan: %v", got)
		}
		if err := s.DeletePlan(ctx, "ben", saved.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("delete twice: %v", err)
		}
		// Nothing of the plan is left behind: a new plan saves with its own ids.
		again, err := s.SavePlan(ctx, "ana", plan.Example(857, calendar.Of(2026, 3, 13)))
		if err != nil {
			t.Fatal(err)
		}
		if again.ID == saved.ID {
			t.Error("a deleted plan's id was reused")
		}
	})
}

// readThenEdited saves the example plan, reads it as a page would, and lets someone else edit it
// (editedMeanwhile) before the change under test: it returns the plan as read, as the other editor
// left it, and the stored state at that point.
func readThenEdited(t *testing.T, s *store.Store) (read, mid plan.Plan, before planState) {
	t.Helper()
	ctx := context.Background()
	saved, err := s.SavePlan(ctx, "ana", plan.Example(857, calendar.Of(2026, 3, 13)))
	if err != nil {
		t.Fatal(err)
	}
	if read, err = s.Plan(ctx, saved.ID); err != nil {
		t.Fatal(err)
	}
	mid = editedMeanwhile(t, s, read)
	return read, mid, stateOf(t, s, saved.ID)
}

// editedMeanwhile makes the changes of someone else working on plan id after p, the plan as read
// from the store, was read: a progress note on the second action of recommendation 1 and a new
// status for the first action of recommendation 3. It returns the plan as they leave it.
func editedMeanwhile(t *testing.T, s *store.Store, p plan.Plan) plan.Plan {
	t.Helper()
	ctx := context.Background()
	note := plan.Note{At: time.Date(2026, 9, 1, 10, 0, 0, 0, time.UTC), Author: "Principal Social Worker",
		Text: "Supervision audit shows 9 in 10 cases discussed within four weeks."}
	if err := s.AddNote(ctx, p.Recommendations[0].Actions[1].ID, note); err != nil {
		t.Fatal(err)
	}
	a := p.Recommendations[2].Actions[0]
	a.Status = plan.AtRisk
	if err := s.UpdateAction(ctx, "Head of Children in Care", a); err != nil {
		t.Fatal(err)
	}
	mid, err := s.Plan(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if n := mid.Recommendations[0].Actions[1].Notes; len(n) == 0 || n[len(n)-1] != note ||
		mid.Recommendations[2].Actions[0].Status != plan.AtRisk {
		t.Fatal("the changes made meanwhile were not saved")
	}
	return mid
}

// planState is what a test checks was or was not changed: the plan, its history and the data
// generation.
type planState struct {
	plan    plan.Plan
	history []plan.Change
	gen     string
}

func stateOf(t *testing.T, s *store.Store, id int64) planState {
	t.Helper()
	ctx := context.Background()
	p, err := s.Plan(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	h, err := s.PlanHistory(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	g, err := s.Generation(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return planState{p, h, g}
}

// changedTo checks that the plan, from the state before, is now want: that its history gained what
// plan.Diff says of the change (as SavePlan would record it), by author, and that the data
// generation moved on. It returns the new state.
func changedTo(t *testing.T, s *store.Store, before planState, author string, want plan.Plan) planState {
	t.Helper()
	after := stateOf(t, s, before.plan.ID)
	if !reflect.DeepEqual(after.plan, want) {
		t.Errorf("plan after the change:\n got %+v\nwant %+v", after.plan, want)
	}
	if len(after.history) < len(before.history) || !reflect.DeepEqual(after.history[:len(before.history)], before.history) {
		t.Fatalf("the history before the change was altered")
	}
	added := after.history[len(before.history):]
	diff := plan.Diff(before.plan, after.plan)
	if got, want := fields(added), fields(diff); !reflect.DeepEqual(got, want) {
		t.Errorf("history of the change:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
	for i, c := range added {
		if c.Author != author || c.PlanID != before.plan.ID || (i < len(diff) && c.ActionID != diff[i].ActionID) ||
			time.Since(c.At) > time.Minute {
			t.Errorf("change %+v", c)
		}
	}
	if after.gen == before.gen {
		t.Error("the data generation did not change")
	}
	return after
}

// unchanged checks that nothing of the plan, its history or the data generation changed.
func unchanged(t *testing.T, s *store.Store, before planState) {
	t.Helper()
	if after := stateOf(t, s, before.plan.ID); !reflect.DeepEqual(after, before) {
		t.Errorf("a failed change changed the store:\n got %+v\nwant %+v", after, before)
	}
}

func TestPlanAddRecommendation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		saved, err := s.SavePlan(ctx, "ana", plan.Example(857, calendar.Of(2026, 3, 13)))
		if err != nil {
			t.Fatal(err)
		}
		other, err := s.SavePlan(ctx, "ana", plan.Example(319, calendar.Of(2026, 3, 13)))
		if err != nil {
			t.Fatal(err)
		}
		read, err := s.Plan(ctx, saved.ID) // as the plan page shows it
		if err != nil {
			t.Fatal(err)
		}
		mid := editedMeanwhile(t, s, read)
		before := stateOf(t, s, saved.ID)

		ms, st := 30.0, 45.0
		noted := time.Date(2026, 9, 2, 14, 5, 6, 789123456, time.FixedZone("BST", 3600))
		rec := plan.Recommendation{ID: 77, Number: 2, // both ignored
			Text: "Make sure that children's views are recorded in every assessment.",
			Actions: []plan.Action{{ID: 5, Description: "Add the child's words to the assessment template.",
				Owner: "Principal Social Worker", Due: calendar.Of(2026, 12, 31), Status: plan.OnTrack,
				Notes:    []plan.Note{{At: noted, Author: "PSW", Text: "Template drafted with the Children in Care Council."}},
				Evidence: []plan.Evidence{{Title: "Draft template", File: "template.docx"}}}},
			Measures: []plan.Measure{{Indicator: "cpp-second-plan", Points: []plan.TargetPoint{
				{At: calendar.Of(2027, 3, 31), Milestone: &ms}, {At: calendar.Of(2026, 9, 30), Stretch: &st}}}},
		}
		got, err := s.AddRecommendation(ctx, "ben", saved.ID, rec)
		if err != nil {
			t.Fatal(err)
		}
		if got.Number != 6 || got.ID == 0 || got.ID == 77 || got.Actions[0].ID == 0 || got.Actions[0].ID == 5 {
			t.Errorf("added recommendation: number %d, id %d, action id %d", got.Number, got.ID, got.Actions[0].ID)
		}
		if rec.Actions[0].ID != 5 || rec.Measures[0].Points[0].At != calendar.Of(2027, 3, 31) {
			t.Error("AddRecommendation changed its argument")
		}
		want := mid
		want.Recommendations = append(slices.Clone(mid.Recommendations), plan.Recommendation{ID: got.ID, Number: 6,
			Text: rec.Text, Actions: []plan.Action{{ID: got.Actions[0].ID, Description: rec.Actions[0].Description,
				Owner: "Principal Social Worker", Due: calendar.Of(2026, 12, 31), Status: plan.OnTrack,
				Notes: []plan.Note{{At: noted.UTC().Truncate(time.Microsecond), Author: "PSW",
					Text: "Template drafted with the Children in Care Council."}},
				Evidence: rec.Actions[0].Evidence}},
			Measures: []plan.Measure{{Indicator: "cpp-second-plan", Points: []plan.TargetPoint{
				{At: calendar.Of(2026, 9, 30), Stretch: &st}, {At: calendar.Of(2027, 3, 31), Milestone: &ms}}}}})
		if !reflect.DeepEqual(got, want.Recommendations[5]) {
			t.Errorf("returned:\n got %+v\nwant %+v", got, want.Recommendations[5])
		}
		after := changedTo(t, s, before, "ben", want)
		if want := []string{
			"recommendation 6:  → " + rec.Text,
			"recommendation 6 measure cpp-second-plan:  → stretch 45 by 30/09/2026; milestone 30 by 31/03/2027",
			"action:  → Add the child's words to the assessment template.",
		}; !reflect.DeepEqual(fields(after.history[len(before.history):]), want) {
			t.Errorf("history: %s", strings.Join(fields(after.history[len(before.history):]), "\n"))
		}
		if o, err := s.Plan(ctx, other.ID); err != nil || !reflect.DeepEqual(o, other) {
			t.Errorf("another plan changed: %v", err)
		}

		// Numbered after the highest number, gaps and all.
		if err := s.DeletePlan(ctx, "ana", other.ID); err != nil {
			t.Fatal(err)
		}
		sparse := after.plan
		sparse.Recommendations = []plan.Recommendation{after.plan.Recommendations[0], after.plan.Recommendations[3]}
		sparse.Recommendations[1].Number = 9
		if _, err := s.SavePlan(ctx, "ana", sparse); err != nil {
			t.Fatal(err)
		}
		if r, err := s.AddRecommendation(ctx, "ben", saved.ID, plan.Recommendation{Text: "Tenth."}); err != nil || r.Number != 10 {
			t.Errorf("after 1 and 9: number %d, %v", r.Number, err)
		}

		// Errors change nothing.
		before = stateOf(t, s, saved.ID)
		if _, err := s.AddRecommendation(ctx, "ben", 99999, plan.Recommendation{Text: "x"}); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("missing plan: %v", err)
		}
		if _, err := s.AddRecommendation(ctx, "ben", saved.ID, plan.Recommendation{Text: " "}); err == nil ||
			!strings.Contains(err.Error(), "recommendation 11: text is missing") {
			t.Errorf("no text: %v", err)
		}
		bad := rec
		bad.Actions = []plan.Action{{Description: "No owner", Due: calendar.Of(2026, 12, 31), Status: plan.OnTrack}}
		bad.Measures = []plan.Measure{{Indicator: "cpp-second-plan"}, {Indicator: "cpp-second-plan"}}
		if _, err := s.AddRecommendation(ctx, "ben", saved.ID, bad); err == nil || !strings.Contains(err.Error(), "owner is missing") ||
			!strings.Contains(err.Error(), "measured more than once") {
			t.Errorf("invalid action and measures: %v", err)
		}
		unchanged(t, s, before)
	})
}

func TestPlanAddAction(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		read, mid, before := readThenEdited(t, s)

		// An action for recommendation 3, whose first action's status was just changed.
		a := plan.Action{ID: 12, Description: "Recruit two specialist foster carers for teenagers.", Owner: "Fostering Service Manager",
			Start: calendar.Of(2026, 10, 1), Due: calendar.Of(2027, 3, 31), Status: plan.NotStarted,
			Evidence: []plan.Evidence{{Title: "Business case", URL: "https://intranet.example.org/fostering/case"}}}
		id, err := s.AddAction(ctx, "ben", read.Recommendations[2].ID, a)
		if err != nil {
			t.Fatal(err)
		}
		if id == 0 || id == 12 {
			t.Errorf("new action id %d", id)
		}
		want := mid
		want.Recommendations = slices.Clone(mid.Recommendations)
		added := a
		added.ID = id
		want.Recommendations[2].Actions = append(slices.Clone(mid.Recommendations[2].Actions), added)
		after := changedTo(t, s, before, "ben", want)
		if got := fields(after.history[len(before.history):]); !reflect.DeepEqual(got, []string{"action:  → " + a.Description}) {
			t.Errorf("history: %v", got)
		}
		if c := after.history[len(after.history)-1]; c.ActionID != id {
			t.Errorf("history names action %d, want %d", c.ActionID, id)
		}
		// A second action goes after it.
		id2, err := s.AddAction(ctx, "ben", read.Recommendations[2].ID, plan.Action{Description: "Second", Owner: "x",
			Due: calendar.Of(2027, 3, 31), Status: plan.OnTrack})
		if err != nil {
			t.Fatal(err)
		}
		if p, _ := s.Plan(ctx, read.ID); len(p.Recommendations[2].Actions) != 4 || p.Recommendations[2].Actions[2].ID != id ||
			p.Recommendations[2].Actions[3].ID != id2 {
			t.Errorf("actions of recommendation 3 out of order: %+v", p.Recommendations[2].Actions)
		}

		// Errors change nothing.
		before = stateOf(t, s, read.ID)
		if _, err := s.AddAction(ctx, "ben", 99999, a); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("missing recommendation: %v", err)
		}
		bad := a
		bad.Owner, bad.Due = "", calendar.Of(2026, 1, 1)
		if _, err := s.AddAction(ctx, "ben", read.Recommendations[2].ID, bad); err == nil ||
			!strings.Contains(err.Error(), "owner is missing") || !strings.Contains(err.Error(), "before the start date") {
			t.Errorf("invalid action: %v", err)
		}
		unchanged(t, s, before)
	})
}

func TestPlanSetAndRemoveMeasure(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		read, mid, before := readThenEdited(t, s)
		rec1 := read.Recommendations[0].ID

		// Replace the targets of recommendation 1's second measure (given out of date order): it
		// keeps its place.
		m1, m2, st := 20.0, 15.0, 12.0
		m := plan.Measure{Indicator: "cpp-second-plan", Points: []plan.TargetPoint{
			{At: calendar.Of(2027, 3, 31), Milestone: &m2, Stretch: &st}, {At: calendar.Of(2026, 9, 30), Milestone: &m1}}}
		if err := s.SetMeasure(ctx, "ben", rec1, m); err != nil {
			t.Fatal(err)
		}
		want := mid
		want.Recommendations = slices.Clone(mid.Recommendations)
		want.Recommendations[0].Measures = slices.Clone(mid.Recommendations[0].Measures)
		want.Recommendations[0].Measures[1] = plan.Measure{Indicator: "cpp-second-plan", Points: []plan.TargetPoint{
			{At: calendar.Of(2026, 9, 30), Milestone: &m1}, {At: calendar.Of(2027, 3, 31), Milestone: &m2, Stretch: &st}}}
		after := changedTo(t, s, before, "ben", want)
		if got := fields(after.history[len(before.history):]); !reflect.DeepEqual(got, []string{
			"recommendation 1 measure cpp-second-plan: milestone 22 by 30/09/2026; milestone 19, stretch 16 by 31/03/2027" +
				" → milestone 20 by 30/09/2026; milestone 15, stretch 12 by 31/03/2027"}) {
			t.Errorf("history of a replaced measure: %v", got)
		}
		if m.Points[0].At != calendar.Of(2027, 3, 31) {
			t.Error("SetMeasure changed its argument")
		}

		// The same targets again: nothing to record.
		if err := s.SetMeasure(ctx, "ben", rec1, m); err != nil {
			t.Fatal(err)
		}
		if h, _ := s.PlanHistory(ctx, read.ID); len(h) != len(after.history) {
			t.Errorf("setting the same targets recorded %d changes", len(h)-len(after.history))
		}

		// A measure recommendation 1 does not have yet goes last.
		before = stateOf(t, s, read.ID)
		m3 := 90.0
		added := plan.Measure{Indicator: "health-assessment", Points: []plan.TargetPoint{{At: calendar.Of(2027, 3, 31), Milestone: &m3}}}
		if err := s.SetMeasure(ctx, "ben", rec1, added); err != nil {
			t.Fatal(err)
		}
		want = before.plan
		want.Recommendations = slices.Clone(before.plan.Recommendations)
		want.Recommendations[0].Measures = append(slices.Clone(before.plan.Recommendations[0].Measures), added)
		after = changedTo(t, s, before, "ben", want)
		if got := fields(after.history[len(before.history):]); !reflect.DeepEqual(got, []string{
			"recommendation 1 measure health-assessment:  → milestone 90 by 31/03/2027"}) {
			t.Errorf("history of an added measure: %v", got)
		}

		// Remove the first.
		before = after
		if err := s.RemoveMeasure(ctx, "ben", rec1, "cpp-reviewed-on-time"); err != nil {
			t.Fatal(err)
		}
		want = before.plan
		want.Recommendations = slices.Clone(before.plan.Recommendations)
		want.Recommendations[0].Measures = slices.Clone(before.plan.Recommendations[0].Measures[1:])
		after = changedTo(t, s, before, "ben", want)
		if got := fields(after.history[len(before.history):]); len(got) != 1 ||
			!strings.HasPrefix(got[0], "recommendation 1 measure cpp-reviewed-on-time: milestone 92 by 30/09/2026") ||
			!strings.HasSuffix(got[0], " → ") {
			t.Errorf("history of a removed measure: %v", got)
		}
		for _, n := range mid.Recommendations[0].Actions[1].Notes {
			if !slices.Contains(after.plan.Recommendations[0].Actions[1].Notes, n) {
				t.Errorf("note %q lost", n.Text)
			}
		}

		// Errors change nothing.
		before = after
		if err := s.RemoveMeasure(ctx, "ben", rec1, "cpp-reviewed-on-time"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("remove a measure twice: %v", err)
		}
		if err := s.RemoveMeasure(ctx, "ben", 99999, "cpp-second-plan"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("remove from a missing recommendation: %v", err)
		}
		if err := s.SetMeasure(ctx, "ben", 99999, m); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("set on a missing recommendation: %v", err)
		}
		if err := s.SetMeasure(ctx, "ben", rec1, plan.Measure{Indicator: "cla-happiness"}); err == nil ||
			!strings.Contains(err.Error(), `indicator "cla-happiness" is not in the catalogue`) {
			t.Errorf("unknown indicator: %v", err)
		}
		backwards := plan.Measure{Indicator: "health-assessment", Points: []plan.TargetPoint{
			{At: calendar.Of(2027, 3, 31), Milestone: &m3, Stretch: &m1}}}
		if err := s.SetMeasure(ctx, "ben", rec1, backwards); err == nil || !strings.Contains(err.Error(), "less ambitious") {
			t.Errorf("stretch below milestone: %v", err)
		}
		unchanged(t, s, before)
	})
}

func TestPlanConcurrentEdits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		saved, err := s.SavePlan(ctx, "ana", plan.Example(857, calendar.Of(2026, 3, 13)))
		if err != nil {
			t.Fatal(err)
		}
		// Several people at once: each adds a recommendation, an action to recommendation 2 and a
		// note to its first action, and sets a target of recommendation 3.
		const n = 6
		var wg sync.WaitGroup
		errs := make(chan error, 4*n)
		numbers := make(chan int, n)
		for i := range n {
			wg.Go(func() {
				who := fmt.Sprintf("user %d", i)
				r, err := s.AddRecommendation(ctx, who, saved.ID, plan.Recommendation{Text: "Recommendation by " + who})
				errs <- err
				numbers <- r.Number
				_, err = s.AddAction(ctx, who, saved.Recommendations[1].ID, plan.Action{Description: "Action by " + who,
					Owner: who, Due: calendar.Of(2027, 1, 31), Status: plan.NotStarted})
				errs <- err
				errs <- s.AddNote(ctx, saved.Recommendations[1].Actions[0].ID, plan.Note{Author: who, Text: "Note by " + who})
				x := float64(50 + i)
				errs <- s.SetMeasure(ctx, who, saved.Recommendations[2].ID, plan.Measure{Indicator: "placement-long-term",
					Points: []plan.TargetPoint{{At: calendar.Of(2027, 3, 31), Milestone: &x}}})
			})
		}
		wg.Wait()
		close(errs)
		close(numbers)
		for err := range errs {
			if err != nil {
				t.Error(err)
			}
		}
		var got []int
		for k := range numbers {
			got = append(got, k)
		}
		slices.Sort(got)
		if !reflect.DeepEqual(got, []int{6, 7, 8, 9, 10, 11}) {
			t.Errorf("numbers of the added recommendations: %v", got)
		}
		p, err := s.Plan(ctx, saved.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Recommendations) != 5+n || len(p.Recommendations[1].Actions) != 3+n ||
			len(p.Recommendations[1].Actions[0].Notes) != len(saved.Recommendations[1].Actions[0].Notes)+n || len(p.Recommendations[2].Measures) != 3 {
			t.Errorf("after concurrent edits: %d recommendations, %d actions, %d notes, %d measures", len(p.Recommendations),
				len(p.Recommendations[1].Actions), len(p.Recommendations[1].Actions[0].Notes), len(p.Recommendations[2].Measures))
		}
	})
}
