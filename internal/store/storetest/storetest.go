// Package storetest opens fresh csperf stores for tests: a SQLite file in the test's temporary
// directory, and, when CSPERF_TEST_POSTGRES names a PostgreSQL database, a schema of its own in that
// database, dropped when the test ends, so that test binaries running in parallel never collide.
//
//	func TestSomething(t *testing.T) {
//		storetest.Each(t, func(t *testing.T, s *store.Store) { … })
//	}
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"csperf/internal/store"
)

// EnvPostgres names the environment variable holding the PostgreSQL URL tests may use, e.g.
// postgres://postgres@127.0.0.1:5432/test?sslmode=disable.
const EnvPostgres = "CSPERF_TEST_POSTGRES"

// runner is *testing.T or *testing.B.
type runner[T any] interface {
	testing.TB
	Run(name string, f func(T)) bool
}

// Each runs body as the subtests (or sub-benchmarks) "sqlite" and "postgres", each on a fresh store.
// The PostgreSQL one is skipped when CSPERF_TEST_POSTGRES is not set.
func Each[T runner[T]](t T, body func(t T, s *store.Store)) {
	t.Helper()
	t.Run("sqlite", func(t T) { body(t, SQLite(t)) })
	t.Run("postgres", func(t T) { body(t, Postgres(t)) })
}

// SQLite returns a store on a new SQLite file in tb's temporary directory, closed when tb ends.
func SQLite(tb testing.TB) *store.Store {
	tb.Helper()
	return open(tb, SQLiteDSN(tb))
}

// SQLiteDSN returns the path of a new SQLite file in tb's temporary directory, for tests that open
// the same database more than once.
func SQLiteDSN(tb testing.TB) string {
	tb.Helper()
	return filepath.Join(tb.TempDir(), "csperf.db")
}

// Postgres returns a store on a new, empty schema of the CSPERF_TEST_POSTGRES database, closed and
// dropped when tb ends. It skips tb when the variable is not set.
func Postgres(tb testing.TB) *store.Store {
	tb.Helper()
	return open(tb, PostgresDSN(tb))
}

// PostgresDSN creates a new schema in the CSPERF_TEST_POSTGRES database, drops it when tb ends, and
// returns a URL whose connections use it. It skips tb when the variable is not set.
func PostgresDSN(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv(EnvPostgres)
	if base == "" {
		tb.Skip(EnvPostgres + " not set: PostgreSQL tests skipped")
	}
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("%s is not a URL", EnvPostgres)
	}
	schema := "t_" + strings.ToLower(rand.Text())
	db, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatalf("open %s: %v", EnvPostgres, err)
	}
	if _, err := db.ExecContext(context.Background(), "CREATE SCHEMA "+schema); err != nil {
		db.Close()
		tb.Fatalf("create test schema: %v", err)
	}
	tb.Cleanup(func() {
		defer db.Close()
		if _, err := db.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			tb.Errorf("drop test schema %s: %v", schema, err)
		}
	})
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// open opens dsn and closes the store when tb ends (before a test schema is dropped, since cleanups
// run last first).
func open(tb testing.TB, dsn string) *store.Store {
	tb.Helper()
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("close store: %v", err)
		}
	})
	return s
}
