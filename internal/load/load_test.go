package load

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"csperf/internal/finding"
	"csperf/internal/pseudo"
	"csperf/internal/ssda903"
	"csperf/internal/store"
	"csperf/internal/store/storetest"
	"csperf/internal/synth"
)

func testKey(t testing.TB) *pseudo.Key {
	k, err := pseudo.NewKey([]byte("a test secret of at least sixteen bytes"))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// clearLocations zeroes every Row and Line field in v (a pointer), so records read from files can
// be compared with the records they were written from.
func clearLocations(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			clearLocations(v.Elem())
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			clearLocations(v.Index(i))
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if (f.Name == "Row" || f.Name == "Line") && f.Type.Kind() == reflect.Int {
				v.Field(i).SetInt(0)
				continue
			}
			clearLocations(v.Field(i))
		}
	}
}

// TestSynthRoundTrip loads every kind of file the generator writes and checks that the records read
// back from the database equal the generated ones.
func TestSynthRoundTrip(t *testing.T) {
	g, err := synth.New(synth.Options{Authorities: 1, Years: 2, LastYear: 2025, Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := g.Write(context.Background(), dir, nil); err != nil {
		t.Fatal(err)
	}
	council := g.Council(0)
	la := council.Authority.Number
	yd := filepath.Join(dir, synth.YearDir(la, 2025))
	want903 := council.Returns[1]
	wantCIN := council.Censuses[1]
	if len(want903.Episodes) < 100 || len(wantCIN.Children) < 1000 {
		t.Fatalf("generated council too small: %d episodes, %d CIN children", len(want903.Episodes), len(wantCIN.Children))
	}
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		key := testKey(t)
		req := func(paths ...string) Request {
			return Request{Authority: la, Year: 2025, Paths: paths, By: "test"}
		}
		res, err := Run(ctx, st, key, req(filepath.Join(yd, "ssda903")))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range res.Findings {
			if f.Severity != finding.Warning || f.Rule != "not-run" {
				t.Errorf("clean 903 CSV: %s", f)
			}
		}
		got, err := st.SSDA903(ctx, res.Snapshot)
		if err != nil {
			t.Fatal(err)
		}
		clearLocations(reflect.ValueOf(got))
		if !reflect.DeepEqual(got, want903) {
			t.Error("903 CSV read back from the database differs from what was generated")
			diffTables(t, got, want903)
		}

		res, err = Run(ctx, st, key, req(filepath.Join(yd, "ssda903.xml")))
		if err != nil {
			t.Fatal(err)
		}
		got, err = st.SSDA903(ctx, res.Snapshot)
		if err != nil {
			t.Fatal(err)
		}
		clearLocations(reflect.ValueOf(got))
		xmlPart := *want903
		xmlPart.SWEpisodes = nil // the XML format has no social worker episodes
		if !reflect.DeepEqual(got, &xmlPart) {
			t.Error("903 XML read back from the database differs from what was generated")
			diffTables(t, got, &xmlPart)
		}

		res, err = Run(ctx, st, key, req(filepath.Join(yd, "cin.xml")))
		if err != nil {
			t.Fatal(err)
		}
		// The clean census raises no errors. Queries ask for a second look and some are real
		// properties of the data: assessments still running past 45 working days at 31 March
		// (8670Q), enquiries open at the year end without a conference yet (8675Q), and episodes
		// closed after an assessment that was completed in an earlier year, so is in that year's
		// census rather than this one (8825Q, 2991Q).
		explained := map[string]bool{"8670Q": true, "8675Q": true, "8825Q": true, "2991Q": true}
		for _, f := range res.Findings {
			if f.Severity == finding.Error || (f.Severity == finding.Query && !explained[f.Rule]) {
				t.Errorf("clean census: %s", f)
			}
		}
		gotCIN, err := st.CIN(ctx, res.Snapshot)
		if err != nil {
			t.Fatal(err)
		}
		clearLocations(reflect.ValueOf(gotCIN))
		if !reflect.DeepEqual(gotCIN, wantCIN) {
			t.Errorf("CIN census read back differs: header %+v vs %+v, %d vs %d children",
				gotCIN.Header, wantCIN.Header, len(gotCIN.Children), len(wantCIN.Children))
			for i := range min(len(gotCIN.Children), len(wantCIN.Children)) {
				if !reflect.DeepEqual(gotCIN.Children[i], wantCIN.Children[i]) {
					t.Errorf("first differing child:\n got %+v\nwant %+v", gotCIN.Children[i], wantCIN.Children[i])
					break
				}
			}
		}

		res, err = Run(ctx, st, key, req(filepath.Join(yd, "workforce.csv")))
		if err != nil {
			t.Fatal(err)
		}
		gotWF, err := st.Workforce(ctx, res.Snapshot)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(gotWF, council.Workforce[1:2]) {
			t.Errorf("workforce read back %+v, want %+v", gotWF, council.Workforce[1:2])
		}

		// The same files again: noticed, nothing stored.
		before := countSnapshots(t, st)
		res, err = Run(ctx, st, key, req(filepath.Join(yd, "cin.xml")))
		if err != nil {
			t.Fatal(err)
		}
		if !res.Duplicate || countSnapshots(t, st) != before {
			t.Errorf("second load of the same census: duplicate %v, snapshots %d → %d", res.Duplicate, before, countSnapshots(t, st))
		}
	})
}

