package synth

import (
	"math/rand/v2"
	"strconv"

	"csperf/internal/calendar"
)

// weighted picks one of codes with the given relative weights.
type weighted struct {
	codes   []string
	cum     []float64
	ofTotal float64
}

func newWeighted(pairs ...any) weighted {
	var w weighted
	for i := 0; i < len(pairs); i += 2 {
		w.codes = append(w.codes, pairs[i].(string))
		var x float64
		switch v := pairs[i+1].(type) {
		case int:
			x = float64(v)
		case float64:
			x = v
		}
		w.ofTotal += x
		w.cum = append(w.cum, w.ofTotal)
	}
	return w
}

func (w weighted) pick(rng *rand.Rand) string {
	x := rng.Float64() * w.ofTotal
	for i, c := range w.cum {
		if x < c {
			return w.codes[i]
		}
	}
	return w.codes[len(w.codes)-1]
}

// Code mixes close to England's, from DfE's published tables.
var (
	ethnicMix = newWeighted("WBRI", 63.0, "WIRI", 0.5, "WOTH", 5.0, "WIRT", 0.4, "WROM", 0.8,
		"MWBC", 3.0, "MWBA", 1.2, "MWAS", 1.4, "MOTH", 3.5, "AIND", 1.0, "APKN", 2.5, "ABAN", 1.0,
		"AOTH", 2.0, "BCRB", 1.8, "BAFR", 3.5, "BOTH", 1.5, "CHNE", 0.2, "OOTH", 2.5, "REFU", 0.3, "NOBT", 0.5)
	uascEthnicMix  = newWeighted("AOTH", 35, "BAFR", 30, "OOTH", 25, "WOTH", 5, "BOTH", 5)
	referralSource = newWeighted("1A", 2.0, "1B", 0.5, "1C", 1.0, "2A", 6.0, "2B", 5.0, "3A", 20.0,
		"3B", 0.5, "3C", 1.0, "3D", 0.5, "3E", 0.5, "3F", 4.0, "4", 3.0, "5A", 29.0, "5B", 1.0, "5C", 1.0,
		"5D", 9.0, "6", 1.0, "7", 1.5, "8", 2.0, "9", 1.5, "10", 9.0)
	assessmentFactors = []string{"1B", "1C", "2A", "2B", "3A", "3B", "3C", "4A", "4B", "4C", "5A", "5B",
		"5C", "6A", "6B", "6C", "7A", "8B", "8C", "8D", "8E", "8F", "9A", "10A", "11A", "12A", "13A",
		"14A", "15A", "16A", "17A", "18B", "18C", "19B", "19C", "20", "21", "22A", "23A", "24A"}
	primaryNeed  = newWeighted("N1", 57, "N2", 3, "N3", 5, "N4", 11, "N5", 1, "N6", 2, "N7", 2, "N8", 6, "N9", 13)
	abuseMix     = newWeighted("NEG", 50, "EMO", 36, "PHY", 7, "SAB", 4, "MUL", 3)
	disabilities = []string{"AUT", "BEH", "COMM", "CON", "DDA", "HAND", "HEAR", "INC", "LD", "MOB", "PC", "VIS"}
)

// upnLetters are the check letters of a unique pupil number: the alphabet without I, O and S.
const upnLetters = "ABCDEFGHJKLMNPQRTUVWXYZ"

// upn builds a unique pupil number for a child of authority la: check letter, LA number,
// establishment, year of allocation and serial, with the check letter computed as the DfE
// specification for UPNs describes (weights 2–13 over the 12 characters, modulo 23).
func upn(rng *rand.Rand, la int, year int) string {
	// Characters 2–4 are the code of the LA that issued the number: a real English LA code, since a
	// synthetic authority's own number is not one and DfE checks the code.
	issuer := realLACodes[(la+rng.IntN(4))%len(realLACodes)]
	body := strconv.Itoa(issuer + 1000)[1:] + strconv.Itoa(1000 + rng.IntN(9000))[0:4] +
		strconv.Itoa(100 + year%100)[1:] + strconv.Itoa(1000 + rng.IntN(1000))[1:]
	sum := 0
	for i := 0; i < len(body); i++ {
		sum += int(body[i]-'0') * (i + 2)
	}
	return string(upnLetters[sum%23]) + body
}

// ageOnEntry draws an age at entry to care close to England's mix of starts.
func ageOnEntry(rng *rand.Rand) int {
	x := rng.Float64()
	switch {
	case x < 0.20:
		return 0
	case x < 0.36:
		return 1 + rng.IntN(4)
	case x < 0.52:
		return 5 + rng.IntN(5)
	case x < 0.85:
		return 10 + rng.IntN(6)
	default:
		return 16 + rng.IntN(2)
	}
}

// ageAtReferral draws a child's age when referred (-1 for an unborn child).
func ageAtReferral(rng *rand.Rand) int {
	x := rng.Float64()
	switch {
	case x < 0.03:
		return -1
	case x < 0.13:
		return 0
	case x < 0.33:
		return 1 + rng.IntN(4)
	case x < 0.58:
		return 5 + rng.IntN(5)
	case x < 0.90:
		return 10 + rng.IntN(6)
	default:
		return 16 + rng.IntN(2)
	}
}

// birthFor returns a date of birth for a child aged age (years) on date d.
func birthFor(rng *rand.Rand, age int, d calendar.Date) calendar.Date {
	if age < 0 {
		return d.AddDays(30 + rng.IntN(200)) // unborn: due within the next months
	}
	return d.AddYears(-age).AddDays(-rng.IntN(365))
}

// workdaysAfter draws a number of working days: on time (at most limit) with probability pOnTime.
func drawWorkdays(rng *rand.Rand, limit int, pOnTime float64, minimum int) int {
	if rng.Float64() < pOnTime {
		return minimum + rng.IntN(limit-minimum+1)
	}
	return limit + 1 + rng.IntN(limit)
}

func itoa(n int) string { return strconv.Itoa(n) }

// realLACodes are a few English LA codes, used only inside synthetic unique pupil numbers.
var realLACodes = []int{201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211, 212, 213, 301, 302, 303,
	304, 305, 306, 307, 308, 309, 310, 311, 312, 313, 314, 315, 316, 317, 318, 319, 320, 330, 331, 332,
	333, 334, 335, 336, 340, 341, 342, 343, 344, 350, 351, 352, 353, 354, 355, 356, 357, 358, 359, 370,
	371, 372, 373, 380, 381, 382, 383, 384, 390, 391, 392, 393, 394, 800, 801, 802, 803, 805, 806, 807,
	808, 810, 811, 812, 813, 815, 816, 821, 822, 823, 825, 826, 830, 831, 835, 836, 837, 840, 841, 845,
	846, 850, 851, 852, 855, 856, 857, 860, 861, 865, 866, 867, 868, 869, 870, 871, 872, 873, 874, 876,
	877, 878, 879, 880, 881, 882, 883, 884, 885, 886, 887, 888, 889, 890, 891, 892, 893, 894, 895, 896,
	908, 909, 916, 919, 921, 925, 926, 928, 929, 931, 933, 935, 936, 937, 938}
