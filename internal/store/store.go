// Package store keeps csperf's data: authorities and their reference figures, and snapshots (one
// load of one return for one authority, immutable) with their child-level records and findings.
//
// One concrete Store works over database/sql on either SQLite (a file path; modernc.org/sqlite, no
// cgo) or PostgreSQL (a postgres:// URL; pgx). The SQL is written by hand once for both: $1
// placeholders, TEXT dates (ISO, NULL when blank) and timestamps (RFC 3339 UTC), INTEGER flags.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ErrNotFound reports a record that does not exist (or a snapshot that holds another kind of return).
var ErrNotFound = errors.New("not found")

// pingTimeout bounds the first contact with the database, so that a wrong address fails fast.
const pingTimeout = 5 * time.Second

// sqlitePragmas are applied by the driver to every pooled connection: write-ahead logging so readers
// never wait for a load, foreign keys enforced, a 5 s wait on a locked database, and NORMAL
// synchronisation (safe with WAL), and a 64 MB page cache so that a large load's transaction does not
// spill to the log while it runs (it halves the time to load a large CIN census). _txlock=immediate
// takes the write lock when a transaction begins, so two loads queue on the busy timeout instead of
// failing on a lock upgrade.
const sqlitePragmas = "_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)" +
	"&_pragma=synchronous(NORMAL)&_pragma=cache_size(-65536)&_txlock=immediate"

// Store is csperf's database.
type Store struct {
	db       *sql.DB
	postgres bool
}

// Open opens the database named by dsn and brings its schema up to date. A postgres:// or
// postgresql:// URL opens PostgreSQL; anything else is the path of a SQLite file, created when
// missing. Errors are one line and name the database without its password.
func Open(ctx context.Context, dsn string) (*Store, error) {
	s, err := open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	return s, nil
}

// open connects without migrating.
func open(ctx context.Context, dsn string) (*Store, error) {
	if isPostgres(dsn) {
		return openPostgres(ctx, dsn)
	}
	return openSQLite(ctx, dsn)
}

func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

func openPostgres(ctx context.Context, dsn string) (*Store, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		// url.Parse quotes its input, password included, so its error is not passed on.
		return nil, errors.New("cannot open PostgreSQL: the URL is not valid")
	}
	where := u.Host
	if where == "" {
		where = "the default host"
	}
	password, _ := u.User.Password()
	fail := func(err error) error {
		msg := oneLine(err.Error())
		if password != "" {
			msg = strings.ReplaceAll(msg, password, "xxxxx")
		}
		return fmt.Errorf("cannot reach PostgreSQL at %s: %s", where, msg)
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fail(err)
	}
	if err := ping(ctx, db); err != nil {
		db.Close()
		return nil, fail(err)
	}
	pool(db)
	return &Store{db: db, postgres: true}, nil
}

func openSQLite(ctx context.Context, path string) (*Store, error) {
	fail := func(err error) error {
		return fmt.Errorf("cannot open SQLite database %s: %s", path, oneLine(err.Error()))
	}
	if path == "" {
		return nil, errors.New("cannot open SQLite database: no path given")
	}
	if strings.ContainsAny(path, "?#") || strings.HasPrefix(path, "file:") || strings.HasPrefix(path, ":memory:") {
		return nil, fail(errors.New("give a plain file path (without '?', '#' or a file: prefix)"))
	}
	// SQLite's own message for a missing or unusable directory is "unable to open database file";
	// say which.
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil {
		return nil, fail(err)
	} else if !fi.IsDir() {
		return nil, fail(fmt.Errorf("%s is not a directory", dir))
	}
	db, err := sql.Open("sqlite", path+"?"+sqlitePragmas)
	if err != nil {
		return nil, fail(err)
	}
	if err := ping(ctx, db); err != nil {
		db.Close()
		return nil, fail(err)
	}
	pool(db)
	return &Store{db: db}, nil
}

// pool sizes the connection pool for a web server's concurrent reads: database/sql keeps only two
// idle connections by default, so under load connections are opened and closed all the time (a new
// backend process for PostgreSQL, pragmas and schema parsing for SQLite). Open connections are not
// capped (a cap could deadlock a reader that queries while iterating); PostgreSQL's own
// max_connections is the bound, and a pooler in front of it is the path for large deployments.
func pool(db *sql.DB) {
	db.SetMaxIdleConns(maxIdle)
	db.SetConnMaxIdleTime(5 * time.Minute)
}

// maxIdle is how many idle connections one csperf process keeps.
const maxIdle = 32

func ping(ctx context.Context, db *sql.DB) error {
	ctx, cancel := context.WithTimeout(ctx, pingTimeout)
	defer cancel()
	return db.PingContext(ctx)
}

// oneLine folds a multi-line message onto one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// migrate applies the embedded migrations with goose's Provider API.
func (s *Store) migrate(ctx context.Context) error {
	dialect := goose.DialectSQLite3
	opts := []goose.ProviderOption{
		goose.WithDisableGlobalRegistry(true),
		goose.WithLogger(goose.NopLogger()),
	}
	if s.postgres {
		dialect = goose.DialectPostgres
		// An advisory lock keeps two csperf processes starting together from migrating the same
		// schema at once; its id is derived from the schema, so that stores in other schemas of
		// the database (tests, other deployments) do not wait on it. Retry every second for up to
		// two minutes.
		var schema sql.NullString
		if err := s.db.QueryRowContext(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		id := fnv.New64a()
		id.Write([]byte("csperf migrations " + schema.String))
		locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(int64(id.Sum64())), lock.WithLockTimeout(1, 120))
		if err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(dialect, s.db, migrations(s.postgres), opts...)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	results, err := p.Up(ctx)
	if err != nil {
		return fmt.Errorf("migrate %s: %w", s.Dialect(), err)
	}
	for _, r := range results {
		slog.DebugContext(ctx, "store: applied migration", "dialect", s.Dialect(), "source", r.Source.Path,
			"duration", r.Duration)
	}
	return nil
}

// Dialect returns "postgres" or "sqlite".
func (s *Store) Dialect() string {
	if s.postgres {
		return "postgres"
	}
	return "sqlite"
}

// Close closes the database.
func (s *Store) Close() error {
	return s.db.Close()
}

// inChangeTx is inTx for writes that change what pages show: it also bumps the data generation in
// the same transaction (see Generation).
func (s *Store) inChangeTx(ctx context.Context, fn func(tx *txn) error) error {
	return s.inTx(ctx, func(tx *txn) error {
		if err := fn(tx); err != nil {
			return err
		}
		return touch(ctx, tx)
	})
}

// inTx runs fn in one transaction, committing when it returns nil and rolling back otherwise.
func (s *Store) inTx(ctx context.Context, fn func(tx *txn) error) error {
	sqlTx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	tx := &txn{Tx: sqlTx, batchRows: sqliteBatchRows}
	if s.postgres {
		tx.batchRows = postgresBatchRows
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}
