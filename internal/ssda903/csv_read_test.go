package ssda903

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"csperf/internal/finding"
)

const episodesHeader = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"

// readOne reads one CSV file given as a string.
func readOne(name, data string) (*Return, []finding.Finding, error) {
	return ReadCSV([]Input{{Name: name, Data: strings.NewReader(data)}})
}

func TestReadCSVMessyExport(t *testing.T) {
	inputs, closeAll, err := OpenPaths([]string{filepath.Join("testdata", "messy")})
	if err != nil {
		t.Fatal(err)
	}
	defer closeAll()
	r, findings, err := ReadCSV(inputs)
	if err != nil {
		t.Fatal(err)
	}
	want := []Episode{
		{Row: 2, Child: "C001", DECOM: d(2023, 6, 1), RNE: "S", LS: "C2", CIN: "N1", Place: "U1", PlaceProvider: "PR1",
			DEC: d(2024, 7, 10), REC: "X1", ReasonPlaceChange: "CARPL", HomePost: "NG1 2", PlPost: "NG5 7", URN: "SC123456"},
		{Row: 3, Child: "C001", DECOM: d(2024, 7, 10), RNE: "P", LS: "C2", CIN: "N1", Place: "U4", PlaceProvider: "PR2",
			HomePost: "NG1 2", PlPost: "DE1 3", URN: "XXXXXXX"},
		{Row: 5, Child: `C"4,5`, DECOM: d(2025, 1, 15), RNE: "S", LS: "J2", CIN: "N8", Place: "K2",
			DEC: d(2025, 1, 20), REC: "E8", HomePost: "LE1", PlPost: "LE2"},
	}
	if !reflect.DeepEqual(r.Episodes, want) {
		t.Errorf("episodes:\n got  %+v\n want %+v", r.Episodes, want)
	}
	// header_last.csv is last year's, with a label ("Female") and a lower-case code.
	if r.Previous == nil || len(r.Previous.Header) != 1 || r.Previous.Header[0].Sex != "2" || r.Previous.Header[0].Ethnic != "WBRI" {
		t.Errorf("previous header = %+v", r.Previous)
	}
	if len(r.Header) != 0 {
		t.Errorf("current header = %+v", r.Header)
	}
	if len(findings) != 1 {
		t.Fatalf("findings = %v, want the extra column only", findings)
	}
	f := findings[0]
	wantF := filepath.Join("testdata", "messy", "Episodes Export (1).CSV") + ` row 1 (Episodes.NOTES): column "Notes " is not part of the Episodes table and was ignored [warning read/extra-column]`
	if f.String() != wantF || f.Rule != RuleExtraColumn || f.Severity != finding.Warning {
		t.Errorf("finding = %s\nwant      %s", f, wantF)
	}
}

