package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"github.com/xuri/excelize/v2"

	"csperf/internal/disclose"
	"csperf/internal/indicator"
	"csperf/internal/scorecard"
)

func runScorecard(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "scorecard", "--authority NUM --at DATE [--audience internal|member|public] [--format text|csv|json]",
		"Shows an authority's indicators at a date beside the previous quarter and a year earlier (with the\n"+
			"direction of travel), England, region, statistical neighbours, rank and band, and a sentence\n"+
			"about each. An authority without loaded returns is shown from DfE's published figures.")
	la := fs.Int("authority", 0, "DfE LA number (required)")
	at := fs.String("at", "", "date, YYYY-MM-DD (required)")
	audience := fs.String("audience", "internal", "internal, member or public (member and public suppress counts of 1–5)")
	format := fs.String("format", "text", "text, csv, json or xlsx (xlsx goes to standard output: redirect it to a file)")
	dsn := fs.String("db", defaultDB(e), "SQLite file or postgres:// URL")
	keyPath := fs.String("key", defaultKey(e), "pseudonymisation secret")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *la == 0 || *at == "" {
		fmt.Fprintln(e.stderr, "csperf scorecard: --authority and --at are required")
		return errUsage
	}
	aud := map[string]disclose.Audience{"internal": disclose.Analyst, "member": disclose.Member, "public": disclose.Public}[*audience]
	if aud == "" || (*format != "text" && *format != "csv" && *format != "json" && *format != "xlsx") {
		fmt.Fprintln(e.stderr, "csperf scorecard: --audience is internal, member or public; --format is text, csv, json or xlsx")
		return errUsage
	}
	d, err := parseDate(*at)
	if err != nil {
		return err
	}
	st, key, err := openStore(ctx, *dsn, *keyPath)
	if err != nil {
		return err
	}
	defer st.Close()
	rows, source, err := scorecard.Build(ctx, st, key, *la, d, aud)
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return fmt.Errorf("no figures for LA %d at %s: load its returns or import published statistics", *la, d)
	}
	return printScorecard(e.stdout, rows, source, *audience, aud, *format)
}

func printScorecard(w io.Writer, rows []scorecard.Row, source, audience string, aud disclose.Audience, format string) error {
	num := func(ind indicator.Indicator, ok bool, x float64) string {
		if !ok {
			return ""
		}
		return strconv.FormatFloat(indicator.Round(x, ind.Decimals), 'f', ind.Decimals, 64)
	}
	prev := func(r scorecard.Row, v *indicator.Value) string { // earlier values are disclosed as the current one
		if v == nil || !v.Valid {
			return ""
		}
		return disclose.Show(r.Indicator, *v, aud)
	}
	type line struct {
		Indicator, Title, Value, Numerator, Denominator, Previous, YearAgo, Trend, YearTrend string
		England, Region, SNMean, Rank, Band, Comparators, Funnel, Target, RAG, Narrative     string
	}
	var lines []line
	for _, r := range rows {
		c := r.Comparison
		l := line{Indicator: r.Indicator.ID, Title: r.Indicator.Title, Value: r.Shown,
			Previous: prev(r, r.Previous), YearAgo: prev(r, r.YearAgo), Trend: string(r.Trend), YearTrend: string(r.YearTrend),
			England: num(r.Indicator, c.HasEngland, c.England), Region: num(r.Indicator, c.HasRegion, c.Region),
			SNMean: num(r.Indicator, c.SNCount > 0, c.SNMean), Band: c.Band, Comparators: r.Comparator,
			RAG: r.Rating.Label(), Narrative: r.Narrative, Funnel: string(r.Funnel)}
		if r.Target != nil && r.Target.Target != nil {
			l.Target = num(r.Indicator, true, *r.Target.Target)
		}
		if r.Shown != disclose.Suppressed && r.Value.Denominator > 0 {
			l.Numerator, l.Denominator = strconv.FormatInt(r.Value.Numerator, 10), strconv.FormatInt(r.Value.Denominator, 10)
		}
		if c.Rank > 0 {
			l.Rank = fmt.Sprintf("%d of %d", c.Rank, c.Of)
		}
		lines = append(lines, l)
	}
	header := []string{"indicator", "value", "numerator", "denominator", "previous_quarter", "year_ago", "direction_quarter",
		"direction_year", "england", "region", "sn_mean", "rank", "band", "comparators", "funnel_vs_england", "target", "rag", "narrative"}
	records := func() [][]string {
		out := [][]string{header}
		for _, l := range lines {
			out = append(out, []string{l.Indicator, l.Value, l.Numerator, l.Denominator, l.Previous, l.YearAgo, l.Trend, l.YearTrend,
				l.England, l.Region, l.SNMean, l.Rank, l.Band, l.Comparators, l.Funnel, l.Target, l.RAG, l.Narrative})
		}
		return out
	}
	switch format {
	case "xlsx":
		f := excelize.NewFile()
		defer f.Close()
		const sheet = "Scorecard"
		if err := f.SetSheetName("Sheet1", sheet); err != nil {
			return err
		}
		for i, rec := range records() {
			for j, v := range rec {
				cell, err := excelize.CoordinatesToCellName(j+1, i+1)
				if err != nil {
					return err
				}
				if err := f.SetCellValue(sheet, cell, v); err != nil {
					return err
				}
			}
		}
		return f.Write(w)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"source": source, "audience": audience, "rows": lines})
	case "csv":
		cw := csv.NewWriter(w)
		if err := cw.WriteAll(records()); err != nil {
			return err
		}
		return cw.Error()
	}
	fmt.Fprintf(w, "Values from %s; audience %s.\n", source, audience)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "INDICATOR\tVALUE\tA YEAR AGO\tDIRECTION\tENGLAND\tREGION\tSN MEAN\tRANK\tBAND\tTARGET\tRAG")
	for _, l := range lines {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", l.Title, l.Value, l.YearAgo, l.YearTrend, l.England,
			l.Region, l.SNMean, l.Rank, l.Band, l.Target, l.RAG)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	for _, l := range lines {
		if l.Narrative != "" {
			fmt.Fprintf(w, "- %s\n", l.Narrative)
		}
	}
	return nil
}
