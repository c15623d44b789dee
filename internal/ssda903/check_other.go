package ssda903

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"csperf/internal/finding"
)

// The checks of this file read the Reviews, Missing, PrevPerm and SWEpisodes tables, each with its
// link to the Header (children and dates of birth), and last year's Missing table for 576. They are
// grouped by table.
//
// Not implemented, because they cannot fail on the return as csperf holds it: 1005 (MIS_END not a
// valid date) and SW05STG1 (SW_DEC not a valid date). Both dates may be blank, and the readers report
// a value that is not a date (read/date) and leave the field blank.

func otherChecks() []Check {
	return []Check{
		// Reviews.
		oth166(), oth167(), oth440(), oth441(), othINT08(), othINT17(),
		// Missing.
		oth1004(), oth1006(), oth564(), oth565(), oth566(), oth567(), oth570(), oth571(), oth574(), oth576(),
		oth586(), othINT04(), othINT13(),
		// PrevPerm.
		oth631(), oth633(), oth635(), othINT07(), othINT16(), othINT35(),
		// SWEpisodes.
		othSW01a(), othSW01b(), othSW02(), othSW04(), othSW06(), othSW07(), othSW08(), othSW09(), othSW10(),
		othSW11b(), othSW13(), othSW17(),
	}
}

// ---- helpers ----

// othRule builds a check of each row of one table on its own: rows gives the table, ref a row's source
// row and child, and bad the value to report and the message, with ok false when the row passes.
func othRule[T any](code string, t Table, rows func(*Return) []T, ref func(*T) (int, string), fields []string,
	about string, bad func(d *CheckData, x *T) (value, msg string, ok bool)) Check {
	c := Check{Code: code, Severity: finding.Error, Tables: []Table{t}, Fields: fields, About: about}
	c.Run = func(d *CheckData) []finding.Finding {
		rs := rows(d.Return)
		var out []finding.Finding
		for i := range rs {
			if v, msg, ok := bad(d, &rs[i]); ok {
				row, child := ref(&rs[i])
				out = append(out, d.Found(&c, t, row, child, fields, v, msg))
			}
		}
		return out
	}
	return c
}

// othDOB is the date of birth to use for a row: its own, or the Header's when its own is blank.
func othDOB(d *CheckData, child string, own Date) Date {
	if own != 0 {
		return own
	}
	if h := hdrHeaderOf(d, child); h != nil {
		return h.DOB
	}
	return 0
}

// othSequences groups the rows 0..n-1 by child, each child's rows ordered by start date (then by
// position). Rows with a blank start are left out.
func othSequences(n int, child func(int) string, start func(int) Date) map[string][]int {
	m := map[string][]int{}
	for i := range n {
		if start(i) != 0 {
			m[child(i)] = append(m[child(i)], i)
		}
	}
	for _, is := range m {
		sort.SliceStable(is, func(a, b int) bool { return start(is[a]) < start(is[b]) })
	}
	return m
}

// othFlag is a finding about row index i of a table, before it is made.
type othFlag struct {
	i          int
	value, msg string
}

// othReport makes the findings of flags, in table order.
func othReport(c *Check, d *CheckData, t Table, flags []othFlag, ref func(int) (int, string)) []finding.Finding {
	sort.SliceStable(flags, func(a, b int) bool { return flags[a].i < flags[b].i })
	out := make([]finding.Finding, 0, len(flags))
	for _, f := range flags {
		row, child := ref(f.i)
		out = append(out, d.Found(c, t, row, child, c.Fields, f.value, f.msg))
	}
	return out
}

// ---- Reviews ----

func othReviews(r *Return) []Review            { return r.Reviews }
func othReviewRef(x *Review) (int, string)     { return x.Row, x.Child }
func othMissing(r *Return) []Missing           { return r.Missing }
func othMissingRef(x *Missing) (int, string)   { return x.Row, x.Child }
func othPrevPerm(r *Return) []PrevPerm         { return r.PrevPerm }
func othPrevPermRef(x *PrevPerm) (int, string) { return x.Row, x.Child }
func othSW(r *Return) []SWEpisode              { return r.SWEpisodes }
func othSWRef(x *SWEpisode) (int, string)      { return x.Row, x.Child }

func oth166() Check {
	return othRule("166", TableReviews, othReviews, othReviewRef, []string{"REVIEW"},
		"A review has a valid date.",
		func(_ *CheckData, x *Review) (string, string, bool) {
			return "", "Review date is blank or was not a valid dd/mm/yyyy date.", x.Review == 0
		})
}

