package cin

import "testing"

// plan returns a child protection plan from start to end (0 when open) for neglect.
func plan(start, end Date) CPPlan {
	return CPPlan{Start: start, End: end, InitialCategory: "NEG", LatestCategory: "NEG"}
}

// protected returns a child at line 10 with one episode at line 11, referred 1 May 2024, holding the
// given child protection plans.
func protected(ps ...CPPlan) Child {
	return kid(10, epWith(11, day(2024, 5, 1), func(e *Details) { e.CPPlans = ps }))
}

func TestCensus8832(t *testing.T) {
	testRule(t, "8832", []ruleCase{
		{"plan after further action", []Child{protected(plan(day(2024, 6, 3), 0))}, nil},
		{"NFA with plan", []Child{kid(10, epWith(11, day(2024, 5, 1), func(e *Details) {
			nfa(e)
			e.CPPlans = []CPPlan{plan(day(2024, 6, 3), 0)}
		}))}, []int{11}},
	})
}

func TestCensus1105(t *testing.T) {
	testRule(t, "1105", []ruleCase{
		{"on the referral day", []Child{protected(plan(day(2024, 5, 1), 0))}, nil},
		{"before the referral", []Child{protected(plan(day(2024, 4, 30), 0))}, []int{11}},
	})
}

func TestCensus8720(t *testing.T) {
	testRule(t, "8720", []ruleCase{
		{"in the year", []Child{protected(plan(day(2025, 3, 31), 0))}, nil},
		{"missing", []Child{protected(plan(0, 0))}, []int{11}},
		{"after the year", []Child{protected(plan(day(2025, 4, 1), 0))}, []int{11}},
	})
}

func TestCensus8840(t *testing.T) {
	testRule(t, "8840", []ruleCase{
		{"a day long", []Child{protected(plan(day(2024, 6, 3), day(2024, 6, 4)))}, nil},
		{"open", []Child{protected(plan(day(2024, 6, 3), 0))}, nil},
		{"same day", []Child{protected(plan(day(2024, 6, 3), day(2024, 6, 3)))}, []int{11}},
	})
}

func TestCensus8905(t *testing.T) {
	category := func(c string) CPPlan { p := plan(day(2024, 6, 3), 0); p.InitialCategory = c; return p }
	testRule(t, "8905", []ruleCase{
		{"listed", []Child{protected(category("MUL"))}, nil},
		{"missing", []Child{protected(category(""))}, []int{11}},
		{"unlisted", []Child{protected(category("CSE"))}, []int{11}},
	})
}

func TestCensus8910(t *testing.T) {
	category := func(c string) CPPlan { p := plan(day(2024, 6, 3), 0); p.LatestCategory = c; return p }
	testRule(t, "8910", []ruleCase{
		{"listed", []Child{protected(category("SAB"))}, nil},
		{"missing", []Child{protected(category(""))}, []int{11}},
		{"unlisted", []Child{protected(category("neg"))}, []int{11}},
	})
}

func TestCensus8915(t *testing.T) {
	died := func(c *Child) { c.DeathDate = day(2024, 8, 1) }
	testRule(t, "8915", []ruleCase{
		{"starts on the day of death", []Child{with(protected(plan(day(2024, 8, 1), 0)), died)}, nil},
		{"starts after death", []Child{with(protected(plan(day(2024, 8, 2), 0)), died)}, []int{11}},
	})
}

func TestCensus8920(t *testing.T) {
	died := func(c *Child) { c.DeathDate = day(2024, 8, 1) }
	testRule(t, "8920", []ruleCase{
		{"ends on the day of death", []Child{with(protected(plan(day(2024, 6, 3), day(2024, 8, 1))), died)}, nil},
		{"ends after death", []Child{with(protected(plan(day(2024, 6, 3), day(2024, 8, 2))), died)}, []int{11}},
		{"alive", []Child{protected(plan(day(2024, 6, 3), day(2024, 8, 2)))}, nil},
	})
}

func TestCensus8925(t *testing.T) {
	testRule(t, "8925", []ruleCase{
		{"end after start", []Child{protected(plan(day(2024, 6, 3), day(2024, 6, 4)))}, nil},
		{"end before start", []Child{protected(plan(day(2024, 6, 3), day(2024, 6, 2)))}, []int{11}},
	})
}

func TestCensus8930(t *testing.T) {
	testRule(t, "8930", []ruleCase{
		{"ends in the year", []Child{protected(plan(day(2024, 3, 1), day(2024, 4, 1)), plan(day(2024, 6, 3), day(2025, 3, 31)))}, nil},
		{"ends before", []Child{protected(plan(day(2024, 3, 1), day(2024, 3, 31)))}, []int{11}},
		{"ends after", []Child{protected(plan(day(2024, 6, 3), day(2025, 4, 1)))}, []int{11}},
	})
}

