package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"csperf/internal/calendar"
	"csperf/internal/cin"
	"csperf/internal/finding"
	"csperf/internal/ssda903"
)

// ChildRecord is one child's records in an authority's returns, found by the child's pseudonym: the
// rows of the latest snapshot of each 903 and CIN collection year that name the child, and the
// findings of those snapshots about the child. Last year's tables loaded with a 903 return are left
// out (the year's own snapshot holds them).
type ChildRecord struct {
	Authority int
	Key       string            // the pseudonym asked for
	ID        string            // the LA's own child ID; "" when no record names the child
	Returns   []*ssda903.Return // one per 903 collection year with rows for the child, oldest first
	Censuses  []ChildCensus     // one per CIN collection year with the child, oldest first
	Findings  []ChildFinding    // findings about the child in the snapshots read
}

// ChildCensus is a child's record in one year's CIN census.
type ChildCensus struct {
	Snapshot int64
	Year     int
	Child    cin.Child
}

// ChildFinding is a finding about a child, with the return it was found in.
type ChildFinding struct {
	Snapshot int64
	Return   string // ReturnSSDA903 or ReturnCIN
	Year     int
	finding.Finding
}

// Found reports whether any record names the child.
func (c ChildRecord) Found() bool { return c.ID != "" }

// latestSnapshot is the newest snapshot of one return and collection year.
type latestSnapshot struct {
	id   int64
	ret  string
	year int
}

