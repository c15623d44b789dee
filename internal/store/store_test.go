package store_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"csperf/internal/authority"
	"csperf/internal/finding"
	"csperf/internal/ssda903"
	"csperf/internal/store"
	"csperf/internal/store/storetest"
)

// eachRaw runs body on a fresh store of each database, with a second, plain connection to the same
// database for checking what was stored.
func eachRaw(t *testing.T, body func(t *testing.T, s *store.Store, db *sql.DB)) {
	t.Run("sqlite", func(t *testing.T) {
		dsn := storetest.SQLiteDSN(t)
		s := openStore(t, dsn)
		body(t, s, rawDB(t, "sqlite", dsn))
	})
	t.Run("postgres", func(t *testing.T) {
		dsn := storetest.PostgresDSN(t)
		s := openStore(t, dsn)
		body(t, s, rawDB(t, "pgx", dsn))
	})
}

func openStore(t *testing.T, dsn string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func rawDB(t *testing.T, driver, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func count(t *testing.T, db *sql.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func TestSSDA903RoundTrip(t *testing.T) {
	eachRaw(t, func(t *testing.T, s *store.Store, db *sql.DB) {
		ctx := context.Background()
		key := testKey()
		want := fullReturn()
		fs := someFindings()
		id, err := s.SaveSSDA903(ctx, store.Snapshot{LoadedBy: "analyst@857"}, want, fs, key)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.SSDA903(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("SSDA903 round trip:\n got %+v\nwant %+v", got, want)
			if !reflect.DeepEqual(got.Previous, want.Previous) {
				t.Errorf("Previous:\n got %+v\nwant %+v", got.Previous, want.Previous)
			}
		}
		gotFs, err := s.Findings(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(gotFs, fs) {
			t.Errorf("Findings:\n got %+v\nwant %+v", gotFs, fs)
		}

		// Every stored child key is the pseudonym of the stored child.
		for _, table := range []string{"ssda903_header", "ssda903_episodes", "ssda903_reviews", "ssda903_uasc",
			"ssda903_oc2", "ssda903_oc3", "ssda903_ad1", "ssda903_placed_adoption", "ssda903_prev_perm",
			"ssda903_missing", "ssda903_sw_episodes", "findings"} {
			rows, err := db.Query("SELECT child, child_key FROM "+table+" WHERE snapshot_id = $1", id)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for rows.Next() {
				var child, childKey string
				if err := rows.Scan(&child, &childKey); err != nil {
					t.Fatal(err)
				}
				n++
				want := ""
				if child != "" {
					want = key.Child(857, child)
				}
				if childKey != want {
					t.Errorf("%s: child %q stored with key %q, want %q", table, child, childKey, want)
				}
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			rows.Close()
			if n == 0 {
				t.Errorf("%s: no rows", table)
			}
		}
		// Blank dates are NULL; dates are ISO text.
		if n := count(t, db, `SELECT COUNT(*) FROM ssda903_episodes WHERE snapshot_id = $1 AND previous_year = 0
			AND dec IS NULL`, id); n != 1 {
			t.Errorf("episodes with a NULL DEC = %d, want 1", n)
		}
		if n := count(t, db, `SELECT COUNT(*) FROM ssda903_episodes WHERE snapshot_id = $1 AND decom = '2024-09-30'`,
			id); n != 1 {
			t.Errorf("episodes starting 2024-09-30 = %d, want 1", n)
		}
	})
}

func TestSSDA903WithoutPrevious(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		want := fullReturn()
		want.Previous = nil
		want.UASC = nil // an empty table reads back as nil
		id, err := s.SaveSSDA903(ctx, store.Snapshot{}, want, nil, testKey())
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.SSDA903(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("round trip:\n got %+v\nwant %+v", got, want)
		}
		fs, err := s.Findings(ctx, id)
		if err != nil || fs != nil {
			t.Errorf("Findings = %v, %v; want none", fs, err)
		}
	})
}

func TestCINRoundTrip(t *testing.T) {
	eachRaw(t, func(t *testing.T, s *store.Store, db *sql.DB) {
		ctx := context.Background()
		key := testKey()
		want := fullCensus()
		fs := []finding.Finding{{Rule: "8608", Severity: finding.Error, File: "cin.xml", Table: "Assessments",
			Row: 21, Child: "DDS-1", Fields: []string{"AssessmentAuthorisationDate"}, Value: "2024-06-20",
			Message: "The assessment was authorised more than 45 working days after the referral."}}
		id, err := s.SaveCIN(ctx, store.Snapshot{}, want, fs, key)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.CIN(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("CIN round trip:\n got %+v\nwant %+v", got, want)
		}
		gotFs, err := s.Findings(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(gotFs, fs) {
			t.Errorf("Findings:\n got %+v\nwant %+v", gotFs, fs)
		}
		for _, table := range []string{"cin_children", "cin_disabilities", "cin_details", "cin_assessments",
			"cin_assessment_factors", "cin_plans", "cin_section47", "cin_cp_plans", "cin_cp_reviews"} {
			if n := count(t, db, "SELECT COUNT(*) FROM "+table+" WHERE snapshot_id = $1", id); n == 0 {
				t.Errorf("%s: no rows", table)
			}
			if n := count(t, db, "SELECT COUNT(*) FROM "+table+" WHERE snapshot_id = $1 AND child_key <> $2 AND child = $3",
				id, key.Child(857, "DDS-1"), "DDS-1"); n != 0 {
				t.Errorf("%s: %d rows of DDS-1 with a wrong child_key", table, n)
			}
		}
		// Drill-down by pseudonym finds the child's factors.
		if n := count(t, db, "SELECT COUNT(*) FROM cin_assessment_factors WHERE snapshot_id = $1 AND child_key = $2",
			id, key.Child(857, "DDS-1")); n != 3 {
			t.Errorf("factors of DDS-1 = %d, want 3", n)
		}
	})
}

func TestWorkforceRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		want := fullWorkforce()
		id, err := s.SaveWorkforce(ctx, store.Snapshot{}, want)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Workforce(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Workforce round trip:\n got %+v\nwant %+v", got, want)
		}
		if _, err := s.SSDA903(ctx, id); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("SSDA903 of a workforce snapshot: err = %v, want ErrNotFound", err)
		}
		if _, err := s.CIN(ctx, 999); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("CIN of a missing snapshot: err = %v, want ErrNotFound", err)
		}
	})
}

