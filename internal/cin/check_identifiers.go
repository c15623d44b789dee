package cin

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"csperf/internal/calendar"
)

// identifierChecks are the checks on the header, the child's identifiers (LA child ID, UPN, dates of
// birth and death, gender) and characteristics (ethnicity, disabilities).
func identifierChecks() []Check {
	return []Check{
		check100(), check8500(), check8510(), check1570(), check1580(),
		check1510(), check1520(), check1530(), check1540(), check1550(), check1560Q(),
		check8770Q(), check8772(), check8520(), check8525Q(), check8530Q(), check8535Q(),
		check8545Q(), check8775Q(), check4180(), check8750(), check2886Q(),
		check4220(), check8540(), check8790(), check8794(), check2887Q(), check2888Q(), check8590(),
	}
}

func check100() Check {
	return wholeCheck("100", "The header's reference date must be 31 March of the collection year.",
		[]string{"ReferenceDate"}, func(r *report, cs *Census) {
			if got := cs.Header.ReferenceDate; got != r.d.End {
				r.add(0, elHeader, []string{"ReferenceDate"}, cs.Header.ReferenceDate.String(),
					"The reference date in the header is %s; for the %d collection it must be %s.",
					show(got), r.d.Year, r.d.End.DMY())
			}
		})
}

func check8500() Check {
	return childCheck("8500", "Every child must have an LA child ID.", []string{"LAchildID"},
		func(r *report, ch *Child) {
			if strings.TrimSpace(ch.LAChildID) == "" {
				r.add(ch.Line, elIDs, []string{"LAchildID"}, ch.LAChildID,
					"This child has no LA child ID; every child needs the authority's own identifier.")
			}
		})
}

func check8510() Check {
	return wholeCheck("8510", "No two children may share an LA child ID.", []string{"LAchildID"},
		func(r *report, cs *Census) {
			lines := map[string][]int{}
			for _, ch := range cs.Children {
				if ch.LAChildID != "" {
					lines[ch.LAChildID] = append(lines[ch.LAChildID], ch.Line)
				}
			}
			for i := range cs.Children {
				ch := &cs.Children[i]
				if ls := lines[ch.LAChildID]; len(ls) > 1 {
					r.ch = ch
					r.add(ch.Line, elIDs, []string{"LAchildID"}, ch.LAChildID,
						"LA child ID %q is used by %d children (lines %s); each child must appear once.",
						ch.LAChildID, len(ls), joinInts(ls))
				}
			}
		})
}

func check1570() Check {
	return childCheck("1570", "An LA child ID may be at most 20 characters long.", []string{"LAchildID"},
		func(r *report, ch *Child) {
			if n := len([]rune(ch.LAChildID)); n > 20 {
				r.add(ch.Line, elIDs, []string{"LAchildID"}, ch.LAChildID,
					"LA child ID %q is %d characters long; the census allows at most 20.", ch.LAChildID, n)
			}
		})
}

func check1580() Check {
	return childCheck("1580", "An LA child ID may hold only letters and digits.", []string{"LAchildID"},
		func(r *report, ch *Child) {
			for _, c := range ch.LAChildID {
				if !isAlnum(c) {
					r.add(ch.Line, elIDs, []string{"LAchildID"}, ch.LAChildID,
						"LA child ID %q contains %q; only letters A–Z and digits 0–9 are allowed.", ch.LAChildID, c)
					return
				}
			}
		})
}

func isAlnum(c rune) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
}

// upnLetters are the letters a UPN uses for its check letter and for a temporary UPN's last
// character, in the order of their values 0–22 (I, O and S are not used).
const upnLetters = "ABCDEFGHJKLMNPQRTUVWXYZ"

// upnCheckLetter returns the check letter of a 13-character UPN from its characters 2–13, and false
// when those characters are not digits (with a letter or digit last).
func upnCheckLetter(upn string) (byte, bool) {
	if len(upn) != 13 {
		return 0, false
	}
	sum := 0
	for i := 1; i < 13; i++ {
		c := upn[i]
		v := 0
		switch {
		case c >= '0' && c <= '9':
			v = int(c - '0')
		case i == 12 && strings.IndexByte(upnLetters, c) >= 0:
			v = strings.IndexByte(upnLetters, c)
		default:
			return 0, false
		}
		sum += v * (i + 1)
	}
	return upnLetters[sum%23], true
}

