package cin

import "testing"

// epWith returns an episode at line referred on ref and changed by f.
func epWith(line int, ref Date, f func(*Details)) Details { return with(ep(line, ref), f) }

func closedOn(c Date, reason string) func(*Details) {
	return func(e *Details) { e.ClosureDate, e.ReasonForClosure = c, reason }
}

func nfa(e *Details) { e.ReferralNFA, e.PrimaryNeed = true, "" }

func TestCensus8600(t *testing.T) {
	testRule(t, "8600", []ruleCase{
		{"within the year", []Child{kid(10, ep(11, day(2025, 3, 31)))}, nil},
		{"years before", []Child{kid(10, ep(11, day(2019, 3, 31)))}, nil},
		{"after the year", []Child{kid(10, ep(11, day(2024, 5, 1)), ep(12, day(2025, 4, 1)))}, []int{12}},
		{"missing", []Child{kid(10, ep(11, 0))}, []int{11}},
	})
}

func TestCensus8606(t *testing.T) {
	unbornOn := func(e Date) func(*Child) { return func(c *Child) { c.BirthDate, c.ExpectedBirthDate = 0, e } }
	testRule(t, "8606", []ruleCase{
		{"after birth", []Child{kid(10, ep(11, day(2024, 5, 1)))}, nil},
		{"40 weeks before birth", []Child{kid(10, ep(11, day(2014, 8, 25)))}, nil},
		{"a day earlier", []Child{kid(10, ep(11, day(2014, 8, 24)))}, []int{11}},
		{"expected date used for an unborn child", []Child{with(kid(10, ep(11, day(2024, 7, 25)), ep(12, day(2024, 7, 24))),
			unbornOn(day(2025, 5, 1)))}, []int{12}},
		{"no dates of birth", []Child{with(kid(10, ep(11, day(2020, 1, 1))), unbornOn(0))}, nil},
	})
}

func TestCensus8610(t *testing.T) {
	noNeed := func(e *Details) { e.PrimaryNeed = "" }
	testRule(t, "8610", []ruleCase{
		{"need given", []Child{kid(10, ep(11, day(2024, 5, 1)))}, nil},
		{"NFA without need", []Child{kid(10, epWith(11, day(2024, 5, 1), nfa))}, nil},
		{"further action without need", []Child{kid(10, epWith(11, day(2024, 5, 1), noNeed))}, []int{11}},
	})
}

func TestCensus8650(t *testing.T) {
	need := func(n string) func(*Details) { return func(e *Details) { e.PrimaryNeed = n } }
	testRule(t, "8650", []ruleCase{
		{"listed", []Child{kid(10, epWith(11, day(2024, 5, 1), need("N9")))}, nil},
		{"blank is left to 8610", []Child{kid(10, epWith(11, day(2024, 5, 1), need("")))}, nil},
		{"unlisted", []Child{kid(10, epWith(11, day(2024, 5, 1), need("N10")), epWith(12, day(2024, 5, 1), need("n1")))}, []int{11, 12}},
	})
}

func TestCensus8866(t *testing.T) {
	source := func(s string) func(*Details) { return func(e *Details) { e.ReferralSource = s } }
	testRule(t, "8866", []ruleCase{
		{"listed", []Child{kid(10, epWith(11, day(2024, 5, 1), source("10")), epWith(12, day(2024, 5, 1), source("5D")))}, nil},
		{"missing", []Child{kid(10, epWith(11, day(2024, 5, 1), source("")))}, []int{11}},
		{"unlisted", []Child{kid(10, epWith(11, day(2024, 5, 1), source("5E")))}, []int{11}},
	})
}

func TestCensus8620(t *testing.T) {
	testRule(t, "8620", []ruleCase{
		{"closed within the year", []Child{kid(10, epWith(11, day(2023, 5, 1), closedOn(day(2024, 4, 1), "RC7")),
			epWith(12, day(2024, 5, 1), closedOn(day(2025, 3, 31), "RC7")))}, nil},
		{"open", []Child{kid(10, ep(11, day(2024, 5, 1)))}, nil},
		{"closed before", []Child{kid(10, epWith(11, day(2023, 5, 1), closedOn(day(2024, 3, 31), "RC7")))}, []int{11}},
		{"closed after", []Child{kid(10, epWith(11, day(2024, 5, 1), closedOn(day(2025, 4, 1), "RC7")))}, []int{11}},
	})
}

