package authority

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// FuzzReadCSV checks that no input makes ReadCSV panic, that errors are one line naming the file,
// that each authority read has a DfE number, a name and neighbours and populations that are numbers,
// and that what it reads writes and reads back the same.
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("number,ons_code,name,region,neighbours,pop_2023,pop_2024,pop_2025\n" +
		"857,E06000017,Rutland,East Midlands,880;936;850;830;855;865;878;908;825;826,7480,7512,\n" +
		"201,E09000001,City of London,London,213;202,,,1010\n" +
		"999,E10000099,\"Borough of \"\"Quotes\"\", Commas\",South East,,,,\n"))
	f.Add([]byte("\xef\xbb\xbfPOP_2024, Name ,number,ONS_code,region,neighbours\r\n" +
		"7512,Rutland, 857 ,E06000017,East Midlands, 880 ; 936 \r\n\r\n"))
	const h = "number,ons_code,name,region,neighbours,pop_2024\n"
	for _, s := range []string{
		"", "number,ons_code,name,region\n", h[:len(h)-1] + ",population\n", h[:len(h)-1] + ",pop_24\n",
		h[:len(h)-1] + ",POP_2024\n", h + "85x,E1,Rutland,EM,,1\n", h + "857,E1,Rutland,EM,,1\n857,E2,Other,EM,,2\n",
		h + "857,E1,Rutland,EM,880;x9;936,1\n", h + "857,E1,Rutland,EM,,7.5\n\n", h + "857,E1,Rutland, City,EM,,7\n",
		h + "857,E1,,EM,,1\n", h + "857,\"E1,Rutland\n", h + "0857,E1,Rutland,EM,;,99999999999999999999\n",
		"number,ons_code,name,region,neighbours,\"pop_2024\n\"\n857,E1,Rutland,EM,,x\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		as, err := ReadCSV("authorities.csv", bytes.NewReader(data))
		if err != nil {
			if msg := err.Error(); !strings.HasPrefix(msg, "authorities.csv") && !strings.Contains(msg, " authorities.csv") ||
				strings.ContainsAny(msg, "\r\n") {
				t.Fatalf("error not one line naming the file: %q", msg)
			}
			return
		}
		seen := map[int]bool{}
		for _, a := range as {
			if a.Number < 1 || a.Number > 999 || seen[a.Number] || a.Name == "" {
				t.Fatalf("authority without a number of its own or a name: %+v", a)
			}
			seen[a.Number] = true
			for _, n := range a.Neighbours {
				if n < 1 || n > 999 {
					t.Fatalf("neighbour %d: %+v", n, a)
				}
			}
			if a.Population != nil && len(a.Population) == 0 {
				t.Fatalf("empty population map: %+v", a)
			}
			for y, p := range a.Population {
				if y < 1000 || y > 9999 || p < 0 {
					t.Fatalf("population %d in %d: %+v", p, y, a)
				}
			}
		}
		var buf bytes.Buffer
		if err := WriteCSV(&buf, as); err != nil {
			t.Fatal(err)
		}
		again, err := ReadCSV("again.csv", &buf)
		if err != nil || !reflect.DeepEqual(as, again) {
			t.Fatalf("round trip: %v\n got %+v\nwant %+v\n%q", err, again, as, buf.String())
		}
	})
}
