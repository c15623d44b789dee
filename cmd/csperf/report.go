package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"csperf/internal/calendar"
	"csperf/internal/report"
)

func runReport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "report", "--authority NUM --period PERIOD --pack NAME|FILE --audience exempt|public --format html|pdf|xlsx --out FILE",
		"Writes a committee's performance report for a period: a cover naming the snapshots and published\n"+
			"files used, a summary of ratings by service area, a page per indicator (chart, value with its\n"+
			"counts, previous period and a year earlier, England, region and statistical neighbours, rank,\n"+
			"target, rating and narrative), improvement plans, data quality, definitions and a glossary.\n\n"+
			"PERIOD is a calendar quarter (2025-Q4 ends on 31 December 2025; Q1 is January to March), a\n"+
			"month (2025-03) or a financial year (2024-25 ends on 31 March 2025). The built-in packs are\n"+
			"corporate-parenting and cyp-scrutiny; a council can give its own YAML or JSON file instead.\n"+
			"An exempt report is for the closed part of a meeting; a public one suppresses counts of 1 to 5.\n"+
			"PDF needs Debian's chromium (or chromium-headless-shell) package.")
	la := fs.Int("authority", 0, "DfE LA number (required)")
	period := fs.String("period", "", "2025-Q4, 2025-03 or 2024-25 (required)")
	packName := fs.String("pack", "", "corporate-parenting, cyp-scrutiny or a pack file (required)")
	audience := fs.String("audience", "", "exempt or public (required)")
	format := fs.String("format", "", "html, pdf or xlsx (default: from the --out file's extension)")
	out := fs.String("out", "", "file to write (required)")
	date := fs.String("date", "", "issue date printed on the cover, YYYY-MM-DD (default today)")
	dsn := fs.String("db", defaultDB(e), "SQLite file or postgres:// URL")
	keyPath := fs.String("key", defaultKey(e), "pseudonymisation secret")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *la == 0 || *period == "" || *packName == "" || *audience == "" || *out == "" {
		fmt.Fprintln(e.stderr, "csperf report: --authority, --period, --pack, --audience and --out are required")
		return errUsage
	}
	if *format == "" {
		*format = strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")
	}
	if *format != "html" && *format != "pdf" && *format != "xlsx" {
		fmt.Fprintln(e.stderr, "csperf report: --format is html, pdf or xlsx")
		return errUsage
	}
	per, err := report.ParsePeriod(*period)
	if err != nil {
		return err
	}
	aud, err := report.ParseAudience(*audience)
	if err != nil {
		return err
	}
	issued := calendar.FromTime(time.Now())
	if *date != "" {
		if issued, err = parseDate(*date); err != nil {
			return err
		}
	}
	pack, err := report.LoadPack(*packName)
	if err != nil {
		return err
	}
	st, key, err := openStore(ctx, *dsn, *keyPath)
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	r, err := report.Build(ctx, st, key, report.Options{Authority: *la, Period: per, Pack: pack, Audience: aud, Issued: issued})
	if err != nil {
		return err
	}
	var b bytes.Buffer
	switch *format {
	case "html":
		err = report.WriteHTML(&b, r)
	case "pdf":
		err = report.WritePDF(ctx, &b, r)
	case "xlsx":
		err = report.WriteXLSX(&b, r)
	}
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("cannot write the report: %w", err)
	}
	fmt.Fprintf(e.stdout, "%s report for %s (LA %d), %s, %s: %d indicators in %d sections written to %s in %s\n",
		aud, r.AuthorityName, r.Authority, pack.Title, per.Label, r.Totals.Total(), len(r.Sections), *out,
		time.Since(start).Round(time.Millisecond))
	return nil
}