func TestCensus8630(t *testing.T) {
	testRule(t, "8630", []ruleCase{
		{"same day", []Child{kid(10, epWith(11, day(2024, 5, 1), closedOn(day(2024, 5, 1), "RC8")))}, nil},
		{"before referral", []Child{kid(10, epWith(11, day(2024, 5, 1), closedOn(day(2024, 4, 30), "RC8")))}, []int{11}},
	})
}

func TestCensus8640(t *testing.T) {
	testRule(t, "8640", []ruleCase{
		{"listed", []Child{kid(10, epWith(11, day(2024, 5, 1), closedOn(day(2024, 6, 1), "RC9")))}, nil},
		{"none", []Child{kid(10, ep(11, day(2024, 5, 1)))}, nil},
		{"unlisted", []Child{kid(10, epWith(11, day(2024, 5, 1), closedOn(day(2024, 6, 1), "RC10")))}, []int{11}},
	})
}

func TestCensus8805(t *testing.T) {
	testRule(t, "8805", []ruleCase{
		{"both", []Child{kid(10, epWith(11, day(2024, 5, 1), closedOn(day(2024, 6, 1), "RC7")))}, nil},
		{"open", []Child{kid(10, ep(11, day(2024, 5, 1)))}, nil},
		{"date without reason", []Child{kid(10, epWith(11, day(2024, 5, 1), closedOn(day(2024, 6, 1), "")))}, []int{11}},
	})
}

func TestCensus8810(t *testing.T) {
	testRule(t, "8810", []ruleCase{
		{"both", []Child{kid(10, epWith(11, day(2024, 5, 1), closedOn(day(2024, 6, 1), "RC7")))}, nil},
		{"reason without date", []Child{kid(10, epWith(11, day(2024, 5, 1), closedOn(0, "RC7")))}, []int{11}},
	})
}

func TestCensus8585Q(t *testing.T) {
	died := func(c *Child) { c.DeathDate = day(2024, 6, 1) }
	testRule(t, "8585Q", []ruleCase{
		{"died with a date", []Child{with(kid(10, epWith(11, day(2024, 5, 1), closedOn(day(2024, 6, 1), "RC2"))), died)}, nil},
		{"other reason", []Child{kid(10, epWith(11, day(2024, 5, 1), closedOn(day(2024, 6, 1), "RC7")))}, nil},
		{"died without a date", []Child{kid(10, epWith(11, day(2024, 5, 1), closedOn(day(2024, 6, 1), "RC2")))}, []int{11}},
	})
}

// The collection year starts on Easter Monday 2024; the working day before it is Thursday 28 March.
func TestCensus8569Q(t *testing.T) {
	testRule(t, "8569Q", []ruleCase{
		{"NFA on the last working day before the year", []Child{kid(10, epWith(11, day(2024, 3, 28), nfa))}, nil},
		{"NFA within the year", []Child{kid(10, epWith(11, day(2024, 4, 2), nfa))}, nil},
		{"NFA the day before", []Child{kid(10, epWith(11, day(2024, 3, 27), nfa))}, []int{11}},
		{"further action long before", []Child{kid(10, ep(11, day(2023, 3, 27)))}, nil},
	})
}

func TestCensus8555Q(t *testing.T) {
	died := func(c *Child) { c.DeathDate = day(2024, 6, 1) }
	testRule(t, "8555Q", []ruleCase{
		{"referred on the day of death", []Child{with(kid(10, ep(11, day(2024, 6, 1))), died)}, nil},
		{"referred after death", []Child{with(kid(10, ep(11, day(2024, 5, 1)), ep(12, day(2024, 6, 2))), died)}, []int{12}},
		{"alive", []Child{kid(10, ep(11, day(2024, 6, 2)))}, nil},
	})
}

