package report

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"csperf/internal/calendar"
	"csperf/internal/kpi"
	"csperf/internal/load"
	"csperf/internal/pseudo"
	"csperf/internal/store"
	"csperf/internal/store/storetest"
	"csperf/internal/synth"
)

// The test deployment: two small synthetic authorities (so that there are comparators), three
// collection years to March 2026, a few mistakes injected so that there are findings.
const (
	testSeed       = 20251231
	testPopulation = 9000 // children aged 0–17: a small council, so that small counts occur
	testLastYear   = 2026
	testYears      = 3
)

var testIssued = calendar.Of(2026, time.February, 2)

func testKey(t testing.TB) *pseudo.Key {
	t.Helper()
	k, err := pseudo.NewKey([]byte("a test secret of at least sixteen bytes"))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// fixture is the generated files, shared by the tests of one run (generating is the slow part);
// each test loads them into a store of its own.
type fixture struct {
	once sync.Once
	dir  string
	gen  *synth.Generator
	err  error
}

func (f *fixture) files(t testing.TB) (string, *synth.Generator) {
	t.Helper()
	f.once.Do(func() {
		f.gen, f.err = synth.New(synth.Options{Authorities: 2, Years: testYears, LastYear: testLastYear, Seed: testSeed,
			ErrorRate: 0.002, Population: testPopulation})
		if f.err != nil {
			return
		}
		// A folder that outlives the first test: the files are read again by later tests.
		f.dir = filepath.Join(testTemp, "synth")
		_, f.err = f.gen.Write(context.Background(), f.dir, nil)
	})
	if f.err != nil {
		t.Fatal(f.err)
	}
	return f.dir, f.gen
}

// newStore returns a SQLite store holding the test deployment, with every snapshot's "loaded at"
// and file names fixed so that reports of it are the same from run to run, and a target for a few
// indicators, and the number of the authority to report on.
func newStore(t testing.TB) (*store.Store, *pseudo.Key, int) {
	t.Helper()
	ctx := context.Background()
	dir, g := shared.files(t)
	st := storetest.SQLite(t)
	key := testKey(t)
	if err := st.UpsertAuthorities(ctx, g.Authorities(), "synthetic"); err != nil {
		t.Fatal(err)
	}
	loaded := time.Date(2026, time.January, 12, 9, 30, 0, 0, time.UTC)
	for _, a := range g.Authorities() {
		for y := g.FirstYear(); y <= testLastYear; y++ {
			yd := synth.YearDir(a.Number, y)
			for _, part := range []string{"ssda903", "cin.xml", "workforce.csv"} {
				p, err := load.Read(load.Request{Authority: a.Number, Year: y, Paths: []string{filepath.Join(dir, yd, part)}})
				if err != nil {
					t.Fatal(err)
				}
				for i := range p.Files { // names as a council would give them, not the test's folder
					rel, err := filepath.Rel(dir, p.Files[i].Name)
					if err != nil {
						t.Fatal(err)
					}
					p.Files[i].Name = filepath.ToSlash(rel)
				}
				snap := store.Snapshot{Authority: a.Number, Return: p.Return, Year: y, LoadedAt: loaded, LoadedBy: "test",
					Status: store.StatusLoaded, Files: p.Files}
				loaded = loaded.Add(time.Minute)
				switch p.Return {
				case store.ReturnSSDA903:
					_, err = st.SaveSSDA903(ctx, snap, p.SSDA903, p.Findings, key)
				case store.ReturnCIN:
					_, err = st.SaveCIN(ctx, snap, p.CIN, p.Findings, key)
				case store.ReturnWorkforce:
					_, err = st.SaveWorkforce(ctx, snap, p.Workforce)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
		}
		if _, err := kpi.Refresh(ctx, st, key, a.Number); err != nil {
			t.Fatal(err)
		}
	}
	la := g.Authorities()[0].Number
	f := func(x float64) *float64 { return &x }
	end := calendar.Of(2026, time.March, 31)
	if err := st.SaveTargets(ctx, []store.Target{
		{Authority: la, Indicator: "placement-3plus", PeriodEnd: end, Milestone: f(11), Target: f(9), Stretch: f(7), Tolerance: 1, ToleranceKind: "absolute", EnteredBy: "test"},
		{Authority: la, Indicator: "health-assessment", PeriodEnd: end, Milestone: f(85), Target: f(90), Stretch: f(95), Tolerance: 5, ToleranceKind: "relative", EnteredBy: "test"},
		{Authority: la, Indicator: "care-leavers-eet-19-21", PeriodEnd: end, Target: f(99), Tolerance: 1, ToleranceKind: "absolute", EnteredBy: "test"},
		{Authority: la, Indicator: "assessment-45wd", PeriodEnd: end, Milestone: f(80), Target: f(85), Stretch: f(90), Tolerance: 2, ToleranceKind: "absolute", EnteredBy: "test"},
		{Authority: la, Indicator: "cla-rate", PeriodEnd: end, Target: f(60), Tolerance: 2, ToleranceKind: "absolute", EnteredBy: "test"},
	}); err != nil {
		t.Fatal(err)
	}
	return st, key, la
}
