package cin

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"csperf/internal/calendar"
	"csperf/internal/finding"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

const (
	sampleXML = "../../../shared/reference/cin-census-sample-2022.xml"
	schemaXSD = "../../../shared/reference/cin-census-schema-2024.xsd"
)

func day(y int, m time.Month, d int) Date { return calendar.Of(y, m, d) }

// fullCensus uses every field of the model: several children, several episodes, assessments with
// factors, section 47 enquiries with and without a conference, plans open and closed with reviews.
func fullCensus() *Census {
	return &Census{
		Header: Header{
			Collection: "CIN", Year: 2025, ReferenceDate: day(2025, 3, 31), SourceLevel: "L", LEA: "857",
			SoftwareCode: "csperf & co <test>", Release: "1.2", SerialNo: "0042", DateTime: "2025-05-01T09:30:00",
		},
		Children: []Child{
			{
				LAChildID: "RUT-0001", UPN: "A123456789012", FormerUPN: "B12345678901C",
				BirthDate: day(2012, 2, 29), Gender: "1", Ethnicity: "MWBC", Disabilities: []string{"HAND", "AUT"},
				Details: []Details{
					{
						ReferralDate: day(2023, 11, 2), ReferralSource: "2A", PrimaryNeed: "N4",
						ClosureDate: day(2024, 6, 30), ReasonForClosure: "RC7", DateOfInitialCPC: day(2024, 1, 10),
						Assessments: []Assessment{
							{Start: day(2023, 11, 3), InternalReview: day(2023, 11, 20), Authorised: day(2023, 12, 15), Factors: []string{"3A", "4B", "24A"}},
							{Start: day(2024, 4, 1), Factors: []string{"21"}},
						},
						CINPlans:   []CINPlan{{Start: day(2023, 12, 20), End: day(2024, 1, 9)}, {Start: day(2024, 4, 20)}},
						Section47s: []Section47{{Start: day(2023, 12, 18), ICPCTarget: day(2024, 1, 12), ICPCDate: day(2024, 1, 10)}},
						CPPlans: []CPPlan{{
							Start: day(2024, 1, 10), End: day(2024, 4, 19), InitialCategory: "EMO", LatestCategory: "MUL",
							PreviousPlans: 2, Reviews: []Date{day(2024, 2, 7), day(2024, 4, 17)},
						}},
					},
					{
						ReferralDate: day(2024, 12, 1), ReferralSource: "6", PrimaryNeed: "N1",
						Assessments: []Assessment{{Start: day(2024, 12, 2), Authorised: day(2025, 1, 20), Factors: []string{"16A"}}},
						Section47s:  []Section47{{Start: day(2024, 12, 3), ICPCTarget: day(2024, 12, 24), ICPCNotRequired: true}},
						CPPlans:     []CPPlan{{Start: day(2025, 1, 5), InitialCategory: "NEG", LatestCategory: "NEG", PreviousPlans: 3}},
					},
				},
			},
			{
				LAChildID: "RUT-0002", UPNUnknown: "UN6", ExpectedBirthDate: day(2025, 5, 1), Gender: "0", Ethnicity: "NOBT",
				Details: []Details{{ReferralDate: day(2025, 2, 1), ReferralSource: "3B", ReferralNFA: true}},
			},
			{
				LAChildID: "RUT-0003", UPN: "C000000000001", BirthDate: day(2008, 8, 8), DeathDate: day(2025, 1, 2),
				Gender: "2", Ethnicity: "WBRI", Disabilities: []string{"NONE"},
				Details: []Details{{
					ReferralDate: day(2019, 3, 1), ReferralSource: "10", PrimaryNeed: "N2",
					ClosureDate: day(2025, 1, 2), ReasonForClosure: "RC2",
					CINPlans: []CINPlan{{Start: day(2019, 5, 1), End: day(2025, 1, 2)}},
				}},
			},
		},
	}
}

// withoutLines returns a deep copy of c with the source lines cleared.
func withoutLines(t testing.TB, c *Census) *Census {
	t.Helper()
	cp := *c
	cp.Children = append([]Child(nil), c.Children...)
	for i := range cp.Children {
		cp.Children[i].Line = 0
		cp.Children[i].Details = append([]Details(nil), cp.Children[i].Details...)
		for j := range cp.Children[i].Details {
			cp.Children[i].Details[j].Line = 0
		}
	}
	return &cp
}

