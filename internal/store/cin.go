package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"csperf/internal/cin"
	"csperf/internal/finding"
	"csperf/internal/pseudo"
)

// SaveCIN saves a CIN census with its findings as a new snapshot in one transaction and returns the
// snapshot's id. Children are stored with their LA ID and its pseudonym under key. The snapshot's
// authority and year default to the census header's (LEA, Year). On any error nothing is saved.
func (s *Store) SaveCIN(ctx context.Context, snap Snapshot, c *cin.Census, fs []finding.Finding, key *pseudo.Key) (int64, error) {
	if c == nil {
		return 0, errors.New("save CIN census: no census")
	}
	if key == nil {
		return 0, errors.New("save CIN census: no pseudonymisation key")
	}
	if lea := strings.TrimSpace(c.Header.LEA); lea != "" {
		n, err := strconv.Atoi(lea)
		if err != nil {
			return 0, fmt.Errorf("save CIN census: LEA %q is not an LA number", c.Header.LEA)
		}
		if err := reconcile("authority", &snap.Authority, n); err != nil {
			return 0, fmt.Errorf("save CIN census: %w", err)
		}
	}
	if err := reconcile("year", &snap.Year, c.Header.Year); err != nil {
		return 0, fmt.Errorf("save CIN census: %w", err)
	}
	counts := cinCounts(c)
	counts["findings"] = len(fs)
	var id int64
	err := s.inChangeTx(ctx, func(tx *txn) error {
		var err error
		if id, err = createSnapshot(ctx, tx, &snap, ReturnCIN, counts); err != nil {
			return err
		}
		if err := saveCensus(ctx, tx, id, c, childKeys(key, snap.Authority)); err != nil {
			return err
		}
		return saveFindings(ctx, tx, id, snap.Authority, key, fs)
	})
	if err != nil {
		return 0, fmt.Errorf("save CIN census for authority %d, year %d: %w", snap.Authority, snap.Year, err)
	}
	return id, nil
}

// cinCounts counts the rows each CIN table will hold.
func cinCounts(c *cin.Census) map[string]int {
	n := map[string]int{"cin_children": len(c.Children), "cin_disabilities": 0, "cin_details": 0,
		"cin_assessments": 0, "cin_assessment_factors": 0, "cin_plans": 0, "cin_section47": 0, "cin_cp_plans": 0,
		"cin_cp_reviews": 0}
	for _, ch := range c.Children {
		n["cin_disabilities"] += len(ch.Disabilities)
		n["cin_details"] += len(ch.Details)
		for _, d := range ch.Details {
			n["cin_assessments"] += len(d.Assessments)
			for _, a := range d.Assessments {
				n["cin_assessment_factors"] += len(a.Factors)
			}
			n["cin_plans"] += len(d.CINPlans)
			n["cin_section47"] += len(d.Section47s)
			n["cin_cp_plans"] += len(d.CPPlans)
			for _, p := range d.CPPlans {
				n["cin_cp_reviews"] += len(p.Reviews)
			}
		}
	}
	return n
}

