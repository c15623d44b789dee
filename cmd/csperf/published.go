package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"csperf/internal/compare"
	"csperf/internal/store"
)

func runPublished(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "import" {
		fmt.Fprintln(e.stderr, `csperf published: say "import PATH..." (run "csperf help published" for the flags)`)
		return errUsage
	}
	fs := newFlags(e, "published", "import [--db DSN] PATH...",
		"Reads DfE's published statistics (the \"tidy\" CSV files of Explore Education Statistics) and stores\n"+
			"each series csperf maps to an indicator, keeping suppression symbols (c, k, u, x, z, low) as symbols\n"+
			"and the source file's checksum. PATH may be files or folders. A file csperf does not know is\n"+
			"reported, not guessed.")
	dsn := fs.String("db", defaultDB(e), "SQLite file or postgres:// URL")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, "csperf published import: give at least one file or folder")
		return errUsage
	}
	var files []string
	for _, p := range fs.Args() {
		st, err := os.Stat(p)
		if err != nil {
			return fmt.Errorf("cannot open %s: %w", p, err)
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		matches, _ := filepath.Glob(filepath.Join(p, "*.csv"))
		files = append(files, matches...)
	}
	sort.Strings(files)
	known := map[string]bool{}
	for _, k := range compare.KnownFiles() {
		known[k] = true
	}
	st, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	var skipped []string
	for _, path := range files {
		if !known[filepath.Base(path)] {
			// Statistical-neighbour lists are recognised by their columns.
			if f, err := os.Open(path); err == nil {
				nb, model, nerr := compare.ReadNeighbours(filepath.Base(path), f)
				f.Close()
				if nerr == nil {
					if err := st.SavePublishedNeighbours(ctx, model, nb); err != nil {
						return err
					}
					fmt.Fprintf(e.stdout, "%s: statistical neighbours (%s model) of %d authorities stored\n", filepath.Base(path), model, len(nb))
					continue
				}
			}
			skipped = append(skipped, filepath.Base(path))
			continue
		}
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("cannot open %s: %w", path, err)
		}
		figs, notes, err := compare.ReadPublished(filepath.Base(path), f)
		f.Close()
		if err != nil {
			return fmt.Errorf("nothing stored from %s: %w", path, err)
		}
		if len(figs) == 0 {
			continue
		}
		rows := make([]store.PublishedValue, len(figs))
		for i, p := range figs {
			rows[i] = store.PublishedValue{Source: p.Source, Indicator: p.Indicator, Year: p.Year, Level: p.Level,
				Region: p.Region, Authority: p.Authority, Value: p.Value, Symbol: p.Symbol,
				Numerator: p.Numerator, Denominator: p.Denominator}
		}
		if err := st.SavePublished(ctx, store.PublishedSource{Name: figs[0].Source, SHA256: figs[0].SHA256}, rows); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s: %d figures stored (sha256 %.12s…)\n", filepath.Base(path), len(rows), figs[0].SHA256)
		for _, n := range notes {
			fmt.Fprintf(e.stdout, "  note: %s\n", n)
		}
	}
	for _, s := range skipped {
		fmt.Fprintf(e.stdout, "%s: not a statistics file csperf knows; not read\n", s)
	}
	return nil
}
