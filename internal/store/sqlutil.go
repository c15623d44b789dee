package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"csperf/internal/calendar"
)

// maxParams bounds the parameters of one statement: SQLite allows 32,766 and PostgreSQL 65,535.
const maxParams = 32000

// Rows per INSERT statement. PostgreSQL gains from few round trips. SQLite has none to save, and it
// finds each numbered parameter ($1 …) by a walk along a list, when parsing and again when binding,
// so a statement costs the square of its parameters: there a prepared one-row INSERT is fastest.
const (
	postgresBatchRows = 500
	sqliteBatchRows   = 1
)

// txn is a transaction of a store.
type txn struct {
	*sql.Tx
	batchRows int // rows per multi-row INSERT
}

// batch inserts rows into one table with multi-row INSERT statements inside a transaction: the
// statement for a full batch is prepared once and reused. Rows are buffered until a statement is
// full or flush is called.
type batch struct {
	tx      *txn
	table   string
	cols    []string
	perStmt int       // rows per full statement
	full    *sql.Stmt // prepared on first use
	args    []any
	rows    int // rows buffered
	written int // rows written
}

func newBatch(tx *txn, table string, cols ...string) *batch {
	per := min(maxParams/len(cols), tx.batchRows)
	return &batch{tx: tx, table: table, cols: cols, perStmt: per, args: make([]any, 0, per*len(cols))}
}

// add buffers one row; vals are in the order of the batch's columns.
func (b *batch) add(ctx context.Context, vals ...any) error {
	if len(vals) != len(b.cols) {
		return fmt.Errorf("insert into %s: %d values for %d columns", b.table, len(vals), len(b.cols))
	}
	b.args = append(b.args, vals...)
	b.rows++
	if b.rows == b.perStmt {
		return b.flush(ctx)
	}
	return nil
}

// flush writes the buffered rows.
func (b *batch) flush(ctx context.Context) error {
	if b.rows == 0 {
		return nil
	}
	var err error
	switch {
	case b.rows < b.perStmt:
		_, err = b.tx.ExecContext(ctx, insertSQL(b.table, b.cols, b.rows), b.args...)
	case b.full == nil:
		// The statement is closed with the transaction.
		if b.full, err = b.tx.PrepareContext(ctx, insertSQL(b.table, b.cols, b.perStmt)); err != nil {
			break
		}
		fallthrough
	default:
		_, err = b.full.ExecContext(ctx, b.args...)
	}
	if err != nil {
		if b.rows == 1 {
			return fmt.Errorf("save %s record %d: %w", b.table, b.written+1, err)
		}
		return fmt.Errorf("save %s records %d–%d: %w", b.table, b.written+1, b.written+b.rows, err)
	}
	b.written += b.rows
	b.rows = 0
	clear(b.args)
	b.args = b.args[:0]
	return nil
}

// insertSQL returns INSERT INTO table (cols) VALUES ($1, …), (…) for rows rows.
func insertSQL(table string, cols []string, rows int) string {
	var q strings.Builder
	q.Grow(32 + len(table) + 16*len(cols) + rows*len(cols)*7)
	q.WriteString("INSERT INTO ")
	q.WriteString(table)
	q.WriteString(" (")
	q.WriteString(strings.Join(cols, ", "))
	q.WriteString(") VALUES ")
	n := 1
	for r := range rows {
		if r > 0 {
			q.WriteString(", ")
		}
		q.WriteByte('(')
		for c := range cols {
			if c > 0 {
				q.WriteString(", ")
			}
			q.WriteByte('$')
			q.WriteString(strconv.Itoa(n))
			n++
		}
		q.WriteByte(')')
	}
	return q.String()
}

// dateVal is the column value of a date: ISO text, or NULL when blank.
func dateVal(d calendar.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

// boolVal is the column value of a flag.
func boolVal(b bool) int {
	if b {
		return 1
	}
	return 0
}

// intPtrVal is the column value of an optional number: NULL when nil.
func intPtrVal(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

// dateDest scans a nullable ISO date column into a calendar.Date.
type dateDest struct{ d *calendar.Date }

func (s dateDest) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		*s.d = 0
		return nil
	case string:
		d, err := calendar.ParseISO(v)
		*s.d = d
		return err
	case []byte:
		d, err := calendar.ParseISO(string(v))
		*s.d = d
		return err
	}
	return fmt.Errorf("cannot read a date from %T", v)
}

// intPtrDest scans a nullable integer column into an optional number.
type intPtrDest struct{ p **int }

func (s intPtrDest) Scan(v any) error {
	var n sql.NullInt64
	if err := n.Scan(v); err != nil {
		return err
	}
	*s.p = nil
	if n.Valid {
		i := int(n.Int64)
		*s.p = &i
	}
	return nil
}

// timestampLayout writes timestamps in RFC 3339, UTC, with a fixed number of digits so that the text
// sorts as the time does.
const timestampLayout = "2006-01-02T15:04:05.000000Z07:00"

func timestampVal(t time.Time) string { return t.UTC().Format(timestampLayout) }

func parseTimestamp(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, err
	}
	return t.UTC(), nil
}

// querier runs queries: the database, or a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}
