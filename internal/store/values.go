package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"csperf/internal/calendar"
)

// Value is one stored indicator value (see package indicator for what the fields mean).
type Value struct {
	Authority   int
	Indicator   string
	PeriodEnd   calendar.Date
	Category    string
	Numerator   int64
	Denominator int64
	Value       float64
	Valid       bool   // false: nothing to divide by, stored as NULL
	Basis       string // the snapshots it was computed from
	ComputedAt  time.Time
}

// ReplaceValues replaces every stored value of authority with vals, in one transaction, so that
// readers see either the old set or the new one.
func (s *Store) ReplaceValues(ctx context.Context, authority int, vals []Value) error {
	now := timestampVal(time.Now())
	err := s.inChangeTx(ctx, func(tx *txn) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM indicator_values WHERE authority = $1`, authority); err != nil {
			return err
		}
		b := newBatch(tx, "indicator_values", "authority", "indicator", "period_end", "category", "numerator",
			"denominator", "value", "basis", "computed_at")
		for _, v := range vals {
			if v.Authority != authority {
				return fmt.Errorf("value of %s for LA %d given with those of LA %d", v.Indicator, v.Authority, authority)
			}
			var x any
			if v.Valid {
				x = v.Value
			}
			if err := b.add(ctx, v.Authority, v.Indicator, v.PeriodEnd.String(), v.Category, v.Numerator,
				v.Denominator, x, v.Basis, now); err != nil {
				return err
			}
		}
		return b.flush(ctx)
	})
	if err != nil {
		return fmt.Errorf("save indicator values of LA %d: %w", authority, err)
	}
	return nil
}

// Values returns the stored values of authority for indicator (all indicators when ""), with period
// ends from from to to inclusive (either may be zero for no bound), ordered by indicator, period end
// and category.
func (s *Store) Values(ctx context.Context, authority int, indicator string, from, to calendar.Date) ([]Value, error) {
	lo, hi := "0000-00-00", "9999-99-99"
	if !from.IsZero() {
		lo = from.String()
	}
	if !to.IsZero() {
		hi = to.String()
	}
	rows, err := s.db.QueryContext(ctx, `SELECT indicator, period_end, category, numerator, denominator, value, basis, computed_at
		FROM indicator_values
		WHERE authority = $1 AND ($2 = '' OR indicator = $2) AND period_end >= $3 AND period_end <= $4
		ORDER BY indicator, period_end, category`, authority, indicator, lo, hi)
	if err != nil {
		return nil, fmt.Errorf("read indicator values: %w", err)
	}
	defer rows.Close()
	var out []Value
	for rows.Next() {
		v := Value{Authority: authority}
		var x sql.NullFloat64
		var at string
		if err := rows.Scan(&v.Indicator, dateDest{&v.PeriodEnd}, &v.Category, &v.Numerator, &v.Denominator, &x, &v.Basis, &at); err != nil {
			return nil, fmt.Errorf("read indicator values: %w", err)
		}
		v.Value, v.Valid = x.Float64, x.Valid
		if v.ComputedAt, err = parseTimestamp(at); err != nil {
			return nil, fmt.Errorf("read indicator values: %w", err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read indicator values: %w", err)
	}
	return out, nil
}

// ValuesAt returns the stored values of indicator at period end at for every authority, by
// authority and category: one read for a comparison across a deployment.
func (s *Store) ValuesAt(ctx context.Context, indicator string, at calendar.Date) ([]Value, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT authority, category, numerator, denominator, value, basis, computed_at
		FROM indicator_values WHERE indicator = $1 AND period_end = $2 ORDER BY authority, category`, indicator, at.String())
	if err != nil {
		return nil, fmt.Errorf("read indicator values: %w", err)
	}
	defer rows.Close()
	var out []Value
	for rows.Next() {
		v := Value{Indicator: indicator, PeriodEnd: at}
		var x sql.NullFloat64
		var computed string
		if err := rows.Scan(&v.Authority, &v.Category, &v.Numerator, &v.Denominator, &x, &v.Basis, &computed); err != nil {
			return nil, fmt.Errorf("read indicator values: %w", err)
		}
		v.Value, v.Valid = x.Float64, x.Valid
		if v.ComputedAt, err = parseTimestamp(computed); err != nil {
			return nil, fmt.Errorf("read indicator values: %w", err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read indicator values: %w", err)
	}
	return out, nil
}

// LocalFigure is a figure the council enters itself for an indicator the returns do not hold.
type LocalFigure struct {
	Authority   int
	Indicator   string
	PeriodEnd   calendar.Date
	Numerator   int64
	Denominator int64
	Note        string
	EnteredBy   string
	EnteredAt   time.Time
}

// SaveLocalFigures adds or replaces local figures (one per authority, indicator and period end) in
// one transaction.
func (s *Store) SaveLocalFigures(ctx context.Context, figs []LocalFigure) error {
	err := s.inChangeTx(ctx, func(tx *txn) error {
		for _, f := range figs {
			at := f.EnteredAt
			if at.IsZero() {
				at = time.Now()
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO local_figures
				(authority, indicator, period_end, numerator, denominator, note, entered_by, entered_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
				ON CONFLICT (authority, indicator, period_end) DO UPDATE SET numerator = excluded.numerator,
				denominator = excluded.denominator, note = excluded.note, entered_by = excluded.entered_by,
				entered_at = excluded.entered_at`,
				f.Authority, f.Indicator, f.PeriodEnd.String(), f.Numerator, f.Denominator, f.Note, f.EnteredBy,
				timestampVal(at)); err != nil {
				return fmt.Errorf("LA %d %s %s: %w", f.Authority, f.Indicator, f.PeriodEnd, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save local figures: %w", err)
	}
	return nil
}

// LocalFigures returns the local figures of authority (all when 0), by indicator and period end.
func (s *Store) LocalFigures(ctx context.Context, authority int) ([]LocalFigure, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT authority, indicator, period_end, numerator, denominator, note, entered_by, entered_at
		FROM local_figures WHERE ($1 = 0 OR authority = $1) ORDER BY authority, indicator, period_end`, authority)
	if err != nil {
		return nil, fmt.Errorf("read local figures: %w", err)
	}
	defer rows.Close()
	var out []LocalFigure
	for rows.Next() {
		var f LocalFigure
		var at string
		if err := rows.Scan(&f.Authority, &f.Indicator, dateDest{&f.PeriodEnd}, &f.Numerator, &f.Denominator, &f.Note, &f.EnteredBy, &at); err != nil {
			return nil, fmt.Errorf("read local figures: %w", err)
		}
		if f.EnteredAt, err = parseTimestamp(at); err != nil {
			return nil, fmt.Errorf("read local figures: %w", err)
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read local figures: %w", err)
	}
	return out, nil
}

// ValueDates returns the period ends that authority has stored values for, in order.
func (s *Store) ValueDates(ctx context.Context, authority int) ([]calendar.Date, error) {
	var out []calendar.Date
	err := eachRow(ctx, s.db, `SELECT DISTINCT period_end FROM indicator_values WHERE authority = $1 ORDER BY period_end`,
		[]any{authority}, func(scan func(...any) error) error {
			var d calendar.Date
			if err := scan(dateDest{&d}); err != nil {
				return err
			}
			out = append(out, d)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read value dates of LA %d: %w", authority, err)
	}
	return out, nil
}
