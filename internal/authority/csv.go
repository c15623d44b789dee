package authority

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// The fixed columns of authorities.csv, in order; population columns pop_YYYY follow.
var fixedColumns = []string{"number", "ons_code", "name", "region", "neighbours"}

const popPrefix = "pop_"

// WriteCSV writes authorities.csv: the columns number, ons_code, name, region and neighbours (DfE
// numbers separated by ";", closest first), then one pop_YYYY column for each year any authority has a
// population for, in ascending order; a population an authority lacks is left blank. Authorities are
// written in the order given.
func WriteCSV(w io.Writer, as []Authority) error {
	var years []int
	for _, a := range as {
		for y := range a.Population {
			if !slices.Contains(years, y) {
				years = append(years, y)
			}
		}
	}
	slices.Sort(years)
	cw := csv.NewWriter(w)
	header := slices.Clone(fixedColumns)
	for _, y := range years {
		header = append(header, popPrefix+strconv.Itoa(y))
	}
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("writing authorities CSV: %w", err)
	}
	row := make([]string, len(header))
	for _, a := range as {
		ns := make([]string, len(a.Neighbours))
		for i, n := range a.Neighbours {
			ns[i] = strconv.Itoa(n)
		}
		row[0], row[1], row[2], row[3], row[4] = strconv.Itoa(a.Number), a.ONSCode, a.Name, a.Region, strings.Join(ns, ";")
		for i, y := range years {
			row[len(fixedColumns)+i] = ""
			if p, ok := a.Population[y]; ok {
				row[len(fixedColumns)+i] = strconv.Itoa(p)
			}
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("writing authorities CSV: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("writing authorities CSV: %w", err)
	}
	return nil
}

// ReadCSV reads authorities.csv as WriteCSV writes it; name is the file name used in errors. Columns may
// come in any order and any case; a byte order mark, CRLF line ends, spaces around values and blank
// lines are tolerated. Any bad value, unknown or missing column or repeated authority number is an
// error naming the file, row, column and value. An authority with no population figures has a nil
// Population map.
func ReadCSV(name string, r io.Reader) ([]Authority, error) {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && string(b) == "\xef\xbb\xbf" {
		if _, err := br.Discard(3); err != nil {
			return nil, fmt.Errorf("reading %s: %w", name, err)
		}
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: the file is empty", name)
	}
	if err != nil {
		return nil, csvError(name, err)
	}
	fixed := make([]int, len(fixedColumns)) // fixed column → position in the file
	for i := range fixed {
		fixed[i] = -1
	}
	type popColumn struct {
		pos, year int
		name      string // as normalised: the raw header may hold spaces or line breaks
	}
	var pops []popColumn // in file order
	seenCol := map[string]bool{}
	for pos, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if seenCol[h] {
			return nil, fmt.Errorf("%s row 1: column %q appears twice", name, h)
		}
		seenCol[h] = true
		if i := slices.Index(fixedColumns, h); i >= 0 {
			fixed[i] = pos
			continue
		}
		ys, ok := strings.CutPrefix(h, popPrefix)
		y, err := strconv.Atoi(ys)
		if !ok || err != nil || len(ys) != 4 || y < 1000 {
			return nil, fmt.Errorf("%s row 1: column %q is not an authorities.csv column (%s, or pop_ and a year such as pop_2024)",
				name, header[pos], strings.Join(fixedColumns, ", "))
		}
		pops = append(pops, popColumn{pos, y, h})
	}
	for i, c := range fixedColumns {
		if fixed[i] < 0 {
			return nil, fmt.Errorf("%s row 1: missing column %q", name, c)
		}
	}

	var out []Authority
	seen := map[int]int{} // number → row
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		row, _ := cr.FieldPos(0)
		if allBlank(rec) {
			continue
		}
		value := func(pos int) string {
			if pos < len(rec) {
				return strings.TrimSpace(rec[pos])
			}
			return ""
		}
		bad := func(col, v, why string) error {
			return fmt.Errorf("%s row %d, column %s: %q %s", name, row, col, v, why)
		}
		if len(rec) > len(header) {
			return nil, fmt.Errorf("%s row %d: the row has %d values but the header has %d columns; is a value with a comma not in quotes?",
				name, row, len(rec), len(header))
		}
		var a Authority
		v := value(fixed[0])
		if a.Number, err = strconv.Atoi(v); err != nil || !isDigits(v) || a.Number < 1 || a.Number > 999 {
			return nil, bad("number", v, "is not a DfE LA number (one to three digits, such as 857)")
		}
		if first, ok := seen[a.Number]; ok {
			return nil, bad("number", v, fmt.Sprintf("is listed twice (first at row %d)", first))
		}
		seen[a.Number] = row
		a.ONSCode, a.Name, a.Region = value(fixed[1]), value(fixed[2]), value(fixed[3])
		if a.Name == "" {
			return nil, bad("name", "", "is blank; every authority needs a name")
		}
		if ns := value(fixed[4]); ns != "" {
			for part := range strings.SplitSeq(ns, ";") {
				part = strings.TrimSpace(part)
				n, err := strconv.Atoi(part)
				if err != nil || !isDigits(part) || n < 1 || n > 999 {
					return nil, bad("neighbours", ns, fmt.Sprintf("holds %q, which is not a DfE LA number; neighbours are numbers separated by ;", part))
				}
				a.Neighbours = append(a.Neighbours, n)
			}
		}
		for _, pc := range pops {
			v := value(pc.pos)
			if v == "" {
				continue
			}
			p, err := strconv.Atoi(v)
			if err != nil || !isDigits(v) {
				return nil, bad(pc.name, v, "is not a whole number of children")
			}
			if a.Population == nil {
				a.Population = map[int]int{}
			}
			a.Population[pc.year] = p
		}
		out = append(out, a)
	}
}

// csvError names the file and row of a CSV syntax error.
func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s row %d: malformed CSV: %w", name, pe.Line, pe.Err)
	}
	return fmt.Errorf("reading %s: %w", name, err)
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func allBlank(rec []string) bool {
	for _, s := range rec {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}
