// Package synth generates realistic synthetic councils, child by child: contacts and referrals,
// assessments, section 47 enquiries, child protection plans, entry to care, placements and moves,
// missing episodes, reviews, adoption and leaving care, care leavers' follow-up and the social work
// workforce. It writes what a council would submit: the SSDA903 tables (CSV and XML), the CIN census
// (XML) and workforce figures, for each authority and collection year. Names are invented; no real
// child or council data is used. The same options and seed always give the same bytes.
package synth

import (
	"fmt"

	"csperf/internal/authority"
	"csperf/internal/cin"
	"csperf/internal/ssda903"
	"csperf/internal/workforce"
)

// Options say what to generate.
type Options struct {
	Authorities int     // number of authorities (153 is England)
	Years       int     // collection years written, ending with LastYear
	LastYear    int     // the latest collection year, named by its end (2025 = 2024-25)
	Seed        uint64  // the same seed gives the same output
	ErrorRate   float64 // share of records given a known mistake (0 = clean data)
	Workers     int     // authorities simulated at once (0 = 2)
	Population  int     // when set, every authority's 0–17 population (for very large test councils)
}

// Council is one generated authority with its returns, oldest year first.
type Council struct {
	Authority authority.Authority
	Returns   []*ssda903.Return
	Censuses  []*cin.Census
	Workforce []workforce.Figures
	Errors    []InjectedError // mistakes put in on purpose, when Options.ErrorRate > 0
}

// Generator makes councils for one set of options.
type Generator struct {
	opt   Options
	las   []authority.Authority
	profs []profile
}

// New validates the options and lays out the authorities.
func New(opt Options) (*Generator, error) {
	if opt.Authorities < 1 || opt.Authorities > 400 {
		return nil, fmt.Errorf("authorities must be between 1 and 400, not %d", opt.Authorities)
	}
	if opt.Years < 1 || opt.Years > 20 {
		return nil, fmt.Errorf("years must be between 1 and 20, not %d", opt.Years)
	}
	if opt.LastYear == 0 {
		opt.LastYear = 2025
	}
	if opt.LastYear < 2000 || opt.LastYear > 2100 {
		return nil, fmt.Errorf("last year %d is out of range", opt.LastYear)
	}
	if opt.ErrorRate < 0 || opt.ErrorRate > 0.5 {
		return nil, fmt.Errorf("error rate must be between 0 and 0.5, not %g", opt.ErrorRate)
	}
	if opt.Workers <= 0 {
		opt.Workers = 2
	}
	g := &Generator{opt: opt}
	if opt.Population < 0 || opt.Population > 20_000_000 {
		return nil, fmt.Errorf("population must be between 0 and 20,000,000, not %d", opt.Population)
	}
	g.las, g.profs = england(opt.Authorities, g.FirstYear(), opt.LastYear, opt.Seed)
	if opt.Population > 0 {
		for _, a := range g.las {
			for y := range a.Population {
				a.Population[y] = opt.Population
			}
		}
	}
	return g, nil
}

// FirstYear is the earliest collection year written.
func (g *Generator) FirstYear() int { return g.opt.LastYear - g.opt.Years + 1 }

// Authorities returns the generated authorities, with populations and statistical neighbours.
func (g *Generator) Authorities() []authority.Authority { return g.las }

// Council simulates authority i (0-based) and returns its returns for every year. The result
// depends only on the options and i.
func (g *Generator) Council(i int) *Council {
	c := newCouncil(g.las[i], g.profs[i], g.FirstYear(), g.opt.LastYear, g.opt.Seed)
	c.run()
	out := &Council{Authority: g.las[i]}
	for y := g.FirstYear(); y <= g.opt.LastYear; y++ {
		r := c.ssda903Return(y)
		cs := c.census(y)
		if g.opt.ErrorRate > 0 {
			out.Errors = append(out.Errors, c.inject(r, cs, g.opt.ErrorRate)...)
		}
		out.Returns = append(out.Returns, r)
		out.Censuses = append(out.Censuses, cs)
		out.Workforce = append(out.Workforce, c.workforceFigures(y))
	}
	return out
}