func TestReadCSVFindings(t *testing.T) {
	tests := []struct {
		name, file, data string
		want             []string // Finding.String() of each finding, in order
		check            func(t *testing.T, r *Return)
	}{
		{
			name: "non-date", file: "episodes.csv",
			data: episodesHeader + "1234,01/04/2024,S,C2,N1,U1,PR1,,,,,,\n1234,31/02/2025,S,C2,N1,U1,PR1,2025-03-01,,,,,\n",
			want: []string{
				`episodes.csv row 3 (Episodes.DECOM, child 1234): "31/02/2025" is not a date [error read/date]`,
				`episodes.csv row 3 (Episodes.DEC, child 1234): "2025-03-01" is not a date; dates are written dd/mm/yyyy [error read/date]`,
			},
			check: func(t *testing.T, r *Return) {
				if len(r.Episodes) != 2 || !r.Episodes[1].DECOM.IsZero() || r.Episodes[1].Row != 3 {
					t.Errorf("episodes = %+v", r.Episodes)
				}
			},
		},
		{
			name: "unknown code kept upper-cased", file: "episodes.csv",
			data: episodesHeader + "77,01/04/2024,S, x9 ,N1,U1,PR1,,,,,,\n",
			want: []string{`episodes.csv row 2 (Episodes.LS, child 77): "x9" is not a valid LS code; the codes are C1, C2, D1, E1, V2, V3, V4, L1, L2, L3, J1, J2, J3 [error read/code]`},
			check: func(t *testing.T, r *Return) {
				if r.Episodes[0].LS != "X9" {
					t.Errorf("LS = %q", r.Episodes[0].LS)
				}
			},
		},
		{
			name: "lower-case codes accepted", file: "oc3.csv",
			data: "child,dob,in_touch,activ,accom\nA1,01/01/2005,yes,f2,s1\n",
			check: func(t *testing.T, r *Return) {
				want := []OC3{{Row: 2, Child: "A1", DOB: d(2005, 1, 1), InTouch: "YES", Activ: "F2", Accom: "S1"}}
				if !reflect.DeepEqual(r.OC3, want) {
					t.Errorf("OC3 = %+v", r.OC3)
				}
			},
		},
		{
			name: "blank required", file: "reviews.csv",
			data: "CHILD,DOB,REVIEW,REVIEW_CODE\nR9,01/01/2010,,PN1\n",
			want: []string{`reviews.csv row 2 (Reviews.REVIEW, child R9): REVIEW is blank but must be filled in [error read/blank]`},
		},
		{
			name: "SDQ not a number", file: "oc2.csv",
			data: "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED\n" +
				"S1,01/01/2012,twelve,,,,,,,,,\nS2,01/01/2012, 12 ,,,,,,,,,\n",
			want: []string{`oc2.csv row 2 (OC2.SDQ_SCORE, child S1): "twelve" is not a whole number [error read/integer]`},
			check: func(t *testing.T, r *Return) {
				if r.OC2[0].SDQScore != nil || r.OC2[1].SDQScore == nil || *r.OC2[1].SDQScore != 12 {
					t.Errorf("SDQ scores = %v, %v", r.OC2[0].SDQScore, r.OC2[1].SDQScore)
				}
			},
		},
		{
			name: "duplicate child in header", file: "header.csv",
			data: "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nH1,1,01/01/2010,WBRI,UN1,,\nH2,2,01/01/2011,WBRI,UN1,,\nH1,1,01/01/2010,WBRI,UN1,,\n",
			want: []string{`header.csv row 4 (Header.CHILD, child H1): child H1 appears more than once in Header (first at row 2); Header has one row per child [error read/duplicate]`},
			check: func(t *testing.T, r *Return) {
				if len(r.Header) != 3 {
					t.Errorf("rows kept = %d, want 3", len(r.Header))
				}
			},
		},
		{
			name: "duplicate child in UASC", file: "uasc.csv",
			data: "CHILD,DOB,SEX,DUC\nU1,01/01/2008,1,\nU1,01/01/2008,1,01/01/2025\n",
			want: []string{`uasc.csv row 3 (UASC.CHILD, child U1): child U1 appears more than once in UASC (first at row 2); UASC has one row per child [error read/duplicate]`},
		},
		{
			name: "partial permanence date", file: "prev_perm.csv",
			data: "CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM\nP1,01/01/2015,p1,857,ZZ/ZZ/2019\nP2,01/01/2015,P2,857,zz/13/2019\n",
			want: []string{`prev_perm.csv row 3 (PrevPerm.DATE_PERM, child P2): "zz/13/2019" is not a date (dd/mm/yyyy, with zz for a day or month that is not known) [error read/date]`},
			check: func(t *testing.T, r *Return) {
				if r.PrevPerm[0].DatePerm != "zz/zz/2019" || r.PrevPerm[0].PrevPerm != "P1" {
					t.Errorf("PrevPerm = %+v", r.PrevPerm[0])
				}
			},
		},
		{
			name: "short and long rows", file: "missing.csv",
			data: "CHILD,DOB,MISSING,MIS_START,MIS_END\nM1,01/01/2010,M,01/05/2024\nM2,01/01/2010,A,01/05/2024,,x\n",
			want: []string{
				`missing.csv row 2 (Missing): the row has 4 values but the header has 5 columns; the missing values are taken as blank [warning read/row-length]`,
				`missing.csv row 3 (Missing): the row has 6 values but the header has 5 columns; the extra values were ignored [warning read/row-length]`,
			},
		},
		{
			name: "control characters past the start of the file", file: "reviews.csv",
			data: "CHILD,DOB,REVIEW,REVIEW_CODE\n" + strings.Repeat("R1,01/01/2010,01/05/2024,PN1\n", 20) + "R\x002,01/01/2010,01/05/2024,PN1\n",
			want: []string{`reviews.csv row 22 (Reviews.CHILD): the value holds bytes that are not text (control characters or not UTF-8); read as "R2" [error read/text]`},
			check: func(t *testing.T, r *Return) {
				if len(r.Reviews) != 21 || r.Reviews[20].Child != "R2" {
					t.Errorf("last review = %+v", r.Reviews[len(r.Reviews)-1])
				}
			},
		},
		{
			name: "optional column absent", file: "sw.csv",
			data: "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC\nW1,01/01/2010,SW1,01/05/2024,\n",
			want: []string{`sw.csv row 1 (SWEpisodes.SW_REASON): the file has no SW_REASON column; its values are taken as blank [warning read/missing-column]`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, fs, err := readOne(tt.file, tt.data)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range fs {
				got = append(got, f.String())
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("findings:\n got  %q\n want %q", got, tt.want)
			}
			if tt.check != nil {
				tt.check(t, r)
			}
		})
	}
}

