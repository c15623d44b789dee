package ssda903

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"time"

	"csperf/internal/calendar"
	"csperf/internal/finding"
)

// The checks of this file read the Episodes table (with last year's Episodes, the UASC table or
// postcode coordinates for a few). They are grouped by subject: codes and dates of one episode,
// legal status and placement rules, the sequence of a child's episodes, last year's return, and
// postcodes and distances.
//
// Not implemented, because the return as csperf holds it has no placement local authority (PL_LA)
// or placement location (PL_LOCATION, in or out of the council's area), and neither the Ofsted
// provider list nor the postcode coordinates say which council a postcode is in: 169, 179, 411,
// 420, 452, 503H, 503J and 1015. Not implemented because it cannot fail here: 147 (the readers
// report a DEC that is not a date and leave it blank, which the return allows).

func episodeChecks() []Check {
	return []Check{
		epi141(), epi142(), epiCode("143", "RNE", func(e *Episode) string { return e.RNE }, "reason for new episode"),
		epiCode("144", "LS", func(e *Episode) string { return e.LS }, "legal status"),
		epiCode("145", "CIN", func(e *Episode) string { return e.CIN }, "category of need"),
		epiCode("146", "PLACE", func(e *Episode) string { return e.Place }, "placement type"),
		epi148(), epiCode("149", "REC", func(e *Episode) string { return e.REC }, "reason episode ceased"),
		epi164(), epiCode("178", "PLACE_PROVIDER", func(e *Episode) string { return e.PlaceProvider }, "placement provider"),
		epi199(), epi213(), epi214(), epi217(), epi218(), epi222(), epi225(), epi226(), epi233(), epi336(),
		epi353(), epi354(), epi355(), epi356(), epi357(),
		epiMaxDays("361", "L2", "police protection", 3, "72 hours"),
		epiMaxDays("362", "L1", "an emergency protection order", 21, "21 days"),
		epiMaxDays("363", "L3", "a child assessment order", 7, "7 days"),
		epiMaxDays("364", "J2", "detention under PACE (sections 41–46)", 21, "21 days"),
		epiMaxDays("365", "V3", "a single short-term respite break", 17, "17 days"),
		epi366(), epi367(), epi377(), epi378(), epi380(), epi381(), epi382(), epi383(), epi384(), epi385(),
		epi388(), epi390(), epi392a(), epi392b(), epi392c(), epi392d(), epi398(), epi406(), epi408(), epi426(),
		epi431(), epi432(), epi433(), epi434(), epi435(), epi436(), epi437(), epi446(), epi453(), epi454(),
		epi501(), epi502(),
		epi503("503A", "RNE", "reason for new episode", func(e *Episode) string { return e.RNE }),
		epi503("503B", "LS", "legal status", func(e *Episode) string { return e.LS }),
		epi503("503C", "CIN", "category of need", func(e *Episode) string { return e.CIN }),
		epi503("503D", "PLACE", "placement type", func(e *Episode) string { return e.Place }),
		epi503("503E", "PLACE_PROVIDER", "placement provider", func(e *Episode) string { return e.PlaceProvider }),
		epi503("503F", "URN", "Ofsted URN", func(e *Episode) string { return e.URN }),
		epi503G(), epi504(), epi516(), epi526(),
		epiProvider("527", "PR1", "the council's own provision", "P1 R2 R5"),
		epiProvider("528", "PR2", "another council's provision", "P1 R2 R5"),
		epiProvider("529", "PR3", "another public body", "P1 A3 A4 A5 A6 K1 K2 U1 U2 U3 U4 U5 U6"),
		epiProvider("530", "PR4", "a private provider", "P1"),
		epiProvider("531", "PR5", "a voluntary or third-sector provider", "P1"),
		epi550(), epi562(), epiCode("1009", "REASON_PLACE_CHANGE", func(e *Episode) string { return e.ReasonPlaceChange }, "reason for placement change"),
		epi1012(), epiNoE(),
	}
}

// ---- helpers ----

var (
	epiTables     = []Table{TableEpisodes}
	epiTablesUASC = []Table{TableEpisodes, TableUASC}
	epiTemporary  = epiSet("T0 T1 T2 T3 T4")
	epiFoster     = epiSet("U1 U2 U3 U4 U5 U6")
	epiAdoption   = epiSet("A3 A4 A5 A6")
	epiAdopted    = epiSet("E11 E12")
)

func epiSet(codes string) map[string]bool {
	m := map[string]bool{}
	for _, c := range strings.Fields(codes) {
		m[c] = true
	}
	return m
}

// epiColumnCodes is the set of valid codes of an Episodes column.
func epiColumnCodes(name string) map[string]bool {
	m := map[string]bool{}
	for _, col := range Columns[TableEpisodes] {
		if col.Name == name {
			for _, c := range col.Codes {
				m[c.Code] = true
			}
		}
	}
	return m
}

// epiRule builds a check of each episode on its own: bad returns the value to report and the
// message, with ok false when the episode passes.
func epiRule(code string, tables []Table, fields []string, about string, needs Need,
	bad func(d *CheckData, e *Episode) (value, msg string, ok bool)) Check {
	c := Check{Code: code, Severity: finding.Error, Tables: tables, Fields: fields, About: about, Needs: needs}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		for i := range d.Return.Episodes {
			e := &d.Return.Episodes[i]
			if v, msg, ok := bad(d, e); ok {
				out = append(out, d.Found(&c, TableEpisodes, e.Row, e.Child, fields, v, msg))
			}
		}
		return out
	}
	return c
}

// epiNeighbours gives, for each episode, the index of the child's episode before and after it in
// start order (-1 when there is none).
func epiNeighbours(d *CheckData) (prev, next []int) {
	n := len(d.Return.Episodes)
	prev, next = make([]int, n), make([]int, n)
	for i := range n {
		prev[i], next[i] = -1, -1
	}
	for _, is := range d.EpisodesOf {
		for k, i := range is {
			if i < 0 || i >= n {
				continue
			}
			if k > 0 {
				prev[i] = is[k-1]
			}
			if k+1 < len(is) {
				next[i] = is[k+1]
			}
		}
	}
	return prev, next
}

// epiSeqRule builds a check of each episode against the child's episode before it (prev) and
// after it (next), either nil when there is none.
func epiSeqRule(code string, fields []string, about string,
	bad func(d *CheckData, prev, e, next *Episode) (value, msg string, ok bool)) Check {
	c := Check{Code: code, Severity: finding.Error, Tables: epiTables, Fields: fields, About: about}
	c.Run = func(d *CheckData) []finding.Finding {
		prev, next := epiNeighbours(d)
		eps := d.Return.Episodes
		at := func(i int) *Episode {
			if i < 0 {
				return nil
			}
			return &eps[i]
		}
		var out []finding.Finding
		for i := range eps {
			e := &eps[i]
			if v, msg, ok := bad(d, at(prev[i]), e, at(next[i])); ok {
				out = append(out, d.Found(&c, TableEpisodes, e.Row, e.Child, fields, v, msg))
			}
		}
		return out
	}
	return c
}

// epiSortedChildren lists the children with episodes, in ID order, so that checks report in a
// stable order.
func epiSortedChildren(d *CheckData) []string {
	cs := make([]string, 0, len(d.EpisodesOf))
	for c := range d.EpisodesOf {
		cs = append(cs, c)
	}
	sort.Strings(cs)
	return cs
}

// epiUASC is the set of children who are or were unaccompanied asylum seekers, from this year's
// and (when given) last year's UASC tables.
func epiUASC(d *CheckData) map[string]bool {
	m := map[string]bool{}
	for _, u := range d.Return.UASC {
		m[u.Child] = true
	}
	if d.Previous != nil {
		for _, u := range d.Previous.UASC {
			m[u.Child] = true
		}
	}
	return m
}

// epiPostcode normalises a postcode: upper case, single spaces, trimmed.
func epiPostcode(p string) string { return strings.Join(strings.Fields(strings.ToUpper(p)), " ") }

