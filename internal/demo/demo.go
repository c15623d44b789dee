// Package demo prepares a deployment to try csperf on: a synthetic England in which a few
// authorities' returns are generated as files and loaded through the real loader (child-level
// records, findings, drill-down), and every other authority's indicator values are computed from its
// simulated returns in memory, so that comparisons against England, regions and statistical
// neighbours are real without loading 150 authorities' records. It also keeps one demo account per
// role.
package demo

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"csperf/internal/indicator"
	"csperf/internal/kpi"
	"csperf/internal/load"
	"csperf/internal/pseudo"
	"csperf/internal/store"
	"csperf/internal/synth"
)

// Options say what to prepare.
type Options struct {
	Dir         string // folder for the generated files of the loaded authorities
	Authorities int    // synthetic authorities in all (153 is England)
	Loaded      int    // of which the first Loaded are generated as files and loaded child by child
	Years       int    // collection years, ending 2024-25
	Seed        uint64
	Progress    io.Writer // a line per step; nil for none
}

// Defaults are the demo's: the synthetic England over three years, three authorities loaded.
func Defaults() Options {
	return Options{Dir: "csperf-demo-data", Authorities: 153, Loaded: 3, Years: 3, Seed: 1}
}

// Result says what was prepared.
type Result struct {
	Loaded  []int // authorities loaded from files
	Reused  bool  // the store already held this demo; nothing was regenerated
	Values  int   // indicator values stored for the other authorities
	Elapsed time.Duration
}

// LastYear is the demo's latest collection year (2024-25).
const LastYear = 2025

// Prepare fills st with the demo, or reuses what an earlier run stored there: Start, then Finish.
func Prepare(ctx context.Context, st *store.Store, key *pseudo.Key, opt Options) (Result, error) {
	p, res, err := Start(ctx, st, key, opt)
	if err != nil || res.Reused {
		return res, err
	}
	return p.Finish(ctx)
}

// Pending is a demo whose loaded authorities are in the store and whose other authorities' values
// are still to be computed (by Finish).
type Pending struct {
	st    *store.Store
	opt   Options
	g     *synth.Generator
	res   Result
	start time.Time
}

// Start loads the first opt.Loaded authorities from generated files (a few seconds), so that the
// web application can start; Finish computes the others. When the store already holds the demo,
// the result says Reused and there is nothing to finish.
func Start(ctx context.Context, st *store.Store, key *pseudo.Key, opt Options) (*Pending, Result, error) {
	start := time.Now()
	if opt.Loaded > opt.Authorities {
		return nil, Result{}, fmt.Errorf("demo: %d authorities to load but only %d in all", opt.Loaded, opt.Authorities)
	}
	g, err := synth.New(synth.Options{Authorities: opt.Authorities, Years: opt.Years, LastYear: LastYear, Seed: opt.Seed})
	if err != nil {
		return nil, Result{}, err
	}
	las := g.Authorities()
	res := Result{}
	for _, a := range las[:opt.Loaded] {
		res.Loaded = append(res.Loaded, a.Number)
	}
	if ok, err := prepared(ctx, st, las[0].Number, las[len(las)-1].Number); err != nil {
		return nil, res, err
	} else if ok {
		res.Reused, res.Elapsed = true, time.Since(start)
		opt.say("reusing the demo already in the database")
		return nil, res, nil
	}
	if err := st.UpsertAuthorities(ctx, las, "synthetic"); err != nil {
		return nil, res, err
	}
	// The authorities loaded from files, one after another (each load is one transaction). A load
	// already stored (an earlier run stopped half way) is recognised by its checksums.
	for i := range opt.Loaded {
		c := g.Council(i)
		if _, err := g.WriteCouncil(opt.Dir, c); err != nil {
			return nil, res, err
		}
		la := c.Authority.Number
		for y := g.FirstYear(); y <= LastYear; y++ {
			yd := filepath.Join(opt.Dir, synth.YearDir(la, y))
			for _, p := range []string{filepath.Join(yd, "ssda903"), filepath.Join(yd, "cin.xml"), filepath.Join(yd, "workforce.csv")} {
				if _, err := load.Run(ctx, st, key, load.Request{Authority: la, Year: y, Paths: []string{p}, By: "demo"}); err != nil {
					return nil, res, fmt.Errorf("demo: load %s: %w", p, err)
				}
			}
		}
		n, err := kpi.Refresh(ctx, st, key, la)
		if err != nil {
			return nil, res, err
		}
		opt.say("loaded LA %d %s: %d returns, %d indicator values", la, c.Authority.Name, 3*opt.Years, n)
	}
	res.Elapsed = time.Since(start)
	return &Pending{st: st, opt: opt, g: g, res: res, start: start}, res, nil
}

