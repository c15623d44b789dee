package main

import (
	"context"
	"fmt"
	"time"

	"csperf/internal/demo"
	"csperf/internal/web"
)

func runDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "demo", "[flags]",
		"Prepares a synthetic England in an embedded database and serves the web application on it:\n"+
			"the first --loaded authorities' returns are generated as files and loaded through the same path\n"+
			"as \"csperf load\" (child-level records, DfE checks, drill-down); every other authority's\n"+
			"indicators are computed from its simulated returns in memory, for comparisons. A second run\n"+
			"reuses the database. Demo accounts (administrator, analyst, manager, councillor) get new\n"+
			"passwords on every start, printed below the address.")
	d := demo.Defaults()
	dsn := fs.String("db", defaultDB(e), "SQLite file or postgres:// URL")
	keyPath := fs.String("key", defaultKey(e), "pseudonymisation secret (created on first use)")
	fs.StringVar(&d.Dir, "data", d.Dir, "folder for the generated files of the loaded authorities")
	fs.IntVar(&d.Authorities, "authorities", d.Authorities, "synthetic authorities in all (153 is England)")
	fs.IntVar(&d.Loaded, "loaded", d.Loaded, "authorities loaded from files, child by child")
	fs.IntVar(&d.Years, "years", d.Years, "collection years, ending 2024-25")
	fs.Uint64Var(&d.Seed, "seed", d.Seed, "random seed")
	addr := fs.String("addr", "127.0.0.1:8080", "address to serve on")
	noServe := fs.Bool("no-serve", false, "prepare the database and stop")
	if err := parse(fs, args); err != nil {
		return err
	}
	if d.Loaded > d.Authorities {
		d.Loaded = d.Authorities
	}
	if err := checkWritable(d.Dir); err != nil {
		return err
	}
	st, key, err := openStore(ctx, *dsn, *keyPath)
	if err != nil {
		return err
	}
	defer st.Close()
	fmt.Fprintf(e.stdout, "preparing a synthetic England of %d authorities (%d loaded from files, %d years) in %s …\n",
		d.Authorities, d.Loaded, d.Years, *dsn)
	d.Progress = e.stdout
	pending, res, err := demo.Start(ctx, st, key, d)
	if err != nil {
		return err
	}
	// The other authorities' values (the comparisons) take about half a minute on two cores: before
	// serving with --no-serve, else while the web application already serves the loaded ones.
	finish := func() error {
		r, err := pending.Finish(ctx)
		if err == nil {
			fmt.Fprintf(e.stdout, "ready in %s: %d authorities loaded from files, %d indicator values computed for the others\n",
				r.Elapsed.Round(100*time.Millisecond), len(r.Loaded), r.Values)
		}
		return err
	}
	if pending != nil && *noServe {
		if err := finish(); err != nil {
			return err
		}
		pending = nil
	}
	accts, err := demo.Accounts(ctx, st, res.Loaded, web.HashPassword)
	if err != nil {
		return err
	}
	if *noServe {
		return nil
	}
	return serve(ctx, e, st, key, *addr, false, func(url string) {
		fmt.Fprintf(e.stdout, "\ncsperf is running at %s\nsign in as (passwords are new on every start):\n", url)
		for _, a := range accts {
			fmt.Fprintf(e.stdout, "  %-8s %-32s %s\n", a.Role, a.Email, a.Password)
		}
		fmt.Fprintf(e.stdout, "the loaded authorities are %v; press Ctrl+C to stop\n", res.Loaded)
		if pending != nil {
			fmt.Fprintf(e.stdout, "the other authorities' figures, for comparisons, are being computed and appear as they are stored:\n")
			go func() {
				if err := finish(); err != nil && ctx.Err() == nil {
					e.log.Error("demo: computing the other authorities failed; comparisons are incomplete", "err", err)
				}
			}()
		}
	})
}