// epiSamePostcode compares postcodes whatever their case and spacing.
func epiSamePostcode(a, b string) bool {
	return strings.ReplaceAll(epiPostcode(a), " ", "") == strings.ReplaceAll(epiPostcode(b), " ", "")
}

// epiCoord finds a postcode's coordinates, trying it as written and as a full postcode with the
// space before the last three characters.
func epiCoord(d *CheckData, p string) (Coordinate, bool) {
	n := epiPostcode(p)
	if n == "" {
		return Coordinate{}, false
	}
	if c, ok := d.Postcodes[n]; ok {
		return c, true
	}
	compact := strings.ReplaceAll(n, " ", "")
	if len(compact) >= 5 {
		c, ok := d.Postcodes[compact[:len(compact)-3]+" "+compact[len(compact)-3:]]
		return c, ok
	}
	return Coordinate{}, false
}

// epiDistance is the straight-line distance in miles between the home and placement postcodes,
// as DfE derives PL_DISTANCE; ok is false when either postcode is blank or unknown.
func epiDistance(d *CheckData, e *Episode) (float64, bool) {
	h, ok1 := epiCoord(d, e.HomePost)
	p, ok2 := epiCoord(d, e.PlPost)
	if !ok1 || !ok2 {
		return 0, false
	}
	return math.Hypot(h.Easting-p.Easting, h.Northing-p.Northing) / 1609.344, true
}

// epiFirstOpenLast pairs each child's first episode this year with the open episode (no end
// date) of last year's return, for checks of the episode carried over the year end.
func epiFirstOpenLast(d *CheckData, f func(first, open *Episode)) {
	if d.Previous == nil {
		return
	}
	open := map[string]*Episode{}
	for i := range d.Previous.Episodes {
		e := &d.Previous.Episodes[i]
		if e.DEC == 0 && (open[e.Child] == nil || e.DECOM > open[e.Child].DECOM) {
			open[e.Child] = e
		}
	}
	for _, child := range epiSortedChildren(d) {
		is := d.EpisodesOf[child]
		if o := open[child]; o != nil && len(is) > 0 {
			f(&d.Return.Episodes[is[0]], o)
		}
	}
}

// ---- codes and dates of one episode ----

// epiCode checks that a coded field holds one of its codes; blank passes where the column may be
// blank and fails where it may not.
func epiCode(code, field string, get func(e *Episode) string, name string) Check {
	valid := epiColumnCodes(field)
	mayBeBlank := false
	for _, col := range Columns[TableEpisodes] {
		if col.Name == field {
			mayBeBlank = col.Blank
		}
	}
	return epiRule(code, epiTables, []string{field}, fmt.Sprintf("The %s (%s) is one of DfE's codes.", name, field), 0,
		func(_ *CheckData, e *Episode) (string, string, bool) {
			v := get(e)
			if v == "" && mayBeBlank || valid[v] {
				return "", "", false
			}
			if v == "" {
				return v, fmt.Sprintf("The %s of the episode starting %s is blank; it must be given.", name, showDate(e.DECOM)), true
			}
			return v, fmt.Sprintf("The %s %q of the episode starting %s is not one of DfE's codes.", name, v, showDate(e.DECOM)), true
		})
}

func epi141() Check {
	return epiRule("141", epiTables, []string{"DECOM"}, "Every episode has a start date (DECOM) that is a real date.", 0,
		func(_ *CheckData, e *Episode) (string, string, bool) {
			if e.DECOM != 0 {
				return "", "", false
			}
			return "", "The episode has no valid start date (DECOM is blank or was not a date).", true
		})
}

func epi148() Check {
	return epiRule("148", epiTables, []string{"DEC", "REC"},
		"An episode's end date (DEC) and reason for ending (REC) are either both given or both blank.", 0,
		func(_ *CheckData, e *Episode) (string, string, bool) {
			switch {
			case e.DEC != 0 && e.REC == "":
				return e.DEC.DMY(), fmt.Sprintf("The episode starting %s ended on %s but has no reason for ending (REC).",
					showDate(e.DECOM), e.DEC.DMY()), true
			case e.DEC == 0 && e.REC != "":
				return e.REC, fmt.Sprintf("The episode starting %s has reason for ending %s but no end date (DEC).",
					showDate(e.DECOM), e.REC), true
			}
			return "", "", false
		})
}

func epi353() Check {
	limit := calendar.Of(1991, time.October, 14)
	return epiRule("353", epiTables, []string{"DECOM"},
		"No episode starts before 14/10/1991, when the Children Act 1989 came into force.", 0,
		func(_ *CheckData, e *Episode) (string, string, bool) {
			if !(e.DECOM != 0 && e.DECOM < limit) {
				return "", "", false
			}
			return e.DECOM.DMY(), fmt.Sprintf("The episode starts on %s, before 14/10/1991.", e.DECOM.DMY()), true
		})
}

func epi354() Check {
	return epiRule("354", epiTables, []string{"DECOM"}, "No episode starts after the end of the collection year.", 0,
		func(d *CheckData, e *Episode) (string, string, bool) {
			if e.DECOM <= d.End {
				return "", "", false
			}
			return e.DECOM.DMY(), fmt.Sprintf("The episode starts on %s, after the collection year ended on %s.",
				e.DECOM.DMY(), d.End.DMY()), true
		})
}

func epi355() Check {
	return epiRule("355", epiTables, []string{"DEC", "DECOM"}, "An episode lasts at least one night: it does not end on the day it starts.", 0,
		func(_ *CheckData, e *Episode) (string, string, bool) {
			if !(e.DECOM != 0 && e.DEC == e.DECOM) {
				return "", "", false
			}
			return e.DEC.DMY(), fmt.Sprintf("The episode starts and ends on the same day (%s), so it lasted less than 24 hours.",
				e.DEC.DMY()), true
		})
}

func epi356() Check {
	return epiRule("356", epiTables, []string{"DECOM", "DEC"}, "An episode does not end before it starts.", 0,
		func(_ *CheckData, e *Episode) (string, string, bool) {
			if !(e.DECOM != 0 && e.DEC != 0 && e.DEC < e.DECOM) {
				return "", "", false
			}
			return e.DEC.DMY(), fmt.Sprintf("The episode ends on %s, before it starts on %s.", e.DEC.DMY(), e.DECOM.DMY()), true
		})
}

func epi385() Check {
	return epiRule("385", epiTables, []string{"DEC"}, "No episode ends after the end of the collection year.", 0,
		func(d *CheckData, e *Episode) (string, string, bool) {
			if e.DEC <= d.End {
				return "", "", false
			}
			return e.DEC.DMY(), fmt.Sprintf("The episode starting %s ends on %s, after the collection year ended on %s.",
				showDate(e.DECOM), e.DEC.DMY(), d.End.DMY()), true
		})
}

func epi446() Check {
	act := calendar.Of(2005, time.December, 30)
	return epiRule("446", epiTables, []string{"DECOM", "LS"},
		"Legal status E1 (placement order) is not used for episodes starting before 30/12/2005, when placement orders began.", 0,
		func(_ *CheckData, e *Episode) (string, string, bool) {
			if !(e.LS == "E1" && e.DECOM != 0 && e.DECOM < act) {
				return "", "", false
			}
			return e.DECOM.DMY(), fmt.Sprintf("The episode starting %s has legal status E1, but placement orders only exist from 30/12/2005.",
				e.DECOM.DMY()), true
		})
}

// ---- placement type, provider, URN and reason for placement change ----

func epi213() Check {
	return epiRule("213", epiTables, []string{"PLACE_PROVIDER"},
		"No placement provider is given for temporary placements (T0–T4) or other placements (Z1).", 0,
		func(_ *CheckData, e *Episode) (string, string, bool) {
			if !((epiTemporary[e.Place] || e.Place == "Z1") && e.PlaceProvider != "") {
				return "", "", false
			}
			return e.PlaceProvider, fmt.Sprintf("The episode starting %s has placement %s, which takes no placement provider, but provider %s is given.",
				showDate(e.DECOM), e.Place, e.PlaceProvider), true
		})
}

