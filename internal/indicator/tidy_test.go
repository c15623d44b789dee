package indicator_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// sharedData is where the published reference data live, relative to this package's folder. The files
// are never copied into the repository.
const sharedData = "../../../shared/data"

// dataPath returns the path of a file in the shared data folder, skipping the test with a message
// when the file is not there.
func dataPath(t *testing.T, parts ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{sharedData}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("published data not available (%v): this check needs the shared data folder %s", err, sharedData)
	}
	return p
}

// tidyTable is a CSV file read whole: a header and rows, with columns found by name.
type tidyTable struct {
	name string
	cols map[string]int
	rows [][]string
}

// readTidy reads the CSV file at path, dropping a UTF-8 byte-order mark.
func readTidy(t *testing.T, path string) *tidyTable {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	tb, err := parseTidy(filepath.Base(path), f)
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

// parseTidy reads a tidy CSV from r.
func parseTidy(name string, r io.Reader) (*tidyTable, error) {
	br := bufio.NewReader(r)
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: read the header: %w", name, err)
	}
	tb := &tidyTable{name: name, cols: map[string]int{}}
	for i, h := range head {
		tb.cols[strings.TrimSpace(h)] = i
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		tb.rows = append(tb.rows, rec)
	}
	return tb, nil
}

// col returns the index of column name, failing the test when the file has no such column.
func (tb *tidyTable) col(t *testing.T, name string) int {
	t.Helper()
	i, ok := tb.cols[name]
	if !ok {
		t.Fatalf("%s has no column %q", tb.name, name)
	}
	return i
}

// suppressed are the symbols DfE publishes in place of a number, and LAIT's "-" for no figure.
var suppressed = map[string]bool{"c": true, "k": true, "u": true, "x": true, "z": true, "low": true, "": true, "-": true}

// tidyNumber parses a published value. ok is false for a suppression symbol; a value that is neither
// a number nor a known symbol fails the test.
func tidyNumber(t *testing.T, file, s string) (v float64, ok bool) {
	t.Helper()
	s = strings.TrimSpace(s)
	if suppressed[strings.ToLower(s)] {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil {
		t.Errorf("%s: value %q is neither a number nor a suppression symbol", file, s)
		return 0, false
	}
	return v, true
}
