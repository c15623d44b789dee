package store

import (
	"context"
	"fmt"

	"csperf/internal/workforce"
)

// SaveWorkforce saves workforce figures as a new snapshot in one transaction and returns its id. The
// snapshot's authority and year default to those of the figures when they all share one.
func (s *Store) SaveWorkforce(ctx context.Context, snap Snapshot, figs []workforce.Figures) (int64, error) {
	for _, f := range figs {
		if err := reconcile("authority", &snap.Authority, f.Authority); err != nil {
			return 0, fmt.Errorf("save workforce figures: %w", err)
		}
		if err := reconcile("year", &snap.Year, f.Year); err != nil {
			return 0, fmt.Errorf("save workforce figures: %w", err)
		}
	}
	var id int64
	err := s.inChangeTx(ctx, func(tx *txn) error {
		var err error
		if id, err = createSnapshot(ctx, tx, &snap, ReturnWorkforce, map[string]int{"workforce": len(figs)}); err != nil {
			return err
		}
		b := newBatch(tx, "workforce", "snapshot_id", "seq", "authority", "collection_year", "fte", "headcount",
			"agency_fte", "vacancy_fte", "leavers_fte", "starters_fte", "cases", "case_holder_fte", "absence_days")
		for i, f := range figs {
			if err := b.add(ctx, id, i, f.Authority, f.Year, f.FTE, f.Headcount, f.AgencyFTE, f.VacancyFTE,
				f.LeaversFTE, f.StartersFTE, f.Cases, f.CaseHolderFTE, f.AbsenceDays); err != nil {
				return err
			}
		}
		return b.flush(ctx)
	})
	if err != nil {
		return 0, fmt.Errorf("save workforce figures for authority %d, year %d: %w", snap.Authority, snap.Year, err)
	}
	return id, nil
}

// Workforce reads back the figures saved as snapshot id.
func (s *Store) Workforce(ctx context.Context, id int64) ([]workforce.Figures, error) {
	if _, err := s.snapshotKind(ctx, id, ReturnWorkforce); err != nil {
		return nil, err
	}
	var out []workforce.Figures
	err := readRows(ctx, s.db, `SELECT authority, collection_year, fte, headcount, agency_fte, vacancy_fte,
		leavers_fte, starters_fte, cases, case_holder_fte, absence_days
		FROM workforce WHERE snapshot_id = $1 ORDER BY seq`, id,
		func(scan func(...any) error) error {
			var f workforce.Figures
			err := scan(&f.Authority, &f.Year, &f.FTE, &f.Headcount, &f.AgencyFTE, &f.VacancyFTE, &f.LeaversFTE,
				&f.StartersFTE, &f.Cases, &f.CaseHolderFTE, &f.AbsenceDays)
			out = append(out, f)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("read workforce snapshot %d: %w", id, err)
	}
	return out, nil
}