func epi214() Check {
	return epiRule("214", epiTables, []string{"PL_POST", "URN"},
		"No placement postcode or URN is given for respite care (legal status V3 or V4).", 0,
		func(_ *CheckData, e *Episode) (string, string, bool) {
			if !(shortBreak(e.LS) && (e.PlPost != "" || e.URN != "")) {
				return "", "", false
			}
			return strings.TrimSpace(e.PlPost + " " + e.URN), fmt.Sprintf("The episode starting %s is respite care (legal status %s), which takes no placement location, but placement postcode %s and URN %s are given.",
				showDate(e.DECOM), e.LS, showCode(e.PlPost), showCode(e.URN)), true
		})
}

func epi217() Check {
	from := calendar.Of(2015, time.April, 1)
	return epiRule("217", epiTables, []string{"DECOM", "PLACE", "RNE"},
		"From 01/04/2015 a placement for adoption with the child's current foster carers (A3, A5) begins with reason for new episode S, T or U: the carers stay the same.", 0,
		func(_ *CheckData, e *Episode) (string, string, bool) {
			bad := (e.Place == "A3" || e.Place == "A5") && e.DECOM >= from && e.RNE != "S" && e.RNE != "T" && e.RNE != "U"
			if !bad {
				return "", "", false
			}
			return e.RNE, fmt.Sprintf("The episode starting %s places the child for adoption with current foster carers (%s) but has reason for new episode %s; only S, T or U fit, since the carers did not change.",
				e.DECOM.DMY(), e.Place, showCode(e.RNE)), true
		})
}

// 218: DfE exempts placements that have no Ofsted-registered provider (parents P1, NHS/health
// R2, young offender institutions R5, temporary and other placements T0–T4, Z1) and private or
// voluntary providers (PR4, PR5) registered elsewhere. "XXXXXXX" counts as given.
func epi218() Check {
	exempt := epiSet("P1 R2 R5 T0 T1 T2 T3 T4 Z1")
	return epiRule("218", epiTables, []string{"URN"}, "An Ofsted URN is given for placements that Ofsted registers.", 0,
		func(_ *CheckData, e *Episode) (string, string, bool) {
			bad := e.URN == "" && e.Place != "" && !exempt[e.Place] && e.PlaceProvider != "PR4" && e.PlaceProvider != "PR5"
			if !bad {
				return "", "", false
			}
			return "", fmt.Sprintf("The episode starting %s has placement %s with provider %s but no Ofsted URN; give the setting's URN (or XXXXXXX when it has none).",
				showDate(e.DECOM), e.Place, showCode(e.PlaceProvider)), true
		})
}

func epi222() Check {
	none := epiSet("H5 P1 P2 P3 R1 R2 R5 T0 T1 T2 T3 T4 Z1")
	return epiRule("222", epiTables, []string{"URN"}, "No Ofsted URN is given for placement types that Ofsted does not register.", 0,
		func(_ *CheckData, e *Episode) (string, string, bool) {
			if !(none[e.Place] && e.URN != "" && e.URN != "XXXXXXX") {
				return "", "", false
			}
			return e.URN, fmt.Sprintf("The episode starting %s has placement %s, which Ofsted does not register, but URN %s is given.",
				showDate(e.DECOM), e.Place, e.URN), true
		})
}

// 225, 226: a move into or out of a temporary placement (T0–T4) is not a placement change that
// needs a reason; every other placement change (the next episode's RNE P or B) does.
func epi225() Check {
	return epiSeqRule("225", []string{"REASON_PLACE_CHANGE"},
		"An episode that ends because the child moved placement (REC X1, next episode's reason P or B) gives the reason for the move, unless the move is into or out of a temporary placement.",
		func(_ *CheckData, _, e, next *Episode) (string, string, bool) {
			if next == nil || e.REC != "X1" || e.ReasonPlaceChange != "" || (next.RNE != "P" && next.RNE != "B") ||
				epiTemporary[e.Place] || epiTemporary[next.Place] {
				return "", "", false
			}
			return "", fmt.Sprintf("The episode starting %s ended on %s with a change of placement (next episode's reason %s) but no reason for the placement change.",
				showDate(e.DECOM), showDate(e.DEC), next.RNE), true
		})
}

func epi226() Check {
	return epiSeqRule("226", []string{"PLACE", "REASON_PLACE_CHANGE"},
		"No reason for placement change is given when the child moves into or back from a temporary placement (T0–T4).",
		func(_ *CheckData, _, e, next *Episode) (string, string, bool) {
			if e.ReasonPlaceChange == "" {
				return "", "", false
			}
			if epiTemporary[e.Place] {
				return e.ReasonPlaceChange, fmt.Sprintf("The episode starting %s is a temporary placement (%s), yet reason for placement change %s is given.",
					showDate(e.DECOM), e.Place, e.ReasonPlaceChange), true
			}
			if next != nil && epiTemporary[next.Place] {
				return e.ReasonPlaceChange, fmt.Sprintf("The episode starting %s is followed by a temporary placement (%s), yet reason for placement change %s is given.",
					showDate(e.DECOM), next.Place, e.ReasonPlaceChange), true
			}
			return "", "", false
		})
}

func epi233() Check {
	return epiRule("233", epiTables, []string{"REASON_PLACE_CHANGE", "DEC"},
		"No reason for placement change is given for an episode that is still open.", 0,
		func(_ *CheckData, e *Episode) (string, string, bool) {
			if !(e.DEC == 0 && e.ReasonPlaceChange != "") {
				return "", "", false
			}
			return e.ReasonPlaceChange, fmt.Sprintf("The episode starting %s has not ended, yet reason for placement change %s is given.",
				showDate(e.DECOM), e.ReasonPlaceChange), true
		})
}

// 336: a placement for adoption with current foster carers (A3, A5) that begins with a move
// (RNE P or B) must follow a foster placement (U1–U6) or an earlier adoption placement (A3–A6).
func epi336() Check {
	return epiSeqRule("336", []string{"PLACE"},
		"A child placed for adoption with current foster carers (A3, A5) after a move was in a foster or adoption placement just before.",
		func(_ *CheckData, prev, e, _ *Episode) (string, string, bool) {
			if prev == nil || (e.Place != "A3" && e.Place != "A5") || (e.RNE != "P" && e.RNE != "B") ||
				epiFoster[prev.Place] || epiAdoption[prev.Place] {
				return "", "", false
			}
			return e.Place, fmt.Sprintf("The episode starting %s places the child for adoption with current foster carers (%s), but the episode before was placement %s, not a foster placement.",
				showDate(e.DECOM), e.Place, showCode(prev.Place)), true
		})
}

func epi378() Check {
	return epiRule("378", epiTables, []string{"LS", "PLACE"},
		"A child placed with parents (P1) is not looked after under a single period of section 20 accommodation (V2).", 0,
		func(_ *CheckData, e *Episode) (string, string, bool) {
			if !(e.LS == "V2" && e.Place == "P1") {
				return "", "", false
			}
			return e.Place, fmt.Sprintf("The episode starting %s places the child with parents (P1) under legal status V2 (section 20 accommodation), which cannot go together.",
				showDate(e.DECOM)), true
		})
}

func epi380() Check {
	return epiRule("380", epiTables, []string{"PLACE", "RNE"}, "A period of care (reason for new episode S) does not begin in a temporary placement.", 0,
		func(_ *CheckData, e *Episode) (string, string, bool) {
			if !(e.RNE == "S" && epiTemporary[e.Place]) {
				return "", "", false
			}
			return e.Place, fmt.Sprintf("The episode starting %s begins a period of care (reason S) in temporary placement %s.",
				showDate(e.DECOM), e.Place), true
		})
}

func epi381() Check {
	return epiRule("381", epiTables, []string{"PLACE", "REC"}, "A period of care does not end in a temporary placement.", 0,
		func(_ *CheckData, e *Episode) (string, string, bool) {
			if !(epiTemporary[e.Place] && e.REC != "" && e.REC != "X1") {
				return "", "", false
			}
			return e.REC, fmt.Sprintf("The episode starting %s in temporary placement %s ends the period of care (reason %s).",
				showDate(e.DECOM), e.Place, e.REC), true
		})
}

