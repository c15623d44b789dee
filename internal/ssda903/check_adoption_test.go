package ssda903

import (
	"slices"
	"testing"

	"csperf/internal/finding"
)

// The helpers cltD, cltE, cltH, cltCase, cltRun, cltCovers, cltNoPanic and cltPrev are in
// check_care_leavers_test.go. The children are born on 01/01/2020 unless a case says otherwise.

const adtDOB = "01/01/2020"

func adtA(row int, child, dateInt, dateMatch, foster, nb, sex, ls string) AD1 {
	return AD1{Row: row, Child: child, DOB: cltD(adtDOB), DateInt: cltD(dateInt), DateMatch: cltD(dateMatch),
		FosterCare: foster, NbAdoptr: nb, SexAdoptr: sex, LSAdoptr: ls}
}

func adtP(row int, child, placed, ceased, reason string) PlacedAdoption {
	return PlacedAdoption{Row: row, Child: child, DOB: cltD(adtDOB), DatePlaced: cltD(placed), DatePlacedCeased: cltD(ceased), ReasonPlacedCeased: reason}
}

// adtOK is a complete, consistent adoption record: decision 01/03/2024, matched 01/05/2024, a
// single female adopter who was not the foster carer.
func adtOK(row int, child string) AD1 {
	return adtA(row, child, "01/03/2024", "01/05/2024", "0", "1", "F1", "L0")
}

// adtAdopter gives one AD1 record with the adopters' number, sex and legal status.
func adtAdopter(row int, child, nb, sex, ls string) AD1 {
	return adtA(row, child, "01/03/2024", "01/05/2024", "0", nb, sex, ls)
}

// adtAdoptedEps is a child's care ending in adoption: foster care from 01/01/2024, placed for
// adoption with a placement order from 01/06/2024 (two A5 episodes), adopted on 01/02/2025.
func adtAdoptedEps(row int, child string) []Episode {
	return []Episode{
		cltE(row, child, "01/01/2024", "S", "C2", "U1", "01/06/2024", "X1"),
		cltE(row+1, child, "01/06/2024", "B", "E1", "A5", "01/09/2024", "X1"),
		cltE(row+2, child, "01/09/2024", "L", "E1", "A5", "01/02/2025", "E11"),
	}
}

