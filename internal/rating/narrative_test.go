package rating

import (
	"testing"

	"csperf/internal/indicator"
)

func TestSentence(t *testing.T) {
	for _, c := range []struct {
		name string
		n    Narrative
		want string
	}{
		{"design example", Narrative{
			Title: "the rate of children looked after", Unit: indicator.Rate10k,
			Current: Figure{Value: 68.2}, Previous: &Figure{Value: 62.4},
			Comparators: []Comparator{{"statistical neighbours", 55.1}},
			Rating:      Red, Target: f(60),
		}, "The rate of children looked after rose from 62 to 68 per 10,000, above statistical neighbours (55); red against a target of 60."},
		{"percent, several comparators, green", Narrative{
			Title: "the proportion of assessments completed within 45 working days", Unit: indicator.Percent,
			Decimals: 1, Current: Figure{Value: 86.25, Numerator: 690, Denominator: 800},
			Previous:    &Figure{Value: 88.0, Numerator: 704, Denominator: 800},
			Comparators: []Comparator{{"England", 82.1}, {"the region", 86.3}, {"statistical neighbours", 86.3}},
			Rating:      Green, Target: f(85),
		}, "The proportion of assessments completed within 45 working days fell from 88.0% to 86.3%, " +
			"above England (82.1%) and the same as the region (86.3%) and the same as statistical neighbours (86.3%); " +
			"green against a target of 85.0%."},
		{"small numbers told as counts", Narrative{
			Title: "the proportion of care leavers aged 19 to 21 in education, employment or training",
			Unit:  indicator.Percent, Noun: "young people",
			Current:  Figure{Value: 77.8, Numerator: 7, Denominator: 9},
			Previous: &Figure{Value: 62.5, Numerator: 5, Denominator: 8},
			Trend:    NoSignificantChange, Comparators: []Comparator{{"England", 56}},
			Rating: Amber, Target: f(80),
		}, "The proportion of care leavers aged 19 to 21 in education, employment or training rose from " +
			"5 of 8 to 7 of 9 young people (not a significant change), above England (56%); amber against a target of 80%."},
		{"small then large", Narrative{
			Title: "the proportion of children with 3 or more placements", Unit: indicator.Percent,
			Current:  Figure{Value: 10, Numerator: 3, Denominator: 30},
			Previous: &Figure{Value: 5.0 / 19 * 100, Numerator: 5, Denominator: 19},
		}, "The proportion of children with 3 or more placements fell from 5 of 19 children to 10%."},
		{"same proportion, different counts", Narrative{
			Title: "the proportion of children with 3 or more placements", Unit: indicator.Percent,
			Current:  Figure{Value: 50, Numerator: 10, Denominator: 20},
			Previous: &Figure{Value: 50, Numerator: 5, Denominator: 10},
		}, "The proportion of children with 3 or more placements went from 5 of 10 children to 50%."},
		{"no previous, no rating", Narrative{
			Title: "the number of children looked after", Unit: indicator.Count,
			Current: Figure{Value: 1234}, Rating: Grey, Target: f(1200),
		}, "The number of children looked after was 1,234."},
		{"stayed the same", Narrative{
			Title: "the average time from entering care to moving in with adopters", Unit: indicator.Days,
			Current: Figure{Value: 400.2}, Previous: &Figure{Value: 399.8},
			Comparators: []Comparator{{"England", 367}}, Rating: Red, Target: f(365),
		}, "The average time from entering care to moving in with adopters stayed at 400 days, above England (367 days); red against a target of 365 days."},
	} {
		if got := c.n.Sentence(); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}