// TestReadCSVFindingFields checks the parts of a finding other than its text.
func TestReadCSVFindingFields(t *testing.T) {
	_, fs, err := readOne("episodes.csv", episodesHeader+"1234,31/02/2025 ,S,C2,N1,U1,PR1,,,,,,\n")
	if err != nil {
		t.Fatal(err)
	}
	want := finding.Finding{Rule: RuleDate, Severity: finding.Error, File: "episodes.csv", Table: "Episodes", Row: 2,
		Child: "1234", Fields: []string{"DECOM"}, Value: "31/02/2025 ", Message: `"31/02/2025" is not a date`}
	if len(fs) != 1 || !reflect.DeepEqual(fs[0], want) {
		t.Errorf("finding = %#v", fs)
	}
}

// endless is a reader of n bytes of 'x', made on the fly, with a line break every `every` bytes when
// every > 0; read counts what was taken.
type endless struct{ n, read, every int64 }

func (e *endless) Read(p []byte) (int, error) {
	if e.read >= e.n {
		return 0, io.EOF
	}
	k := min(int64(len(p)), e.n-e.read)
	for i := range p[:k] {
		p[i] = 'x'
		if e.every > 0 && (e.read+int64(i))%e.every == e.every-1 {
			p[i] = '\n'
		}
	}
	e.read += k
	return int(k), nil
}

