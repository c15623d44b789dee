package ssda903

import (
	"strings"
	"testing"
)

func TestInvalidDateChecks(t *testing.T) {
	csv := "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n" +
		"1,01/04/2024,S,C2,N1,U4,PR1,31/09/2024,E13,,AB1 2,AB3 4,XXXXXXX\n" + // 31 September: not a date
		"2,01/04/2024,S,C2,N1,U4,PR1,30/09/2024,E13,,AB1 2,AB3 4,XXXXXXX\n"
	r, read, err := ReadCSV([]Input{{Name: "episodes.csv", Data: strings.NewReader(csv)}})
	if err != nil {
		t.Fatal(err)
	}
	d := NewCheckData(r, 2025)
	d.Read = read
	var got []string
	for _, c := range dateChecks() {
		for _, f := range c.Run(d) {
			got = append(got, f.Rule+" "+f.File+" "+f.Child+" "+f.Value)
			if f.Row != 2 {
				t.Errorf("%s at row %d, want 2", f.Rule, f.Row)
			}
		}
	}
	if len(got) != 1 || got[0] != "147 episodes.csv 1 31/09/2024" {
		t.Errorf("findings %q, want one 147 for child 1", got)
	}
	// Without the reader's findings (a return built in memory) the checks find nothing.
	d.Read = nil
	for _, c := range dateChecks() {
		if fs := c.Run(d); len(fs) != 0 {
			t.Errorf("%s found %v without reader findings", c.Code, fs)
		}
	}
}