func TestCensus8565(t *testing.T) {
	closed := closedOn(day(2024, 9, 30), "RC7")
	testRule(t, "8565", []ruleCase{
		{"all activity by closure", []Child{kid(10, epWith(11, day(2024, 5, 1), func(e *Details) {
			closed(e)
			e.Assessments = []Assessment{{Start: day(2024, 5, 2), Authorised: day(2024, 9, 30)}}
			e.CINPlans = []CINPlan{{Start: day(2024, 6, 1), End: day(2024, 9, 30)}}
		}))}, nil},
		{"open episode", []Child{kid(10, epWith(11, day(2024, 5, 1), func(e *Details) {
			e.CINPlans = []CINPlan{{Start: day(2025, 1, 1)}}
		}))}, nil},
		{"plan, review and conference after closure", []Child{kid(10, epWith(11, day(2024, 5, 1), func(e *Details) {
			closed(e)
			e.CINPlans = []CINPlan{{Start: day(2024, 6, 1), End: day(2024, 10, 1)}}
			e.Section47s = []Section47{{Start: day(2024, 9, 1), ICPCDate: day(2024, 10, 2)}}
			e.CPPlans = []CPPlan{{Start: day(2024, 9, 20), End: day(2024, 9, 30), Reviews: []Date{day(2024, 10, 3)}}}
		}))}, []int{11, 11, 11}},
	})
}

func TestCensus8815(t *testing.T) {
	testRule(t, "8815", []ruleCase{
		{"one open", []Child{kid(10, epWith(11, day(2024, 5, 1), closedOn(day(2024, 6, 1), "RC7")), ep(12, day(2024, 7, 1)))}, nil},
		{"open NFA beside an open episode", []Child{kid(10, ep(11, day(2024, 5, 1)), epWith(12, day(2024, 7, 1), nfa))}, nil},
		{"two open", []Child{kid(10, ep(11, day(2024, 5, 1)), ep(12, day(2024, 7, 1))), kid(20, ep(21, day(2024, 5, 1)))}, []int{11, 12}},
	})
}

func TestCensus8816(t *testing.T) {
	testRule(t, "8816", []ruleCase{
		{"open episode is the latest", []Child{kid(10, epWith(11, day(2024, 5, 1), closedOn(day(2024, 6, 1), "RC7")), ep(12, day(2024, 7, 1)))}, nil},
		{"open episode before a closed one", []Child{kid(10, ep(11, day(2024, 5, 1)), epWith(12, day(2024, 7, 1), closedOn(day(2024, 8, 1), "RC7")))}, []int{11}},
		{"open NFA before a later one", []Child{kid(10, epWith(11, day(2024, 5, 1), nfa), ep(12, day(2024, 7, 1)))}, nil},
	})
}

func TestCensus8820(t *testing.T) {
	testRule(t, "8820", []ruleCase{
		{"one after the other", []Child{kid(10, epWith(11, day(2024, 5, 1), closedOn(day(2024, 6, 1), "RC7")), ep(12, day(2024, 6, 2)))}, nil},
		{"referred on the closure day", []Child{kid(10, epWith(11, day(2024, 5, 1), closedOn(day(2024, 6, 1), "RC7")), ep(12, day(2024, 6, 1)))}, []int{12}},
		{"referred during an open episode", []Child{kid(10, ep(11, day(2024, 5, 1)), epWith(12, day(2024, 7, 1), closedOn(day(2024, 8, 1), "RC7")))}, []int{12}},
		{"same referral date", []Child{kid(10, ep(11, day(2024, 5, 1)), epWith(12, day(2024, 5, 1), nfa))}, []int{11, 12}},
		{"other children", []Child{kid(10, ep(11, day(2024, 5, 1))), kid(20, ep(21, day(2024, 5, 1)))}, nil},
	})
}

func TestCensus2990(t *testing.T) {
	assessed := func(e *Details) {
		e.Assessments = []Assessment{{Start: day(2024, 5, 2), Authorised: day(2024, 5, 30), Factors: []string{"21"}}}
	}
	testRule(t, "2990", []ruleCase{
		{"RC8 after an assessment only", []Child{kid(10, epWith(11, day(2024, 5, 1), func(e *Details) {
			assessed(e)
			closedOn(day(2024, 5, 30), "RC8")(e)
		}))}, nil},
		{"RC9 with a CIN plan and an enquiry", []Child{kid(10, epWith(11, day(2024, 5, 1), func(e *Details) {
			assessed(e)
			closedOn(day(2024, 6, 30), "RC9")(e)
			e.CINPlans = []CINPlan{{Start: day(2024, 6, 1), End: day(2024, 6, 30)}}
			e.Section47s = []Section47{{Start: day(2024, 5, 3), ICPCNotRequired: true}}
		}))}, []int{11, 11}},
		{"RC7 with a plan", []Child{kid(10, epWith(11, day(2024, 5, 1), func(e *Details) {
			closedOn(day(2024, 6, 30), "RC7")(e)
			e.CINPlans = []CINPlan{{Start: day(2024, 6, 1), End: day(2024, 6, 30)}}
		}))}, nil},
	})
}

