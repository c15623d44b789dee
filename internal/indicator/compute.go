package indicator

import (
	"fmt"
	"sort"
)

// computeFunc computes one indicator at date at. It returns one Value, or one per category for a
// breakdown, with Indicator, Authority, PeriodEnd, Value and Valid left for Compute to fill. Members
// (with their facts) are listed only when members is true: series leave them out, drill-down asks.
type computeFunc func(h *History, at Date, members bool) []Value

// engines maps each computable indicator to its function. The families live in their own files
// (cla.go, need.go, workforce.go) and each contributes a map.
func engines() map[string]computeFunc {
	m := map[string]computeFunc{}
	for _, family := range []map[string]computeFunc{claFuncs(), needFuncs(), workforceFuncs()} {
		for id, f := range family {
			m[id] = f
		}
	}
	return m
}

// Computable reports whether the engine computes indicator id from the returns.
func Computable(id string) bool {
	_, ok := engines()[id]
	return ok
}

// Compute returns the values of the indicators ids (every computable indicator when ids is empty)
// for h at date at, in catalogue order, with the children behind each when members is set. A value
// whose data are not loaded (no return covering the period) is left out.
func Compute(h *History, at Date, members bool, ids ...string) ([]Value, error) {
	eng := engines()
	if len(ids) == 0 {
		for _, ind := range Catalogue() {
			if _, ok := eng[ind.ID]; ok {
				ids = append(ids, ind.ID)
			}
		}
	}
	var out []Value
	for _, id := range ids {
		ind, ok := Lookup(id)
		if !ok {
			return nil, fmt.Errorf("unknown indicator %q", id)
		}
		f, ok := eng[id]
		if !ok {
			return nil, fmt.Errorf("indicator %q is not computed from the returns (source: %s)", id, ind.Source)
		}
		for _, v := range f(h, at, members) {
			v.Indicator, v.Authority, v.PeriodEnd = id, h.Authority, at
			v.Finish(ind.Unit)
			sort.Slice(v.Members, func(i, j int) bool { return v.Members[i].Child < v.Members[j].Child })
			out = append(out, v)
		}
	}
	return out, nil
}
