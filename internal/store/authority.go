package store

import (
	"context"
	"fmt"
	"slices"

	"csperf/internal/authority"
)

// UpsertAuthorities adds authorities or updates their codes, names and regions, in one transaction.
// Each authority's populations are added or replaced year by year (years not given are kept), and
// its neighbours, when given, replace its neighbours under the statistical-neighbour model (e.g.
// "2025").
func (s *Store) UpsertAuthorities(ctx context.Context, as []authority.Authority, model string) error {
	err := s.inChangeTx(ctx, func(tx *txn) error {
		for _, a := range as {
			if _, err := tx.ExecContext(ctx, `INSERT INTO authorities (number, ons_code, name, region)
				VALUES ($1, $2, $3, $4)
				ON CONFLICT (number) DO UPDATE SET ons_code = excluded.ons_code, name = excluded.name,
				region = excluded.region`, a.Number, a.ONSCode, a.Name, a.Region); err != nil {
				return fmt.Errorf("authority %d: %w", a.Number, err)
			}
			for _, year := range sortedIntKeys(a.Population) {
				if _, err := tx.ExecContext(ctx, `INSERT INTO authority_population (authority, year, population_0_17)
					VALUES ($1, $2, $3)
					ON CONFLICT (authority, year) DO UPDATE SET population_0_17 = excluded.population_0_17`,
					a.Number, year, a.Population[year]); err != nil {
					return fmt.Errorf("authority %d population %d: %w", a.Number, year, err)
				}
			}
			if len(a.Neighbours) == 0 {
				continue
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM statistical_neighbours WHERE authority = $1 AND model = $2`,
				a.Number, model); err != nil {
				return fmt.Errorf("authority %d neighbours: %w", a.Number, err)
			}
			for i, n := range a.Neighbours {
				if _, err := tx.ExecContext(ctx, `INSERT INTO statistical_neighbours (authority, model, position, neighbour)
					VALUES ($1, $2, $3, $4)`, a.Number, model, i+1, n); err != nil {
					return fmt.Errorf("authority %d neighbour %d: %w", a.Number, i+1, err)
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save authorities: %w", err)
	}
	return nil
}

func sortedIntKeys(m map[int]int) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Authorities returns every authority by number, with its populations and its statistical
// neighbours under model, or under the latest model held for it when model is "". Population is nil
// when none is held.
func (s *Store) Authorities(ctx context.Context, model string) ([]authority.Authority, error) {
	var as []authority.Authority
	index := map[int]int{}
	err := eachRow(ctx, s.db, `SELECT number, ons_code, name, region FROM authorities ORDER BY number`, nil,
		func(scan func(...any) error) error {
			var a authority.Authority
			if err := scan(&a.Number, &a.ONSCode, &a.Name, &a.Region); err != nil {
				return err
			}
			index[a.Number] = len(as)
			as = append(as, a)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read authorities: %w", err)
	}
	err = eachRow(ctx, s.db, `SELECT authority, year, population_0_17 FROM authority_population`, nil,
		func(scan func(...any) error) error {
			var la, year, pop int
			if err := scan(&la, &year, &pop); err != nil {
				return err
			}
			a := &as[index[la]]
			if a.Population == nil {
				a.Population = map[int]int{}
			}
			a.Population[year] = pop
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read authority populations: %w", err)
	}
	q := `SELECT authority, neighbour FROM statistical_neighbours n
		WHERE model = (SELECT MAX(model) FROM statistical_neighbours m WHERE m.authority = n.authority)
		ORDER BY authority, position`
	var args []any
	if model != "" {
		q = `SELECT authority, neighbour FROM statistical_neighbours WHERE model = $1 ORDER BY authority, position`
		args = append(args, model)
	}
	err = eachRow(ctx, s.db, q, args, func(scan func(...any) error) error {
		var la, n int
		if err := scan(&la, &n); err != nil {
			return err
		}
		a := &as[index[la]]
		a.Neighbours = append(a.Neighbours, n)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read statistical neighbours: %w", err)
	}
	return as, nil
}