func TestCensus8825Q(t *testing.T) {
	testRule(t, "8825Q", []ruleCase{
		{"RC8 with an assessment", []Child{kid(10, epWith(11, day(2024, 5, 1), func(e *Details) {
			e.Assessments = []Assessment{{Start: day(2024, 5, 2), Authorised: day(2024, 5, 30)}}
			closedOn(day(2024, 5, 30), "RC8")(e)
		}))}, nil},
		{"RC9 without", []Child{kid(10, epWith(11, day(2024, 5, 1), closedOn(day(2024, 5, 30), "RC9")))}, []int{11}},
		{"RC7 without", []Child{kid(10, epWith(11, day(2024, 5, 1), closedOn(day(2024, 5, 30), "RC7")))}, nil},
	})
}

func TestCensus8831(t *testing.T) {
	testRule(t, "8831", []ruleCase{
		{"NFA alone", []Child{kid(10, epWith(11, day(2024, 5, 1), nfa))}, nil},
		{"NFA with an assessment and a conference", []Child{kid(10, epWith(11, day(2024, 5, 1), func(e *Details) {
			nfa(e)
			e.Assessments = []Assessment{{Start: day(2024, 5, 2)}}
			e.DateOfInitialCPC = day(2024, 5, 20)
		}))}, []int{11, 11}},
		{"NFA with a CIN plan is left to 4000", []Child{kid(10, epWith(11, day(2024, 5, 1), func(e *Details) {
			nfa(e)
			e.CINPlans = []CINPlan{{Start: day(2024, 5, 2)}}
		}))}, nil},
		{"further action with an assessment", []Child{kid(10, epWith(11, day(2024, 5, 1), func(e *Details) {
			e.Assessments = []Assessment{{Start: day(2024, 5, 2)}}
		}))}, nil},
	})
}

func TestCensus8867(t *testing.T) {
	testRule(t, "8867", []ruleCase{
		{"closed with completed assessments", []Child{kid(10, epWith(11, day(2024, 5, 1), func(e *Details) {
			e.Assessments = []Assessment{{Start: day(2024, 5, 2), Authorised: day(2024, 5, 30)}}
			closedOn(day(2024, 6, 1), "RC7")(e)
		}))}, nil},
		{"open with an assessment going on", []Child{kid(10, epWith(11, day(2024, 5, 1), func(e *Details) {
			e.Assessments = []Assessment{{Start: day(2024, 5, 2)}}
		}))}, nil},
		{"closed with an assessment going on", []Child{kid(10, epWith(11, day(2024, 5, 1), func(e *Details) {
			e.Assessments = []Assessment{{Start: day(2024, 5, 2), Authorised: day(2024, 5, 20)}, {Start: day(2024, 5, 25)}}
			closedOn(day(2024, 6, 1), "RC7")(e)
		}))}, []int{11}},
	})
}

func TestCensus8868(t *testing.T) {
	closedWith := func(s Section47) func(*Details) {
		return func(e *Details) {
			e.Section47s = []Section47{s}
			closedOn(day(2024, 7, 1), "RC7")(e)
		}
	}
	testRule(t, "8868", []ruleCase{
		{"conference held", []Child{kid(10, epWith(11, day(2024, 5, 1), closedWith(Section47{Start: day(2024, 5, 2), ICPCDate: day(2024, 5, 20)})))}, nil},
		{"no conference needed", []Child{kid(10, epWith(11, day(2024, 5, 1), closedWith(Section47{Start: day(2024, 5, 2), ICPCNotRequired: true})))}, nil},
		{"neither", []Child{kid(10, epWith(11, day(2024, 5, 1), closedWith(Section47{Start: day(2024, 5, 2)})))}, []int{11}},
		{"neither but open", []Child{kid(10, epWith(11, day(2024, 5, 1), func(e *Details) {
			e.Section47s = []Section47{{Start: day(2024, 5, 2)}}
		}))}, nil},
	})
}
