package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"csperf/internal/finding"
	"csperf/internal/rating"
	"csperf/internal/store"
)

func runTargets(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || (args[0] != "import" && args[0] != "export") {
		fmt.Fprintln(e.stderr, `csperf targets: say "import FILE" or "export FILE" (run "csperf help targets" for the flags)`)
		return errUsage
	}
	sub, rest := args[0], args[1:]
	fs := newFlags(e, "targets", "import|export [--authority NUM] FILE.csv|FILE.xlsx",
		"Targets are milestone, target and stretch levels per indicator, authority and period end, with a\n"+
			"tolerance (absolute, in the indicator's units, or relative, as a percentage of the target) within\n"+
			"which a miss rates amber, and a rationale. Columns: indicator, authority, period_end, milestone,\n"+
			"target, stretch, tolerance, tolerance_kind, rationale. An import with any wrong row stores nothing.")
	dsn := fs.String("db", defaultDB(e), "SQLite file or postgres:// URL")
	by := fs.String("by", currentUser(e), "who set the targets")
	la := fs.Int("authority", 0, "export: only this DfE LA number")
	if err := parse(fs, rest); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintf(e.stderr, "csperf targets %s: give one CSV or XLSX file\n", sub)
		return errUsage
	}
	path := fs.Arg(0)
	xlsx := strings.EqualFold(filepath.Ext(path), ".xlsx")
	st, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	if sub == "export" {
		stored, err := st.Targets(ctx, *la)
		if err != nil {
			return err
		}
		ts := make([]rating.Target, len(stored))
		for i, t := range stored {
			ts[i] = rating.Target{Indicator: t.Indicator, Authority: t.Authority, PeriodEnd: t.PeriodEnd, Milestone: t.Milestone,
				Target: t.Target, Stretch: t.Stretch, Tolerance: t.Tolerance, ToleranceKind: rating.ToleranceKind(t.ToleranceKind),
				Rationale: t.Rationale}
		}
		f, err := os.Create(path)
		if err != nil {
			return fmt.Errorf("cannot write %s: %w", path, err)
		}
		if xlsx {
			err = rating.WriteTargetsXLSX(f, ts)
		} else {
			err = rating.WriteTargetsCSV(f, ts)
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("writing %s: %w", path, err)
		}
		fmt.Fprintf(e.stdout, "%d targets written to %s\n", len(ts), path)
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("cannot open %s: %w", path, err)
	}
	defer f.Close()
	var ts []rating.Target
	var found []finding.Finding
	if xlsx {
		ts, found, err = rating.ReadTargetsXLSX(path, f)
	} else {
		ts, found, err = rating.ReadTargetsCSV(path, f)
	}
	if err != nil {
		return fmt.Errorf("nothing stored: %w", err)
	}
	for _, x := range found {
		fmt.Fprintf(e.stdout, "  %s\n", x)
	}
	if n := finding.Count(found)[finding.Error]; n > 0 {
		return fmt.Errorf("nothing stored: %d rows need correcting", n)
	}
	rows := make([]store.Target, len(ts))
	for i, t := range ts {
		rows[i] = store.Target{Authority: t.Authority, Indicator: t.Indicator, PeriodEnd: t.PeriodEnd, Milestone: t.Milestone,
			Target: t.Target, Stretch: t.Stretch, Tolerance: t.Tolerance, ToleranceKind: string(t.ToleranceKind),
			Rationale: t.Rationale, EnteredBy: *by}
	}
	if err := st.SaveTargets(ctx, rows); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d targets stored from %s\n", len(rows), path)
	return nil
}
