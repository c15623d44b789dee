package store

import (
	"context"
	"fmt"
	"time"

	"csperf/internal/calendar"
)

// Narrative is the sentence an analyst wrote for an indicator at a period end, replacing the
// generated one in the scorecard and the committee report.
type Narrative struct {
	Indicator string
	Authority int
	PeriodEnd calendar.Date
	Text      string
	Author    string
	Updated   time.Time
}

// SaveNarrative adds or replaces a narrative; an empty text removes it, so the generated sentence
// is used again.
func (s *Store) SaveNarrative(ctx context.Context, n Narrative) error {
	err := s.inChangeTx(ctx, func(tx *txn) error {
		var err error
		if n.Text == "" {
			_, err = tx.ExecContext(ctx, `DELETE FROM narratives WHERE authority = $1 AND indicator = $2 AND period_end = $3`,
				n.Authority, n.Indicator, n.PeriodEnd.String())
		} else {
			_, err = tx.ExecContext(ctx, `INSERT INTO narratives (authority, indicator, period_end, text, author, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (authority, indicator, period_end) DO UPDATE SET text = excluded.text, author = excluded.author,
			updated_at = excluded.updated_at`, n.Authority, n.Indicator, n.PeriodEnd.String(), n.Text, n.Author, timestampVal(time.Now()))
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("save narrative %s LA %d %s: %w", n.Indicator, n.Authority, n.PeriodEnd, err)
	}
	return nil
}

// Narratives returns the edited narratives of an authority at a period end, by indicator.
func (s *Store) Narratives(ctx context.Context, authority int, at calendar.Date) (map[string]Narrative, error) {
	out := map[string]Narrative{}
	err := eachRow(ctx, s.db, `SELECT indicator, text, author, updated_at FROM narratives WHERE authority = $1 AND period_end = $2`,
		[]any{authority, at.String()}, func(scan func(...any) error) error {
			n := Narrative{Authority: authority, PeriodEnd: at}
			var updated string
			if err := scan(&n.Indicator, &n.Text, &n.Author, &updated); err != nil {
				return err
			}
			t, err := parseTimestamp(updated)
			if err != nil {
				return fmt.Errorf("narrative %s updated_at %q: %w", n.Indicator, updated, err)
			}
			n.Updated = t
			out[n.Indicator] = n
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read narratives of LA %d at %s: %w", authority, at, err)
	}
	return out, nil
}

// touch bumps the data generation inside a write transaction.
func touch(ctx context.Context, tx *txn) error {
	if _, err := tx.ExecContext(ctx, `UPDATE data_generation SET n = n + 1 WHERE id = 1`); err != nil {
		return fmt.Errorf("bump data generation: %w", err)
	}
	return nil
}

// Generation returns a token that changes whenever data shown on pages change: caches keyed by it
// are never stale, whichever process wrote.
func (s *Store) Generation(ctx context.Context) (string, error) {
	var n int64
	if err := s.db.QueryRowContext(ctx, `SELECT n FROM data_generation WHERE id = 1`).Scan(&n); err != nil {
		return "", fmt.Errorf("read data generation: %w", err)
	}
	return fmt.Sprint(n), nil
}