// latestSnapshots returns the newest snapshot of each 903 and CIN collection year of authority,
// ordered by return and year.
func (s *Store) latestSnapshots(ctx context.Context, authority int) ([]latestSnapshot, error) {
	var out []latestSnapshot
	err := eachRow(ctx, s.db, `SELECT MAX(id), return_type, collection_year FROM snapshots
		WHERE authority = $1 AND return_type IN ('ssda903', 'cin') GROUP BY return_type, collection_year
		ORDER BY return_type, collection_year`, []any{authority}, func(scan func(...any) error) error {
		var l latestSnapshot
		if err := scan(&l.id, &l.ret, &l.year); err != nil {
			return err
		}
		out = append(out, l)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list latest snapshots of LA %d: %w", authority, err)
	}
	return out, nil
}

// ChildRecord reads the records of the child whose pseudonym is key in authority's returns. A child
// nobody recorded gives a record with Found false, not an error.
func (s *Store) ChildRecord(ctx context.Context, authority int, key string) (ChildRecord, error) {
	rec := ChildRecord{Authority: authority, Key: key}
	snaps, err := s.latestSnapshots(ctx, authority)
	if err != nil {
		return rec, err
	}
	for _, sn := range snaps {
		switch sn.ret {
		case ReturnSSDA903:
			r, err := s.child903(ctx, sn.id, key)
			if err != nil {
				return rec, fmt.Errorf("read child record in snapshot %d: %w", sn.id, err)
			}
			if r == nil {
				continue
			}
			r.Authority, r.Year = authority, sn.year
			rec.Returns = append(rec.Returns, r)
			if rec.ID == "" {
				rec.ID = childOf903(r)
			}
		case ReturnCIN:
			ch, ok, err := s.childCIN(ctx, sn.id, key)
			if err != nil {
				return rec, fmt.Errorf("read child record in snapshot %d: %w", sn.id, err)
			}
			if !ok {
				continue
			}
			rec.Censuses = append(rec.Censuses, ChildCensus{Snapshot: sn.id, Year: sn.year, Child: ch})
			if rec.ID == "" {
				rec.ID = ch.LAChildID
			}
		}
		err := eachRow(ctx, s.db, `SELECT rule, severity, file, tbl, row_num, child, fields, value, message
			FROM findings WHERE snapshot_id = $1 AND child_key = $2 ORDER BY seq`, []any{sn.id, key},
			func(scan func(...any) error) error {
				f := ChildFinding{Snapshot: sn.id, Return: sn.ret, Year: sn.year}
				var fields string
				if err := scan(&f.Rule, &f.Severity, &f.File, &f.Table, &f.Row, &f.Child, &fields, &f.Value, &f.Message); err != nil {
					return err
				}
				if fields != "" {
					f.Fields = strings.Split(fields, ",")
				}
				rec.Findings = append(rec.Findings, f)
				return nil
			})
		if err != nil {
			return rec, fmt.Errorf("read findings about a child in snapshot %d: %w", sn.id, err)
		}
		if rec.ID == "" {
			for _, f := range rec.Findings {
				if f.Child != "" {
					rec.ID = f.Child
				}
			}
		}
	}
	return rec, nil
}

// childOf903 returns the child ID of the first row of r.
func childOf903(r *ssda903.Return) string {
	switch {
	case len(r.Header) > 0:
		return r.Header[0].Child
	case len(r.Episodes) > 0:
		return r.Episodes[0].Child
	case len(r.Missing) > 0:
		return r.Missing[0].Child
	case len(r.Reviews) > 0:
		return r.Reviews[0].Child
	}
	for _, t := range tables903(r, &ssda903.Return{}) {
		if n, _ := t.lens(); n > 0 {
			if c, ok := t.(childTable); ok {
				return c.firstChild()
			}
		}
	}
	return ""
}

// childTable is a 903 table that can read one child's rows of a snapshot.
type childTable interface {
	readChild(ctx context.Context, db *sql.DB, id int64, key string) error
	firstChild() string
}

func (t *table903[T]) readChild(ctx context.Context, db *sql.DB, id int64, key string) error {
	q := "SELECT previous_year, row_num, child"
	for _, c := range t.cols {
		q += ", " + c
	}
	q += " FROM " + t.name + " WHERE snapshot_id = $1 AND child_key = $2 AND previous_year = 0 ORDER BY seq"
	return eachRow(ctx, db, q, []any{id, key}, func(scan func(...any) error) error {
		var rec T
		var previous bool
		if err := scan(append([]any{&previous}, t.dests(&rec)...)...); err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
		*t.cur = append(*t.cur, rec)
		return nil
	})
}

func (t *table903[T]) firstChild() string {
	if len(*t.cur) == 0 {
		return ""
	}
	_, child := t.ident(&(*t.cur)[0])
	return child
}

// child903 reads the rows of 903 snapshot id that name the child key; nil when there are none.
func (s *Store) child903(ctx context.Context, id int64, key string) (*ssda903.Return, error) {
	r := &ssda903.Return{}
	found := false
	for _, t := range tables903(r, &ssda903.Return{}) {
		c, ok := t.(childTable)
		if !ok {
			return nil, fmt.Errorf("table %s cannot be read by child", t.table())
		}
		if err := c.readChild(ctx, s.db, id, key); err != nil {
			return nil, err
		}
		if n, _ := t.lens(); n > 0 {
			found = true
		}
	}
	if !found {
		return nil, nil
	}
	return r, nil
}

// childCIN reads the child key's record in CIN snapshot id, with its episodes of need and all that
// hangs from them; ok is false when the census does not have the child.
func (s *Store) childCIN(ctx context.Context, id int64, key string) (cin.Child, bool, error) {
	var ch cin.Child
	var childSeq []int
	args := []any{id, key}
	err := eachRow(ctx, s.db, `SELECT seq, line_num, child, upn, former_upn, upn_unknown, birth_date,
		expected_birth_date, gender, death_date, ethnicity FROM cin_children WHERE snapshot_id = $1 AND child_key = $2
		ORDER BY seq`, args, func(scan func(...any) error) error {
		var seq int
		var c cin.Child
		if err := scan(&seq, &c.Line, &c.LAChildID, &c.UPN, &c.FormerUPN, &c.UPNUnknown, dateDest{&c.BirthDate},
			dateDest{&c.ExpectedBirthDate}, &c.Gender, dateDest{&c.DeathDate}, &c.Ethnicity); err != nil {
			return err
		}
		if len(childSeq) == 0 {
			ch = c
		}
		childSeq = append(childSeq, seq)
		return nil
	})
	if err != nil {
		return ch, false, fmt.Errorf("cin_children: %w", err)
	}
	if len(childSeq) == 0 {
		return ch, false, nil
	}
	err = eachRow(ctx, s.db, `SELECT disability FROM cin_disabilities WHERE snapshot_id = $1 AND child_key = $2 ORDER BY seq`,
		args, func(scan func(...any) error) error {
			var d string
			err := scan(&d)
			ch.Disabilities = append(ch.Disabilities, d)
			return err
		})
	if err != nil {
		return ch, false, fmt.Errorf("cin_disabilities: %w", err)
	}
	detailAt := map[int]int{} // detail seq → index in ch.Details
	err = eachRow(ctx, s.db, `SELECT seq, line_num, referral_date, referral_source, primary_need, closure_date,
		reason_for_closure, date_of_initial_cpc, referral_nfa FROM cin_details WHERE snapshot_id = $1 AND child_key = $2
		ORDER BY seq`, args, func(scan func(...any) error) error {
		var seq int
		var d cin.Details
		if err := scan(&seq, &d.Line, dateDest{&d.ReferralDate}, &d.ReferralSource, &d.PrimaryNeed, dateDest{&d.ClosureDate},
			&d.ReasonForClosure, dateDest{&d.DateOfInitialCPC}, &d.ReferralNFA); err != nil {
			return err
		}
		detailAt[seq] = len(ch.Details)
		ch.Details = append(ch.Details, d)
		return nil
	})
	if err != nil {
		return ch, false, fmt.Errorf("cin_details: %w", err)
	}
	detail := func(seq int) (*cin.Details, error) {
		i, ok := detailAt[seq]
		if !ok {
			return nil, fmt.Errorf("parent row %d is not the child's", seq)
		}
		return &ch.Details[i], nil
	}
	type assessmentRow struct {
		seq, detail int
		a           cin.Assessment
	}
	var assessments []assessmentRow
	err = eachRow(ctx, s.db, `SELECT seq, detail_seq, start_date, internal_review_date, authorised_date
		FROM cin_assessments WHERE snapshot_id = $1 AND child_key = $2 ORDER BY seq`, args,
		func(scan func(...any) error) error {
			var r assessmentRow
			err := scan(&r.seq, &r.detail, dateDest{&r.a.Start}, dateDest{&r.a.InternalReview}, dateDest{&r.a.Authorised})
			assessments = append(assessments, r)
			return err
		})
	if err != nil {
		return ch, false, fmt.Errorf("cin_assessments: %w", err)
	}
	factors := map[int][]string{}
	err = eachRow(ctx, s.db, `SELECT assessment_seq, factor FROM cin_assessment_factors
		WHERE snapshot_id = $1 AND child_key = $2 ORDER BY seq`, args, func(scan func(...any) error) error {
		var parent int
		var f string
		err := scan(&parent, &f)
		factors[parent] = append(factors[parent], f)
		return err
	})
	if err != nil {
		return ch, false, fmt.Errorf("cin_assessment_factors: %w", err)
	}
	for _, r := range assessments {
		d, err := detail(r.detail)
		if err != nil {
			return ch, false, fmt.Errorf("cin_assessments: %w", err)
		}
		r.a.Factors = factors[r.seq]
		d.Assessments = append(d.Assessments, r.a)
	}
	err = eachRow(ctx, s.db, `SELECT detail_seq, start_date, end_date FROM cin_plans
		WHERE snapshot_id = $1 AND child_key = $2 ORDER BY seq`, args, func(scan func(...any) error) error {
		var parent int
		var p cin.CINPlan
		if err := scan(&parent, dateDest{&p.Start}, dateDest{&p.End}); err != nil {
			return err
		}
		d, err := detail(parent)
		if err != nil {
			return err
		}
		d.CINPlans = append(d.CINPlans, p)
		return nil
	})
	if err != nil {
		return ch, false, fmt.Errorf("cin_plans: %w", err)
	}
	err = eachRow(ctx, s.db, `SELECT detail_seq, start_date, icpc_target, icpc_date, icpc_not_required
		FROM cin_section47 WHERE snapshot_id = $1 AND child_key = $2 ORDER BY seq`, args,
		func(scan func(...any) error) error {
			var parent int
			var e cin.Section47
			if err := scan(&parent, dateDest{&e.Start}, dateDest{&e.ICPCTarget}, dateDest{&e.ICPCDate},
				&e.ICPCNotRequired); err != nil {
				return err
			}
			d, err := detail(parent)
			if err != nil {
				return err
			}
			d.Section47s = append(d.Section47s, e)
			return nil
		})
	if err != nil {
		return ch, false, fmt.Errorf("cin_section47: %w", err)
	}
	reviews := map[int][]cin.Date{}
	err = eachRow(ctx, s.db, `SELECT cp_plan_seq, review_date FROM cin_cp_reviews
		WHERE snapshot_id = $1 AND child_key = $2 ORDER BY seq`, args, func(scan func(...any) error) error {
		var parent int
		var d cin.Date
		err := scan(&parent, dateDest{&d})
		reviews[parent] = append(reviews[parent], d)
		return err
	})
	if err != nil {
		return ch, false, fmt.Errorf("cin_cp_reviews: %w", err)
	}
	err = eachRow(ctx, s.db, `SELECT seq, detail_seq, start_date, end_date, initial_category, latest_category,
		previous_plans FROM cin_cp_plans WHERE snapshot_id = $1 AND child_key = $2 ORDER BY seq`, args,
		func(scan func(...any) error) error {
			var seq, parent int
			var p cin.CPPlan
			if err := scan(&seq, &parent, dateDest{&p.Start}, dateDest{&p.End}, &p.InitialCategory, &p.LatestCategory,
				&p.PreviousPlans); err != nil {
				return err
			}
			p.Reviews = reviews[seq]
			d, err := detail(parent)
			if err != nil {
				return err
			}
			d.CPPlans = append(d.CPPlans, p)
			return nil
		})
	if err != nil {
		return ch, false, fmt.Errorf("cin_cp_plans: %w", err)
	}
	return ch, true, nil
}

// MissingEpisode is a child's episode of being missing or away from placement (903 Missing table),
// with the placement the child was in when it started.
type MissingEpisode struct {
	Child     string // the LA's child ID
	Key       string // its pseudonym
	Year      int    // the collection year of the return it was read from
	Missing   string // M missing, A away from placement without authorisation
	Start     calendar.Date
	End       calendar.Date // zero while the episode is open
	DOB       calendar.Date
	Placement string // PLACE of the episode open at Start, "" when none is recorded
}

// MissingEpisodes returns authority's missing and away episodes that started on or before to, from
// the latest 903 snapshot of each collection year. An episode recorded in more than one year's
// return (open at the end of one year, closed in the next) is given once, as the latest year records
// it. Episodes are ordered by start, then child.
func (s *Store) MissingEpisodes(ctx context.Context, authority int, to calendar.Date) ([]MissingEpisode, error) {
	byKey := map[string]int{}
	var out []MissingEpisode
	err := eachRow(ctx, s.db, `SELECT m.child, m.child_key, sn.collection_year, m.missing, m.mis_start, m.mis_end, m.dob,
		COALESCE((SELECT e.place FROM ssda903_episodes e WHERE e.snapshot_id = m.snapshot_id AND e.child_key = m.child_key
			AND e.previous_year = 0 AND e.decom <= m.mis_start ORDER BY e.decom DESC, e.seq DESC LIMIT 1), '')
		FROM ssda903_missing m JOIN snapshots sn ON sn.id = m.snapshot_id
		WHERE sn.id IN (SELECT MAX(id) FROM snapshots WHERE authority = $1 AND return_type = 'ssda903' GROUP BY collection_year)
			AND m.previous_year = 0 AND m.mis_start IS NOT NULL AND m.mis_start <= $2
		ORDER BY sn.collection_year, m.seq`, []any{authority, to.String()}, func(scan func(...any) error) error {
		var e MissingEpisode
		if err := scan(&e.Child, &e.Key, &e.Year, &e.Missing, dateDest{&e.Start}, dateDest{&e.End}, dateDest{&e.DOB},
			&e.Placement); err != nil {
			return err
		}
		k := e.Key + "|" + e.Missing + "|" + e.Start.String()
		if i, ok := byKey[k]; ok {
			out[i] = e // a later year's record of the same episode
			return nil
		}
		byKey[k] = len(out)
		out = append(out, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read missing episodes of LA %d: %w", authority, err)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].Key < out[j].Key
	})
	return out, nil
}

// LatestMissingDate returns the latest start or end of a missing episode in authority's 903 returns;
// false when there are none.
func (s *Store) LatestMissingDate(ctx context.Context, authority int) (calendar.Date, bool, error) {
	var start, end sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT MAX(m.mis_start), MAX(m.mis_end) FROM ssda903_missing m
		JOIN snapshots sn ON sn.id = m.snapshot_id WHERE sn.authority = $1 AND sn.return_type = 'ssda903'`, authority).
		Scan(&start, &end)
	if err != nil {
		return 0, false, fmt.Errorf("read latest missing date of LA %d: %w", authority, err)
	}
	var latest calendar.Date
	for _, v := range []sql.NullString{start, end} {
		if !v.Valid || v.String == "" {
			continue
		}
		d, err := calendar.ParseISO(v.String)
		if err != nil {
			return 0, false, fmt.Errorf("read latest missing date of LA %d: %q: %w", authority, v.String, err)
		}
		latest = max(latest, d)
	}
	return latest, latest != 0, nil
}

// ChildIDs returns the LA's own IDs of authority's children by pseudonym, from the 903 headers and
// CIN children of its snapshots: for revealing the children of a list to those allowed to see them.
func (s *Store) ChildIDs(ctx context.Context, authority int) (map[string]string, error) {
	out := map[string]string{}
	err := eachRow(ctx, s.db, `SELECT DISTINCT h.child_key, h.child FROM ssda903_header h JOIN snapshots sn ON sn.id = h.snapshot_id
		WHERE sn.authority = $1
		UNION SELECT DISTINCT c.child_key, c.child FROM cin_children c JOIN snapshots sn ON sn.id = c.snapshot_id
		WHERE sn.authority = $1`, []any{authority}, func(scan func(...any) error) error {
		var k, id string
		if err := scan(&k, &id); err != nil {
			return err
		}
		out[k] = id
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read child IDs of LA %d: %w", authority, err)
	}
	return out, nil
}
