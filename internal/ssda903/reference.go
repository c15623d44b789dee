package ssda903

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"csperf/internal/calendar"
)

// ReadProviders reads an Ofsted provider list saved as CSV with the columns urn, postcode, la and
// kind, and optionally provider (the sector as a PLACE_PROVIDER code, PR1–PR5), registered and
// closed (dates, dd/mm/yyyy or yyyy-mm-dd) — in any order, any case; other columns are ignored — for
// the checks that look up a placement's Ofsted number.
func ReadProviders(name string, r io.Reader) (map[string]Provider, error) {
	rows, err := readReference(name, r, "urn", "postcode", "la", "kind", "?provider", "?registered", "?closed")
	if err != nil {
		return nil, err
	}
	out := map[string]Provider{}
	for _, row := range rows {
		p := Provider{URN: strings.ToUpper(row.v[0]), Postcode: normalisePostcode(row.v[1]), LA: row.v[2], Kind: row.v[3],
			Sector: strings.ToUpper(row.v[4])}
		if p.URN == "" {
			return nil, fmt.Errorf("%s row %d: the urn is blank", name, row.n)
		}
		for i, dst := range []*Date{&p.Registered, &p.Closed} {
			v := row.v[5+i]
			if v == "" {
				continue
			}
			d, err := calendar.ParseDMY(v)
			if err != nil {
				if d, err = calendar.ParseISO(v); err != nil {
					return nil, fmt.Errorf("%s row %d: %q is not a date", name, row.n, v)
				}
			}
			*dst = d
		}
		out[p.URN] = p
	}
	return out, nil
}

// ReadPostcodes reads postcode coordinates saved as CSV with the columns postcode, easting and
// northing (metres on the British National Grid) and optionally la (the DfE number of the local
// authority the postcode is in), for the checks that need distances between a child's home and
// placement, or the authority a child is placed in.
func ReadPostcodes(name string, r io.Reader) (map[string]Coordinate, error) {
	rows, err := readReference(name, r, "postcode", "easting", "northing", "?la")
	if err != nil {
		return nil, err
	}
	out := map[string]Coordinate{}
	for _, row := range rows {
		if row.v[0] == "" {
			return nil, fmt.Errorf("%s row %d: the postcode is blank", name, row.n)
		}
		e, err1 := strconv.ParseFloat(row.v[1], 64)
		n, err2 := strconv.ParseFloat(row.v[2], 64)
		// ParseFloat also takes NaN and Inf, which are no place.
		if err := errors.Join(err1, err2); err != nil || !finite(e) || !finite(n) {
			return nil, fmt.Errorf("%s row %d: easting %q and northing %q must be numbers", name, row.n, row.v[1], row.v[2])
		}
		out[normalisePostcode(row.v[0])] = Coordinate{Easting: e, Northing: n, LA: row.v[3]}
	}
	return out, nil
}

// finite reports whether x is a number other than NaN and ±Inf.
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// normalisePostcode writes a postcode in upper case with single spaces.
func normalisePostcode(s string) string {
	return strings.Join(strings.Fields(strings.ToUpper(s)), " ")
}

type refRow struct {
	n int      // row, header = 1
	v []string // the wanted columns, in the order asked for
}

// readReference reads a small reference CSV, returning the wanted columns of each row.
func readReference(name string, r io.Reader, want ...string) ([]refRow, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s is empty", name)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	pos := make([]int, len(want))
	var needed []string
	for _, w := range want {
		if !strings.HasPrefix(w, "?") {
			needed = append(needed, w)
		}
	}
	for i, w := range want {
		optional := strings.HasPrefix(w, "?") // a column that may be absent
		w = strings.TrimPrefix(w, "?")
		pos[i] = -1
		for j, h := range header {
			if strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")), w) {
				pos[i] = j
			}
		}
		if pos[i] < 0 && !optional {
			return nil, fmt.Errorf("%s: no %s column (the columns needed are %s)", name, w, strings.Join(needed, ", "))
		}
	}
	var out []refRow
	for n := 2; ; n++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s row %d: %w", name, n, err)
		}
		row := refRow{n: n, v: make([]string, len(want))}
		for i, p := range pos {
			if p >= 0 && p < len(rec) {
				row.v[i] = strings.TrimSpace(rec[p])
			}
		}
		out = append(out, row)
	}
}