func diffTables(t *testing.T, got, want *ssda903.Return) {
	t.Helper()
	gv, wv := reflect.ValueOf(got).Elem(), reflect.ValueOf(want).Elem()
	for i := 0; i < gv.NumField(); i++ {
		name := gv.Type().Field(i).Name
		if !reflect.DeepEqual(gv.Field(i).Interface(), wv.Field(i).Interface()) {
			g, w := gv.Field(i), wv.Field(i)
			if g.Kind() == reflect.Slice {
				t.Errorf("%s: %d rows, want %d", name, g.Len(), w.Len())
				for j := range min(g.Len(), w.Len()) {
					if !reflect.DeepEqual(g.Index(j).Interface(), w.Index(j).Interface()) {
						t.Errorf("%s row %d:\n got %+v\nwant %+v", name, j, g.Index(j).Interface(), w.Index(j).Interface())
						break
					}
				}
			} else {
				t.Errorf("%s: %v, want %v", name, g.Interface(), w.Interface())
			}
		}
	}
}

func countSnapshots(t *testing.T, st *store.Store) int {
	t.Helper()
	snaps, err := st.Snapshots(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	return len(snaps)
}

const goodHeader = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1001,1,03/04/2012,WBRI,UN1,,\n"

// TestRejectedFilesLoadNothing loads a good return, then each malformed input: every one must fail
// with a message naming the file and the problem, store nothing, and leave the good return intact.
func TestRejectedFilesLoadNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		key := testKey(t)
		dir := t.TempDir()
		write := func(name, content string) string {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
			return p
		}
		good := write("good_header.csv", goodHeader)
		first, err := Run(ctx, st, key, Request{Authority: 857, Year: 2025, Paths: []string{good}})
		if err != nil {
			t.Fatal(err)
		}
		long := filepath.Join(dir, "long.csv")
		f, err := os.Create(long)
		if err != nil {
			t.Fatal(err)
		}
		chunk := []byte(strings.Repeat("x", 1<<20))
		for range 200 { // a 200 MB file of one line
			if _, err := f.Write(chunk); err != nil {
				t.Fatal(err)
			}
		}
		f.Close()
		cinStart := `<?xml version="1.0"?><Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2025</Year></CollectionDetails><Source><LEA>857</LEA></Source></Header><Children>`
		tests := []struct {
			name string
			path string
			want []string
		}{
			{"empty file", write("empty.csv", ""), []string{"empty.csv", "empty"}},
			{"binary junk", write("junk.csv", "\x00\x01\x02\xff\xfe PK\x03\x04 binary"), []string{"junk.csv"}},
			{"columns of no table", write("other.csv", "NAME,ADDRESS\nx,y\n"), []string{"other.csv", "NAME"}},
			{"missing column", write("episodes.csv", "CHILD,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"), []string{"episodes.csv", "DECOM"}},
			{"200 MB of one line", long, []string{"long.csv", "row"}},
			{"truncated 903 XML", write("cut.xml", "<EXPSSDA903><CHILD><HEADER><CHILDID>1</CHILDID>"), []string{"cut.xml"}},
			{"truncated CIN XML", write("cutcin.xml", cinStart+"<Child><ChildIdentifiers><LAchildID>1"), []string{"cutcin.xml"}},
			{"entity bomb", write("bomb.xml", `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><Message>&lol2;</Message>`), []string{"bomb.xml", "DOCTYPE"}},
			{"external entity", write("xxe.xml", `<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]><EXPSSDA903>&x;</EXPSSDA903>`), []string{"xxe.xml", "DOCTYPE"}},
			{"census of another LA", write("other-la.xml", strings.Replace(cinStart, "857", "201", 1)+"</Children></Message>"), []string{"LA 201", "857"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before := countSnapshots(t, st)
				_, err := Run(ctx, st, key, Request{Authority: 857, Year: 2025, Paths: []string{tt.path}})
				if err == nil {
					t.Fatal("loaded without error")
				}
				for _, w := range tt.want {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not mention %q", err, w)
					}
				}
				if n := countSnapshots(t, st); n != before {
					t.Errorf("snapshots %d → %d after a rejected file", before, n)
				}
			})
		}
		r, err := st.SSDA903(ctx, first.Snapshot)
		if err != nil || len(r.Header) != 1 || r.Header[0].Child != "1001" {
			t.Errorf("first snapshot after rejected loads: %v, %+v", err, r)
		}
	})
}