func TestRoundTrip(t *testing.T) {
	want := fullCensus()
	var buf bytes.Buffer
	if err := WriteXML(&buf, want); err != nil {
		t.Fatal(err)
	}
	got, fs, err := ReadXML("full.xml", bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) > 0 {
		t.Errorf("unexpected findings: %v", fs)
	}
	if got.Children[0].Line == 0 || got.Children[0].Details[1].Line <= got.Children[0].Details[0].Line {
		t.Errorf("lines not recorded: child %d, details %d, %d", got.Children[0].Line, got.Children[0].Details[0].Line, got.Children[0].Details[1].Line)
	}
	if g := withoutLines(t, got); !reflect.DeepEqual(g, want) {
		t.Errorf("round trip differs:\n got %+v\nwant %+v", g, want)
	}
	// Writing is deterministic and matches the golden file.
	var again bytes.Buffer
	if err := WriteXML(&again, got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), buf.Bytes()) {
		t.Error("writing the census read back gives different XML")
	}
	golden := filepath.Join("testdata", "full.golden.xml")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gold, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(gold, buf.Bytes()) {
		t.Errorf("WriteXML output differs from %s (run go test -update after checking the change)", golden)
	}
}

func TestWriteXMLValidatesAgainstSchema(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint not installed (apt-get install -y libxml2-utils); schema validation skipped")
	}
	if _, err := os.Stat(schemaXSD); err != nil {
		t.Skipf("CIN census schema not found at %s; schema validation skipped", schemaXSD)
	}
	dir := t.TempDir()
	for name, c := range map[string]*Census{"full": fullCensus(), "sample": readSample(t)} {
		var buf bytes.Buffer
		if err := WriteXML(&buf, c); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, name+".xml")
		if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(xmllint, "--noout", "--schema", schemaXSD, file).CombinedOutput()
		if err != nil {
			t.Errorf("%s census does not validate: %v\n%s", name, err, out)
		}
	}
}

func readSample(t *testing.T) *Census {
	t.Helper()
	f, err := os.Open(sampleXML)
	if err != nil {
		t.Skipf("DfE sample census not found at %s: %v", sampleXML, err)
	}
	defer f.Close()
	c, fs, err := ReadXML("cin-census-sample-2022.xml", f)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) > 0 {
		t.Errorf("unexpected findings reading the sample: %v", fs)
	}
	return c
}

func TestReadSample(t *testing.T) {
	c := readSample(t)
	wantHeader := Header{
		Collection: "CIN", Year: 2022, ReferenceDate: day(2022, 3, 31), SourceLevel: "L", LEA: "201",
		SoftwareCode: "Local Authority", Release: "ver 3.1.21", SerialNo: "001", DateTime: "2022-05-23T11:14:05",
	}
	if c.Header != wantHeader {
		t.Errorf("header = %+v, want %+v", c.Header, wantHeader)
	}
	want := []Child{{
		Line: 18, LAChildID: "DfEX0000001", UPN: "A123456789123", FormerUPN: "X98765432123B", UPNUnknown: "UN3",
		BirthDate: day(1966, 3, 24), ExpectedBirthDate: day(1966, 3, 22), Gender: "1", DeathDate: day(1980, 10, 8),
		Ethnicity: "WBRI", Disabilities: []string{"HAND", "HEAR"},
		Details: []Details{{
			Line: 36, ReferralDate: day(1970, 10, 6), ReferralSource: "1A", PrimaryNeed: "N4",
			ClosureDate: day(1971, 2, 27), ReasonForClosure: "RC1", DateOfInitialCPC: day(1970, 12, 6),
			Assessments: []Assessment{{Start: day(1970, 6, 3), InternalReview: day(1970, 6, 22), Authorised: day(1971, 7, 18), Factors: []string{"2A", "2B"}}},
			CINPlans:    []CINPlan{{Start: day(1971, 1, 24), End: day(1971, 1, 26)}},
			Section47s:  []Section47{{Start: day(1970, 6, 2), ICPCTarget: day(1970, 6, 23), ICPCDate: day(1970, 6, 17)}},
			CPPlans: []CPPlan{{
				Start: day(1970, 2, 17), End: day(1971, 3, 14), InitialCategory: "PHY", LatestCategory: "PHY",
				PreviousPlans: 10, Reviews: []Date{day(1971, 2, 15)},
			}},
		}},
	}}
	if !reflect.DeepEqual(c.Children, want) {
		t.Errorf("children:\n got %+v\nwant %+v", c.Children, want)
	}
}

