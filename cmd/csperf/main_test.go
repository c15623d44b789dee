package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"csperf/internal/store"
)

// runCLI runs one command line and returns its exit status, stdout and stderr.
func runCLI(t *testing.T, vars map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, getenv: func(k string) string { return vars[k] }}
	code := run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

func TestBadInputIsOneLine(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		code     int
		contains string
	}{
		{"no subcommand", nil, 2, "Usage"},
		{"unknown subcommand", []string{"frobnicate"}, 2, `unknown subcommand "frobnicate"`},
		{"unknown flag", []string{"synth", "--bogus"}, 2, "flag provided but not defined: -bogus"},
		{"bad flag value", []string{"synth", "--out", dir, "--authorities", "many"}, 2, `invalid value "many"`},
		{"missing --out", []string{"synth"}, 2, "--out is required"},
		{"out of range", []string{"synth", "--out", dir, "--authorities", "0"}, 1, "authorities must be between 1 and 400"},
		{"unwritable folder", []string{"synth", "--out", filepath.Join(file, "sub")}, 1, "cannot create output folder"},
		{"unreachable database", []string{"snapshots", "--db", "postgres://csperf@127.0.0.1:1/none?connect_timeout=2"}, 1, "cannot reach PostgreSQL at 127.0.0.1:1"},
		{"database in a file", []string{"snapshots", "--db", filepath.Join(file, "x.db")}, 1, "cannot open SQLite database"},
		{"load without year", []string{"load", "--authority", "857", dir}, 2, "--authority, --year and at least one PATH are required"},
		{"load missing file", []string{"load", "--authority", "857", "--year", "2025", "--key", filepath.Join(dir, "k"), "--db", filepath.Join(dir, "a.db"), filepath.Join(dir, "nope.csv")}, 1, "nothing loaded: cannot open"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, nil, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.contains) {
				t.Errorf("stderr %q does not contain %q", stderr, tt.contains)
			}
			if tt.args != nil && strings.Count(strings.TrimRight(stderr, "\n"), "\n") != 0 {
				t.Errorf("error is not one line: %q", stderr)
			}
			if strings.Contains(stderr, "goroutine") || strings.Contains(stderr, "panic") {
				t.Errorf("stack trace on stderr: %q", stderr)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	code, out, _ := runCLI(t, nil, "help")
	if code != 0 || !strings.Contains(out, "synth") || !strings.Contains(out, "load") {
		t.Errorf("help: exit %d, output %q", code, out)
	}
	code, out, _ = runCLI(t, nil, "help", "synth")
	if code != 0 || !strings.Contains(out, "-authorities") {
		t.Errorf("help synth: exit %d, output %q", code, out)
	}
}

// TestSynthLoadSnapshots runs the pipeline as a user would: generate, load each kind of file,
// load one again, list.
func TestSynthLoadSnapshots(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"CSPERF_KEY": filepath.Join(dir, "key"), "CSPERF_DB": filepath.Join(dir, "csperf.db"), "USER": "tester"}
	data := filepath.Join(dir, "data")
	code, out, stderr := runCLI(t, env, "synth", "--out", data, "--authorities", "1", "--years", "1", "--quiet")
	if code != 0 {
		t.Fatalf("synth: exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "wrote 1 authorities × 1 years") {
		t.Errorf("synth output %q", out)
	}
	matches, _ := filepath.Glob(filepath.Join(data, "*", "2024-25"))
	if len(matches) != 1 {
		t.Fatalf("year folders: %v", matches)
	}
	yd := matches[0]
	la := filepath.Base(filepath.Dir(yd))
	for _, p := range []string{filepath.Join(yd, "ssda903"), filepath.Join(yd, "ssda903.xml"), filepath.Join(yd, "cin.xml"), filepath.Join(yd, "workforce.csv")} {
		code, out, stderr := runCLI(t, env, "load", "--authority", la, "--year", "2025", p)
		if code != 0 {
			t.Fatalf("load %s: exit %d: %s", p, code, stderr)
		}
		if !strings.Contains(out, "snapshot") || !strings.Contains(out, "0 errors") {
			t.Errorf("load %s: %q", p, out)
		}
	}
	code, out, _ = runCLI(t, env, "load", "--authority", la, "--year", "2025", filepath.Join(yd, "cin.xml"))
	if code != 0 || !strings.Contains(out, "already loaded as snapshot 3") {
		t.Errorf("second load of cin.xml: exit %d, %q", code, out)
	}
	code, out, _ = runCLI(t, env, "snapshots")
	if code != 0 || strings.Count(out, "\n") != 5 || !strings.Contains(out, "tester") {
		t.Errorf("snapshots: exit %d\n%s", code, out)
	}
}

func TestFiguresImport(t *testing.T) {
	dir := t.TempDir()
	vars := map[string]string{"CSPERF_DB": filepath.Join(dir, "csperf.db"), "USER": "ana"}
	good := filepath.Join(dir, "figures.csv")
	if err := os.WriteFile(good, []byte("authority,indicator,period_end,numerator,denominator,note\n"+
		"857,foster-carers-approved,2025-03-31,12,0,panel minutes\n"+
		"857,care-leavers-health-passport,31/03/2025,9,11,\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCLI(t, vars, "figures", "import", good)
	if code != 0 || !strings.Contains(out, "2 local figures stored") {
		t.Fatalf("import: exit %d, %q %q", code, out, stderr)
	}
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("authority,indicator,period_end,numerator,denominator\n857,cla-rate,2025-03-31,1,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr = runCLI(t, vars, "figures", "import", bad)
	if code != 1 || !strings.Contains(stderr, "nothing stored") || !strings.Contains(out, "cla-rate") {
		t.Errorf("bad import: exit %d, %q %q", code, out, stderr)
	}
	code, out, _ = runCLI(t, vars, "figures", "list", "--authority", "857")
	if code != 0 || !strings.Contains(out, "foster-carers-approved") || !strings.Contains(out, "ana") || strings.Contains(out, "cla-rate") {
		t.Errorf("list: exit %d\n%s", code, out)
	}
}

func TestPublishedImport(t *testing.T) {
	src := filepath.Join("..", "..", "..", "shared", "data", "dfe", "cla_number_and_rate_per_10k_children.csv")
	if _, err := os.Stat(src); err != nil {
		t.Skipf("published data not found at %s: skipped", src)
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "csperf.db")
	vars := map[string]string{"CSPERF_DB": db}
	other := filepath.Join(dir, "other.csv")
	if err := os.WriteFile(other, []byte("a,b\n1,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCLI(t, vars, "published", "import", src, other)
	if code != 0 || !strings.Contains(out, "cla_number_and_rate_per_10k_children.csv: ") || !strings.Contains(out, "other.csv: not a statistics file") {
		t.Fatalf("import: exit %d\n%s%s", code, out, stderr)
	}
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	vals, err := st.Published(context.Background(), "cla-rate", 2025)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, v := range vals {
		if v.Authority == 857 { // Rutland
			found = true
			if v.Symbol == "" && (v.Value < 10 || v.Value > 100) {
				t.Errorf("Rutland's 2025 rate %v is not plausible", v.Value)
			}
		}
	}
	if !found {
		t.Errorf("no 2025 rate for Rutland among %d published values", len(vals))
	}
}

// TestScorecardRutland shows a small real authority from DfE's published figures: where cohorts are
// small the scorecard gives counts ("9 of 9"), not percentages.
func TestScorecardRutland(t *testing.T) {
	dfe := filepath.Join("..", "..", "..", "shared", "data", "dfe")
	if _, err := os.Stat(dfe); err != nil {
		t.Skipf("published data not found at %s: skipped", dfe)
	}
	dir := t.TempDir()
	vars := map[string]string{"CSPERF_DB": filepath.Join(dir, "csperf.db"), "CSPERF_KEY": filepath.Join(dir, "key")}
	if code, out, stderr := runCLI(t, vars, "published", "import", filepath.Join(dfe, "cla_number_and_rate_per_10k_children.csv"),
		filepath.Join(dfe, "la_cla_placement_stability.csv"), filepath.Join(dfe, "sn_model_2025_wide.csv")); code != 0 ||
		!strings.Contains(out, "statistical neighbours (2025 model)") {
		t.Fatalf("import: %s %s", out, stderr)
	}
	code, out, stderr := runCLI(t, vars, "scorecard", "--authority", "857", "--at", "2025-03-31", "--audience", "public", "--format", "csv")
	if code != 0 {
		t.Fatalf("scorecard: exit %d: %s", code, stderr)
	}
	rows := map[string][]string{}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs[1:] {
		rows[r[0]] = r
	}
	if r := rows["placement-long-term"]; r == nil || !strings.Contains(r[1], " of ") {
		t.Errorf("long-term stability for Rutland = %v, want a count such as \"9 of 9\"", r)
	}
	if r := rows["cla-rate"]; r == nil || r[1] != "40" || r[8] == "" || r[9] == "" || r[10] == "" {
		t.Errorf("CLA rate row %v, want 40 per 10,000 with England, region and statistical neighbours beside it", r)
	}
	if r := rows["placement-3plus"]; r != nil && r[1] != "c" && !strings.Contains(r[1], " of ") {
		t.Errorf("3+ placements for Rutland shown as %q to the public", r[1])
	}
	// The same as a workbook: the numbers read back equal the CSV's.
	code, out, stderr = runCLI(t, vars, "scorecard", "--authority", "857", "--at", "2025-03-31", "--audience", "public", "--format", "xlsx")
	if code != 0 {
		t.Fatalf("scorecard xlsx: exit %d: %s", code, stderr)
	}
	wb, err := excelize.OpenReader(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	sheet, err := wb.GetRows("Scorecard")
	if err != nil {
		t.Fatal(err)
	}
	if len(sheet) != len(recs) {
		t.Fatalf("workbook has %d rows, CSV %d", len(sheet), len(recs))
	}
	for i := range recs {
		for j := range recs[i] {
			if j < len(sheet[i]) && sheet[i][j] != recs[i][j] {
				t.Errorf("workbook row %d column %d = %q, CSV %q", i+1, j+1, sheet[i][j], recs[i][j])
			}
		}
	}
}

// TestScorecardSyntheticDeployment compares an authority with the others loaded in one deployment.
func TestScorecardSyntheticDeployment(t *testing.T) {
	dir := t.TempDir()
	vars := map[string]string{"CSPERF_DB": filepath.Join(dir, "csperf.db"), "CSPERF_KEY": filepath.Join(dir, "key")}
	if code, _, stderr := runCLI(t, vars, "demo", "--authorities", "3", "--loaded", "3", "--years", "2", "--no-serve", "--data", filepath.Join(dir, "data")); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	targets := filepath.Join(dir, "targets.csv")
	if err := os.WriteFile(targets, []byte("indicator,authority,period_end,milestone,target,stretch,tolerance,tolerance_kind,rationale\n"+
		"placement-3plus,680,2025-03-31,,1,0.5,0.5,absolute,fewer moves\n"+ // far below what the council achieves: red
		"health-assessment,680,2025-03-31,,50,60,5,relative,every child\n"), 0o644); err != nil { // easily met: green
		t.Fatal(err)
	}
	if code, out, stderr := runCLI(t, vars, "targets", "import", targets); code != 0 || !strings.Contains(out, "2 targets stored") {
		t.Fatalf("targets import: %s %s", out, stderr)
	}
	code, out, stderr := runCLI(t, vars, "scorecard", "--authority", "680", "--at", "2025-03-31", "--audience", "member", "--format", "json")
	if code != 0 {
		t.Fatalf("scorecard: exit %d: %s", code, stderr)
	}
	var sc struct {
		Source string
		Rows   []map[string]string
	}
	if err := json.Unmarshal([]byte(out), &sc); err != nil {
		t.Fatal(err)
	}
	if sc.Source != "returns" || len(sc.Rows) < 20 {
		t.Fatalf("source %q, %d rows", sc.Source, len(sc.Rows))
	}
	for _, r := range sc.Rows {
		if r["Comparators"] != "this deployment" {
			t.Errorf("%s compared with %q, want this deployment", r["Indicator"], r["Comparators"])
		}
		// A member never sees a count of 1 to 5.
		if v := r["Value"]; len(v) == 1 && v >= "1" && v <= "5" {
			t.Errorf("%s shows a count of %s to a member", r["Indicator"], v)
		}
		if r["Indicator"] == "cla-rate" && (r["England"] == "" || r["Narrative"] == "") {
			t.Errorf("cla-rate row lacks a comparator or a sentence: %v", r)
		}
		if r["Indicator"] == "health-assessment" && (r["Target"] != "50" || !strings.HasPrefix(r["RAG"], "Green")) {
			t.Errorf("health assessments against a target of 50: target %q, RAG %q", r["Target"], r["RAG"])
		}
		if r["Indicator"] == "placement-3plus" && r["Value"] != "c" && !strings.HasPrefix(r["RAG"], "Red") {
			t.Errorf("3+ placements against a target of 1%%: value %q, RAG %q", r["Value"], r["RAG"])
		}
	}
}