func check1510() Check {
	return childCheck("1510", "The first character of a UPN must be the check letter worked out from the rest of it.",
		[]string{"UPN"}, func(r *report, ch *Child) {
			want, ok := upnCheckLetter(ch.UPN)
			if ok && ch.UPN[0] != want {
				r.add(ch.Line, elIDs, []string{"UPN"}, ch.UPN,
					"UPN %s starts with %q, but the check letter for the digits that follow is %q; the UPN has been mistyped.",
					ch.UPN, ch.UPN[:1], string(want))
			}
		})
}

func check1520() Check {
	return wholeCheck("1520", "No two children may share a UPN.", []string{"UPN"},
		func(r *report, cs *Census) {
			lines := map[string][]int{}
			for _, ch := range cs.Children {
				if ch.UPN != "" {
					lines[ch.UPN] = append(lines[ch.UPN], ch.Line)
				}
			}
			for i := range cs.Children {
				ch := &cs.Children[i]
				if ls := lines[ch.UPN]; ch.UPN != "" && len(ls) > 1 {
					r.ch = ch
					r.add(ch.Line, elIDs, []string{"UPN"}, ch.UPN,
						"UPN %s is given for %d children (lines %s); a UPN belongs to one child only.", ch.UPN, len(ls), joinInts(ls))
				}
			}
		})
}

// laNumbers are the DfE numbers of the authorities that may have allocated a UPN: the English
// authorities since 2009, with the numbers of those since reorganised (Bedfordshire 820, Cheshire
// 875, Dorset 835, Poole 836, Bournemouth 837, Cumbria 909, Northamptonshire 928), and the Welsh
// authorities (660–681), whose pupils keep their UPN when they move to England.
var laNumbers = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Fields(`201 202 203 204 205 206 207 208 209 210 211 212 213
		301 302 303 304 305 306 307 308 309 310 311 312 313 314 315 316 317 318 319 320
		330 331 332 333 334 335 336 340 341 342 343 344 350 351 352 353 354 355 356 357 358 359
		370 371 372 373 380 381 382 383 384 390 391 392 393 394 420
		800 801 802 803 805 806 807 808 810 811 812 813 815 816 820 821 822 823 825 826 830 831
		835 836 837 838 839 840 841 845 846 850 851 852 855 856 857 860 861 865 866 867 868 869
		870 871 872 873 874 875 876 877 878 879 880 881 882 883 884 885 886 887 888 889 890 891
		892 893 894 895 896 908 909 916 919 921 925 926 928 929 931 933 935 936 937 938 940 941
		942 943`) {
		m[n] = true
	}
	for n := 660; n <= 681; n++ {
		m[fmt.Sprint(n)] = true
	}
	return m
}()

func check1530() Check {
	return childCheck("1530", "Characters 2–4 of a UPN must be the number of an authority that allocates UPNs.",
		[]string{"UPN"}, func(r *report, ch *Child) {
			if ch.UPN == "" {
				return
			}
			la := ch.UPN[1:min(4, len(ch.UPN))]
			if !laNumbers[la] {
				r.add(ch.Line, elIDs, []string{"UPN"}, ch.UPN,
					"UPN %s has %s in characters 2–4, which is not the DfE number of an authority that allocates UPNs.",
					ch.UPN, quote(la))
			}
		})
}

