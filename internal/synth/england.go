package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"csperf/internal/authority"
)

// regions lists England's nine regions with the number of children's services authorities in each
// (153 in all), in the order DfE lists them.
var regions = []struct {
	name  string
	count int
	kind  string // ONS code prefix used for most authorities in the region
}{
	{"North East", 12, "E06"},
	{"North West", 24, "E08"},
	{"Yorkshire and The Humber", 15, "E08"},
	{"East Midlands", 10, "E10"},
	{"West Midlands", 14, "E08"},
	{"East of England", 11, "E10"},
	{"London", 33, "E09"},
	{"South East", 19, "E10"},
	{"South West", 15, "E06"},
}

// Place names are built from invented parts, so no synthetic council shares a real council's name.
var (
	namePrefixes = []string{"Ash", "Brad", "Carl", "Dun", "Elm", "Fen", "Gran", "Hal", "Ips", "Kel",
		"Lang", "Mar", "Nor", "Ox", "Pen", "Ridg", "Sal", "Thorn", "Wal", "Wen", "Whit", "Wood", "Bur",
		"Cal", "Dor", "Hart", "Lind", "Stan", "Ald", "Bex", "Cor", "Dray", "Ers", "Ged", "Hol", "Kir"}
	nameSuffixes = []string{"ford", "field", "ham", "ley", "borough", "mouth", "wick", "stead", "worth",
		"bury", "dale", "ton", "moor", "combe", "by", "minster"}
)

// profile is the hidden character of a synthetic authority: what makes its figures differ from
// England's. The figures a user sees come out of simulating children under it.
type profile struct {
	deprivation float64 // standardised, about N(0,1): drives need and care rates
	urban       float64 // 0 rural … 1 inner city
	claFactor   float64 // multiplier on England's rate of entry to care
	cinFactor   float64 // multiplier on England's referral rate
	uascShare   float64 // share of entries that are unaccompanied asylum-seeking children
	instability float64 // multiplier on placement moves
	timeliness  float64 // multiplier on the chance that work is done on time (1 = England)
	eet         float64 // shift in care leavers' chance of education, employment or training
	workforce   float64 // multiplier on agency use, vacancies and turnover
	x, y        float64 // position in miles, for placements far from home
}

// england returns n invented authorities spread over the regions in proportion, with their hidden
// profiles, 0–17 populations for each collection year and 10 statistical neighbours each.
func england(n int, firstYear, lastYear int, seed uint64) ([]authority.Authority, []profile) {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	las := make([]authority.Authority, 0, n)
	profs := make([]profile, 0, n)
	used := map[string]bool{}
	// Spread n authorities over the regions in proportion to England's 153.
	counts := make([]int, len(regions))
	if n >= 153 {
		for i, r := range regions {
			counts[i] = r.count
		}
		counts[len(counts)-1] += n - 153
	} else {
		// largest-remainder apportionment
		total := 0
		rem := make([]float64, len(regions))
		for i, r := range regions {
			exact := float64(r.count) * float64(n) / 153
			counts[i] = int(exact)
			rem[i] = exact - float64(counts[i])
			total += counts[i]
		}
		for total < n {
			best := 0
			for i := range rem {
				if rem[i] > rem[best] {
					best = i
				}
			}
			counts[best]++
			rem[best] = -1
			total++
		}
	}
	for ri, r := range regions {
		for k := 0; k < counts[ri]; k++ {
			var name string
			for {
				name = namePrefixes[rng.IntN(len(namePrefixes))] + nameSuffixes[rng.IntN(len(nameSuffixes))]
				if rng.IntN(6) == 0 {
					name = []string{"North ", "South ", "East ", "West "}[rng.IntN(4)] + name
				}
				if !used[name] {
					used[name] = true
					break
				}
			}
			kind := r.kind
			var pop float64
			switch {
			case r.name == "London":
				pop = 35000 + rng.Float64()*60000
			case rng.IntN(4) == 0:
				kind = "E10" // a county
				pop = 120000 + rng.Float64()*180000
			case rng.IntN(5) == 0:
				kind = "E06" // a small unitary
				pop = 8000 + rng.Float64()*30000
			default:
				pop = math.Exp(10.6 + 0.45*rng.NormFloat64())
			}
			pop = math.Max(8000, math.Min(300000, pop))
			p := profile{
				deprivation: clamp(rng.NormFloat64(), -2.2, 2.2),
				urban:       rng.Float64(),
				instability: math.Exp(0.25 * rng.NormFloat64()),
				timeliness:  math.Exp(0.15 * rng.NormFloat64()),
				eet:         0.08 * rng.NormFloat64(),
				workforce:   math.Exp(0.45 * rng.NormFloat64()),
				x:           float64(ri%3)*120 + rng.Float64()*100,
				y:           float64(ri/3)*120 + rng.Float64()*100,
			}
			if kind == "E09" || kind == "E08" {
				p.urban = 0.6 + 0.4*p.urban
			}
			// Care rates follow deprivation, with local practice on top: England's authorities range
			// from about 20 to 200 children looked after per 10,000.
			p.claFactor = clamp(math.Exp(0.45*p.deprivation+0.2*rng.NormFloat64()), 0.3, 3.0)
			p.cinFactor = clamp(math.Exp(0.25*p.deprivation+0.15*rng.NormFloat64()), 0.5, 2.0)
			p.uascShare = clamp(0.03+0.12*p.urban*rng.Float64()+0.02*rng.NormFloat64(), 0.005, 0.3)
			number := 400 + ri*40 + k
			if k >= 40 { // more than 40 in a region only when asked for more than England has
				number = 800 + ri*20 + (k - 40)
			}
			a := authority.Authority{
				Number:     number,
				ONSCode:    fmt.Sprintf("%s9%05d", kind, number),
				Name:       name,
				Region:     r.name,
				Population: map[int]int{},
			}
			growth := 1 + 0.004*rng.NormFloat64()
			for y := firstYear; y <= lastYear; y++ {
				a.Population[y] = int(math.Round(pop * math.Pow(growth, float64(y-lastYear))))
			}
			las = append(las, a)
			profs = append(profs, p)
		}
	}
	chooseNeighbours(las, profs, lastYear)
	return las, profs
}

// chooseNeighbours gives each authority the 10 others most like it in deprivation, size and
// urbanity, as the DfE model does with its own (richer) set of characteristics.
func chooseNeighbours(las []authority.Authority, profs []profile, year int) {
	type cand struct {
		i int
		d float64
	}
	for i := range las {
		var cs []cand
		for j := range las {
			if i == j {
				continue
			}
			dd := profs[i].deprivation - profs[j].deprivation
			ds := math.Log(float64(las[i].Population[year])) - math.Log(float64(las[j].Population[year]))
			du := (profs[i].urban - profs[j].urban) * 2
			cs = append(cs, cand{j, dd*dd + 0.5*ds*ds + du*du})
		}
		sort.Slice(cs, func(a, b int) bool {
			if cs[a].d != cs[b].d {
				return cs[a].d < cs[b].d
			}
			return las[cs[a].i].Number < las[cs[b].i].Number
		})
		k := min(10, len(cs))
		las[i].Neighbours = make([]int, k)
		for n := 0; n < k; n++ {
			las[i].Neighbours[n] = las[cs[n].i].Number
		}
	}
}

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }
