package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"csperf/internal/finding"
	"csperf/internal/pseudo"
	"csperf/internal/ssda903"
)

// SaveSSDA903 saves an SSDA903 return, last year's tables included when r.Previous is set, with its
// findings, as a new snapshot in one transaction, and returns the snapshot's id. Children are stored
// with their LA ID and its pseudonym under key. The snapshot's authority and year default to the
// return's. On any error nothing is saved.
func (s *Store) SaveSSDA903(ctx context.Context, snap Snapshot, r *ssda903.Return, fs []finding.Finding, key *pseudo.Key) (int64, error) {
	if r == nil {
		return 0, errors.New("save SSDA903 return: no return")
	}
	if key == nil {
		return 0, errors.New("save SSDA903 return: no pseudonymisation key")
	}
	if err := reconcile("authority", &snap.Authority, r.Authority); err != nil {
		return 0, fmt.Errorf("save SSDA903 return: %w", err)
	}
	if err := reconcile("year", &snap.Year, r.Year); err != nil {
		return 0, fmt.Errorf("save SSDA903 return: %w", err)
	}
	prev := r.Previous
	if prev == nil {
		prev = &ssda903.Return{}
	}
	tables := tables903(r, prev)
	counts := map[string]int{"findings": len(fs)}
	for _, t := range tables {
		cur, last := t.lens()
		counts[t.table()] = cur
		if r.Previous != nil {
			counts[t.table()+".previous"] = last
		}
	}
	var id int64
	err := s.inChangeTx(ctx, func(tx *txn) error {
		var err error
		if id, err = createSnapshot(ctx, tx, &snap, ReturnSSDA903, counts); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO ssda903_returns (snapshot_id, authority, collection_year,
			has_previous, previous_authority, previous_collection_year) VALUES ($1, $2, $3, $4, $5, $6)`,
			id, r.Authority, r.Year, boolVal(r.Previous != nil), prev.Authority, prev.Year); err != nil {
			return fmt.Errorf("save ssda903_returns: %w", err)
		}
		ck := childKeys(key, snap.Authority)
		for _, t := range tables {
			if err := t.save(ctx, tx, id, ck); err != nil {
				return err
			}
		}
		return saveFindings(ctx, tx, id, snap.Authority, key, fs)
	})
	if err != nil {
		return 0, fmt.Errorf("save SSDA903 return for authority %d, year %d: %w", snap.Authority, snap.Year, err)
	}
	return id, nil
}

// SSDA903 reads back the return saved as snapshot id, last year's tables included.
func (s *Store) SSDA903(ctx context.Context, id int64) (*ssda903.Return, error) {
	if _, err := s.snapshotKind(ctx, id, ReturnSSDA903); err != nil {
		return nil, err
	}
	r := &ssda903.Return{}
	prev := &ssda903.Return{}
	var hasPrev bool
	err := s.db.QueryRowContext(ctx, `SELECT authority, collection_year, has_previous, previous_authority,
		previous_collection_year FROM ssda903_returns WHERE snapshot_id = $1`, id).
		Scan(&r.Authority, &r.Year, &hasPrev, &prev.Authority, &prev.Year)
	if err != nil {
		return nil, fmt.Errorf("read SSDA903 snapshot %d: %w", id, err)
	}
	for _, t := range tables903(r, prev) {
		if err := t.read(ctx, s.db, id); err != nil {
			return nil, fmt.Errorf("read SSDA903 snapshot %d: %w", id, err)
		}
	}
	if hasPrev {
		r.Previous = prev
	}
	return r, nil
}

// childKeys returns a function giving the pseudonym of a child of authority la, computing each once;
// a blank ID has a blank pseudonym.
func childKeys(key *pseudo.Key, la int) func(string) string {
	cache := map[string]string{"": ""}
	return func(child string) string {
		k, ok := cache[child]
		if !ok {
			k = key.Child(la, child)
			cache[child] = k
		}
		return k
	}
}

// table903Job saves or reads one 903 table of a return and of last year's return.
type table903Job interface {
	table() string
	lens() (cur, prev int)
	save(ctx context.Context, tx *txn, id int64, childKey func(string) string) error
	read(ctx context.Context, db *sql.DB, id int64) error
}

// table903 stores records of type T in one SQL table. Every table has the columns snapshot_id,
// previous_year, seq, row_num, child and child_key, followed by cols.
type table903[T any] struct {
	name   string
	cols   []string
	ident  func(*T) (row int, child string) // Row and Child
	values func(*T) []any                   // values of cols
	dests  func(*T) []any                   // scan destinations of row_num, child and cols
	cur    *[]T
	prev   *[]T
}

func (t *table903[T]) table() string         { return t.name }
func (t *table903[T]) lens() (cur, prev int) { return len(*t.cur), len(*t.prev) }

func (t *table903[T]) save(ctx context.Context, tx *txn, id int64, childKey func(string) string) error {
	cols := append([]string{"snapshot_id", "previous_year", "seq", "row_num", "child", "child_key"}, t.cols...)
	b := newBatch(tx, t.name, cols...)
	vals := make([]any, 0, len(cols))
	for flag, recs := range [][]T{*t.cur, *t.prev} {
		for i := range recs {
			rec := &recs[i]
			row, child := t.ident(rec)
			vals = append(vals[:0], id, flag, i, row, child, childKey(child))
			if err := b.add(ctx, append(vals, t.values(rec)...)...); err != nil {
				return err
			}
		}
	}
	return b.flush(ctx)
}

func (t *table903[T]) read(ctx context.Context, db *sql.DB, id int64) error {
	q := "SELECT previous_year, row_num, child"
	for _, c := range t.cols {
		q += ", " + c
	}
	q += " FROM " + t.name + " WHERE snapshot_id = $1 ORDER BY previous_year, seq"
	rows, err := db.QueryContext(ctx, q, id)
	if err != nil {
		return fmt.Errorf("%s: %w", t.name, err)
	}
	for rows.Next() {
		var rec T
		var previous bool
		if err := rows.Scan(append([]any{&previous}, t.dests(&rec)...)...); err != nil {
			rows.Close()
			return fmt.Errorf("%s: %w", t.name, err)
		}
		if previous {
			*t.prev = append(*t.prev, rec)
		} else {
			*t.cur = append(*t.cur, rec)
		}
	}
	if err := closeRows(rows); err != nil {
		return fmt.Errorf("%s: %w", t.name, err)
	}
	return nil
}

// tables903 lists the 903 tables, bound to the slices of cur and prev that they save or fill.
func tables903(cur, prev *ssda903.Return) []table903Job {
	return []table903Job{
		&table903[ssda903.Header]{
			name:  "ssda903_header",
			cols:  []string{"sex", "dob", "ethnic", "upn", "mother", "mc_dob"},
			ident: func(r *ssda903.Header) (int, string) { return r.Row, r.Child },
			values: func(r *ssda903.Header) []any {
				return []any{r.Sex, dateVal(r.DOB), r.Ethnic, r.UPN, r.Mother, dateVal(r.MCDOB)}
			},
			dests: func(r *ssda903.Header) []any {
				return []any{&r.Row, &r.Child, &r.Sex, dateDest{&r.DOB}, &r.Ethnic, &r.UPN, &r.Mother, dateDest{&r.MCDOB}}
			},
			cur: &cur.Header, prev: &prev.Header,
		},
		&table903[ssda903.Episode]{
			name: "ssda903_episodes",
			cols: []string{"decom", "rne", "ls", "cin", "place", "place_provider", "dec", "rec",
				"reason_place_change", "home_post", "pl_post", "urn"},
			ident: func(r *ssda903.Episode) (int, string) { return r.Row, r.Child },
			values: func(r *ssda903.Episode) []any {
				return []any{dateVal(r.DECOM), r.RNE, r.LS, r.CIN, r.Place, r.PlaceProvider, dateVal(r.DEC), r.REC,
					r.ReasonPlaceChange, r.HomePost, r.PlPost, r.URN}
			},
			dests: func(r *ssda903.Episode) []any {
				return []any{&r.Row, &r.Child, dateDest{&r.DECOM}, &r.RNE, &r.LS, &r.CIN, &r.Place, &r.PlaceProvider,
					dateDest{&r.DEC}, &r.REC, &r.ReasonPlaceChange, &r.HomePost, &r.PlPost, &r.URN}
			},
			cur: &cur.Episodes, prev: &prev.Episodes,
		},
		&table903[ssda903.Review]{
			name:   "ssda903_reviews",
			cols:   []string{"dob", "review", "review_code"},
			ident:  func(r *ssda903.Review) (int, string) { return r.Row, r.Child },
			values: func(r *ssda903.Review) []any { return []any{dateVal(r.DOB), dateVal(r.Review), r.ReviewCode} },
			dests: func(r *ssda903.Review) []any {
				return []any{&r.Row, &r.Child, dateDest{&r.DOB}, dateDest{&r.Review}, &r.ReviewCode}
			},
			cur: &cur.Reviews, prev: &prev.Reviews,
		},
		&table903[ssda903.UASC]{
			name:   "ssda903_uasc",
			cols:   []string{"dob", "sex", "duc"},
			ident:  func(r *ssda903.UASC) (int, string) { return r.Row, r.Child },
			values: func(r *ssda903.UASC) []any { return []any{dateVal(r.DOB), r.Sex, dateVal(r.DUC)} },
			dests: func(r *ssda903.UASC) []any {
				return []any{&r.Row, &r.Child, dateDest{&r.DOB}, &r.Sex, dateDest{&r.DUC}}
			},
			cur: &cur.UASC, prev: &prev.UASC,
		},
		&table903[ssda903.OC2]{
			name: "ssda903_oc2",
			cols: []string{"dob", "sdq_score", "sdq_reason", "convicted", "health_check", "immunisations",
				"teeth_check", "health_assessment", "substance_misuse", "intervention_received",
				"intervention_offered"},
			ident: func(r *ssda903.OC2) (int, string) { return r.Row, r.Child },
			values: func(r *ssda903.OC2) []any {
				return []any{dateVal(r.DOB), intPtrVal(r.SDQScore), r.SDQReason, r.Convicted, r.HealthCheck,
					r.Immunisations, r.TeethCheck, r.HealthAssessment, r.SubstanceMisuse, r.InterventionReceived,
					r.InterventionOffered}
			},
			dests: func(r *ssda903.OC2) []any {
				return []any{&r.Row, &r.Child, dateDest{&r.DOB}, intPtrDest{&r.SDQScore}, &r.SDQReason, &r.Convicted,
					&r.HealthCheck, &r.Immunisations, &r.TeethCheck, &r.HealthAssessment, &r.SubstanceMisuse,
					&r.InterventionReceived, &r.InterventionOffered}
			},
			cur: &cur.OC2, prev: &prev.OC2,
		},
		&table903[ssda903.OC3]{
			name:   "ssda903_oc3",
			cols:   []string{"dob", "in_touch", "activ", "accom"},
			ident:  func(r *ssda903.OC3) (int, string) { return r.Row, r.Child },
			values: func(r *ssda903.OC3) []any { return []any{dateVal(r.DOB), r.InTouch, r.Activ, r.Accom} },
			dests: func(r *ssda903.OC3) []any {
				return []any{&r.Row, &r.Child, dateDest{&r.DOB}, &r.InTouch, &r.Activ, &r.Accom}
			},
			cur: &cur.OC3, prev: &prev.OC3,
		},
		&table903[ssda903.AD1]{
			name:  "ssda903_ad1",
			cols:  []string{"dob", "date_int", "date_match", "foster_care", "nb_adoptr", "sex_adoptr", "ls_adoptr"},
			ident: func(r *ssda903.AD1) (int, string) { return r.Row, r.Child },
			values: func(r *ssda903.AD1) []any {
				return []any{dateVal(r.DOB), dateVal(r.DateInt), dateVal(r.DateMatch), r.FosterCare, r.NbAdoptr,
					r.SexAdoptr, r.LSAdoptr}
			},
			dests: func(r *ssda903.AD1) []any {
				return []any{&r.Row, &r.Child, dateDest{&r.DOB}, dateDest{&r.DateInt}, dateDest{&r.DateMatch},
					&r.FosterCare, &r.NbAdoptr, &r.SexAdoptr, &r.LSAdoptr}
			},
			cur: &cur.AD1, prev: &prev.AD1,
		},
		&table903[ssda903.PlacedAdoption]{
			name:  "ssda903_placed_adoption",
			cols:  []string{"dob", "date_placed", "date_placed_ceased", "reason_placed_ceased"},
			ident: func(r *ssda903.PlacedAdoption) (int, string) { return r.Row, r.Child },
			values: func(r *ssda903.PlacedAdoption) []any {
				return []any{dateVal(r.DOB), dateVal(r.DatePlaced), dateVal(r.DatePlacedCeased), r.ReasonPlacedCeased}
			},
			dests: func(r *ssda903.PlacedAdoption) []any {
				return []any{&r.Row, &r.Child, dateDest{&r.DOB}, dateDest{&r.DatePlaced}, dateDest{&r.DatePlacedCeased},
					&r.ReasonPlacedCeased}
			},
			cur: &cur.PlacedAdoption, prev: &prev.PlacedAdoption,
		},
		&table903[ssda903.PrevPerm]{
			name:   "ssda903_prev_perm",
			cols:   []string{"dob", "prev_perm", "la_perm", "date_perm"},
			ident:  func(r *ssda903.PrevPerm) (int, string) { return r.Row, r.Child },
			values: func(r *ssda903.PrevPerm) []any { return []any{dateVal(r.DOB), r.PrevPerm, r.LAPerm, r.DatePerm} },
			dests: func(r *ssda903.PrevPerm) []any {
				return []any{&r.Row, &r.Child, dateDest{&r.DOB}, &r.PrevPerm, &r.LAPerm, &r.DatePerm}
			},
			cur: &cur.PrevPerm, prev: &prev.PrevPerm,
		},
		&table903[ssda903.Missing]{
			name:  "ssda903_missing",
			cols:  []string{"dob", "missing", "mis_start", "mis_end"},
			ident: func(r *ssda903.Missing) (int, string) { return r.Row, r.Child },
			values: func(r *ssda903.Missing) []any {
				return []any{dateVal(r.DOB), r.Missing, dateVal(r.MisStart), dateVal(r.MisEnd)}
			},
			dests: func(r *ssda903.Missing) []any {
				return []any{&r.Row, &r.Child, dateDest{&r.DOB}, &r.Missing, dateDest{&r.MisStart}, dateDest{&r.MisEnd}}
			},
			cur: &cur.Missing, prev: &prev.Missing,
		},
		&table903[ssda903.SWEpisode]{
			name:  "ssda903_sw_episodes",
			cols:  []string{"dob", "swid", "sw_decom", "sw_dec", "sw_reason"},
			ident: func(r *ssda903.SWEpisode) (int, string) { return r.Row, r.Child },
			values: func(r *ssda903.SWEpisode) []any {
				return []any{dateVal(r.DOB), r.SWID, dateVal(r.SWDecom), dateVal(r.SWDec), r.SWReason}
			},
			dests: func(r *ssda903.SWEpisode) []any {
				return []any{&r.Row, &r.Child, dateDest{&r.DOB}, &r.SWID, dateDest{&r.SWDecom}, dateDest{&r.SWDec},
					&r.SWReason}
			},
			cur: &cur.SWEpisodes, prev: &prev.SWEpisodes,
		},
	}
}
