package compare

import (
	"maps"
	"testing"

	"csperf/internal/indicator"
)

func TestRanks(t *testing.T) {
	values := map[int]float64{1: 10, 2: 20, 3: 20, 4: 30, 5: 5}
	for _, c := range []struct {
		name string
		p    indicator.Polarity
		want map[int]int
	}{
		{"lower is better, tie shares the lowest rank", indicator.LowerIsBetter, map[int]int{5: 1, 1: 2, 2: 3, 3: 3, 4: 5}},
		{"higher is better", indicator.HigherIsBetter, map[int]int{4: 1, 2: 2, 3: 2, 1: 4, 5: 5}},
		{"neutral is not ranked", indicator.Neutral, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Ranks(values, c.p); !maps.Equal(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
	all := map[int]float64{1: 7, 2: 7, 3: 7}
	if got := Ranks(all, indicator.HigherIsBetter); !maps.Equal(got, map[int]int{1: 1, 2: 1, 3: 1}) {
		t.Errorf("all tied: %v", got)
	}
}

func TestBand(t *testing.T) {
	for _, c := range []struct {
		rank, n int
		want    string
	}{
		{1, 153, "A"}, {39, 153, "A"}, {40, 153, "B"}, {77, 153, "B"}, {78, 153, "C"}, {115, 153, "C"},
		{116, 153, "D"}, {153, 153, "D"}, {1, 4, "A"}, {2, 4, "B"}, {3, 4, "C"}, {4, 4, "D"},
		{0, 4, ""}, {5, 4, ""},
	} {
		if got := Band(c.rank, c.n); got != c.want {
			t.Errorf("Band(%d, %d) = %q, want %q", c.rank, c.n, got, c.want)
		}
	}
	// Bands follow polarity through the ranks: the best value is in A either way.
	values := map[int]float64{1: 1, 2: 2, 3: 3, 4: 4}
	for p, best := range map[indicator.Polarity]int{indicator.LowerIsBetter: 1, indicator.HigherIsBetter: 4} {
		r := Ranks(values, p)
		if b := Band(r[best], len(r)); b != "A" {
			t.Errorf("%s: best authority in band %s", p, b)
		}
		if b := Band(r[5-best], len(r)); b != "D" {
			t.Errorf("%s: worst authority in band %s", p, b)
		}
	}
}

func TestNeighbourStats(t *testing.T) {
	values := map[int]float64{1: 10, 2: 20, 3: 30, 4: 40, 5: 1000}
	for _, c := range []struct {
		name         string
		nbs          []int
		mean, median float64
		n            int
	}{
		{"all present, odd", []int{1, 2, 3}, 20, 20, 3},
		{"missing neighbours are left out", []int{1, 9, 2, 8, 3, 4}, 25, 25, 4},
		{"median resists an outlier", []int{1, 2, 5}, 343.3333333333333, 20, 3},
		{"none with a value", []int{7, 8}, 0, 0, 0},
	} {
		mean, median, n := NeighbourStats(c.nbs, values)
		if mean != c.mean || median != c.median || n != c.n {
			t.Errorf("%s: got %v %v %d, want %v %v %d", c.name, mean, median, n, c.mean, c.median, c.n)
		}
	}
}

func TestCompare(t *testing.T) {
	ind, _ := indicator.Lookup("rereferral-12m")
	s := Set{
		Indicator: ind, Year: 2025, England: 22.6, HasEngland: true,
		Regions:    map[string]float64{"North East": 20.7},
		Values:     map[int]float64{1: 10, 2: 20, 3: 30, 4: 40},
		RegionOf:   map[int]string{1: "North East", 2: "London"},
		Neighbours: map[int][]int{1: {2, 3, 99}},
	}
	got := s.Compare(1)
	want := Comparison{Authority: 1, Value: 10, HasValue: true, England: 22.6, HasEngland: true, Region: 20.7,
		HasRegion: true, SNMean: 25, SNMedian: 25, SNCount: 2, Rank: 1, Of: 4, Band: "A"}
	if got != want {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	if got := s.Compare(2); got.HasRegion || got.Rank != 2 || got.Band != "B" {
		t.Errorf("authority 2: %+v", got)
	}
	if got := s.Compare(9); got.HasValue || got.Rank != 0 || got.Band != "" {
		t.Errorf("authority without a value: %+v", got)
	}
	all := s.CompareAll()
	if len(all) != 4 || all[0] != want || all[3].Authority != 4 || all[3].Rank != 4 || all[3].Band != "D" {
		t.Errorf("CompareAll: %+v", all)
	}
}

func TestPooled(t *testing.T) {
	parts := []Fraction{{1, 4}, {3, 16}}
	if v, ok := Pooled(indicator.Percent, parts); !ok || v != 20 {
		t.Errorf("percent: %v %v", v, ok)
	}
	if v, ok := Pooled(indicator.Rate10k, parts); !ok || v != 2000 {
		t.Errorf("rate: %v %v", v, ok)
	}
	if v, ok := Pooled(indicator.Count, parts); !ok || v != 4 {
		t.Errorf("count: %v %v", v, ok)
	}
	if _, ok := Pooled(indicator.Percent, []Fraction{{0, 0}}); ok {
		t.Error("zero denominator gave a value")
	}
}
