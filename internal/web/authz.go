package web

import (
	"slices"

	"csperf/internal/disclose"
	"csperf/internal/store"
)

// Roles, from DESIGN.md §1. An admin account may do everything for every authority.
const (
	RoleAnalyst = "analyst"
	RoleManager = "manager"
	RoleMember  = "member"
)

// Permission is something a route needs. Every route names one; allowed decides it, in this file
// and nowhere else.
type Permission int

const (
	SignedIn       Permission = iota // any signed-in account (glossary, the list of authorities)
	ViewAggregates                   // scorecard, indicator pages, comparisons (members: suppressed)
	ViewPlans                        // improvement plans, read only
	ViewChildList                    // the children behind a figure, the missing-from-care list
	ViewChild                        // one child's record: timeline and findings
	ViewFindings                     // data quality: the DfE check findings and the rows behind them
	Upload                           // load a return through the browser
	EditTargets                      // targets, local figures and narratives
	EditPlans                        // improvement plans: create, edit, record progress
	Admin                            // users, roles and the audit log
)

var permissionNames = [...]string{"signed in", "view aggregates", "view plans", "view child lists",
	"view a child's record", "view findings", "upload returns", "edit targets", "edit plans", "administer"}

func (p Permission) String() string { return permissionNames[p] }

// grants lists what each role may do for the authorities it is held for.
func grants(role string) []Permission {
	switch role {
	case RoleAnalyst:
		return []Permission{ViewAggregates, ViewPlans, ViewChildList, ViewChild, ViewFindings, Upload, EditTargets, EditPlans}
	case RoleManager:
		return []Permission{ViewAggregates, ViewPlans, ViewChildList, EditPlans}
	case RoleMember:
		return []Permission{ViewAggregates, ViewPlans}
	}
	return nil
}

// roleFor returns the role u holds for authority la: one held for la itself, else one held for every
// authority (0); "" when none.
func roleFor(u *store.User, la int) string {
	all := ""
	for _, r := range u.Roles {
		switch r.Authority {
		case la:
			return r.Role
		case 0:
			all = r.Role
		}
	}
	return all
}

// allowed reports whether u may do p for authority la (la is 0 for routes of no authority).
func allowed(u *store.User, p Permission, la int) bool {
	if u == nil || u.Disabled {
		return false
	}
	if u.Admin || p == SignedIn {
		return true
	}
	if p == Admin {
		return false
	}
	return slices.Contains(grants(roleFor(u, la)), p)
}

// audience returns how figures are disclosed to u for authority la: members see small numbers
// suppressed; everyone else sees them.
func audience(u *store.User, la int) disclose.Audience {
	if u.Admin {
		return disclose.Analyst
	}
	switch roleFor(u, la) {
	case RoleAnalyst:
		return disclose.Analyst
	case RoleManager:
		return disclose.Manager
	}
	return disclose.Member
}
