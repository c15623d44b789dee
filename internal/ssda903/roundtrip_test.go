package ssda903

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"csperf/internal/calendar"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func d(y, m, day int) Date { return calendar.Of(y, time.Month(m), day) }

func intp(n int) *int { return &n }

// sample is a return that uses every field of every table: four children, open and closed episodes,
// blanks, a set and a nil SDQ score, a child ID that needs quoting, and a previous year. Records are
// grouped by child in Header order, and the DOB and SEX in other tables match the Header, so the
// XML-representable part survives an XML round trip.
func sample() *Return {
	r := &Return{
		Header: []Header{
			{Child: "C001", Sex: "2", DOB: d(2008, 5, 17), Ethnic: "WBRI", UPN: "A123456789012", Mother: "1", MCDOB: d(2024, 11, 2)},
			{Child: "C002", Sex: "1", DOB: d(2006, 9, 1), Ethnic: "BAFR", UPN: "UN2", Mother: ""},
			{Child: "C003", Sex: "1", DOB: d(2019, 2, 28), Ethnic: "NOBT", UPN: "UN1", Mother: "0"},
			{Child: `C"4,5`, Sex: "2", DOB: d(2012, 12, 31), Ethnic: "MOTH", UPN: "B987654321098"},
		},
		Episodes: []Episode{
			{Child: "C001", DECOM: d(2023, 6, 1), RNE: "S", LS: "C2", CIN: "N1", Place: "U1", PlaceProvider: "PR1",
				DEC: d(2024, 7, 10), REC: "X1", ReasonPlaceChange: "CARPL", HomePost: "NG1 2", PlPost: "NG5 7", URN: "SC123456"},
			{Child: "C001", DECOM: d(2024, 7, 10), RNE: "P", LS: "C2", CIN: "N1", Place: "U4", PlaceProvider: "PR2",
				HomePost: "NG1 2", PlPost: "DE1 3", URN: "XXXXXXX"},
			{Child: "C002", DECOM: d(2022, 1, 3), RNE: "S", LS: "V2", CIN: "N7", Place: "H5", PlaceProvider: "PR4",
				DEC: d(2024, 9, 1), REC: "E17", URN: "1234567"},
			{Child: "C003", DECOM: d(2024, 4, 1), RNE: "S", LS: "E1", CIN: "N2", Place: "A5", PlaceProvider: "PR0"},
			{Child: `C"4,5`, DECOM: d(2025, 1, 15), RNE: "S", LS: "J2", CIN: "N8", Place: "K2",
				DEC: d(2025, 1, 20), REC: "E8", HomePost: "LE1", PlPost: "LE2"},
		},
		Reviews: []Review{
			{Child: "C001", DOB: d(2008, 5, 17), Review: d(2023, 8, 30), ReviewCode: "PN1"},
			{Child: "C001", DOB: d(2008, 5, 17), Review: d(2024, 2, 28), ReviewCode: "PN0"},
			{Child: "C003", DOB: d(2019, 2, 28), Review: d(2024, 5, 1), ReviewCode: "PN7"},
		},
		UASC: []UASC{{Child: "C001", DOB: d(2008, 5, 17), Sex: "2", DUC: d(2024, 5, 16)},
			{Child: "C002", DOB: d(2006, 9, 1), Sex: "1"}},
		OC2: []OC2{
			{Child: "C001", DOB: d(2008, 5, 17), SDQScore: intp(17), SDQReason: "SDQ1", Convicted: "0", HealthCheck: "1",
				Immunisations: "1", TeethCheck: "0", HealthAssessment: "1", SubstanceMisuse: "0",
				InterventionReceived: "", InterventionOffered: "1"},
			{Child: "C002", DOB: d(2006, 9, 1), SDQScore: nil, SDQReason: "SDQ4", Convicted: "1"},
		},
		OC3: []OC3{{Child: "C002", DOB: d(2006, 9, 1), InTouch: "YES", Activ: "F2", Accom: "S1"}},
		AD1: []AD1{{Child: "C003", DOB: d(2019, 2, 28), DateInt: d(2024, 6, 1), DateMatch: d(2024, 9, 12),
			FosterCare: "1", NbAdoptr: "2", SexAdoptr: "MF", LSAdoptr: "L11"}},
		PlacedAdoption: []PlacedAdoption{
			{Child: "C003", DOB: d(2019, 2, 28), DatePlaced: d(2024, 5, 20)},
			{Child: "C003", DOB: d(2019, 2, 28), DatePlaced: d(2023, 3, 1), DatePlacedCeased: d(2023, 11, 30), ReasonPlacedCeased: "RD3"},
		},
		PrevPerm: []PrevPerm{
			{Child: "C001", DOB: d(2008, 5, 17), PrevPerm: "P1", LAPerm: "857", DatePerm: "zz/05/2019"},
			{Child: "C003", DOB: d(2019, 2, 28), PrevPerm: "Z1"},
		},
		Missing: []Missing{
			{Child: "C001", DOB: d(2008, 5, 17), Missing: "M", MisStart: d(2024, 1, 5), MisEnd: d(2024, 1, 6)},
			{Child: "C001", DOB: d(2008, 5, 17), Missing: "A", MisStart: d(2025, 3, 30)},
		},
		SWEpisodes: []SWEpisode{
			{Child: "C001", DOB: d(2008, 5, 17), SWID: "SW42", SWDecom: d(2023, 6, 1), SWDec: d(2024, 1, 31), SWReason: "LEFTRL"},
			{Child: "C001", DOB: d(2008, 5, 17), SWID: "SW7", SWDecom: d(2024, 2, 1)},
		},
	}
	r.Previous = &Return{
		Header:   []Header{{Child: "C001", Sex: "2", DOB: d(2008, 5, 17), Ethnic: "WBRI", UPN: "A123456789012", Mother: "0"}},
		Episodes: []Episode{{Child: "C001", DECOM: d(2023, 6, 1), RNE: "S", LS: "C2", CIN: "N1", Place: "U1", PlaceProvider: "PR1", HomePost: "NG1 2", PlPost: "NG5 7", URN: "SC123456"}},
		UASC:     []UASC{{Child: "C001", DOB: d(2008, 5, 17), Sex: "2"}},
	}
	return r
}

