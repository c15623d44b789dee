package ssda903

import (
	"testing"

	"csperf/internal/finding"
)

// Tests of the Reviews, Missing, PrevPerm and SWEpisodes checks, with the helpers of
// check_header_test.go (collection year 2025: 1 April 2024 – 31 March 2025).

// othTR is a review on date review ("" for blank) with participation code code, of a child born
// 15/06/2010.
func othTR(row int, child, review, code string) Review {
	r := Review{Row: row, Child: child, DOB: hdrTD("15/06/2010"), ReviewCode: code}
	if review != "" {
		r.Review = hdrTD(review)
	}
	return r
}

// othTM is a missing period ("" for a blank date) of a child born 15/06/2010.
func othTM(row int, child, typ, start, end string) Missing {
	m := Missing{Row: row, Child: child, DOB: hdrTD("15/06/2010"), Missing: typ}
	if start != "" {
		m.MisStart = hdrTD(start)
	}
	if end != "" {
		m.MisEnd = hdrTD(end)
	}
	return m
}

// othTP is a previous permanence row of a child born 15/06/2010.
func othTP(row int, child, perm, la, date string) PrevPerm {
	return PrevPerm{Row: row, Child: child, DOB: hdrTD("15/06/2010"), PrevPerm: perm, LAPerm: la, DatePerm: date}
}

// othTS is a social worker episode ("" for a blank date) with a reason.
func othTS(row int, child, id, decom, dec, reason string) SWEpisode {
	s := SWEpisode{Row: row, Child: child, DOB: hdrTD("15/06/2010"), SWID: id, SWReason: reason}
	if decom != "" {
		s.SWDecom = hdrTD(decom)
	}
	if dec != "" {
		s.SWDec = hdrTD(dec)
	}
	return s
}

func TestOtherReviews(t *testing.T) {
	cs := otherChecks()
	rv := func(rs ...Review) Return { return Return{Reviews: rs} }
	hdrTRun(t, cs, "166", finding.Error, []hdrTCase{
		{"dated", rv(othTR(2, "A", "01/05/2024", "PN1")), nil, nil},
		{"blank", rv(othTR(2, "A", "01/05/2024", "PN1"), othTR(3, "A", "", "PN1")), nil, []int{3}},
	})
	hdrTRun(t, cs, "167", finding.Error, []hdrTCase{
		{"codes", rv(othTR(2, "A", "01/05/2024", "PN0"), othTR(3, "A", "01/06/2024", "PN7")), nil, nil},
		{"bad or blank", rv(othTR(2, "A", "01/05/2024", "PN8"), othTR(3, "A", "01/06/2024", "")), nil, []int{2, 3}},
	})
	young := func(row int, review, code string) Review {
		r := othTR(row, "Y", review, code)
		r.DOB = hdrTD("10/05/2020")
		return r
	}
	hdrTRun(t, cs, "440", finding.Error, []hdrTCase{
		{"PN0 under 4", rv(young(2, "09/05/2024", "PN0")), nil, nil},
		{"PN0 at 4 or over", rv(young(2, "10/05/2024", "PN0"), othTR(3, "A", "01/05/2024", "PN0")), nil, []int{2, 3}},
		{"blank review date", rv(young(2, "", "PN0"), othTR(3, "A", "", "PN0")), nil, nil},
	})
	hdrTRun(t, cs, "441", finding.Error, []hdrTCase{
		{"PN1–PN7 at 4 or over", rv(young(2, "10/05/2024", "PN1"), othTR(3, "A", "01/05/2024", "PN7")), nil, nil},
		{"PN1–PN7 under 4", rv(young(2, "09/05/2024", "PN3"), young(3, "01/01/2024", "PN7"), young(4, "01/01/2024", "PN0")), nil, []int{2, 3}},
		{"DOB from Header", Return{Header: []Header{hdrTH(2, "Y", func(h *Header) { h.DOB = hdrTD("10/05/2020") })},
			Reviews: []Review{{Row: 5, Child: "Y", Review: hdrTD("01/01/2024"), ReviewCode: "PN1"}}}, nil, []int{5}},
	})
	hdrTRun(t, cs, "INT08", finding.Error, []hdrTCase{
		{"in header", Return{Header: []Header{hdrTH(2, "A", nil)}, Reviews: []Review{othTR(2, "A", "01/05/2024", "PN1")}}, nil, nil},
		{"not in header", Return{Header: []Header{hdrTH(2, "A", nil)}, Reviews: []Review{othTR(2, "B", "01/05/2024", "PN1")}}, nil, []int{2}},
		{"no Header file", Return{Reviews: []Review{othTR(2, "B", "01/05/2024", "PN1")}, Files: map[Table]string{TableReviews: "r.csv"}}, nil, nil},
	})
	hdrTRun(t, cs, "INT17", finding.Error, []hdrTCase{
		{"same", Return{Header: []Header{hdrTH(2, "A", nil)}, Reviews: []Review{othTR(2, "A", "01/05/2024", "PN1")}}, nil, nil},
		{"differs", Return{Header: []Header{hdrTH(2, "A", func(h *Header) { h.DOB = hdrTD("01/01/2011") })},
			Reviews: []Review{othTR(2, "A", "01/05/2024", "PN1"), othTR(3, "A", "01/06/2024", "PN1")}}, nil, []int{2, 3}},
	})
}