func epi382() Check {
	return epiRule("382", epiTables, []string{"LS", "PLACE"}, "A child in respite care (V3, V4) is not in a temporary placement (T0–T4).", 0,
		func(_ *CheckData, e *Episode) (string, string, bool) {
			if !(shortBreak(e.LS) && epiTemporary[e.Place]) {
				return "", "", false
			}
			return e.Place, fmt.Sprintf("The episode starting %s is respite care (legal status %s) in temporary placement %s.",
				showDate(e.DECOM), e.LS, e.Place), true
		})
}

// 383: after a temporary placement the child goes back to the placement before it: the next
// episode has the placement type and postcode of the one before the temporary placement.
func epi383() Check {
	c := Check{Code: "383", Severity: finding.Error, Tables: epiTables, Fields: []string{"PLACE", "PL_POST", "RNE"},
		About: "After a temporary placement (T0–T4) the child returns to the placement they had before it."}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		eps := d.Return.Episodes
		for _, child := range epiSortedChildren(d) {
			is := d.EpisodesOf[child]
			for k := 1; k+1 < len(is); k++ {
				before, temp, after := &eps[is[k-1]], &eps[is[k]], &eps[is[k+1]]
				if !epiTemporary[temp.Place] || epiTemporary[before.Place] || epiTemporary[after.Place] ||
					before.REC != "X1" || temp.REC != "X1" {
					continue
				}
				if after.Place != before.Place || !epiSamePostcode(after.PlPost, before.PlPost) {
					out = append(out, d.Found(&c, TableEpisodes, after.Row, after.Child, c.Fields, after.Place,
						fmt.Sprintf("After the temporary placement (%s) starting %s the child went to placement %s at %s, not back to placement %s at %s they had before.",
							temp.Place, showDate(temp.DECOM), showCode(after.Place), showCode(after.PlPost), showCode(before.Place), showCode(before.PlPost))))
				}
			}
		}
		return out
	}
	return c
}

func epi384() Check {
	return epiRule("384", epiTables, []string{"LS", "PLACE"}, "A child in respite care (V3, V4) is not in a long-term foster placement (U1, U4).", 0,
		func(_ *CheckData, e *Episode) (string, string, bool) {
			if !(shortBreak(e.LS) && (e.Place == "U1" || e.Place == "U4")) {
				return "", "", false
			}
			return e.Place, fmt.Sprintf("The episode starting %s is respite care (legal status %s) in long-term foster placement %s.",
				showDate(e.DECOM), e.LS, e.Place), true
		})
}

func epi390() Check {
	return epiRule("390", epiTables, []string{"PLACE", "REC"}, "A child adopted (REC E11, E12) was placed for adoption (A3–A6) in that episode.", 0,
		func(_ *CheckData, e *Episode) (string, string, bool) {
			if !(epiAdopted[e.REC] && !epiAdoption[e.Place]) {
				return "", "", false
			}
			return e.Place, fmt.Sprintf("The episode starting %s ends with adoption (%s) but its placement is %s, not a placement for adoption (A3–A6).",
				showDate(e.DECOM), e.REC, showCode(e.Place)), true
		})
}

func epi408() Check {
	return epiRule("408", epiTables, []string{"LS", "PLACE"},
		"A child placed for adoption under a placement order (A5, A6) has legal status E1 (placement order) or D1 (freeing order).", 0,
		func(_ *CheckData, e *Episode) (string, string, bool) {
			if !((e.Place == "A5" || e.Place == "A6") && e.LS != "E1" && e.LS != "D1") {
				return "", "", false
			}
			return e.LS, fmt.Sprintf("The episode starting %s places the child for adoption with a placement order (%s) but the legal status is %s, not E1 or D1.",
				showDate(e.DECOM), e.Place, showCode(e.LS)), true
		})
}

// 516 follows DfE's wording: special guardianship on leaving care (E45 or E46) needs a foster
// placement (U1–U6).
func epi516() Check {
	return epiRule("516", epiTables, []string{"PLACE", "REC"},
		"A child who left care on a special guardianship order (REC E45, E46) was in a foster placement (U1–U6).", 0,
		func(_ *CheckData, e *Episode) (string, string, bool) {
			if !((e.REC == "E45" || e.REC == "E46") && !epiFoster[e.Place]) {
				return "", "", false
			}
			return e.Place, fmt.Sprintf("The episode starting %s ends with a special guardianship order (%s) but the placement is %s, not a foster placement (U1–U6).",
				showDate(e.DECOM), e.REC, showCode(e.Place)), true
		})
}

func epi526() Check {
	return epiRule("526", epiTables, []string{"PLACE", "PLACE_PROVIDER"},
		"Every placement other than a temporary (T0–T4) or other (Z1) placement has a placement provider.", 0,
		func(_ *CheckData, e *Episode) (string, string, bool) {
			if !(e.PlaceProvider == "" && e.Place != "" && !epiTemporary[e.Place] && e.Place != "Z1") {
				return "", "", false
			}
			return "", fmt.Sprintf("The episode starting %s has placement %s but no placement provider.", showDate(e.DECOM), e.Place), true
		})
}

// epiProvider checks that provider code prov is not used with the placements not.
func epiProvider(code, prov, who, not string) Check {
	bad := epiSet(not)
	return epiRule(code, epiTables, []string{"PLACE", "PLACE_PROVIDER"},
		fmt.Sprintf("Placement provider %s (%s) is not used with placements %s.", prov, who, not), 0,
		func(_ *CheckData, e *Episode) (string, string, bool) {
			if !(e.PlaceProvider == prov && bad[e.Place]) {
				return "", "", false
			}
			return e.Place, fmt.Sprintf("The episode starting %s has placement %s with provider %s (%s), which cannot provide that placement.",
				showDate(e.DECOM), e.Place, prov, who), true
		})
}

func epi550() Check {
	return epiRule("550", epiTables, []string{"PLACE", "PLACE_PROVIDER"}, "Placement provider PR0 (parents) is used only with placement P1 (with parents).", 0,
		func(_ *CheckData, e *Episode) (string, string, bool) {
			if !(e.PlaceProvider == "PR0" && e.Place != "P1") {
				return "", "", false
			}
			return e.Place, fmt.Sprintf("The episode starting %s has provider PR0 (parents) but placement %s; PR0 goes only with P1.",
				showDate(e.DECOM), showCode(e.Place)), true
		})
}

// ---- legal status ----

// epiMaxDays checks that an episode under legal status ls lasts at most max days. An episode still
// open is measured to the end of the collection year, since it has lasted at least that long.
func epiMaxDays(code, ls, name string, maxDays int, limit string) Check {
	return epiRule(code, epiTables, []string{"DEC", "DECOM", "LS"},
		fmt.Sprintf("An episode under legal status %s (%s) lasts no longer than %s.", ls, name, limit), 0,
		func(d *CheckData, e *Episode) (string, string, bool) {
			if e.LS != ls || e.DECOM == 0 {
				return "", "", false
			}
			if e.DEC != 0 {
				days := e.DEC.Sub(e.DECOM)
				return e.DEC.DMY(), fmt.Sprintf("The episode under %s (%s) ran from %s to %s, %d days; the limit is %s.",
					ls, name, e.DECOM.DMY(), e.DEC.DMY(), days, limit), days > maxDays
			}
			days := d.End.Sub(e.DECOM)
			if days <= maxDays {
				return "", "", false
			}
			return "", fmt.Sprintf("The episode under %s (%s) began on %s and was still open at %s, %d days later; the limit is %s.",
				ls, name, e.DECOM.DMY(), d.End.DMY(), days, limit), true
		})
}

