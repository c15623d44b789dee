package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"csperf/internal/finding"
	"csperf/internal/pseudo"
)

// Return types, as Snapshot.Return names them.
const (
	ReturnSSDA903   = "ssda903"
	ReturnCIN       = "cin"
	ReturnWorkforce = "workforce"
)

// StatusLoaded is the status of a snapshot saved without one.
const StatusLoaded = "loaded"

// SourceFile is one file a snapshot was loaded from.
type SourceFile struct {
	Name     string // as given by the user
	SHA256   string // hex checksum of the file's bytes
	Size     int64  // bytes
	Previous bool   // holds last year's tables, loaded with the return
}

// Snapshot is one load of one return for one authority. Saved snapshots are never changed.
type Snapshot struct {
	ID        int64
	Authority int    // DfE LA number
	Return    string // ReturnSSDA903, ReturnCIN or ReturnWorkforce
	Year      int    // collection year, named by its end
	LoadedAt  time.Time
	LoadedBy  string
	Status    string // StatusLoaded unless the loader says otherwise
	Note      string
	Files     []SourceFile
	// Counts holds the rows saved per table, by table name ("ssda903_episodes", "cin_children",
	// "findings" …); last year's 903 tables are counted under "<table>.previous". Filled by
	// Snapshots.
	Counts map[string]int
}

// createSnapshot inserts snap's row, files and counts, returning its new id. It fills in the
// authority and year when snap leaves them zero and checks them against the records' own.
func createSnapshot(ctx context.Context, tx *txn, snap *Snapshot, ret string, counts map[string]int) (int64, error) {
	if snap.Return != "" && snap.Return != ret {
		return 0, fmt.Errorf("snapshot is for return %q, not %q", snap.Return, ret)
	}
	if snap.Authority <= 0 {
		return 0, fmt.Errorf("snapshot has no authority")
	}
	if snap.Year <= 0 {
		return 0, fmt.Errorf("snapshot has no collection year")
	}
	loadedAt := snap.LoadedAt
	if loadedAt.IsZero() {
		loadedAt = time.Now()
	}
	status := snap.Status
	if status == "" {
		status = StatusLoaded
	}
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO snapshots
		(authority, return_type, collection_year, loaded_at, loaded_by, status, note)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		snap.Authority, ret, snap.Year, timestampVal(loadedAt), snap.LoadedBy, status, snap.Note).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("save snapshot: %w", err)
	}
	files := newBatch(tx, "snapshot_files", "snapshot_id", "seq", "name", "sha256", "size_bytes", "previous_year")
	for i, f := range snap.Files {
		if err := files.add(ctx, id, i, f.Name, f.SHA256, f.Size, boolVal(f.Previous)); err != nil {
			return 0, err
		}
	}
	if err := files.flush(ctx); err != nil {
		return 0, err
	}
	cb := newBatch(tx, "snapshot_counts", "snapshot_id", "tbl", "row_count")
	for _, tbl := range sortedKeys(counts) {
		if err := cb.add(ctx, id, tbl, counts[tbl]); err != nil {
			return 0, err
		}
	}
	if err := cb.flush(ctx); err != nil {
		return 0, err
	}
	return id, nil
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// reconcile settles the authority or year of a snapshot (*snapValue) against the one its records
// carry (fromData): a zero snapshot value takes the records' value; two non-zero values must agree.
func reconcile(what string, snapValue *int, fromData int) error {
	switch {
	case *snapValue == 0:
		*snapValue = fromData
	case fromData != 0 && fromData != *snapValue:
		return fmt.Errorf("snapshot %s %d does not match the data's %d", what, *snapValue, fromData)
	}
	return nil
}

// Snapshots lists the snapshots of authority (0: of every authority), oldest first, with their files
// and row counts.
func (s *Store) Snapshots(ctx context.Context, authority int) ([]Snapshot, error) {
	const where = ` WHERE ($1 = 0 OR s.authority = $1)`
	rows, err := s.db.QueryContext(ctx, `SELECT s.id, s.authority, s.return_type, s.collection_year,
		s.loaded_at, s.loaded_by, s.status, s.note FROM snapshots s`+where+` ORDER BY s.id`, authority)
	if err != nil {
		return nil, fmt.Errorf("list snapshots: %w", err)
	}
	var snaps []Snapshot
	index := map[int64]int{}
	for rows.Next() {
		var sn Snapshot
		var loadedAt string
		if err := rows.Scan(&sn.ID, &sn.Authority, &sn.Return, &sn.Year, &loadedAt, &sn.LoadedBy, &sn.Status,
			&sn.Note); err != nil {
			rows.Close()
			return nil, fmt.Errorf("list snapshots: %w", err)
		}
		if sn.LoadedAt, err = parseTimestamp(loadedAt); err != nil {
			rows.Close()
			return nil, fmt.Errorf("list snapshots: snapshot %d: %w", sn.ID, err)
		}
		sn.Counts = map[string]int{}
		index[sn.ID] = len(snaps)
		snaps = append(snaps, sn)
	}
	if err := closeRows(rows); err != nil {
		return nil, fmt.Errorf("list snapshots: %w", err)
	}

	rows, err = s.db.QueryContext(ctx, `SELECT f.snapshot_id, f.name, f.sha256, f.size_bytes, f.previous_year
		FROM snapshot_files f JOIN snapshots s ON s.id = f.snapshot_id`+where+` ORDER BY f.snapshot_id, f.seq`,
		authority)
	if err != nil {
		return nil, fmt.Errorf("list snapshot files: %w", err)
	}
	for rows.Next() {
		var id int64
		var f SourceFile
		if err := rows.Scan(&id, &f.Name, &f.SHA256, &f.Size, &f.Previous); err != nil {
			rows.Close()
			return nil, fmt.Errorf("list snapshot files: %w", err)
		}
		if i, ok := index[id]; ok { // a snapshot committed since the first query is left out
			snaps[i].Files = append(snaps[i].Files, f)
		}
	}
	if err := closeRows(rows); err != nil {
		return nil, fmt.Errorf("list snapshot files: %w", err)
	}

	rows, err = s.db.QueryContext(ctx, `SELECT c.snapshot_id, c.tbl, c.row_count
		FROM snapshot_counts c JOIN snapshots s ON s.id = c.snapshot_id`+where, authority)
	if err != nil {
		return nil, fmt.Errorf("list snapshot counts: %w", err)
	}
	for rows.Next() {
		var id int64
		var tbl string
		var n int
		if err := rows.Scan(&id, &tbl, &n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("list snapshot counts: %w", err)
		}
		if i, ok := index[id]; ok {
			snaps[i].Counts[tbl] = n
		}
	}
	if err := closeRows(rows); err != nil {
		return nil, fmt.Errorf("list snapshot counts: %w", err)
	}
	return snaps, nil
}

