package disclose

import (
	"reflect"
	"testing"
)

const (
	o = Shown
	P = Primary
	S = Secondary
)

// revealing reports a row or column (totals included) with exactly one suppressed entry, which
// could be worked out by subtraction; "" when there is none.
func revealing(s Suppression) string {
	rows, cols := len(s.Cells), len(s.ColumnTotals)
	at := func(i, j int) Mark {
		switch {
		case i == rows && j == cols:
			return s.Total
		case i == rows:
			return s.ColumnTotals[j]
		case j == cols:
			return s.RowTotals[i]
		}
		return s.Cells[i][j]
	}
	for i := 0; i <= rows; i++ {
		n := 0
		for j := 0; j <= cols; j++ {
			if at(i, j) != Shown {
				n++
			}
		}
		if n == 1 {
			return "a row"
		}
	}
	for j := 0; j <= cols; j++ {
		n := 0
		for i := 0; i <= rows; i++ {
			if at(i, j) != Shown {
				n++
			}
		}
		if n == 1 {
			return "a column"
		}
	}
	return ""
}

func TestSuppressTableTotalsWouldReveal(t *testing.T) {
	// Placements by age band (rows) and placement type (columns). Shown with its totals, the 3 could
	// be worked out as 25 − 10 − 12 from its row, or 11 − 8 from its column, unless more is hidden.
	cells := [][]int64{
		{3, 10, 12}, // total 25
		{8, 9, 20},  // total 37
	} // column totals 11, 19, 32; grand total 62
	s, err := SuppressTable(cells)
	if err != nil {
		t.Fatal(err)
	}
	want := Suppression{
		Cells:        [][]Mark{{P, S, o}, {S, S, o}},
		RowTotals:    []Mark{o, o},
		ColumnTotals: []Mark{o, o, o},
		Total:        o,
	}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("SuppressTable:\n got %+v\nwant %+v", s, want)
	}
	if r := revealing(s); r != "" {
		t.Errorf("%s still has a single suppressed entry", r)
	}
}

func TestSuppressTable(t *testing.T) {
	for _, c := range []struct {
		name  string
		cells [][]int64
		want  Suppression
	}{
		{"nothing small", [][]int64{{10, 20}, {30, 40}}, Suppression{
			Cells: [][]Mark{{o, o}, {o, o}}, RowTotals: []Mark{o, o}, ColumnTotals: []Mark{o, o}}},
		{"zeros are not suppressed", [][]int64{{0, 20}, {30, 40}}, Suppression{
			Cells: [][]Mark{{o, o}, {o, o}}, RowTotals: []Mark{o, o}, ColumnTotals: []Mark{o, o}}},
		// Two small cells in one row protect each other in the row, but each column needs a partner,
		// and each partner then needs one in its own row. The rule is greedy, not minimal.
		{"two small in a row", [][]int64{{2, 4, 30}, {10, 12, 40}, {20, 7, 50}}, Suppression{
			Cells: [][]Mark{{P, P, o}, {S, S, o}, {S, S, o}}, RowTotals: []Mark{o, o, o},
			ColumnTotals: []Mark{o, o, o}}},
		// A row whose total is small: the total is primary too, and the column of row totals needs a
		// second hidden entry, which can only be another total.
		{"small total", [][]int64{{0, 4}, {9, 30}, {12, 14}}, Suppression{
			Cells: [][]Mark{{o, P}, {o, o}, {o, S}}, RowTotals: []Mark{P, o, S},
			ColumnTotals: []Mark{o, o}}},
		// One column: a small cell can only be protected by another cell of the column, and its row
		// total (equal to it) is primary too.
		{"single column", [][]int64{{3}, {40}, {50}}, Suppression{
			Cells: [][]Mark{{P}, {S}, {o}}, RowTotals: []Mark{P, S, o}, ColumnTotals: []Mark{o}}},
	} {
		s, err := SuppressTable(c.cells)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(s, c.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", c.name, s, c.want)
		}
		if r := revealing(s); r != "" {
			t.Errorf("%s: %s still has a single suppressed entry", c.name, r)
		}
	}
}

func TestSuppressTableErrors(t *testing.T) {
	for name, cells := range map[string][][]int64{
		"empty":      nil,
		"no columns": {{}},
		"ragged":     {{1, 2}, {3}},
		"negative":   {{1, -2}},
	} {
		if _, err := SuppressTable(cells); err == nil {
			t.Errorf("%s: want an error", name)
		}
	}
}
