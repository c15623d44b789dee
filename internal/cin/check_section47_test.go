package cin

import "testing"

// enquired returns a child at line 10 with one episode at line 11, referred 1 May 2024, holding the
// given section 47 enquiries.
func enquired(ss ...Section47) Child {
	return kid(10, epWith(11, day(2024, 5, 1), func(e *Details) { e.Section47s = ss }))
}

func TestCensus8615(t *testing.T) {
	testRule(t, "8615", []ruleCase{
		{"conference on the start day", []Child{enquired(Section47{Start: day(2024, 5, 2), ICPCDate: day(2024, 5, 2)})}, nil},
		{"no conference yet", []Child{enquired(Section47{Start: day(2024, 5, 2)})}, nil},
		{"missing start", []Child{enquired(Section47{ICPCDate: day(2024, 5, 20)})}, []int{11}},
		{"start after conference", []Child{enquired(Section47{Start: day(2024, 5, 21), ICPCDate: day(2024, 5, 20)})}, []int{11}},
	})
}

func TestCensus2889(t *testing.T) {
	testRule(t, "2889", []ruleCase{
		{"on the referral day", []Child{enquired(Section47{Start: day(2024, 5, 1)})}, nil},
		{"before the referral", []Child{enquired(Section47{Start: day(2024, 4, 30)})}, []int{11}},
	})
}

func TestCensus8740(t *testing.T) {
	testRule(t, "8740", []ruleCase{
		{"open, started in the year", []Child{enquired(Section47{Start: day(2024, 4, 1)})}, nil},
		{"conference held, started before", []Child{enquired(Section47{Start: day(2024, 3, 20), ICPCDate: day(2024, 4, 5)})}, nil},
		{"no conference needed, started before", []Child{enquired(Section47{Start: day(2024, 3, 20), ICPCNotRequired: true})}, nil},
		{"open, started before", []Child{enquired(Section47{Start: day(2024, 3, 31)})}, []int{11}},
		{"conference after the year, started before", []Child{enquired(Section47{Start: day(2024, 3, 31), ICPCDate: day(2025, 4, 2)})}, []int{11}},
		{"open, started after", []Child{enquired(Section47{Start: day(2025, 4, 1)})}, []int{11}},
	})
}

// 10 March 2025 is 15 working days before 31 March 2025; Friday 7 March is 16.
func TestCensus8675Q(t *testing.T) {
	testRule(t, "8675Q", []ruleCase{
		{"15 working days", []Child{enquired(Section47{Start: day(2025, 3, 10)})}, nil},
		{"16 working days", []Child{enquired(Section47{Start: day(2025, 3, 7)})}, []int{11}},
		{"conference held", []Child{enquired(Section47{Start: day(2024, 6, 3), ICPCDate: day(2024, 6, 20)})}, nil},
		{"no conference needed", []Child{enquired(Section47{Start: day(2024, 6, 3), ICPCNotRequired: true})}, nil},
	})
}

func TestCensus8839(t *testing.T) {
	testRule(t, "8839", []ruleCase{
		{"one open", []Child{enquired(Section47{Start: day(2024, 5, 2), ICPCNotRequired: true}, Section47{Start: day(2024, 6, 3)})}, nil},
		{"two open", []Child{enquired(Section47{Start: day(2024, 5, 2)}, Section47{Start: day(2024, 6, 3)})}, []int{11}},
	})
}

func TestCensus8890(t *testing.T) {
	testRule(t, "8890", []ruleCase{
		{"after the conference", []Child{enquired(Section47{Start: day(2024, 5, 2), ICPCDate: day(2024, 5, 20)}, Section47{Start: day(2024, 5, 20)})}, nil},
		{"after one needing no conference", []Child{enquired(Section47{Start: day(2024, 5, 2), ICPCNotRequired: true}, Section47{Start: day(2024, 5, 10)})}, nil},
		{"before the conference", []Child{enquired(Section47{Start: day(2024, 5, 2), ICPCDate: day(2024, 5, 20)}, Section47{Start: day(2024, 5, 10)})}, []int{11}},
		{"during an open one in another episode", []Child{kid(10,
			epWith(11, day(2024, 5, 1), func(e *Details) { e.Section47s = []Section47{{Start: day(2024, 5, 2)}} }),
			epWith(12, day(2024, 6, 1), func(e *Details) { e.Section47s = []Section47{{Start: day(2024, 6, 3)}} }))}, []int{12}},
	})
}

func TestCensus8715(t *testing.T) {
	testRule(t, "8715", []ruleCase{
		{"within the year", []Child{enquired(Section47{Start: day(2024, 3, 25), ICPCDate: day(2024, 4, 1)})}, nil},
		{"before the year", []Child{enquired(Section47{Start: day(2024, 3, 1), ICPCDate: day(2024, 3, 28)})}, []int{11}},
		{"on the episode, after the year", []Child{kid(10, epWith(11, day(2024, 5, 1), func(e *Details) { e.DateOfInitialCPC = day(2025, 4, 1) }))}, []int{11}},
	})
}

func TestCensus8875(t *testing.T) {
	testRule(t, "8875", []ruleCase{
		{"Friday", []Child{enquired(Section47{Start: day(2024, 5, 2), ICPCDate: day(2024, 6, 7)})}, nil},
		{"Saturday", []Child{enquired(Section47{Start: day(2024, 5, 2), ICPCDate: day(2024, 6, 8)})}, []int{11}},
		{"Sunday on the episode", []Child{kid(10, epWith(11, day(2024, 5, 1), func(e *Details) { e.DateOfInitialCPC = day(2024, 6, 9) }))}, []int{11}},
	})
}

func TestCensus8870Q(t *testing.T) {
	testRule(t, "8870Q", []ruleCase{
		{"Monday", []Child{enquired(Section47{Start: day(2024, 5, 2), ICPCTarget: day(2024, 6, 10)})}, nil},
		{"no target", []Child{enquired(Section47{Start: day(2024, 5, 2)})}, nil},
		{"Sunday", []Child{enquired(Section47{Start: day(2024, 5, 2), ICPCTarget: day(2024, 6, 9)})}, []int{11}},
	})
}

func TestCensus1104(t *testing.T) {
	testRule(t, "1104", []ruleCase{
		{"on the referral day", []Child{enquired(Section47{Start: day(2024, 5, 1), ICPCDate: day(2024, 5, 1)})}, nil},
		{"before the referral", []Child{enquired(Section47{Start: day(2024, 4, 1), ICPCDate: day(2024, 4, 30)})}, []int{11}},
		{"on the episode, before the referral", []Child{kid(10, epWith(11, day(2024, 5, 1), func(e *Details) { e.DateOfInitialCPC = day(2024, 4, 30) }))}, []int{11}},
	})
}

func TestCensus2884(t *testing.T) {
	testRule(t, "2884", []ruleCase{
		{"on the enquiry only", []Child{enquired(Section47{Start: day(2024, 5, 2), ICPCDate: day(2024, 5, 20)})}, nil},
		{"on the episode only", []Child{kid(10, epWith(11, day(2024, 5, 1), func(e *Details) {
			e.DateOfInitialCPC = day(2024, 5, 20)
			e.Section47s = []Section47{{Start: day(2024, 5, 2)}}
		}))}, nil},
		{"on both", []Child{kid(10, epWith(11, day(2024, 5, 1), func(e *Details) {
			e.DateOfInitialCPC = day(2024, 5, 20)
			e.Section47s = []Section47{{Start: day(2024, 5, 2), ICPCDate: day(2024, 5, 20)}}
		}))}, []int{11}},
	})
}
