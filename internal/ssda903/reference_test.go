package ssda903

import (
	"strings"
	"testing"
)

func TestReadProvidersAndPostcodes(t *testing.T) {
	ps, err := ReadProviders("p.csv", strings.NewReader("\ufeffURN,Kind,Postcode,LA,extra,provider,registered\nsc123456,Children's home,ab1  2cd,857,x,pr4,2019-06-01\n"))
	if err != nil {
		t.Fatal(err)
	}
	if p := ps["SC123456"]; p.Postcode != "AB1 2CD" || p.LA != "857" || p.Kind != "Children's home" || p.Sector != "PR4" ||
		p.Registered.String() != "2019-06-01" || p.Closed != 0 {
		t.Errorf("provider %+v", p)
	}
	cs, err := ReadPostcodes("c.csv", strings.NewReader("postcode,easting,northing\nab1 2cd,394000,806000\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c := cs["AB1 2CD"]; c.Easting != 394000 || c.Northing != 806000 {
		t.Errorf("coordinate %+v", c)
	}
	for _, bad := range []string{"", "urn,postcode\nx,y\n", "urn,postcode,la,kind\n,AB1,1,k\n"} {
		if _, err := ReadProviders("p.csv", strings.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "p.csv") {
			t.Errorf("providers %q: error %v", bad, err)
		}
	}
	if _, err := ReadPostcodes("c.csv", strings.NewReader("postcode,easting,northing\nAB1,east,1\n")); err == nil || !strings.Contains(err.Error(), "row 2") {
		t.Errorf("bad easting: %v", err)
	}
}
