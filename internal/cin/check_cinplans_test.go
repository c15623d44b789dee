package cin

import "testing"

// planned returns a child at line 10 with one episode at line 11, referred 1 May 2024, holding the
// given CIN plans.
func planned(ps ...CINPlan) Child {
	return kid(10, epWith(11, day(2024, 5, 1), func(e *Details) { e.CINPlans = ps }))
}

// both returns a child at line 10 with one episode at line 11, referred 1 May 2024, holding the
// given CIN plans and child protection plans.
func both(ps []CINPlan, cs ...CPPlan) Child {
	return kid(10, epWith(11, day(2024, 5, 1), func(e *Details) { e.CINPlans, e.CPPlans = ps, cs }))
}

func TestCensus4000(t *testing.T) {
	testRule(t, "4000", []ruleCase{
		{"plan after further action", []Child{planned(CINPlan{Start: day(2024, 6, 1)})}, nil},
		{"NFA without plan", []Child{kid(10, epWith(11, day(2024, 5, 1), nfa))}, nil},
		{"NFA with plan", []Child{kid(10, epWith(11, day(2024, 5, 1), func(e *Details) {
			nfa(e)
			e.CINPlans = []CINPlan{{Start: day(2024, 6, 1)}}
		}))}, []int{11}},
	})
}

func TestCensus4010(t *testing.T) {
	testRule(t, "4010", []ruleCase{
		{"in the year, or before it", []Child{planned(CINPlan{Start: day(2025, 3, 31)}), kid(20, epWith(21, day(2022, 1, 1), func(e *Details) {
			e.CINPlans = []CINPlan{{Start: day(2022, 2, 1)}}
		}))}, nil},
		{"missing", []Child{planned(CINPlan{})}, []int{11}},
		{"after the year", []Child{planned(CINPlan{Start: day(2025, 4, 1)})}, []int{11}},
	})
}

func TestCensus4011(t *testing.T) {
	testRule(t, "4011", []ruleCase{
		{"end after start", []Child{planned(CINPlan{Start: day(2024, 6, 1), End: day(2024, 6, 2)})}, nil},
		{"end before start", []Child{planned(CINPlan{Start: day(2024, 6, 1), End: day(2024, 5, 31)})}, []int{11}},
	})
}

func TestCensus4012Q(t *testing.T) {
	testRule(t, "4012Q", []ruleCase{
		{"a day long", []Child{planned(CINPlan{Start: day(2024, 6, 1), End: day(2024, 6, 2)}, CINPlan{Start: day(2024, 7, 1)})}, nil},
		{"same day", []Child{planned(CINPlan{Start: day(2024, 6, 1), End: day(2024, 6, 1)})}, []int{11}},
	})
}

func TestCensus4013(t *testing.T) {
	testRule(t, "4013", []ruleCase{
		{"ends in the year", []Child{planned(CINPlan{Start: day(2024, 3, 1), End: day(2024, 4, 1)}, CINPlan{Start: day(2024, 6, 1), End: day(2025, 3, 31)})}, nil},
		{"ends before", []Child{planned(CINPlan{Start: day(2024, 3, 1), End: day(2024, 3, 31)})}, []int{11}},
		{"ends after", []Child{planned(CINPlan{Start: day(2024, 6, 1), End: day(2025, 4, 1)})}, []int{11}},
	})
}

func TestCensus4015(t *testing.T) {
	testRule(t, "4015", []ruleCase{
		{"on the referral day", []Child{planned(CINPlan{Start: day(2024, 5, 1)})}, nil},
		{"before the referral", []Child{planned(CINPlan{Start: day(2024, 4, 30)})}, []int{11}},
	})
}

func TestCensus4008(t *testing.T) {
	died := func(c *Child) { c.DeathDate = day(2024, 8, 1) }
	testRule(t, "4008", []ruleCase{
		{"starts on the day of death", []Child{with(planned(CINPlan{Start: day(2024, 8, 1)}), died)}, nil},
		{"starts after death", []Child{with(planned(CINPlan{Start: day(2024, 8, 2)}), died)}, []int{11}},
		{"alive", []Child{planned(CINPlan{Start: day(2024, 8, 2)})}, nil},
	})
}

func TestCensus4009Q(t *testing.T) {
	died := func(c *Child) { c.DeathDate = day(2024, 8, 1) }
	testRule(t, "4009Q", []ruleCase{
		{"ends on the day of death", []Child{with(planned(CINPlan{Start: day(2024, 6, 1), End: day(2024, 8, 1)}), died)}, nil},
		{"ends after death", []Child{with(planned(CINPlan{Start: day(2024, 6, 1), End: day(2024, 8, 2)}), died)}, []int{11}},
	})
}

func TestCensus4004(t *testing.T) {
	testRule(t, "4004", []ruleCase{
		{"one open", []Child{planned(CINPlan{Start: day(2024, 6, 1), End: day(2024, 7, 1)}, CINPlan{Start: day(2024, 7, 2)})}, nil},
		{"two open", []Child{planned(CINPlan{Start: day(2024, 6, 1)}, CINPlan{Start: day(2024, 7, 2)})}, []int{11, 11}},
		{"open in two episodes", []Child{kid(10,
			epWith(11, day(2024, 5, 1), func(e *Details) { e.CINPlans = []CINPlan{{Start: day(2024, 6, 1)}} }),
			epWith(12, day(2024, 7, 1), func(e *Details) { e.CINPlans = []CINPlan{{Start: day(2024, 7, 2)}} }))}, []int{11, 12}},
	})
}