func oth167() Check {
	valid := hdrCodes(TableReviews, "REVIEW_CODE")
	return othRule("167", TableReviews, othReviews, othReviewRef, []string{"REVIEW_CODE"},
		"A review says how the child took part, with a code PN0–PN7.",
		func(_ *CheckData, x *Review) (string, string, bool) {
			if valid[x.ReviewCode] {
				return "", "", false
			}
			return x.ReviewCode, fmt.Sprintf("Participation code is %s; it must be one of PN0–PN7.", showCode(x.ReviewCode)), true
		})
}

// othReviewAge is the child's age at the review, with ok false when either date is blank.
func othReviewAge(d *CheckData, x *Review) (int, Date, bool) {
	dob := othDOB(d, x.Child, x.DOB)
	if dob == 0 || x.Review == 0 {
		return 0, 0, false
	}
	return dob.AgeAt(x.Review), dob, true
}

func oth440() Check {
	return othRule("440", TableReviews, othReviews, othReviewRef, []string{"DOB", "REVIEW", "REVIEW_CODE"},
		"Participation code PN0 (child under 4) is used only when the child was under 4 at the review.",
		func(d *CheckData, x *Review) (string, string, bool) {
			age, dob, ok := othReviewAge(d, x)
			if !ok || x.ReviewCode != "PN0" || age < 4 {
				return "", "", false
			}
			return x.ReviewCode, fmt.Sprintf("Participation code is PN0 (child under 4) but the child, born %s, was %d at the review on %s.",
				dob.DMY(), age, x.Review.DMY()), true
		})
}

func oth441() Check {
	return othRule("441", TableReviews, othReviews, othReviewRef, []string{"DOB", "REVIEW", "REVIEW_CODE"},
		"Participation codes PN1–PN7 (child 4 or over) are used only when the child was 4 or over at the review.",
		func(d *CheckData, x *Review) (string, string, bool) {
			age, dob, ok := othReviewAge(d, x)
			if !ok || len(x.ReviewCode) != 3 || x.ReviewCode < "PN1" || x.ReviewCode > "PN7" || age >= 4 {
				return "", "", false
			}
			return x.ReviewCode, fmt.Sprintf("Participation code is %s, for a child of 4 or over, but the child, born %s, was %d at the review on %s; use PN0.",
				x.ReviewCode, dob.DMY(), max(age, 0), x.Review.DMY()), true
		})
}

func othINT08() Check {
	c := Check{Code: "INT08", Severity: finding.Error, Tables: []Table{TableHeader, TableReviews}, Fields: []string{"CHILD"},
		About: "Every child in the Reviews table is in the Header."}
	c.Run = func(d *CheckData) []finding.Finding {
		refs := make([]hdrRef, len(d.Return.Reviews))
		for i, x := range d.Return.Reviews {
			refs[i] = hdrRef{x.Row, x.Child}
		}
		return hdrOrphans(&c, d, TableReviews, refs)
	}
	return c
}

func othINT17() Check {
	c := Check{Code: "INT17", Severity: finding.Error, Tables: []Table{TableHeader, TableReviews}, Fields: []string{"DOB"},
		About: "A child's date of birth in the Reviews table matches the Header."}
	c.Run = func(d *CheckData) []finding.Finding {
		refs := make([]hdrDOBRef, len(d.Return.Reviews))
		for i, x := range d.Return.Reviews {
			refs[i] = hdrDOBRef{x.Row, x.Child, x.DOB}
		}
		return hdrDOBMismatch(&c, d, TableReviews, refs)
	}
	return c
}

// ---- Missing ----

func oth1004() Check {
	return othRule("1004", TableMissing, othMissing, othMissingRef, []string{"MIS_START"},
		"A missing or away-from-placement period has a valid start date.",
		func(_ *CheckData, x *Missing) (string, string, bool) {
			return "", "Start date of the missing or away period is blank or was not a valid dd/mm/yyyy date.", x.MisStart == 0
		})
}

// 1006: a value other than M or A. A blank MISSING is left to 565 and 566, which say what it lacks.
func oth1006() Check {
	return othRule("1006", TableMissing, othMissing, othMissingRef, []string{"MISSING"},
		"The missing type is M (missing) or A (away from placement without authorisation).",
		func(_ *CheckData, x *Missing) (string, string, bool) {
			if x.Missing == "" || x.Missing == "M" || x.Missing == "A" {
				return "", "", false
			}
			return x.Missing, fmt.Sprintf("Missing type is %s; it must be M (missing) or A (away without authorisation).", x.Missing), true
		})
}