func epi366() Check {
	return epiRule("366", epiTables, []string{"RNE"},
		"Each short-term respite break (V3) is a period of care of its own, so its episode begins with reason S.", 0,
		func(_ *CheckData, e *Episode) (string, string, bool) {
			if !(e.LS == "V3" && e.RNE != "S") {
				return "", "", false
			}
			return e.RNE, fmt.Sprintf("The respite episode (V3) starting %s has reason for new episode %s; a child cannot change placement during a respite break, so it must be S.",
				showDate(e.DECOM), showCode(e.RNE)), true
		})
}

// 367 counts the nights of V3 episodes within the collection year (DfE's 12-month period),
// an open episode to the year end.
func epi367() Check {
	c := Check{Code: "367", Severity: finding.Error, Tables: epiTables, Fields: []string{"DEC", "DECOM", "LS"},
		About: "A child has at most 75 days of short-term respite care (V3) in the year."}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		eps := d.Return.Episodes
		for _, child := range epiSortedChildren(d) {
			total := 0
			var v3 []*Episode
			for _, i := range d.EpisodesOf[child] {
				e := &eps[i]
				if e.LS != "V3" || e.DECOM == 0 {
					continue
				}
				from, to := max(e.DECOM, d.Start), d.End
				if e.DEC != 0 && e.DEC < to {
					to = e.DEC
				}
				if to > from {
					total += to.Sub(from)
				}
				v3 = append(v3, e)
			}
			if total <= 75 {
				continue
			}
			for _, e := range v3 {
				out = append(out, d.Found(&c, TableEpisodes, e.Row, e.Child, c.Fields, e.DECOM.DMY(),
					fmt.Sprintf("The child had %d days of short-term respite care (V3) in the year to %s, more than the 75 allowed; this episode starting %s is one of them.",
						total, d.End.DMY(), e.DECOM.DMY())))
			}
		}
		return out
	}
	return c
}

// 377 counts T3 placements (usual foster carers on holiday) in the 12 months up to each one's
// start, last year's included when given.
func epi377() Check {
	c := Check{Code: "377", Severity: finding.Error, Tables: epiTables, Fields: []string{"PLACE"},
		About: "A child has at most two temporary placements because the usual foster carers were on holiday (T3) in any 12 months."}
	c.Run = func(d *CheckData) []finding.Finding {
		// Start dates, so that an episode carried over from last year's return counts once.
		t3 := map[string]map[Date]bool{}
		add := func(eps []Episode) {
			for _, e := range eps {
				if e.Place == "T3" && e.DECOM != 0 {
					if t3[e.Child] == nil {
						t3[e.Child] = map[Date]bool{}
					}
					t3[e.Child][e.DECOM] = true
				}
			}
		}
		add(d.Return.Episodes)
		if d.Previous != nil {
			add(d.Previous.Episodes)
		}
		var out []finding.Finding
		for i := range d.Return.Episodes {
			e := &d.Return.Episodes[i]
			if e.Place != "T3" || e.DECOM == 0 {
				continue
			}
			from, n := e.DECOM.AddYears(-1), 0
			for s := range t3[e.Child] {
				if s > from && s <= e.DECOM {
					n++
				}
			}
			if n > 2 {
				out = append(out, d.Found(&c, TableEpisodes, e.Row, e.Child, c.Fields, e.Place,
					fmt.Sprintf("The T3 placement (usual foster carers on holiday) starting %s is the child's %s such placement in the 12 months to that day; at most two are allowed.",
						e.DECOM.DMY(), epiOrdinal(n))))
			}
		}
		return out
	}
	return c
}

func epiOrdinal(n int) string {
	switch {
	case n%100 >= 11 && n%100 <= 13:
		return fmt.Sprintf("%dth", n)
	case n%10 == 1:
		return fmt.Sprintf("%dst", n)
	case n%10 == 2:
		return fmt.Sprintf("%dnd", n)
	case n%10 == 3:
		return fmt.Sprintf("%drd", n)
	}
	return fmt.Sprintf("%dth", n)
}

func epi426() Check {
	c := Check{Code: "426", Severity: finding.Error, Tables: epiTables, Fields: []string{"LS"},
		About: "A child in respite care is not recorded under both V3 and V4 in the same year."}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		eps := d.Return.Episodes
		for _, child := range epiSortedChildren(d) {
			var v3, v4 bool
			for _, i := range d.EpisodesOf[child] {
				v3 = v3 || eps[i].LS == "V3"
				v4 = v4 || eps[i].LS == "V4"
			}
			if !v3 || !v4 {
				continue
			}
			for _, i := range d.EpisodesOf[child] {
				if e := &eps[i]; shortBreak(e.LS) {
					out = append(out, d.Found(&c, TableEpisodes, e.Row, e.Child, c.Fields, e.LS,
						fmt.Sprintf("The child has respite episodes under both V3 and V4 this year; this one starting %s is %s. Use one of them.",
							showDate(e.DECOM), e.LS)))
				}
			}
		}
		return out
	}
	return c
}

// ---- the sequence of a child's episodes ----

func epi142() Check {
	return epiSeqRule("142", []string{"DEC", "REC"}, "Every episode but a child's last has an end date and a reason for ending.",
		func(_ *CheckData, _, e, next *Episode) (string, string, bool) {
			if next == nil || e.DECOM == 0 || (e.DEC != 0 && e.REC != "") {
				return "", "", false
			}
			return e.REC, fmt.Sprintf("The episode starting %s is followed by one starting %s but has end date %s and reason for ending %s; both must be given.",
				e.DECOM.DMY(), showDate(next.DECOM), showDate(e.DEC), showCode(e.REC)), true
		})
}

// 357: only a first episode that starts within the year can be checked; one carried over from
// last year may rightly continue an earlier episode.
func epi357() Check {
	return epiSeqRule("357", []string{"RNE"}, "A child's first episode that starts in the year begins a period of care (reason for new episode S).",
		func(d *CheckData, prev, e, _ *Episode) (string, string, bool) {
			if !(prev == nil && e.DECOM >= d.Start && e.RNE != "S") {
				return "", "", false
			}
			return e.RNE, fmt.Sprintf("The child's first episode, starting %s, has reason for new episode %s. If no earlier episode is missing, it must be S.",
				e.DECOM.DMY(), showCode(e.RNE)), true
		})
}

func epi388() Check {
	return epiSeqRule("388", []string{"REC"},
		"An episode that ends with 'new episode begins' (X1) is followed by an episode starting the same day.",
		func(_ *CheckData, _, e, next *Episode) (string, string, bool) {
			if e.REC != "X1" || e.DEC == 0 {
				return "", "", false
			}
			if next == nil {
				return e.REC, fmt.Sprintf("The episode starting %s ended on %s with X1 (a new episode begins) but no later episode follows.",
					showDate(e.DECOM), e.DEC.DMY()), true
			}
			if next.DECOM == e.DEC {
				return "", "", false
			}
			return e.REC, fmt.Sprintf("The episode starting %s ended on %s with X1 (a new episode begins) but the next episode starts on %s.",
				showDate(e.DECOM), e.DEC.DMY(), showDate(next.DECOM)), true
		})
}

func epi431() Check {
	return epiSeqRule("431", []string{"DECOM", "RNE"},
		"An episode that starts the day the previous one ended continues the same period of care, so its reason is not S.",
		func(_ *CheckData, prev, e, _ *Episode) (string, string, bool) {
			if !(prev != nil && e.RNE == "S" && e.DECOM != 0 && prev.DEC == e.DECOM) {
				return "", "", false
			}
			return e.RNE, fmt.Sprintf("The episode starting %s has reason S (started to be looked after) but the previous episode ended that same day.",
				e.DECOM.DMY()), true
		})
}

func epi432() Check {
	return epiSeqRule("432", []string{"RNE"},
		"After an episode that ended the child's care (a reason other than X1), the next episode begins with reason S.",
		func(_ *CheckData, prev, e, _ *Episode) (string, string, bool) {
			if !(prev != nil && prev.REC != "" && prev.REC != "X1" && e.RNE != "S") {
				return "", "", false
			}
			return e.RNE, fmt.Sprintf("The previous episode ended the child's care (reason %s), so the episode starting %s must have reason S, not %s.",
				showCode(epiPrevREC(prev)), showDate(e.DECOM), showCode(e.RNE)), true
		})
}

