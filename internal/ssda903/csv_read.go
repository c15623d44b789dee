package ssda903

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"csperf/internal/finding"
)

// Input is one CSV file to read.
type Input struct {
	Name     string    // the file's name as the user knows it; findings and errors name it
	Data     io.Reader // the file's bytes
	Previous bool      // the file holds one of last year's tables
}

// MaxLine is the longest line, in bytes, the CSV reader accepts: a longer run of bytes without a line
// break is not a table export, and reading stops there rather than holding it in memory.
const MaxLine = 1 << 20

// ReadCSV reads the tables of a return from CSV files, one table per file, each recognised by its set
// of columns whatever the file is called. Previous-year files go into Return.Previous (nil when none).
//
// Problems with values (a date that is not a date, a code not in the list, a blank where one is not
// allowed, a child twice in a one-row-per-child table, an extra column) are findings; the row is kept.
// An error means a file could not be read as a table at all (empty, binary, malformed CSV, columns of
// no table, a required column missing, two files for one table); it names the file and row, and no
// Return is given.
func ReadCSV(inputs []Input) (*Return, []finding.Finding, error) {
	cur := &Return{}
	var prev *Return
	c := &checker{}
	seen := [2]map[Table]string{{}, {}} // current, previous: table → file
	for _, in := range inputs {
		r, s := cur, seen[0]
		if in.Previous {
			if prev == nil {
				prev = &Return{}
			}
			r, s = prev, seen[1]
		}
		if err := readCSVFile(c, r, in, s); err != nil {
			return nil, nil, err
		}
	}
	cur.Previous = prev
	cur.Files = seen[0]
	if prev != nil {
		prev.Files = seen[1]
	}
	return cur, c.out, nil
}

// readCSVFile reads one file into r, recording its table in seen.
func readCSVFile(c *checker, r *Return, in Input, seen map[Table]string) error {
	lim := &lineLimit{r: in.Data, line: 1, start: 1}
	br := bufio.NewReaderSize(lim, 64<<10)
	if err := sniff(br, in.Name); err != nil {
		return err
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	cr.TrimLeadingSpace = true

	// The header: the first line that is not blank.
	var rec []string
	var err error
	for {
		rec, err = cr.Read()
		if err == io.EOF {
			return fmt.Errorf("%s: the file is empty: it has no header line of column names", in.Name)
		}
		if err != nil {
			return csvError(in.Name, err)
		}
		if !allBlank(rec) {
			break
		}
	}
	headerRow, _ := cr.FieldPos(0)
	header := make([]string, len(rec))
	for i, h := range rec {
		header[i] = strings.ToUpper(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if !utf8.ValidString(h) {
			return fmt.Errorf("%s row %d: the header line is not valid UTF-8 text; save the file as CSV (UTF-8)", in.Name, headerRow)
		}
		if header[i] != "" && slices.Contains(header[:i], header[i]) {
			return fmt.Errorf("%s row %d: the column %s appears twice", in.Name, headerRow, header[i])
		}
	}
	t, err := identify(in.Name, header)
	if err != nil {
		return err
	}
	if other, ok := seen[t]; ok {
		return fmt.Errorf("%s and %s are both the %s table; give one file per table", other, in.Name, tableName(t, in.Previous))
	}
	seen[t] = in.Name

	cols := Columns[t]
	pos := make([]int, len(cols)) // column k of the table is value pos[k] of a row, or -1
	var missing []string
	for k := range cols {
		pos[k] = slices.Index(header, cols[k].Name)
		if pos[k] < 0 {
			if !cols[k].Blank {
				missing = append(missing, cols[k].Name)
				continue
			}
			c.add(RuleMissingColumn, finding.Warning, loc{file: in.Name, table: string(t), row: headerRow, field: cols[k].Name}, "",
				fmt.Sprintf("the file has no %s column; its values are taken as blank", cols[k].Name))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("%s row %d: the %s table needs the column(s) %s, which the file does not have",
			in.Name, headerRow, tableName(t, in.Previous), strings.Join(missing, ", "))
	}
	for i, h := range header {
		if !slices.Contains(pos, i) {
			msg := fmt.Sprintf("column %q is not part of the %s table and was ignored", rec[i], t)
			if h == "" {
				msg = fmt.Sprintf("column %d has no name and was ignored", i+1)
			}
			c.add(RuleExtraColumn, finding.Warning, loc{file: in.Name, table: string(t), row: headerRow, field: h}, rec[i], msg)
		}
	}

	b := bindings[t]
	var ptrs []any
	for {
		rec, err = cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return csvError(in.Name, err)
		}
		if blankRecord(rec, pos) {
			continue
		}
		row, _ := cr.FieldPos(0)
		l := loc{file: in.Name, table: string(t), row: row}
		if len(rec) != len(header) {
			msg := fmt.Sprintf("the row has %d values but the header has %d columns; the missing values are taken as blank", len(rec), len(header))
			if len(rec) > len(header) {
				msg = fmt.Sprintf("the row has %d values but the header has %d columns; the extra values were ignored", len(rec), len(header))
			}
			c.add(RuleRowLength, finding.Warning, l, "", msg)
		}
		ptrs = b.add(r, row, ptrs[:0])
		for k := range cols {
			raw := ""
			if j := pos[k]; j >= 0 && j < len(rec) {
				raw = rec[j]
			}
			l.field = cols[k].Name
			c.set(ptrs[k], &cols[k], raw, l)
			if k == 0 {
				l.child = *ptrs[0].(*string)
			}
		}
	}
	if slices.Contains(oneRowPerChild, t) {
		c.checkDuplicates(r, t, loc{file: in.Name, table: string(t), field: "CHILD"}, "row")
	}
	return nil
}

// tableName names a table for a message, saying when it is last year's.
func tableName(t Table, previous bool) string {
	if previous {
		return "last year's " + string(t)
	}
	return string(t)
}

// identify finds the table whose columns best match a file's header: the one sharing most columns,
// and of those the one with fewest columns the file lacks.
func identify(name string, header []string) (Table, error) {
	var best Table
	bestScore, bestLen := -1, 0
	for _, t := range Tables {
		score := 0
		for _, c := range Columns[t] {
			if slices.Contains(header, c.Name) {
				score++
			}
		}
		if score > bestScore || (score == bestScore && len(Columns[t]) < bestLen) {
			best, bestScore, bestLen = t, score, len(Columns[t])
		}
	}
	distinct := bestScore
	for _, common := range []string{"CHILD", "DOB"} {
		if slices.Contains(header, common) {
			distinct--
		}
	}
	if distinct <= 0 {
		var names []string
		for _, c := range Columns[best] {
			names = append(names, c.Name)
		}
		return "", fmt.Errorf("%s: its columns (%s) match no SSDA903 table; the closest is %s, whose columns are %s",
			name, strings.Join(header, ", "), best, strings.Join(names, ", "))
	}
	return best, nil
}

// allBlank reports whether every value of a record is blank (a blank line, or ",,,," as spreadsheets
// write an empty row).
func allBlank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// blankRecord reports whether a record is blank in every column of the table (pos gives where each
// column is); such a row is skipped, whatever the ignored columns hold.
func blankRecord(rec []string, pos []int) bool {
	for _, j := range pos {
		if j >= 0 && j < len(rec) && strings.TrimSpace(rec[j]) != "" {
			return false
		}
	}
	return true
}

// utf8BOM is the byte order mark some programs put at the start of a UTF-8 file.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// sniff looks at the start of a file: it must not be empty, and must look like UTF-8 text. A byte
// order mark is skipped.
func sniff(br *bufio.Reader, name string) error {
	head, err := br.Peek(512)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		var long *lineTooLongError
		if errors.As(err, &long) {
			return csvError(name, err)
		}
		return fmt.Errorf("%s: %w", name, err)
	}
	if bytes.HasPrefix(head, utf8BOM) {
		_, _ = br.Discard(len(utf8BOM))
		head = head[len(utf8BOM):]
	}
	if len(head) == 0 {
		return fmt.Errorf("%s: the file is empty", name)
	}
	if bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		return fmt.Errorf("%s: the file is a zip archive or an Excel workbook, not text; save each table as CSV", name)
	}
	if !looksText(head) {
		return fmt.Errorf("%s: the file is not text (it holds binary data or is not UTF-8); save it as CSV or XML in UTF-8", name)
	}
	return nil
}

