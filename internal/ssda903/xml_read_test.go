package ssda903

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"csperf/internal/finding"
)

// oneChild wraps header elements and episodes in a return with one child.
func oneChild(header, episodes string) string {
	return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<EXPSSDA903>\n<CHILD>\n<HEADER>\n" +
		"<CHILDID>X1</CHILDID>\n<UPN>UN1</UPN>\n<SEX>1</SEX>\n<DOB>01/02/2010</DOB>\n<ETHNIC>WBRI</ETHNIC>\n" +
		header + "</HEADER>\n" + episodes + "</CHILD>\n</EXPSSDA903>\n"
}

const goodEpisode = "<EPISODE>\n<DECOM>01/04/2024</DECOM>\n<RNE>S</RNE>\n<LS>C2</LS>\n<CIN>N1</CIN>\n<PL>U1</PL>\n<DEC/>\n<REC/>\n</EPISODE>\n"

func TestReadXMLFindings(t *testing.T) {
	tests := []struct {
		name, data string
		want       []string
		check      func(t *testing.T, r *Return)
	}{
		{
			name: "non-date and unknown code",
			data: oneChild("<UASC>0</UASC>\n", "<EPISODE>\n<DECOM>31/02/2025</DECOM>\n<RNE>s</RNE>\n<LS>ZZ</LS>\n<CIN>n1</CIN>\n<PL>u1</PL>\n<DEC></DEC>\n<REC></REC>\n</EPISODE>\n"),
			want: []string{
				`cla.xml row 13 (CHILD/EPISODE/DECOM, child X1): "31/02/2025" is not a date [error read/date]`,
				`cla.xml row 15 (CHILD/EPISODE/LS, child X1): "ZZ" is not a valid LS code; the codes are C1, C2, D1, E1, V2, V3, V4, L1, L2, L3, J1, J2, J3 [error read/code]`,
			},
			check: func(t *testing.T, r *Return) {
				e := r.Episodes[0]
				if e.Row != 12 || !e.DECOM.IsZero() || e.RNE != "S" || e.LS != "ZZ" || e.CIN != "N1" || e.Place != "U1" {
					t.Errorf("episode = %+v", e)
				}
			},
		},
		{
			name: "missing required element",
			data: oneChild("<UASC/>\n", "<EPISODE>\n<RNE>S</RNE>\n<LS>C2</LS>\n<CIN>N1</CIN>\n<PL>U1</PL>\n<DEC/>\n<REC/>\n</EPISODE>\n"),
			want: []string{`cla.xml row 12 (CHILD/EPISODE/DECOM, child X1): DECOM is blank but must be filled in [error read/blank]`},
		},
		{
			name: "SDQ not a number, UASC flag wrong",
			data: oneChild("<UASC>Y</UASC>\n<OC2>\n<SDQ_SCORE>1O</SDQ_SCORE>\n</OC2>\n", goodEpisode),
			want: []string{
				`cla.xml row 10 (CHILD/HEADER/UASC, child X1): "Y" is not a valid UASC code; the codes are 0, 1 [error read/code]`,
				`cla.xml row 12 (CHILD/HEADER/OC2/SDQ_SCORE, child X1): "1O" is not a whole number [error read/integer]`,
			},
			check: func(t *testing.T, r *Return) {
				if len(r.UASC) != 0 || len(r.OC2) != 1 || r.OC2[0].SDQScore != nil || r.OC2[0].DOB != d(2010, 2, 1) {
					t.Errorf("UASC %+v, OC2 %+v", r.UASC, r.OC2)
				}
			},
		},
		{
			name: "UASC, AD1 and OC3 from header elements",
			data: oneChild("<UASC>1</UASC>\n<DATE_INT>01/05/2024</DATE_INT>\n<IN_TOUCH>no</IN_TOUCH>\n", goodEpisode),
			want: []string{
				`cla.xml row 11 (CHILD/HEADER/DATE_MATCH, child X1): DATE_MATCH is blank but must be filled in [error read/blank]`,
				`cla.xml row 11 (CHILD/HEADER/FOSTER_CARE, child X1): FOSTER_CARE is blank but must be filled in [error read/blank]`,
				`cla.xml row 11 (CHILD/HEADER/NB_ADOPTR, child X1): NB_ADOPTR is blank but must be filled in [error read/blank]`,
				`cla.xml row 11 (CHILD/HEADER/SEX_ADOPTR, child X1): SEX_ADOPTR is blank but must be filled in [error read/blank]`,
				`cla.xml row 11 (CHILD/HEADER/LS_ADOPTR, child X1): LS_ADOPTR is blank but must be filled in [error read/blank]`,
				`cla.xml row 12 (CHILD/HEADER/ACTIV, child X1): ACTIV is blank but must be filled in [error read/blank]`,
				`cla.xml row 12 (CHILD/HEADER/ACCOM, child X1): ACCOM is blank but must be filled in [error read/blank]`,
			},
			check: func(t *testing.T, r *Return) {
				wantU := []UASC{{Row: 10, Child: "X1", DOB: d(2010, 2, 1), Sex: "1"}}
				if !reflect.DeepEqual(r.UASC, wantU) || len(r.AD1) != 1 || r.AD1[0].DateInt != d(2024, 5, 1) ||
					len(r.OC3) != 1 || r.OC3[0].InTouch != "NO" || r.OC3[0].Row != 12 {
					t.Errorf("UASC %+v, AD1 %+v, OC3 %+v", r.UASC, r.AD1, r.OC3)
				}
			},
		},
		{
			name: "extra and repeated elements",
			data: oneChild("<UASC>0</UASC>\n<NICKNAME>Bo</NICKNAME>\n", "<EPISODE>\n<DECOM>01/04/2024</DECOM>\n<DECOM>02/04/2024</DECOM>\n<RNE>S</RNE>\n<LS>C2</LS>\n<CIN>N1</CIN>\n<PL>U1</PL>\n<DEC/>\n<REC/>\n</EPISODE>\n<PHOTO/>\n"),
			want: []string{
				`cla.xml row 15 (CHILD/EPISODE/DECOM, child X1): <DECOM> appears more than once here; the first was used [warning read/extra-element]`,
				`cla.xml row 11 (CHILD/HEADER/NICKNAME, child X1): <NICKNAME> is not part of an SSDA903 return and was ignored [warning read/extra-element]`,
				`cla.xml row 23 (CHILD/PHOTO, child X1): <PHOTO> is not part of an SSDA903 return and was ignored [warning read/extra-element]`,
			},
			check: func(t *testing.T, r *Return) {
				if r.Episodes[0].DECOM != d(2024, 4, 1) {
					t.Errorf("DECOM = %s", r.Episodes[0].DECOM)
				}
			},
		},
		{
			name: "duplicate child",
			data: "<EXPSSDA903><CHILD><HEADER><CHILDID>D1</CHILDID><UPN>UN1</UPN><SEX>1</SEX><DOB>01/01/2010</DOB><ETHNIC>WBRI</ETHNIC><UASC>0</UASC></HEADER></CHILD>\n" +
				"<CHILD><HEADER><CHILDID>D1</CHILDID><UPN>UN1</UPN><SEX>1</SEX><DOB>01/01/2010</DOB><ETHNIC>WBRI</ETHNIC><UASC>0</UASC></HEADER></CHILD></EXPSSDA903>",
			want: []string{`cla.xml row 2 (CHILD/HEADER/CHILDID, child D1): child D1 appears more than once in Header (first at line 1); Header has one row per child [error read/duplicate]`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, fs, err := ReadXML("cla.xml", strings.NewReader(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range fs {
				got = append(got, f.String())
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("findings:\n got  %q\n want %q", got, tt.want)
			}
			if tt.check != nil {
				tt.check(t, r)
			}
		})
	}
}

func TestReadXMLFindingFields(t *testing.T) {
	_, fs, err := ReadXML("cla.xml", strings.NewReader(oneChild("<UASC>0</UASC>\n<MC_DOB>2024-01-01</MC_DOB>\n", "")))
	if err != nil {
		t.Fatal(err)
	}
	want := finding.Finding{Rule: RuleDate, Severity: finding.Error, File: "cla.xml", Row: 11, Child: "X1",
		Fields: []string{"CHILD/HEADER/MC_DOB"}, Value: "2024-01-01", Message: `"2024-01-01" is not a date; dates are written dd/mm/yyyy`}
	if len(fs) != 1 || !reflect.DeepEqual(fs[0], want) {
		t.Errorf("finding = %#v", fs)
	}
}

const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<EXPSSDA903><CHILD><HEADER><CHILDID>&lol9;</CHILDID></HEADER></CHILD></EXPSSDA903>
`

func TestReadXMLFatal(t *testing.T) {
	golden, err := os.ReadFile(filepath.Join("testdata", "golden.xml"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, data string
		want       []string
	}{
		{"empty", "", []string{"cla.xml: the file is empty"}},
		{"whitespace only", "  \n\n", []string{"cla.xml: the file holds no XML elements"}},
		{"binary junk", "\x00\x9f\x92\x96junk\x00\x01", []string{"cla.xml: the file is not text"}},
		{"truncated", string(golden[:len(golden)/2]), []string{"cla.xml line ", "the XML ends before it is complete; the file looks cut short"}},
		{"truncated in a tag", "<EXPSSDA903>\n<CHILD>\n<HEAD", []string{"cla.xml line 3", "cut short"}},
		{"mismatched tags", "<EXPSSDA903>\n<CHILD>\n<HEADER>\n</CHILD>\n</EXPSSDA903>", []string{"cla.xml line 4: malformed XML", "element <HEADER> closed by </CHILD>"}},
		{"billion laughs", billionLaughs, []string{"cla.xml line 12", "DOCTYPE", "entity declarations are not accepted"}},
		{"external entity", "<?xml version=\"1.0\"?>\n<!DOCTYPE EXPSSDA903 [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<EXPSSDA903><CHILD><HEADER><CHILDID>&xxe;</CHILDID></HEADER></CHILD></EXPSSDA903>",
			[]string{"cla.xml line 2", "DOCTYPE", "not accepted"}},
		{"undeclared entity", "<EXPSSDA903><CHILD><HEADER><CHILDID>&xxe;</CHILDID></HEADER></CHILD></EXPSSDA903>",
			[]string{"cla.xml line 1: malformed XML", "&xxe;"}},
		{"wrong root", "<?xml version=\"1.0\"?>\n<Message><Header/></Message>", []string{"cla.xml line 2: the root element is <Message>, but an SSDA903 return's is <EXPSSDA903>"}},
		{"second root", "<EXPSSDA903></EXPSSDA903>\n<EXPSSDA903></EXPSSDA903>", []string{"cla.xml line 2: an element <EXPSSDA903> follows the end of <EXPSSDA903>"}},
		{"text outside root", "hello <EXPSSDA903></EXPSSDA903>", []string{"cla.xml line 1: there is text outside the root element"}},
		{"a CSV file", "CHILD,DOB\n1,01/01/2010\n", []string{"cla.xml line ", "there is text outside the root element"}},
		{"other encoding", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><EXPSSDA903/>", []string{"cla.xml line 1: the file declares an encoding other than UTF-8", "ISO-8859-1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, fs, err := ReadXML("cla.xml", strings.NewReader(tt.data))
			if err == nil {
				t.Fatalf("no error; read %+v, %v", r, fs)
			}
			if r != nil || fs != nil {
				t.Error("a return or findings came with the error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

// TestReadXMLBOMAndComments reads a file with a byte order mark, comments, a namespace prefix-free
// root with attributes, and CRLF line ends.
func TestReadXMLBOMAndComments(t *testing.T) {
	data := "\ufeff<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<!-- exported -->\r\n<EXPSSDA903 version=\"3\">\r\n" +
		strings.ReplaceAll(strings.TrimPrefix(oneChild("<UASC>0</UASC>\n", goodEpisode), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<EXPSSDA903>\n"), "\n", "\r\n")
	r, fs, err := ReadXML("cla.xml", bytes.NewReader([]byte(data)))
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) > 0 || len(r.Header) != 1 || len(r.Episodes) != 1 || r.Episodes[0].Row != 13 {
		t.Errorf("findings %v, return %+v", fs, r)
	}
}
