package cin

import (
	"strings"
	"testing"
)

func TestReaderChecks(t *testing.T) {
	xml := `<?xml version="1.0"?><Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2025</Year></CollectionDetails><Source><LEA>857</LEA></Source></Header><Children>
<Child><ChildIdentifiers><LAchildID>A1</LAchildID><GenderCurrent>1</GenderCurrent></ChildIdentifiers><ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
<CINdetails><CINreferralDate>2024-05-01</CINreferralDate><ReferralSource>1A</ReferralSource><ReferralNFA>maybe</ReferralNFA>
<ChildProtectionPlans><CPPstartDate>2024-06-01</CPPstartDate><InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse><LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse></ChildProtectionPlans></CINdetails></Child>
<Child><ChildIdentifiers><LAchildID>A2</LAchildID><GenderCurrent>1</GenderCurrent></ChildIdentifiers><ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
<CINdetails><CINreferralDate>2024-05-01</CINreferralDate><ReferralSource>1A</ReferralSource><ReferralNFA>false</ReferralNFA></CINdetails></Child>
</Children></Message>`
	c, read, err := ReadXML("cin.xml", strings.NewReader(xml))
	if err != nil {
		t.Fatal(err)
	}
	d := NewCheckData(c, "cin.xml", 2025)
	d.Read = read
	got := map[string]string{}
	for _, ch := range readerChecks() {
		for _, f := range ch.Run(d) {
			got[f.Rule] = f.Child
		}
	}
	if len(got) != 2 || got["8568"] != "A1" || got["8730"] != "A1" {
		t.Errorf("reader checks found %v, want 8568 and 8730 for child A1 only", got)
	}
	d.Read = nil
	for _, ch := range readerChecks() {
		if fs := ch.Run(d); len(fs) != 0 {
			t.Errorf("%s found %v without reader findings", ch.Code, fs)
		}
	}
}
