package main

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"

	"csperf/internal/store"
)

func runSnapshots(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "snapshots", "[--authority NUM] [--findings ID]",
		"Lists the snapshots loaded, newest last, or the findings stored with one snapshot.")
	la := fs.Int("authority", 0, "only this DfE LA number")
	dsn := fs.String("db", defaultDB(e), "SQLite file or postgres:// URL")
	fid := fs.Int64("findings", 0, "print the findings of this snapshot instead")
	if err := parse(fs, args); err != nil {
		return err
	}
	st, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	if *fid != 0 {
		fs, err := st.Findings(ctx, *fid)
		if err != nil {
			return err
		}
		for _, f := range fs {
			fmt.Fprintln(e.stdout, f)
		}
		fmt.Fprintf(e.stdout, "%d findings in snapshot %d\n", len(fs), *fid)
		return nil
	}
	snaps, err := st.Snapshots(ctx, *la)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tLA\tRETURN\tYEAR\tLOADED (UTC)\tBY\tFILES\tROWS")
	for _, s := range snaps {
		var keys []string
		for k := range s.Counts {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var rows []string
		for _, k := range keys {
			if s.Counts[k] > 0 && !strings.HasSuffix(k, ".previous") {
				rows = append(rows, fmt.Sprintf("%s %d", strings.TrimPrefix(strings.TrimPrefix(k, "ssda903_"), "cin_"), s.Counts[k]))
			}
		}
		fmt.Fprintf(tw, "%d\t%d\t%s\t%d-%02d\t%s\t%s\t%d\t%s\n", s.ID, s.Authority, s.Return, s.Year-1, s.Year%100,
			s.LoadedAt.UTC().Format("2006-01-02 15:04"), s.LoadedBy, len(s.Files), strings.Join(rows, ", "))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(snaps) == 0 {
		fmt.Fprintln(e.stdout, "no snapshots loaded")
	}
	return nil
}
