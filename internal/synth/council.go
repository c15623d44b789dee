package synth

import (
	"math"
	"math/rand/v2"
	"strconv"

	"csperf/internal/authority"
	"csperf/internal/calendar"
	"csperf/internal/cin"
	"csperf/internal/ssda903"
)

type Date = calendar.Date

// England's rates per 10,000 children aged 0–17 a year, before each authority's own factors. The
// profile factors average a little above 1, so the bases sit a little below England's figures.
const (
	baseCareStarts   = 28.0  // entries to care (England about 27)
	baseRespite      = 2.0   // children starting a series of short breaks (V3/V4)
	baseReferrals    = 540.0 // referrals other than those leading to care (England about 540 in all)
	careHistoryYears = 18    // entries are simulated from this long before the first year, so the stock is real
	needHistoryYears = 3     // referrals are simulated from this long before the first year
)

// child is one simulated child: their characteristics and everything that happened to them.
type child struct {
	id        string
	sex       string // "1" male, "2" female
	dob       Date
	ethnic    string
	upn       string // UPN or an UN code
	uasc      bool
	disabled  []string
	motherDOB Date // date of birth of this girl's own child, when she is a mother

	// looked after
	episodes   []ssda903.Episode
	reviews    []Date
	reviewCode []string
	missing    []ssda903.Missing
	sw         []ssda903.SWEpisode
	placed     []ssda903.PlacedAdoption
	ad1        *ssda903.AD1
	prevPerm   *ssda903.PrevPerm
	leftCare   Date // date the last period of care ended, when it did
	careLeaver bool // a former relevant child, followed up around birthdays 17–21
	respite    bool

	// in need
	details   []cin.Details
	cpPlans   int  // plans started so far
	needOpen  bool // an episode of need is open
	lastRefer Date
}

// council simulates one authority.
type council struct {
	la       authority.Authority
	p        profile
	rng      *rand.Rand
	wd       *calendar.Workdays
	first    int  // first collection year written
	last     int  // last collection year written
	end      Date // 31 March of the last year: nothing happens after it
	children []*child
	seq      int

	recent   []*child // referred in the last year, for re-referrals
	hadPlan  []*child // had a child protection plan that has ended
	swSeq    int
	ofstedID int
}

func newCouncil(la authority.Authority, p profile, first, last int, seed uint64) *council {
	return &council{
		la:    la,
		p:     p,
		rng:   rand.New(rand.NewPCG(seed, uint64(la.Number))),
		wd:    calendar.NewWorkdays(first-careHistoryYears-2, last+1),
		first: first,
		last:  last,
		end:   calendar.CollectionYearEnd(last),
	}
}

// population returns the 0–17 population for the collection year containing d, using the nearest
// year known.
func (c *council) population(d Date) float64 {
	y := d.Year()
	if _, m, _ := d.Civil(); m > 3 {
		y++
	}
	y = max(c.first, min(c.last, y))
	return float64(c.la.Population[y])
}

func (c *council) newChild(dob Date, sex string) *child {
	c.seq++
	ch := &child{id: strconv.Itoa(1000000 + c.seq), sex: sex, dob: dob}
	if ch.sex == "" {
		ch.sex = "1"
		if c.rng.Float64() < 0.45 {
			ch.sex = "2"
		}
	}
	ch.ethnic = ethnicMix.pick(c.rng)
	ch.upn = upn(c.rng, c.la.Number, dob.Year()+5)
	if c.rng.Float64() < 0.08 {
		ch.disabled = append(ch.disabled, disabilities[c.rng.IntN(len(disabilities))])
		if second := disabilities[c.rng.IntN(len(disabilities))]; c.rng.Float64() < 0.3 && second != ch.disabled[0] {
			ch.disabled = append(ch.disabled, second)
		}
	}
	c.children = append(c.children, ch)
	return ch
}

// run simulates the authority from the start of its history to 31 March of the last year.
func (c *council) run() {
	careStart := calendar.CollectionYearStart(c.first).AddYears(-careHistoryYears)
	needStart := calendar.CollectionYearStart(c.first).AddYears(-needHistoryYears)
	for d := careStart; d <= c.end; d++ {
		pop := c.population(d) / 10000
		// Entries to care, often as sibling groups on the same day.
		for n := poisson(c.rng, baseCareStarts*c.p.claFactor*pop/365.25/1.3); n > 0; n-- {
			c.careEntry(d)
		}
		if poisson(c.rng, baseRespite*pop/365.25) > 0 {
			c.respiteChild(d)
		}
		if d >= needStart {
			for n := poisson(c.rng, baseReferrals*c.p.cinFactor*pop/365.25/1.3); n > 0; n-- {
				c.referralFamily(d)
			}
		}
	}
}

