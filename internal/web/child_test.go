package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"csperf/internal/ssda903"
	"csperf/internal/store"
)

// fixtureEpisode returns a child of la with an episode of care in the latest 903 snapshot, and that
// episode, read straight from the store.
func fixtureEpisode(t *testing.T, f *fixture, la int) ssda903.Episode {
	t.Helper()
	ctx := context.Background()
	snaps, err := f.st.Snapshots(ctx, la)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(snaps) - 1; i >= 0; i-- {
		if snaps[i].Return != store.ReturnSSDA903 {
			continue
		}
		r, err := f.st.SSDA903(ctx, snaps[i].ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Episodes) > 0 {
			return r.Episodes[len(r.Episodes)/2]
		}
	}
	t.Fatalf("no episodes loaded for LA %d", la)
	return ssda903.Episode{}
}

func TestChildPage(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[0]
	ep := fixtureEpisode(t, f, la)
	key := f.key.Child(la, ep.Child)
	c := f.as(t, "analyst")
	path := fmt.Sprintf("/la/%d/child/%s", la, key)
	rec := c.get(path)
	if rec.Code != http.StatusOK {
		t.Fatalf("child page: %d %s", rec.Code, rec.Body.String())
	}
	body := rec.Body.String()
	if e := lastAudit(t, f, "view-child"); e.Authority != la || e.Detail != "child "+key || e.Email != "analyst@test.invalid" {
		t.Errorf("audit entry %+v", e)
	}
	want := fmt.Sprintf(`<tr class="child-event"><th scope="row">%s</th>`, ep.DECOM.DMY())
	if !strings.Contains(body, want) || !strings.Contains(body, "Episode of care") || !strings.Contains(body, "Legal status "+ep.LS) {
		t.Errorf("the timeline lacks the episode starting %s", ep.DECOM.DMY())
	}
	if strings.Count(body, "<h1>") != 1 || !strings.Contains(body, "<h1>Child "+key+"</h1>") {
		t.Errorf("heading")
	}
	// The real ID is shown only on demand, and that is audited.
	if strings.Contains(body, "<strong>"+ep.Child+"</strong>") {
		t.Errorf("the real ID is shown without being asked for")
	}
	body = c.get(path + "?reveal=1").Body.String()
	if !strings.Contains(body, "<strong>"+ep.Child+"</strong>") {
		t.Errorf("the real ID is not revealed")
	}
	if e := lastAudit(t, f, "view-child"); !strings.Contains(e.Detail, "revealed") {
		t.Errorf("reveal audit entry %+v", e)
	}

	// Not a reference, a reference of nobody, a child of another authority: 404 with a plain message.
	for _, p := range []string{
		fmt.Sprintf("/la/%d/child/not-a-child", la),
		fmt.Sprintf("/la/%d/child/%s", la, f.key.Child(la, "NO-SUCH-CHILD")),
		fmt.Sprintf("/la/%d/child/%s", la, f.key.Child(f.loaded[1], ep.Child)),
	} {
		if rec := c.get(p); rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), "child") {
			t.Errorf("%s: %d %s", p, rec.Code, rec.Body.String())
		}
	}
	for _, who := range []string{"manager", "member", "outsider"} {
		if rec := f.as(t, who).get(path); rec.Code != http.StatusForbidden {
			t.Errorf("%s opens a child: %d", who, rec.Code)
		}
	}
}

func TestChildTimelineOrder(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[0]
	ep := fixtureEpisode(t, f, la)
	rec, err := f.st.ChildRecord(context.Background(), la, f.key.Child(la, ep.Child))
	if err != nil {
		t.Fatal(err)
	}
	evs := childTimeline(rec)
	if len(evs) == 0 {
		t.Fatal("empty timeline")
	}
	seen := map[string]bool{}
	for i, e := range evs {
		if i > 0 && e.Date < evs[i-1].Date {
			t.Errorf("event %d (%s) before event %d (%s)", i, e.Date, i-1, evs[i-1].Date)
		}
		k := e.Kind + e.Date.String() + e.Details
		if seen[k] && e.Kind != "Review" {
			t.Errorf("%s at %s twice", e.Kind, e.Date)
		}
		seen[k] = true
	}
}
