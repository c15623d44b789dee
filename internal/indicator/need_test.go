package indicator

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"csperf/internal/calendar"
	"csperf/internal/cin"
	"csperf/internal/synth"
)

// needIDs are the children in need and protection measures, in catalogue order.
var needIDs = []string{"cin-rate", "rereferral-12m", "assessment-45wd", "cpp-rate", "cpp-second-plan",
	"cpp-2-years", "cpp-reviewed-on-time", "icpc-15wd"}

// dt parses a dd/mm/yyyy date; "" is blank.
func dt(s string) Date {
	if s == "" {
		return 0
	}
	d, err := calendar.ParseDMY(s)
	if err != nil {
		panic(err)
	}
	return d
}

// census makes the census of collection year y.
func census(y int, children ...cin.Child) *cin.Census {
	return &cin.Census{Header: cin.Header{Collection: "CIN", Year: y, ReferenceDate: calendar.CollectionYearEnd(y)},
		Children: children}
}

// child makes a child with episodes of need.
func child(id string, eps ...cin.Details) cin.Child {
	return cin.Child{LAChildID: id, Details: eps}
}

// nfa marks an episode as a referral with no further action.
type nfa struct{}

// episode makes an episode of need from referral to closure ("" when open) holding parts:
// assessments, section 47 enquiries, plans, and nfa{}.
func episode(ref, closure string, parts ...any) cin.Details {
	d := cin.Details{ReferralDate: dt(ref), ClosureDate: dt(closure)}
	for _, p := range parts {
		switch p := p.(type) {
		case cin.Assessment:
			d.Assessments = append(d.Assessments, p)
		case cin.Section47:
			d.Section47s = append(d.Section47s, p)
		case cin.CPPlan:
			d.CPPlans = append(d.CPPlans, p)
		case nfa:
			d.ReferralNFA = true
		default:
			panic("episode: unknown part")
		}
	}
	return d
}

// assessment makes an assessment started on start and authorised on auth ("" when not yet).
func assessment(start, auth string) cin.Assessment {
	return cin.Assessment{Start: dt(start), Authorised: dt(auth)}
}

// s47 makes a section 47 enquiry with its initial conference ("" when none).
func s47(start, icpc string) cin.Section47 {
	return cin.Section47{Start: dt(start), ICPCDate: dt(icpc), ICPCNotRequired: icpc == ""}
}

// plan makes a child protection plan with NumberOfPreviousCPP previous and its reviews.
func plan(start, end string, previous int, reviews ...string) cin.CPPlan {
	p := cin.CPPlan{Start: dt(start), End: dt(end), PreviousPlans: previous, InitialCategory: "NEG", LatestCategory: "NEG"}
	for _, r := range reviews {
		p.Reviews = append(p.Reviews, dt(r))
	}
	return p
}

// valueOf computes indicator id at at through Compute; ok is false when there is no value.
func valueOf(t *testing.T, h *History, id, at string, members bool) (Value, bool) {
	t.Helper()
	vs, err := Compute(h, dt(at), members, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) == 0 {
		return Value{}, false
	}
	if len(vs) != 1 {
		t.Fatalf("%s at %s: %d values, want 1", id, at, len(vs))
	}
	return vs[0], true
}

// expect checks a value's numerator, denominator and value (to 2 decimals); a value with nothing
// to divide by must not be valid.
func expect(t *testing.T, h *History, id, at string, num, den int64, value float64) {
	t.Helper()
	v, ok := valueOf(t, h, id, at, false)
	if !ok {
		t.Errorf("%s at %s: no value, want %d/%d", id, at, num, den)
		return
	}
	if v.Numerator != num || v.Denominator != den || Round(v.Value, 2) != value || v.Valid != (den != 0) {
		t.Errorf("%s at %s = %d/%d = %v (valid %v), want %d/%d = %v", id, at, v.Numerator, v.Denominator, v.Value, v.Valid, num, den, value)
	}
	if v.Members != nil {
		t.Errorf("%s at %s: members listed when not asked for", id, at)
	}
}

// expectNone checks that there is no value.
func expectNone(t *testing.T, h *History, id, at string) {
	t.Helper()
	if v, ok := valueOf(t, h, id, at, false); ok {
		t.Errorf("%s at %s = %d/%d, want no value", id, at, v.Numerator, v.Denominator)
	}
}

