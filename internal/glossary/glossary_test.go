package glossary

import (
	"reflect"
	"sort"
	"strings"
	"testing"
)

func TestTermsComplete(t *testing.T) {
	// The acronyms DESIGN.md promises, and those its indicators and pages use.
	want := []string{"CLA", "LAC", "CIN", "CP", "CPP", "EET", "NEET", "SGO", "UASC", "ICPC", "RCPC",
		"S47", "S20", "MASH", "SPA", "ASYE", "YOS", "SDQ", "RAG", "SN", "LA", "DfE", "IRO", "PLO", "OC2",
		"OC3", "CAO", "ONS", "LAIT", "FTE", "KPI", "SW"}
	for _, a := range want {
		if _, ok := Lookup(a); !ok {
			t.Errorf("glossary has no entry for %s", a)
		}
	}
	ts := Terms()
	if !sort.SliceIsSorted(ts, func(i, j int) bool { return strings.ToUpper(ts[i].Acronym) < strings.ToUpper(ts[j].Acronym) }) {
		t.Error("terms are not in alphabetical order of acronym")
	}
	for _, tm := range ts {
		if tm.Acronym == "" || strings.TrimSpace(tm.Acronym) != tm.Acronym || strings.ContainsAny(tm.Acronym, " -/") {
			t.Errorf("acronym %q is not a single word", tm.Acronym)
		}
		if tm.Expansion == "" || len(tm.Meaning) < 30 || !strings.HasSuffix(tm.Meaning, ".") {
			t.Errorf("%s: expansion %q or meaning %q is missing or not a sentence", tm.Acronym, tm.Expansion, tm.Meaning)
		}
	}
	ts[0].Acronym = "changed"
	if Terms()[0].Acronym == "changed" {
		t.Error("Terms hands out the glossary itself; callers could change it")
	}
}

func TestLookup(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"CLA", "Child Looked After", true},
		{"cla", "Child Looked After", true},
		{" DFE ", "Department for Education", true},
		{"DfE", "Department for Education", true},
		{"s47", "Section 47 of the Children Act 1989", true},
		{"FTE", "Full-Time Equivalent", true},
		{"XYZ", "", false},
		{"", "", false},
	} {
		got, ok := Lookup(tc.in)
		if ok != tc.ok || got.Expansion != tc.want {
			t.Errorf("Lookup(%q) = %q, %v; want %q, %v", tc.in, got.Expansion, ok, tc.want, tc.ok)
		}
	}
}

func TestFind(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"", nil},
		{"Children looked after (CLA) per 10,000 children", []string{"CLA"}},
		{"CIN/CP figures from the DfE and the ONS; CIN again", []string{"CIN", "CP", "DfE", "ONS"}},
		{"ICPCs held within 15 working days of the S47 strategy discussion", []string{"ICPC", "S47"}},
		{"EET and NEET care leavers", []string{"EET", "NEET"}},
		{"LAs and their SNs", []string{"LA", "SN"}},
		{"LAIT is not LA", []string{"LAIT", "LA"}},
		{"cla, Cla and sw are words, not acronyms; CLAIM and SPAN are not matches", nil},
		{"CLAIMS, SPANs, but CLAs", []string{"CLA"}},
		{"A CPP (child protection plan) is not a CP", []string{"CPP", "CP"}},
		{"OC2, OC3 and the SSDA903", []string{"OC2", "OC3", "SSDA903"}},
		{"RAG-rated KPIs", []string{"RAG", "KPI"}},
		{"Is this SEN?", []string{"SEN"}},
	} {
		var got []string
		for _, tm := range Find(tc.text) {
			got = append(got, tm.Acronym)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Find(%q) = %v; want %v", tc.text, got, tc.want)
		}
	}
}