func check1540() Check {
	return childCheck("1540", "Characters 5–12 of a UPN must all be digits.", []string{"UPN"},
		func(r *report, ch *Child) {
			if ch.UPN == "" {
				return
			}
			// A UPN shorter than 12 characters cannot have eight digits in places 5–12.
			if len(ch.UPN) < 12 || !allDigits(ch.UPN[4:12]) {
				r.add(ch.Line, elIDs, []string{"UPN"}, ch.UPN,
					"UPN %s does not have eight digits in characters 5–12; a UPN is a letter, a three-digit authority number, then eight digits and a final digit or letter.",
					ch.UPN)
			}
		})
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// upnLast reports whether c may end a UPN: a digit, or a letter of a temporary UPN.
func upnLast(c byte) bool {
	return c >= '0' && c <= '9' || strings.IndexByte(upnLetters, c) >= 0
}

func check1550() Check {
	return childCheck("1550", "A UPN must be 13 characters, the last a digit or one of the UPN letters.",
		[]string{"UPN"}, func(r *report, ch *Child) {
			u := ch.UPN
			switch {
			case u == "":
			case len(u) != 13:
				r.add(ch.Line, elIDs, []string{"UPN"}, u,
					"UPN %s is %d characters long; a UPN has 13, so its 13th character is missing or misplaced.", u, len(u))
			case !upnLast(u[12]):
				r.add(ch.Line, elIDs, []string{"UPN"}, u,
					"UPN %s ends in %q; the 13th character must be a digit or a capital letter other than I, O or S.", u, u[12:])
			}
		})
}

// upnWellFormed reports whether u has the shape of a UPN: a check letter, eleven digits, and a digit
// or letter at the end.
func upnWellFormed(u string) bool {
	return len(u) == 13 && strings.IndexByte(upnLetters, u[0]) >= 0 && allDigits(u[1:12]) && upnLast(u[12])
}

func check1560Q() Check {
	return childCheck("1560Q", "A former UPN, when given, must have the shape of a UPN.", []string{"FormerUPN"},
		func(r *report, ch *Child) {
			if ch.FormerUPN != "" && !upnWellFormed(ch.FormerUPN) {
				r.add(ch.Line, elIDs, []string{"FormerUPN"}, ch.FormerUPN,
					"Former UPN %q is not shaped like a UPN (a capital letter, 11 digits, then a digit or capital letter, 13 characters in all).",
					ch.FormerUPN)
			}
		})
}

// check8770Q reads "school age" as 6 to 17 at the reference date: UN1 says the child is under 6 and
// not yet at school, and children stay in education or training until 18.
func check8770Q() Check {
	return childCheck("8770Q", "A child of school age should have a UPN, or a reason for its absence other than UN1 (under 6).",
		[]string{"UPN", "UPNunknown", "PersonBirthDate"}, func(r *report, ch *Child) {
			if ch.BirthDate == 0 || ch.BirthDate > r.d.End {
				return
			}
			age := ch.BirthDate.AgeAt(r.d.End)
			if age < 6 || age > 17 || ch.UPN != "" {
				return
			}
			switch ch.UPNUnknown {
			case "":
				r.add(ch.Line, elIDs, []string{"UPN", "UPNunknown"}, "",
					"The child is %d at %s but has neither a UPN nor a reason why the UPN is unknown.", age, r.d.End.DMY())
			case "UN1":
				r.add(ch.Line, elIDs, []string{"UPN", "UPNunknown"}, ch.UPNUnknown,
					"The child is %d at %s, but the reason given for having no UPN is UN1 (under 6 and not yet at school).",
					age, r.d.End.DMY())
			}
		})
}

func check8772() Check {
	return childCheck("8772", "UPN unknown reason UN7 (referral with no further action) may only be used when every episode is such a referral.",
		[]string{"UPNunknown", "ReferralNFA"}, func(r *report, ch *Child) {
			if ch.UPNUnknown != "UN7" {
				return
			}
			for _, ep := range ch.Details {
				if !ep.ReferralNFA {
					r.add(ch.Line, elIDs, []string{"UPNunknown"}, ch.UPNUnknown,
						"The reason for no UPN is UN7 (referral with no further action), but the referral of %s went on to further action.",
						show(ep.ReferralDate))
					return
				}
			}
		})
}

func check8520() Check {
	return childCheck("8520", "A child's date of birth cannot be after the end of the census year.",
		[]string{"PersonBirthDate"}, func(r *report, ch *Child) {
			if ch.BirthDate > r.d.End {
				r.add(ch.Line, elIDs, []string{"PersonBirthDate"}, ch.BirthDate.String(),
					"The date of birth %s is after the end of the census year (%s); an unborn child needs an expected date of birth instead.",
					ch.BirthDate.DMY(), r.d.End.DMY())
			}
		})
}

func check8525Q() Check {
	return childCheck("8525Q", "A child should have either a date of birth or an expected date of birth, not both and not neither.",
		[]string{"PersonBirthDate", "ExpectedPersonBirthDate"}, func(r *report, ch *Child) {
			fields := []string{"PersonBirthDate", "ExpectedPersonBirthDate"}
			switch {
			case ch.BirthDate != 0 && ch.ExpectedBirthDate != 0:
				r.add(ch.Line, elIDs, fields, ch.BirthDate.String()+" "+ch.ExpectedBirthDate.String(),
					"The child has both a date of birth (%s) and an expected date of birth (%s); give only the date of birth once the child is born.",
					ch.BirthDate.DMY(), ch.ExpectedBirthDate.DMY())
			case ch.BirthDate == 0 && ch.ExpectedBirthDate == 0:
				r.add(ch.Line, elIDs, fields, "",
					"The child has neither a date of birth nor an expected date of birth.")
			}
		})
}

func check8530Q() Check {
	return childCheck("8530Q", "An expected date of birth should fall between 1 March and 31 December of the year the census ends.",
		[]string{"ExpectedPersonBirthDate"}, func(r *report, ch *Child) {
			e := ch.ExpectedBirthDate
			lo, hi := calendar.Of(r.d.Year, time.March, 1), calendar.Of(r.d.Year, time.December, 31)
			if e != 0 && (e < lo || e > hi) {
				r.add(ch.Line, elIDs, []string{"ExpectedPersonBirthDate"}, e.String(),
					"The expected date of birth %s is outside %s to %s, the range expected for an unborn child in this census.",
					e.DMY(), lo.DMY(), hi.DMY())
			}
		})
}

func check8535Q() Check {
	return childCheck("8535Q", "A child's date of death should not be before their date of birth.",
		[]string{"PersonDeathDate", "PersonBirthDate"}, func(r *report, ch *Child) {
			if ch.DeathDate != 0 && ch.BirthDate != 0 && ch.DeathDate < ch.BirthDate {
				r.add(ch.Line, elIDs, []string{"PersonDeathDate", "PersonBirthDate"}, ch.DeathDate.String(),
					"The date of death %s is before the date of birth %s.", ch.DeathDate.DMY(), ch.BirthDate.DMY())
			}
		})
}

func check8545Q() Check {
	return childCheck("8545Q", "A child's date of death, when given, should fall within the census year.",
		[]string{"PersonDeathDate"}, func(r *report, ch *Child) {
			if ch.DeathDate != 0 && !r.d.inYear(ch.DeathDate) {
				r.add(ch.Line, elIDs, []string{"PersonDeathDate"}, ch.DeathDate.String(),
					"The date of death %s is outside %s.", ch.DeathDate.DMY(), r.d.yearText())
			}
		})
}

// check8775Q flags a date of birth more than 25 years before the reference date.
func check8775Q() Check {
	return childCheck("8775Q", "A child in the census should not be more than 25 years old.",
		[]string{"PersonBirthDate"}, func(r *report, ch *Child) {
			if ch.BirthDate != 0 && ch.BirthDate < r.d.End.AddYears(-25) {
				r.add(ch.Line, elIDs, []string{"PersonBirthDate"}, ch.BirthDate.String(),
					"The date of birth %s makes the child %d at %s, older than 25; check the date.",
					ch.BirthDate.DMY(), ch.BirthDate.AgeAt(r.d.End), r.d.End.DMY())
			}
		})
}

// check4180 names the DfE's sex codes M, F and U; this census records them as GenderCurrent 1, 2
// and 0 (and 9, indeterminate, which the schema also allows), so a blank or unlisted value fails.
func check4180() Check {
	return childCheck("4180", "A child's gender must be given as one of the census codes (1 male, 2 female, 0 not recorded or unborn, 9 indeterminate).",
		[]string{"GenderCurrent"}, func(r *report, ch *Child) {
			if !Genders.Has(ch.Gender) {
				r.add(ch.Line, elIDs, []string{"GenderCurrent"}, ch.Gender,
					"Gender is %s; it must be 1 (male), 2 (female), 0 (not recorded or unborn) or 9 (indeterminate).", quote(ch.Gender))
			}
		})
}

// unborn reports whether the child is not yet born: an expected date of birth and no date of birth.
func unborn(ch *Child) bool { return ch.BirthDate == 0 && ch.ExpectedBirthDate != 0 }

func check8750() Check {
	return childCheck("8750", "An unborn child's gender must be 0 (not recorded or unborn).",
		[]string{"GenderCurrent", "ExpectedPersonBirthDate"}, func(r *report, ch *Child) {
			if unborn(ch) && ch.Gender != "0" {
				r.add(ch.Line, elIDs, []string{"GenderCurrent"}, ch.Gender,
					"The child is unborn (expected %s) but gender is %s; an unborn child's gender must be 0.",
					ch.ExpectedBirthDate.DMY(), quote(ch.Gender))
			}
		})
}

// check2886Q counts gender 0 or blank as "no sex recorded", among the children who are born.
func check2886Q() Check {
	return wholeCheck("2886Q", "No more than 2% of the children already born should have no gender recorded.",
		[]string{"GenderCurrent"}, func(r *report, cs *Census) {
			born, none := 0, 0
			for i := range cs.Children {
				ch := &cs.Children[i]
				if unborn(ch) {
					continue
				}
				born++
				if ch.Gender == "0" || ch.Gender == "" {
					none++
				}
			}
			if born > 0 && none*100 > born*2 {
				r.add(0, elIDs, []string{"GenderCurrent"}, fmt.Sprintf("%d of %d", none, born),
					"%d of the %d children already born (%.1f%%) have no gender recorded; more than 2%% is unusual.",
					none, born, float64(none)*100/float64(born))
			}
		})
}

func check4220() Check {
	return childCheck("4220", "A child's ethnicity must be given as one of the census codes.", []string{"Ethnicity"},
		func(r *report, ch *Child) {
			if !Ethnicities.Has(ch.Ethnicity) {
				r.add(ch.Line, elChars, []string{"Ethnicity"}, ch.Ethnicity,
					"Ethnicity is %s, which is not one of the census ethnicity codes (use NOBT if not yet obtained, REFU if declined).",
					quote(ch.Ethnicity))
			}
		})
}

func check8540() Check {
	return childCheck("8540", "A child must have at least one disability code (NONE when no disability), each from the census list.",
		[]string{"Disability"}, func(r *report, ch *Child) {
			if len(ch.Disabilities) == 0 {
				r.add(ch.Line, elChars, []string{"Disability"}, "",
					"The child has no disability recorded; give the disability codes, or NONE when the child has no disability.")
			}
			for _, c := range ch.Disabilities {
				if !Disabilities.Has(c) {
					r.add(ch.Line, elChars, []string{"Disability"}, c,
						"Disability %s is not one of the census disability codes.", quote(c))
				}
			}
		})
}

func check8790() Check {
	return childCheck("8790", "Disability NONE cannot be given together with a disability.", []string{"Disability"},
		func(r *report, ch *Child) {
			if len(ch.Disabilities) > 1 && slices.Contains(ch.Disabilities, "NONE") {
				r.add(ch.Line, elChars, []string{"Disability"}, strings.Join(ch.Disabilities, " "),
					"The disabilities recorded are %s: NONE cannot be given alongside other disability codes.",
					strings.Join(ch.Disabilities, ", "))
			}
		})
}

func check8794() Check {
	return childCheck("8794", "A disability code may be given only once for a child.", []string{"Disability"},
		func(r *report, ch *Child) {
			seen := map[string]bool{}
			for _, c := range ch.Disabilities {
				if seen[c] {
					r.add(ch.Line, elChars, []string{"Disability"}, c,
						"Disability %s is recorded more than once for this child.", c)
				}
				seen[c] = true
			}
		})
}

// check2887Q counts the distinct disability codes other than NONE used in the whole return.
func check2887Q() Check {
	return wholeCheck("2887Q", "A return would normally use at least 8 different disability codes.", []string{"Disability"},
		func(r *report, cs *Census) {
			if len(cs.Children) == 0 {
				return
			}
			used := map[string]bool{}
			for _, ch := range cs.Children {
				for _, c := range ch.Disabilities {
					if c != "NONE" && Disabilities.Has(c) {
						used[c] = true
					}
				}
			}
			if len(used) < 8 {
				codes := make([]string, 0, len(used))
				for c := range used {
					codes = append(codes, c)
				}
				sort.Strings(codes)
				r.add(0, elChars, []string{"Disability"}, strings.Join(codes, " "),
					"Only %d different disability codes are used in the whole return (%s); a return normally shows at least 8.",
					len(used), strings.Join(codes, ", "))
			}
		})
}

// check2888Q is a query on the whole return: among children with a disability, none has more than
// one recorded.
func check2888Q() Check {
	return wholeCheck("2888Q", "Children with more than one disability should have each recorded; a return where no child has two is unusual.",
		[]string{"Disability"}, func(r *report, cs *Census) {
			disabled := 0
			for _, ch := range cs.Children {
				n := 0
				seen := map[string]bool{}
				for _, c := range ch.Disabilities {
					if c != "NONE" && !seen[c] {
						seen[c] = true
						n++
					}
				}
				if n > 1 {
					return
				}
				if n == 1 {
					disabled++
				}
			}
			if disabled > 0 {
				r.add(0, elChars, []string{"Disability"}, fmt.Sprint(disabled),
					"Each of the %d children with a disability has exactly one disability code; record every disability a child has.",
					disabled)
			}
		})
}

func check8590() Check {
	return childCheck("8590", "Every child must have at least one episode of need (CINdetails).", []string{"CINdetails"},
		func(r *report, ch *Child) {
			if len(ch.Details) == 0 {
				r.add(ch.Line, "Child", []string{"CINdetails"}, "",
					"The child has no episode of need (CINdetails); every child in the census needs at least one.")
			}
		})
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, ", ")
}
