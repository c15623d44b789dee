package ssda903

import (
	"testing"

	"csperf/internal/calendar"
)

func TestProviderChecks(t *testing.T) {
	d := func(y, m, dd int) Date { return calendar.Of(y, 1, 1).AddMonths(m - 1).AddDays(dd - 1) }
	r := &Return{Episodes: []Episode{
		{Row: 2, Child: "A", DECOM: d(2024, 5, 1), DEC: d(2024, 9, 1), Place: "K2", PlaceProvider: "PR4", URN: "SC1"}, // all fine
		{Row: 3, Child: "B", DECOM: d(2024, 5, 1), Place: "K2", PlaceProvider: "PR1", URN: "SC1"},                     // 224: run privately
		{Row: 4, Child: "C", DECOM: d(2019, 5, 1), DEC: d(2020, 1, 1), Place: "K2", PlaceProvider: "PR4", URN: "SC1"}, // 227: before registration
		{Row: 5, Child: "D", DECOM: d(2024, 5, 1), DEC: d(2025, 2, 1), Place: "K2", PlaceProvider: "PR4", URN: "SC2"}, // 228: closed 01/01/2025
		{Row: 6, Child: "E", DECOM: d(2025, 1, 15), Place: "K2", PlaceProvider: "PR4", URN: "SC2"},                    // 227: after closing
		{Row: 7, Child: "F", DECOM: d(2024, 5, 1), Place: "U4", PlaceProvider: "PR1", URN: "XXXXXXX"},                 // not looked up
		{Row: 8, Child: "G", DECOM: d(2024, 5, 1), Place: "K2", PlaceProvider: "PR1", URN: "SC9"},                     // not in the list
	}}
	cd := NewCheckData(r, 2025)
	cd.Providers = map[string]Provider{
		"SC1": {URN: "SC1", Sector: "PR4", Registered: d(2020, 3, 1)},
		"SC2": {URN: "SC2", Sector: "PR4", Closed: d(2025, 1, 1)},
	}
	want := map[string][]int{"224": {3}, "227": {4, 6}, "228": {5}}
	for _, c := range providerChecks() {
		var rows []int
		for _, f := range c.Run(cd) {
			rows = append(rows, f.Row)
		}
		if len(rows) != len(want[c.Code]) {
			t.Errorf("%s flagged rows %v, want %v", c.Code, rows, want[c.Code])
			continue
		}
		for i := range rows {
			if rows[i] != want[c.Code][i] {
				t.Errorf("%s flagged rows %v, want %v", c.Code, rows, want[c.Code])
			}
		}
		if c.Needs&NeedProviders == 0 {
			t.Errorf("%s does not say it needs the provider list", c.Code)
		}
	}
	// Without the list the checks are not run.
	cd.Providers = nil
	_, notRun := Validate(cd)
	n := 0
	for _, nr := range notRun {
		if nr.Code == "224" || nr.Code == "227" || nr.Code == "228" {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d of the provider checks reported as not run without the list, want 3", n)
	}
}
