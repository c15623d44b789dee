package ssda903

import (
	"strings"
	"testing"
)

// TestUASCFlagChecks: 303 and 205C read the XML return's UASC flag through the reader's findings.
func TestUASCFlagChecks(t *testing.T) {
	run := func(header string, lastUASC bool) []string {
		t.Helper()
		r, read, err := ReadXML("cla.xml", strings.NewReader(oneChild(header, goodEpisode)))
		if err != nil {
			t.Fatal(err)
		}
		prev := &Return{Year: 2024}
		if lastUASC {
			prev.UASC = []UASC{{Child: "X1"}}
		}
		r.Previous = prev
		d := NewCheckData(r, 2025)
		d.Read = read
		var got []string
		for _, c := range append(dateChecks(), hdr205C()) {
			if c.Code != "303" && c.Code != "205C" {
				continue
			}
			for _, f := range c.Run(d) {
				got = append(got, f.Rule+" "+f.Child+" "+f.Value)
			}
		}
		return got
	}
	for _, tc := range []struct {
		name, header string
		lastUASC     bool
		want         string
	}{
		{"flag 1 with a DUC", "<UASC>1</UASC>\n<DUC>01/01/2025</DUC>\n", false, ""},
		{"flag 0 without a DUC", "<UASC>0</UASC>\n", false, ""},
		{"flag 0 with a DUC, UASC last year", "<UASC>0</UASC>\n<DUC>01/01/2025</DUC>\n", true, "303 X1 01/01/2025"},
		{"flag 0 with a DUC, not UASC last year", "<UASC>0</UASC>\n<DUC>01/01/2025</DUC>\n", false, "303 X1 01/01/2025|205C X1 01/01/2025"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := strings.Join(run(tc.header, tc.lastUASC), "|"); got != tc.want {
				t.Errorf("findings %q, want %q", got, tc.want)
			}
		})
	}
}