// expectMembers checks the members at at: how many, how many in the numerator, and that each of
// facts ("child: facts", with a leading "+" when in the numerator) is among them.
func expectMembers(t *testing.T, h *History, id, at string, n, inNum int, facts ...string) {
	t.Helper()
	v, _ := valueOf(t, h, id, at, true)
	var got []string
	num := 0
	for _, m := range v.Members {
		s := m.Child + ": " + m.Facts
		if m.Numerator {
			s = "+" + s
			num++
		}
		got = append(got, s)
	}
	if len(got) != n || num != inNum {
		t.Errorf("%s at %s: %d members, %d in the numerator; want %d, %d:\n%s", id, at, len(got), num, n, inNum, strings.Join(got, "\n"))
	}
	for _, f := range facts {
		if !slices.Contains(got, f) {
			t.Errorf("%s at %s: no member %q in\n%s", id, at, f, strings.Join(got, "\n"))
		}
	}
	if int64(num) != v.Numerator && !strings.HasSuffix(id, "-rate") {
		t.Errorf("%s at %s: %d members in the numerator, numerator %d", id, at, num, v.Numerator)
	}
}

func TestChildrenInNeedRate(t *testing.T) {
	h := NewHistory(857, map[int]int{2024: 10000, 2025: 20000}, nil, []*cin.Census{
		census(2024,
			child("A", episode("01/02/2024", "")), // the 2025 census closes it
			child("B", episode("31/03/2024", "")),
			child("C", episode("10/03/2024", "10/03/2024", nfa{}), episode("20/03/2024", "", nfa{})),
			child("D", episode("01/01/2024", ""), episode("01/03/2024", "")), // counted once
			child("E", episode("01/12/2023", "31/03/2024")),
		),
		census(2025,
			child("A", episode("01/02/2024", "30/09/2024")),
			child("B", episode("31/03/2024", "")),
			child("D", episode("01/01/2024", ""), episode("01/03/2024", "")),
			child("F", episode("01/04/2024", "")),
		),
	}, nil)
	expect(t, h, "cin-rate", "31/03/2024", 3, 10000, 3)
	expect(t, h, "cin-rate", "29/09/2024", 4, 20000, 2)
	expect(t, h, "cin-rate", "30/09/2024", 3, 20000, 1.5) // A closed on the day
	expect(t, h, "cin-rate", "31/03/2025", 3, 20000, 1.5)
	expectNone(t, h, "cin-rate", "31/03/2023")
	expectNone(t, h, "cin-rate", "01/04/2025")
	expectMembers(t, h, "cin-rate", "31/03/2024", 3, 3,
		"+A: in need since 01/02/2024", "+B: in need since 31/03/2024", "+D: in need since 01/01/2024")
}

func TestRereferrals(t *testing.T) {
	var siblings []cin.Child // referred together, twice
	for _, id := range []string{"S1", "S2", "S3"} {
		siblings = append(siblings, child(id, episode("01/05/2024", "20/05/2024"), episode("01/11/2024", "")))
	}
	h := NewHistory(857, nil, nil, []*cin.Census{
		census(2024,
			child("R1", episode("03/06/2023", "01/08/2023")),
			child("R2", episode("03/06/2023", "01/07/2023")),
		),
		census(2025, append(siblings,
			child("R1", episode("03/06/2024", "01/09/2024")), // exactly 12 months on: a re-referral
			child("R2", episode("04/06/2024", "")),           // 12 months and a day: not
			child("N1", episode("05/07/2024", "05/07/2024", nfa{})),
		)...),
	}, nil)
	expect(t, h, "rereferral-12m", "31/03/2025", 4, 9, 44.44)
	expect(t, h, "rereferral-12m", "30/09/2024", 1, 6, 16.67)
	expect(t, h, "rereferral-12m", "31/03/2024", 0, 2, 0)
	expectNone(t, h, "rereferral-12m", "30/09/2023") // needs the 2023 census too
	expectNone(t, h, "rereferral-12m", "30/04/2025")
	expectMembers(t, h, "rereferral-12m", "31/03/2025", 9, 4,
		"+R1: referred 03/06/2024; previous referral 03/06/2023, 366 days before",
		"R2: referred 04/06/2024; previous referral 03/06/2023, 367 days before (more than 12 months)",
		"S2: referred 01/05/2024; no earlier referral on record",
		"+S1: referred 01/11/2024; previous referral 01/05/2024, 184 days before",
		"+S2: referred 01/11/2024; previous referral 01/05/2024, 184 days before",
		"+S3: referred 01/11/2024; previous referral 01/05/2024, 184 days before",
		"N1: referred 05/07/2024; no earlier referral on record")
}