func TestOtherMissing(t *testing.T) {
	cs := otherChecks()
	ms := func(xs ...Missing) Return { return Return{Missing: xs} }
	hdrTRun(t, cs, "1004", finding.Error, []hdrTCase{
		{"dated", ms(othTM(2, "A", "M", "01/05/2024", "")), nil, nil},
		{"blank", ms(othTM(2, "A", "M", "", "")), nil, []int{2}},
	})
	hdrTRun(t, cs, "1006", finding.Error, []hdrTCase{
		{"M, A or blank", ms(othTM(2, "A", "M", "01/05/2024", ""), othTM(3, "A", "A", "01/06/2024", ""), othTM(4, "A", "", "01/07/2024", "")), nil, nil},
		{"other", ms(othTM(2, "A", "X", "01/05/2024", "")), nil, []int{2}},
	})
	hdrTRun(t, cs, "564", finding.Error, []hdrTCase{
		{"with start", ms(othTM(2, "A", "M", "01/05/2024", ""), othTM(3, "A", "", "", "")), nil, nil},
		{"no start", ms(othTM(2, "A", "A", "", "02/05/2024")), nil, []int{2}},
	})
	hdrTRun(t, cs, "565", finding.Error, []hdrTCase{
		{"typed", ms(othTM(2, "A", "M", "01/05/2024", ""), othTM(3, "A", "", "", "")), nil, nil},
		{"untyped", ms(othTM(2, "A", "", "01/05/2024", "")), nil, []int{2}},
	})
	hdrTRun(t, cs, "566", finding.Error, []hdrTCase{
		{"typed, or open", ms(othTM(2, "A", "M", "01/05/2024", "02/05/2024"), othTM(3, "A", "", "01/06/2024", "")), nil, nil},
		{"untyped", ms(othTM(2, "A", "", "01/05/2024", "02/05/2024")), nil, []int{2}},
	})
	hdrTRun(t, cs, "567", finding.Error, []hdrTCase{
		{"in order", ms(othTM(2, "A", "M", "01/05/2024", "01/05/2024"), othTM(3, "A", "M", "01/06/2024", "")), nil, nil},
		{"ends first", ms(othTM(2, "A", "M", "01/05/2024", "30/04/2024")), nil, []int{2}},
	})
	hdrTRun(t, cs, "570", finding.Error, []hdrTCase{
		{"in year or before", ms(othTM(2, "A", "M", "31/03/2025", ""), othTM(3, "A", "M", "01/01/2024", "02/04/2024")), nil, nil},
		{"after", ms(othTM(2, "A", "M", "01/04/2025", "")), nil, []int{2}},
	})
	hdrTRun(t, cs, "571", finding.Error, []hdrTCase{
		{"in year", ms(othTM(2, "A", "M", "01/03/2024", "01/04/2024"), othTM(3, "A", "M", "01/03/2025", "31/03/2025"), othTM(4, "A", "M", "01/03/2025", "")), nil, nil},
		{"outside", ms(othTM(2, "A", "M", "01/03/2024", "31/03/2024"), othTM(3, "A", "M", "01/03/2025", "01/04/2025")), nil, []int{2, 3}},
	})
	hdrTRun(t, cs, "574", finding.Error, []hdrTCase{
		{"one after another", ms(othTM(2, "A", "M", "01/05/2024", "03/05/2024"), othTM(3, "A", "M", "03/05/2024", ""),
			othTM(4, "B", "M", "02/05/2024", "")), nil, nil},
		{"open then another", ms(othTM(2, "A", "M", "01/06/2024", "03/06/2024"), othTM(3, "A", "M", "01/05/2024", "")), nil, []int{2}},
		{"overlap with a long earlier period", ms(othTM(2, "A", "M", "01/05/2024", "30/05/2024"), othTM(3, "A", "A", "02/05/2024", "03/05/2024"),
			othTM(4, "A", "M", "10/05/2024", "11/05/2024"), othTM(5, "A", "M", "30/05/2024", "31/05/2024")), nil, []int{3, 4}},
	})
	prevMS := func(xs ...Missing) *Return {
		return &Return{Missing: xs, Files: map[Table]string{TableMissing: "missing_last.csv"}}
	}
	hdr := []Header{hdrTH(2, "A", nil)}
	hdrTRun(t, cs, "576", finding.Error, []hdrTCase{
		{"carried over, or closed", Return{Header: hdr, Missing: []Missing{othTM(2, "A", "M", "20/03/2024", "05/04/2024")}},
			prevMS(othTM(7, "A", "M", "20/03/2024", ""), othTM(8, "A", "M", "01/01/2024", "02/01/2024")), nil},
		{"child not looked after this year", Return{Header: hdr}, prevMS(othTM(7, "B", "M", "20/03/2024", "")), nil},
		{"not carried over", Return{Header: hdr, Missing: []Missing{othTM(2, "A", "M", "21/03/2024", "05/04/2024")}},
			prevMS(othTM(7, "A", "M", "20/03/2024", "")), []int{7}},
	})
	hdrTRun(t, cs, "586", finding.Error, []hdrTCase{
		{"after birth", ms(othTM(2, "A", "M", "15/06/2010", "")), nil, nil},
		{"before birth", ms(othTM(2, "A", "M", "14/06/2010", "")), nil, []int{2}},
	})
	hdrTRun(t, cs, "INT04", finding.Error, []hdrTCase{
		{"in header", Return{Header: hdr, Missing: []Missing{othTM(2, "A", "M", "01/05/2024", "")}}, nil, nil},
		{"not in header", Return{Header: hdr, Missing: []Missing{othTM(2, "A", "M", "01/05/2024", ""), othTM(3, "B", "M", "01/05/2024", "")}}, nil, []int{3}},
	})
	hdrTRun(t, cs, "INT13", finding.Error, []hdrTCase{
		{"same", Return{Header: hdr, Missing: []Missing{othTM(2, "A", "M", "01/05/2024", "")}}, nil, nil},
		{"differs", Return{Header: []Header{hdrTH(2, "A", func(h *Header) { h.DOB = hdrTD("14/06/2010") })},
			Missing: []Missing{othTM(4, "A", "M", "01/05/2024", "")}}, nil, []int{4}},
	})
}

