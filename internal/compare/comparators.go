// Package compare sets an authority's figures beside its comparators: England, its region, the mean
// and median of its 10 statistical neighbours, its rank among all authorities and its quartile band.
// The comparators come from DfE's published statistics (see ReadPublished) or from the authorities
// of one deployment; the functions here are pure and do not care which.
package compare

import (
	"math"
	"slices"

	"csperf/internal/indicator"
)

// Set holds, for one indicator and year, the figures an authority is compared with.
type Set struct {
	Indicator  indicator.Indicator
	Year       int
	England    float64
	HasEngland bool
	Regions    map[string]float64 // regional value by region name
	Values     map[int]float64    // each authority's value, by DfE number; suppressed values are absent
	RegionOf   map[int]string     // each authority's region
	Neighbours map[int][]int      // 10 statistical neighbours per authority, closest first
}

// Comparison is one authority's value beside its comparators. Fields whose Has… flag (or count) is
// false or zero hold no figure.
type Comparison struct {
	Authority  int
	Value      float64
	HasValue   bool
	England    float64
	HasEngland bool
	Region     float64
	HasRegion  bool
	SNMean     float64
	SNMedian   float64
	SNCount    int // neighbours with a value
	Rank       int // 1 = best by polarity; 0 when unranked (no value, or a neutral indicator)
	Of         int // authorities ranked
	Band       string
}

// Compare returns authority la's comparison within s. To compare every authority, CompareAll ranks
// them once.
func (s Set) Compare(la int) Comparison {
	return s.compare(la, Ranks(s.Values, s.Indicator.Polarity))
}

// CompareAll returns the comparison of every authority with a value or neighbours in s, by number.
func (s Set) CompareAll() []Comparison {
	ranks := Ranks(s.Values, s.Indicator.Polarity)
	las := make([]int, 0, len(s.Values))
	for la := range s.Values {
		las = append(las, la)
	}
	for la := range s.Neighbours {
		if _, ok := s.Values[la]; !ok {
			las = append(las, la)
		}
	}
	slices.Sort(las)
	out := make([]Comparison, len(las))
	for i, la := range las {
		out[i] = s.compare(la, ranks)
	}
	return out
}

func (s Set) compare(la int, ranks map[int]int) Comparison {
	c := Comparison{Authority: la, England: s.England, HasEngland: s.HasEngland}
	c.Value, c.HasValue = s.Values[la]
	c.Region, c.HasRegion = s.Regions[s.RegionOf[la]]
	c.SNMean, c.SNMedian, c.SNCount = NeighbourStats(s.Neighbours[la], s.Values)
	if r, ok := ranks[la]; ok {
		c.Rank, c.Of, c.Band = r, len(ranks), Band(r, len(ranks))
	}
	return c
}

// NeighbourStats returns the mean and median of the values of the neighbours that have one, and how
// many have one. Both are 0 when none has.
func NeighbourStats(neighbours []int, values map[int]float64) (mean, median float64, n int) {
	var xs []float64
	for _, nb := range neighbours {
		if v, ok := values[nb]; ok {
			xs = append(xs, v)
		}
	}
	if len(xs) == 0 {
		return 0, 0, 0
	}
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	slices.Sort(xs)
	m := len(xs) / 2
	median = xs[m]
	if len(xs)%2 == 0 {
		median = (xs[m-1] + xs[m]) / 2
	}
	return sum / float64(len(xs)), median, len(xs)
}

// Ranks ranks the authorities in values from 1 (best by polarity) to N. Equal values share the lowest
// rank of their group and the next value's rank skips past them (standard competition ranking:
// 1, 2, 2, 4). A neutral indicator is not ranked: the result is nil.
func Ranks(values map[int]float64, p indicator.Polarity) map[int]int {
	if p != indicator.HigherIsBetter && p != indicator.LowerIsBetter {
		return nil
	}
	better := func(a, b float64) bool { return a < b }
	if p == indicator.HigherIsBetter {
		better = func(a, b float64) bool { return a > b }
	}
	type entry struct {
		la int
		v  float64
	}
	es := make([]entry, 0, len(values))
	for la, v := range values {
		if !math.IsNaN(v) {
			es = append(es, entry{la, v})
		}
	}
	slices.SortFunc(es, func(a, b entry) int {
		switch {
		case better(a.v, b.v):
			return -1
		case better(b.v, a.v):
			return 1
		}
		return a.la - b.la
	})
	ranks := make(map[int]int, len(es))
	for i, e := range es {
		if i > 0 && e.v == es[i-1].v {
			ranks[e.la] = ranks[es[i-1].la]
			continue
		}
		ranks[e.la] = i + 1
	}
	return ranks
}

// Band returns the quartile band of rank among n ranked authorities: A for the best quarter, then
// B, C and D. Rank r falls in quarter ⌊4(r−1)/n⌋, so with 153 authorities ranks 1–39 are A, 40–77 B,
// 78–115 C and 116–153 D; authorities sharing a rank share a band. It is "" for rank 0.
func Band(rank, n int) string {
	if rank < 1 || rank > n {
		return ""
	}
	return string(rune('A' + 4*(rank-1)/n))
}

// Fraction is one authority's numerator and denominator, for pooling into a regional or England
// figure within a deployment.
type Fraction struct {
	Numerator, Denominator float64
}

// Pooled works out the value of a group of authorities from their summed numerators and
// denominators, as DfE does for regions and England (not the mean of the authorities' values). It
// reports false when the denominators sum to zero. Counts are summed.
func Pooled(u indicator.Unit, parts []Fraction) (float64, bool) {
	var n, d float64
	for _, p := range parts {
		n += p.Numerator
		d += p.Denominator
	}
	switch u {
	case indicator.Count:
		return n, true
	case indicator.Percent:
		n *= 100
	case indicator.Rate10k:
		n *= 10000
	}
	if d == 0 {
		return 0, false
	}
	return n / d, true
}