func TestAdoptionChecks(t *testing.T) {
	ad := func(rows ...AD1) *Return { return &Return{AD1: rows} }
	pa := func(rows ...PlacedAdoption) *Return { return &Return{PlacedAdoption: rows} }
	eps := func(lists ...[]Episode) []Episode {
		var out []Episode
		for _, l := range lists {
			out = append(out, l...)
		}
		return out
	}
	cases := []cltCase{
		// codes and dates of one record
		{"foster care code", "114", ad(adtA(2, "A", "01/03/2024", "01/05/2024", "2", "1", "F1", "L0"), adtOK(3, "B"), adtA(4, "C", "", "", "", "", "", "")), []string{"AD1:2"}},
		{"number of adopters", "175", ad(adtAdopter(2, "A", "3", "F1", "L0"), adtAdopter(3, "B", "2", "MF", "L11"), adtAdopter(4, "C", "", "F1", "L0"), adtAdopter(5, "D", "01", "F1", "L0")), []string{"AD1:2"}},
		{"sex of adopters code", "176", ad(adtAdopter(2, "A", "2", "XX", "L11"), adtAdopter(3, "B", "2", "MF", "L11")), []string{"AD1:2"}},
		{"legal status of adopters code", "177", ad(adtAdopter(2, "A", "2", "MF", "L9"), adtAdopter(3, "B", "2", "MF", "L11")), []string{"AD1:2"}},
		{"reason decision reversed code", "120", pa(adtP(2, "A", "01/01/2024", "01/06/2024", "RD9"), adtP(3, "B", "01/01/2024", "01/06/2024", "RD1"), adtP(4, "C", "01/01/2024", "", "")), []string{"PlacedAdoption:2"}},
		{"adoption record all or none", "151", ad(adtOK(2, "A"), adtA(3, "B", "", "", "", "", "", ""), adtA(4, "C", "01/03/2024", "", "0", "1", "F1", "L0"), adtA(5, "D", "", "", "", "", "", "L0")),
			[]string{"AD1:4", "AD1:5"}},
		{"reversal date and reason", "119", pa(adtP(2, "A", "01/01/2024", "01/06/2024", ""), adtP(3, "B", "01/01/2024", "", "RD1"), adtP(4, "C", "01/01/2024", "01/06/2024", "RD1"), adtP(5, "D", "01/01/2024", "", "")),
			[]string{"PlacedAdoption:2", "PlacedAdoption:3"}},
		{"reversal without decision date", "563", pa(adtP(2, "A", "", "01/06/2024", ""), adtP(3, "B", "", "", "RD1"), adtP(4, "C", "01/01/2024", "01/06/2024", "RD1"), adtP(5, "D", "", "", "")),
			[]string{"PlacedAdoption:2", "PlacedAdoption:3"}},
		{"reversal before decision", "522", pa(adtP(2, "A", "01/06/2024", "01/05/2024", "RD1"), adtP(3, "B", "01/06/2024", "01/06/2024", "RD1"), adtP(4, "C", "01/06/2024", "01/07/2024", "RD1")),
			[]string{"PlacedAdoption:2"}},
		{"decision before match", "333", ad(adtA(2, "A", "01/06/2024", "01/05/2024", "0", "1", "F1", "L0"), adtA(3, "B", "01/05/2024", "01/05/2024", "0", "1", "F1", "L0"), adtOK(4, "C")),
			[]string{"AD1:2"}},
		{"decision before birth", "184", &Return{
			Header:         []Header{cltH(2, "A", "1", "01/02/2024", ""), cltH(3, "B", "1", "01/02/2024", "")},
			PlacedAdoption: []PlacedAdoption{adtP(2, "A", "01/01/2024", "", ""), adtP(3, "B", "01/03/2024", "", ""), adtP(4, "C", "01/01/2019", "", ""), adtP(5, "D", "01/01/2021", "", "")}},
			[]string{"PlacedAdoption:2", "PlacedAdoption:4"}},
		// the adopters
		{"two adopters need a couple's code", "511", ad(adtAdopter(2, "A", "2", "M1", "L11"), adtAdopter(3, "B", "2", "MF", "L11"), adtAdopter(4, "C", "1", "M1", "L0"), adtAdopter(5, "D", "2", "", "L11")),
			[]string{"AD1:2", "AD1:5"}},
		{"single adopter with a couple's code", "514", ad(adtAdopter(2, "A", "1", "MM", "L0"), adtAdopter(3, "B", "1", "F1", "L0"), adtAdopter(4, "C", "2", "MM", "L12")), []string{"AD1:2"}},
		{"unmarried different-sex couple", "517", ad(adtAdopter(2, "A", "2", "MM", "L3"), adtAdopter(3, "B", "2", "MF", "L3"), adtAdopter(4, "C", "2", "MM", "L4")), []string{"AD1:2"}},
		{"unmarried same-sex couple", "518", ad(adtAdopter(2, "A", "2", "MF", "L4"), adtAdopter(3, "B", "2", "FF", "L4"), adtAdopter(4, "C", "2", "MM", "L4")), []string{"AD1:2"}},
		{"civil partners", "519", ad(adtAdopter(2, "A", "2", "M1", "L2"), adtAdopter(3, "B", "2", "MM", "L2"), adtAdopter(4, "C", "2", "MF", "L2"), adtAdopter(5, "D", "1", "M1", "L0")), []string{"AD1:2"}},
		{"married different-sex couple", "520", ad(adtAdopter(2, "A", "2", "FF", "L11"), adtAdopter(3, "B", "2", "MF", "L11"), adtAdopter(4, "C", "1", "F1", "L11")), []string{"AD1:2", "AD1:4"}},
		{"married same-sex couple", "524", ad(adtAdopter(2, "A", "2", "MF", "L12"), adtAdopter(3, "B", "2", "MM", "L12"), adtAdopter(4, "C", "2", "FF", "L12")), []string{"AD1:2"}},
		// AD1 against the episodes
		{"match on or before placement", "331", &Return{
			Episodes: eps(adtAdoptedEps(2, "A"), adtAdoptedEps(5, "B"), []Episode{cltE(8, "C", "01/06/2024", "S", "E1", "A5", "", "")}),
			AD1: []AD1{adtA(2, "A", "01/03/2024", "15/07/2024", "1", "1", "F1", "L0"), adtA(3, "B", "01/03/2024", "01/06/2024", "1", "1", "F1", "L0"),
				adtA(4, "C", "01/03/2024", "15/07/2024", "1", "1", "F1", "L0")}},
			[]string{"AD1:2"}},
		{"decision after care began", "334", &Return{
			Episodes: []Episode{cltE(2, "A", "01/05/2024", "S", "C2", "A4", "01/02/2025", "E11"), cltE(3, "B", "01/05/2024", "S", "C2", "A4", "01/02/2025", "E11"),
				cltE(4, "C", "01/05/2024", "P", "C2", "A4", "01/02/2025", "E11")},
			AD1: []AD1{adtA(2, "A", "01/03/2024", "01/06/2024", "0", "1", "F1", "L0"), adtA(3, "B", "01/05/2024", "01/06/2024", "0", "1", "F1", "L0"),
				adtA(4, "C", "01/03/2024", "01/06/2024", "0", "1", "F1", "L0")}},
			[]string{"AD1:2"}},
		{"foster carers and last placement", "335", &Return{
			Episodes: []Episode{cltE(2, "A", "01/05/2024", "S", "E1", "A3", "01/02/2025", "E11"), cltE(3, "B", "01/05/2024", "S", "E1", "A4", "01/02/2025", "E11"),
				cltE(4, "C", "01/05/2024", "S", "E1", "A5", "01/02/2025", "E11"), cltE(5, "D", "01/05/2024", "S", "E1", "A6", "01/02/2025", "E11")},
			AD1: []AD1{adtA(2, "A", "01/03/2024", "01/04/2024", "0", "1", "F1", "L0"), adtA(3, "B", "01/03/2024", "01/04/2024", "1", "1", "F1", "L0"),
				adtA(4, "C", "01/03/2024", "01/04/2024", "1", "1", "F1", "L0"), adtA(5, "D", "01/03/2024", "01/04/2024", "0", "1", "F1", "L0")}},
			[]string{"AD1:2", "AD1:3"}},
		{"decision on or before placement", "521", &Return{
			Episodes: eps(adtAdoptedEps(2, "A"), adtAdoptedEps(5, "B"), adtAdoptedEps(8, "C")),
			AD1: []AD1{adtA(2, "A", "15/07/2024", "01/08/2024", "1", "1", "F1", "L0"), adtA(3, "B", "01/06/2024", "01/06/2024", "1", "1", "F1", "L0"),
				adtA(4, "C", "01/03/2024", "01/05/2024", "1", "1", "F1", "L0")}},
			[]string{"AD1:2"}},
		{"adopted on the day of the match", "582", &Return{
			Episodes: eps(adtAdoptedEps(2, "A"), adtAdoptedEps(5, "B")),
			AD1:      []AD1{adtA(2, "A", "01/03/2024", "01/02/2025", "1", "1", "F1", "L0"), adtOK(3, "B")}},
			[]string{"AD1:2"}},
		{"adopted needs a full AD1", "601", &Return{
			Episodes: []Episode{cltE(2, "A", "01/05/2024", "S", "E1", "A4", "01/02/2025", "E11"), cltE(3, "B", "01/05/2024", "S", "E1", "A4", "01/02/2025", "E12"),
				cltE(4, "C", "01/05/2024", "S", "E1", "A4", "01/02/2025", "E11"), cltE(5, "D", "01/05/2023", "S", "E1", "A4", "01/02/2024", "E11")},
			AD1: []AD1{adtOK(2, "B"), adtA(3, "C", "01/03/2024", "01/04/2024", "0", "1", "", "L0")}},
			[]string{"Episodes:2", "Episodes:4"}},
		{"AD1 needs an adoption this year", "602", &Return{
			Episodes: []Episode{cltE(2, "A", "01/05/2024", "S", "E1", "A4", "", ""), cltE(3, "B", "01/05/2024", "S", "E1", "A4", "01/02/2025", "E12"),
				cltE(4, "C", "01/05/2023", "S", "E1", "A4", "01/02/2024", "E11")},
			AD1: []AD1{adtOK(2, "A"), adtOK(3, "B"), adtOK(4, "C"), adtA(5, "D", "", "", "", "", "", "")}},
			[]string{"AD1:2", "AD1:4"}},
		// PlacedAdoption against the episodes
		{"decision before care began", "1003", &Return{
			Episodes: []Episode{cltE(2, "A", "01/05/2024", "S", "C2", "U1", "", ""), cltE(3, "B", "01/05/2024", "S", "C2", "U1", "", ""),
				cltE(4, "C", "01/05/2024", "S", "C2", "U1", "", ""), cltE(5, "D", "01/05/2024", "P", "C2", "U1", "", "")},
			PlacedAdoption: []PlacedAdoption{adtP(2, "A", "01/03/2024", "", ""), adtP(3, "B", "01/06/2024", "", ""), adtP(4, "C", "01/01/2023", "01/02/2023", "RD1"),
				adtP(5, "D", "01/03/2024", "", "")}},
			[]string{"PlacedAdoption:2"}},
		{"decision after the year or after leaving care", "117", &Return{
			Episodes: []Episode{cltE(2, "A", "01/05/2024", "S", "C2", "U1", "", ""), cltE(3, "B", "01/05/2024", "S", "C2", "U1", "01/09/2024", "E4A"),
				cltE(4, "C", "01/05/2024", "S", "C2", "U1", "01/09/2024", "E4A"), cltE(5, "D", "01/05/2024", "S", "C2", "U1", "", "")},
			PlacedAdoption: []PlacedAdoption{adtP(2, "A", "01/04/2025", "", ""), adtP(3, "B", "01/06/2024", "01/10/2024", "RD1"), adtP(4, "C", "01/06/2024", "01/08/2024", "RD1"),
				adtP(5, "D", "01/06/2024", "", "")}},
			[]string{"PlacedAdoption:2", "PlacedAdoption:3"}},
		{"reversal before the year or before care", "118", &Return{
			Episodes: []Episode{cltE(2, "A", "01/01/2024", "S", "C2", "U1", "", ""), cltE(3, "B", "01/06/2024", "S", "C2", "U1", "", ""),
				cltE(4, "C", "01/06/2024", "S", "C2", "U1", "", ""), cltE(5, "D", "01/06/2024", "S", "C2", "U1", "", ""),
				cltE(6, "E", "01/04/2024", "S", "V3", "U1", "05/04/2024", "E4A"), cltE(7, "E", "01/06/2024", "S", "C2", "U1", "", "")},
			PlacedAdoption: []PlacedAdoption{adtP(2, "A", "01/01/2024", "01/03/2024", "RD1"), adtP(3, "B", "01/01/2024", "01/05/2024", "RD1"), adtP(4, "C", "01/06/2024", "01/07/2024", "RD1"),
				adtP(5, "D", "01/06/2024", "", ""), adtP(6, "E", "01/04/2024", "01/05/2024", "RD1")}},
			[]string{"PlacedAdoption:2", "PlacedAdoption:3", "PlacedAdoption:6"}},
		{"placed for adoption without a decision", "551", &Return{
			Episodes: []Episode{cltE(2, "A", "01/01/2024", "S", "C2", "U1", "01/06/2024", "X1"), cltE(3, "A", "01/06/2024", "P", "C2", "A3", "01/09/2024", "X1"),
				cltE(4, "A", "01/09/2024", "L", "E1", "A3", "", ""), cltE(5, "B", "01/06/2024", "S", "E1", "A5", "", ""), cltE(6, "C", "01/06/2024", "S", "E1", "A6", "", ""),
				cltE(7, "D", "01/06/2024", "S", "C2", "U1", "", "")},
			PlacedAdoption: []PlacedAdoption{adtP(2, "B", "01/05/2024", "", ""), adtP(3, "C", "", "", "")}},
			[]string{"Episodes:3", "Episodes:6"}},
		{"decision on or before placement for adoption", "552", &Return{
			Episodes: eps(adtAdoptedEps(2, "A"), adtAdoptedEps(5, "B"), adtAdoptedEps(8, "C"), []Episode{cltE(11, "D", "01/06/2024", "S", "C2", "U1", "", "")}),
			PlacedAdoption: []PlacedAdoption{adtP(2, "A", "01/07/2024", "", ""), adtP(3, "B", "01/05/2024", "", ""),
				adtP(4, "C", "01/01/2024", "01/03/2024", "RD4"), adtP(5, "C", "01/08/2024", "", ""), adtP(6, "D", "01/08/2024", "", "")}},
			[]string{"PlacedAdoption:2"}},
		{"placement order without a decision", "553", &Return{
			Episodes: []Episode{cltE(2, "A", "01/06/2024", "S", "C2", "U1", "01/07/2024", "X1"), cltE(3, "A", "01/07/2024", "L", "E1", "U1", "", ""),
				cltE(4, "B", "01/06/2024", "S", "E1", "U1", "", ""), cltE(5, "C", "01/06/2024", "S", "C2", "U1", "", "")},
			PlacedAdoption: []PlacedAdoption{adtP(2, "B", "01/05/2024", "", "")}},
			[]string{"Episodes:3"}},
		{"decision on or before placement order", "554", &Return{
			Episodes: []Episode{cltE(2, "A", "01/01/2024", "S", "C2", "U1", "01/06/2024", "X1"), cltE(3, "A", "01/06/2024", "L", "E1", "U1", "", ""),
				cltE(4, "B", "01/01/2024", "S", "C2", "U1", "01/06/2024", "X1"), cltE(5, "B", "01/06/2024", "L", "E1", "U1", "", ""),
				cltE(6, "C", "01/01/2024", "S", "C2", "U1", "", "")},
			PlacedAdoption: []PlacedAdoption{adtP(2, "A", "01/07/2024", "", ""), adtP(3, "B", "01/06/2024", "", ""), adtP(4, "C", "01/07/2024", "", "")}},
			[]string{"PlacedAdoption:2"}},
		{"left care without adoption", "557", &Return{
			Episodes: []Episode{cltE(2, "A", "01/01/2024", "S", "E1", "U1", "01/10/2024", "E4A"), cltE(3, "B", "01/01/2024", "S", "E1", "A4", "01/10/2024", "E11"),
				cltE(4, "C", "01/01/2024", "S", "E1", "U1", "01/10/2024", "E4A"), cltE(5, "D", "01/01/2024", "S", "E1", "U1", "", ""),
				cltE(6, "E", "01/01/2024", "S", "E1", "U1", "01/10/2024", "E13")},
			PlacedAdoption: []PlacedAdoption{adtP(2, "A", "01/05/2024", "", ""), adtP(3, "B", "01/05/2024", "", ""), adtP(4, "C", "01/05/2024", "01/09/2024", "RD1"),
				adtP(5, "D", "01/05/2024", "", ""), adtP(6, "E", "01/05/2024", "01/09/2024", "")}},
			[]string{"PlacedAdoption:2", "PlacedAdoption:6"}},
		{"adopted: decision not reversed", "558", &Return{
			Episodes: eps(adtAdoptedEps(2, "A"), adtAdoptedEps(5, "B"), []Episode{cltE(8, "C", "01/01/2024", "S", "C2", "U1", "", "")}),
			PlacedAdoption: []PlacedAdoption{adtP(2, "A", "01/05/2024", "01/09/2024", "RD4"), adtP(3, "B", "01/01/2024", "01/03/2024", "RD4"), adtP(4, "B", "01/05/2024", "", ""),
				adtP(5, "C", "01/05/2024", "01/09/2024", "RD1")}},
			[]string{"PlacedAdoption:2"}},
		// AD1 against PlacedAdoption
		{"same decision date", "523", &Return{
			AD1: []AD1{adtOK(2, "A"), adtOK(3, "B"), adtOK(4, "C"), adtOK(5, "D")},
			PlacedAdoption: []PlacedAdoption{adtP(2, "A", "01/04/2024", "", ""), adtP(3, "B", "01/03/2024", "", ""),
				adtP(4, "C", "01/01/2023", "01/02/2023", "RD4"), adtP(5, "C", "01/03/2024", "", "")}},
			[]string{"PlacedAdoption:2"}},
		{"reversed decision and adopted", "525", &Return{
			AD1:            []AD1{adtOK(2, "A"), adtOK(3, "B"), adtOK(4, "C")},
			PlacedAdoption: []PlacedAdoption{adtP(2, "A", "01/03/2024", "01/06/2024", "RD1"), adtP(3, "B", "01/01/2023", "01/02/2023", "RD4"), adtP(4, "B", "01/03/2024", "", "")}},
			[]string{"AD1:2"}},
		// decisions of one child
		{"overlapping decisions", "579", pa(adtP(2, "A", "01/01/2024", "", ""), adtP(3, "A", "01/06/2024", "", ""),
			adtP(4, "B", "01/01/2024", "01/07/2024", "RD4"), adtP(5, "B", "01/06/2024", "", ""),
			adtP(6, "C", "01/01/2024", "01/05/2024", "RD4"), adtP(7, "C", "01/06/2024", "", ""),
			adtP(8, "D", "01/01/2023", "", ""), adtP(9, "D", "01/06/2023", "", "")),
			[]string{"PlacedAdoption:3", "PlacedAdoption:5"}},
		{"earlier decision not reversed", "583", pa(adtP(2, "A", "01/01/2024", "", ""), adtP(3, "A", "01/06/2024", "", ""),
			adtP(4, "C", "01/01/2024", "01/05/2024", "RD4"), adtP(5, "C", "01/06/2024", "", ""), adtP(6, "E", "01/06/2024", "", "")),
			[]string{"PlacedAdoption:2"}},
		// decisions against last year's return
		{"earlier decision missing last year", "559", &Return{
			PlacedAdoption: []PlacedAdoption{adtP(2, "A", "01/01/2024", "", ""), adtP(3, "B", "01/01/2024", "", ""), adtP(4, "C", "01/06/2024", "", "")},
			Previous:       &Return{PlacedAdoption: []PlacedAdoption{adtP(2, "B", "01/01/2024", "", "")}}},
			[]string{"PlacedAdoption:2"}},
		{"earlier decision: last year's table not given", "559", &Return{
			PlacedAdoption: []PlacedAdoption{adtP(2, "A", "01/01/2024", "", "")}, Previous: cltPrev(&Return{}, TableEpisodes)}, nil},
		{"date changed though decision did not", "560", adtYears(), []string{"PlacedAdoption:2"}},
		{"date changed and decision reversed", "584", adtYears(), []string{"PlacedAdoption:4"}},
		{"reversed last year, standing this year", "561", &Return{
			PlacedAdoption: []PlacedAdoption{adtP(2, "A", "01/01/2023", "", ""), adtP(3, "B", "01/01/2023", "01/06/2023", "RD1"), adtP(4, "C", "01/01/2024", "", "")},
			Previous: &Return{PlacedAdoption: []PlacedAdoption{adtP(2, "A", "01/01/2023", "01/06/2023", "RD1"), adtP(3, "B", "01/01/2023", "01/06/2023", "RD1"),
				adtP(4, "C", "01/01/2024", "", "")}}},
			[]string{"PlacedAdoption:2"}},
		// internal checks
		{"AD1 child in the Header", "INT01", &Return{Header: []Header{cltH(2, "A", "1", adtDOB, "")}, AD1: []AD1{adtOK(2, "A"), adtOK(3, "B")}}, []string{"AD1:3"}},
		{"PlacedAdoption child in the Header", "INT02", &Return{Header: []Header{cltH(2, "A", "1", adtDOB, "")},
			PlacedAdoption: []PlacedAdoption{adtP(2, "A", "01/03/2024", "", ""), adtP(3, "B", "01/03/2024", "", "")}}, []string{"PlacedAdoption:3"}},
		{"AD1 date of birth", "INT11", &Return{Header: []Header{cltH(2, "A", "1", adtDOB, ""), cltH(3, "B", "1", "02/01/2020", "")}, AD1: []AD1{adtOK(2, "A"), adtOK(3, "B"), adtOK(4, "C")}},
			[]string{"AD1:3"}},
		{"PlacedAdoption date of birth", "INT12", &Return{Header: []Header{cltH(2, "A", "1", adtDOB, ""), cltH(3, "B", "1", "02/01/2020", "")},
			PlacedAdoption: []PlacedAdoption{adtP(2, "A", "01/03/2024", "", ""), adtP(3, "B", "01/03/2024", "", ""), adtP(4, "B", "01/06/2024", "", "")}},
			[]string{"PlacedAdoption:3", "PlacedAdoption:4"}},
		{"AD1 once per child", "INT31", ad(adtOK(2, "A"), adtOK(3, "B"), adtOK(4, "A"), adtOK(5, "A")), []string{"AD1:2", "AD1:4", "AD1:5"}},
	}
	checks := adoptionChecks()
	for _, c := range cases {
		cltRun(t, checks, c)
	}
	cltCovers(t, checks, cases)
	for _, k := range checks {
		prev := slices.Contains([]string{"559", "560", "561", "584"}, k.Code)
		if (k.Needs&NeedPrevious != 0) != prev {
			t.Errorf("check %s: needs last year's return is %v, want %v", k.Code, !prev, prev)
		}
		query := k.Code == "582" || k.Code == "583"
		if (k.Severity == finding.Query) != query {
			t.Errorf("check %s: severity %s", k.Code, k.Severity)
		}
	}
}