func TestCensus8935(t *testing.T) {
	testRule(t, "8935", []ruleCase{
		{"one open", []Child{protected(plan(day(2024, 5, 2), day(2024, 6, 3)), plan(day(2024, 7, 1), 0))}, nil},
		{"two open", []Child{protected(plan(day(2024, 5, 2), 0), plan(day(2024, 7, 1), 0))}, []int{11, 11}},
	})
}

func TestCensus8940(t *testing.T) {
	testRule(t, "8940", []ruleCase{
		{"one after the other", []Child{protected(plan(day(2024, 5, 2), day(2024, 6, 3)), plan(day(2024, 7, 1), 0))}, nil},
		{"starting inside another", []Child{protected(plan(day(2024, 5, 2), day(2024, 8, 1)), plan(day(2024, 7, 1), 0))}, []int{11}},
		{"in different episodes", []Child{kid(10,
			epWith(11, day(2024, 5, 1), func(e *Details) { e.CPPlans = []CPPlan{plan(day(2024, 5, 2), 0)} }),
			epWith(12, day(2024, 6, 1), func(e *Details) { e.CPPlans = []CPPlan{plan(day(2024, 6, 3), 0)} }))}, []int{12}},
	})
}

func TestCensus8841(t *testing.T) {
	reviewed := func(rs ...Date) CPPlan { p := plan(day(2024, 6, 3), 0); p.Reviews = rs; return p }
	testRule(t, "8841", []ruleCase{
		{"after the start", []Child{protected(reviewed(day(2024, 6, 4), day(2024, 9, 2)))}, nil},
		{"on the start day", []Child{protected(reviewed(day(2024, 6, 3)))}, []int{11}},
		{"before the start", []Child{protected(reviewed(day(2024, 9, 2), day(2024, 6, 1)))}, []int{11}},
	})
}

func TestCensus8842Q(t *testing.T) {
	reviewed := func(rs ...Date) CPPlan { p := plan(day(2024, 6, 3), 0); p.Reviews = rs; return p }
	testRule(t, "8842Q", []ruleCase{
		{"dated", []Child{protected(reviewed(day(2024, 9, 2)))}, nil},
		{"no reviews", []Child{protected(reviewed())}, nil},
		{"blank review", []Child{protected(reviewed(day(2024, 9, 2), 0))}, []int{11}},
	})
}

func TestCensus2883(t *testing.T) {
	testRule(t, "2883", []ruleCase{
		{"a conference for the plan", []Child{kid(10, epWith(11, day(2024, 5, 1), func(e *Details) {
			e.Section47s = []Section47{{Start: day(2024, 5, 2), ICPCDate: day(2024, 5, 20)}}
			e.CPPlans = []CPPlan{plan(day(2024, 5, 20), 0)}
		}))}, nil},
		{"conference on the episode", []Child{kid(10, epWith(11, day(2024, 5, 1), func(e *Details) {
			e.DateOfInitialCPC = day(2024, 5, 20)
			e.CPPlans = []CPPlan{plan(day(2024, 5, 20), 0)}
		}))}, nil},
		{"two plans, one conference", []Child{kid(10, epWith(11, day(2024, 5, 1), func(e *Details) {
			e.DateOfInitialCPC = day(2024, 5, 20)
			e.CPPlans = []CPPlan{plan(day(2024, 5, 20), day(2024, 8, 1)), plan(day(2024, 9, 2), 0)}
		}))}, []int{11}},
		{"plan without conference", []Child{protected(plan(day(2024, 5, 20), 0))}, []int{11}},
		{"plan carried over from an earlier year", []Child{kid(10, epWith(11, day(2023, 5, 1), func(e *Details) {
			e.CPPlans = []CPPlan{plan(day(2023, 6, 1), 0)}
		}))}, nil},
	})
}

func TestCensus2885(t *testing.T) {
	testRule(t, "2885", []ruleCase{
		{"starts at the conference", []Child{kid(10, epWith(11, day(2024, 5, 1), func(e *Details) {
			e.Section47s = []Section47{{Start: day(2024, 5, 2), ICPCDate: day(2024, 5, 20)}}
			e.CPPlans = []CPPlan{plan(day(2024, 5, 20), 0)}
		}))}, nil},
		{"no conference recorded is left to 2883", []Child{protected(plan(day(2024, 5, 20), 0))}, nil},
		{"plan carried over from an earlier year", []Child{kid(10, epWith(11, day(2023, 5, 1), func(e *Details) {
			e.DateOfInitialCPC = day(2024, 5, 20)
			e.CPPlans = []CPPlan{plan(day(2023, 6, 1), day(2024, 4, 30)), plan(day(2024, 5, 20), 0)}
		}))}, nil},
		{"starts another day", []Child{kid(10, epWith(11, day(2024, 5, 1), func(e *Details) {
			e.DateOfInitialCPC = day(2024, 5, 20)
			e.CPPlans = []CPPlan{plan(day(2024, 5, 21), 0)}
		}))}, []int{11}},
	})
}