func epiPrevREC(p *Episode) string {
	if p == nil {
		return ""
	}
	return p.REC
}

func epi433() Check {
	return epiSeqRule("433", []string{"DECOM", "RNE"},
		"An episode continuing a period of care (reason L, P, T, B or U) starts on the day the previous episode ended.",
		func(_ *CheckData, prev, e, _ *Episode) (string, string, bool) {
			if prev == nil || prev.DEC == 0 || e.DECOM == 0 || e.RNE == "S" || e.RNE == "" || e.DECOM == prev.DEC {
				return "", "", false
			}
			return e.DECOM.DMY(), fmt.Sprintf("The episode starting %s has reason %s, a continuation, but the previous episode ended on %s.",
				e.DECOM.DMY(), e.RNE, prev.DEC.DMY()), true
		})
}

// epiSamePlacement reports whether two episodes have the same placement: type, provider,
// postcode and URN.
func epiSamePlacement(a, b *Episode) bool {
	return a.Place == b.Place && a.PlaceProvider == b.PlaceProvider &&
		epiSamePostcode(a.PlPost, b.PlPost) && a.URN == b.URN
}

func epiPlacementText(e *Episode) string {
	return fmt.Sprintf("%s/%s/%s/%s", showCode(e.Place), showCode(e.PlaceProvider), showCode(e.PlPost), showCode(e.URN))
}

var epiFields434 = []string{"LS", "PLACE", "PLACE_PROVIDER", "PL_POST", "RNE", "URN"}

func epi434() Check {
	return epiSeqRule("434", epiFields434,
		"An episode with reason L (legal status changed, placement the same) has a new legal status and the previous episode's placement.",
		func(_ *CheckData, prev, e, _ *Episode) (string, string, bool) {
			if prev == nil || e.RNE != "L" {
				return "", "", false
			}
			if e.LS == prev.LS {
				return e.LS, fmt.Sprintf("The episode starting %s has reason L (legal status changed) but keeps legal status %s.",
					showDate(e.DECOM), e.LS), true
			}
			if epiSamePlacement(prev, e) {
				return "", "", false
			}
			return epiPlacementText(e), fmt.Sprintf("The episode starting %s has reason L (legal status changed, placement the same) but the placement (type/provider/postcode/URN) changed from %s to %s.",
				showDate(e.DECOM), epiPlacementText(prev), epiPlacementText(e)), true
		})
}

func epi435() Check {
	return epiSeqRule("435", []string{"LS", "PLACE", "PLACE_PROVIDER", "PL_POST", "URN"},
		"An episode with reason P (placement changed, legal status the same) has a new placement and the previous episode's legal status.",
		func(_ *CheckData, prev, e, _ *Episode) (string, string, bool) {
			if prev == nil || e.RNE != "P" {
				return "", "", false
			}
			if e.LS != prev.LS {
				return e.LS, fmt.Sprintf("The episode starting %s has reason P (placement changed only) but the legal status changed from %s to %s.",
					showDate(e.DECOM), showCode(prev.LS), showCode(e.LS)), true
			}
			if !epiSamePlacement(prev, e) {
				return "", "", false
			}
			return epiPlacementText(e), fmt.Sprintf("The episode starting %s has reason P (placement changed) but the placement (type/provider/postcode/URN) is still %s.",
				showDate(e.DECOM), epiPlacementText(e)), true
		})
}

func epi436() Check {
	return epiSeqRule("436", epiFields434,
		"An episode with reason B (legal status and placement changed) differs from the previous one in both.",
		func(_ *CheckData, prev, e, _ *Episode) (string, string, bool) {
			if prev == nil || e.RNE != "B" {
				return "", "", false
			}
			if e.LS == prev.LS {
				return e.LS, fmt.Sprintf("The episode starting %s has reason B (legal status and placement changed) but keeps legal status %s.",
					showDate(e.DECOM), e.LS), true
			}
			if !epiSamePlacement(prev, e) {
				return "", "", false
			}
			return epiPlacementText(e), fmt.Sprintf("The episode starting %s has reason B (legal status and placement changed) but the placement (type/provider/postcode/URN) is still %s.",
				showDate(e.DECOM), epiPlacementText(e)), true
		})
}

// 437: E2 is death and E15 an age assessment finding the person is 18 or over; neither can be
// followed by another episode.
func epi437() Check {
	return epiSeqRule("437", []string{"REC"}, "No episode follows one that ended because the child died (E2) or was found to be 18 or over (E15).",
		func(_ *CheckData, _, e, next *Episode) (string, string, bool) {
			if !(next != nil && (e.REC == "E2" || e.REC == "E15")) {
				return "", "", false
			}
			return e.REC, fmt.Sprintf("The episode starting %s ended with reason %s, yet a later episode starts on %s.",
				showDate(e.DECOM), e.REC, showDate(epiNextDECOM(next))), true
		})
}

func epiNextDECOM(n *Episode) Date {
	if n == nil {
		return 0
	}
	return n.DECOM
}

func epi501() Check {
	return epiSeqRule("501", []string{"DEC", "DECOM"}, "An episode does not start before the previous episode ended.",
		func(_ *CheckData, prev, e, _ *Episode) (string, string, bool) {
			if !(prev != nil && e.DECOM != 0 && prev.DEC != 0 && e.DECOM < prev.DEC) {
				return "", "", false
			}
			return e.DECOM.DMY(), fmt.Sprintf("The episode starting %s begins before the previous episode ended on %s.",
				e.DECOM.DMY(), showDate(epiPrevDEC(prev))), true
		})
}

func epiPrevDEC(p *Episode) Date {
	if p == nil {
		return 0
	}
	return p.DEC
}

// 504: a period of care starts at an episode with reason S, or at the child's first episode this
// year; its episodes keep that episode's category of need.
func epi504() Check {
	c := Check{Code: "504", Severity: finding.Error, Tables: epiTables, Fields: []string{"CIN"},
		About: "The category of need stays the one recorded at the start of the period of care."}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		eps := d.Return.Episodes
		for _, child := range epiSortedChildren(d) {
			var start *Episode
			for _, i := range d.EpisodesOf[child] {
				e := &eps[i]
				if start == nil || e.RNE == "S" {
					start = e
					continue
				}
				if e.CIN != start.CIN {
					out = append(out, d.Found(&c, TableEpisodes, e.Row, e.Child, c.Fields, e.CIN,
						fmt.Sprintf("The episode starting %s has category of need %s, but the period of care began on %s with %s.",
							showDate(e.DECOM), showCode(e.CIN), showDate(start.DECOM), showCode(start.CIN))))
				}
			}
		}
		return out
	}
	return c
}

// 199: a child adopted from care (REC E11, E12) this year or last has no later episode.
func epi199() Check {
	c := Check{Code: "199", Severity: finding.Error, Tables: epiTables, Fields: []string{"CHILD"},
		About: "A child adopted from care (E11, E12) does not come back into care; checked against this year's and, when given, last year's episodes."}
	c.Run = func(d *CheckData) []finding.Finding {
		adopted := map[string]Date{}
		note := func(eps []Episode) {
			for _, e := range eps {
				if epiAdopted[e.REC] && e.DEC != 0 && (adopted[e.Child] == 0 || e.DEC < adopted[e.Child]) {
					adopted[e.Child] = e.DEC
				}
			}
		}
		note(d.Return.Episodes)
		if d.Previous != nil {
			note(d.Previous.Episodes)
		}
		var out []finding.Finding
		for i := range d.Return.Episodes {
			e := &d.Return.Episodes[i]
			if a := adopted[e.Child]; a != 0 && e.DECOM >= a {
				out = append(out, d.Found(&c, TableEpisodes, e.Row, e.Child, c.Fields, e.Child,
					fmt.Sprintf("The child was adopted from care on %s, yet has an episode starting %s.", a.DMY(), e.DECOM.DMY())))
			}
		}
		return out
	}
	return c
}

