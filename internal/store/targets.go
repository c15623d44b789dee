package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"csperf/internal/calendar"
)

// Target is a stored target (see package rating for what the levels mean).
type Target struct {
	Authority                  int
	Indicator                  string
	PeriodEnd                  calendar.Date
	Milestone, Target, Stretch *float64
	Tolerance                  float64
	ToleranceKind              string // "absolute" or "relative"
	Rationale                  string
	EnteredBy                  string
	EnteredAt                  time.Time
}

// SaveTargets adds or replaces targets (one per authority, indicator and period end) in one
// transaction.
func (s *Store) SaveTargets(ctx context.Context, ts []Target) error {
	now := timestampVal(time.Now())
	err := s.inChangeTx(ctx, func(tx *txn) error {
		for _, t := range ts {
			if _, err := tx.ExecContext(ctx, `INSERT INTO targets (authority, indicator, period_end, milestone, target,
				stretch, tolerance, tolerance_kind, rationale, entered_by, entered_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
				ON CONFLICT (authority, indicator, period_end) DO UPDATE SET milestone = excluded.milestone,
				target = excluded.target, stretch = excluded.stretch, tolerance = excluded.tolerance,
				tolerance_kind = excluded.tolerance_kind, rationale = excluded.rationale,
				entered_by = excluded.entered_by, entered_at = excluded.entered_at`,
				t.Authority, t.Indicator, t.PeriodEnd.String(), optionalFloat(t.Milestone), optionalFloat(t.Target),
				optionalFloat(t.Stretch), t.Tolerance, t.ToleranceKind, t.Rationale, t.EnteredBy, now); err != nil {
				return fmt.Errorf("LA %d %s %s: %w", t.Authority, t.Indicator, t.PeriodEnd, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save targets: %w", err)
	}
	return nil
}

// Targets returns the targets of authority (all when 0), by authority, indicator and period end.
func (s *Store) Targets(ctx context.Context, authority int) ([]Target, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT authority, indicator, period_end, milestone, target, stretch, tolerance,
		tolerance_kind, rationale, entered_by, entered_at
		FROM targets WHERE ($1 = 0 OR authority = $1) ORDER BY authority, indicator, period_end`, authority)
	if err != nil {
		return nil, fmt.Errorf("read targets: %w", err)
	}
	defer rows.Close()
	var out []Target
	for rows.Next() {
		var t Target
		var m, tg, st sql.NullFloat64
		var at string
		if err := rows.Scan(&t.Authority, &t.Indicator, dateDest{&t.PeriodEnd}, &m, &tg, &st, &t.Tolerance,
			&t.ToleranceKind, &t.Rationale, &t.EnteredBy, &at); err != nil {
			return nil, fmt.Errorf("read targets: %w", err)
		}
		t.Milestone, t.Target, t.Stretch = nullable(m), nullable(tg), nullable(st)
		if t.EnteredAt, err = parseTimestamp(at); err != nil {
			return nil, fmt.Errorf("read targets: %w", err)
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read targets: %w", err)
	}
	return out, nil
}

func nullable(x sql.NullFloat64) *float64 {
	if !x.Valid {
		return nil
	}
	v := x.Float64
	return &v
}
