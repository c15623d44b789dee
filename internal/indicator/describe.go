package indicator

// Describe says what the unit is, as a phrase for definitions ("a percentage").
func (u Unit) Describe() string {
	switch u {
	case Count:
		return "a count"
	case Percent:
		return "a percentage"
	case Rate10k:
		return "a rate per 10,000 children aged 0 to 17"
	case Days:
		return "an average number of days"
	case Score:
		return "an average score"
	case Ratio:
		return "a ratio"
	}
	return string(u)
}

// Describe says which direction is better, as a phrase for definitions.
func (p Polarity) Describe() string {
	switch p {
	case HigherIsBetter:
		return "higher is better"
	case LowerIsBetter:
		return "lower is better"
	}
	return "neither: context, not rated"
}

// Describe says what time a value covers, as a phrase for definitions.
func (p Period) Describe() string {
	switch p {
	case AtDate:
		return "on the date"
	case YearTo:
		return "in the 12 months to the date"
	case ThreeYear:
		return "in the 3 years to the date"
	}
	return string(p)
}

// Describe names where the data come from, as a phrase for definitions.
func (s Source) Describe() string {
	switch s {
	case SourceSSDA903:
		return "the children looked after return (SSDA903)"
	case SourceCIN:
		return "the children in need census (CIN)"
	case SourceWorkforce:
		return "the social work workforce figures"
	case SourceLocal:
		return "figures entered by the council"
	case SourcePublished:
		return "DfE's published statistics"
	}
	return string(s)
}

// Symbol is what follows a value of the unit on charts and in tables: "%", "per 10,000", "days",
// or nothing for counts, scores and ratios.
func (u Unit) Symbol() string {
	switch u {
	case Percent:
		return "%"
	case Rate10k:
		return "per 10,000"
	case Days:
		return "days"
	}
	return ""
}
