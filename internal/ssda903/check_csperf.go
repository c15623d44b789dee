package ssda903

import (
	"fmt"
	"strings"

	"csperf/internal/finding"
)

// csperfChecks are csperf's own checks, beyond DfE's: mistakes that distort the figures councillors
// see and that DfE's rules do not catch. Their codes start with "csperf-".
func csperfChecks() []Check {
	return []Check{duplicateChild()}
}

// duplicateChild finds children recorded twice under different IDs: the same date of birth, sex and
// ethnicity, and the same episodes (start, legal status, placement and home postcode). One council's
// figures were once wrong because a family of three children was entered twice; DfE's duplicate-UPN
// check (444) misses such a family when the children have no UPN yet (UN codes).
func duplicateChild() Check {
	c := Check{Code: "csperf-duplicate-child", Severity: finding.Query, Tables: []Table{TableHeader, TableEpisodes},
		Fields: []string{"CHILD", "DOB", "SEX", "ETHNIC"},
		About:  "The same child does not appear twice under different IDs (same birth date, sex, ethnicity and episodes)."}
	c.Run = func(d *CheckData) []finding.Finding {
		first := map[string]int{} // fingerprint → Header index of the first child with it
		var out []finding.Finding
		for i, h := range d.Return.Header {
			eps := d.EpisodesOf[h.Child]
			if h.DOB.IsZero() || len(eps) == 0 {
				continue
			}
			var b strings.Builder
			fmt.Fprintf(&b, "%d|%s|%s", h.DOB, h.Sex, h.Ethnic)
			for _, k := range eps {
				e := &d.Return.Episodes[k]
				fmt.Fprintf(&b, "|%d %s %s %s", e.DECOM, e.LS, e.Place, e.HomePost)
			}
			key := b.String()
			j, dup := first[key]
			if !dup {
				first[key] = i
				continue
			}
			o := d.Return.Header[j]
			out = append(out, d.Found(&c, TableHeader, h.Row, h.Child, c.Fields, h.Child,
				fmt.Sprintf("child %s has the same date of birth (%s), sex, ethnicity and episodes as child %s (row %d); "+
					"check that the same child has not been recorded twice", h.Child, h.DOB.DMY(), o.Child, o.Row)))
		}
		return out
	}
	return c
}
