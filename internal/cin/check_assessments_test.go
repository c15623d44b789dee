package cin

import "testing"

// assessed returns a child at line 10 with one episode at line 11, referred 1 May 2024, holding the
// given assessments.
func assessed(as ...Assessment) Child {
	return kid(10, epWith(11, day(2024, 5, 1), func(e *Details) { e.Assessments = as }))
}

func TestCensus1103(t *testing.T) {
	testRule(t, "1103", []ruleCase{
		{"on the referral day", []Child{assessed(Assessment{Start: day(2024, 5, 1)})}, nil},
		{"before the referral", []Child{assessed(Assessment{Start: day(2024, 5, 1)}, Assessment{Start: day(2024, 4, 30)})}, []int{11}},
		{"no start", []Child{assessed(Assessment{})}, nil},
	})
}

func TestCensus8608(t *testing.T) {
	testRule(t, "8608", []ruleCase{
		{"authorised the same day", []Child{assessed(Assessment{Start: day(2024, 5, 2), Authorised: day(2024, 5, 2)})}, nil},
		{"authorised before it started", []Child{assessed(Assessment{Start: day(2024, 5, 2), Authorised: day(2024, 5, 1)})}, []int{11}},
		{"not yet authorised", []Child{assessed(Assessment{Start: day(2024, 5, 2)})}, nil},
	})
}

func TestCensus8696(t *testing.T) {
	testRule(t, "8696", []ruleCase{
		{"within the year", []Child{assessed(Assessment{Start: day(2024, 3, 1), Authorised: day(2024, 4, 1)},
			Assessment{Start: day(2025, 3, 1), Authorised: day(2025, 3, 31)})}, nil},
		{"before the year", []Child{assessed(Assessment{Start: day(2024, 3, 1), Authorised: day(2024, 3, 31)})}, []int{11}},
		{"after the year", []Child{assessed(Assessment{Start: day(2025, 3, 1), Authorised: day(2025, 4, 1)})}, []int{11}},
	})
}

func TestCensus8736(t *testing.T) {
	testRule(t, "8736", []ruleCase{
		{"open, started in the year", []Child{assessed(Assessment{Start: day(2024, 4, 1)}, Assessment{Start: day(2025, 3, 31)})}, nil},
		{"completed, started before", []Child{assessed(Assessment{Start: day(2024, 3, 1), Authorised: day(2024, 4, 10)})}, nil},
		{"open, started before", []Child{assessed(Assessment{Start: day(2024, 3, 31)})}, []int{11}},
		{"open, started after", []Child{assessed(Assessment{Start: day(2025, 4, 1)})}, []int{11}},
	})
}

// 27 January 2025 is 45 working days before 31 March 2025 (1 January is the only holiday between).
func TestCensus8670Q(t *testing.T) {
	testRule(t, "8670Q", []ruleCase{
		{"45 working days", []Child{assessed(Assessment{Start: day(2025, 1, 27)})}, nil},
		{"46 working days", []Child{assessed(Assessment{Start: day(2025, 1, 24)})}, []int{11}},
		{"long but completed", []Child{assessed(Assessment{Start: day(2024, 5, 2), Authorised: day(2024, 12, 1)})}, nil},
	})
}

func TestCensus8863Q(t *testing.T) {
	testRule(t, "8863Q", []ruleCase{
		{"one after the other", []Child{assessed(Assessment{Start: day(2024, 5, 2), Authorised: day(2024, 6, 1)},
			Assessment{Start: day(2024, 6, 1)})}, nil},
		{"during an open one", []Child{assessed(Assessment{Start: day(2024, 5, 2)}, Assessment{Start: day(2024, 6, 1), Authorised: day(2024, 6, 20)})}, []int{11}},
		{"during one in another episode", []Child{kid(10,
			epWith(11, day(2024, 5, 1), func(e *Details) {
				e.Assessments = []Assessment{{Start: day(2024, 5, 2), Authorised: day(2024, 7, 1)}}
			}),
			epWith(12, day(2024, 6, 1), func(e *Details) { e.Assessments = []Assessment{{Start: day(2024, 6, 3)}} }))}, []int{12}},
	})
}