// closeRows closes rows and returns the error that ended the iteration, if any.
func closeRows(rows *sql.Rows) error {
	if err := rows.Err(); err != nil {
		rows.Close()
		return err
	}
	return rows.Close()
}

// SnapshotByChecksums returns the latest snapshot of return ret for authority and collection year
// whose source files have exactly the checksums sums (in any order), and whether there is one: a
// load of the same files again can then be refused or pointed to the earlier snapshot.
func (s *Store) SnapshotByChecksums(ctx context.Context, authority int, ret string, year int, sums []string) (int64, bool, error) {
	want := normalise(sums)
	rows, err := s.db.QueryContext(ctx, `SELECT s.id, f.sha256
		FROM snapshots s LEFT JOIN snapshot_files f ON f.snapshot_id = s.id
		WHERE s.authority = $1 AND s.return_type = $2 AND s.collection_year = $3
		ORDER BY s.id DESC`, authority, ret, year)
	if err != nil {
		return 0, false, fmt.Errorf("find snapshot by checksums: %w", err)
	}
	have := map[int64][]string{}
	var order []int64
	for rows.Next() {
		var id int64
		var sum sql.NullString
		if err := rows.Scan(&id, &sum); err != nil {
			rows.Close()
			return 0, false, fmt.Errorf("find snapshot by checksums: %w", err)
		}
		if _, seen := have[id]; !seen {
			order = append(order, id)
			have[id] = nil
		}
		if sum.Valid {
			have[id] = append(have[id], sum.String)
		}
	}
	if err := closeRows(rows); err != nil {
		return 0, false, fmt.Errorf("find snapshot by checksums: %w", err)
	}
	for _, id := range order {
		if slices.Equal(normalise(have[id]), want) {
			return id, true, nil
		}
	}
	return 0, false, nil
}

// normalise returns the distinct checksums in sums, lower case and sorted.
func normalise(sums []string) []string {
	out := make([]string, 0, len(sums))
	for _, s := range sums {
		out = append(out, strings.ToLower(strings.TrimSpace(s)))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// snapshotKind checks that snapshot id exists and holds return ret, returning its authority.
func (s *Store) snapshotKind(ctx context.Context, id int64, ret string) (int, error) {
	var authority int
	var kind string
	err := s.db.QueryRowContext(ctx, `SELECT authority, return_type FROM snapshots WHERE id = $1`, id).
		Scan(&authority, &kind)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && kind != ret) {
		return 0, fmt.Errorf("%s snapshot %d: %w", ret, id, ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("read snapshot %d: %w", id, err)
	}
	return authority, nil
}

// saveFindings inserts the findings of snapshot id, pseudonymising the children they name.
func saveFindings(ctx context.Context, tx *txn, id int64, la int, key *pseudo.Key, fs []finding.Finding) error {
	b := newBatch(tx, "findings", "snapshot_id", "seq", "rule", "severity", "file", "tbl", "row_num", "child",
		"child_key", "fields", "value", "message")
	for i, f := range fs {
		childKey := ""
		if f.Child != "" {
			childKey = key.Child(la, f.Child)
		}
		if err := b.add(ctx, id, i, f.Rule, string(f.Severity), f.File, f.Table, f.Row, f.Child, childKey,
			strings.Join(f.Fields, ","), f.Value, f.Message); err != nil {
			return err
		}
	}
	return b.flush(ctx)
}

// Findings returns the findings saved with snapshot id, in the order they were given. An empty list
// of fields reads back as nil.
func (s *Store) Findings(ctx context.Context, snapshotID int64) ([]finding.Finding, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT rule, severity, file, tbl, row_num, child, fields, value, message
		FROM findings WHERE snapshot_id = $1 ORDER BY seq`, snapshotID)
	if err != nil {
		return nil, fmt.Errorf("read findings of snapshot %d: %w", snapshotID, err)
	}
	var out []finding.Finding
	for rows.Next() {
		var f finding.Finding
		var fields string
		if err := rows.Scan(&f.Rule, &f.Severity, &f.File, &f.Table, &f.Row, &f.Child, &fields, &f.Value,
			&f.Message); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read findings of snapshot %d: %w", snapshotID, err)
		}
		if fields != "" {
			f.Fields = strings.Split(fields, ",")
		}
		out = append(out, f)
	}
	if err := closeRows(rows); err != nil {
		return nil, fmt.Errorf("read findings of snapshot %d: %w", snapshotID, err)
	}
	return out, nil
}
