package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"csperf/internal/authority"
)

func TestComparePage(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[0]
	as, err := f.st.Authorities(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	names := map[int]string{}
	var me authority.Authority
	for _, a := range as {
		names[a.Number] = a.Name
		if a.Number == la {
			me = a
		}
	}
	if len(me.Neighbours) == 0 {
		t.Fatal("the fixture authority has no neighbours")
	}
	for _, who := range []string{"analyst", "member"} {
		rec := f.as(t, who).get(fmt.Sprintf("/la/%d/compare?at=2025-03-31", la))
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: compare %d", who, rec.Code)
		}
		body := rec.Body.String()
		if strings.Count(body, "<h1>") != 1 || !strings.Contains(body, "<h1>Comparisons at 31/03/2025</h1>") {
			t.Errorf("%s: heading", who)
		}
		for _, nb := range me.Neighbours {
			if !strings.Contains(body, names[nb]) {
				t.Errorf("%s: neighbour %s not named", who, names[nb])
			}
		}
		if !strings.Contains(body, "<li>"+names[me.Neighbours[0]]+": ") {
			t.Errorf("%s: no neighbour value listed", who)
		}
		if n := strings.Count(body, "<tr data-row>"); n < 10 {
			t.Errorf("%s: %d indicator rows", who, n)
		}
	}
	if rec := f.as(t, "outsider").get(fmt.Sprintf("/la/%d/compare", la)); rec.Code != http.StatusForbidden {
		t.Errorf("outsider: %d", rec.Code)
	}
}
