package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"csperf/internal/finding"
	"csperf/internal/kpi"
	"csperf/internal/load"
)

func runLoad(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "load", "--authority NUM --year YYYY [flags] PATH...",
		"Reads a return, checks it and stores it as one snapshot. PATH may be 903 CSV files, a folder or a\n"+
			"zip of them (last year's tables in a folder named \"previous\" or files ending \"_last.csv\"),\n"+
			"one 903 XML file, one CIN census XML file, or a workforce CSV. Problems with values are stored\n"+
			"as findings and do not stop the load; a file that cannot be read loads nothing.")
	la := fs.Int("authority", 0, "DfE LA number the return belongs to (required)")
	year := fs.Int("year", 0, "collection year, named by its end: 2025 for 2024-25 (required)")
	ret := fs.String("return", "", "ssda903, cin or workforce (default: recognised from the files)")
	dsn := fs.String("db", defaultDB(e), "SQLite file or postgres:// URL")
	keyPath := fs.String("key", defaultKey(e), "pseudonymisation secret (created on first use)")
	by := fs.String("by", currentUser(e), "who is loading, recorded with the snapshot")
	show := fs.Int("show", 10, "findings to print (0 for none, -1 for all)")
	providers := fs.String("providers", "", "Ofsted provider list, CSV with columns urn, postcode, la, kind (for the URN checks)")
	postcodes := fs.String("postcodes", "", "postcode coordinates, CSV with columns postcode, easting, northing and optionally la (for the distance and placement-authority checks)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *la == 0 || *year == 0 || fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, "csperf load: --authority, --year and at least one PATH are required")
		return errUsage
	}
	st, key, err := openStore(ctx, *dsn, *keyPath)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := load.Run(ctx, st, key, load.Request{Authority: *la, Year: *year, Return: *ret, Paths: fs.Args(),
		By: *by, Progress: progressBar(e.stderr), Providers: *providers, Postcodes: *postcodes})
	if err != nil {
		return fmt.Errorf("nothing loaded: %w", err)
	}
	printLoad(e.stdout, *la, *year, res, *show)
	if res.Duplicate {
		return nil
	}
	n, err := kpi.Refresh(ctx, st, key, *la)
	if err != nil {
		return fmt.Errorf("loaded as snapshot %d, but recomputing the indicators failed: %w", res.Snapshot, err)
	}
	fmt.Fprintf(e.stdout, "LA %d: %d indicator values recomputed\n", *la, n)
	return nil
}

// printLoad writes the summary of one load.
func printLoad(w io.Writer, la, year int, res load.Result, show int) {
	if res.Duplicate {
		fmt.Fprintf(w, "LA %d %s %d-%02d: these files were already loaded as snapshot %d; nothing new stored\n",
			la, res.Return, year-1, year%100, res.Snapshot)
		return
	}
	var parts []string
	for _, c := range res.Counts {
		parts = append(parts, fmt.Sprintf("%d %s", c.N, c.What))
	}
	n := finding.Count(res.Findings)
	fmt.Fprintf(w, "LA %d %s %d-%02d: snapshot %d — %s; findings: %d errors, %d queries, %d warnings; %s\n",
		la, res.Return, year-1, year%100, res.Snapshot, strings.Join(parts, ", "),
		n[finding.Error], n[finding.Query], n[finding.Warning], res.Elapsed.Round(time.Millisecond))
	if show < 0 {
		show = len(res.Findings)
	}
	for i, f := range res.Findings {
		if i == show {
			fmt.Fprintf(w, "  … and %d more (csperf snapshots shows them per snapshot)\n", len(res.Findings)-show)
			break
		}
		fmt.Fprintf(w, "  %s\n", f)
	}
}

// progressBar returns a progress callback: a bar redrawn in place on a terminal, a plain line per
// tenth otherwise.
func progressBar(w io.Writer) func(done, total int64) {
	terminal := isTerminal(w)
	lastTenth := int64(-1)
	return func(done, total int64) {
		if total <= 0 {
			return
		}
		if terminal {
			const width = 30
			filled := int(done * width / total)
			fmt.Fprintf(w, "\rreading [%s%s] %3d%% of %.1f MB", strings.Repeat("#", filled),
				strings.Repeat(" ", width-filled), done*100/total, float64(total)/1e6)
			if done >= total {
				fmt.Fprintln(w)
			}
			return
		}
		if tenth := done * 10 / total; tenth != lastTenth && (tenth > lastTenth) {
			lastTenth = tenth
			fmt.Fprintf(w, "read %d%% of %.1f MB\n", tenth*10, float64(total)/1e6)
		}
	}
}

// isTerminal reports whether w is a terminal, where progress can be redrawn in place.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// currentUser names who is running the command, for the audit trail of a load.
func currentUser(e *env) string {
	for _, k := range []string{"CSPERF_USER", "USER", "LOGNAME"} {
		if v := e.getenv(k); v != "" {
			return v
		}
	}
	return "unknown"
}
