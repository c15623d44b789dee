package main

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"csperf/internal/kpi"
	"csperf/internal/load"
	"csperf/internal/pseudo"
	"csperf/internal/store"
	"csperf/internal/synth"
)

func runDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "demo", "[flags]",
		"Generates synthetic councils, writes their returns as files, loads every return through the\n"+
			"same path as \"csperf load\" into an embedded database and prints what was loaded.")
	dsn := fs.String("db", defaultDB(e), "SQLite file or postgres:// URL")
	keyPath := fs.String("key", defaultKey(e), "pseudonymisation secret (created on first use)")
	data := fs.String("data", "csperf-demo-data", "folder for the generated files")
	n := fs.Int("authorities", 3, "synthetic authorities")
	years := fs.Int("years", 3, "collection years")
	seed := fs.Uint64("seed", 1, "random seed")
	if err := parse(fs, args); err != nil {
		return err
	}
	start := time.Now()
	g, err := synth.New(synth.Options{Authorities: *n, Years: *years, LastYear: 2025, Seed: *seed})
	if err != nil {
		return err
	}
	if err := checkWritable(*data); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "generating %d synthetic authorities × %d years in %s …\n", *n, *years, *data)
	sum, err := g.Write(ctx, *data, nil)
	if err != nil {
		return err
	}
	key, err := pseudo.LoadOrCreate(*keyPath)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.UpsertAuthorities(ctx, g.Authorities(), "synthetic"); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "loading into %s (pseudonymisation key %s):\n", *dsn, *keyPath)
	for _, a := range g.Authorities() {
		for y := g.FirstYear(); y < g.FirstYear()+*years; y++ {
			yd := filepath.Join(*data, synth.YearDir(a.Number, y))
			for _, paths := range [][]string{{filepath.Join(yd, "ssda903")}, {filepath.Join(yd, "cin.xml")}, {filepath.Join(yd, "workforce.csv")}} {
				res, err := load.Run(ctx, st, key, load.Request{Authority: a.Number, Year: y, Paths: paths, By: "demo"})
				if err != nil {
					return err
				}
				printLoad(e.stdout, a.Number, y, res, 0)
			}
		}
		n, err := kpi.Refresh(ctx, st, key, a.Number)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "LA %d: %d indicator values computed (every month end)\n", a.Number, n)
	}
	fmt.Fprintf(e.stdout, "\n%d authorities (%s), %d child-years and %d episodes in the 903 returns, %d child-years in the CIN censuses; done in %s\n",
		sum.Authorities, names(g), sum.Children, sum.Episodes, sum.CINChildren, time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(e.stdout, "next: csperf snapshots --db %s\n      csperf scorecard --db %s --authority %d --at 2025-03-31\n",
		*dsn, *dsn, g.Authorities()[0].Number)
	return nil
}

func names(g *synth.Generator) string {
	s := ""
	for i, a := range g.Authorities() {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%d %s", a.Number, a.Name)
	}
	return s
}
