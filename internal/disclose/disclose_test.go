package disclose

import (
	"testing"

	"csperf/internal/indicator"
)

func TestRoundCount(t *testing.T) {
	for _, c := range []struct {
		n    int64
		g    Geography
		want int64
	}{
		{83240, England, 83240}, {83245, England, 83250}, {83244, Region, 83240}, {4, Region, 0},
		{5, England, 10}, {83245, LocalAuthority, 83245}, {-15, England, -20},
	} {
		if got := RoundCount(c.n, c.g); got != c.want {
			t.Errorf("RoundCount(%d, %s) = %d, want %d", c.n, c.g, got, c.want)
		}
	}
}

func TestRoundValueFromCatalogue(t *testing.T) {
	// Looked-after percentages are whole numbers, children in need ones have one decimal.
	cla, ok1 := indicator.Lookup("placement-3plus")
	cin, ok2 := indicator.Lookup("assessment-45wd")
	if !ok1 || !ok2 {
		t.Fatal("catalogue entries missing")
	}
	if got := RoundValue(cla, 57.5); got != 58 {
		t.Errorf("CLA 57.5 rounds to %v, want 58", got)
	}
	if got := RoundValue(cin, 82.45); got != 82.5 {
		t.Errorf("CIN 82.45 rounds to %v, want 82.5", got)
	}
}

func TestShow(t *testing.T) {
	pct := indicator.Indicator{Unit: indicator.Percent, Decimals: 1, SmallNumber: 20}
	pctDefault := indicator.Indicator{Unit: indicator.Percent}
	count := indicator.Indicator{Unit: indicator.Count}
	rate := indicator.Indicator{Unit: indicator.Rate10k}
	days := indicator.Indicator{Unit: indicator.Days}
	val := func(u indicator.Unit, n, d int64) indicator.Value {
		v := indicator.Value{Numerator: n, Denominator: d}
		v.Finish(u)
		return v
	}
	for _, c := range []struct {
		name string
		ind  indicator.Indicator
		v    indicator.Value
		a    Audience
		want string
	}{
		{"percent", pct, val(indicator.Percent, 46, 80), Member, "57.5%"},
		{"percent whole", pctDefault, val(indicator.Percent, 46, 80), Public, "58%"},
		{"small denominator as counts", pct, val(indicator.Percent, 7, 9), Analyst, "7 of 9"},
		{"small denominator for members", pct, val(indicator.Percent, 7, 9), Member, "7 of 9"},
		{"small numerator for members", pct, val(indicator.Percent, 3, 9), Member, "c"},
		{"small numerator for analysts", pct, val(indicator.Percent, 3, 9), Analyst, "3 of 9"},
		{"small numerator, large denominator", pct, val(indicator.Percent, 4, 200), Public, "c"},
		{"small denominator, zero numerator", pct, val(indicator.Percent, 0, 4), Member, "c"},
		{"zero of many", pct, val(indicator.Percent, 0, 40), Member, "0.0%"},
		{"threshold is below, not at", pct, val(indicator.Percent, 10, 20), Member, "50.0%"},
		{"count", count, val(indicator.Count, 1234, 0), Public, "1,234"},
		{"small count public", count, val(indicator.Count, 5, 0), Public, "c"},
		{"small count manager", count, val(indicator.Count, 5, 0), Manager, "5"},
		{"zero count", count, val(indicator.Count, 0, 0), Public, "0"},
		{"six", count, val(indicator.Count, 6, 0), Public, "6"},
		{"rate", rate, val(indicator.Rate10k, 272, 40000), Member, "68"},
		{"small rate", rate, val(indicator.Rate10k, 2, 40000), Member, "c"},
		{"average of few", days, indicator.Value{Numerator: 1200, Denominator: 3, Value: 400, Valid: true}, Member, "c"},
		{"average", days, indicator.Value{Numerator: 4000, Denominator: 10, Value: 400, Valid: true}, Member, "400"},
		{"invalid", pct, val(indicator.Percent, 0, 0), Analyst, "x"},
	} {
		if got := Show(c.ind, c.v, c.a); got != c.want {
			t.Errorf("%s: Show = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestNumber(t *testing.T) {
	for _, c := range []struct {
		x    float64
		d    int
		want string
	}{
		{12345.678, 1, "12,345.7"}, {999, 0, "999"}, {1000, 0, "1,000"}, {1234567, 0, "1,234,567"},
		{-1234.5, 0, "-1,235"}, {57.5, 0, "58"}, {-0.01, 1, "0.0"}, {0, 2, "0.00"},
	} {
		if got := Number(c.x, c.d); got != c.want {
			t.Errorf("Number(%v, %d) = %q, want %q", c.x, c.d, got, c.want)
		}
	}
}

func TestOrdinal(t *testing.T) {
	for n, want := range map[int]string{1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th", 12: "12th", 13: "13th", 21: "21st",
		22: "22nd", 101: "101st", 111: "111th", 153: "153rd"} {
		if got := Ordinal(n); got != want {
			t.Errorf("Ordinal(%d) = %q, want %q", n, got, want)
		}
	}
}
