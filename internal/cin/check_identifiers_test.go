package cin

import "testing"

func TestCensus100(t *testing.T) {
	c := checkByCode(t, "100")
	for _, tc := range []struct {
		name string
		ref  Date
		want int
	}{
		{"31 March of the year", day(2025, 3, 31), 0},
		{"previous year", day(2024, 3, 31), 1},
		{"wrong day", day(2025, 3, 30), 1},
		{"missing", 0, 1},
	} {
		cs := &Census{Header: Header{ReferenceDate: tc.ref}}
		if fs := c.Run(NewCheckData(cs, "cin.xml", 2025)); len(fs) != tc.want {
			t.Errorf("%s: %d findings, want %d: %v", tc.name, len(fs), tc.want, fs)
		} else if tc.want == 1 && (fs[0].Table != elHeader || fs[0].Rule != "100") {
			t.Errorf("%s: %+v", tc.name, fs[0])
		}
	}
}

func TestCensus8500(t *testing.T) {
	testRule(t, "8500", []ruleCase{
		{"id given", []Child{kid(10)}, nil},
		{"blank id", []Child{kid(10), with(kid(20), func(c *Child) { c.LAChildID = "" })}, []int{20}},
		{"spaces only", []Child{with(kid(10), func(c *Child) { c.LAChildID = "  " })}, []int{10}},
	})
}

func TestCensus8510(t *testing.T) {
	same := func(c *Child) { c.LAChildID = "X1" }
	testRule(t, "8510", []ruleCase{
		{"distinct ids", []Child{kid(10), kid(20)}, nil},
		{"shared id", []Child{with(kid(10), same), kid(20), with(kid(30), same)}, []int{10, 30}},
		{"blank ids are left to 8500", []Child{with(kid(10), func(c *Child) { c.LAChildID = "" }),
			with(kid(20), func(c *Child) { c.LAChildID = "" })}, nil},
	})
}

func TestCensus1570(t *testing.T) {
	testRule(t, "1570", []ruleCase{
		{"20 characters", []Child{with(kid(10), func(c *Child) { c.LAChildID = "ABCDEFGHIJ0123456789" })}, nil},
		{"21 characters", []Child{with(kid(10), func(c *Child) { c.LAChildID = "ABCDEFGHIJ0123456789X" })}, []int{10}},
	})
}

func TestCensus1580(t *testing.T) {
	testRule(t, "1580", []ruleCase{
		{"letters and digits", []Child{with(kid(10), func(c *Child) { c.LAChildID = "Rut0001" })}, nil},
		{"hyphen", []Child{with(kid(10), func(c *Child) { c.LAChildID = "RUT-0001" })}, []int{10}},
		{"space", []Child{with(kid(10), func(c *Child) { c.LAChildID = "RUT 1" })}, []int{10}},
		{"accented letter", []Child{with(kid(10), func(c *Child) { c.LAChildID = "Zoë1" })}, []int{10}},
	})
}

func upn(u string) func(*Child) { return func(c *Child) { c.UPN, c.UPNUnknown = u, "" } }

func TestCensus1510(t *testing.T) {
	testRule(t, "1510", []ruleCase{
		{"right check letter", []Child{with(kid(10), upn("V857123456789")), with(kid(20), upn("Y201000000001"))}, nil},
		{"temporary UPN with letter", []Child{with(kid(10), upn("T85712345678A"))}, nil},
		{"wrong check letter", []Child{with(kid(10), upn("A857123456789"))}, []int{10}},
		{"transposed digits", []Child{with(kid(10), upn("V857123456798"))}, []int{10}},
		{"malformed UPNs are left to 1540 and 1550", []Child{with(kid(10), upn("V8571234X6789")), with(kid(20), upn("V85712"))}, nil},
		{"no UPN", []Child{kid(10)}, nil},
	})
}

func TestCensus1520(t *testing.T) {
	testRule(t, "1520", []ruleCase{
		{"different UPNs", []Child{with(kid(10), upn("V857123456789")), with(kid(20), upn("Y201000000001")), kid(30), kid(40)}, nil},
		{"shared UPN", []Child{with(kid(10), upn("V857123456789")), kid(20), with(kid(30), upn("V857123456789"))}, []int{10, 30}},
	})
}

