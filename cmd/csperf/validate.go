package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"csperf/internal/cin"
	"csperf/internal/finding"
	"csperf/internal/indicator"
	"csperf/internal/load"
	"csperf/internal/ssda903"
)

func runValidate(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "validate", "--authority NUM --year YYYY [flags] PATH...",
		"Reads a return and runs the DfE checks on it without storing anything: the same reading and\n"+
			"checks as \"csperf load\". Give last year's 903 tables in a folder named \"previous\" (or files\n"+
			"ending \"_last.csv\") to run the checks that compare years.")
	la := fs.Int("authority", 0, "DfE LA number (required)")
	year := fs.Int("year", 0, "collection year, named by its end: 2025 for 2024-25 (required)")
	ret := fs.String("return", "", "ssda903, cin or workforce (default: recognised from the files)")
	show := fs.Int("show", 50, "findings to print (-1 for all)")
	providers := fs.String("providers", "", "Ofsted provider list, CSV with columns urn, postcode, la, kind (for the URN checks)")
	postcodes := fs.String("postcodes", "", "postcode coordinates, CSV with columns postcode, easting, northing and optionally la (for the distance and placement-authority checks)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *la == 0 || *year == 0 || fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, "csperf validate: --authority, --year and at least one PATH are required")
		return errUsage
	}
	p, err := load.Read(load.Request{Authority: *la, Year: *year, Return: *ret, Paths: fs.Args(),
		Providers: *providers, Postcodes: *postcodes})
	if err != nil {
		return fmt.Errorf("cannot check: %w", err)
	}
	n := finding.Count(p.Findings)
	fmt.Fprintf(e.stdout, "LA %d %s %d-%02d: %d errors, %d queries, %d warnings\n", *la, p.Return, *year-1, *year%100,
		n[finding.Error], n[finding.Query], n[finding.Warning])
	limit := *show
	if limit < 0 {
		limit = len(p.Findings)
	}
	for i, f := range p.Findings {
		if i == limit {
			fmt.Fprintf(e.stdout, "… and %d more (--show -1 for all)\n", len(p.Findings)-limit)
			break
		}
		fmt.Fprintf(e.stdout, "  %s\n", f)
	}
	printByRule(e.stdout, p.Findings)
	return nil
}

// printByRule summarises findings by rule, with the indicators each rule's records feed.
func printByRule(w io.Writer, fs []finding.Finding) {
	type rule struct {
		code, severity string
		n              int
		parts          map[string]bool
	}
	byCode := map[string]*rule{}
	var order []string
	for _, f := range fs {
		if f.Severity == finding.Warning {
			continue
		}
		r := byCode[f.Rule]
		if r == nil {
			r = &rule{code: f.Rule, severity: string(f.Severity), parts: map[string]bool{}}
			byCode[f.Rule] = r
			order = append(order, f.Rule)
		}
		r.n++
		r.parts[f.Table] = true
	}
	if len(order) == 0 {
		return
	}
	sort.SliceStable(order, func(i, j int) bool { return byCode[order[i]].n > byCode[order[j]].n })
	fmt.Fprintln(w, "By check (most frequent first), with the indicators its records feed:")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, c := range order {
		r := byCode[c]
		var parts []string
		for p := range r.parts {
			parts = append(parts, p)
		}
		affects := strings.Join(indicator.AffectedBy(parts...), ", ")
		if affects == "" {
			affects = "no indicator"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%d\t%s\n", r.code, r.severity, r.n, affects)
	}
	tw.Flush()
}

func runChecks(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "checks", "[--return ssda903|cin]", "Lists the DfE checks csperf runs, with what each one checks.")
	ret := fs.String("return", "", "only the checks of this return: ssda903 or cin")
	if err := parse(fs, args); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RETURN\tCODE\tSEVERITY\tREADS\tAFFECTS\tCHECKS THAT")
	n := 0
	if *ret == "" || *ret == "ssda903" {
		for _, c := range ssda903.Checks() {
			tables := make([]string, len(c.Tables))
			for i, t := range c.Tables {
				tables[i] = string(t)
			}
			fmt.Fprintf(tw, "ssda903\t%s\t%s\t%s\t%d indicators\t%s\n", c.Code, c.Severity, strings.Join(tables, ","),
				len(indicator.AffectedBy(tables...)), c.About)
			n++
		}
	}
	if *ret == "" || *ret == "cin" {
		for _, c := range cin.Checks() {
			fmt.Fprintf(tw, "cin\t%s\t%s\t%s\t%d indicators\t%s\n", c.Code, c.Severity, strings.Join(c.Elements, ","),
				len(indicator.AffectedBy(c.Elements...)), c.About)
			n++
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d checks\n", n)
	return nil
}