func TestCensus4014(t *testing.T) {
	testRule(t, "4014", []ruleCase{
		{"one after the other", []Child{planned(CINPlan{Start: day(2024, 6, 1), End: day(2024, 7, 1)}, CINPlan{Start: day(2024, 7, 2)})}, nil},
		{"starting inside another", []Child{planned(CINPlan{Start: day(2024, 6, 1), End: day(2024, 8, 1)}, CINPlan{Start: day(2024, 7, 2), End: day(2024, 9, 1)})}, []int{11}},
		{"starting the day the other ends", []Child{planned(CINPlan{Start: day(2024, 6, 1), End: day(2024, 7, 1)}, CINPlan{Start: day(2024, 7, 1)})}, []int{11}},
	})
}

func TestCensus4001(t *testing.T) {
	cpp := CPPlan{Start: day(2024, 6, 1), End: day(2024, 9, 1), InitialCategory: "NEG", LatestCategory: "NEG"}
	openCPP := CPPlan{Start: day(2024, 6, 1), InitialCategory: "NEG", LatestCategory: "NEG"}
	testRule(t, "4001", []ruleCase{
		{"CIN plan when the CPP ends", []Child{both([]CINPlan{{Start: day(2024, 9, 1)}}, cpp)}, nil},
		{"CIN plan before the CPP", []Child{both([]CINPlan{{Start: day(2024, 5, 2), End: day(2024, 6, 1)}}, cpp)}, nil},
		{"CIN plan during the CPP", []Child{both([]CINPlan{{Start: day(2024, 7, 1)}}, cpp)}, []int{11}},
		{"CIN plan the day the CPP starts", []Child{both([]CINPlan{{Start: day(2024, 6, 1)}}, openCPP)}, []int{11}},
	})
}

func TestCensus4016(t *testing.T) {
	cpp := CPPlan{Start: day(2024, 6, 1), InitialCategory: "NEG", LatestCategory: "NEG"}
	testRule(t, "4016", []ruleCase{
		{"CIN plan ends as the CPP starts", []Child{both([]CINPlan{{Start: day(2024, 5, 2), End: day(2024, 6, 1)}}, cpp)}, nil},
		{"CIN plan still open", []Child{both([]CINPlan{{Start: day(2024, 5, 2)}}, cpp)}, []int{11}},
		{"CIN plan ends after", []Child{both([]CINPlan{{Start: day(2024, 5, 2), End: day(2024, 6, 2)}}, cpp)}, []int{11}},
	})
}

func TestCensus4017(t *testing.T) {
	cppIn := func(line int, ref, start, end Date) Details {
		return epWith(line, ref, func(e *Details) {
			e.CPPlans = []CPPlan{{Start: start, End: end, InitialCategory: "NEG", LatestCategory: "NEG"}}
		})
	}
	planIn := func(line int, ref, start, end Date) Details {
		return epWith(line, ref, func(e *Details) { e.CINPlans = []CINPlan{{Start: start, End: end}} })
	}
	testRule(t, "4017", []ruleCase{
		{"apart", []Child{kid(10, planIn(11, day(2024, 4, 2), day(2024, 4, 3), day(2024, 5, 1)),
			cppIn(12, day(2024, 5, 1), day(2024, 5, 1), 0))}, nil},
		{"open together", []Child{kid(10, planIn(11, day(2024, 4, 2), day(2024, 4, 3), 0),
			cppIn(12, day(2024, 5, 1), day(2024, 5, 1), 0))}, []int{11}},
		{"same episode is left to 4001 and 4016", []Child{both([]CINPlan{{Start: day(2024, 5, 2)}},
			CPPlan{Start: day(2024, 6, 1), InitialCategory: "NEG", LatestCategory: "NEG"})}, nil},
	})
}

func TestCensus4003(t *testing.T) {
	cpp := func(reviews ...Date) CPPlan {
		return CPPlan{Start: day(2024, 6, 1), End: day(2024, 9, 1), InitialCategory: "NEG", LatestCategory: "NEG", Reviews: reviews}
	}
	testRule(t, "4003", []ruleCase{
		{"review ends the CPP and a CIN plan starts", []Child{both([]CINPlan{{Start: day(2024, 9, 1)}}, cpp(day(2024, 9, 1)))}, nil},
		{"review on the day a CIN plan ended", []Child{both([]CINPlan{{Start: day(2024, 5, 2), End: day(2024, 8, 1)}}, cpp(day(2024, 8, 1)))}, nil},
		{"review during a CIN plan", []Child{both([]CINPlan{{Start: day(2024, 5, 2), End: day(2024, 8, 1)}}, cpp(day(2024, 7, 1), day(2024, 8, 20)))}, []int{11}},
	})
}
