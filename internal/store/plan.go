package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"csperf/internal/plan"
)

// SavePlan creates p (when p.ID is 0) or replaces the stored plan p.ID with p as a whole, in one
// transaction, and records what changed in the plan's history under author (see plan.Diff). It
// returns the plan as saved, with its ids.
//
// When replacing, recommendations and actions that carry an id keep it (an action may move to
// another recommendation); those with id 0 are added; the plan's recommendations and actions that p
// no longer holds are deleted, with their notes, evidence and measures. An id that is not part of
// the plan is an error, and nothing is saved. A new plan's recommendation and action ids are
// ignored (so a plan can be saved as a copy). The plan must pass plan.Validate. Note times are
// kept to the microsecond, in UTC.
func (s *Store) SavePlan(ctx context.Context, author string, p plan.Plan) (plan.Plan, error) {
	fail := func(err error) (plan.Plan, error) {
		if p.ID != 0 {
			return plan.Plan{}, fmt.Errorf("save plan %d: %w", p.ID, err)
		}
		return plan.Plan{}, fmt.Errorf("save plan %q: %w", p.Title, err)
	}
	if err := p.Validate(); err != nil {
		return fail(err)
	}
	saved := copyPlan(p, p.ID == 0)
	now := time.Now()
	err := s.inChangeTx(ctx, func(tx *txn) error {
		var prev plan.Plan
		if saved.ID == 0 {
			if err := tx.QueryRowContext(ctx, `INSERT INTO plans (authority, title, source, source_date, published,
				created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
				saved.Authority, saved.Title, saved.Source, dateVal(saved.SourceDate), dateVal(saved.Published),
				timestampVal(now)).Scan(&saved.ID); err != nil {
				return err
			}
		} else {
			// Touch the plan first: on PostgreSQL this locks its row, so that two saves of one plan
			// (or a save and a note) take turns.
			if err := touchPlan(ctx, tx, saved.ID, now); err != nil {
				return err
			}
			prevs, err := loadPlans(ctx, tx, "p.id = $1", saved.ID)
			if err != nil {
				return err
			}
			prev = prevs[0]
			if _, err := tx.ExecContext(ctx, `UPDATE plans SET authority = $2, title = $3, source = $4,
				source_date = $5, published = $6 WHERE id = $1`, saved.ID, saved.Authority, saved.Title,
				saved.Source, dateVal(saved.SourceDate), dateVal(saved.Published)); err != nil {
				return err
			}
		}
		if err := writeContent(ctx, tx, prev, &saved); err != nil {
			return err
		}
		return addChanges(ctx, tx, saved.ID, author, now, plan.Diff(prev, saved))
	})
	if err != nil {
		return fail(err)
	}
	return saved, nil
}

// copyPlan returns a deep copy of p that the store can fill with ids, with note times in UTC to the
// microsecond (as they are stored). clearIDs clears the ids of recommendations and actions.
func copyPlan(p plan.Plan, clearIDs bool) plan.Plan {
	recs := make([]plan.Recommendation, len(p.Recommendations))
	for i, r := range p.Recommendations {
		if clearIDs {
			r.ID = 0
		}
		acts := make([]plan.Action, len(r.Actions))
		for j, a := range r.Actions {
			if clearIDs {
				a.ID = 0
			}
			notes := slices.Clone(a.Notes)
			for k := range notes {
				if !notes[k].At.IsZero() {
					notes[k].At = notes[k].At.UTC().Truncate(time.Microsecond)
				}
			}
			a.Notes = notes
			a.Evidence = slices.Clone(a.Evidence)
			acts[j] = a
		}
		r.Actions = acts
		ms := make([]plan.Measure, len(r.Measures))
		for j, m := range r.Measures {
			m.Points = slices.Clone(m.Points)
			ms[j] = m
		}
		r.Measures = ms
		recs[i] = r
	}
	if p.Recommendations == nil {
		recs = nil
	}
	p.Recommendations = recs
	return p
}

// writeContent writes the recommendations, actions, notes, evidence and measures of p (whose ID is
// set) over those of prev, the plan as stored (zero for a new plan), filling in p's new ids.
func writeContent(ctx context.Context, tx *txn, prev plan.Plan, p *plan.Plan) error {
	// Negate the numbers of the stored recommendations, so that renumbering them cannot collide
	// with a number not yet moved.
	if _, err := tx.ExecContext(ctx, `UPDATE plan_recommendations SET number = -number WHERE plan_id = $1`,
		p.ID); err != nil {
		return err
	}
	keptRecs, keptActs := map[int64]bool{}, map[int64]bool{}
	for i := range p.Recommendations {
		r := &p.Recommendations[i]
		if r.ID == 0 {
			if err := tx.QueryRowContext(ctx, `INSERT INTO plan_recommendations (plan_id, number, body)
				VALUES ($1, $2, $3) RETURNING id`, p.ID, r.Number, r.Text).Scan(&r.ID); err != nil {
				return fmt.Errorf("recommendation %d: %w", r.Number, err)
			}
		} else if err := execOne(ctx, tx, fmt.Sprintf("recommendation id %d is not part of plan %d", r.ID, p.ID),
			`UPDATE plan_recommendations SET number = $3, body = $4 WHERE id = $1 AND plan_id = $2`,
			r.ID, p.ID, r.Number, r.Text); err != nil {
			return fmt.Errorf("recommendation %d: %w", r.Number, err)
		}
		keptRecs[r.ID] = true
		for j := range r.Actions {
			a := &r.Actions[j]
			if a.ID == 0 {
				if err := insertAction(ctx, tx, p.ID, r.ID, j, a); err != nil {
					return fmt.Errorf("recommendation %d, action %d: %w", r.Number, j+1, err)
				}
			} else {
				if err := execOne(ctx, tx, fmt.Sprintf("action id %d is not part of plan %d", a.ID, p.ID),
					`UPDATE plan_actions SET recommendation_id = $3, seq = $4, description = $5, owner = $6,
					start_date = $7, due_date = $8, status = $9, completed = $10 WHERE id = $1 AND plan_id = $2`,
					a.ID, p.ID, r.ID, j, a.Description, a.Owner, dateVal(a.Start), dateVal(a.Due), string(a.Status),
					dateVal(a.Completed)); err != nil {
					return fmt.Errorf("recommendation %d, action %d: %w", r.Number, j+1, err)
				}
				if keptActs[a.ID] {
					return fmt.Errorf("recommendation %d, action %d: action id %d appears twice in the plan", r.Number, j+1, a.ID)
				}
				for _, q := range []string{`DELETE FROM plan_action_notes WHERE action_id = $1`,
					`DELETE FROM plan_evidence WHERE action_id = $1`} {
					if _, err := tx.ExecContext(ctx, q, a.ID); err != nil {
						return fmt.Errorf("recommendation %d, action %d: %w", r.Number, j+1, err)
					}
				}
				if err := insertNotesEvidence(ctx, tx, a.ID, 0, a.Notes, a.Evidence); err != nil {
					return fmt.Errorf("recommendation %d, action %d: %w", r.Number, j+1, err)
				}
			}
			keptActs[a.ID] = true
		}
	}
	// What p no longer holds: actions first, so that an action moved out of a deleted
	// recommendation is not deleted with it.
	for _, r := range prev.Recommendations {
		for _, a := range r.Actions {
			if !keptActs[a.ID] {
				if _, err := tx.ExecContext(ctx, `DELETE FROM plan_actions WHERE id = $1`, a.ID); err != nil {
					return fmt.Errorf("delete action %d: %w", a.ID, err)
				}
			}
		}
	}
	for _, r := range prev.Recommendations {
		if !keptRecs[r.ID] {
			if _, err := tx.ExecContext(ctx, `DELETE FROM plan_recommendations WHERE id = $1`, r.ID); err != nil {
				return fmt.Errorf("delete recommendation %d: %w", r.ID, err)
			}
		}
	}
	// Measures are replaced whole.
	for _, r := range p.Recommendations {
		if _, err := tx.ExecContext(ctx, `DELETE FROM plan_measures WHERE recommendation_id = $1`, r.ID); err != nil {
			return fmt.Errorf("recommendation %d measures: %w", r.Number, err)
		}
		for k, m := range r.Measures {
			if err := insertMeasure(ctx, tx, r.ID, k, m); err != nil {
				return fmt.Errorf("recommendation %d measure %s: %w", r.Number, m.Indicator, err)
			}
		}
	}
	return nil
}

// insertAction adds a (whose ID is 0) to recommendation recID of plan planID at position seq, with
// its notes and evidence, and sets a.ID.
func insertAction(ctx context.Context, tx *txn, planID, recID int64, seq int, a *plan.Action) error {
	if err := tx.QueryRowContext(ctx, `INSERT INTO plan_actions (plan_id, recommendation_id, seq,
		description, owner, start_date, due_date, status, completed)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`, planID, recID, seq, a.Description,
		a.Owner, dateVal(a.Start), dateVal(a.Due), string(a.Status), dateVal(a.Completed)).Scan(&a.ID); err != nil {
		return err
	}
	return insertNotesEvidence(ctx, tx, a.ID, 0, a.Notes, a.Evidence)
}

// insertMeasure adds measure m to recommendation recID at position seq, with its points.
func insertMeasure(ctx context.Context, tx *txn, recID int64, seq int, m plan.Measure) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO plan_measures (recommendation_id, indicator, seq)
		VALUES ($1, $2, $3)`, recID, m.Indicator, seq); err != nil {
		return err
	}
	return insertPoints(ctx, tx, recID, m)
}

// insertPoints adds the points of measure m (whose row exists) of recommendation recID.
func insertPoints(ctx context.Context, tx *txn, recID int64, m plan.Measure) error {
	for _, pt := range m.Points {
		if _, err := tx.ExecContext(ctx, `INSERT INTO plan_measure_points (recommendation_id, indicator,
			at_date, milestone, stretch) VALUES ($1, $2, $3, $4, $5)`, recID, m.Indicator, pt.At.String(),
			optionalFloat(pt.Milestone), optionalFloat(pt.Stretch)); err != nil {
			return fmt.Errorf("target point %s: %w", pt.At.DMY(), err)
		}
	}
	return nil
}

// insertNotesEvidence adds notes and evidence to action id, numbering them from seq.
func insertNotesEvidence(ctx context.Context, tx *txn, id int64, seq int, notes []plan.Note, evidence []plan.Evidence) error {
	for i, n := range notes {
		var at any
		if !n.At.IsZero() {
			at = timestampVal(n.At)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO plan_action_notes (action_id, seq, noted_at, author, body)
			VALUES ($1, $2, $3, $4, $5)`, id, seq+i, at, n.Author, n.Text); err != nil {
			return fmt.Errorf("note %d: %w", i+1, err)
		}
	}
	for i, e := range evidence {
		if _, err := tx.ExecContext(ctx, `INSERT INTO plan_evidence (action_id, seq, title, url, file_name)
			VALUES ($1, $2, $3, $4, $5)`, id, seq+i, e.Title, e.URL, e.File); err != nil {
			return fmt.Errorf("evidence %d: %w", i+1, err)
		}
	}
	return nil
}

// execOne runs a statement that must change exactly one row, and otherwise fails with the message
// missing.
func execOne(ctx context.Context, tx *txn, missing, query string, args ...any) error {
	res, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n != 1 {
		return errors.New(missing)
	}
	return nil
}

// touchPlan sets the plan's updated_at, which on PostgreSQL also locks its row until the
// transaction ends. A plan that does not exist is ErrNotFound.
func touchPlan(ctx context.Context, tx *txn, id int64, now time.Time) error {
	res, err := tx.ExecContext(ctx, `UPDATE plans SET updated_at = $2 WHERE id = $1`, id, timestampVal(now))
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return fmt.Errorf("plan %d: %w", id, ErrNotFound)
	}
	return nil
}

// touchActionPlan touches (and so locks) the plan of action id and returns the plan's id. An action
// that does not exist is ErrNotFound.
func touchActionPlan(ctx context.Context, tx *txn, actionID int64, now time.Time) (int64, error) {
	var planID int64
	err := tx.QueryRowContext(ctx, `SELECT plan_id FROM plan_actions WHERE id = $1`, actionID).Scan(&planID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("action %d: %w", actionID, ErrNotFound)
	}
	if err != nil {
		return 0, err
	}
	return planID, touchPlan(ctx, tx, planID, now)
}

// addChanges appends changes to the history of plan planID.
func addChanges(ctx context.Context, tx *txn, planID int64, author string, at time.Time, changes []plan.Change) error {
	for _, c := range changes {
		var action any
		if c.ActionID != 0 {
			action = c.ActionID
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO plan_changes (plan_id, action_id, changed_at, author, field,
			old_value, new_value) VALUES ($1, $2, $3, $4, $5, $6, $7)`, planID, action, timestampVal(at), author,
			c.Field, c.Old, c.New); err != nil {
			return fmt.Errorf("record history: %w", err)
		}
	}
	return nil
}

// Plans returns the plans of authority (all when 0), whole, by authority and then in the order they
// were created.
func (s *Store) Plans(ctx context.Context, authority int) ([]plan.Plan, error) {
	ps, err := loadPlans(ctx, s.db, "($1 = 0 OR p.authority = $1)", authority)
	if err != nil {
		return nil, fmt.Errorf("read plans: %w", err)
	}
	return ps, nil
}

// Plan returns the plan with id id, whole; ErrNotFound when there is none.
func (s *Store) Plan(ctx context.Context, id int64) (plan.Plan, error) {
	ps, err := loadPlans(ctx, s.db, "p.id = $1", id)
	if err != nil {
		return plan.Plan{}, fmt.Errorf("read plan %d: %w", id, err)
	}
	return ps[0], nil
}

// loadPlans reads the plans selected by where (a condition on plans p, with one argument arg),
// whole, in seven queries. It fails with ErrNotFound when none are selected by id.
func loadPlans(ctx context.Context, q querier, where string, arg any) ([]plan.Plan, error) {
	each := func(query string, row func(scan func(...any) error) error) error {
		return eachRow(ctx, q, query, []any{arg}, row)
	}
	type measureKey struct {
		rec int64
		ind string
	}
	var (
		plans    []plan.Plan
		recs     = map[int64][]plan.Recommendation{} // by plan
		actions  = map[int64][]plan.Action{}         // by recommendation
		notes    = map[int64][]plan.Note{}           // by action
		evidence = map[int64][]plan.Evidence{}       // by action
		measures = map[int64][]plan.Measure{}        // by recommendation
		points   = map[measureKey][]plan.TargetPoint{}
	)
	err := each(`SELECT p.id, p.authority, p.title, p.source, p.source_date, p.published FROM plans p
		WHERE `+where+` ORDER BY p.authority, p.id`, func(scan func(...any) error) error {
		var p plan.Plan
		if err := scan(&p.ID, &p.Authority, &p.Title, &p.Source, dateDest{&p.SourceDate}, dateDest{&p.Published}); err != nil {
			return err
		}
		plans = append(plans, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(plans) == 0 {
		if strings.HasPrefix(where, "p.id =") {
			return nil, ErrNotFound
		}
		return nil, nil
	}
	err = each(`SELECT r.plan_id, r.id, r.number, r.body FROM plan_recommendations r JOIN plans p ON p.id = r.plan_id
		WHERE `+where+` ORDER BY r.plan_id, r.number`, func(scan func(...any) error) error {
		var planID int64
		var r plan.Recommendation
		if err := scan(&planID, &r.ID, &r.Number, &r.Text); err != nil {
			return err
		}
		recs[planID] = append(recs[planID], r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = each(`SELECT a.recommendation_id, a.id, a.description, a.owner, a.start_date, a.due_date, a.status, a.completed
		FROM plan_actions a JOIN plans p ON p.id = a.plan_id
		WHERE `+where+` ORDER BY a.recommendation_id, a.seq`, func(scan func(...any) error) error {
		var recID int64
		var a plan.Action
		var status string
		if err := scan(&recID, &a.ID, &a.Description, &a.Owner, dateDest{&a.Start}, dateDest{&a.Due}, &status,
			dateDest{&a.Completed}); err != nil {
			return err
		}
		a.Status = plan.Status(status)
		actions[recID] = append(actions[recID], a)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = each(`SELECT n.action_id, n.noted_at, n.author, n.body FROM plan_action_notes n
		JOIN plan_actions a ON a.id = n.action_id JOIN plans p ON p.id = a.plan_id
		WHERE `+where+` ORDER BY n.action_id, n.seq`, func(scan func(...any) error) error {
		var actionID int64
		var n plan.Note
		var at sql.NullString
		if err := scan(&actionID, &at, &n.Author, &n.Text); err != nil {
			return err
		}
		if at.Valid {
			t, err := parseTimestamp(at.String)
			if err != nil {
				return err
			}
			n.At = t
		}
		notes[actionID] = append(notes[actionID], n)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = each(`SELECT e.action_id, e.title, e.url, e.file_name FROM plan_evidence e
		JOIN plan_actions a ON a.id = e.action_id JOIN plans p ON p.id = a.plan_id
		WHERE `+where+` ORDER BY e.action_id, e.seq`, func(scan func(...any) error) error {
		var actionID int64
		var e plan.Evidence
		if err := scan(&actionID, &e.Title, &e.URL, &e.File); err != nil {
			return err
		}
		evidence[actionID] = append(evidence[actionID], e)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = each(`SELECT m.recommendation_id, m.indicator FROM plan_measures m
		JOIN plan_recommendations r ON r.id = m.recommendation_id JOIN plans p ON p.id = r.plan_id
		WHERE `+where+` ORDER BY m.recommendation_id, m.seq`, func(scan func(...any) error) error {
		var recID int64
		var m plan.Measure
		if err := scan(&recID, &m.Indicator); err != nil {
			return err
		}
		measures[recID] = append(measures[recID], m)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = each(`SELECT t.recommendation_id, t.indicator, t.at_date, t.milestone, t.stretch FROM plan_measure_points t
		JOIN plan_recommendations r ON r.id = t.recommendation_id JOIN plans p ON p.id = r.plan_id
		WHERE `+where+` ORDER BY t.recommendation_id, t.indicator, t.at_date`, func(scan func(...any) error) error {
		var k measureKey
		var pt plan.TargetPoint
		var m, st sql.NullFloat64
		if err := scan(&k.rec, &k.ind, dateDest{&pt.At}, &m, &st); err != nil {
			return err
		}
		pt.Milestone, pt.Stretch = nullable(m), nullable(st)
		points[k] = append(points[k], pt)
		return nil
	})
	if err != nil {
		return nil, err
	}

	for i := range plans {
		rs := recs[plans[i].ID]
		for j := range rs {
			r := &rs[j]
			r.Actions = actions[r.ID]
			for k := range r.Actions {
				a := &r.Actions[k]
				a.Notes, a.Evidence = notes[a.ID], evidence[a.ID]
			}
			r.Measures = measures[r.ID]
			for k := range r.Measures {
				r.Measures[k].Points = points[measureKey{r.ID, r.Measures[k].Indicator}]
			}
		}
		plans[i].Recommendations = rs
	}
	return plans, nil
}

// UpdateAction saves changes to one action (found by a.ID) and records each field changed in its
// plan's history under author. Its description, owner, dates and status are replaced; its notes and
// evidence are not (use AddNote and AddEvidence). The action must pass plan.Action.Validate, apart
// from its notes and evidence; an action that does not exist is ErrNotFound.
func (s *Store) UpdateAction(ctx context.Context, author string, a plan.Action) error {
	fail := func(err error) error { return fmt.Errorf("update action %d: %w", a.ID, err) }
	a.Notes, a.Evidence = nil, nil
	if err := a.Validate(); err != nil {
		return fail(err)
	}
	now := time.Now()
	err := s.inChangeTx(ctx, func(tx *txn) error {
		planID, err := touchActionPlan(ctx, tx, a.ID, now)
		if err != nil {
			return err
		}
		var old plan.Action
		var status string
		if err := tx.QueryRowContext(ctx, `SELECT id, description, owner, start_date, due_date, status, completed
			FROM plan_actions WHERE id = $1`, a.ID).Scan(&old.ID, &old.Description, &old.Owner, dateDest{&old.Start},
			dateDest{&old.Due}, &status, dateDest{&old.Completed}); err != nil {
			return err
		}
		old.Status = plan.Status(status)
		if _, err := tx.ExecContext(ctx, `UPDATE plan_actions SET description = $2, owner = $3, start_date = $4,
			due_date = $5, status = $6, completed = $7 WHERE id = $1`, a.ID, a.Description, a.Owner, dateVal(a.Start),
			dateVal(a.Due), string(a.Status), dateVal(a.Completed)); err != nil {
			return err
		}
		return addChanges(ctx, tx, planID, author, now, plan.DiffAction(old, a))
	})
	if err != nil {
		return fail(err)
	}
	return nil
}

// AddNote adds a progress note to action actionID, by n.Author, at n.At (now when zero), and
// records it in the plan's history. An action that does not exist is ErrNotFound.
func (s *Store) AddNote(ctx context.Context, actionID int64, n plan.Note) error {
	fail := func(err error) error { return fmt.Errorf("add a note to action %d: %w", actionID, err) }
	if strings.TrimSpace(n.Text) == "" {
		return fail(errors.New("the note has no text"))
	}
	now := time.Now()
	if n.At.IsZero() {
		n.At = now
	}
	n.At = n.At.UTC().Truncate(time.Microsecond)
	err := s.inChangeTx(ctx, func(tx *txn) error {
		planID, err := touchActionPlan(ctx, tx, actionID, now)
		if err != nil {
			return err
		}
		seq, err := nextSeq(ctx, tx, "plan_action_notes", actionID)
		if err != nil {
			return err
		}
		if err := insertNotesEvidence(ctx, tx, actionID, seq, []plan.Note{n}, nil); err != nil {
			return err
		}
		return addChanges(ctx, tx, planID, n.Author, now,
			[]plan.Change{{ActionID: actionID, Field: "note", New: n.Text}})
	})
	if err != nil {
		return fail(err)
	}
	return nil
}

// AddEvidence adds a piece of evidence to action actionID and records it in the plan's history
// under author. The evidence needs a title, and a link or a file but not both (or neither, for
// evidence held elsewhere). An action that does not exist is ErrNotFound.
func (s *Store) AddEvidence(ctx context.Context, author string, actionID int64, e plan.Evidence) error {
	fail := func(err error) error { return fmt.Errorf("add evidence to action %d: %w", actionID, err) }
	if strings.TrimSpace(e.Title) == "" {
		return fail(errors.New("the evidence has no title"))
	}
	if e.URL != "" && e.File != "" {
		return fail(errors.New("the evidence has both a link and a file: give one"))
	}
	now := time.Now()
	err := s.inChangeTx(ctx, func(tx *txn) error {
		planID, err := touchActionPlan(ctx, tx, actionID, now)
		if err != nil {
			return err
		}
		seq, err := nextSeq(ctx, tx, "plan_evidence", actionID)
		if err != nil {
			return err
		}
		if err := insertNotesEvidence(ctx, tx, actionID, seq, nil, []plan.Evidence{e}); err != nil {
			return err
		}
		return addChanges(ctx, tx, planID, author, now,
			[]plan.Change{{ActionID: actionID, Field: "evidence", New: e.String()}})
	})
	if err != nil {
		return fail(err)
	}
	return nil
}

// nextSeq returns the next seq of an action's rows in table (plan_action_notes or plan_evidence).
func nextSeq(ctx context.Context, tx *txn, table string, actionID int64) (int, error) {
	var seq int
	err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq) + 1, 0) FROM `+table+` WHERE action_id = $1`,
		actionID).Scan(&seq)
	return seq, err
}

// The single-item changes below each read and write only the rows of the item they add, replace or
// remove (and touch the plan, which on PostgreSQL locks it for the transaction), so that changes
// made by others since the plan was read, such as a note or a new status, are kept. Each records
// its change in the plan's history as SavePlan would record the same change (see plan.Diff).

// AddRecommendation adds rec to plan planID, numbered after the plan's highest recommendation
// number as it stands when the change is made (rec.Number is ignored), with any actions (with their
// notes and evidence) and measures it holds; the ids in rec are ignored. The recommendation must
// pass plan.Validate as part of its plan. It returns the recommendation as saved, with its number
// and ids. A plan that does not exist is ErrNotFound.
func (s *Store) AddRecommendation(ctx context.Context, author string, planID int64, rec plan.Recommendation) (plan.Recommendation, error) {
	fail := func(err error) (plan.Recommendation, error) {
		return plan.Recommendation{}, fmt.Errorf("add a recommendation to plan %d: %w", planID, err)
	}
	rec = copyPlan(plan.Plan{Recommendations: []plan.Recommendation{rec}}, true).Recommendations[0]
	for i := range rec.Measures {
		sortPoints(rec.Measures[i].Points)
	}
	now := time.Now()
	err := s.inChangeTx(ctx, func(tx *txn) error {
		if err := touchPlan(ctx, tx, planID, now); err != nil {
			return err
		}
		var prev plan.Plan
		if err := tx.QueryRowContext(ctx, `SELECT id, authority, title FROM plans WHERE id = $1`, planID).Scan(
			&prev.ID, &prev.Authority, &prev.Title); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(number), 0) + 1 FROM plan_recommendations
			WHERE plan_id = $1`, planID).Scan(&rec.Number); err != nil {
			return err
		}
		next := prev
		next.Recommendations = []plan.Recommendation{rec}
		if err := next.Validate(); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO plan_recommendations (plan_id, number, body)
			VALUES ($1, $2, $3) RETURNING id`, planID, rec.Number, rec.Text).Scan(&rec.ID); err != nil {
			return fmt.Errorf("recommendation %d: %w", rec.Number, err)
		}
		for j := range rec.Actions {
			if err := insertAction(ctx, tx, planID, rec.ID, j, &rec.Actions[j]); err != nil {
				return fmt.Errorf("recommendation %d, action %d: %w", rec.Number, j+1, err)
			}
		}
		for k, m := range rec.Measures {
			if err := insertMeasure(ctx, tx, rec.ID, k, m); err != nil {
				return fmt.Errorf("recommendation %d measure %s: %w", rec.Number, m.Indicator, err)
			}
		}
		next.Recommendations = []plan.Recommendation{rec}
		return addChanges(ctx, tx, planID, author, now, plan.Diff(prev, next))
	})
	if err != nil {
		return fail(err)
	}
	return rec, nil
}

// AddAction adds a to recommendation recommendationID, after its other actions, with its notes and
// evidence (a.ID is ignored), and records it in the plan's history under author. The action must
// pass plan.Action.Validate. It returns the new action's id. A recommendation that does not exist
// is ErrNotFound.
func (s *Store) AddAction(ctx context.Context, author string, recommendationID int64, a plan.Action) (int64, error) {
	fail := func(err error) (int64, error) {
		return 0, fmt.Errorf("add an action to recommendation id %d: %w", recommendationID, err)
	}
	if err := a.Validate(); err != nil {
		return fail(err)
	}
	a = copyPlan(plan.Plan{Recommendations: []plan.Recommendation{{Actions: []plan.Action{a}}}}, true).
		Recommendations[0].Actions[0]
	now := time.Now()
	err := s.inChangeTx(ctx, func(tx *txn) error {
		planID, number, err := touchRecommendationPlan(ctx, tx, recommendationID, now)
		if err != nil {
			return err
		}
		var seq int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq) + 1, 0) FROM plan_actions
			WHERE recommendation_id = $1`, recommendationID).Scan(&seq); err != nil {
			return err
		}
		if err := insertAction(ctx, tx, planID, recommendationID, seq, &a); err != nil {
			return err
		}
		prev, next := recChange(planID, number)
		next.Recommendations[0].Actions = []plan.Action{a}
		return addChanges(ctx, tx, planID, author, now, plan.Diff(prev, next))
	})
	if err != nil {
		return fail(err)
	}
	return a.ID, nil
}

// SetMeasure links measure m to recommendation recommendationID: when the recommendation already
// measures m.Indicator, its target points are replaced by m's (the measure keeps its place);
// otherwise the measure is added after the others. The change to the targets is recorded in the
// plan's history under author (as by SavePlan, nothing is recorded when the targets read the same,
// nor for a measure added without targets). The measure must pass plan.Measure.Validate. A
// recommendation that does not exist is ErrNotFound.
func (s *Store) SetMeasure(ctx context.Context, author string, recommendationID int64, m plan.Measure) error {
	fail := func(err error) error {
		return fmt.Errorf("set measure %s of recommendation id %d: %w", m.Indicator, recommendationID, err)
	}
	if err := m.Validate(); err != nil {
		return fail(err)
	}
	m.Points = slices.Clone(m.Points)
	sortPoints(m.Points)
	now := time.Now()
	err := s.inChangeTx(ctx, func(tx *txn) error {
		planID, number, err := touchRecommendationPlan(ctx, tx, recommendationID, now)
		if err != nil {
			return err
		}
		old, found, err := readMeasure(ctx, tx, recommendationID, m.Indicator)
		if err != nil {
			return err
		}
		if found {
			if _, err := tx.ExecContext(ctx, `DELETE FROM plan_measure_points WHERE recommendation_id = $1
				AND indicator = $2`, recommendationID, m.Indicator); err != nil {
				return err
			}
			if err := insertPoints(ctx, tx, recommendationID, m); err != nil {
				return err
			}
		} else {
			var seq int
			if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq) + 1, 0) FROM plan_measures
				WHERE recommendation_id = $1`, recommendationID).Scan(&seq); err != nil {
				return err
			}
			if err := insertMeasure(ctx, tx, recommendationID, seq, m); err != nil {
				return err
			}
		}
		prev, next := recChange(planID, number)
		if found {
			prev.Recommendations[0].Measures = []plan.Measure{old}
		}
		next.Recommendations[0].Measures = []plan.Measure{m}
		return addChanges(ctx, tx, planID, author, now, plan.Diff(prev, next))
	})
	if err != nil {
		return fail(err)
	}
	return nil
}

// RemoveMeasure unlinks the indicator from recommendation recommendationID, with its target points,
// and records the removal in the plan's history under author. A recommendation that does not
// exist, or that does not measure the indicator, is ErrNotFound.
func (s *Store) RemoveMeasure(ctx context.Context, author string, recommendationID int64, indicator string) error {
	fail := func(err error) error {
		return fmt.Errorf("remove measure %s of recommendation id %d: %w", indicator, recommendationID, err)
	}
	now := time.Now()
	err := s.inChangeTx(ctx, func(tx *txn) error {
		planID, number, err := touchRecommendationPlan(ctx, tx, recommendationID, now)
		if err != nil {
			return err
		}
		old, found, err := readMeasure(ctx, tx, recommendationID, indicator)
		if err != nil {
			return err
		}
		if !found {
			return fmt.Errorf("recommendation %d does not measure %s: %w", number, indicator, ErrNotFound)
		}
		for _, q := range []string{`DELETE FROM plan_measure_points WHERE recommendation_id = $1 AND indicator = $2`,
			`DELETE FROM plan_measures WHERE recommendation_id = $1 AND indicator = $2`} {
			if _, err := tx.ExecContext(ctx, q, recommendationID, indicator); err != nil {
				return err
			}
		}
		prev, next := recChange(planID, number)
		prev.Recommendations[0].Measures = []plan.Measure{old}
		return addChanges(ctx, tx, planID, author, now, plan.Diff(prev, next))
	})
	if err != nil {
		return fail(err)
	}
	return nil
}

// touchRecommendationPlan touches (and so locks) the plan of recommendation recID and returns the
// plan's id and the recommendation's number. A recommendation that does not exist is ErrNotFound.
func touchRecommendationPlan(ctx context.Context, tx *txn, recID int64, now time.Time) (planID int64, number int, err error) {
	read := func() error {
		err := tx.QueryRowContext(ctx, `SELECT plan_id, number FROM plan_recommendations WHERE id = $1`,
			recID).Scan(&planID, &number)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("recommendation id %d: %w", recID, ErrNotFound)
		}
		return err
	}
	if err := read(); err != nil {
		return 0, 0, err
	}
	if err := touchPlan(ctx, tx, planID, now); err != nil {
		return 0, 0, err
	}
	// Read it again now that the plan is locked: a save of the plan that held the lock may have
	// renumbered or deleted it.
	if err := read(); err != nil {
		return 0, 0, err
	}
	return planID, number, nil
}

// readMeasure returns recommendation recID's measure of the indicator ind, with its points in date
// order, and false when the recommendation does not measure it.
func readMeasure(ctx context.Context, tx *txn, recID int64, ind string) (plan.Measure, bool, error) {
	m := plan.Measure{Indicator: ind}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM plan_measures WHERE recommendation_id = $1
		AND indicator = $2`, recID, ind).Scan(&n); err != nil || n == 0 {
		return m, false, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT at_date, milestone, stretch FROM plan_measure_points
		WHERE recommendation_id = $1 AND indicator = $2 ORDER BY at_date`, recID, ind)
	if err != nil {
		return m, false, err
	}
	for rows.Next() {
		var pt plan.TargetPoint
		var ms, st sql.NullFloat64
		if err := rows.Scan(dateDest{&pt.At}, &ms, &st); err != nil {
			rows.Close()
			return m, false, err
		}
		pt.Milestone, pt.Stretch = nullable(ms), nullable(st)
		m.Points = append(m.Points, pt)
	}
	return m, true, closeRows(rows)
}

// recChange returns two versions of plan planID holding only recommendation number, with nothing in
// it: a change to the recommendation made to the second is described by plan.Diff as it would be
// for the whole plan.
func recChange(planID int64, number int) (prev, next plan.Plan) {
	prev = plan.Plan{ID: planID, Recommendations: []plan.Recommendation{{Number: number}}}
	next = plan.Plan{ID: planID, Recommendations: []plan.Recommendation{{Number: number}}}
	return prev, next
}

// sortPoints puts target points in date order, as they are read back.
func sortPoints(ps []plan.TargetPoint) {
	slices.SortStableFunc(ps, func(a, b plan.TargetPoint) int { return int(a.At) - int(b.At) })
}

// PlanHistory returns the history of plan planID, oldest first: every change recorded since it was
// created, including changes to actions since deleted, and its deletion. A plan with no history is
// an empty list, not an error.
func (s *Store) PlanHistory(ctx context.Context, planID int64) ([]plan.Change, error) {
	var out []plan.Change
	err := eachRow(ctx, s.db, `SELECT id, plan_id, action_id, changed_at, author, field, old_value, new_value
		FROM plan_changes WHERE plan_id = $1 ORDER BY id`, []any{planID}, func(scan func(...any) error) error {
		var c plan.Change
		var action sql.NullInt64
		var at string
		if err := scan(&c.ID, &c.PlanID, &action, &at, &c.Author, &c.Field, &c.Old, &c.New); err != nil {
			return err
		}
		c.ActionID = action.Int64
		t, err := parseTimestamp(at)
		if err != nil {
			return err
		}
		c.At = t
		out = append(out, c)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read history of plan %d: %w", planID, err)
	}
	return out, nil
}

// DeletePlan deletes plan id with everything in it, and records the deletion in its history (which
// is kept) under author. A plan that does not exist is ErrNotFound.
func (s *Store) DeletePlan(ctx context.Context, author string, id int64) error {
	now := time.Now()
	err := s.inChangeTx(ctx, func(tx *txn) error {
		var title string
		err := tx.QueryRowContext(ctx, `SELECT title FROM plans WHERE id = $1`, id).Scan(&title)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM plans WHERE id = $1`, id); err != nil {
			return err
		}
		return addChanges(ctx, tx, id, author, now, []plan.Change{{Field: "plan", Old: title}})
	})
	if err != nil {
		return fmt.Errorf("delete plan %d: %w", id, err)
	}
	return nil
}