func TestAuthorities(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		old := []authority.Authority{
			{Number: 857, ONSCode: "E06000017", Name: "Rutland", Region: "East Midlands",
				Population: map[int]int{2024: 7300}, Neighbours: []int{935, 936, 937}},
			{Number: 935, ONSCode: "E10000029", Name: "Suffolk", Region: "East of England"},
		}
		if err := s.UpsertAuthorities(ctx, old, "2024"); err != nil {
			t.Fatal(err)
		}
		neighbours := []int{935, 874, 908, 909, 886, 865, 850, 916, 933, 840}
		current := []authority.Authority{
			{Number: 857, ONSCode: "E06000017", Name: "Rutland County", Region: "East Midlands",
				Population: map[int]int{2025: 7412, 2024: 7350}, Neighbours: neighbours},
			{Number: 935, ONSCode: "E10000029", Name: "Suffolk", Region: "East of England",
				Population: map[int]int{2025: 152000}},
		}
		if err := s.UpsertAuthorities(ctx, current, "2025"); err != nil {
			t.Fatal(err)
		}
		got, err := s.Authorities(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, current) {
			t.Errorf("Authorities(latest):\n got %+v\nwant %+v", got, current)
		}
		got, err = s.Authorities(ctx, "2024")
		if err != nil {
			t.Fatal(err)
		}
		if want := []int{935, 936, 937}; !reflect.DeepEqual(got[0].Neighbours, want) || got[1].Neighbours != nil {
			t.Errorf("Authorities(2024) neighbours = %v, %v; want %v, none", got[0].Neighbours, got[1].Neighbours, want)
		}
		tooMany := []authority.Authority{{Number: 857, Name: "Rutland", Neighbours: make([]int, 11)}}
		if err := s.UpsertAuthorities(ctx, tooMany, "2025"); err == nil {
			t.Error("11 neighbours accepted")
		}
		got, err = s.Authorities(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, current) {
			t.Errorf("a failed upsert changed the authorities:\n got %+v\nwant %+v", got, current)
		}
	})
}