func oth564() Check {
	return othRule("564", TableMissing, othMissing, othMissingRef, []string{"MISSING", "MIS_START"},
		"A period recorded as missing or away has a start date.",
		func(_ *CheckData, x *Missing) (string, string, bool) {
			if x.Missing == "" || x.MisStart != 0 {
				return "", "", false
			}
			return x.Missing, fmt.Sprintf("Missing type is %s but the start date is blank.", x.Missing), true
		})
}

func oth565() Check {
	return othRule("565", TableMissing, othMissing, othMissingRef, []string{"MISSING", "MIS_START"},
		"A period with a start date says whether the child was missing (M) or away (A).",
		func(_ *CheckData, x *Missing) (string, string, bool) {
			if x.MisStart == 0 || x.Missing != "" {
				return "", "", false
			}
			return x.MisStart.DMY(), fmt.Sprintf("The period starting %s has no missing type (M or A).", x.MisStart.DMY()), true
		})
}

func oth566() Check {
	return othRule("566", TableMissing, othMissing, othMissingRef, []string{"MISSING", "MIS_END"},
		"A period with an end date says whether the child was missing (M) or away (A).",
		func(_ *CheckData, x *Missing) (string, string, bool) {
			if x.MisEnd == 0 || x.Missing != "" {
				return "", "", false
			}
			return x.MisEnd.DMY(), fmt.Sprintf("The period ending %s has no missing type (M or A).", x.MisEnd.DMY()), true
		})
}

func oth567() Check {
	return othRule("567", TableMissing, othMissing, othMissingRef, []string{"MIS_END", "MIS_START"},
		"A missing or away period does not end before it starts.",
		func(_ *CheckData, x *Missing) (string, string, bool) {
			if x.MisStart == 0 || x.MisEnd == 0 || x.MisEnd >= x.MisStart {
				return "", "", false
			}
			return x.MisEnd.DMY(), fmt.Sprintf("The period ends on %s, before it starts on %s.", x.MisEnd.DMY(), x.MisStart.DMY()), true
		})
}

func oth570() Check {
	return othRule("570", TableMissing, othMissing, othMissingRef, []string{"MIS_START"},
		"A missing or away period starts by the end of the collection year.",
		func(d *CheckData, x *Missing) (string, string, bool) {
			if x.MisStart == 0 || x.MisStart <= d.End {
				return "", "", false
			}
			return x.MisStart.DMY(), fmt.Sprintf("The period starts on %s, after the collection year ended on %s.",
				x.MisStart.DMY(), d.End.DMY()), true
		})
}

func oth571() Check {
	return othRule("571", TableMissing, othMissing, othMissingRef, []string{"MIS_END"},
		"A missing or away period that has ended ended within the collection year.",
		func(d *CheckData, x *Missing) (string, string, bool) {
			if x.MisEnd == 0 || (x.MisEnd >= d.Start && x.MisEnd <= d.End) {
				return "", "", false
			}
			return x.MisEnd.DMY(), fmt.Sprintf("The period ends on %s, outside the collection year %s to %s.",
				x.MisEnd.DMY(), d.Start.DMY(), d.End.DMY()), true
		})
}

// 574: each period of a child, in start order, against the earlier period that reaches furthest (an
// open one reaches for ever). A period may start on the day the earlier one ended.
func oth574() Check {
	c := Check{Code: "574", Severity: finding.Error, Tables: []Table{TableMissing}, Fields: []string{"MIS_END", "MIS_START"},
		About: "A child's missing or away periods do not overlap, and none starts while an earlier one is still open."}
	c.Run = func(d *CheckData) []finding.Finding {
		ms := d.Return.Missing
		seqs := othSequences(len(ms), func(i int) string { return ms[i].Child }, func(i int) Date { return ms[i].MisStart })
		var flags []othFlag
		for _, is := range seqs {
			reach := -1 // the earlier period that ends last
			for _, i := range is {
				x := &ms[i]
				if reach >= 0 {
					r := &ms[reach]
					switch {
					case r.MisEnd == 0:
						flags = append(flags, othFlag{i, x.MisStart.DMY(), fmt.Sprintf("The period starting %s begins while the period starting %s is still open (no end date).",
							x.MisStart.DMY(), r.MisStart.DMY())})
					case x.MisStart < r.MisEnd:
						flags = append(flags, othFlag{i, x.MisStart.DMY(), fmt.Sprintf("The period starting %s overlaps the period from %s to %s.",
							x.MisStart.DMY(), r.MisStart.DMY(), r.MisEnd.DMY())})
					}
				}
				if reach < 0 || (ms[reach].MisEnd != 0 && (x.MisEnd == 0 || x.MisEnd > ms[reach].MisEnd)) {
					reach = i
				}
			}
		}
		return othReport(&c, d, TableMissing, flags, func(i int) (int, string) { return ms[i].Row, ms[i].Child })
	}
	return c
}