func TestAssessmentsWithin45WorkingDays(t *testing.T) {
	h := NewHistory(857, nil, nil, []*cin.Census{
		census(2025,
			// 41 working days over the May bank holidays of 2024
			child("A5", episode("02/04/2024", "30/06/2024", assessment("03/04/2024", "31/05/2024"))),
			// over Christmas and New Year: 45 working days on 25/02/2025, 46 on 26/02/2025
			child("A1", episode("19/12/2024", "10/03/2025", assessment("20/12/2024", "25/02/2025"))),
			child("A2", episode("19/12/2024", "10/03/2025", assessment("20/12/2024", "26/02/2025"))),
			child("A3", episode("10/03/2025", "", assessment("11/03/2025", ""))),
			child("A4", episode("10/03/2025", "", assessment("11/03/2025", ""))),
		),
		census(2026,
			// over Easter and the early May bank holiday 2025: 45 working days on 15/05/2025
			child("A3", episode("10/03/2025", "01/06/2025", assessment("11/03/2025", "15/05/2025"))),
			child("A4", episode("10/03/2025", "01/06/2025", assessment("11/03/2025", "16/05/2025"))),
		),
	}, nil)
	expect(t, h, "assessment-45wd", "31/03/2025", 2, 3, 66.67)
	expect(t, h, "assessment-45wd", "31/05/2025", 2, 4, 50) // 31/05/2024 is outside the 12 months
	expect(t, h, "assessment-45wd", "31/03/2026", 1, 2, 50)
	expectNone(t, h, "assessment-45wd", "31/03/2024")
	expectNone(t, h, "assessment-45wd", "30/04/2026")
	expectMembers(t, h, "assessment-45wd", "31/03/2025", 3, 2,
		"+A5: assessment authorised 31/05/2024, 41 working days after the referral on 02/04/2024",
		"+A1: assessment authorised 25/02/2025, 45 working days after the referral on 19/12/2024",
		"A2: assessment authorised 26/02/2025, 46 working days after the referral on 19/12/2024")
	expectMembers(t, h, "assessment-45wd", "31/05/2025", 4, 2,
		"+A3: assessment authorised 15/05/2025, 45 working days after the referral on 10/03/2025",
		"A4: assessment authorised 16/05/2025, 46 working days after the referral on 10/03/2025")
}

func TestConferencesWithin15WorkingDays(t *testing.T) {
	i4 := child("I4", episode("01/03/2024", "", s47("04/03/2024", "22/03/2024")))
	h := NewHistory(857, nil, nil, []*cin.Census{
		census(2024, i4),
		census(2025, i4,
			// over Christmas and New Year: 15 working days on 14/01/2025
			child("I1", episode("18/12/2024", "", s47("19/12/2024", "14/01/2025"))),
			child("I2", episode("18/12/2024", "", s47("19/12/2024", "15/01/2025"))),
			child("I3", episode("18/12/2024", "31/01/2025", s47("19/12/2024", ""))), // no conference
		),
	}, nil)
	expect(t, h, "icpc-15wd", "31/03/2025", 1, 2, 50)
	expect(t, h, "icpc-15wd", "30/09/2024", 1, 1, 100)
	expect(t, h, "icpc-15wd", "31/03/2024", 1, 1, 100)
	expect(t, h, "icpc-15wd", "13/01/2025", 1, 1, 100) // I4 only
	expectNone(t, h, "icpc-15wd", "30/09/2023")
	expectNone(t, h, "icpc-15wd", "31/03/2026")
	expectMembers(t, h, "icpc-15wd", "31/03/2025", 2, 1,
		"+I1: initial conference 14/01/2025, 15 working days after the section 47 enquiry began on 19/12/2024",
		"I2: initial conference 15/01/2025, 16 working days after the section 47 enquiry began on 19/12/2024")
	expectMembers(t, h, "icpc-15wd", "31/03/2024", 1, 1,
		"+I4: initial conference 22/03/2024, 14 working days after the section 47 enquiry began on 04/03/2024")
}

