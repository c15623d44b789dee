package indicator

import (
	"reflect"
	"testing"
)

func TestAffectedBy(t *testing.T) {
	if got := AffectedBy("OC3"); !reflect.DeepEqual(got, []string{"care-leavers-eet-19-21", "care-leavers-accom-19-21",
		"care-leavers-eet-17-18", "care-leavers-accom-17-18"}) {
		t.Errorf("OC3 affects %v", got)
	}
	if got := AffectedBy("Child/CINdetails/Assessments"); !reflect.DeepEqual(got, []string{"cin-rate", "rereferral-12m", "assessment-45wd"}) {
		t.Errorf("assessments affect %v", got)
	}
	if got := AffectedBy("CPPreviewDate"); !reflect.DeepEqual(got, []string{"cpp-rate", "cpp-second-plan", "cpp-2-years", "cpp-reviewed-on-time"}) {
		t.Errorf("a CP review date affects %v", got)
	}
	if got := AffectedBy("Reviews", "UASC"); len(got) != 0 {
		t.Errorf("reviews affect %v, want none", got)
	}
	// Every indicator named in the map is in the catalogue.
	for part, ids := range affectedBy {
		for _, id := range ids {
			if _, ok := Lookup(id); !ok {
				t.Errorf("%s lists unknown indicator %q", part, id)
			}
		}
	}
}