// 576: a period open at the end of last year (no end date) continues into this year, so this year's
// Missing table has a period of the child with the same start date. Only children in this year's
// Header are checked, and not when this year's Missing table was not given. The finding names last
// year's row and file.
func oth576() Check {
	c := Check{Code: "576", Severity: finding.Error, Tables: []Table{TableMissing, TableHeader}, Fields: []string{"CHILD"},
		About: "A missing or away period left open in last year's return is carried into this year's, with the same start date.",
		Needs: NeedPrevious}
	c.Run = func(d *CheckData) []finding.Finding {
		if d.Previous == nil || !hdrHasTable(d.Return, TableMissing) {
			return nil
		}
		type key struct {
			child string
			start Date
		}
		have := map[key]bool{}
		for _, x := range d.Return.Missing {
			have[key{x.Child, x.MisStart}] = true
		}
		var out []finding.Finding
		for _, x := range d.Previous.Missing {
			if x.MisEnd != 0 || x.MisStart == 0 || have[key{x.Child, x.MisStart}] {
				continue
			}
			if _, ok := d.HeaderOf[x.Child]; !ok {
				continue
			}
			f := d.Found(&c, TableMissing, x.Row, x.Child, c.Fields, x.Child,
				fmt.Sprintf("Last year's return has a %s period starting %s with no end date, but this year's Missing table has no period of the child starting that day.",
					othMissingType(x.Missing), x.MisStart.DMY()))
			f.File = d.Previous.Files[TableMissing]
			out = append(out, f)
		}
		return out
	}
	return c
}

// othMissingType names a missing type for a message.
func othMissingType(m string) string {
	switch m {
	case "M":
		return "missing"
	case "A":
		return "away-from-placement"
	}
	return "missing or away"
}

func oth586() Check {
	return othRule("586", TableMissing, othMissing, othMissingRef, []string{"MIS_START"},
		"A missing or away period starts on or after the child's date of birth.",
		func(d *CheckData, x *Missing) (string, string, bool) {
			dob := othDOB(d, x.Child, x.DOB)
			if x.MisStart == 0 || dob == 0 || x.MisStart >= dob {
				return "", "", false
			}
			return x.MisStart.DMY(), fmt.Sprintf("The period starts on %s, before the child's date of birth %s.",
				x.MisStart.DMY(), dob.DMY()), true
		})
}

func othINT04() Check {
	c := Check{Code: "INT04", Severity: finding.Error, Tables: []Table{TableHeader, TableMissing}, Fields: []string{"CHILD"},
		About: "Every child in the Missing table is in the Header."}
	c.Run = func(d *CheckData) []finding.Finding {
		refs := make([]hdrRef, len(d.Return.Missing))
		for i, x := range d.Return.Missing {
			refs[i] = hdrRef{x.Row, x.Child}
		}
		return hdrOrphans(&c, d, TableMissing, refs)
	}
	return c
}

func othINT13() Check {
	c := Check{Code: "INT13", Severity: finding.Error, Tables: []Table{TableHeader, TableMissing}, Fields: []string{"DOB"},
		About: "A child's date of birth in the Missing table matches the Header."}
	c.Run = func(d *CheckData) []finding.Finding {
		refs := make([]hdrDOBRef, len(d.Return.Missing))
		for i, x := range d.Return.Missing {
			refs[i] = hdrDOBRef{x.Row, x.Child, x.DOB}
		}
		return hdrDOBMismatch(&c, d, TableMissing, refs)
	}
	return c
}

// ---- PrevPerm ----

func oth631() Check {
	valid := hdrCodes(TablePrevPerm, "PREV_PERM")
	return othRule("631", TablePrevPerm, othPrevPerm, othPrevPermRef, []string{"PREV_PERM"},
		"The previous permanence option is one of P1–P4 or Z1.",
		func(_ *CheckData, x *PrevPerm) (string, string, bool) {
			if valid[x.PrevPerm] {
				return "", "", false
			}
			return x.PrevPerm, fmt.Sprintf("Previous permanence option is %s; it must be P1, P2, P3, P4 or Z1.", showCode(x.PrevPerm)), true
		})
}

