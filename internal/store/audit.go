package store

import (
	"context"
	"fmt"
	"time"
)

// AuditEntry is one line of the append-only audit log.
type AuditEntry struct {
	ID        int64
	At        time.Time
	UserID    int64 // 0 when no account is known (a failed sign-in with an unknown email)
	Email     string
	Action    string
	Authority int
	Detail    string
	Address   string
}

// Audit appends an entry; At is set to now when zero. The store has no way to change or delete one.
func (s *Store) Audit(ctx context.Context, e AuditEntry) error {
	if e.At.IsZero() {
		e.At = time.Now()
	}
	var user any
	if e.UserID != 0 {
		user = e.UserID
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO audit_log (at, user_id, email, action, authority, detail, address)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, timestampVal(e.At), user, e.Email, e.Action, e.Authority, e.Detail, e.Address); err != nil {
		return fmt.Errorf("audit %s: %w", e.Action, err)
	}
	return nil
}

// AuditFilter selects audit entries; zero fields select everything.
type AuditFilter struct {
	Action    string
	Email     string
	Authority int
	Limit     int // default 500
}

// AuditLog returns the entries that match f, newest first.
func (s *Store) AuditLog(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	if f.Limit <= 0 {
		f.Limit = 500
	}
	var out []AuditEntry
	err := eachRow(ctx, s.db, `SELECT id, at, COALESCE(user_id, 0), email, action, authority, detail, address FROM audit_log
		WHERE ($1 = '' OR action = $1) AND ($2 = '' OR email = $2) AND ($3 = 0 OR authority = $3)
		ORDER BY id DESC LIMIT $4`, []any{f.Action, f.Email, f.Authority, f.Limit}, func(scan func(...any) error) error {
		var e AuditEntry
		var at string
		if err := scan(&e.ID, &at, &e.UserID, &e.Email, &e.Action, &e.Authority, &e.Detail, &e.Address); err != nil {
			return err
		}
		t, err := parseTimestamp(at)
		if err != nil {
			return fmt.Errorf("audit %d at %q: %w", e.ID, at, err)
		}
		e.At = t
		out = append(out, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	return out, nil
}