// clearRows sets every Row of r (and r.Previous) to zero.
func clearRows(r *Return) {
	for r != nil {
		for _, t := range Tables {
			b := bindings[t]
			for i := 0; i < b.count(r); i++ {
				b.setRow(r, i, 0)
			}
		}
		r = r.Previous
	}
}

// xmlPart is the part of r that the XML format holds.
func xmlPart(r *Return) *Return {
	c := *r
	c.SWEpisodes, c.Previous = nil, nil
	return &c
}

// diffReturns reports the first table where got and want differ.
func diffReturns(t *testing.T, got, want *Return) {
	t.Helper()
	for _, tb := range Tables {
		g := reflect.ValueOf(*got).FieldByName(fieldName(tb)).Interface()
		w := reflect.ValueOf(*want).FieldByName(fieldName(tb)).Interface()
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s differs:\n got  %+v\n want %+v", tb, g, w)
		}
	}
	if (got.Previous == nil) != (want.Previous == nil) {
		t.Errorf("Previous: got %v, want %v", got.Previous != nil, want.Previous != nil)
	} else if got.Previous != nil {
		diffReturns(t, got.Previous, want.Previous)
	}
}

// fieldName is the Return field holding table t.
func fieldName(t Table) string {
	if t == TableSWEpisodes {
		return "SWEpisodes"
	}
	return string(t)
}

func TestBindingsMatchColumns(t *testing.T) {
	r := &Return{}
	for _, tb := range Tables {
		ptrs := bindings[tb].add(r, 7, nil)
		cols := Columns[tb]
		if len(ptrs) != len(cols) {
			t.Fatalf("%s: %d fields, %d columns", tb, len(ptrs), len(cols))
		}
		if _, ok := ptrs[0].(*string); !ok || cols[0].Name != "CHILD" {
			t.Errorf("%s: first column is not CHILD", tb)
		}
		for k, p := range ptrs {
			var ok bool
			switch cols[k].Kind {
			case KindDate:
				_, ok = p.(*Date)
			case KindInteger:
				_, ok = p.(**int)
				if !ok {
					_, ok = p.(*string)
				}
			default:
				_, ok = p.(*string)
			}
			if !ok {
				t.Errorf("%s.%s: field type %T does not fit kind %s", tb, cols[k].Name, p, cols[k].Kind)
			}
		}
		if bindings[tb].row(r, 0) != 7 {
			t.Errorf("%s: row not set", tb)
		}
		if FileNames[tb] == "" {
			t.Errorf("%s: no file name", tb)
		}
	}
}