func TestCensus1530(t *testing.T) {
	testRule(t, "1530", []ruleCase{
		{"English and Welsh authorities", []Child{with(kid(10), upn("V857123456789")), with(kid(20), upn("N660123456789")),
			with(kid(30), upn("X928000000001"))}, nil},
		{"unknown authority", []Child{with(kid(10), upn("U999123456789")), with(kid(20), upn("A100123456789"))}, []int{10, 20}},
		{"too short to hold one", []Child{with(kid(10), upn("A85"))}, []int{10}},
		{"no UPN", []Child{kid(10)}, nil},
	})
}

func TestCensus1540(t *testing.T) {
	testRule(t, "1540", []ruleCase{
		{"digits", []Child{with(kid(10), upn("V857123456789")), with(kid(20), upn("T85712345678A"))}, nil},
		{"letter among digits", []Child{with(kid(10), upn("V8571234O6789"))}, []int{10}},
		{"too short", []Child{with(kid(10), upn("V85712345"))}, []int{10}},
		{"no UPN", []Child{kid(10)}, nil},
	})
}

func TestCensus1550(t *testing.T) {
	testRule(t, "1550", []ruleCase{
		{"digit or letter", []Child{with(kid(10), upn("V857123456789")), with(kid(20), upn("T85712345678A"))}, nil},
		{"letter I", []Child{with(kid(10), upn("V85712345678I"))}, []int{10}},
		{"lower case", []Child{with(kid(10), upn("V85712345678a"))}, []int{10}},
		{"14 characters", []Child{with(kid(10), upn("V8571234567890"))}, []int{10}},
		{"12 characters", []Child{with(kid(10), upn("V85712345678"))}, []int{10}},
	})
}

func TestCensus1560Q(t *testing.T) {
	former := func(u string) func(*Child) { return func(c *Child) { c.FormerUPN = u } }
	testRule(t, "1560Q", []ruleCase{
		{"well formed", []Child{with(kid(10), former("V857123456789")), with(kid(20), former("T85712345678A")), kid(30)}, nil},
		{"bad first letter", []Child{with(kid(10), former("1857123456789")), with(kid(20), former("I857123456789"))}, []int{10, 20}},
		{"wrong length", []Child{with(kid(10), former("V85712345678"))}, []int{10}},
		{"letter inside", []Child{with(kid(10), former("V8571234X6789"))}, []int{10}},
	})
}

func TestCensus8770Q(t *testing.T) {
	born := func(d Date) func(*Child) { return func(c *Child) { c.BirthDate = d } }
	reason := func(r string) func(*Child) { return func(c *Child) { c.UPNUnknown = r } }
	testRule(t, "8770Q", []ruleCase{
		{"school age with UPN", []Child{with(with(kid(10), born(day(2015, 6, 1))), upn("V857123456789"))}, nil},
		{"school age with a reason", []Child{with(kid(10), reason("UN2"))}, nil},
		{"school age with neither", []Child{with(kid(10), reason(""))}, []int{10}},
		{"school age with UN1", []Child{with(kid(10), reason("UN1"))}, []int{10}},
		{"six on the reference date", []Child{with(with(kid(10), born(day(2019, 3, 31))), reason("UN1"))}, []int{10}},
		{"five on the reference date", []Child{with(with(kid(10), born(day(2019, 4, 1))), reason("UN1"))}, nil},
		{"eighteen", []Child{with(with(kid(10), born(day(2007, 3, 31))), reason(""))}, nil},
		{"seventeen", []Child{with(with(kid(10), born(day(2007, 4, 1))), reason(""))}, []int{10}},
		{"no date of birth", []Child{with(with(kid(10), born(0)), reason(""))}, nil},
	})
}

func TestCensus8772(t *testing.T) {
	nfaEp := func(line int) Details {
		return with(ep(line, day(2024, 6, 1)), func(e *Details) { e.ReferralNFA = true })
	}
	un7 := func(c *Child) { c.UPNUnknown = "UN7" }
	testRule(t, "8772", []ruleCase{
		{"UN7 with only NFA referrals", []Child{with(kid(10, nfaEp(11), nfaEp(12)), un7)}, nil},
		{"UN7 with an episode of further action", []Child{with(kid(10, nfaEp(11), ep(12, day(2024, 9, 1))), un7)}, []int{10}},
		{"other reason with further action", []Child{kid(10, ep(11, day(2024, 9, 1)))}, nil},
	})
}

