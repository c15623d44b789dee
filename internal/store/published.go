package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// PublishedSource is one published statistics file.
type PublishedSource struct {
	Name     string // file name
	SHA256   string // hex checksum of the file's bytes
	LoadedAt time.Time
}

// PublishedValue is one published figure (see package compare, type Published).
type PublishedValue struct {
	Source      string
	Indicator   string
	Year        int
	Level       string // National, Regional or Local authority
	Region      string // "" for England
	Authority   int    // 0 for England and regions
	Value       float64
	Symbol      string   // suppression symbol; "" when Value holds the figure
	Numerator   *float64 // nil when not published or suppressed
	Denominator *float64
}

// SavePublished records source and replaces all its figures with rows, in one transaction, so that
// readers see the old figures or the new ones, never a mixture. Every row must name the source.
func (s *Store) SavePublished(ctx context.Context, source PublishedSource, rows []PublishedValue) error {
	at := source.LoadedAt
	if at.IsZero() {
		at = time.Now()
	}
	err := s.inChangeTx(ctx, func(tx *txn) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM published_values WHERE source = $1`, source.Name); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO published_sources (name, sha256, loaded_at) VALUES ($1, $2, $3)
			ON CONFLICT (name) DO UPDATE SET sha256 = excluded.sha256, loaded_at = excluded.loaded_at`,
			source.Name, source.SHA256, timestampVal(at)); err != nil {
			return err
		}
		b := newBatch(tx, "published_values", "source", "indicator", "year", "level", "region", "authority",
			"value", "symbol", "numerator", "denominator")
		for _, r := range rows {
			if r.Source != source.Name {
				return fmt.Errorf("figure of %s from %q given with the figures of %q", r.Indicator, r.Source, source.Name)
			}
			var v any
			if r.Symbol == "" {
				v = r.Value
			}
			if err := b.add(ctx, r.Source, r.Indicator, r.Year, r.Level, r.Region, r.Authority, v, r.Symbol,
				optionalFloat(r.Numerator), optionalFloat(r.Denominator)); err != nil {
				return err
			}
		}
		return b.flush(ctx)
	})
	if err != nil {
		return fmt.Errorf("save published figures of %s: %w", source.Name, err)
	}
	return nil
}

func optionalFloat(x *float64) any {
	if x == nil {
		return nil
	}
	return *x
}

// Published returns the published figures for indicator and year from every source, England first,
// then regions by name, then authorities by number.
func (s *Store) Published(ctx context.Context, indicator string, year int) ([]PublishedValue, error) {
	var out []PublishedValue
	err := eachRow(ctx, s.db, `SELECT source, level, region, authority, value, symbol, numerator, denominator
		FROM published_values WHERE indicator = $1 AND year = $2
		ORDER BY CASE level WHEN 'National' THEN 0 WHEN 'Regional' THEN 1 ELSE 2 END, region, authority, source`,
		[]any{indicator, year}, func(scan func(...any) error) error {
			p := PublishedValue{Indicator: indicator, Year: year}
			var v, n, d sql.NullFloat64
			if err := scan(&p.Source, &p.Level, &p.Region, &p.Authority, &v, &p.Symbol, &n, &d); err != nil {
				return err
			}
			p.Value = v.Float64
			if n.Valid {
				p.Numerator = &n.Float64
			}
			if d.Valid {
				p.Denominator = &d.Float64
			}
			out = append(out, p)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read published figures of %s for %d: %w", indicator, year, err)
	}
	return out, nil
}

// PublishedSources returns the published files held, by name.
func (s *Store) PublishedSources(ctx context.Context) ([]PublishedSource, error) {
	var out []PublishedSource
	err := eachRow(ctx, s.db, `SELECT name, sha256, loaded_at FROM published_sources ORDER BY name`, nil,
		func(scan func(...any) error) error {
			var p PublishedSource
			var at string
			if err := scan(&p.Name, &p.SHA256, &at); err != nil {
				return err
			}
			var err error
			p.LoadedAt, err = parseTimestamp(at)
			out = append(out, p)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("read published sources: %w", err)
	}
	return out, nil
}
