package ssda903

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// WriteCSV writes the return as CSV into dir, one file per table named as in FileNames, all eleven
// always (a file with only the header line when a table is empty). Columns are in DfE order, dates
// dd/mm/YYYY, lines end in LF, and the same return always gives the same bytes. Last year's tables,
// when r.Previous is set, go into dir/previous, where OpenPaths finds them as previous-year files.
func WriteCSV(dir string, r *Return) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, t := range Tables {
		if err := writeTableFile(filepath.Join(dir, FileNames[t]), t, r); err != nil {
			return err
		}
	}
	if r.Previous != nil {
		return WriteCSV(filepath.Join(dir, "previous"), r.Previous)
	}
	return nil
}

// writeTableFile writes table t of r to a new file at path.
func writeTableFile(path string, t Table, r *Return) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	err = WriteTable(bw, t, r)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// WriteTable writes table t of r as CSV: the header line of DfE column names, then one line per
// record.
func WriteTable(w io.Writer, t Table, r *Return) error {
	cols, ok := Columns[t]
	if !ok {
		return fmt.Errorf("ssda903: no table %q", t)
	}
	cw := csv.NewWriter(w)
	rec := make([]string, len(cols))
	for k, c := range cols {
		rec[k] = c.Name
	}
	if err := cw.Write(rec); err != nil {
		return err
	}
	b := bindings[t]
	var ptrs []any
	for i, n := 0, b.count(r); i < n; i++ {
		ptrs = b.fields(r, i, ptrs[:0])
		for k, p := range ptrs {
			rec[k] = format(p)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
