package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"csperf/internal/calendar"
	"csperf/internal/indicator"
	"csperf/internal/kpi"
)

// listFlag collects a flag given more than once.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, strings.Split(s, ",")...); return nil }

func runKPI(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kpi", "--authority NUM [--at DATE | --from DATE --to DATE --every month|quarter|year] [flags] [--files PATH...]",
		"Computes indicators for an authority from its loaded returns (or straight from files with --files),\n"+
			"at one date or as a series. With --children, lists the children behind one indicator at one date\n"+
			"and the facts that put each one there. Dates are YYYY-MM-DD.")
	la := fs.Int("authority", 0, "DfE LA number (required)")
	at := fs.String("at", "", "one date (default: 31 March of the latest year loaded)")
	from := fs.String("from", "", "series start")
	to := fs.String("to", "", "series end")
	every := fs.String("every", "month", "series interval: month, quarter or year")
	var ids listFlag
	fs.Var(&ids, "indicator", "indicator id (repeat or comma-separate; default all computable)")
	format := fs.String("format", "text", "text, csv or json")
	dsn := fs.String("db", defaultDB(e), "SQLite file or postgres:// URL")
	keyPath := fs.String("key", defaultKey(e), "pseudonymisation secret")
	files := fs.Bool("files", false, "read the returns from the folders given as arguments instead of the database")
	children := fs.Bool("children", false, "list the children behind one --indicator at one --at date")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *la == 0 {
		fmt.Fprintln(e.stderr, "csperf kpi: --authority is required")
		return errUsage
	}
	if *files != (fs.NArg() > 0) {
		fmt.Fprintln(e.stderr, "csperf kpi: give folders as arguments with --files, and only then")
		return errUsage
	}
	if *format != "text" && *format != "csv" && *format != "json" {
		fmt.Fprintf(e.stderr, "csperf kpi: unknown format %q (want text, csv or json)\n", *format)
		return errUsage
	}
	for _, id := range ids {
		if _, ok := indicator.Lookup(id); !ok {
			return fmt.Errorf("unknown indicator %q (csperf kpi --authority N --format csv lists the ones computed)", id)
		}
	}

	var h *indicator.History
	if *files {
		var err error
		if h, err = kpi.FromFiles(*la, fs.Args()); err != nil {
			return err
		}
	} else {
		st, key, err := openStore(ctx, *dsn, *keyPath)
		if err != nil {
			return err
		}
		defer st.Close()
		if h, _, err = kpi.Load(ctx, st, key, *la); err != nil {
			return err
		}
	}
	first, last, ok := kpi.Span(h)
	if !ok {
		return fmt.Errorf("no returns loaded for LA %d", *la)
	}

	var dates []calendar.Date
	switch {
	case *at != "" && (*from != "" || *to != ""):
		fmt.Fprintln(e.stderr, "csperf kpi: give either --at or --from/--to, not both")
		return errUsage
	case *from != "" || *to != "":
		f, t := first, last
		var err error
		if *from != "" {
			if f, err = parseDate(*from); err != nil {
				return err
			}
		}
		if *to != "" {
			if t, err = parseDate(*to); err != nil {
				return err
			}
		}
		if dates, err = kpi.Dates(f, t, kpi.Every(*every)); err != nil {
			return err
		}
	default:
		d := last
		if *at != "" {
			var err error
			if d, err = parseDate(*at); err != nil {
				return err
			}
		}
		dates = []calendar.Date{d}
	}

	if *children {
		if len(ids) != 1 || len(dates) != 1 {
			fmt.Fprintln(e.stderr, "csperf kpi: --children needs exactly one --indicator and one --at date")
			return errUsage
		}
		vals, err := indicator.Compute(h, dates[0], true, ids[0])
		if err != nil {
			return err
		}
		return printChildren(e.stdout, vals, *format)
	}
	vals, err := kpi.Series(h, dates, ids...)
	if err != nil {
		return err
	}
	return printValues(e.stdout, vals, *format)
}