// Finish computes every other authority's indicators from its simulated returns, in memory on every
// core, and stores them as values: the comparisons against England, regions and neighbours.
func (p *Pending) Finish(ctx context.Context) (Result, error) {
	st, opt, res, las := p.st, p.opt, p.res, p.g.Authorities()
	type done struct {
		la   int
		vals []store.Value
		err  error
	}
	jobs, out := make(chan int), make(chan done)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				vals, err := computeCouncil(p.g.Council(i))
				out <- done{la: las[i].Number, vals: vals, err: err}
			}
		}()
	}
	go func() {
		for i := opt.Loaded; i < len(las); i++ {
			select {
			case jobs <- i:
			case <-ctx.Done():
			}
		}
		close(jobs)
		wg.Wait()
		close(out)
	}()
	var firstErr error
	stored := 0
	for d := range out {
		if firstErr != nil {
			continue
		}
		if d.err == nil {
			d.err = st.ReplaceValues(ctx, d.la, d.vals)
		}
		if d.err != nil {
			firstErr = fmt.Errorf("demo: LA %d: %w", d.la, d.err)
			continue
		}
		res.Values += len(d.vals)
		if stored++; stored%25 == 0 {
			opt.say("computed %d of %d other authorities", stored, len(las)-opt.Loaded)
		}
	}
	if firstErr != nil {
		return res, firstErr
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	res.Elapsed = time.Since(p.start)
	return res, nil
}

func (o Options) say(format string, args ...any) {
	if o.Progress != nil {
		fmt.Fprintf(o.Progress, format+"\n", args...)
	}
}

// prepared reports whether the demo is already stored: the first authority has snapshots and the
// last has values.
func prepared(ctx context.Context, st *store.Store, first, last int) (bool, error) {
	snaps, err := st.Snapshots(ctx, first)
	if err != nil {
		return false, err
	}
	if len(snaps) == 0 {
		return false, nil
	}
	dates, err := st.ValueDates(ctx, last)
	return len(dates) > 0, err
}

// computeCouncil computes every indicator of a simulated council at every month end.
func computeCouncil(c *synth.Council) ([]store.Value, error) {
	a := c.Authority
	h := indicator.NewHistory(a.Number, a.Population, c.Returns, c.Censuses, c.Workforce)
	from, to, ok := kpi.Span(h)
	if !ok {
		return nil, errors.New("no returns")
	}
	dates, err := kpi.Dates(from, to, kpi.Monthly)
	if err != nil {
		return nil, err
	}
	vals, err := kpi.Series(h, dates)
	if err != nil {
		return nil, err
	}
	out := make([]store.Value, len(vals))
	for i, v := range vals {
		out[i] = store.Value{Authority: a.Number, Indicator: v.Indicator, PeriodEnd: v.PeriodEnd, Category: v.Category,
			Numerator: v.Numerator, Denominator: v.Denominator, Value: v.Value, Valid: v.Valid, Basis: "synthetic, computed in memory"}
	}
	return out, nil
}

// Account is a demo account and the password set for it on this start.
type Account struct {
	Email, Name, Role, Password string
}

// Accounts creates (or resets the passwords of) the demo accounts: an administrator, and an analyst,
// a manager and a councillor for the loaded authorities. Passwords are new on every start and are
// only printed, never stored in clear.
func Accounts(ctx context.Context, st *store.Store, loaded []int, hash func(string) (string, error)) ([]Account, error) {
	var accts []Account
	add := func(email, name, role string) { accts = append(accts, Account{Email: email, Name: name, Role: role}) }
	add("admin@demo.csperf.invalid", "Demo administrator", "admin")
	add("analyst@demo.csperf.invalid", "Demo analyst", "analyst")
	add("manager@demo.csperf.invalid", "Demo manager", "manager")
	add("member@demo.csperf.invalid", "Demo councillor", "member")
	for i := range accts {
		a := &accts[i]
		pw, err := newPassword()
		if err != nil {
			return nil, err
		}
		a.Password = pw
		h, err := hash(pw)
		if err != nil {
			return nil, err
		}
		var roles []store.Role
		if a.Role != "admin" {
			for _, la := range loaded {
				roles = append(roles, store.Role{Authority: la, Role: a.Role})
			}
		}
		u, err := st.UserByEmail(ctx, a.Email)
		switch {
		case errors.Is(err, store.ErrNotFound):
			if _, err := st.CreateUser(ctx, store.User{Email: a.Email, Name: a.Name, PasswordHash: h, Admin: a.Role == "admin", Roles: roles}); err != nil {
				return nil, err
			}
		case err != nil:
			return nil, err
		default:
			if err := st.SetPassword(ctx, u.ID, h); err != nil {
				return nil, err
			}
		}
	}
	return accts, nil
}

func newPassword() (string, error) {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