// othLACodes holds the codes of English local authorities: DfE's three-digit numbers and ONS codes,
// past and present, from DfE's published statistics.
var othLACodes = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range strings.Fields(othLANumbers + " " + othLAONS + " " + othLAElsewhere) {
		m[c] = true
	}
	return m
}()

// othLAElsewhere are the codes for an order made outside England: Wales, Scotland, Northern Ireland,
// and outside the UK.
const othLAElsewhere = "WAL SCO NIR NUK"

const othLANumbers = "" +
	"201 202 203 204 205 206 207 208 209 210 211 212 213 301 302 303 304 305 306 307 308 309 310 311 " +
	"312 313 314 315 316 317 318 319 320 330 331 332 333 334 335 336 340 341 342 343 344 350 351 352 " +
	"353 354 355 356 357 358 359 370 371 372 373 380 381 382 383 384 390 391 392 393 394 420 800 801 " +
	"802 803 805 806 807 808 810 811 812 813 815 816 821 822 823 825 826 830 831 835 836 837 838 839 " +
	"840 841 845 846 850 851 852 855 856 857 860 861 865 866 867 868 869 870 871 872 873 874 876 877 " +
	"878 879 880 881 882 883 884 885 886 887 888 889 890 891 892 893 894 895 896 908 909 916 919 921 " +
	"925 926 928 929 931 933 935 936 937 938 940 941 942 943"

const othLAONS = "" +
	"E06000001 E06000002 E06000003 E06000004 E06000005 E06000006 E06000007 E06000008 E06000009 " +
	"E06000010 E06000011 E06000012 E06000013 E06000014 E06000015 E06000016 E06000017 E06000018 " +
	"E06000019 E06000020 E06000021 E06000022 E06000023 E06000024 E06000025 E06000026 E06000027 " +
	"E06000028 E06000029 E06000030 E06000031 E06000032 E06000033 E06000034 E06000035 E06000036 " +
	"E06000037 E06000038 E06000039 E06000040 E06000041 E06000042 E06000043 E06000044 E06000045 " +
	"E06000046 E06000047 E06000048 E06000049 E06000050 E06000051 E06000052 E06000053 E06000054 " +
	"E06000055 E06000056 E06000057 E06000058 E06000059 E06000060 E06000061 E06000062 E06000063 " +
	"E06000064 E06000065 E06000066 E08000001 E08000002 E08000003 E08000004 E08000005 E08000006 " +
	"E08000007 E08000008 E08000009 E08000010 E08000011 E08000012 E08000013 E08000014 E08000015 " +
	"E08000016 E08000017 E08000018 E08000019 E08000021 E08000022 E08000023 E08000024 E08000025 " +
	"E08000026 E08000027 E08000028 E08000029 E08000030 E08000031 E08000032 E08000033 E08000034 " +
	"E08000035 E08000036 E08000037 E08000038 E08000039 E09000001 E09000002 E09000003 E09000004 " +
	"E09000005 E09000006 E09000007 E09000008 E09000009 E09000010 E09000011 E09000012 E09000013 " +
	"E09000014 E09000015 E09000016 E09000017 E09000018 E09000019 E09000020 E09000021 E09000022 " +
	"E09000023 E09000024 E09000025 E09000026 E09000027 E09000028 E09000029 E09000030 E09000031 " +
	"E09000032 E09000033 E10000002 E10000003 E10000006 E10000007 E10000008 E10000009 E10000011 " +
	"E10000012 E10000013 E10000014 E10000015 E10000016 E10000017 E10000018 E10000019 E10000020 " +
	"E10000021 E10000023 E10000024 E10000025 E10000027 E10000028 E10000029 E10000030 E10000031 " +
	"E10000032 E10000034"

// 633: LA_PERM, when given, is a known code. The code of the council making the return is always
// accepted (csperf's synthetic councils have numbers of their own).
func oth633() Check {
	return othRule("633", TablePrevPerm, othPrevPerm, othPrevPermRef, []string{"LA_PERM"},
		"The local authority where a previous permanence order was made is given as a valid LA code (or WAL, SCO, NIR, NUK outside England).",
		func(d *CheckData, x *PrevPerm) (string, string, bool) {
			code := strings.ToUpper(x.LAPerm)
			if code == "" || othLACodes[code] || (d.Return.Authority != 0 && code == strconv.Itoa(d.Return.Authority)) {
				return "", "", false
			}
			return x.LAPerm, fmt.Sprintf("Local authority code %s is not a known LA code; use the council's three-digit DfE number, or WAL, SCO, NIR or NUK for an order made outside England.",
				x.LAPerm), true
		})
}