func TestOtherPrevPerm(t *testing.T) {
	cs := otherChecks()
	pp := func(xs ...PrevPerm) Return { return Return{PrevPerm: xs} }
	hdrTRun(t, cs, "631", finding.Error, []hdrTCase{
		{"codes", pp(othTP(2, "A", "P1", "857", "01/01/2020"), othTP(3, "B", "Z1", "", "")), nil, nil},
		{"bad or blank", pp(othTP(2, "A", "P5", "", ""), othTP(3, "B", "", "", "")), nil, []int{2, 3}},
	})
	own := pp(othTP(2, "A", "P2", "451", "zz/05/2019"))
	own.Authority = 451
	hdrTRun(t, cs, "633", finding.Error, []hdrTCase{
		{"known, ONS, outside England, blank", pp(othTP(2, "A", "P1", "857", ""), othTP(3, "B", "P2", "E06000017", ""),
			othTP(4, "C", "P3", "WAL", ""), othTP(5, "D", "Z1", "", "")), nil, nil},
		{"the council's own number", own, nil, nil},
		{"unknown", pp(othTP(2, "A", "P1", "999", ""), othTP(3, "B", "P1", "Rutland", "")), nil, []int{2, 3}},
	})
	hdrTRun(t, cs, "635", finding.Error, []hdrTCase{
		{"Z1 bare, or P with details", pp(othTP(2, "A", "Z1", "", ""), othTP(3, "B", "P1", "857", "01/01/2020")), nil, nil},
		{"Z1 with details", pp(othTP(2, "A", "Z1", "857", ""), othTP(3, "B", "Z1", "", "zz/zz/2019")), nil, []int{2, 3}},
	})
	hdr := []Header{hdrTH(2, "A", nil)}
	hdrTRun(t, cs, "INT07", finding.Error, []hdrTCase{
		{"in header", Return{Header: hdr, PrevPerm: []PrevPerm{othTP(2, "A", "Z1", "", "")}}, nil, nil},
		{"not in header", Return{Header: hdr, PrevPerm: []PrevPerm{othTP(2, "B", "Z1", "", "")}}, nil, []int{2}},
	})
	hdrTRun(t, cs, "INT16", finding.Error, []hdrTCase{
		{"same", Return{Header: hdr, PrevPerm: []PrevPerm{othTP(2, "A", "Z1", "", "")}}, nil, nil},
		{"differs", Return{Header: []Header{hdrTH(2, "A", func(h *Header) { h.DOB = hdrTD("01/01/2000") })},
			PrevPerm: []PrevPerm{othTP(3, "A", "Z1", "", "")}}, nil, []int{3}},
	})
	hdrTRun(t, cs, "INT35", finding.Error, []hdrTCase{
		{"once", pp(othTP(2, "A", "Z1", "", ""), othTP(3, "B", "Z1", "", "")), nil, nil},
		{"twice", pp(othTP(2, "A", "Z1", "", ""), othTP(3, "B", "Z1", "", ""), othTP(4, "A", "P1", "857", "")), nil, []int{2, 4}},
	})
}