// protectionHistory holds seven children's plans over four censuses; each census holds the plans
// as known at its 31 March.
func protectionHistory() *History {
	return NewHistory(857, map[int]int{2025: 10000}, nil, []*cin.Census{
		census(2022,
			child("P1", episode("01/05/2021", "15/12/2021", plan("01/06/2021", "01/12/2021", 1, "20/08/2021"))),
		),
		census(2023,
			child("P4", episode("01/03/2023", "", plan("31/03/2023", "", 1))),
		),
		census(2024,
			child("P4", episode("01/03/2023", "", plan("31/03/2023", "", 1, "29/06/2023", "29/12/2023"))),
			child("P5", episode("20/03/2023", "", plan("01/04/2023", "", 1, "01/07/2023", "01/01/2024"))),
			child("P7", episode("01/12/2023", "", plan("01/01/2024", "", 1, "28/03/2024"))),
		),
		census(2025,
			// a second plan three years after the first, which the census wrongly numbers 1
			child("P1", episode("01/05/2024", "", plan("01/06/2024", "", 1, "01/09/2024"))),
			// earlier plans before the loaded years
			child("P2", episode("15/04/2024", "", plan("01/05/2024", "", 3, "31/07/2024", "15/01/2025"))),
			child("P3", episode("10/06/2024", "", plan("01/07/2024", "", 1, "01/10/2024"))),
			// exactly 2 years at 31/03/2025; the third review a day late
			child("P4", episode("01/03/2023", "", plan("31/03/2023", "", 1, "29/06/2023", "29/12/2023", "30/06/2024"))),
			child("P5", episode("20/03/2023", "", plan("01/04/2023", "", 1, "01/07/2023", "01/01/2024", "01/07/2024", "01/01/2025"))),
			child("P6", episode("10/01/2025", "", plan("01/02/2025", "", 1))),
			child("P7", episode("01/12/2023", "", plan("01/01/2024", "31/03/2025", 1, "28/03/2024", "27/09/2024"))),
		),
	}, nil)
}

func TestChildProtectionRate(t *testing.T) {
	h := protectionHistory()
	expect(t, h, "cpp-rate", "31/03/2025", 6, 10000, 6) // P7's plan ended on the day
	expect(t, h, "cpp-rate", "30/09/2024", 6, 10000, 6)
	expect(t, h, "cpp-rate", "31/03/2022", 0, 10000, 0)
	expect(t, h, "cpp-rate", "01/07/2021", 1, 10000, 1)
	expectNone(t, h, "cpp-rate", "31/03/2021")
	expectNone(t, h, "cpp-rate", "01/04/2025")
	expectMembers(t, h, "cpp-rate", "31/03/2025", 6, 6, "+P4: on a child protection plan since 31/03/2023")
}

func TestSecondPlans(t *testing.T) {
	h := protectionHistory()
	expect(t, h, "cpp-second-plan", "31/03/2025", 2, 4, 50)
	expect(t, h, "cpp-second-plan", "30/09/2024", 2, 4, 50)
	expect(t, h, "cpp-second-plan", "31/03/2022", 0, 1, 0)
	expectNone(t, h, "cpp-second-plan", "30/09/2021")
	expectNone(t, h, "cpp-second-plan", "30/06/2025")
	expectMembers(t, h, "cpp-second-plan", "31/03/2025", 4, 2,
		"+P1: plan started 01/06/2024; earlier plan from 01/06/2021",
		"+P2: plan started 01/05/2024; the census records 3 plans for the child, this one included",
		"P3: plan started 01/07/2024; first plan",
		"P6: plan started 01/02/2025; first plan")
}

func TestPlansOfTwoYears(t *testing.T) {
	h := protectionHistory()
	expect(t, h, "cpp-2-years", "31/03/2025", 1, 6, 16.67)
	expect(t, h, "cpp-2-years", "30/03/2025", 0, 7, 0)
	expect(t, h, "cpp-2-years", "30/09/2024", 0, 6, 0)
	expect(t, h, "cpp-2-years", "31/03/2022", 0, 0, 0)
	expectNone(t, h, "cpp-2-years", "01/04/2025")
	expectMembers(t, h, "cpp-2-years", "31/03/2025", 6, 1,
		"+P4: plan since 31/03/2023: 2 years 0 months at 31/03/2025",
		"P5: plan since 01/04/2023: 1 year 11 months at 31/03/2025",
		"P6: plan since 01/02/2025: 1 month 30 days at 31/03/2025")
}