// ---- last year's return ----

func epi502() Check {
	c := Check{Code: "502", Severity: finding.Error, Tables: epiTables, Fields: []string{"DECOM"}, Needs: NeedPrevious,
		About: "A child whose episode was open at the end of last year's return starts this year's record with that episode (same start date)."}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		epiFirstOpenLast(d, func(first, open *Episode) {
			if first.DECOM != open.DECOM {
				out = append(out, d.Found(&c, TableEpisodes, first.Row, first.Child, c.Fields, showDate(first.DECOM),
					fmt.Sprintf("Last year's return ended with an open episode starting %s, but this year's first episode starts %s.",
						showDate(open.DECOM), showDate(first.DECOM))))
			}
		})
		return out
	}
	return c
}

// epi503 compares a field of the episode open at the end of last year with this year's first
// episode when both start on the same day (a different start is 502's finding).
func epi503(code, field, name string, get func(e *Episode) string) Check {
	c := Check{Code: code, Severity: finding.Error, Tables: epiTables, Fields: []string{field}, Needs: NeedPrevious,
		About: fmt.Sprintf("The %s of this year's first episode matches the episode left open at the end of last year.", name)}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		epiFirstOpenLast(d, func(first, open *Episode) {
			if first.DECOM == open.DECOM && get(first) != get(open) {
				out = append(out, d.Found(&c, TableEpisodes, first.Row, first.Child, c.Fields, get(first),
					fmt.Sprintf("The episode starting %s has %s %s this year but %s in last year's return.",
						showDate(first.DECOM), name, showCode(get(first)), showCode(get(open)))))
			}
		})
		return out
	}
	return c
}

func epi503G() Check {
	c := Check{Code: "503G", Severity: finding.Error, Tables: epiTables, Fields: []string{"HOME_POST", "PL_POST"},
		Needs: NeedPrevious | NeedPostcodes,
		About: "The home-to-placement distance of this year's first episode matches the episode left open at the end of last year."}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		epiFirstOpenLast(d, func(first, open *Episode) {
			now, ok1 := epiDistance(d, first)
			then, ok2 := epiDistance(d, open)
			if first.DECOM == open.DECOM && ok1 && ok2 && math.Abs(now-then) >= 0.2 {
				out = append(out, d.Found(&c, TableEpisodes, first.Row, first.Child, c.Fields, fmt.Sprintf("%.1f", now),
					fmt.Sprintf("The episode starting %s is %.1f miles from home this year but %.1f miles in last year's return (postcodes %s→%s, then %s→%s).",
						showDate(first.DECOM), now, then, first.HomePost, first.PlPost, open.HomePost, open.PlPost)))
			}
		})
		return out
	}
	return c
}

// 453: last year's last episode, when open, and this year's first episode with the same reason
// for new episode are the same episode, so their distances agree (to DfE's 0.2 mile tolerance).
func epi453() Check {
	c := Check{Code: "453", Severity: finding.Error, Tables: epiTables, Fields: []string{"HOME_POST", "PL_POST"},
		Needs: NeedPrevious | NeedPostcodes,
		About: "The placement distance does not change between last year's open last episode and this year's first episode."}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		if d.Previous == nil {
			return nil
		}
		last := map[string]*Episode{}
		for i := range d.Previous.Episodes {
			e := &d.Previous.Episodes[i]
			if l := last[e.Child]; l == nil || e.DECOM > l.DECOM {
				last[e.Child] = e
			}
		}
		for _, child := range epiSortedChildren(d) {
			l := last[child]
			first := &d.Return.Episodes[d.EpisodesOf[child][0]]
			if l == nil || l.DEC != 0 || l.RNE != first.RNE {
				continue
			}
			now, ok1 := epiDistance(d, first)
			then, ok2 := epiDistance(d, l)
			if ok1 && ok2 && math.Abs(now-then) >= 0.2 {
				out = append(out, d.Found(&c, TableEpisodes, first.Row, first.Child, c.Fields, fmt.Sprintf("%.1f", now),
					fmt.Sprintf("This year's first episode (starting %s) is %.1f miles from home, but last year's open last episode (starting %s) was %.1f miles.",
						showDate(first.DECOM), now, showDate(l.DECOM), then)))
			}
		}
		return out
	}
	return c
}

// 562: a first episode that began before this year is in last year's return when the child is;
// a child missing from last year's episodes altogether is NoE's finding.
func epi562() Check {
	c := Check{Code: "562", Severity: finding.Error, Tables: epiTables, Fields: []string{"DECOM"}, Needs: NeedPrevious,
		About: "A first episode that began before the year also appears in last year's return."}
	c.Run = func(d *CheckData) []finding.Finding {
		if d.Previous == nil {
			return nil
		}
		starts := map[string]map[Date]bool{}
		for _, e := range d.Previous.Episodes {
			if starts[e.Child] == nil {
				starts[e.Child] = map[Date]bool{}
			}
			starts[e.Child][e.DECOM] = true
		}
		var out []finding.Finding
		for _, child := range epiSortedChildren(d) {
			first := &d.Return.Episodes[d.EpisodesOf[child][0]]
			if s := starts[child]; s != nil && first.DECOM != 0 && first.DECOM < d.Start && !s[first.DECOM] {
				out = append(out, d.Found(&c, TableEpisodes, first.Row, child, c.Fields, first.DECOM.DMY(),
					fmt.Sprintf("The first episode began on %s, before this year, but last year's return has no episode for the child starting that day.",
						first.DECOM.DMY())))
			}
		}
		return out
	}
	return c
}

func epiNoE() Check {
	c := Check{Code: "NoE", Severity: finding.Error, Tables: epiTables, Fields: []string{"DECOM"}, Needs: NeedPrevious,
		About: "A child whose first episode began before this year has episodes in last year's return."}
	c.Run = func(d *CheckData) []finding.Finding {
		if d.Previous == nil {
			return nil
		}
		had := map[string]bool{}
		for _, e := range d.Previous.Episodes {
			had[e.Child] = true
		}
		var out []finding.Finding
		for _, child := range epiSortedChildren(d) {
			first := &d.Return.Episodes[d.EpisodesOf[child][0]]
			if !had[child] && first.DECOM != 0 && first.DECOM < d.Start {
				out = append(out, d.Found(&c, TableEpisodes, first.Row, child, c.Fields, first.DECOM.DMY(),
					fmt.Sprintf("The child's first episode began on %s, before this year, but last year's return has no episodes for the child.",
						first.DECOM.DMY())))
			}
		}
		return out
	}
	return c
}

// ---- other tables ----

// 1012: a care leaver in OC3 with no episode this year appears in no table other than the header
// (which holds care leavers) and OC3.
func epi1012() Check {
	c := Check{Code: "1012", Severity: finding.Error, Fields: []string{"CHILD"},
		Tables: []Table{TableOC3, TableEpisodes, TableUASC, TableReviews, TableOC2, TableAD1, TablePlacedAdoption,
			TablePrevPerm, TableMissing, TableSWEpisodes},
		About: "A care leaver in OC3 who was not looked after this year has no records other than the header and OC3."}
	c.Run = func(d *CheckData) []finding.Finding {
		r := d.Return
		leaver := map[string]bool{}
		for _, o := range r.OC3 {
			if len(d.EpisodesOf[o.Child]) == 0 {
				leaver[o.Child] = true
			}
		}
		if len(leaver) == 0 {
			return nil
		}
		var out []finding.Finding
		flag := func(t Table, row int, child string) {
			if leaver[child] {
				out = append(out, d.Found(&c, t, row, child, c.Fields, child,
					fmt.Sprintf("Child %s is a care leaver (OC3) with no episodes this year, so should have no %s record.", child, t)))
			}
		}
		for _, x := range r.UASC {
			flag(TableUASC, x.Row, x.Child)
		}
		for _, x := range r.Reviews {
			flag(TableReviews, x.Row, x.Child)
		}
		for _, x := range r.OC2 {
			flag(TableOC2, x.Row, x.Child)
		}
		for _, x := range r.AD1 {
			flag(TableAD1, x.Row, x.Child)
		}
		for _, x := range r.PlacedAdoption {
			flag(TablePlacedAdoption, x.Row, x.Child)
		}
		for _, x := range r.PrevPerm {
			flag(TablePrevPerm, x.Row, x.Child)
		}
		for _, x := range r.Missing {
			flag(TableMissing, x.Row, x.Child)
		}
		for _, x := range r.SWEpisodes {
			flag(TableSWEpisodes, x.Row, x.Child)
		}
		return out
	}
	return c
}