func TestOtherSocialWorkers(t *testing.T) {
	cs := otherChecks()
	sw := func(xs ...SWEpisode) Return { return Return{SWEpisodes: xs} }
	hdrTRun(t, cs, "SW01aSTG1", finding.Error, []hdrTCase{
		{"complete", sw(othTS(2, "A", "SW1", "01/05/2024", "", "")), nil, nil},
		{"incomplete", sw(othTS(2, "A", "", "01/05/2024", "", ""), othTS(3, "A", "SW1", "", "", ""), othTS(4, "A", "", "", "", "")), nil, []int{2, 3, 4}},
	})
	hdrTRun(t, cs, "SW01bSTG1", finding.Error, []hdrTCase{
		{"ended with reason, or open", sw(othTS(2, "A", "SW1", "01/05/2024", "01/06/2024", "LEFTRL"), othTS(3, "A", "SW2", "01/06/2024", "", "")), nil, nil},
		{"ended without reason", sw(othTS(2, "A", "SW1", "01/05/2024", "01/06/2024", "")), nil, []int{2}},
	})
	hdrTRun(t, cs, "SW02STG1", finding.Error, []hdrTCase{
		{"SW, XX or blank", sw(othTS(2, "A", "SW123", "01/05/2024", "", ""), othTS(3, "B", "XX1", "01/05/2024", "", ""), othTS(4, "C", "", "01/05/2024", "", "")), nil, nil},
		{"other", sw(othTS(2, "A", "AB123", "01/05/2024", "", ""), othTS(3, "B", "sw123", "01/05/2024", "", "")), nil, []int{2, 3}},
	})
	hdrTRun(t, cs, "SW04STG1", finding.Error, []hdrTCase{
		{"dated", sw(othTS(2, "A", "SW1", "01/05/2024", "", "")), nil, nil},
		{"blank", sw(othTS(2, "A", "SW1", "", "", "")), nil, []int{2}},
	})
	hdrTRun(t, cs, "SW06STG2", finding.Error, []hdrTCase{
		{"by the end, or earlier", sw(othTS(2, "A", "SW1", "31/03/2025", "", ""), othTS(3, "B", "SW1", "01/01/2023", "", "")), nil, nil},
		{"after", sw(othTS(2, "A", "SW1", "01/04/2025", "", "")), nil, []int{2}},
	})
	hdrTRun(t, cs, "SW07STG2", finding.Error, []hdrTCase{
		{"in year, or open", sw(othTS(2, "A", "SW1", "01/01/2024", "01/04/2024", "MANAGE"), othTS(3, "A", "SW2", "01/04/2024", "31/03/2025", "MANAGE"),
			othTS(4, "A", "SW3", "31/03/2025", "", "")), nil, nil},
		{"outside", sw(othTS(2, "A", "SW1", "01/01/2024", "31/03/2024", "MANAGE"), othTS(3, "A", "SW2", "01/04/2024", "01/04/2025", "MANAGE")), nil, []int{2, 3}},
	})
	hdrTRun(t, cs, "SW08STG2", finding.Error, []hdrTCase{
		{"ended before the next", sw(othTS(2, "A", "SW1", "01/05/2024", "01/06/2024", "MANAGE"), othTS(3, "A", "SW2", "01/06/2024", "", ""),
			othTS(4, "B", "SW3", "01/05/2024", "", "")), nil, nil},
		{"open, then another (out of order)", sw(othTS(2, "A", "SW2", "01/07/2024", "", ""), othTS(3, "A", "SW1", "01/05/2024", "", "")), nil, []int{3}},
	})
	hdrTRun(t, cs, "SW09STG2", finding.Error, []hdrTCase{
		{"a day or more", sw(othTS(2, "A", "SW1", "01/05/2024", "02/05/2024", "MANAGE"), othTS(3, "A", "SW2", "02/05/2024", "", "")), nil, nil},
		{"same day or backwards", sw(othTS(2, "A", "SW1", "01/05/2024", "01/05/2024", "MANAGE"), othTS(3, "A", "SW2", "03/05/2024", "02/05/2024", "MANAGE")), nil, []int{2, 3}},
	})
	hdrTRun(t, cs, "SW10STG2", finding.Error, []hdrTCase{
		{"on or after the end", sw(othTS(2, "A", "SW1", "01/05/2024", "01/06/2024", "MANAGE"), othTS(3, "A", "SW2", "01/06/2024", "", "")), nil, nil},
		{"before the end", sw(othTS(2, "A", "SW1", "01/05/2024", "01/06/2024", "MANAGE"), othTS(3, "A", "SW2", "31/05/2024", "", "")), nil, []int{3}},
	})
	inCare := []Episode{hdrTEp(2, "A", "01/01/2024")}
	left := []Episode{{Row: 2, Child: "A", DECOM: hdrTD("01/01/2024"), DEC: hdrTD("01/02/2025")}}
	hdrTRun(t, cs, "SW11bSTG2", finding.Error, []hdrTCase{
		{"followed, or open, or left care", Return{Episodes: inCare, SWEpisodes: []SWEpisode{othTS(2, "A", "SW1", "01/05/2024", "01/06/2024", "MANAGE"),
			othTS(3, "A", "SW2", "01/06/2024", "", ""), othTS(4, "B", "SW3", "01/05/2024", "31/03/2025", "MANAGE")}}, nil, nil},
		{"child left care", Return{Episodes: left, SWEpisodes: []SWEpisode{othTS(2, "A", "SW1", "01/05/2024", "01/02/2025", "MANAGE")}}, nil, nil},
		{"ends before 31 March", Return{Episodes: inCare, SWEpisodes: []SWEpisode{othTS(2, "A", "SW2", "01/06/2024", "30/03/2025", "MANAGE"),
			othTS(3, "A", "SW1", "01/05/2024", "01/06/2024", "MANAGE"), othTS(4, "B", "SW3", "01/05/2024", "01/06/2024", "MANAGE")}}, nil, []int{2, 4}},
	})
	hdrTRun(t, cs, "SW13STG1", finding.Error, []hdrTCase{
		{"codes or blank", sw(othTS(2, "A", "SW1", "01/05/2024", "01/06/2024", "SWDIED"), othTS(3, "A", "SW2", "01/06/2024", "", "")), nil, nil},
		{"other", sw(othTS(2, "A", "SW1", "01/05/2024", "01/06/2024", "RETIRE")), nil, []int{2}},
	})
	hdrTRun(t, cs, "SW17STG2", finding.Error, []hdrTCase{
		{"open on 31 March", Return{Episodes: inCare, SWEpisodes: []SWEpisode{othTS(2, "A", "SW1", "01/05/2024", "31/03/2025", "MANAGE"),
			othTS(3, "B", "SW2", "01/01/2023", "", "")}}, nil, nil},
		{"child left care", Return{Episodes: left, SWEpisodes: []SWEpisode{othTS(2, "A", "SW1", "01/05/2024", "01/02/2025", "MANAGE")}}, nil, nil},
		{"none open", Return{Episodes: inCare, SWEpisodes: []SWEpisode{othTS(2, "A", "SW1", "01/05/2024", "01/06/2024", "MANAGE"),
			othTS(3, "A", "SW2", "01/06/2024", "01/03/2025", "MANAGE"), othTS(4, "B", "SW3", "01/04/2025", "", "")}}, nil, []int{3, 4}},
	})
}

// TestOther576File checks that 576 names last year's file, where the open period is.
func TestOther576File(t *testing.T) {
	r := Return{Header: []Header{hdrTH(2, "A", nil)}, Files: map[Table]string{TableMissing: "missing.csv"},
		Previous: &Return{Missing: []Missing{othTM(7, "A", "A", "20/03/2024", "")}, Files: map[Table]string{TableMissing: "missing_last.csv"}}}
	fs := hdrTByCode(t, otherChecks(), "576").Run(NewCheckData(&r, hdrTYear))
	if len(fs) != 1 || fs[0].File != "missing_last.csv" || fs[0].Row != 7 {
		t.Fatalf("findings %+v, want one at missing_last.csv row 7", fs)
	}
}
