package disclose

import (
	"errors"
	"fmt"
)

// Mark says whether a table cell is shown or suppressed, and why.
type Mark uint8

const (
	Shown     Mark = iota // the count may be shown
	Primary               // a count of 1 to 5
	Secondary             // suppressed so that a primary cell cannot be worked out from the totals
)

// Suppression is the result of SuppressTable: a mark for every cell and every total.
type Suppression struct {
	Cells        [][]Mark // by row, then column
	RowTotals    []Mark   // one per row
	ColumnTotals []Mark   // one per column
	Total        Mark     // the grand total
}

// SuppressTable decides which cells of a table of counts to suppress when it is shown with its row
// and column totals (the sums of cells, which it works out itself). Every count of 1 to 5, cell or
// total, is a primary suppression. Then, while any row or column (the totals row and column included)
// has exactly one suppressed entry, that entry could be worked out by subtraction from the others, so
// one more entry in that line is suppressed: the smallest cell other than a zero, then a zero, and a
// total only when no cell is left. This is the usual row-and-column rule, applied greedily: it
// guarantees that no line has a single unknown, which stops subtraction from totals, but it does not
// look for the fewest cells to hide, nor guard against every attack by solving several lines together.
// It returns an error for an empty or ragged table or a negative count.
func SuppressTable(cells [][]int64) (Suppression, error) {
	rows := len(cells)
	if rows == 0 {
		return Suppression{}, errors.New("disclose: empty table")
	}
	cols := len(cells[0])
	if cols == 0 {
		return Suppression{}, errors.New("disclose: table has no columns")
	}
	// g is the table with its row totals as an extra column and its column totals as an extra row.
	g := make([][]int64, rows+1)
	for i := range g {
		g[i] = make([]int64, cols+1)
	}
	for i, r := range cells {
		if len(r) != cols {
			return Suppression{}, fmt.Errorf("disclose: row %d has %d cells, row 1 has %d", i+1, len(r), cols)
		}
		for j, n := range r {
			if n < 0 {
				return Suppression{}, fmt.Errorf("disclose: row %d column %d has a negative count %d", i+1, j+1, n)
			}
			g[i][j] = n
			g[i][cols] += n
			g[rows][j] += n
			g[rows][cols] += n
		}
	}
	m := make([][]Mark, rows+1)
	for i := range m {
		m[i] = make([]Mark, cols+1)
		for j := range m[i] {
			if isSmall(g[i][j]) {
				m[i][j] = Primary
			}
		}
	}
	// line lists the positions of one row (or column) of g.
	type pos struct{ i, j int }
	line := func(k int, isRow bool) []pos {
		var ps []pos
		if isRow {
			for j := 0; j <= cols; j++ {
				ps = append(ps, pos{k, j})
			}
		} else {
			for i := 0; i <= rows; i++ {
				ps = append(ps, pos{i, k})
			}
		}
		return ps
	}
	// rank orders candidates for secondary suppression: cells before totals, non-zero before zero,
	// smaller before larger.
	rank := func(p pos) (bool, bool, int64) {
		return p.i == rows || p.j == cols, g[p.i][p.j] == 0, g[p.i][p.j]
	}
	less := func(a, b pos) bool {
		ta, za, va := rank(a)
		tb, zb, vb := rank(b)
		if ta != tb {
			return !ta
		}
		if za != zb {
			return !za
		}
		return va < vb
	}
	for changed := true; changed; {
		changed = false
		for _, isRow := range []bool{true, false} {
			n := cols
			if isRow {
				n = rows
			}
			for k := 0; k <= n; k++ {
				ps := line(k, isRow)
				hidden := 0
				for _, p := range ps {
					if m[p.i][p.j] != Shown {
						hidden++
					}
				}
				if hidden != 1 {
					continue
				}
				best, found := pos{}, false
				for _, p := range ps {
					if m[p.i][p.j] == Shown && (!found || less(p, best)) {
						best, found = p, true
					}
				}
				m[best.i][best.j] = Secondary
				changed = true
			}
		}
	}
	s := Suppression{Cells: make([][]Mark, rows), RowTotals: make([]Mark, rows), ColumnTotals: m[rows][:cols],
		Total: m[rows][cols]}
	for i := range rows {
		s.Cells[i] = m[i][:cols]
		s.RowTotals[i] = m[i][cols]
	}
	return s, nil
}