// ---- postcodes and distances ----

// epiLookedAfterWithDistance reports whether DfE derives a distance for the episode: not respite
// (V3, V4) and not a child who is or was an unaccompanied asylum seeker.
func epiLookedAfterWithDistance(e *Episode, uasc map[string]bool) bool {
	return !shortBreak(e.LS) && !uasc[e.Child]
}

// epiUASCRule builds a per-episode check that also knows the UASC children.
func epiUASCRule(code string, fields []string, about string, needs Need,
	bad func(d *CheckData, e *Episode, uasc map[string]bool) (string, string, bool)) Check {
	c := Check{Code: code, Severity: finding.Error, Tables: epiTablesUASC, Fields: fields, About: about, Needs: needs}
	c.Run = func(d *CheckData) []finding.Finding {
		uasc := epiUASC(d)
		var out []finding.Finding
		for i := range d.Return.Episodes {
			e := &d.Return.Episodes[i]
			if v, msg, ok := bad(d, e, uasc); ok {
				out = append(out, d.Found(&c, TableEpisodes, e.Row, e.Child, fields, v, msg))
			}
		}
		return out
	}
	return c
}

// 164: DfE derives PL_DISTANCE from the postcodes; it is not valid when a postcode given cannot be
// found, which is what csperf can see. Blank postcodes are 392b's finding.
func epi164() Check {
	return epiUASCRule("164", []string{"HOME_POST", "PL_POST"},
		"The home and placement postcodes are known postcodes, so the placement distance can be worked out.", NeedPostcodes,
		func(d *CheckData, e *Episode, uasc map[string]bool) (string, string, bool) {
			if !epiLookedAfterWithDistance(e, uasc) || e.HomePost == "" || e.PlPost == "" {
				return "", "", false
			}
			for _, p := range []string{e.HomePost, e.PlPost} {
				if _, ok := epiCoord(d, p); !ok {
					return p, fmt.Sprintf("The episode starting %s has postcode %s, which is not a known postcode, so the placement distance cannot be worked out.",
						showDate(e.DECOM), p), true
				}
			}
			return "", "", false
		})
}

func epi392a() Check {
	return epiUASCRule("392a", []string{"HOME_POST", "PL_POST"},
		"A looked-after child (not in respite care and never UASC) has a placement distance: both postcodes are given and known.", NeedPostcodes,
		func(d *CheckData, e *Episode, uasc map[string]bool) (string, string, bool) {
			if !epiLookedAfterWithDistance(e, uasc) {
				return "", "", false
			}
			_, ok := epiDistance(d, e)
			if ok {
				return "", "", false
			}
			return strings.TrimSpace(e.HomePost + " " + e.PlPost), fmt.Sprintf("No placement distance can be worked out for the episode starting %s (home postcode %s, placement postcode %s).",
				showDate(e.DECOM), showCode(e.HomePost), showCode(e.PlPost)), true
		})
}

func epi392b() Check {
	return epiUASCRule("392b", []string{"HOME_POST", "PL_POST"},
		"A looked-after child (not in respite care and never UASC) has both a home and a placement postcode.", 0,
		func(_ *CheckData, e *Episode, uasc map[string]bool) (string, string, bool) {
			if !(epiLookedAfterWithDistance(e, uasc) && (e.HomePost == "" || e.PlPost == "")) {
				return "", "", false
			}
			return strings.TrimSpace(e.HomePost + " " + e.PlPost), fmt.Sprintf("The episode starting %s has home postcode %s and placement postcode %s; both are needed.",
				showDate(e.DECOM), showCode(e.HomePost), showCode(e.PlPost)), true
		})
}

// epiPostcodeForm is a UK postcode (upper case, single spaces): the outward part (district),
// then, optionally, the sector digit or the whole inward part.
var epiPostcodeForm = regexp.MustCompile(`^[A-Z]{1,2}[0-9][A-Z0-9]? ?([0-9]([A-Z]{2})?)?$`)

func epiPostcodeValid(p string) bool { return epiPostcodeForm.MatchString(epiPostcode(p)) }

func epi392c() Check {
	return epiRule("392c", epiTables, []string{"HOME_POST", "PL_POST"},
		"Home and placement postcodes, when given, are UK postcodes (full, or cut to the district or sector).", 0,
		func(_ *CheckData, e *Episode) (string, string, bool) {
			for _, p := range []string{e.HomePost, e.PlPost} {
				if p != "" && !epiPostcodeValid(p) {
					return p, fmt.Sprintf("The episode starting %s has postcode %q, which is not a UK postcode.", showDate(e.DECOM), p), true
				}
			}
			return "", "", false
		})
}

func epi392d() Check {
	return epiRule("392d", epiTables, []string{"HOME_POST", "PLACE", "PL_POST"},
		"Home and placement postcodes differ unless the child is placed with parents (P1).", 0,
		func(_ *CheckData, e *Episode) (string, string, bool) {
			if !(e.HomePost != "" && epiSamePostcode(e.HomePost, e.PlPost) && e.Place != "P1") {
				return "", "", false
			}
			return e.PlPost, fmt.Sprintf("The episode starting %s has the same home and placement postcode (%s) but placement %s; only placements with parents (P1) may share the home postcode.",
				showDate(e.DECOM), e.PlPost, showCode(e.Place)), true
		})
}

func epi398() Check {
	return epiRule("398", epiTables, []string{"HOME_POST", "LS", "PL_POST"},
		"No postcodes (from which DfE works out the distance) are given for respite care (V3, V4).", 0,
		func(_ *CheckData, e *Episode) (string, string, bool) {
			if !(shortBreak(e.LS) && (e.HomePost != "" || e.PlPost != "")) {
				return "", "", false
			}
			return strings.TrimSpace(e.HomePost + " " + e.PlPost), fmt.Sprintf("The episode starting %s is respite care (legal status %s) but has home postcode %s and placement postcode %s; leave both blank.",
				showDate(e.DECOM), e.LS, showCode(e.HomePost), showCode(e.PlPost)), true
		})
}

// 406: DfE derives no distance for UASC children; here a distance would be derived when both
// postcodes are given.
func epi406() Check {
	return epiUASCRule("406", []string{"HOME_POST", "PL_POST"},
		"A child who is or was an unaccompanied asylum seeker has no placement distance, so not both postcodes.", 0,
		func(_ *CheckData, e *Episode, uasc map[string]bool) (string, string, bool) {
			if !(uasc[e.Child] && e.HomePost != "" && e.PlPost != "") {
				return "", "", false
			}
			return e.HomePost, fmt.Sprintf("The child is or was an unaccompanied asylum seeker, yet the episode starting %s has home postcode %s and placement postcode %s, giving a distance; leave the home postcode blank.",
				showDate(e.DECOM), e.HomePost, e.PlPost), true
		})
}

func epi454() Check {
	return epiUASCRule("454", []string{"HOME_POST", "PL_POST"},
		"A placement is no more than 350 miles from the child's home.", NeedPostcodes,
		func(d *CheckData, e *Episode, uasc map[string]bool) (string, string, bool) {
			if uasc[e.Child] {
				return "", "", false
			}
			dist, ok := epiDistance(d, e)
			if !(ok && dist > 350) {
				return "", "", false
			}
			return fmt.Sprintf("%.1f", dist), fmt.Sprintf("The placement of the episode starting %s (%s) is %.1f miles from home (%s), over 350 miles.",
				showDate(e.DECOM), e.PlPost, dist, e.HomePost), true
		})
}