// looksText reports whether the start of a file is UTF-8 text without control characters other than
// tab, line feed and carriage return. A rune cut off at the end of head is allowed.
func looksText(head []byte) bool {
	for i := len(head) - 1; i >= 0 && i >= len(head)-utf8.UTFMax; i-- {
		if utf8.RuneStart(head[i]) {
			if !utf8.FullRune(head[i:]) {
				head = head[:i]
			}
			break
		}
	}
	return isText(string(head))
}

// csvError turns an error from the CSV reader into one that names the file and row.
func csvError(name string, err error) error {
	var long *lineTooLongError
	if errors.As(err, &long) {
		return fmt.Errorf("%s row %d: %w", name, long.line, err)
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		what := "malformed CSV"
		switch {
		case errors.Is(pe.Err, csv.ErrQuote):
			what = `malformed CSV: a quoted value is not closed, or has a stray " in it`
		case errors.Is(pe.Err, csv.ErrBareQuote):
			what = `malformed CSV: a " appears in a value that is not in quotes`
		}
		return fmt.Errorf("%s row %d: %s (line %d, column %d): %w", name, pe.StartLine, what, pe.Line, pe.Column, pe.Err)
	}
	return fmt.Errorf("%s: %w", name, err)
}

// lineTooLongError is returned when a record runs for more than MaxLine bytes without a line break
// (outside quotes).
type lineTooLongError struct{ line int }

func (e *lineTooLongError) Error() string {
	return fmt.Sprintf("a line is longer than %d bytes without a line break; this is not a CSV table", MaxLine)
}

// lineLimit passes a reader through, failing once a record grows past MaxLine bytes, so that a huge
// file without line breaks (or with a quote that never closes) is rejected after reading about
// MaxLine bytes of it rather than held in memory. It follows quotes as CSV does: a line break inside
// quotes does not end a record.
type lineLimit struct {
	r      io.Reader
	n      int  // bytes since the current record began
	line   int  // line number the reader has reached
	start  int  // line number where the current record began
	quoted bool // inside a quoted value
	err    error
}

var quote = []byte{'"'}

func (l *lineLimit) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	k, err := l.r.Read(p)
	for b := p[:k]; len(b) > 0; {
		i := bytes.IndexByte(b, '\n')
		seg := b
		if i >= 0 {
			seg = b[:i]
		}
		if bytes.Count(seg, quote)%2 == 1 {
			l.quoted = !l.quoted
		}
		if i < 0 {
			l.n += len(b)
			break
		}
		l.n += i + 1
		l.line++
		if !l.quoted {
			l.n, l.start = 0, l.line
		}
		b = b[i+1:]
	}
	if l.n > MaxLine {
		l.err = &lineTooLongError{line: l.start}
		return k, l.err
	}
	return k, err
}