func TestCensus8896(t *testing.T) {
	testRule(t, "8896", []ruleCase{
		{"one open", []Child{assessed(Assessment{Start: day(2024, 5, 2), Authorised: day(2024, 6, 1)}, Assessment{Start: day(2024, 6, 2)})}, nil},
		{"two open", []Child{assessed(Assessment{Start: day(2024, 5, 2)}, Assessment{Start: day(2024, 6, 2)})}, []int{11}},
	})
}

func factors(fs ...string) Assessment {
	return Assessment{Start: day(2024, 5, 2), Authorised: day(2024, 6, 1), Factors: fs}
}

func TestCensus8869(t *testing.T) {
	testRule(t, "8869", []ruleCase{
		{"21 alone", []Child{assessed(factors("21"))}, nil},
		{"others without 21", []Child{assessed(factors("1A", "3B"))}, nil},
		{"21 with another", []Child{assessed(factors("3B", "21"))}, []int{11}},
		{"21 repeated is left to 8898", []Child{assessed(factors("21", "21"))}, nil},
	})
}

func TestCensus8898(t *testing.T) {
	testRule(t, "8898", []ruleCase{
		{"distinct", []Child{assessed(factors("1A", "3B"))}, nil},
		{"repeated", []Child{assessed(factors("3B", "1A", "3B"))}, []int{11}},
	})
}

func TestCensus8614(t *testing.T) {
	testRule(t, "8614", []ruleCase{
		{"factors on a completed assessment", []Child{assessed(factors("3B"))}, nil},
		{"no factors while open", []Child{assessed(Assessment{Start: day(2024, 5, 2)})}, nil},
		{"factors while open", []Child{assessed(Assessment{Start: day(2024, 5, 2), Factors: []string{"3B"}})}, []int{11}},
	})
}

func TestCensus8897Q(t *testing.T) {
	testRule(t, "8897Q", []ruleCase{
		{"completed with factors", []Child{assessed(factors("21"))}, nil},
		{"open without factors", []Child{assessed(Assessment{Start: day(2024, 5, 2)})}, nil},
		{"completed without factors", []Child{assessed(factors())}, []int{11}},
	})
}

func TestCensus8873Q(t *testing.T) {
	closing := func(reason string, as ...Assessment) Child {
		return kid(10, epWith(11, day(2024, 5, 1), func(e *Details) {
			e.Assessments = as
			closedOn(day(2024, 6, 1), reason)(e)
		}))
	}
	testRule(t, "8873Q", []ruleCase{
		{"no factors, closed RC8", []Child{closing("RC8", factors("21"))}, nil},
		{"factors found, closed RC7", []Child{closing("RC7", factors("3B"))}, nil},
		{"two assessments", []Child{closing("RC7", factors("21"), factors("3B"))}, nil},
		{"still open", []Child{assessed(factors("21"))}, nil},
		{"no factors, closed RC7", []Child{closing("RC7", factors("21"))}, []int{11}},
	})
}

func TestCensus8945Q(t *testing.T) {
	testRule(t, "8945Q", []ruleCase{
		{"18B and 18C", []Child{assessed(factors("18B", "18C"))}, nil},
		{"18A", []Child{assessed(factors("3B", "18A"))}, []int{11}},
	})
}

func TestCensus8950Q(t *testing.T) {
	testRule(t, "8950Q", []ruleCase{
		{"19B and 19C", []Child{assessed(factors("19B", "19C"))}, nil},
		{"19A", []Child{assessed(factors("19A"))}, []int{11}},
	})
}

func TestCensus2991Q(t *testing.T) {
	s47 := []Section47{{Start: day(2024, 5, 3), ICPCNotRequired: true}}
	testRule(t, "2991Q", []ruleCase{
		{"enquiry and assessment", []Child{kid(10, epWith(11, day(2024, 5, 1), func(e *Details) {
			e.Section47s, e.Assessments = s47, []Assessment{{Start: day(2024, 5, 2)}}
		}))}, nil},
		{"no enquiry, no assessment", []Child{kid(10, ep(11, day(2024, 5, 1)))}, nil},
		{"enquiry without assessment", []Child{kid(10, epWith(11, day(2024, 5, 1), func(e *Details) { e.Section47s = s47 }))}, []int{11}},
	})
}
