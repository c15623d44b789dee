package authority

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

func TestCSVRoundTrip(t *testing.T) {
	want := []Authority{
		{Number: 857, ONSCode: "E06000017", Name: "Rutland", Region: "East Midlands",
			Population: map[int]int{2024: 7512, 2023: 7480},
			Neighbours: []int{880, 936, 850, 830, 855, 865, 878, 908, 825, 826}},
		{Number: 201, ONSCode: "E09000001", Name: "City of London", Region: "London",
			Population: map[int]int{2025: 1010}, Neighbours: []int{213, 202}},
		{Number: 999, ONSCode: "E10000099", Name: `Borough of "Quotes", Commas`, Region: "South East"},
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, want); err != nil {
		t.Fatal(err)
	}
	wantText := "number,ons_code,name,region,neighbours,pop_2023,pop_2024,pop_2025\n" +
		"857,E06000017,Rutland,East Midlands,880;936;850;830;855;865;878;908;825;826,7480,7512,\n" +
		"201,E09000001,City of London,London,213;202,,,1010\n" +
		"999,E10000099,\"Borough of \"\"Quotes\"\", Commas\",South East,,,,\n"
	if buf.String() != wantText {
		t.Errorf("WriteCSV wrote\n%s\nwant\n%s", buf.String(), wantText)
	}
	got, err := ReadCSV("authorities.csv", &buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip\n got %+v\nwant %+v", got, want)
	}
}

func TestReadCSVTolerant(t *testing.T) {
	in := "\xef\xbb\xbfPOP_2024, Name ,number,ONS_code,region,neighbours\r\n" +
		"7512,Rutland, 857 ,E06000017,East Midlands, 880 ; 936 \r\n\r\n"
	got, err := ReadCSV("a.csv", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Authority{{Number: 857, ONSCode: "E06000017", Name: "Rutland", Region: "East Midlands",
		Population: map[int]int{2024: 7512}, Neighbours: []int{880, 936}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestReadCSVErrors(t *testing.T) {
	const h = "number,ons_code,name,region,neighbours,pop_2024\n"
	tests := []struct{ name, in, want string }{
		{"empty", "", "a.csv: the file is empty"},
		{"missing column", "number,ons_code,name,region\n", `a.csv row 1: missing column "neighbours"`},
		{"unknown column", h[:len(h)-1] + ",population\n", `a.csv row 1: column "population" is not an authorities.csv column`},
		{"bad year column", h[:len(h)-1] + ",pop_24\n", `a.csv row 1: column "pop_24"`},
		{"repeated column", h[:len(h)-1] + ",POP_2024\n", `a.csv row 1: column "pop_2024" appears twice`},
		{"bad number", h + "85x,E1,Rutland,EM,,1\n", `a.csv row 2, column number: "85x" is not a DfE LA number`},
		{"repeated number", h + "857,E1,Rutland,EM,,1\n857,E2,Other,EM,,2\n", `a.csv row 3, column number: "857" is listed twice (first at row 2)`},
		{"bad neighbour", h + "857,E1,Rutland,EM,880;x9;936,1\n", `a.csv row 2, column neighbours: "880;x9;936" holds "x9"`},
		{"bad population", h + "857,E1,Rutland,EM,,7.5\n\n", `a.csv row 2, column pop_2024: "7.5" is not a whole number`},
		{"extra values", h + "857,E1,Rutland, City,EM,,7\n", "a.csv row 2: the row has 7 values but the header has 6 columns"},
		{"negative population", h + "857,E1,Rutland,EM,,-7\n", `a.csv row 2, column pop_2024: "-7" is not a whole number`},
		{"blank name", h + "857,E1,,EM,,1\n", `a.csv row 2, column name: "" is blank`},
		{"bad quoting", h + "857,\"E1,Rutland\n", "a.csv row 2: malformed CSV"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadCSV("a.csv", strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want it to contain %q", err, tt.want)
			}
		})
	}
}
