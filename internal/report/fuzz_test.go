package report

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzParsePack feeds arbitrary pack definitions to the parser: it must never panic, and what it
// accepts must name a committee and at least one indicator, each from the catalogue.
func FuzzParsePack(f *testing.F) {
	for _, name := range BuiltInPacks() {
		b, err := packFiles.ReadFile("packs/" + name + ".yaml")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"committee": "C", "title": "T", "sections": [{"title": "S", "indicators": ["cla-rate"]}]}`))
	f.Add([]byte("committee: [\n"))
	f.Add([]byte("a: &a [*a, *a]\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := ParsePack("fuzz.yaml", bytes.NewReader(b))
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
			return
		}
		if strings.TrimSpace(p.Committee) == "" || len(p.Sections) == 0 {
			t.Fatalf("accepted a pack without a committee or sections: %+v", p)
		}
	})
}

// FuzzParsePeriod: never panics; what it accepts has an end date and a length of 1, 3 or 12 months.
func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2025-Q4", "2025-03", "2024-25", "2025-Q5", "1999-00", "", "9999-99"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePeriod(s)
		if err != nil {
			return
		}
		if p.End.IsZero() || (p.Months != 1 && p.Months != 3 && p.Months != 12) {
			t.Fatalf("%q gave %+v", s, p)
		}
	})
}
