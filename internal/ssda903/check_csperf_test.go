package ssda903

import (
	"testing"

	"csperf/internal/calendar"
)

func TestCsperfDuplicateChild(t *testing.T) {
	d := func(y, m, dd int) Date { return calendar.Of(y, 1, 1).AddMonths(m - 1).AddDays(dd - 1) }
	r := &Return{
		Header: []Header{
			{Row: 2, Child: "A", Sex: "1", DOB: d(2015, 3, 1), Ethnic: "WBRI", UPN: "UN1"},
			{Row: 3, Child: "B", Sex: "2", DOB: d(2017, 6, 9), Ethnic: "WBRI", UPN: "UN1"},
			{Row: 4, Child: "A2", Sex: "1", DOB: d(2015, 3, 1), Ethnic: "WBRI", UPN: "UN1"}, // A again
			{Row: 5, Child: "C", Sex: "1", DOB: d(2015, 3, 1), Ethnic: "WBRI", UPN: "UN1"},  // twin of A, other placement
		},
		Episodes: []Episode{
			{Row: 2, Child: "A", DECOM: d(2024, 5, 1), LS: "C2", Place: "U4", HomePost: "AB1 2"},
			{Row: 3, Child: "B", DECOM: d(2024, 5, 1), LS: "C2", Place: "U4", HomePost: "AB1 2"},
			{Row: 4, Child: "A2", DECOM: d(2024, 5, 1), LS: "C2", Place: "U4", HomePost: "AB1 2"},
			{Row: 5, Child: "C", DECOM: d(2024, 5, 1), LS: "C2", Place: "U5", HomePost: "AB1 2"},
		},
	}
	c := duplicateChild()
	got := c.Run(NewCheckData(r, 2025))
	if len(got) != 1 || got[0].Row != 4 || got[0].Child != "A2" || got[0].Rule != "csperf-duplicate-child" {
		t.Fatalf("findings %v, want one for child A2 at row 4", got)
	}
	if got := c.Run(NewCheckData(&Return{}, 2025)); len(got) != 0 {
		t.Errorf("empty return: %v", got)
	}
}