func TestSnapshots(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		key := testKey()
		at := time.Date(2025, 5, 2, 9, 30, 15, 123456789, time.FixedZone("BST", 3600))
		files := []store.SourceFile{
			{Name: "header.csv", SHA256: "aa01", Size: 1200},
			{Name: "episodes.csv", SHA256: "bb02", Size: 34000},
			{Name: "header_last.csv", SHA256: "cc03", Size: 1100, Previous: true},
		}
		r := fullReturn()
		id903, err := s.SaveSSDA903(ctx, store.Snapshot{LoadedAt: at, LoadedBy: "ana", Note: "first load",
			Files: files}, r, someFindings(), key)
		if err != nil {
			t.Fatal(err)
		}
		idCIN, err := s.SaveCIN(ctx, store.Snapshot{Files: []store.SourceFile{{Name: "cin.xml", SHA256: "dd04", Size: 99}}},
			fullCensus(), nil, key)
		if err != nil {
			t.Fatal(err)
		}
		other := fullWorkforce()
		other[0].Authority = 935
		idWF, err := s.SaveWorkforce(ctx, store.Snapshot{Status: "draft"}, other)
		if err != nil {
			t.Fatal(err)
		}

		all, err := s.Snapshots(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 3 || all[0].ID != id903 || all[1].ID != idCIN || all[2].ID != idWF {
			t.Fatalf("Snapshots(0) = %+v, want ids %d, %d, %d", all, id903, idCIN, idWF)
		}
		want := store.Snapshot{
			ID: id903, Authority: 857, Return: store.ReturnSSDA903, Year: 2025,
			LoadedAt: time.Date(2025, 5, 2, 8, 30, 15, 123456000, time.UTC), LoadedBy: "ana", Status: store.StatusLoaded,
			Note: "first load", Files: files,
			Counts: map[string]int{
				"ssda903_header": 2, "ssda903_episodes": 3, "ssda903_reviews": 2, "ssda903_uasc": 1, "ssda903_oc2": 3,
				"ssda903_oc3": 1, "ssda903_ad1": 1, "ssda903_placed_adoption": 1, "ssda903_prev_perm": 1,
				"ssda903_missing": 2, "ssda903_sw_episodes": 2, "findings": 3,
				"ssda903_header.previous": 1, "ssda903_episodes.previous": 1, "ssda903_reviews.previous": 1,
				"ssda903_uasc.previous": 1, "ssda903_oc2.previous": 1, "ssda903_oc3.previous": 1,
				"ssda903_ad1.previous": 1, "ssda903_placed_adoption.previous": 1, "ssda903_prev_perm.previous": 1,
				"ssda903_missing.previous": 1, "ssda903_sw_episodes.previous": 1,
			},
		}
		if !reflect.DeepEqual(all[0], want) {
			t.Errorf("903 snapshot:\n got %+v\nwant %+v", all[0], want)
		}
		wantCIN := map[string]int{"cin_children": 3, "cin_disabilities": 3, "cin_details": 3, "cin_assessments": 2,
			"cin_assessment_factors": 3, "cin_plans": 1, "cin_section47": 2, "cin_cp_plans": 2, "cin_cp_reviews": 3,
			"findings": 0}
		if c := all[1]; c.Return != store.ReturnCIN || c.Authority != 857 || c.Year != 2025 ||
			!reflect.DeepEqual(c.Counts, wantCIN) || len(c.Files) != 1 || c.Files[0].SHA256 != "dd04" {
			t.Errorf("CIN snapshot = %+v, want counts %v and file dd04", c, wantCIN)
		}
		if time.Since(all[1].LoadedAt) > time.Minute || all[1].LoadedAt.Location() != time.UTC {
			t.Errorf("default LoadedAt = %v, want now in UTC", all[1].LoadedAt)
		}
		if w := all[2]; w.Authority != 935 || w.Status != "draft" || w.Files != nil ||
			!reflect.DeepEqual(w.Counts, map[string]int{"workforce": 1}) {
			t.Errorf("workforce snapshot = %+v", w)
		}

		mine, err := s.Snapshots(ctx, 857)
		if err != nil {
			t.Fatal(err)
		}
		if len(mine) != 2 || mine[0].ID != id903 || mine[1].ID != idCIN {
			t.Errorf("Snapshots(857) = %+v, want the 903 and CIN snapshots", mine)
		}
		none, err := s.Snapshots(ctx, 111)
		if err != nil || len(none) != 0 {
			t.Errorf("Snapshots(111) = %v, %v; want none", none, err)
		}
	})
}