func minimal(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "minimal.xml"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// replace replaces old, which must occur, by new in s.
func replace(t *testing.T, s, old, new string) string {
	t.Helper()
	if !strings.Contains(s, old) {
		t.Fatalf("%q not in the fixture", old)
	}
	return strings.Replace(s, old, new, 1)
}

func TestReadMinimal(t *testing.T) {
	c, fs, err := ReadXML("min.xml", strings.NewReader(minimal(t)))
	if err != nil || len(fs) > 0 {
		t.Fatalf("err %v, findings %v", err, fs)
	}
	if len(c.Children) != 1 || c.Children[0].Line != 15 || c.Children[0].Details[0].Line != 24 {
		t.Errorf("children %+v", c.Children)
	}
}

func TestReadFindings(t *testing.T) {
	min := minimal(t)
	secondChild := strings.Replace(min[strings.Index(min, "    <Child>"):strings.Index(min, "  </Children>")], "2015-06-01", "2016-01-01", 1)
	tests := []struct {
		name  string
		in    string
		want  finding.Finding
		shown string // in the finding's String
	}{
		{"unknown code", replace(t, min, "<Ethnicity>WBRI<", "<Ethnicity>WXYZ<"),
			finding.Finding{Rule: RuleCode, Row: 22, Table: "Child/ChildCharacteristics", Fields: []string{"Ethnicity"}, Value: "WXYZ", Child: "C1"},
			`min.xml row 22 (Child/ChildCharacteristics.Ethnicity, child C1): Ethnicity is "WXYZ", which is not one of the ethnicity codes`},
		{"impossible date", replace(t, min, "2024-06-10", "2024-02-30"),
			finding.Finding{Rule: RuleDate, Row: 29, Table: "Child/CINdetails/Assessments", Fields: []string{"AssessmentAuthorisationDate"}, Value: "2024-02-30", Child: "C1"},
			`min.xml row 29 (Child/CINdetails/Assessments.AssessmentAuthorisationDate, child C1): AssessmentAuthorisationDate is "2024-02-30"`},
		{"date in 903 form", replace(t, min, "<CINreferralDate>2024-05-01", "<CINreferralDate>01/05/2024"),
			finding.Finding{Rule: RuleDate, Row: 25, Table: "Child/CINdetails", Fields: []string{"CINreferralDate"}, Value: "01/05/2024", Child: "C1"},
			`CINreferralDate is "01/05/2024", which is not a real date written YYYY-MM-DD`},
		{"missing gender", replace(t, min, "        <GenderCurrent>2</GenderCurrent>\n", ""),
			finding.Finding{Rule: RuleMissing, Row: 16, Table: "Child/ChildIdentifiers", Fields: []string{"GenderCurrent"}, Child: "C1"},
			`min.xml row 16 (Child/ChildIdentifiers.GenderCurrent, child C1): GenderCurrent is required in Child/ChildIdentifiers but is missing`},
		{"missing NFA", replace(t, min, "        <ReferralNFA>false</ReferralNFA>\n", ""),
			finding.Finding{Rule: RuleMissing, Row: 24, Table: "Child/CINdetails", Fields: []string{"ReferralNFA"}, Child: "C1"},
			"ReferralNFA is required"},
		{"blank child ID", replace(t, min, "<LAchildID>C1</LAchildID>", "<LAchildID> </LAchildID>"),
			finding.Finding{Rule: RuleMissing, Row: 17, Table: "Child/ChildIdentifiers", Fields: []string{"LAchildID"}},
			"LAchildID is required in Child/ChildIdentifiers but is blank"},
		{"bad yes/no", replace(t, min, "<ReferralNFA>false<", "<ReferralNFA>no<"),
			finding.Finding{Rule: RuleCode, Row: 31, Table: "Child/CINdetails", Fields: []string{"ReferralNFA"}, Value: "no", Child: "C1"},
			`ReferralNFA is "no"; it should be true or false`},
		{"bad count", replace(t, min, "<NumberOfPreviousCPP>1<", "<NumberOfPreviousCPP>one<"),
			finding.Finding{Rule: RuleNumber, Row: 36, Table: "Child/CINdetails/ChildProtectionPlans", Fields: []string{"NumberOfPreviousCPP"}, Value: "one", Child: "C1"},
			`NumberOfPreviousCPP is "one", which is not a whole number`},
		{"unknown factor", replace(t, min, "</AssessmentAuthorisationDate>", "</AssessmentAuthorisationDate><FactorsIdentifiedAtAssessment><AssessmentFactors>99Z</AssessmentFactors></FactorsIdentifiedAtAssessment>"),
			finding.Finding{Rule: RuleCode, Row: 29, Table: "Child/CINdetails/Assessments/FactorsIdentifiedAtAssessment", Fields: []string{"AssessmentFactors"}, Value: "99Z", Child: "C1"},
			`AssessmentFactors is "99Z", which is not one of the assessment factor codes`},
		{"duplicate child", replace(t, min, "  </Children>", secondChild+"  </Children>"),
			finding.Finding{Rule: RuleDuplicate, Row: 42, Table: "Child/ChildIdentifiers", Fields: []string{"LAchildID"}, Value: "C1", Child: "C1"},
			`min.xml row 42 (Child/ChildIdentifiers.LAchildID, child C1): LAchildID "C1" is used by another child too (line 15)`},
		{"repeated element", replace(t, min, "<GenderCurrent>2</GenderCurrent>", "<GenderCurrent>2</GenderCurrent><GenderCurrent>1</GenderCurrent>"),
			finding.Finding{Rule: RuleDuplicate, Row: 19, Table: "Child/ChildIdentifiers", Fields: []string{"GenderCurrent"}, Value: "1", Child: "C1"},
			"GenderCurrent appears more than once (first at line 19)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, fs, err := ReadXML("min.xml", strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if len(fs) != 1 {
				t.Fatalf("want one finding, got %d: %v", len(fs), fs)
			}
			got := fs[0]
			if got.File != "min.xml" || got.Severity != finding.Error {
				t.Errorf("file %q severity %q", got.File, got.Severity)
			}
			got.File, got.Severity, got.Message = "", "", ""
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("finding\n got %+v\nwant %+v", got, tt.want)
			}
			if s := fs[0].String(); !strings.Contains(s, tt.shown) {
				t.Errorf("finding reads %q; want it to contain %q", s, tt.shown)
			}
			if len(c.Children) == 0 {
				t.Error("no children read")
			}
		})
	}
	// The value is kept as found.
	c, _, _ := ReadXML("min.xml", strings.NewReader(replace(t, min, "<Ethnicity>WBRI<", "<Ethnicity>WXYZ<")))
	if c.Children[0].Ethnicity != "WXYZ" {
		t.Errorf("unknown ethnicity read as %q", c.Children[0].Ethnicity)
	}
}

