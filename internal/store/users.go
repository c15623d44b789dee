package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// User is a local account of the web application.
type User struct {
	ID           int64
	Email        string // lower case; the sign-in name
	Name         string
	PasswordHash string // argon2id in PHC string form
	Admin        bool
	Disabled     bool
	CreatedAt    time.Time
	Roles        []Role
}

// Role is what a user may do for one authority; Authority 0 means every authority.
type Role struct {
	Authority int
	Role      string // analyst, manager or member
}

// ErrDuplicate reports an account whose email is already taken.
var ErrDuplicate = errors.New("already exists")

// CreateUser adds an account with its roles and returns its id.
func (s *Store) CreateUser(ctx context.Context, u User) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *txn) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE email = $1`, strings.ToLower(u.Email)).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("%s: %w", u.Email, ErrDuplicate)
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO users (email, name, password_hash, admin, disabled, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, strings.ToLower(u.Email), u.Name, u.PasswordHash,
			boolVal(u.Admin), boolVal(u.Disabled), timestampVal(time.Now())).Scan(&id); err != nil {
			return err
		}
		return insertRoles(ctx, tx, id, u.Roles)
	})
	if err != nil {
		return 0, fmt.Errorf("create user %s: %w", u.Email, err)
	}
	return id, nil
}

func insertRoles(ctx context.Context, tx *txn, id int64, roles []Role) error {
	for _, r := range roles {
		if _, err := tx.ExecContext(ctx, `INSERT INTO user_roles (user_id, authority, role) VALUES ($1, $2, $3)`,
			id, r.Authority, r.Role); err != nil {
			return fmt.Errorf("role %s for LA %d: %w", r.Role, r.Authority, err)
		}
	}
	return nil
}

// SetRoles replaces a user's roles and admin flag in one transaction.
func (s *Store) SetRoles(ctx context.Context, id int64, admin bool, roles []Role) error {
	err := s.inTx(ctx, func(tx *txn) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET admin = $1 WHERE id = $2`, boolVal(admin), id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return ErrNotFound
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM user_roles WHERE user_id = $1`, id); err != nil {
			return err
		}
		return insertRoles(ctx, tx, id, roles)
	})
	if err != nil {
		return fmt.Errorf("set roles of user %d: %w", id, err)
	}
	return nil
}

// SetPassword replaces a user's password hash and ends the user's sessions.
func (s *Store) SetPassword(ctx context.Context, id int64, hash string) error {
	err := s.inTx(ctx, func(tx *txn) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1 WHERE id = $2`, hash, id); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, id)
		return err
	})
	if err != nil {
		return fmt.Errorf("set password of user %d: %w", id, err)
	}
	return nil
}

