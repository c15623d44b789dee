package store_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
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