// saveCensus inserts the census header and tables. Each table's seq counts its rows from 0 in
// document order; a row's *_seq column is its parent's seq.
func saveCensus(ctx context.Context, tx *txn, id int64, c *cin.Census, childKey func(string) string) error {
	h := c.Header
	if _, err := tx.ExecContext(ctx, `INSERT INTO cin_header (snapshot_id, collection, collection_year,
		reference_date, source_level, lea, software_code, software_release, serial_no, date_time)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		id, h.Collection, h.Year, dateVal(h.ReferenceDate), h.SourceLevel, h.LEA, h.SoftwareCode, h.Release,
		h.SerialNo, h.DateTime); err != nil {
		return fmt.Errorf("save cin_header: %w", err)
	}

	children := newBatch(tx, "cin_children", "snapshot_id", "seq", "line_num", "child", "child_key", "upn",
		"former_upn", "upn_unknown", "birth_date", "expected_birth_date", "gender", "death_date", "ethnicity")
	disabilities := newBatch(tx, "cin_disabilities", "snapshot_id", "seq", "child_seq", "child", "child_key",
		"disability")
	details := newBatch(tx, "cin_details", "snapshot_id", "seq", "child_seq", "child", "child_key", "line_num",
		"referral_date", "referral_source", "primary_need", "closure_date", "reason_for_closure",
		"date_of_initial_cpc", "referral_nfa")
	assessments := newBatch(tx, "cin_assessments", "snapshot_id", "seq", "detail_seq", "child", "child_key",
		"start_date", "internal_review_date", "authorised_date")
	factors := newBatch(tx, "cin_assessment_factors", "snapshot_id", "seq", "assessment_seq", "child",
		"child_key", "factor")
	plans := newBatch(tx, "cin_plans", "snapshot_id", "seq", "detail_seq", "child", "child_key", "start_date",
		"end_date")
	s47s := newBatch(tx, "cin_section47", "snapshot_id", "seq", "detail_seq", "child", "child_key", "start_date",
		"icpc_target", "icpc_date", "icpc_not_required")
	cpps := newBatch(tx, "cin_cp_plans", "snapshot_id", "seq", "detail_seq", "child", "child_key", "start_date",
		"end_date", "initial_category", "latest_category", "previous_plans")
	reviews := newBatch(tx, "cin_cp_reviews", "snapshot_id", "seq", "cp_plan_seq", "child", "child_key",
		"review_date")
	// The links between these tables are checked when the transaction commits (the foreign keys are
	// deferred), so each table's rows go in full batches in whatever order the batches fill.

	var nDis, nDet, nAss, nFac, nPlan, nS47, nCPP, nRev int
	for ci, ch := range c.Children {
		who, whoKey := ch.LAChildID, childKey(ch.LAChildID)
		if err := children.add(ctx, id, ci, ch.Line, who, whoKey, ch.UPN, ch.FormerUPN, ch.UPNUnknown,
			dateVal(ch.BirthDate), dateVal(ch.ExpectedBirthDate), ch.Gender, dateVal(ch.DeathDate),
			ch.Ethnicity); err != nil {
			return err
		}
		for _, d := range ch.Disabilities {
			if err := disabilities.add(ctx, id, nDis, ci, who, whoKey, d); err != nil {
				return err
			}
			nDis++
		}
		for _, d := range ch.Details {
			di := nDet
			nDet++
			if err := details.add(ctx, id, di, ci, who, whoKey, d.Line, dateVal(d.ReferralDate), d.ReferralSource,
				d.PrimaryNeed, dateVal(d.ClosureDate), d.ReasonForClosure, dateVal(d.DateOfInitialCPC),
				boolVal(d.ReferralNFA)); err != nil {
				return err
			}
			for _, a := range d.Assessments {
				ai := nAss
				nAss++
				if err := assessments.add(ctx, id, ai, di, who, whoKey, dateVal(a.Start), dateVal(a.InternalReview),
					dateVal(a.Authorised)); err != nil {
					return err
				}
				for _, f := range a.Factors {
					if err := factors.add(ctx, id, nFac, ai, who, whoKey, f); err != nil {
						return err
					}
					nFac++
				}
			}
			for _, p := range d.CINPlans {
				if err := plans.add(ctx, id, nPlan, di, who, whoKey, dateVal(p.Start), dateVal(p.End)); err != nil {
					return err
				}
				nPlan++
			}
			for _, e := range d.Section47s {
				if err := s47s.add(ctx, id, nS47, di, who, whoKey, dateVal(e.Start), dateVal(e.ICPCTarget),
					dateVal(e.ICPCDate), boolVal(e.ICPCNotRequired)); err != nil {
					return err
				}
				nS47++
			}
			for _, p := range d.CPPlans {
				pi := nCPP
				nCPP++
				if err := cpps.add(ctx, id, pi, di, who, whoKey, dateVal(p.Start), dateVal(p.End), p.InitialCategory,
					p.LatestCategory, p.PreviousPlans); err != nil {
					return err
				}
				for _, r := range p.Reviews {
					if err := reviews.add(ctx, id, nRev, pi, who, whoKey, dateVal(r)); err != nil {
						return err
					}
					nRev++
				}
			}
		}
	}
	for _, b := range []*batch{children, disabilities, details, assessments, factors, plans, s47s, cpps, reviews} {
		if err := b.flush(ctx); err != nil {
			return err
		}
	}
	return nil
}

// CIN reads back the census saved as snapshot id.
func (s *Store) CIN(ctx context.Context, id int64) (*cin.Census, error) {
	if _, err := s.snapshotKind(ctx, id, ReturnCIN); err != nil {
		return nil, err
	}
	c, err := s.readCensus(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("read CIN snapshot %d: %w", id, err)
	}
	return c, nil
}

func (s *Store) readCensus(ctx context.Context, id int64) (*cin.Census, error) {
	c := &cin.Census{}
	h := &c.Header
	if err := s.db.QueryRowContext(ctx, `SELECT collection, collection_year, reference_date, source_level, lea,
		software_code, software_release, serial_no, date_time FROM cin_header WHERE snapshot_id = $1`, id).
		Scan(&h.Collection, &h.Year, dateDest{&h.ReferenceDate}, &h.SourceLevel, &h.LEA, &h.SoftwareCode,
			&h.Release, &h.SerialNo, &h.DateTime); err != nil {
		return nil, fmt.Errorf("cin_header: %w", err)
	}

	// Each table is read whole in seq order, so a row's seq is its index; children are attached to
	// their parents from the bottom up, so that every value copied upwards is already complete.
	var children []cin.Child
	err := readRows(ctx, s.db, `SELECT line_num, child, upn, former_upn, upn_unknown, birth_date,
		expected_birth_date, gender, death_date, ethnicity FROM cin_children WHERE snapshot_id = $1 ORDER BY seq`, id,
		func(scan func(...any) error) error {
			var ch cin.Child
			err := scan(&ch.Line, &ch.LAChildID, &ch.UPN, &ch.FormerUPN, &ch.UPNUnknown, dateDest{&ch.BirthDate},
				dateDest{&ch.ExpectedBirthDate}, &ch.Gender, dateDest{&ch.DeathDate}, &ch.Ethnicity)
			children = append(children, ch)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("cin_children: %w", err)
	}
	var details []cin.Details
	var detailChild []int
	err = readRows(ctx, s.db, `SELECT child_seq, line_num, referral_date, referral_source, primary_need,
		closure_date, reason_for_closure, date_of_initial_cpc, referral_nfa
		FROM cin_details WHERE snapshot_id = $1 ORDER BY seq`, id,
		func(scan func(...any) error) error {
			var d cin.Details
			var parent int
			err := scan(&parent, &d.Line, dateDest{&d.ReferralDate}, &d.ReferralSource, &d.PrimaryNeed,
				dateDest{&d.ClosureDate}, &d.ReasonForClosure, dateDest{&d.DateOfInitialCPC}, &d.ReferralNFA)
			details = append(details, d)
			detailChild = append(detailChild, parent)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("cin_details: %w", err)
	}
	var assessments []cin.Assessment
	var assessmentDetail []int
	err = readRows(ctx, s.db, `SELECT detail_seq, start_date, internal_review_date, authorised_date
		FROM cin_assessments WHERE snapshot_id = $1 ORDER BY seq`, id,
		func(scan func(...any) error) error {
			var a cin.Assessment
			var parent int
			err := scan(&parent, dateDest{&a.Start}, dateDest{&a.InternalReview}, dateDest{&a.Authorised})
			assessments = append(assessments, a)
			assessmentDetail = append(assessmentDetail, parent)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("cin_assessments: %w", err)
	}
	var cpps []cin.CPPlan
	var cppDetail []int
	err = readRows(ctx, s.db, `SELECT detail_seq, start_date, end_date, initial_category, latest_category,
		previous_plans FROM cin_cp_plans WHERE snapshot_id = $1 ORDER BY seq`, id,
		func(scan func(...any) error) error {
			var p cin.CPPlan
			var parent int
			err := scan(&parent, dateDest{&p.Start}, dateDest{&p.End}, &p.InitialCategory, &p.LatestCategory,
				&p.PreviousPlans)
			cpps = append(cpps, p)
			cppDetail = append(cppDetail, parent)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("cin_cp_plans: %w", err)
	}

	// Leaves first.
	err = readRows(ctx, s.db, `SELECT assessment_seq, factor FROM cin_assessment_factors
		WHERE snapshot_id = $1 ORDER BY seq`, id,
		func(scan func(...any) error) error {
			var parent int
			var f string
			if err := scan(&parent, &f); err != nil {
				return err
			}
			if err := checkParent(parent, len(assessments)); err != nil {
				return err
			}
			assessments[parent].Factors = append(assessments[parent].Factors, f)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("cin_assessment_factors: %w", err)
	}
	err = readRows(ctx, s.db, `SELECT cp_plan_seq, review_date FROM cin_cp_reviews
		WHERE snapshot_id = $1 ORDER BY seq`, id,
		func(scan func(...any) error) error {
			var parent int
			var d cin.Date
			if err := scan(&parent, dateDest{&d}); err != nil {
				return err
			}
			if err := checkParent(parent, len(cpps)); err != nil {
				return err
			}
			cpps[parent].Reviews = append(cpps[parent].Reviews, d)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("cin_cp_reviews: %w", err)
	}
	err = readRows(ctx, s.db, `SELECT detail_seq, start_date, end_date FROM cin_plans
		WHERE snapshot_id = $1 ORDER BY seq`, id,
		func(scan func(...any) error) error {
			var parent int
			var p cin.CINPlan
			if err := scan(&parent, dateDest{&p.Start}, dateDest{&p.End}); err != nil {
				return err
			}
			if err := checkParent(parent, len(details)); err != nil {
				return err
			}
			details[parent].CINPlans = append(details[parent].CINPlans, p)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("cin_plans: %w", err)
	}
	err = readRows(ctx, s.db, `SELECT detail_seq, start_date, icpc_target, icpc_date, icpc_not_required
		FROM cin_section47 WHERE snapshot_id = $1 ORDER BY seq`, id,
		func(scan func(...any) error) error {
			var parent int
			var e cin.Section47
			if err := scan(&parent, dateDest{&e.Start}, dateDest{&e.ICPCTarget}, dateDest{&e.ICPCDate},
				&e.ICPCNotRequired); err != nil {
				return err
			}
			if err := checkParent(parent, len(details)); err != nil {
				return err
			}
			details[parent].Section47s = append(details[parent].Section47s, e)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("cin_section47: %w", err)
	}
	for i, a := range assessments {
		if err := checkParent(assessmentDetail[i], len(details)); err != nil {
			return nil, fmt.Errorf("cin_assessments: %w", err)
		}
		details[assessmentDetail[i]].Assessments = append(details[assessmentDetail[i]].Assessments, a)
	}
	for i, p := range cpps {
		if err := checkParent(cppDetail[i], len(details)); err != nil {
			return nil, fmt.Errorf("cin_cp_plans: %w", err)
		}
		details[cppDetail[i]].CPPlans = append(details[cppDetail[i]].CPPlans, p)
	}
	err = readRows(ctx, s.db, `SELECT child_seq, disability FROM cin_disabilities
		WHERE snapshot_id = $1 ORDER BY seq`, id,
		func(scan func(...any) error) error {
			var parent int
			var d string
			if err := scan(&parent, &d); err != nil {
				return err
			}
			if err := checkParent(parent, len(children)); err != nil {
				return err
			}
			children[parent].Disabilities = append(children[parent].Disabilities, d)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("cin_disabilities: %w", err)
	}
	for i, d := range details {
		if err := checkParent(detailChild[i], len(children)); err != nil {
			return nil, fmt.Errorf("cin_details: %w", err)
		}
		children[detailChild[i]].Details = append(children[detailChild[i]].Details, d)
	}
	c.Children = children
	return c, nil
}

// checkParent reports a parent reference outside the parent table's rows.
func checkParent(seq, n int) error {
	if seq < 0 || seq >= n {
		return fmt.Errorf("parent row %d does not exist", seq)
	}
	return nil
}

// readRows runs query with the snapshot id as $1 and calls row for each result row.
func readRows(ctx context.Context, db *sql.DB, query string, id int64, row func(scan func(...any) error) error) error {
	return eachRow(ctx, db, query, []any{id}, row)
}

// eachRow runs query with args and calls row for each result row, passing it the row's Scan.
func eachRow(ctx context.Context, db querier, query string, args []any, row func(scan func(...any) error) error) error {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		if err := row(rows.Scan); err != nil {
			rows.Close()
			return err
		}
	}
	return closeRows(rows)
}