func parseDate(s string) (calendar.Date, error) {
	d, err := calendar.ParseISO(s)
	if err != nil {
		return 0, fmt.Errorf("%v: give dates as YYYY-MM-DD", err)
	}
	if d.IsZero() {
		return 0, fmt.Errorf("empty date: give dates as YYYY-MM-DD")
	}
	return d, nil
}

// valueName is the indicator id, with the category of a breakdown after a colon.
func valueName(v indicator.Value) string {
	if v.Category != "" {
		return v.Indicator + ":" + v.Category
	}
	return v.Indicator
}

// formatValue renders a value as a committee would read it: rounded as DfE rounds, and as "n of d"
// where the cohort is too small for a percentage to mean much.
func formatValue(v indicator.Value) string {
	ind, _ := indicator.Lookup(v.Indicator)
	if !v.Valid {
		return "no value (nothing to divide by)"
	}
	s := strconv.FormatFloat(indicator.Round(v.Value, ind.Decimals), 'f', ind.Decimals, 64)
	switch ind.Unit {
	case indicator.Percent:
		if v.Denominator < int64(max(ind.SmallNumber, 1)) {
			return fmt.Sprintf("%d of %d", v.Numerator, v.Denominator)
		}
		return s + "%"
	case indicator.Rate10k:
		return s + " per 10,000"
	case indicator.Days:
		return s + " days"
	}
	return s
}

func printValues(w io.Writer, vals []indicator.Value, format string) error {
	switch format {
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write([]string{"authority", "indicator", "period_end", "numerator", "denominator", "value"})
		for _, v := range vals {
			val := ""
			if v.Valid {
				ind, _ := indicator.Lookup(v.Indicator)
				val = strconv.FormatFloat(indicator.Round(v.Value, ind.Decimals), 'f', ind.Decimals, 64)
			}
			cw.Write([]string{strconv.Itoa(v.Authority), valueName(v), v.PeriodEnd.String(),
				strconv.FormatInt(v.Numerator, 10), strconv.FormatInt(v.Denominator, 10), val})
		}
		cw.Flush()
		return cw.Error()
	case "json":
		type out struct {
			Authority   int      `json:"authority"`
			Indicator   string   `json:"indicator"`
			Category    string   `json:"category,omitempty"`
			PeriodEnd   string   `json:"period_end"`
			Numerator   int64    `json:"numerator"`
			Denominator int64    `json:"denominator"`
			Value       *float64 `json:"value"`
		}
		list := make([]out, 0, len(vals))
		for _, v := range vals {
			o := out{v.Authority, v.Indicator, v.Category, v.PeriodEnd.String(), v.Numerator, v.Denominator, nil}
			if v.Valid {
				x := v.Value
				o.Value = &x
			}
			list = append(list, o)
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(list)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "PERIOD END\tINDICATOR\tVALUE\tNUMERATOR\tDENOMINATOR")
	for _, v := range vals {
		ind, _ := indicator.Lookup(v.Indicator)
		title := ind.Title
		if v.Category != "" {
			title += ": " + v.Category
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\n", v.PeriodEnd.DMY(), title, formatValue(v), v.Numerator, v.Denominator)
	}
	return tw.Flush()
}

func printChildren(w io.Writer, vals []indicator.Value, format string) error {
	switch format {
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write([]string{"indicator", "period_end", "child", "in_numerator", "facts"})
		for _, v := range vals {
			for _, m := range v.Members {
				cw.Write([]string{valueName(v), v.PeriodEnd.String(), m.Child, strconv.FormatBool(m.Numerator), m.Facts})
			}
		}
		cw.Flush()
		return cw.Error()
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(vals)
	}
	for _, v := range vals {
		ind, _ := indicator.Lookup(v.Indicator)
		fmt.Fprintf(w, "%s at %s: %s (%d of %d)\n", ind.Title, v.PeriodEnd.DMY(), formatValue(v), v.Numerator, v.Denominator)
		for _, m := range v.Members {
			mark := "  "
			if m.Numerator {
				mark = "* "
			}
			fmt.Fprintf(w, "  %s%s  %s\n", mark, m.Child, m.Facts)
		}
		fmt.Fprintln(w, "  (* = counted in the numerator)")
	}
	return nil
}