// adtYears is a return for 560 and 584: each child's latest decision of last year, and this year's.
// A: last year open 01/01/2024, this year open 02/01/2024 (560). B: same date both years (passes).
// C: last year open 01/01/2024, this year reversed and dated 03/01/2024 (584). D: last year's
// decision was reversed, so a new date is a new decision (passes).
func adtYears() *Return {
	return &Return{
		PlacedAdoption: []PlacedAdoption{adtP(2, "A", "02/01/2024", "", ""), adtP(3, "B", "01/01/2024", "", ""),
			adtP(4, "C", "03/01/2024", "01/06/2024", "RD1"), adtP(5, "D", "01/06/2024", "", "")},
		Previous: &Return{PlacedAdoption: []PlacedAdoption{adtP(2, "A", "01/01/2024", "", ""), adtP(3, "B", "01/01/2024", "", ""),
			adtP(4, "C", "01/01/2024", "", ""), adtP(5, "D", "01/01/2024", "01/03/2024", "RD1")}},
	}
}

func TestAdoptionNoPanic(t *testing.T) { cltNoPanic(t, adoptionChecks()) }

// TestAdoptionCodesCount guards the families' sizes: 47 of 51 adoption rules (112, 113, 115 and 116
// cannot fail here) and all 26 care leaver rules.
func TestAdoptionCodesCount(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range append(adoptionChecks(), careLeaverChecks()...) {
		if seen[k.Code] {
			t.Errorf("code %s defined twice", k.Code)
		}
		seen[k.Code] = true
	}
	if n, m := len(adoptionChecks()), len(careLeaverChecks()); n != 47 || m != 26 {
		t.Errorf("%d adoption and %d care leaver checks, want 47 and 26", n, m)
	}
}