// 635: Z1 means no previous permanence order, so neither its date nor its LA is recorded; either one
// given is reported.
func oth635() Check {
	return othRule("635", TablePrevPerm, othPrevPerm, othPrevPermRef, []string{"DATE_PERM", "LA_PERM", "PREV_PERM"},
		"With previous permanence option Z1 (none), no order date or local authority is given.",
		func(_ *CheckData, x *PrevPerm) (string, string, bool) {
			if x.PrevPerm != "Z1" || (x.DatePerm == "" && x.LAPerm == "") {
				return "", "", false
			}
			return x.PrevPerm, fmt.Sprintf("Previous permanence option is Z1 (none) but the order date is %s and the local authority %s; leave both blank or give the option.",
				showCode(x.DatePerm), showCode(x.LAPerm)), true
		})
}

func othINT07() Check {
	c := Check{Code: "INT07", Severity: finding.Error, Tables: []Table{TableHeader, TablePrevPerm}, Fields: []string{"CHILD"},
		About: "Every child in the PrevPerm table is in the Header."}
	c.Run = func(d *CheckData) []finding.Finding { return hdrOrphans(&c, d, TablePrevPerm, othPrevPermRefs(d)) }
	return c
}

func othPrevPermRefs(d *CheckData) []hdrRef {
	refs := make([]hdrRef, len(d.Return.PrevPerm))
	for i, x := range d.Return.PrevPerm {
		refs[i] = hdrRef{x.Row, x.Child}
	}
	return refs
}

func othINT16() Check {
	c := Check{Code: "INT16", Severity: finding.Error, Tables: []Table{TableHeader, TablePrevPerm}, Fields: []string{"DOB"},
		About: "A child's date of birth in the PrevPerm table matches the Header."}
	c.Run = func(d *CheckData) []finding.Finding {
		refs := make([]hdrDOBRef, len(d.Return.PrevPerm))
		for i, x := range d.Return.PrevPerm {
			refs[i] = hdrDOBRef{x.Row, x.Child, x.DOB}
		}
		return hdrDOBMismatch(&c, d, TablePrevPerm, refs)
	}
	return c
}

func othINT35() Check {
	c := Check{Code: "INT35", Severity: finding.Error, Tables: []Table{TablePrevPerm}, Fields: []string{"CHILD"},
		About: "Each child has at most one row in the PrevPerm table."}
	c.Run = func(d *CheckData) []finding.Finding { return hdrDuplicates(&c, d, TablePrevPerm, othPrevPermRefs(d)) }
	return c
}

// ---- SWEpisodes ----

func othSW01a() Check {
	return othRule("SW01aSTG1", TableSWEpisodes, othSW, othSWRef, []string{"SW_DECOM", "SW_ID"},
		"A social worker episode gives the social worker's ID and the date it began.",
		func(_ *CheckData, x *SWEpisode) (string, string, bool) {
			var lack []string
			if x.SWID == "" {
				lack = append(lack, "social worker ID (SW_ID)")
			}
			if x.SWDecom == 0 {
				lack = append(lack, "start date (SW_DECOM)")
			}
			if len(lack) == 0 {
				return "", "", false
			}
			return "", fmt.Sprintf("The social worker episode has no %s.", strings.Join(lack, " and no ")), true
		})
}

// SW01b: SW_REASON says why the child's social worker changed, so an episode that has ended (SW_DEC
// given) gives it. (Reading: the reason goes with the episode that ends; a missing ID or start date
// is SW01a's finding.)
func othSW01b() Check {
	return othRule("SW01bSTG1", TableSWEpisodes, othSW, othSWRef, []string{"SW_DECOM", "SW_ID", "SW_REASON"},
		"A social worker episode that has ended gives the reason for the change of social worker.",
		func(_ *CheckData, x *SWEpisode) (string, string, bool) {
			if x.SWDec == 0 || x.SWReason != "" {
				return "", "", false
			}
			return "", fmt.Sprintf("The episode with social worker %s ended on %s but gives no reason for the change (SW_REASON).",
				showCode(x.SWID), x.SWDec.DMY()), true
		})
}

func othSW02() Check {
	return othRule("SW02STG1", TableSWEpisodes, othSW, othSWRef, []string{"SW_ID"},
		"A social worker ID begins with SW (Social Work England registration) or XX.",
		func(_ *CheckData, x *SWEpisode) (string, string, bool) {
			if x.SWID == "" || strings.HasPrefix(x.SWID, "SW") || strings.HasPrefix(x.SWID, "XX") {
				return "", "", false
			}
			return x.SWID, fmt.Sprintf("Social worker ID %s does not begin with SW or XX.", x.SWID), true
		})
}