func TestCensus8520(t *testing.T) {
	born := func(d Date) func(*Child) { return func(c *Child) { c.BirthDate = d } }
	testRule(t, "8520", []ruleCase{
		{"born on the reference date", []Child{with(kid(10), born(day(2025, 3, 31)))}, nil},
		{"born after it", []Child{with(kid(10), born(day(2025, 4, 1)))}, []int{10}},
		{"no date of birth", []Child{with(kid(10), born(0))}, nil},
	})
}

func TestCensus8525Q(t *testing.T) {
	dates := func(b, e Date) func(*Child) { return func(c *Child) { c.BirthDate, c.ExpectedBirthDate = b, e } }
	testRule(t, "8525Q", []ruleCase{
		{"born", []Child{kid(10)}, nil},
		{"unborn", []Child{with(kid(10), dates(0, day(2025, 5, 1)))}, nil},
		{"both", []Child{with(kid(10), dates(day(2025, 1, 1), day(2025, 1, 3)))}, []int{10}},
		{"neither", []Child{with(kid(10), dates(0, 0))}, []int{10}},
	})
}

func TestCensus8530Q(t *testing.T) {
	expected := func(e Date) func(*Child) { return func(c *Child) { c.BirthDate, c.ExpectedBirthDate = 0, e } }
	testRule(t, "8530Q", []ruleCase{
		{"March to December", []Child{with(kid(10), expected(day(2025, 3, 1))), with(kid(20), expected(day(2025, 12, 31)))}, nil},
		{"February", []Child{with(kid(10), expected(day(2025, 2, 28)))}, []int{10}},
		{"next January", []Child{with(kid(10), expected(day(2026, 1, 1)))}, []int{10}},
		{"none", []Child{kid(10)}, nil},
	})
}

func TestCensus8535Q(t *testing.T) {
	died := func(d Date) func(*Child) { return func(c *Child) { c.DeathDate = d } }
	testRule(t, "8535Q", []ruleCase{
		{"died after birth", []Child{with(kid(10), died(day(2024, 8, 1)))}, nil},
		{"died on the day of birth", []Child{with(kid(10), died(day(2015, 6, 1)))}, nil},
		{"died before birth", []Child{with(kid(10), died(day(2015, 5, 31)))}, []int{10}},
		{"no death", []Child{kid(10)}, nil},
	})
}

func TestCensus8545Q(t *testing.T) {
	died := func(d Date) func(*Child) { return func(c *Child) { c.DeathDate = d } }
	testRule(t, "8545Q", []ruleCase{
		{"within the year", []Child{with(kid(10), died(day(2024, 4, 1))), with(kid(20), died(day(2025, 3, 31)))}, nil},
		{"before the year", []Child{with(kid(10), died(day(2024, 3, 31)))}, []int{10}},
		{"after the year", []Child{with(kid(10), died(day(2025, 4, 1)))}, []int{10}},
	})
}

func TestCensus8775Q(t *testing.T) {
	born := func(d Date) func(*Child) { return func(c *Child) { c.BirthDate = d } }
	testRule(t, "8775Q", []ruleCase{
		{"exactly 25 years", []Child{with(kid(10), born(day(2000, 3, 31)))}, nil},
		{"a day more", []Child{with(kid(10), born(day(2000, 3, 30)))}, []int{10}},
		{"unborn", []Child{with(kid(10), born(0))}, nil},
	})
}

func TestCensus4180(t *testing.T) {
	gender := func(g string) func(*Child) { return func(c *Child) { c.Gender = g } }
	testRule(t, "4180", []ruleCase{
		{"census codes", []Child{with(kid(10), gender("1")), with(kid(20), gender("2")), with(kid(30), gender("0")), with(kid(40), gender("9"))}, nil},
		{"blank", []Child{with(kid(10), gender(""))}, []int{10}},
		{"letter", []Child{with(kid(10), gender("M"))}, []int{10}},
	})
}

func TestCensus8750(t *testing.T) {
	unbornAs := func(g string) func(*Child) {
		return func(c *Child) { c.BirthDate, c.ExpectedBirthDate, c.Gender = 0, day(2025, 5, 1), g }
	}
	testRule(t, "8750", []ruleCase{
		{"unborn with 0", []Child{with(kid(10), unbornAs("0"))}, nil},
		{"unborn with 2", []Child{with(kid(10), unbornAs("2"))}, []int{10}},
		{"born with 1", []Child{kid(10)}, nil},
	})
}