// TestFindingsAreStored loads a return with value problems: it loads, and each finding is stored
// naming file, row, field and value.
func TestFindingsAreStored(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		dir := t.TempDir()
		p := filepath.Join(dir, "header.csv")
		content := goodHeader + "1002,1,31/02/2012,WBRI,UN1,,\n1003,3,01/01/2013,XXXX,UN1,,\n"
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := Run(ctx, st, testKey(t), Request{Authority: 857, Year: 2025, Paths: []string{p}})
		if err != nil {
			t.Fatal(err)
		}
		all, err := st.Findings(ctx, res.Snapshot)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != len(res.Findings) {
			t.Errorf("%d findings stored, %d returned", len(all), len(res.Findings))
		}
		// The reader's own findings (the DfE checks add theirs, e.g. 101 and 103 for the same values).
		var stored []finding.Finding
		codes := map[string]bool{}
		for _, f := range all {
			codes[f.Rule] = true
			if strings.HasPrefix(f.Rule, "read/") {
				stored = append(stored, f)
			}
		}
		if len(stored) != 3 {
			t.Fatalf("%d reader findings stored, want 3: %v", len(stored), stored)
		}
		for _, rule := range []string{"101", "102", "103"} {
			if !codes[rule] {
				t.Errorf("DfE check %s not among the stored findings %v", rule, codes)
			}
		}
		want := map[string]finding.Finding{
			"DOB":    {Row: 3, Child: "1002", Value: "31/02/2012"},
			"SEX":    {Row: 4, Child: "1003", Value: "3"},
			"ETHNIC": {Row: 4, Child: "1003", Value: "XXXX"},
		}
		for _, f := range stored {
			w, ok := want[strings.Join(f.Fields, ",")]
			if !ok || f.Row != w.Row || f.Child != w.Child || f.Value != w.Value || f.File != p || f.Severity != finding.Error {
				t.Errorf("unexpected finding %+v", f)
			}
		}
	})
}