func TestPlansReviewedOnTime(t *testing.T) {
	h := protectionHistory()
	expect(t, h, "cpp-reviewed-on-time", "31/03/2025", 3, 5, 60)
	expect(t, h, "cpp-reviewed-on-time", "30/09/2024", 4, 5, 80)
	expect(t, h, "cpp-reviewed-on-time", "29/06/2024", 3, 3, 100)
	expect(t, h, "cpp-reviewed-on-time", "30/06/2024", 2, 3, 66.67) // P4's review a day late
	expect(t, h, "cpp-reviewed-on-time", "28/03/2025", 3, 6, 50)    // P7 overdue: due by 27/03/2025
	expectNone(t, h, "cpp-reviewed-on-time", "30/09/2025")
	expectMembers(t, h, "cpp-reviewed-on-time", "31/03/2025", 5, 3,
		"P4: plan since 31/03/2023; reviews 29/06/2023 (on time), 29/12/2023 (on time), 30/06/2024 (late: 6 months 1 day after the review before); a review was due by 30/12/2024 and none was held by 31/03/2025",
		"P1: plan since 01/06/2024; reviews 01/09/2024 (on time); a review was due by 01/03/2025 and none was held by 31/03/2025",
		"+P3: plan since 01/07/2024; reviews 01/10/2024 (on time)",
		"+P2: plan since 01/05/2024; reviews 31/07/2024 (on time), 15/01/2025 (on time)")
	expectMembers(t, h, "cpp-reviewed-on-time", "30/06/2024", 3, 2,
		"P4: plan since 31/03/2023; reviews 29/06/2023 (on time), 29/12/2023 (on time), 30/06/2024 (late: 6 months 1 day after the review before)")
}

func TestPlanReviewsLateFrom(t *testing.T) {
	for _, c := range []struct {
		start   string
		reviews []string
		late    string
	}{
		{"01/01/2024", nil, "02/04/2024"},
		{"30/11/2023", nil, "01/03/2024"}, // 3 months on is 29/02/2024
		{"01/01/2024", []string{"01/04/2024"}, "02/10/2024"},
		{"01/01/2024", []string{"02/04/2024", "01/05/2024"}, "02/04/2024"}, // late once, late for good
		{"01/01/2024", []string{"15/03/2024", "15/09/2024", "14/03/2025"}, "15/09/2025"},
	} {
		var rs []Date
		for _, r := range c.reviews {
			rs = append(rs, dt(r))
		}
		if got := reviewsLateFrom(dt(c.start), rs); got != dt(c.late) {
			t.Errorf("plan from %s reviewed %v: late from %s, want %s", c.start, c.reviews, got.DMY(), c.late)
		}
	}
}

func TestWorkdayIndex(t *testing.T) {
	w := newWorkdayIndex(2020, 2022)
	cal := calendar.NewWorkdays(2010, 2030)
	from := dt("01/06/2019") // before the index: the calendar's own count
	for i := 0; i < 2000; i += 7 {
		for _, n := range []int{0, 1, 5, 30, 64, 400} {
			a, b := from+Date(i), from+Date(i+n)
			if got, want := w.between(a, b), cal.Between(a, b); got != want {
				t.Fatalf("between %s and %s: %d, want %d", a.DMY(), b.DMY(), got, want)
			}
		}
	}
}

func TestSpanText(t *testing.T) {
	for _, c := range []struct{ from, to, want string }{
		{"31/03/2023", "31/03/2025", "2 years 0 months"},
		{"01/04/2023", "31/03/2025", "1 year 11 months"},
		{"29/12/2023", "30/06/2024", "6 months 1 day"},
		{"31/01/2024", "29/02/2024", "1 month 0 days"},
		{"01/02/2025", "01/02/2025", "0 months 0 days"},
	} {
		if got := spanText(dt(c.from), dt(c.to)); got != c.want {
			t.Errorf("spanText(%s, %s) = %q, want %q", c.from, c.to, got, c.want)
		}
	}
}