func TestCensus2886Q(t *testing.T) {
	noGender := func(c *Child) { c.Gender = "0" }
	unbornKid := func(c *Child) { c.BirthDate, c.ExpectedBirthDate, c.Gender = 0, day(2025, 5, 1), "0" }
	many := func(n int) []Child {
		var cs []Child
		for i := 1; i <= n; i++ {
			cs = append(cs, kid(10*i))
		}
		return cs
	}
	twoOf100 := many(100)
	twoOf100[0].Gender, twoOf100[1].Gender = "0", ""
	threeOf100 := applyFirst(many(100), noGender, 3)
	testRule(t, "2886Q", []ruleCase{
		{"2 in 100", twoOf100, nil},
		{"3 in 100", threeOf100, []int{0}},
		{"unborn children do not count", append(many(10), with(kid(500), unbornKid), with(kid(510), unbornKid)), nil},
		{"no children", nil, nil},
	})
}

// applyFirst applies f to the first n children.
func applyFirst(cs []Child, f func(*Child), n int) []Child {
	for i := 0; i < n; i++ {
		f(&cs[i])
	}
	return cs
}

func TestCensus4220(t *testing.T) {
	eth := func(e string) func(*Child) { return func(c *Child) { c.Ethnicity = e } }
	testRule(t, "4220", []ruleCase{
		{"listed", []Child{kid(10), with(kid(20), eth("NOBT"))}, nil},
		{"blank", []Child{with(kid(10), eth(""))}, []int{10}},
		{"unlisted", []Child{with(kid(10), eth("WBR"))}, []int{10}},
	})
}

func disab(ds ...string) func(*Child) { return func(c *Child) { c.Disabilities = ds } }

func TestCensus8540(t *testing.T) {
	testRule(t, "8540", []ruleCase{
		{"NONE", []Child{kid(10)}, nil},
		{"listed", []Child{with(kid(10), disab("AUT", "LD"))}, nil},
		{"missing", []Child{with(kid(10), disab())}, []int{10}},
		{"unlisted", []Child{with(kid(10), disab("AUT", "ADHD", "XX"))}, []int{10, 10}},
	})
}

func TestCensus8790(t *testing.T) {
	testRule(t, "8790", []ruleCase{
		{"NONE alone", []Child{kid(10)}, nil},
		{"disabilities alone", []Child{with(kid(10), disab("AUT", "LD"))}, nil},
		{"NONE with a disability", []Child{with(kid(10), disab("AUT", "NONE"))}, []int{10}},
	})
}

func TestCensus8794(t *testing.T) {
	testRule(t, "8794", []ruleCase{
		{"distinct", []Child{with(kid(10), disab("AUT", "LD"))}, nil},
		{"repeated", []Child{with(kid(10), disab("AUT", "LD", "AUT"))}, []int{10}},
	})
}

func TestCensus2887Q(t *testing.T) {
	testRule(t, "2887Q", []ruleCase{
		{"eight codes", []Child{with(kid(10), disab("MOB", "HAND", "PC", "INC")), with(kid(20), disab("COMM", "LD", "HEAR", "VIS"))}, nil},
		{"seven codes and NONE", []Child{with(kid(10), disab("MOB", "HAND", "PC", "INC")), with(kid(20), disab("COMM", "LD", "HEAR")), kid(30)}, []int{0}},
		{"unlisted codes do not count", []Child{with(kid(10), disab("MOB", "HAND", "PC", "INC")), with(kid(20), disab("COMM", "LD", "HEAR", "ADHD"))}, []int{0}},
		{"no children", nil, nil},
	})
}

func TestCensus2888Q(t *testing.T) {
	testRule(t, "2888Q", []ruleCase{
		{"one child with two", []Child{with(kid(10), disab("AUT")), with(kid(20), disab("AUT", "LD")), kid(30)}, nil},
		{"everyone with one", []Child{with(kid(10), disab("AUT")), with(kid(20), disab("LD")), kid(30)}, []int{0}},
		{"a repeated code is still one", []Child{with(kid(10), disab("AUT", "AUT"))}, []int{0}},
		{"no disabled children", []Child{kid(10), kid(20)}, nil},
	})
}

func TestCensus8590(t *testing.T) {
	testRule(t, "8590", []ruleCase{
		{"with an episode", []Child{kid(10, ep(11, day(2024, 5, 1)))}, nil},
		{"without", []Child{kid(10, ep(11, day(2024, 5, 1))), kid(20)}, []int{20}},
	})
}