func TestSnapshotByChecksums(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		key := testKey()
		snap := store.Snapshot{Files: []store.SourceFile{{Name: "a.csv", SHA256: "aaaa"}, {Name: "b.csv", SHA256: "bbbb"}}}
		first, err := s.SaveSSDA903(ctx, snap, fullReturn(), nil, key)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveSSDA903(ctx, store.Snapshot{Files: []store.SourceFile{{Name: "a.csv", SHA256: "aaaa"}}},
			fullReturn(), nil, key); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			la   int
			ret  string
			year int
			sums []string
			want int64
		}{
			{857, store.ReturnSSDA903, 2025, []string{"bbbb", "aaaa"}, first},
			{857, store.ReturnSSDA903, 2025, []string{"AAAA", "BBBB", "aaaa"}, first},
			{857, store.ReturnSSDA903, 2025, []string{"aaaa", "bbbb", "cccc"}, 0},
			{857, store.ReturnSSDA903, 2024, []string{"aaaa", "bbbb"}, 0},
			{857, store.ReturnCIN, 2025, []string{"aaaa", "bbbb"}, 0},
			{858, store.ReturnSSDA903, 2025, []string{"aaaa", "bbbb"}, 0},
		} {
			id, ok, err := s.SnapshotByChecksums(ctx, c.la, c.ret, c.year, c.sums)
			if err != nil {
				t.Fatal(err)
			}
			if id != c.want || ok != (c.want != 0) {
				t.Errorf("SnapshotByChecksums(%d, %s, %d, %v) = %d, %v; want %d", c.la, c.ret, c.year, c.sums, id, ok, c.want)
			}
		}
		// The second load (only a.csv) is found for its own set.
		id, ok, err := s.SnapshotByChecksums(ctx, 857, store.ReturnSSDA903, 2025, []string{"aaaa"})
		if err != nil || !ok || id == first {
			t.Errorf("SnapshotByChecksums(aaaa) = %d, %v, %v; want the second snapshot", id, ok, err)
		}
	})
}

// bigReturn is a return of n children with two episodes each.
func bigReturn(n int) *ssda903.Return {
	r := &ssda903.Return{Authority: 857, Year: 2025}
	for i := range n {
		child := "C" + strconv.Itoa(100000+i)
		r.Header = append(r.Header, ssda903.Header{Row: i + 2, Child: child, Sex: "1", DOB: day(2010, 1, 1+i%28)})
		r.Episodes = append(r.Episodes,
			ssda903.Episode{Row: 2*i + 2, Child: child, DECOM: day(2024, 4, 1+i%28), RNE: "S", LS: "C2", REC: "X1"},
			ssda903.Episode{Row: 2*i + 3, Child: child, DECOM: day(2024, 10, 1+i%28), RNE: "P", LS: "C2"})
	}
	return r
}