func TestReadRefused(t *testing.T) {
	min := minimal(t)
	bomb := `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<Message><Children><Child><ChildIdentifiers><LAchildID>&lol3;</LAchildID></ChildIdentifiers></Child></Children></Message>`
	xxe := `<?xml version="1.0"?>
<!DOCTYPE Message [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<Message><Children><Child><ChildIdentifiers><LAchildID>&xxe;</LAchildID></ChildIdentifiers></Child></Children></Message>`
	tests := []struct {
		name string
		in   string
		want []string // all in the error message
	}{
		{"empty", "", []string{"bad.xml: the file is empty"}},
		{"blank", "  \n\n ", []string{"bad.xml: the file holds only blank space"}},
		{"binary junk", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", []string{"bad.xml line 2:", "binary data (byte 0x1a"}},
		{"not XML", "LAchildID,GenderCurrent\nC1,2\n", []string{"bad.xml line 1:", `does not start with an XML element (it starts "LAchildID,GenderCurr`}},
		{"truncated", min[:strings.Index(min, "<ReferralNFA>")], []string{"bad.xml line 31:", "cut short"}},
		{"entity bomb", bomb, []string{"bad.xml line 6:", "<!DOCTYPE", "must not declare a document type or entities"}},
		{"external entity", xxe, []string{"bad.xml line 2:", "<!DOCTYPE"}},
		{"doctype inside a child", replace(t, min, "<Ethnicity>", "<!DOCTYPE x><Ethnicity>"), []string{"bad.xml line 22:", "<!DOCTYPE"}},
		{"undeclared entity", replace(t, min, ">C1<", ">&lol;<"), []string{"bad.xml line 17:", "malformed", "lol"}},
		{"mismatched tags", replace(t, min, "</Ethnicity>", "</Ethnic>"), []string{"bad.xml line 22:", "malformed", "Ethnic"}},
		{"wrong root", "<?xml version=\"1.0\"?>\n<Episodes>\n</Episodes>", []string{"bad.xml line 2:", "top element is <Episodes>", "<Message>"}},
		{"not CIN", replace(t, min, "<Collection>CIN<", "<Collection>903<"), []string{"bad.xml line 4:", `Collection is "903"`}},
		{"second root", min + "<Message/>", []string{"bad.xml line 42:", "second top element <Message>"}},
		{"text after root", min + "junk", []string{"bad.xml line 42:", `text "junk" follows </Message>`}},
		{"too deep", replace(t, min, "<Ethnicity>", strings.Repeat("<a>", 20)+strings.Repeat("</a>", 20)+"<Ethnicity>"), []string{"bad.xml line 22:", "nested more than 16 deep"}},
		{"unknown encoding", strings.Replace(min, `encoding="UTF-8"`, `encoding="EBCDIC"`, 1), []string{"bad.xml line 1:", `"EBCDIC"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, fs, err := ReadXML("bad.xml", strings.NewReader(tt.in))
			if err == nil {
				t.Fatalf("no error; census %+v, findings %v", c, fs)
			}
			if c != nil || fs != nil {
				t.Error("a refused file should give no census and no findings")
			}
			var re *ReadError
			if !errors.As(err, &re) {
				t.Errorf("error %T is not a *ReadError", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestReadTolerated(t *testing.T) {
	min := minimal(t)
	tests := []struct{ name, in string }{
		{"byte order mark", "\xef\xbb\xbf" + min},
		{"Latin-1", strings.Replace(min, `encoding="UTF-8"`, `encoding="ISO-8859-1"`, 1)},
		{"comments and CRLF", strings.ReplaceAll(strings.Replace(min, "<Children>", "<!-- c --><Children>", 1), "\n", "\r\n")},
		{"unknown elements skipped", strings.Replace(min, "<Children>", "<Extra><Deep>1</Deep></Extra><Children><Note/>", 1)},
		{"time zone on dates", strings.Replace(min, "2024-05-01<", "2024-05-01Z<", 1)},
	}
	want, _, err := ReadXML("min.xml", strings.NewReader(min))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, fs, err := ReadXML("min.xml", strings.NewReader(tt.in))
			if err != nil || len(fs) > 0 {
				t.Fatalf("err %v, findings %v", err, fs)
			}
			if !reflect.DeepEqual(withoutLines(t, c), withoutLines(t, want)) {
				t.Errorf("got %+v, want %+v", c, want)
			}
		})
	}
	latin := strings.Replace(strings.Replace(min, `encoding="UTF-8"`, `encoding="ISO-8859-1"`, 1), ">C1<", ">Zo\xeb<", 1)
	c, _, err := ReadXML("min.xml", strings.NewReader(latin))
	if err != nil || c.Children[0].LAChildID != "Zoë" {
		t.Errorf("Latin-1 child ID: %v %v", err, c)
	}
}

func FuzzReadXML(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.xml"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`<Message><Header><CollectionDetails><Collection>CIN</Collection></CollectionDetails></Header><Children/></Message>`))
	f.Add([]byte("<!DOCTYPE x [<!ENTITY a \"b\">]><Message/>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, fs, err := ReadXML("fuzz.xml", bytes.NewReader(data))
		if err != nil {
			if c != nil || fs != nil || !strings.HasPrefix(err.Error(), "fuzz.xml") {
				t.Fatalf("refusal %q came with results or without the file name", err)
			}
			return
		}
		for _, f := range fs {
			if f.File != "fuzz.xml" || f.Row <= 0 || f.Message == "" {
				t.Fatalf("finding without a place or message: %+v", f)
			}
		}
		// Whatever was read writes and reads back to the same census.
		var buf bytes.Buffer
		if err := WriteXML(&buf, c); err != nil {
			t.Fatal(err)
		}
		c2, _, err := ReadXML("again.xml", &buf)
		if err != nil {
			t.Fatalf("rereading written census: %v\n%s", err, buf.Bytes())
		}
		if !reflect.DeepEqual(withoutLines(t, c), withoutLines(t, c2)) {
			t.Fatalf("census changed on rewriting:\n%+v\n%+v", c, c2)
		}
	})
}

// bigCensus builds a census of n children shaped like a large authority's return.
func bigCensus(n int) *Census {
	c := &Census{Header: fullCensus().Header}
	base := fullCensus().Children
	for i := range n {
		ch := base[i%len(base)]
		ch.LAChildID = fmt.Sprintf("C%06d", i)
		c.Children = append(c.Children, ch)
	}
	return c
}

func BenchmarkReadXML(b *testing.B) {
	var buf bytes.Buffer
	if err := WriteXML(&buf, bigCensus(15000)); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		c, fs, err := ReadXML("big.xml", bytes.NewReader(data))
		if err != nil || len(fs) > 0 || len(c.Children) != 15000 {
			b.Fatalf("err %v, %d findings, %d children", err, len(fs), len(c.Children))
		}
	}
}

func BenchmarkWriteXML(b *testing.B) {
	c := bigCensus(15000)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := WriteXML(&buf, c); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}
