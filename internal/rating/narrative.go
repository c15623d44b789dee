package rating

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"csperf/internal/disclose"
	"csperf/internal/indicator"
)

// Figure is one value told in a narrative, with the counts behind it where they are known.
type Figure struct {
	Value       float64
	Numerator   int64
	Denominator int64 // 0 when the counts are not known (published figures)
}

// Comparator is a named figure to set a value beside, such as {"statistical neighbours", 55}.
type Comparator struct {
	Name  string
	Value float64
}

// Narrative is what the generated sentence about one value needs. It has no polarity: the trend and
// the rating already say which way is better.
type Narrative struct {
	Title       string         // the subject as it starts the sentence: "The rate of children looked after"
	Unit        indicator.Unit //
	Decimals    int            // decimals shown
	SmallNumber int            // for percentages, the denominator below which counts are told instead; 0 means 20
	Noun        string         // what the counts count, as in "7 of 9 children"; "" means "children"
	Current     Figure         //
	Previous    *Figure        // the earlier value, or nil
	Trend       Trend          // the direction of travel, when known; "not a significant change" is said
	Comparators []Comparator   // in the order to mention them
	Rating      Rating         // Green, Amber and Red are told with the target; others are not
	Target      *float64       // the target level
}

// Sentence returns one plain-English sentence about the value, covering its change, its comparators
// and its rating, with the numbers in, for example "The rate of children looked after rose from 62
// to 68 per 10,000, above statistical neighbours (55); red against a target of 60." Percentages with a
// denominator below the small-number threshold are told as counts ("7 of 9 children"). Values are
// compared as shown, at the given decimals.
func (n Narrative) Sentence() string {
	var b strings.Builder
	b.WriteString(capitalise(n.Title))
	cur, curTail := n.figure(n.Current)
	now := indicator.Round(n.Current.Value, n.Decimals)
	if n.Previous != nil {
		prev, prevTail := n.figure(*n.Previous)
		before := indicator.Round(n.Previous.Value, n.Decimals)
		if prev == cur && prevTail == curTail {
			b.WriteString(" stayed at " + cur + curTail)
		} else {
			verb := " rose from "
			switch {
			case now < before:
				verb = " fell from "
			case now == before: // the same as shown, but told as different counts
				verb = " went from "
			}
			b.WriteString(verb + prev)
			if prevTail != curTail {
				b.WriteString(prevTail)
			}
			b.WriteString(" to " + cur + curTail)
			if n.Trend == NoSignificantChange {
				b.WriteString(" (not a significant change)")
			}
		}
	} else {
		b.WriteString(" was " + cur + curTail)
	}
	for i, c := range n.Comparators {
		if i == 0 {
			b.WriteString(", ")
		} else {
			b.WriteString(" and ")
		}
		switch v := indicator.Round(c.Value, n.Decimals); {
		case now > v:
			b.WriteString("above ")
		case now < v:
			b.WriteString("below ")
		default:
			b.WriteString("the same as ")
		}
		b.WriteString(c.Name + " (" + n.level(c.Value) + ")")
	}
	if n.Target != nil && (n.Rating == Green || n.Rating == Amber || n.Rating == Red) {
		b.WriteString("; " + string(n.Rating) + " against a target of " + n.level(*n.Target))
	}
	b.WriteString(".")
	return b.String()
}

// figure formats f as the sentence tells it: the number itself, and the words that follow the
// number (" per 10,000", " children"), which a "from … to …" phrase says only once when both share them.
func (n Narrative) figure(f Figure) (text, tail string) {
	small := n.SmallNumber
	if small == 0 {
		small = 20
	}
	if n.Unit == indicator.Percent && f.Denominator > 0 && f.Denominator < int64(small) {
		noun := n.Noun
		if noun == "" {
			noun = "children"
		}
		return disclose.Number(float64(f.Numerator), 0) + " of " + disclose.Number(float64(f.Denominator), 0), " " + noun
	}
	switch n.Unit {
	case indicator.Percent:
		return disclose.Number(f.Value, n.Decimals) + "%", ""
	case indicator.Rate10k:
		return disclose.Number(f.Value, n.Decimals), " per 10,000"
	case indicator.Days:
		return disclose.Number(f.Value, n.Decimals), " days"
	}
	return disclose.Number(f.Value, n.Decimals), ""
}

// level formats a comparator or target value: percentages with a % sign, days with the word.
func (n Narrative) level(x float64) string {
	switch n.Unit {
	case indicator.Percent:
		return disclose.Number(x, n.Decimals) + "%"
	case indicator.Days:
		return disclose.Number(x, n.Decimals) + " days"
	}
	return disclose.Number(x, n.Decimals)
}

// capitalise upper-cases the first letter of s.
func capitalise(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}