func TestSaveRollsBack(t *testing.T) {
	eachRaw(t, func(t *testing.T, s *store.Store, db *sql.DB) {
		ctx := context.Background()
		key := testKey()
		first, err := s.SaveSSDA903(ctx, store.Snapshot{}, fullReturn(), someFindings(), key)
		if err != nil {
			t.Fatal(err)
		}
		before, err := s.Snapshots(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		rowsBefore := count(t, db, "SELECT COUNT(*) FROM ssda903_episodes")

		// A finding with an unknown severity violates a constraint after thousands of rows are in.
		bad := someFindings()
		bad = append(bad, finding.Finding{Rule: "x", Severity: "fatal", Message: "not a severity"})
		_, err = s.SaveSSDA903(ctx, store.Snapshot{Files: []store.SourceFile{{Name: "e.csv", SHA256: "ee"}}},
			bigReturn(3000), bad, key)
		if err == nil {
			t.Fatal("a finding of severity \"fatal\" was saved")
		}
		if !strings.Contains(err.Error(), "findings") {
			t.Errorf("error %q does not name the findings table", err)
		}

		// A context cancelled part-way through.
		cctx, cancel := context.WithCancel(ctx)
		big := bigReturn(3000)
		done := make(chan error, 1)
		go func() {
			_, err := s.SaveSSDA903(&cancelAfter{Context: cctx, n: 40, cancel: cancel}, store.Snapshot{}, big, nil, key)
			done <- err
		}()
		if err := <-done; err == nil {
			t.Error("save with a context cancelled part-way succeeded")
		}
		cancel()

		after, err := s.Snapshots(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(after, before) {
			t.Errorf("snapshots after failed saves:\n got %+v\nwant %+v", after, before)
		}
		if n := count(t, db, "SELECT COUNT(*) FROM ssda903_episodes"); n != rowsBefore {
			t.Errorf("episodes rows = %d after failed saves, want %d", n, rowsBefore)
		}
		for _, table := range []string{"snapshot_files", "findings", "ssda903_header", "ssda903_returns", "snapshot_counts"} {
			if n := count(t, db, "SELECT COUNT(*) FROM "+table+" WHERE snapshot_id <> $1", first); n != 0 {
				t.Errorf("%s holds %d rows of failed saves", table, n)
			}
		}
		got, err := s.SSDA903(ctx, first)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, fullReturn()) {
			t.Error("the earlier snapshot changed")
		}
		// The store still works.
		if _, err := s.SaveSSDA903(ctx, store.Snapshot{}, bigReturn(10), nil, key); err != nil {
			t.Fatal(err)
		}
	})
}

// cancelAfter is a context that cancels itself once its Done channel has been asked for n times,
// that is, part-way through a save.
type cancelAfter struct {
	context.Context
	mu     sync.Mutex
	n      int
	cancel context.CancelFunc
}

func (c *cancelAfter) Done() <-chan struct{} {
	c.mu.Lock()
	c.n--
	if c.n == 0 {
		c.cancel()
	}
	c.mu.Unlock()
	return c.Context.Done()
}

func TestConcurrentSaves(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		key := testKey()
		var wg sync.WaitGroup
		ids := make([]int64, 4)
		errs := make([]error, 4)
		for i := range ids {
			wg.Go(func() {
				ids[i], errs[i] = s.SaveSSDA903(ctx, store.Snapshot{}, bigReturn(500), nil, key)
			})
		}
		wg.Wait()
		seen := map[int64]bool{}
		for i, err := range errs {
			if err != nil {
				t.Fatalf("save %d: %v", i, err)
			}
			if seen[ids[i]] {
				t.Errorf("id %d handed out twice", ids[i])
			}
			seen[ids[i]] = true
		}
		for id := range seen {
			r, err := s.SSDA903(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Episodes) != 1000 {
				t.Errorf("snapshot %d has %d episodes, want 1000", id, len(r.Episodes))
			}
		}
	})
}

func TestOpenTwice(t *testing.T) {
	for _, c := range []struct {
		name string
		dsn  func(testing.TB) string
	}{{"sqlite", storetest.SQLiteDSN}, {"postgres", storetest.PostgresDSN}} {
		t.Run(c.name, func(t *testing.T) {
			dsn := c.dsn(t)
			s := openStore(t, dsn)
			id, err := s.SaveWorkforce(context.Background(), store.Snapshot{}, fullWorkforce())
			if err != nil {
				t.Fatal(err)
			}
			s.Close()
			s = openStore(t, dsn) // migrations already applied
			if _, err := s.Workforce(context.Background(), id); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestOpenUnreachablePostgres(t *testing.T) {
	start := time.Now()
	s, err := store.Open(context.Background(), "postgres://csperf:s3cretpass@127.0.0.1:1/csperf?sslmode=disable")
	if err == nil {
		s.Close()
		t.Fatal("Open of port 1 succeeded")
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "cannot reach PostgreSQL at 127.0.0.1:1: ") {
		t.Errorf("error %q does not name the server", msg)
	}
	if strings.Contains(msg, "s3cretpass") || strings.Contains(msg, "\n") {
		t.Errorf("error %q shows the password or spans lines", msg)
	}
	if d := time.Since(start); d > 6*time.Second {
		t.Errorf("Open took %v", d)
	}
	t.Log(msg)
}

func TestOpenUnwritableSQLite(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, []byte(strings.Repeat("not a database\n", 300)), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{
		filepath.Join(file, "csperf.db"),           // parent is a file
		filepath.Join(dir, "missing", "csperf.db"), // parent does not exist
		dir,  // a directory
		file, // not a database
	} {
		s, err := store.Open(context.Background(), path)
		if err == nil {
			s.Close()
			t.Errorf("Open(%s) succeeded", path)
			continue
		}
		if msg := err.Error(); !strings.HasPrefix(msg, "cannot open SQLite database "+path+": ") &&
			!strings.Contains(msg, path) || strings.Contains(msg, "\n") {
			t.Errorf("Open(%s): error %q does not name the file on one line", path, msg)
		}
		t.Log(err)
	}
}
