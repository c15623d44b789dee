package ssda903

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

// checkRefErr fails t unless err is one line naming the file.
func checkRefErr(t *testing.T, name string, err error) {
	t.Helper()
	if msg := err.Error(); !strings.HasPrefix(msg, name) || strings.ContainsAny(msg, "\r\n") {
		t.Fatalf("error not one line naming %s: %q", name, msg)
	}
}

// FuzzReadProviders checks that no input makes ReadProviders panic, that errors are one line naming
// the file, and that each provider is filed under its own URN, with its codes in upper case and its
// postcode written as the checks look it up.
func FuzzReadProviders(f *testing.F) {
	for _, s := range []string{
		"\ufeffURN,Kind,Postcode,LA,extra,provider,registered\nsc123456,Children's home,ab1  2cd,857,x,pr4,2019-06-01\n",
		"urn,postcode,la,kind,provider,registered,closed\r\nSC1,AB1 2CD,857,Secure unit,PR1,01/04/2010,31/03/2024\r\n SC2 ,,,, , , \r\n",
		"urn,postcode,la,kind\n,AB1,1,k\n", "urn,postcode\nx,y\n", "",
		"urn,postcode,la,kind,closed\nSC1,AB1,1,k,31/02/2024\n", "urn,postcode,la,kind\n\"SC1,AB1\n",
		"urn,postcode,la,kind,urn\nSC1,AB1,1,k,SC2\nsc1,ab1,2,k\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ps, err := ReadProviders("providers.csv", bytes.NewReader(data))
		if err != nil {
			checkRefErr(t, "providers.csv", err)
			return
		}
		for urn, p := range ps {
			if urn == "" || p.URN != urn || urn != strings.ToUpper(urn) || p.Sector != strings.ToUpper(p.Sector) ||
				p.Postcode != normalisePostcode(p.Postcode) {
				t.Fatalf("provider %q: %+v", urn, p)
			}
		}
	})
}

// FuzzReadPostcodes checks that no input makes ReadPostcodes panic, that errors are one line naming
// the file, and that each postcode is written as the checks look it up, with coordinates that are
// numbers.
func FuzzReadPostcodes(f *testing.F) {
	for _, s := range []string{
		"postcode,easting,northing\nab1 2cd,394000,806000\n",
		"\ufeffPostcode,Easting,Northing,LA\r\nAB1 2CD,394000.5,806000,857\r\n sw1a  1aa ,529090,179645,213\r\n",
		"postcode,easting,northing\nAB1,east,1\n", "postcode,easting\n", "",
		"postcode,easting,northing\nAB1,NaN,Inf\n", "postcode,easting,northing\n,1,2\n",
		"postcode,easting,northing\n\"AB1,1\n", "postcode,easting,northing\nAB1,1e400,2\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cs, err := ReadPostcodes("postcodes.csv", bytes.NewReader(data))
		if err != nil {
			checkRefErr(t, "postcodes.csv", err)
			return
		}
		for pc, c := range cs {
			if pc == "" || pc != normalisePostcode(pc) {
				t.Fatalf("postcode %q: %+v", pc, c)
			}
			for _, x := range []float64{c.Easting, c.Northing} {
				if math.IsNaN(x) || math.IsInf(x, 0) {
					t.Fatalf("postcode %q at %+v", pc, c)
				}
			}
		}
	})
}
