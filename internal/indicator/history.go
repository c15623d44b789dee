package indicator

import (
	"sort"

	"csperf/internal/cin"
	"csperf/internal/ssda903"
	"csperf/internal/workforce"
)

// History is what is known about one authority's children, assembled from its loaded returns: the
// 903 returns of many years merged into one history of episodes, each year's CIN census and the
// workforce figures. Child IDs are whatever the returns hold — pseudonyms when built from the store.
type History struct {
	Authority  int
	Population map[int]int // 0–17 population by collection year

	Returns903 map[int]*ssda903.Return // by collection year
	// Episodes of care merged over all years, by child, in date order. When two returns hold the
	// same episode (same child and start date), the later return's version is kept: it knows how
	// an episode that was open at the earlier year's end went on.
	Episodes map[string][]ssda903.Episode
	Headers  map[string]ssda903.Header // the latest header of each child

	Censuses  map[int]*cin.Census       // by collection year
	Workforce map[int]workforce.Figures // by collection year
	Children  []string                  // every child with episodes, sorted, for stable output
	years903  []int                     // collection years with a 903 return, ascending
	yearsCIN  []int                     // collection years with a census, ascending
	cla       claData                   // looked-after measures worked out once (cla.go)
	need      needData                  // in-need and protection measures worked out once (need.go)
}

// NewHistory assembles a History from returns of any years, in any order. When two returns are for
// the same year, the later one in the slice wins.
func NewHistory(la int, population map[int]int, returns []*ssda903.Return, censuses []*cin.Census, figures []workforce.Figures) *History {
	h := &History{Authority: la, Population: population, Returns903: map[int]*ssda903.Return{},
		Episodes: map[string][]ssda903.Episode{}, Headers: map[string]ssda903.Header{},
		Censuses: map[int]*cin.Census{}, Workforce: map[int]workforce.Figures{}}
	for _, r := range returns {
		h.Returns903[r.Year] = r
	}
	for y := range h.Returns903 {
		h.years903 = append(h.years903, y)
	}
	sort.Ints(h.years903)
	type key struct {
		child string
		start Date
	}
	merged := map[key]ssda903.Episode{}
	for _, y := range h.years903 {
		r := h.Returns903[y]
		for _, e := range r.Episodes {
			merged[key{e.Child, e.DECOM}] = e
		}
		for _, hd := range r.Header {
			h.Headers[hd.Child] = hd
		}
	}
	for k, e := range merged {
		h.Episodes[k.child] = append(h.Episodes[k.child], e)
	}
	for c, es := range h.Episodes {
		sort.Slice(es, func(i, j int) bool { return es[i].DECOM < es[j].DECOM })
		h.Children = append(h.Children, c)
	}
	sort.Strings(h.Children)
	for _, c := range censuses {
		h.Censuses[c.Header.Year] = c
	}
	for y := range h.Censuses {
		h.yearsCIN = append(h.yearsCIN, y)
	}
	sort.Ints(h.yearsCIN)
	for _, f := range figures {
		h.Workforce[f.Year] = f
	}
	h.prepareCLA()
	h.prepareNeed()
	return h
}

// Years903 returns the collection years with a 903 return, ascending.
func (h *History) Years903() []int { return h.years903 }

// YearsCIN returns the collection years with a CIN census, ascending.
func (h *History) YearsCIN() []int { return h.yearsCIN }

// PopulationAt returns the 0–17 population used for rates at date d: that of the collection year
// containing d, or the nearest year known.
func (h *History) PopulationAt(d Date) int {
	y := CollectionYear(d)
	if p, ok := h.Population[y]; ok {
		return p
	}
	best, bestGap := 0, 1<<30
	for yy, p := range h.Population {
		gap := yy - y
		if gap < 0 {
			gap = -gap
		}
		if gap < bestGap || (gap == bestGap && yy < y) {
			best, bestGap = p, gap
		}
	}
	return best
}

// CollectionYear returns the collection year containing d, named by its end (1 April 2024 – 31 March
// 2025 is 2025).
func CollectionYear(d Date) int {
	y, m, _ := d.Civil()
	if m >= 4 {
		return y + 1
	}
	return y
}
