package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"csperf/internal/finding"
	"csperf/internal/indicator"
	"csperf/internal/store"
)

func runFigures(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || (args[0] != "import" && args[0] != "list") {
		fmt.Fprintln(e.stderr, `csperf figures: say "import FILE" or "list" (run "csperf help figures" for the flags)`)
		return errUsage
	}
	sub, rest := args[0], args[1:]
	fs := newFlags(e, "figures", "import [--by NAME] FILE.csv|FILE.xlsx | list [--authority NUM]",
		"Local figures are the indicators the returns do not hold (health attendance at strategy meetings,\n"+
			"health passports, foster carers approved, mental health assessments, school attendance of\n"+
			"children looked after). \"import\" reads them from CSV or XLSX with the columns\n"+
			"authority, indicator, period_end, numerator, denominator[, note] and stores them (nothing is\n"+
			"stored if any row is wrong); \"list\" shows what is stored.")
	dsn := fs.String("db", defaultDB(e), "SQLite file or postgres:// URL")
	by := fs.String("by", currentUser(e), "who entered the figures")
	la := fs.Int("authority", 0, "list: only this DfE LA number")
	if err := parse(fs, rest); err != nil {
		return err
	}
	if sub == "import" && fs.NArg() != 1 {
		fmt.Fprintln(e.stderr, "csperf figures import: give one CSV or XLSX file")
		return errUsage
	}
	st, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	if sub == "list" {
		figs, err := st.LocalFigures(ctx, *la)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "LA\tINDICATOR\tPERIOD END\tNUMERATOR\tDENOMINATOR\tENTERED BY\tNOTE")
		for _, f := range figs {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%d\t%s\t%s\n", f.Authority, f.Indicator, f.PeriodEnd.DMY(), f.Numerator,
				f.Denominator, f.EnteredBy, f.Note)
		}
		return tw.Flush()
	}

	path := fs.Arg(0)
	fh, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("cannot open %s: %w", path, err)
	}
	defer fh.Close()
	var figs []indicator.LocalFigure
	var found []finding.Finding
	if strings.EqualFold(filepath.Ext(path), ".xlsx") {
		figs, found, err = indicator.ReadLocalFiguresXLSX(path, fh)
	} else {
		figs, found, err = indicator.ReadLocalFigures(path, fh)
	}
	if err != nil {
		return fmt.Errorf("nothing stored: %w", err)
	}
	for _, f := range found {
		fmt.Fprintf(e.stdout, "  %s\n", f)
	}
	if finding.Count(found)[finding.Error] > 0 {
		return fmt.Errorf("nothing stored: %d rows need correcting", finding.Count(found)[finding.Error])
	}
	rows := make([]store.LocalFigure, len(figs))
	for i, f := range figs {
		rows[i] = store.LocalFigure{Authority: f.Authority, Indicator: f.Indicator, PeriodEnd: f.PeriodEnd,
			Numerator: f.Numerator, Denominator: f.Denominator, Note: f.Note, EnteredBy: *by}
	}
	if err := st.SaveLocalFigures(ctx, rows); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d local figures stored from %s\n", len(rows), path)
	return nil
}