func TestReadCSVFatal(t *testing.T) {
	tests := []struct {
		name   string
		inputs []Input
		want   []string // substrings of the error
	}{
		{"empty file", []Input{{Name: "episodes.csv", Data: strings.NewReader("")}},
			[]string{"episodes.csv: the file is empty"}},
		{"BOM and blank lines only", []Input{{Name: "e.csv", Data: strings.NewReader("\ufeff\r\n\r\n,,\n")}},
			[]string{"e.csv: the file is empty"}},
		{"columns of no table", []Input{{Name: "stuff.csv", Data: strings.NewReader("CHILD,Name,Address\n1,a,b\n")}},
			[]string{"stuff.csv", "(CHILD, NAME, ADDRESS) match no SSDA903 table", "the closest is"}},
		{"missing required column", []Input{{Name: "eps.csv", Data: strings.NewReader(strings.Replace(episodesHeader, ",LS,", ",", 1))}},
			[]string{"eps.csv row 1", "the Episodes table needs the column(s) LS"}},
		{"missing columns of last year's table", []Input{{Name: "previous/h.csv", Previous: true, Data: strings.NewReader("CHILD,SEX,ETHNIC\n")}},
			[]string{"previous/h.csv row 1", "last year's Header table needs the column(s) DOB, UPN"}},
		{"two files for one table", []Input{
			{Name: "a.csv", Data: strings.NewReader("CHILD,DOB,REVIEW,REVIEW_CODE\n")},
			{Name: "b.csv", Data: strings.NewReader("review_code,review,dob,child\n")}},
			[]string{"a.csv and b.csv are both the Reviews table"}},
		{"binary junk", []Input{{Name: "junk.csv", Data: strings.NewReader("\x00\x01\x02\x03\xff\xfe binary")}},
			[]string{"junk.csv: the file is not text"}},
		{"invalid UTF-8 header", []Input{{Name: "latin1.csv", Data: strings.NewReader("CHILD,DOB,\xe9\n")}},
			[]string{"latin1.csv: the file is not text", "UTF-8"}},
		{"invalid UTF-8 header after 512 bytes", []Input{{Name: "late.csv", Data: strings.NewReader(strings.Repeat(" ", 600) + "CHILD,DOB,\xe9\n")}},
			[]string{"late.csv row 1: the header line is not valid UTF-8"}},
		{"excel workbook", []Input{{Name: "episodes.csv", Data: strings.NewReader("PK\x03\x04\x14\x00\x06\x00")}},
			[]string{"episodes.csv: the file is a zip archive or an Excel workbook"}},
		{"unterminated quote", []Input{{Name: "episodes.csv", Data: strings.NewReader(episodesHeader + "1,01/01/2024,S,C2,N1,U1,,,,,,,\n2,\"01/01/2024,S,C2,N1,U1,,,,,,,\n")}},
			[]string{"episodes.csv row 3: malformed CSV: a quoted value is not closed"}},
		{"bare quote", []Input{{Name: "episodes.csv", Data: strings.NewReader(episodesHeader + "1,01/01/20\"24,S,C2,N1,U1,,,,,,,\n")}},
			[]string{"episodes.csv row 2: malformed CSV: a \" appears in a value that is not in quotes"}},
		{"duplicate column", []Input{{Name: "r.csv", Data: strings.NewReader("CHILD,DOB,REVIEW,review,REVIEW_CODE\n")}},
			[]string{"r.csv row 1: the column REVIEW appears twice"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, fs, err := ReadCSV(tt.inputs)
			if err == nil {
				t.Fatalf("no error; read %+v, %v", r, fs)
			}
			if r != nil || fs != nil {
				t.Errorf("a return or findings came with the error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestReadCSVHugeLine(t *testing.T) {
	for _, tt := range []struct {
		prefix string
		every  int64
		row    string
	}{
		{"", 0, "row 1"},
		{episodesHeader + "1,01/01/2024,S,C2,N1,U1,,,,,,,\n", 0, "row 3"},
		{episodesHeader + "1,\"01/01/2024", 100, "row 2"}, // a quote that never closes: its line breaks do not end the record
	} {
		prefix, row := tt.prefix, tt.row
		src := &endless{n: 200 << 20, every: tt.every}
		data := io.MultiReader(strings.NewReader(prefix), src)
		_, _, err := ReadCSV([]Input{{Name: "big.csv", Data: data}})
		if err == nil {
			t.Fatal("a 200 MB line was accepted")
		}
		if !strings.Contains(err.Error(), "big.csv "+row+": a line is longer than 1048576 bytes") {
			t.Errorf("error = %v", err)
		}
		if src.read > 2<<20 {
			t.Errorf("read %d bytes before failing; want about 1 MiB", src.read)
		}
	}
}

func TestIsPrevious(t *testing.T) {
	for path, want := range map[string]bool{
		"data/previous/header.csv":    true,
		`C:\903\Last-Year\eps.csv`:    true,
		"header_last.csv":             true,
		"out/Episodes_Previous.CSV":   true,
		"prev_perm.csv":               false,
		"previous.csv":                false,
		"data/previously/header.csv":  false,
		"returns.zip/last-year/a.csv": true,
		"data/header.csv":             false,
	} {
		if got := isPrevious(path); got != want {
			t.Errorf("isPrevious(%q) = %v, want %v", path, got, want)
		}
	}
}

func TestOpenPaths(t *testing.T) {
	dir := t.TempDir()
	if err := WriteCSV(filepath.Join(dir, "tree"), sample()); err != nil {
		t.Fatal(err)
	}
	// A hidden file and a non-CSV file are skipped in folders.
	for name, data := range map[string]string{"tree/.~lock.header.csv#": "x", "tree/.hidden.csv": "x", "tree/readme.txt": "x"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A zip holding this year's header and last year's episodes, with macOS clutter.
	zpath := filepath.Join(dir, "returns.zip")
	zf, err := os.Create(zpath)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(zf)
	for name, data := range map[string]string{
		"header.csv":             "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nZ1,1,01/01/2010,WBRI,UN1,,\n",
		"last-year/episodes.csv": episodesHeader + "Z1,01/01/2023,S,C2,N1,U1,PR1,,,,,,\n",
		"__MACOSX/._header.csv":  "\x00\x05junk",
		"notes.txt":              "not read",
	} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	zf.Close()

	inputs, closeAll, err := OpenPaths([]string{filepath.Join(dir, "tree"), zpath})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{} // name → Previous
	prev := 0
	for _, in := range inputs {
		got[strings.TrimPrefix(filepath.ToSlash(in.Name), filepath.ToSlash(dir)+"/")] = in.Previous
		if in.Previous {
			prev++
		}
	}
	if len(inputs) != 24 || prev != 12 {
		t.Errorf("opened %d (%d previous): %v", len(inputs), prev, got)
	}
	for name, want := range map[string]bool{"returns.zip/header.csv": false, "returns.zip/last-year/episodes.csv": true,
		"tree/episodes.csv": false, "tree/previous/episodes.csv": true, "tree/prev_perm.csv": false} {
		if p, ok := got[name]; !ok || p != want {
			t.Errorf("%s: opened %v, previous %v; want previous %v", name, ok, p, want)
		}
	}
	// The folder and the zip both give a Header this year, and Episodes last year: refused.
	_, _, err = ReadCSV(inputs)
	if err == nil || !strings.Contains(err.Error(), "are both the") {
		t.Errorf("err = %v", err)
	}
	if err := closeAll(); err != nil {
		t.Error(err)
	}
	if _, _, err := OpenPaths([]string{filepath.Join(dir, "nothing-here")}); err == nil {
		t.Error("a missing path opened")
	}
}
