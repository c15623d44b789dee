package cin

import "csperf/internal/finding"

// readerChecks are DfE's checks of values the census model cannot keep when they are wrong: the
// reader reports a missing or invalid ReferralNFA flag or NumberOfPreviousCPP and stores false or 0,
// so these checks report the reader's findings under DfE's codes.
func readerChecks() []Check {
	return []Check{
		fromReader("8568", "ReferralNFA", "The referral's no-further-action flag is given and is true or false.",
			"the no-further-action flag (ReferralNFA) is missing or not valid: give true or false"),
		fromReader("8730", "NumberOfPreviousCPP", "Each child protection plan gives the number of previous plans.",
			"the number of previous child protection plans (NumberOfPreviousCPP) is missing or not a whole number"),
	}
}

// fromReader reports the reader's findings about element under DfE code code.
func fromReader(code, element, about, message string) Check {
	c := Check{Code: code, Severity: finding.Error, Elements: []string{element}, About: about}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		for _, f := range d.Read {
			if len(f.Fields) == 0 || f.Fields[0] != element {
				continue
			}
			switch f.Rule {
			case RuleMissing, RuleCode, RuleNumber:
				out = append(out, d.Found(&c, f.Row, f.Child, f.Table, []string{element}, f.Value, message))
			}
		}
		return out
	}
	return c
}