// poisson draws from a Poisson distribution with mean lambda (small lambda: Knuth's method).
func poisson(rng *rand.Rand, lambda float64) int {
	if lambda > 30 {
		return max(0, int(math.Round(lambda+math.Sqrt(lambda)*rng.NormFloat64())))
	}
	l := math.Exp(-lambda)
	k, p := 0, 1.0
	for {
		p *= rng.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// careEntry brings one child, or a sibling group, into care on day d.
func (c *council) careEntry(d Date) {
	rng := c.rng
	if rng.Float64() < c.p.uascShare {
		age := 14 + rng.IntN(4)
		if age == 17 && rng.Float64() < 0.5 {
			age = 16
		}
		sex := "1"
		if rng.Float64() < 0.07 {
			sex = "2"
		}
		ch := c.newChild(birthFor(rng, age, d), sex)
		ch.uasc = true
		ch.ethnic = uascEthnicMix.pick(rng)
		ch.upn = "UN2"
		c.lookAfter(ch, d)
		return
	}
	size := 1
	if x := rng.Float64(); x < 0.12 {
		size = 2
	} else if x < 0.17 {
		size = 3
	} else if x < 0.19 {
		size = 4
	}
	age := ageOnEntry(rng)
	for i := 0; i < size; i++ {
		a := age
		if i > 0 {
			a = max(0, min(17, age+rng.IntN(7)-3))
		}
		ch := c.newChild(birthFor(rng, a, d), "")
		c.lookAfter(ch, d)
	}
}

// respiteChild starts a disabled child on a series of short breaks (legal status V3 or V4), which
// the national measures leave out.
func (c *council) respiteChild(d Date) {
	rng := c.rng
	ch := c.newChild(birthFor(rng, 3+rng.IntN(14), d), "")
	ch.respite = true
	if len(ch.disabled) == 0 {
		ch.disabled = []string{disabilities[rng.IntN(len(disabilities))]}
	}
	ch.prevPerm = &ssda903.PrevPerm{Child: ch.id, DOB: ch.dob, PrevPerm: "Z1"}
	ls := "V3"
	if rng.Float64() < 0.3 {
		ls = "V4"
	}
	start := d
	for k := 0; k < 6+rng.IntN(20) && start <= c.end && ch.dob.AgeAt(start) < 18; k++ {
		// Short breaks are recorded without postcodes or an Ofsted number (DfE asks for none).
		e := ssda903.Episode{Child: ch.id, DECOM: start, RNE: "S", LS: ls, CIN: "N1", Place: "K2", PlaceProvider: "PR4"}
		end := start.AddDays(2 + rng.IntN(5))
		if end <= c.end {
			e.DEC, e.REC = end, "E13"
		}
		ch.episodes = append(ch.episodes, e)
		start = end.AddDays(20 + rng.IntN(40))
	}
	// One social worker follows the child through the series of breaks.
	last := ch.episodes[len(ch.episodes)-1]
	until := last.DEC
	if until.IsZero() {
		until = c.end + 1
	}
	c.socialWorkers(ch, d, until)
}

// Postcode areas are drawn from letters that real areas may use (a first letter other than Q, V or X,
// a second other than I, J or Z), so that the invented postcodes pass DfE's format checks.
const (
	areaFirst  = "ABCDEFGHKLMNOPRSTUWY"
	areaSecond = "ABCDEFGHKLMNOPRSTUVWXY"
)

// postcode returns an invented postcode sector (outward code and sector digit) in this authority,
// or, when away, in another area.
func (c *council) postcode(away bool) string {
	n := c.la.Number
	if away {
		n = c.rng.IntN(1000)
	}
	area := string(areaFirst[n%len(areaFirst)]) + string(areaSecond[(n/len(areaFirst))%len(areaSecond)])
	return area + strconv.Itoa(1+c.rng.IntN(20)) + " " + strconv.Itoa(c.rng.IntN(10))
}

// urn returns an Ofsted unique reference number for a registered placement.
func (c *council) urn() string {
	c.ofstedID++
	return "SC" + strconv.Itoa(400000+(c.la.Number*797+c.ofstedID*13)%600000)
}

// placement draws a placement type and provider for a child aged age.
func (c *council) placement(age int, uasc bool) (place, provider string) {
	x := c.rng.Float64()
	switch {
	case age >= 16 && (uasc || x < 0.35):
		place = "H5"
	case age >= 11 && x < 0.55 && x >= 0.35:
		place = []string{"K2", "K2", "K2", "R1", "S1"}[c.rng.IntN(5)]
	case x < 0.04 && age < 16:
		place = "P1" // placed with parents
	case x < 0.22:
		place = []string{"U1", "U2", "U3"}[c.rng.IntN(3)] // with relatives or friends
	case x < 0.24:
		place = "Z1"
	default:
		place = []string{"U4", "U5", "U6"}[c.rng.IntN(3)] // other foster carers
	}
	switch {
	case place == "P1":
		provider = "PR0"
	case place == "Z1":
		provider = "" // not asked for other placements
	case c.rng.Float64() < 0.45:
		provider = "PR1"
	case c.rng.Float64() < 0.75:
		provider = "PR4"
	case place[0] == 'U' || place[0] == 'K': // other public bodies do not provide these
		provider = []string{"PR2", "PR5"}[c.rng.IntN(2)]
	default:
		provider = []string{"PR2", "PR3", "PR5"}[c.rng.IntN(3)]
	}
	return place, provider
}

// needsURN reports whether a placement type is a setting with its own Ofsted number; other placements
// record XXXXXXX.
func needsURN(place string) bool {
	switch place {
	case "K1", "K2", "S1":
		return true
	}
	return false
}