func TestCSVRoundTrip(t *testing.T) {
	dir := t.TempDir()
	want := sample()
	if err := WriteCSV(dir, want); err != nil {
		t.Fatal(err)
	}
	inputs, closeAll, err := OpenPaths([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	defer closeAll()
	if len(inputs) != 22 {
		t.Fatalf("opened %d files, want 22", len(inputs))
	}
	got, findings, err := ReadCSV(inputs)
	if err != nil {
		t.Fatal(err)
	}
	if len(findings) > 0 {
		t.Errorf("unexpected findings: %v", findings)
	}
	// Rows are the CSV line numbers: header = 1, records from 2.
	for _, tb := range Tables {
		b := bindings[tb]
		for i := 0; i < b.count(got); i++ {
			if row := b.row(got, i); row != i+2 {
				t.Errorf("%s record %d: Row = %d, want %d", tb, i, row, i+2)
			}
		}
	}
	clearRows(got)
	diffReturns(t, got, want)
}

func TestCSVGolden(t *testing.T) {
	dir := t.TempDir()
	if err := WriteCSV(dir, sample()); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "golden")
	for _, sub := range []string{"", "previous"} {
		for _, tb := range Tables {
			name := filepath.Join(sub, FileNames[tb])
			got, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(got, []byte("\r")) {
				t.Errorf("%s has CR line endings", name)
			}
			checkGolden(t, filepath.Join(golden, name), got)
		}
	}
	// An empty table is its header line alone.
	var b bytes.Buffer
	if err := WriteTable(&b, TableSWEpisodes, &Return{}); err != nil {
		t.Fatal(err)
	}
	if b.String() != "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\n" {
		t.Errorf("empty SWEpisodes = %q", b.String())
	}
}

// checkGolden compares got with the golden file at path, rewriting it under -update.
func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file:\n%s", path, got)
	}
}

func TestXMLRoundTrip(t *testing.T) {
	var b bytes.Buffer
	if err := WriteXML(&b, sample()); err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := WriteXML(&again, sample()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), again.Bytes()) {
		t.Error("WriteXML is not deterministic")
	}
	checkGolden(t, filepath.Join("testdata", "golden.xml"), b.Bytes())

	got, findings, err := ReadXML("cla.xml", bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if len(findings) > 0 {
		t.Errorf("unexpected findings: %v", findings)
	}
	// Rows are lines: the first child's HEADER is on line 4, its first EPISODE after the header's
	// elements.
	if got.Header[0].Row != 4 {
		t.Errorf("Header[0].Row = %d, want 4", got.Header[0].Row)
	}
	lines := strings.Split(b.String(), "\n")
	for i, e := range got.Episodes {
		if e.Row < 1 || e.Row > len(lines) || strings.TrimSpace(lines[e.Row-1]) != "<EPISODE>" {
			t.Errorf("Episodes[%d].Row = %d, not the line of an <EPISODE>", i, e.Row)
		}
	}
	clearRows(got)
	diffReturns(t, got, xmlPart(sample()))
}

func TestXMLValidatesAgainstXSD(t *testing.T) {
	xsd := filepath.Join("..", "..", "..", "shared", "reference", "ssda903-schema-cla.xsd")
	if _, err := os.Stat(xsd); err != nil {
		t.Skipf("the DfE schema is not at %s: %v", xsd, err)
	}
	lint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint is not installed (apt-get install -y libxml2-utils); skipping schema validation")
	}
	for name, r := range map[string]*Return{"sample": sample(), "empty": {}, "large": bigReturn(300, 500)} {
		path := filepath.Join(t.TempDir(), name+".xml")
		var b bytes.Buffer
		if err := WriteXML(&b, r); err != nil {
			t.Fatal(err)
		}
		if name == "empty" {
			// The XSD requires at least one CHILD, so an empty return cannot validate; it must still read.
			if _, _, err := ReadXML("empty.xml", &b); err != nil {
				t.Errorf("reading an empty return: %v", err)
			}
			continue
		}
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(lint, "--noout", "--nonet", "--schema", xsd, path).CombinedOutput()
		if err != nil {
			t.Errorf("%s: xmllint: %v\n%s", name, err, out)
		}
	}
}