// SetDisabled disables or re-enables an account; disabling ends its sessions.
func (s *Store) SetDisabled(ctx context.Context, id int64, disabled bool) error {
	err := s.inTx(ctx, func(tx *txn) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET disabled = $1 WHERE id = $2`, boolVal(disabled), id); err != nil {
			return err
		}
		if !disabled {
			return nil
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, id)
		return err
	})
	if err != nil {
		return fmt.Errorf("disable user %d: %w", id, err)
	}
	return nil
}

const userColumns = `id, email, name, password_hash, admin, disabled, created_at`

func scanUser(scan func(...any) error) (User, error) {
	var u User
	var admin, disabled int
	var created string
	if err := scan(&u.ID, &u.Email, &u.Name, &u.PasswordHash, &admin, &disabled, &created); err != nil {
		return u, err
	}
	u.Admin, u.Disabled = admin != 0, disabled != 0
	t, err := parseTimestamp(created)
	if err != nil {
		return u, fmt.Errorf("created_at %q: %w", created, err)
	}
	u.CreatedAt = t
	return u, nil
}

// UserByEmail returns the account with that email (any case), with its roles, or ErrNotFound.
func (s *Store) UserByEmail(ctx context.Context, email string) (User, error) {
	return s.user(ctx, `SELECT `+userColumns+` FROM users WHERE email = $1`, strings.ToLower(strings.TrimSpace(email)))
}

// UserByID returns the account with that id, with its roles, or ErrNotFound.
func (s *Store) UserByID(ctx context.Context, id int64) (User, error) {
	return s.user(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id)
}

func (s *Store) user(ctx context.Context, query string, arg any) (User, error) {
	u, err := scanUser(s.db.QueryRowContext(ctx, query, arg).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return u, ErrNotFound
	}
	if err != nil {
		return u, fmt.Errorf("read user: %w", err)
	}
	if u.Roles, err = s.roles(ctx, u.ID); err != nil {
		return u, err
	}
	return u, nil
}

func (s *Store) roles(ctx context.Context, id int64) ([]Role, error) {
	var out []Role
	err := eachRow(ctx, s.db, `SELECT authority, role FROM user_roles WHERE user_id = $1 ORDER BY authority`,
		[]any{id}, func(scan func(...any) error) error {
			var r Role
			if err := scan(&r.Authority, &r.Role); err != nil {
				return err
			}
			out = append(out, r)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read roles of user %d: %w", id, err)
	}
	return out, nil
}

// Users returns every account with its roles, by email.
func (s *Store) Users(ctx context.Context) ([]User, error) {
	var out []User
	err := eachRow(ctx, s.db, `SELECT `+userColumns+` FROM users ORDER BY email`, nil, func(scan func(...any) error) error {
		u, err := scanUser(scan)
		if err != nil {
			return err
		}
		out = append(out, u)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read users: %w", err)
	}
	for i := range out {
		if out[i].Roles, err = s.roles(ctx, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Session is a signed-in browser.
type Session struct {
	TokenHash string
	UserID    int64
	CreatedAt time.Time
	ExpiresAt time.Time
}

// CreateSession stores a session, found later by the hash of its token.
func (s *Store) CreateSession(ctx context.Context, ss Session) error {
	if _, err := s.db.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`,
		ss.TokenHash, ss.UserID, timestampVal(ss.CreatedAt), timestampVal(ss.ExpiresAt)); err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	return nil
}

// SessionUser returns the live session with that token hash and its user (with roles), or
// ErrNotFound when there is none, it has expired or its account is disabled.
func (s *Store) SessionUser(ctx context.Context, tokenHash string, now time.Time) (Session, User, error) {
	ss := Session{TokenHash: tokenHash}
	var created, expires string
	row := s.db.QueryRowContext(ctx, `SELECT s.user_id, s.created_at, s.expires_at, `+prefixed("u.", userColumns)+`
		FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = 0`, tokenHash, timestampVal(now))
	u, err := scanUser(func(dest ...any) error {
		return row.Scan(append([]any{&ss.UserID, &created, &expires}, dest...)...)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return ss, u, ErrNotFound
	}
	if err != nil {
		return ss, u, fmt.Errorf("read session: %w", err)
	}
	if ss.CreatedAt, err = parseTimestamp(created); err != nil {
		return ss, u, fmt.Errorf("session created_at: %w", err)
	}
	if ss.ExpiresAt, err = parseTimestamp(expires); err != nil {
		return ss, u, fmt.Errorf("session expires_at: %w", err)
	}
	if u.Roles, err = s.roles(ctx, u.ID); err != nil {
		return ss, u, err
	}
	return ss, u, nil
}

func prefixed(p, cols string) string {
	parts := strings.Split(cols, ", ")
	for i := range parts {
		parts[i] = p + parts[i]
	}
	return strings.Join(parts, ", ")
}

// DeleteSession ends a session.
func (s *Store) DeleteSession(ctx context.Context, tokenHash string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, tokenHash); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// DeleteExpiredSessions removes sessions that ended before now.
func (s *Store) DeleteExpiredSessions(ctx context.Context, now time.Time) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= $1`, timestampVal(now)); err != nil {
		return fmt.Errorf("delete expired sessions: %w", err)
	}
	return nil
}