func othSW04() Check {
	return othRule("SW04STG1", TableSWEpisodes, othSW, othSWRef, []string{"SW_DECOM"},
		"A social worker episode has a valid start date.",
		func(_ *CheckData, x *SWEpisode) (string, string, bool) {
			return "", "Start date of the social worker episode is blank or was not a valid dd/mm/yyyy date.", x.SWDecom == 0
		})
}

// SW06: the reporting year is the collection year. An episode may have begun before it (it was then
// open on 1 April), but not after it.
func othSW06() Check {
	return othRule("SW06STG2", TableSWEpisodes, othSW, othSWRef, []string{"SW_DECOM"},
		"A social worker episode begins by the end of the reporting year.",
		func(d *CheckData, x *SWEpisode) (string, string, bool) {
			if x.SWDecom == 0 || x.SWDecom <= d.End {
				return "", "", false
			}
			return x.SWDecom.DMY(), fmt.Sprintf("The social worker episode begins on %s, after the reporting year ended on %s.",
				x.SWDecom.DMY(), d.End.DMY()), true
		})
}

func othSW07() Check {
	return othRule("SW07STG2", TableSWEpisodes, othSW, othSWRef, []string{"SW_DEC"},
		"A social worker episode that has ended ended within the reporting year.",
		func(d *CheckData, x *SWEpisode) (string, string, bool) {
			if x.SWDec == 0 || (x.SWDec >= d.Start && x.SWDec <= d.End) {
				return "", "", false
			}
			return x.SWDec.DMY(), fmt.Sprintf("The social worker episode ends on %s, outside the reporting year %s to %s.",
				x.SWDec.DMY(), d.Start.DMY(), d.End.DMY()), true
		})
}

// othSWSeqRule builds a check of each social worker episode against the child's episode before it in
// start order; the finding is about the earlier episode when onEarlier, else the later one.
func othSWSeqRule(code string, fields []string, about string, onEarlier bool,
	bad func(prev, x *SWEpisode) (value, msg string, ok bool)) Check {
	c := Check{Code: code, Severity: finding.Error, Tables: []Table{TableSWEpisodes}, Fields: fields, About: about}
	c.Run = func(d *CheckData) []finding.Finding {
		sw := d.Return.SWEpisodes
		seqs := othSequences(len(sw), func(i int) string { return sw[i].Child }, func(i int) Date { return sw[i].SWDecom })
		var flags []othFlag
		for _, is := range seqs {
			for k := 1; k < len(is); k++ {
				prev, x := &sw[is[k-1]], &sw[is[k]]
				if v, msg, ok := bad(prev, x); ok {
					i := is[k]
					if onEarlier {
						i = is[k-1]
					}
					flags = append(flags, othFlag{i, v, msg})
				}
			}
		}
		return othReport(&c, d, TableSWEpisodes, flags, func(i int) (int, string) { return sw[i].Row, sw[i].Child })
	}
	return c
}

func othSW08() Check {
	return othSWSeqRule("SW08STG2", []string{"SW_DEC"},
		"A social worker episode followed by another one has an end date.", true,
		func(prev, x *SWEpisode) (string, string, bool) {
			if prev.SWDec != 0 {
				return "", "", false
			}
			return "", fmt.Sprintf("The episode with social worker %s starting %s has no end date, but another episode starts on %s.",
				showCode(prev.SWID), prev.SWDecom.DMY(), x.SWDecom.DMY()), true
		})
}

func othSW09() Check {
	return othRule("SW09STG2", TableSWEpisodes, othSW, othSWRef, []string{"SW_DEC", "SW_DECOM"},
		"A social worker episode lasts at least a day: it ends after the day it began.",
		func(_ *CheckData, x *SWEpisode) (string, string, bool) {
			if x.SWDec == 0 || x.SWDecom == 0 || x.SWDec > x.SWDecom {
				return "", "", false
			}
			if x.SWDec == x.SWDecom {
				return x.SWDec.DMY(), fmt.Sprintf("The social worker episode begins and ends on the same day, %s.", x.SWDec.DMY()), true
			}
			return x.SWDec.DMY(), fmt.Sprintf("The social worker episode ends on %s, before it begins on %s.",
				x.SWDec.DMY(), x.SWDecom.DMY()), true
		})
}

