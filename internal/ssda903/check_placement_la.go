package ssda903

import (
	"fmt"
	"strconv"

	"csperf/internal/finding"
)

// placementLAChecks are the checks of the authority a child is placed in (PL_LA) and whether that
// is inside or outside the council's own area (PL_LOCATION). The 903 files hold neither field: DfE
// derives both from the placement postcode, and so does csperf, from the postcode file given with
// --postcodes when it has an la column. (Checks 179 and 411, that PL_LOCATION is a valid code and
// agrees with PL_LA, cannot fail on derived values and are not run.)
func placementLAChecks() []Check {
	return []Check{pla169(), pla420(), pla1015(),
		plaCompare("452", "PL_LA", "the authority placed in", false, plaLA),
		plaCompare("503H", "PL_LA", "the authority placed in", true, plaLA),
		plaCompare("503J", "PL_LOCATION", "whether the placement is inside the council's area", true, plaLocation)}
}

// plaLA returns the authority episode e's placement postcode is in, when the postcode file says.
func plaLA(d *CheckData, e *Episode) (string, bool) {
	if e.PlPost == "" || d.Postcodes == nil {
		return "", false
	}
	c, ok := d.Postcodes[normalisePostcode(e.PlPost)]
	if !ok || c.LA == "" {
		return "", false
	}
	return c.LA, true
}

// plaLocation returns IN when the placement is in the return's own authority, OUT when not.
func plaLocation(d *CheckData, e *Episode) (string, bool) {
	la, ok := plaLA(d, e)
	if !ok || d.Return.Authority == 0 {
		return "", false
	}
	if la == strconv.Itoa(d.Return.Authority) {
		return "IN", true
	}
	return "OUT", true
}

func pla169() Check {
	c := Check{Code: "169", Severity: finding.Error, Tables: []Table{TableEpisodes}, Fields: []string{"PL_POST"}, Needs: NeedPostcodes,
		About: "The authority a child is placed in can be found from the placement postcode."}
	c.Run = func(d *CheckData) []finding.Finding {
		if !plaHasLAs(d) {
			return nil
		}
		var out []finding.Finding
		for i := range d.Return.Episodes {
			e := &d.Return.Episodes[i]
			if e.PlPost == "" || e.LS == "V3" || e.LS == "V4" {
				continue
			}
			if _, ok := plaLA(d, e); !ok {
				out = append(out, d.Found(&c, TableEpisodes, e.Row, e.Child, c.Fields, e.PlPost,
					fmt.Sprintf("the placement postcode %s of the episode starting %s is not in the postcode list with an authority, so the authority placed in is not known",
						e.PlPost, showDate(e.DECOM))))
			}
		}
		return out
	}
	return c
}

func pla420() Check {
	c := Check{Code: "420", Severity: finding.Error, Tables: []Table{TableEpisodes}, Fields: []string{"PL_POST", "LS"}, Needs: NeedPostcodes,
		About: "No authority of placement is recorded for a short break (legal status V3 or V4)."}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		for i := range d.Return.Episodes {
			e := &d.Return.Episodes[i]
			if e.LS != "V3" && e.LS != "V4" {
				continue
			}
			if la, ok := plaLA(d, e); ok {
				out = append(out, d.Found(&c, TableEpisodes, e.Row, e.Child, c.Fields, e.PlPost,
					fmt.Sprintf("the short break starting %s (legal status %s) has placement postcode %s, in authority %s; short breaks record no placement",
						showDate(e.DECOM), e.LS, e.PlPost, la)))
			}
		}
		return out
	}
	return c
}

func pla1015() Check {
	c := Check{Code: "1015", Severity: finding.Error, Tables: []Table{TableEpisodes}, Fields: []string{"PLACE_PROVIDER", "PL_POST"}, Needs: NeedPostcodes,
		About: "A placement in the council's own provision (PR1) is in the council's own area."}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		for i := range d.Return.Episodes {
			e := &d.Return.Episodes[i]
			if e.PlaceProvider != "PR1" {
				continue
			}
			if loc, ok := plaLocation(d, e); ok && loc == "OUT" {
				la, _ := plaLA(d, e)
				out = append(out, d.Found(&c, TableEpisodes, e.Row, e.Child, c.Fields, e.PlPost,
					fmt.Sprintf("the episode starting %s is in the council's own provision (PR1) but its postcode %s is in authority %s, not %d",
						showDate(e.DECOM), e.PlPost, la, d.Return.Authority)))
			}
		}
		return out
	}
	return c
}

// plaCompare compares a derived placement field of the episode left open at the end of last year
// with this year's first episode (only when both start the same day, when sameStart is set).
func plaCompare(code, field, name string, sameStart bool, get func(*CheckData, *Episode) (string, bool)) Check {
	c := Check{Code: code, Severity: finding.Error, Tables: []Table{TableEpisodes}, Fields: []string{"PL_POST"},
		Needs: NeedPrevious | NeedPostcodes,
		About: fmt.Sprintf("%s (%s, from the placement postcode) agrees between last year's open episode and this year's first.", name, field)}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		epiFirstOpenLast(d, func(first, open *Episode) {
			if sameStart && first.DECOM != open.DECOM {
				return
			}
			now, ok1 := get(d, first)
			then, ok2 := get(d, open)
			if ok1 && ok2 && now != then {
				out = append(out, d.Found(&c, TableEpisodes, first.Row, first.Child, c.Fields, first.PlPost,
					fmt.Sprintf("%s is %s for the episode starting %s (postcode %s) but was %s last year (postcode %s)",
						name, now, showDate(first.DECOM), first.PlPost, then, open.PlPost)))
			}
		})
		return out
	}
	return c
}

// plaHasLAs reports whether the postcode file gives authorities at all (an older file with only
// coordinates does not, and then 169 would flag every placement).
func plaHasLAs(d *CheckData) bool {
	for _, c := range d.Postcodes {
		if c.LA != "" {
			return true
		}
	}
	return false
}
