package ssda903

import (
	"testing"

	"csperf/internal/calendar"
)

func TestPlacementLAChecks(t *testing.T) {
	d := func(y, m, dd int) Date { return calendar.Of(y, 1, 1).AddMonths(m - 1).AddDays(dd - 1) }
	prev := &Return{Authority: 857, Episodes: []Episode{
		{Row: 2, Child: "A", DECOM: d(2024, 1, 1), LS: "C2", PlPost: "AB1 1", PlaceProvider: "PR1"}, // open: AB1 is in 857
		{Row: 3, Child: "B", DECOM: d(2024, 1, 1), LS: "C2", PlPost: "AB1 1", PlaceProvider: "PR4"},
	}}
	r := &Return{Authority: 857, Previous: prev, Episodes: []Episode{
		{Row: 2, Child: "A", DECOM: d(2024, 1, 1), LS: "C2", PlPost: "AB1 1", PlaceProvider: "PR1"}, // fine
		{Row: 3, Child: "B", DECOM: d(2024, 1, 1), LS: "C2", PlPost: "CD2 2", PlaceProvider: "PR4"}, // moved LA: 452, 503H, 503J
		{Row: 4, Child: "C", DECOM: d(2024, 6, 1), LS: "C2", PlPost: "CD2 2", PlaceProvider: "PR1"}, // own provision elsewhere: 1015
		{Row: 5, Child: "D", DECOM: d(2024, 6, 1), LS: "V3", PlPost: "AB1 1", PlaceProvider: "PR4"}, // short break with LA: 420
		{Row: 6, Child: "E", DECOM: d(2024, 6, 1), LS: "C2", PlPost: "ZZ9 9", PlaceProvider: "PR4"}, // unknown postcode: 169
	}}
	cd := NewCheckData(r, 2025)
	cd.Postcodes = map[string]Coordinate{"AB1 1": {LA: "857"}, "CD2 2": {LA: "855"}}
	want := map[string][]int{"169": {6}, "420": {5}, "1015": {4}, "452": {3}, "503H": {3}, "503J": {3}}
	for _, c := range placementLAChecks() {
		var rows []int
		for _, f := range c.Run(cd) {
			rows = append(rows, f.Row)
		}
		if len(rows) != len(want[c.Code]) || (len(rows) > 0 && rows[0] != want[c.Code][0]) {
			t.Errorf("%s flagged rows %v, want %v", c.Code, rows, want[c.Code])
		}
	}
	// A postcode file without authorities: nothing to say, and 169 does not flag every placement.
	cd.Postcodes = map[string]Coordinate{"AB1 1": {}, "CD2 2": {}}
	for _, c := range placementLAChecks() {
		if fs := c.Run(cd); len(fs) != 0 {
			t.Errorf("%s found %d with no authorities in the postcode file", c.Code, len(fs))
		}
	}
}