// SW10: a new episode may start on the day the previous one ended, not before.
func othSW10() Check {
	return othSWSeqRule("SW10STG2", []string{"SW_DECOM"},
		"A social worker episode does not start before the previous one ended.", false,
		func(prev, x *SWEpisode) (string, string, bool) {
			if prev.SWDec == 0 || x.SWDecom >= prev.SWDec {
				return "", "", false
			}
			return x.SWDecom.DMY(), fmt.Sprintf("The episode starts on %s, before the previous episode (from %s) ended on %s.",
				x.SWDecom.DMY(), prev.SWDecom.DMY(), prev.SWDec.DMY()), true
		})
}

// othLeftCare reports whether the Episodes table shows the child left care before 31 March: the
// child has episodes and none is open at the end of the year. A child without episodes is not known
// to have left.
func othLeftCare(d *CheckData, child string) bool {
	is := d.EpisodesOf[child]
	if len(is) == 0 {
		return false
	}
	for _, i := range is {
		if i < 0 || i >= len(d.Return.Episodes) {
			continue
		}
		if e := &d.Return.Episodes[i]; e.DECOM <= d.End && (e.DEC == 0 || e.DEC > d.End) {
			return false
		}
	}
	return true
}

// othSWLastRule builds a check of each child's social worker episodes as a whole, reported on the
// child's latest episode. Children whose episodes show they left care before 31 March are not
// checked: their social worker rightly stops with their care.
func othSWLastRule(code string, fields []string, about string,
	bad func(d *CheckData, eps []*SWEpisode) (value, msg string, ok bool)) Check {
	c := Check{Code: code, Severity: finding.Error, Tables: []Table{TableSWEpisodes, TableEpisodes}, Fields: fields, About: about}
	c.Run = func(d *CheckData) []finding.Finding {
		sw := d.Return.SWEpisodes
		seqs := othSequences(len(sw), func(i int) string { return sw[i].Child }, func(i int) Date { return sw[i].SWDecom })
		var flags []othFlag
		for child, is := range seqs {
			if othLeftCare(d, child) {
				continue
			}
			eps := make([]*SWEpisode, len(is))
			for k, i := range is {
				eps[k] = &sw[i]
			}
			if v, msg, ok := bad(d, eps); ok {
				flags = append(flags, othFlag{is[len(is)-1], v, msg})
			}
		}
		return othReport(&c, d, TableSWEpisodes, flags, func(i int) (int, string) { return sw[i].Row, sw[i].Child })
	}
	return c
}

func othSW11b() Check {
	return othSWLastRule("SW11bSTG2", []string{"SW_DEC"},
		"A child's last social worker episode does not end before 31 March without a later one.",
		func(d *CheckData, eps []*SWEpisode) (string, string, bool) {
			last := eps[len(eps)-1]
			if last.SWDec == 0 || last.SWDec >= d.End {
				return "", "", false
			}
			return last.SWDec.DMY(), fmt.Sprintf("The child's last social worker episode ends on %s, before %s, and no later episode follows.",
				last.SWDec.DMY(), d.End.DMY()), true
		})
}

// SW17: an episode is open at 31 March when it began by then and has no end date or ends on or after
// that day.
func othSW17() Check {
	return othSWLastRule("SW17STG2", []string{"SW_DEC", "SW_DECOM"},
		"A child has a social worker episode open on 31 March.",
		func(d *CheckData, eps []*SWEpisode) (string, string, bool) {
			for _, x := range eps {
				if x.SWDecom <= d.End && (x.SWDec == 0 || x.SWDec >= d.End) {
					return "", "", false
				}
			}
			return "", fmt.Sprintf("None of the child's %d social worker episodes is open on %s.", len(eps), d.End.DMY()), true
		})
}

func othSW13() Check {
	valid := hdrCodes(TableSWEpisodes, "SW_REASON")
	return othRule("SW13STG1", TableSWEpisodes, othSW, othSWRef, []string{"SW_REASON"},
		"The reason for a change of social worker is one of the DfE codes.",
		func(_ *CheckData, x *SWEpisode) (string, string, bool) {
			if x.SWReason == "" || valid[x.SWReason] {
				return "", "", false
			}
			return x.SWReason, fmt.Sprintf("Reason for the change of social worker is %s, which is not one of the DfE codes (MANAGE, FCONTA, LEFTRL, ORGRST, TSPROC, ABSENC, CHCHAN, PCCHAN, SWDIED, OTHERS).",
				x.SWReason), true
		})
}
