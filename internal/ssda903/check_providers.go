package ssda903

import (
	"fmt"

	"csperf/internal/finding"
)

// providerChecks compare a placement with the Ofsted provider list given with the return: who runs
// the setting, and whether it was registered and open during the episode. Settings not in the list,
// and the XXXXXXX of placements Ofsted does not register, are left to the checks of URNs (219, 221).
func providerChecks() []Check {
	tables := []Table{TableEpisodes}
	return []Check{
		providerRule("224", []string{"PLACE_PROVIDER", "URN"}, "The placement provider recorded matches who runs the Ofsted-registered setting.",
			func(e *Episode, p Provider) (string, string, bool) {
				if p.Sector == "" || e.PlaceProvider == "" || e.PlaceProvider == p.Sector {
					return "", "", false
				}
				return e.PlaceProvider, fmt.Sprintf("the episode starting %s records provider %s, but the setting %s is run by %s in the provider list",
					showDate(e.DECOM), e.PlaceProvider, e.URN, p.Sector), true
			}, tables),
		providerRule("227", []string{"DECOM", "URN"}, "The Ofsted-registered setting was registered and open on the day the episode started.",
			func(e *Episode, p Provider) (string, string, bool) {
				switch {
				case e.DECOM == 0:
					return "", "", false
				case p.Registered != 0 && e.DECOM < p.Registered:
					return e.URN, fmt.Sprintf("the episode starts %s, before the setting %s was registered on %s",
						showDate(e.DECOM), e.URN, showDate(p.Registered)), true
				case p.Closed != 0 && e.DECOM > p.Closed:
					return e.URN, fmt.Sprintf("the episode starts %s, after the setting %s closed on %s",
						showDate(e.DECOM), e.URN, showDate(p.Closed)), true
				}
				return "", "", false
			}, tables),
		providerRule("228", []string{"DEC", "URN"}, "The Ofsted-registered setting was still open on the day the episode ended.",
			func(e *Episode, p Provider) (string, string, bool) {
				if e.DEC == 0 || p.Closed == 0 || e.DEC <= p.Closed {
					return "", "", false
				}
				return e.URN, fmt.Sprintf("the episode ends %s, after the setting %s closed on %s",
					showDate(e.DEC), e.URN, showDate(p.Closed)), true
			}, tables),
	}
}

// providerRule builds a check of each episode whose URN is in the provider list.
func providerRule(code string, fields []string, about string, bad func(*Episode, Provider) (value, message string, ok bool), tables []Table) Check {
	c := Check{Code: code, Severity: finding.Error, Tables: tables, Fields: fields, About: about, Needs: NeedProviders}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		for i := range d.Return.Episodes {
			e := &d.Return.Episodes[i]
			p, ok := d.Providers[e.URN]
			if !ok || e.URN == "" || e.URN == "XXXXXXX" {
				continue
			}
			if value, msg, found := bad(e, p); found {
				out = append(out, d.Found(&c, TableEpisodes, e.Row, e.Child, fields, value, msg))
			}
		}
		return out
	}
	return c
}
