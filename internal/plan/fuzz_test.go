package plan

import (
	"bytes"
	"reflect"
	"testing"
)

// FuzzReadXLSX checks that no workbook makes ReadXLSX panic, and that a plan it reads writes and
// reads back the same.
func FuzzReadXLSX(f *testing.F) {
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, Example(857, d(2026, 3, 13))); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := ReadXLSX(bytes.NewReader(b))
		if err != nil {
			return
		}
		var out bytes.Buffer
		if err := WriteXLSX(&out, p); err != nil {
			t.Fatal(err)
		}
		q, err := ReadXLSX(&out)
		if err != nil {
			t.Fatalf("a plan read from a workbook does not read back: %v", err)
		}
		if !reflect.DeepEqual(q, AsWorkbook(p)) {
			t.Errorf("round trip:\n got %+v\nwant %+v", q, AsWorkbook(p))
		}
	})
}

// FuzzCells checks the readers of single cells: a status read is a valid status, and a note or a
// piece of evidence read from any text writes back to text that reads the same.
func FuzzCells(f *testing.F) {
	for _, s := range []string{"On track", "not-started", "Done (PSW, 02/06/2026)", "Audit <https://x.example/a>",
		"Minutes <draft> <m.docx>", "(, 31/02/2026)", "t (a, b, 2026-01-01 09:00)", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if st, err := ParseStatus(s); err == nil && !st.Valid() {
			t.Errorf("ParseStatus(%q) = invalid %q", s, st)
		}
		n := parseNote(s)
		if again := parseNote(formatNote(n)); again.Text != n.Text || again.Author != n.Author || !again.At.Equal(n.At) {
			t.Errorf("note %q reads as %+v, which writes as %q and reads back as %+v", s, n, formatNote(n), again)
		}
		e := ParseEvidence(s)
		if again := ParseEvidence(e.String()); again != e {
			t.Errorf("evidence %q reads as %+v, which writes as %q and reads back as %+v", s, e, e.String(), again)
		}
	})
}
