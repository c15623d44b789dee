package ssda903

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// addSeeds adds the files matching pattern in testdata to the corpus.
func addSeeds(f *testing.F, patterns ...string) {
	for _, p := range patterns {
		paths, err := filepath.Glob(filepath.Join("testdata", p))
		if err != nil {
			f.Fatal(err)
		}
		for _, path := range paths {
			data, err := os.ReadFile(path)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
}

// FuzzReadCSV checks that no input makes ReadCSV panic, that findings name the file and a row, and
// that what it reads, written out again, reads back the same.
func FuzzReadCSV(f *testing.F) {
	addSeeds(f, "golden/*.csv", "golden/previous/*.csv", "messy/*")
	f.Add([]byte(episodesHeader + "1,\"01/01/2024,S\n"))
	f.Add([]byte("child,dob,review,review_code\r\n x ,1/2/2003,29/02/2024,pn1,extra\r\n,,,\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, fs, err := ReadCSV([]Input{{Name: "f.csv", Data: bytes.NewReader(data)}})
		if err != nil {
			return
		}
		for _, fd := range fs {
			if fd.File != "f.csv" || fd.Row < 1 {
				t.Fatalf("finding without file or row: %+v", fd)
			}
		}
		for _, tb := range Tables {
			if bindings[tb].count(r) == 0 {
				continue
			}
			var buf bytes.Buffer
			if err := WriteTable(&buf, tb, r); err != nil {
				t.Fatal(err)
			}
			again, _, err := ReadCSV([]Input{{Name: "again.csv", Data: &buf}})
			if err != nil {
				t.Fatalf("reading back %s: %v\n%q", tb, err, buf.String())
			}
			clearRows(r)
			clearRows(again)
			diffReturns(t, again, dropBlank(r))
		}
	})
}

// FuzzReadXML checks that no input makes ReadXML panic, that findings name the file and a line, and
// that a return read without duplicate children, written out again, reads back the same.
func FuzzReadXML(f *testing.F) {
	addSeeds(f, "golden.xml")
	f.Add([]byte(billionLaughs))
	f.Add([]byte(oneChild("<UASC>1</UASC>\n<DUC>x</DUC>\n<OC2><SDQ_SCORE>4</SDQ_SCORE></OC2>\n", goodEpisode)))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, fs, err := ReadXML("f.xml", bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, fd := range fs {
			if fd.File != "f.xml" || fd.Row < 1 {
				t.Fatalf("finding without file or line: %+v", fd)
			}
		}
		// The XML holds one header per child and one PERMANENCE and OC2 per child: skip inputs
		// that have more, which WriteXML cannot hold.
		for _, tb := range []Table{TableHeader, TablePrevPerm, TableOC2} {
			seen := map[string]bool{}
			b := bindings[tb]
			for i := 0; i < b.count(r); i++ {
				c := *b.fields(r, i, nil)[0].(*string)
				if seen[c] {
					return
				}
				seen[c] = true
			}
		}
		var buf bytes.Buffer
		if err := WriteXML(&buf, r); err != nil {
			t.Fatal(err)
		}
		again, _, err := ReadXML("again.xml", &buf)
		if err != nil {
			t.Fatalf("reading back: %v\n%s", err, buf.String())
		}
		clearRows(r)
		clearRows(again)
		diffReturns(t, again, r)
	})
}

// dropBlank returns a copy of r without records whose fields are all blank (as a row holding only an
// invalid date reads): they write as an empty line, which is skipped when read back.
func dropBlank(r *Return) *Return {
	out := &Return{}
	for _, tb := range Tables {
		b := bindings[tb]
		for i := 0; i < b.count(r); i++ {
			src := b.fields(r, i, nil)
			blank := true
			for _, p := range src {
				blank = blank && format(p) == ""
			}
			if blank {
				continue
			}
			dst := b.add(out, b.row(r, i), nil)
			for k := range src {
				switch p := src[k].(type) {
				case *string:
					*dst[k].(*string) = *p
				case *Date:
					*dst[k].(*Date) = *p
				case **int:
					*dst[k].(**int) = *p
				}
			}
		}
	}
	return out
}