// TestNeedWithoutCensuses checks that a history with no census gives no values.
func TestNeedWithoutCensuses(t *testing.T) {
	h := NewHistory(857, map[int]int{2025: 1000}, nil, nil, nil)
	for _, id := range needIDs {
		expectNone(t, h, id, "31/03/2025")
	}
}

// synthCouncil generates one large council with ten years of censuses.
func synthCouncil(tb testing.TB) *synth.Council {
	tb.Helper()
	g, err := synth.New(synth.Options{Authorities: 1, Years: 10, LastYear: 2025, Seed: 1, Population: 100000})
	if err != nil {
		tb.Fatal(err)
	}
	return g.Council(0)
}

// TestNeedOnSyntheticCouncil checks that a generated council's figures at 31/03/2025 are in
// realistic ranges, and that members agree with the counts.
func TestNeedOnSyntheticCouncil(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a large council")
	}
	c := synthCouncil(t)
	h := NewHistory(c.Authority.Number, c.Authority.Population, nil, c.Censuses, c.Workforce)
	at := calendar.Of(2025, time.March, 31)
	ranges := map[string][2]float64{
		"cin-rate":              {150, 600},
		"rereferral-12m":        {12, 35},
		"assessment-45wd":       {65, 95},
		"cpp-rate":              {10, 100},
		"cpp-second-plan":       {12, 35},
		"cpp-2-years":           {0.5, 8},
		"cpp-reviewed-on-time":  {50, 100},
		"icpc-15wd":             {50, 100},
		"workforce-agency-rate": {3, 40},
		"workforce-caseload":    {8, 30},
	}
	ids := append(slices.Clone(needIDs), "workforce-agency-rate", "workforce-vacancy-rate", "workforce-turnover", "workforce-caseload")
	vs, err := Compute(h, at, true, ids...)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != len(ids) {
		t.Fatalf("%d values, want %d", len(vs), len(ids))
	}
	for _, v := range vs {
		t.Logf("%-22s %8d / %-8d = %.1f", v.Indicator, v.Numerator, v.Denominator, v.Value)
		if r, ok := ranges[v.Indicator]; ok && (v.Value < r[0] || v.Value > r[1] || math.IsNaN(v.Value)) {
			t.Errorf("%s = %.1f, want %v–%v", v.Indicator, v.Value, r[0], r[1])
		}
		num := 0
		for _, m := range v.Members {
			if m.Numerator {
				num++
			}
		}
		switch {
		case strings.HasPrefix(v.Indicator, "workforce-"):
			if v.Members != nil {
				t.Errorf("%s lists members", v.Indicator)
			}
		case int64(num) != v.Numerator:
			t.Errorf("%s: %d members in the numerator, numerator %d", v.Indicator, num, v.Numerator)
		case strings.HasSuffix(v.Indicator, "-rate"):
		case int64(len(v.Members)) != v.Denominator:
			t.Errorf("%s: %d members, denominator %d", v.Indicator, len(v.Members), v.Denominator)
		}
	}
}

// BenchmarkNeedSeries computes every in-need, protection and workforce measure at every month end
// over nine years of a large council, without members.
func BenchmarkNeedSeries(b *testing.B) {
	c := synthCouncil(b)
	h := NewHistory(c.Authority.Number, c.Authority.Population, nil, c.Censuses, c.Workforce)
	var fs []computeFunc
	for _, m := range []map[string]computeFunc{needFuncs(), workforceFuncs()} {
		for _, f := range m {
			fs = append(fs, f)
		}
	}
	first, last := calendar.Of(2016, time.March, 31), calendar.Of(2025, time.March, 31)
	for b.Loop() {
		n := 0
		for d := first; d <= last; d = calendar.MonthEnd(d + 1) {
			for _, f := range fs {
				n += len(f(h, d, false))
			}
		}
		if n == 0 {
			b.Fatal("no values")
		}
	}
}

// BenchmarkNeedPrepare merges ten years of a large council's censuses.
func BenchmarkNeedPrepare(b *testing.B) {
	c := synthCouncil(b)
	h := NewHistory(c.Authority.Number, c.Authority.Population, nil, c.Censuses, c.Workforce)
	for b.Loop() {
		h.need = needData{}
		h.prepareNeed()
	}
}
