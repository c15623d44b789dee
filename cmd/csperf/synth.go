package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"csperf/internal/synth"
)

func runSynth(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "synth", "--out DIR [flags]",
		"Writes synthetic councils' returns, year by year, as the councils would submit them.")
	out := fs.String("out", "", "folder to write to (created if needed)")
	n := fs.Int("authorities", 20, "number of authorities (153 is England)")
	years := fs.Int("years", 5, "collection years to write")
	last := fs.Int("last-year", 2025, "latest collection year, named by its end (2025 = 2024-25)")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same files")
	rate := fs.Float64("errors", 0, "share of records given a known mistake (0 to 0.5); each is listed in errors.csv")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "authorities simulated at once")
	quiet := fs.Bool("quiet", false, "print only the summary")
	population := fs.Int("population", 0, "give every authority this 0–17 population (default: varied, 8,000–300,000)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		fmt.Fprintln(e.stderr, "csperf synth: --out is required")
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "csperf synth: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	g, err := synth.New(synth.Options{Authorities: *n, Years: *years, LastYear: *last, Seed: *seed,
		ErrorRate: *rate, Workers: *workers, Population: *population})
	if err != nil {
		return err
	}
	if err := checkWritable(*out); err != nil {
		return err
	}
	start := time.Now()
	terminal := isTerminal(e.stderr)
	progress := func(done, total int) {
		switch {
		case *quiet:
		case terminal:
			fmt.Fprintf(e.stderr, "\r%d of %d authorities written", done, total)
			if done == total {
				fmt.Fprintln(e.stderr)
			}
		case done == total || done%10 == 0:
			fmt.Fprintf(e.stderr, "%d of %d authorities written\n", done, total)
		}
	}
	sum, err := g.Write(ctx, *out, progress)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %d authorities × %d years to %s in %s: %d files, %.1f MB\n",
		sum.Authorities, sum.Years, *out, time.Since(start).Round(time.Millisecond), sum.Files, float64(sum.Bytes)/1e6)
	fmt.Fprintf(e.stdout, "903: %d child-years, %d episodes; CIN: %d child-years", sum.Children, sum.Episodes, sum.CINChildren)
	if *rate > 0 {
		fmt.Fprintf(e.stdout, "; %d mistakes injected (see errors.csv in each year's folder)", sum.Errors)
	}
	fmt.Fprintln(e.stdout)
	return nil
}

// checkWritable makes dir and proves a file can be created in it, so that a bad path fails before
// minutes of work.
func checkWritable(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot create output folder: %w", err)
	}
	f, err := os.CreateTemp(dir, ".csperf-write-test-*")
	if err != nil {
		return fmt.Errorf("cannot write to output folder %s: %w", filepath.Clean(dir), err)
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}
