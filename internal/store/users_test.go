package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"csperf/internal/calendar"
	"csperf/internal/store"
	"csperf/internal/store/storetest"
)

func TestUsersSessionsAudit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		id, err := s.CreateUser(ctx, store.User{Email: "Ana@Example.org", Name: "Ana", PasswordHash: "h1",
			Roles: []store.Role{{Authority: 800, Role: "analyst"}, {Authority: 801, Role: "member"}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateUser(ctx, store.User{Email: "ana@example.org", Name: "Again", PasswordHash: "h"}); !errors.Is(err, store.ErrDuplicate) {
			t.Fatalf("second account with the same email: err = %v, want ErrDuplicate", err)
		}
		u, err := s.UserByEmail(ctx, " ANA@example.org ")
		if err != nil {
			t.Fatal(err)
		}
		if u.ID != id || u.Email != "ana@example.org" || len(u.Roles) != 2 || u.Roles[0] != (store.Role{Authority: 800, Role: "analyst"}) {
			t.Fatalf("user = %+v", u)
		}
		now := time.Now()
		if err := s.CreateSession(ctx, store.Session{TokenHash: "abc", UserID: id, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		if _, su, err := s.SessionUser(ctx, "abc", now); err != nil || su.ID != id || len(su.Roles) != 2 {
			t.Fatalf("session user = %+v, %v", su, err)
		}
		if _, _, err := s.SessionUser(ctx, "abc", now.Add(2*time.Hour)); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("expired session: err = %v, want ErrNotFound", err)
		}
		if err := s.SetRoles(ctx, id, true, []store.Role{{Authority: 0, Role: "manager"}}); err != nil {
			t.Fatal(err)
		}
		if u, _ := s.UserByID(ctx, id); !u.Admin || len(u.Roles) != 1 || u.Roles[0].Role != "manager" {
			t.Fatalf("after SetRoles: %+v", u)
		}
		if err := s.SetDisabled(ctx, id, true); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.SessionUser(ctx, "abc", now); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("disabled account's session: err = %v, want ErrNotFound", err)
		}

		for i, a := range []string{"sign-in-failed", "sign-in", "view-child"} {
			if err := s.Audit(ctx, store.AuditEntry{UserID: int64(i) * id, Email: "ana@example.org", Action: a, Authority: 800, Detail: "d"}); err != nil {
				t.Fatal(err)
			}
		}
		log, err := s.AuditLog(ctx, store.AuditFilter{})
		if err != nil || len(log) != 3 || log[0].Action != "view-child" || log[2].UserID != 0 {
			t.Fatalf("audit log = %+v, %v", log, err)
		}
		if log, _ := s.AuditLog(ctx, store.AuditFilter{Action: "sign-in"}); len(log) != 1 {
			t.Fatalf("filtered audit log has %d entries, want 1", len(log))
		}

		at := calendar.Of(2025, time.March, 31)
		if err := s.SaveNarrative(ctx, store.Narrative{Indicator: "cla-rate", Authority: 800, PeriodEnd: at, Text: "Up.", Author: "ana"}); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveNarrative(ctx, store.Narrative{Indicator: "cla-rate", Authority: 800, PeriodEnd: at, Text: "Rising.", Author: "ana"}); err != nil {
			t.Fatal(err)
		}
		ns, err := s.Narratives(ctx, 800, at)
		if err != nil || len(ns) != 1 || ns["cla-rate"].Text != "Rising." {
			t.Fatalf("narratives = %+v, %v", ns, err)
		}
		if err := s.SaveNarrative(ctx, store.Narrative{Indicator: "cla-rate", Authority: 800, PeriodEnd: at}); err != nil {
			t.Fatal(err)
		}
		if ns, _ := s.Narratives(ctx, 800, at); len(ns) != 0 {
			t.Fatalf("an empty narrative should remove it: %+v", ns)
		}
	})
}
