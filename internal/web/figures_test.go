package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"csperf/internal/calendar"
	"csperf/internal/store"
)

func TestLocalFigures(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[0]
	ctx := context.Background()
	locals := localIndicators()
	if len(locals) == 0 {
		t.Fatal("no local indicators in the catalogue")
	}
	ind := locals[0]
	c := f.as(t, "analyst")
	if rec := c.get(fmt.Sprintf("/la/%d/figures", la)); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `<option value="`+ind.ID+`">`) {
		t.Fatalf("figures page: %d", rec.Code)
	}
	form := url.Values{"indicator": {ind.ID}, "period_end": {"31/03/2025"}, "numerator": {"30"}, "denominator": {"40"}, "note": {"panel minutes"}}
	if rec := c.postForm(fmt.Sprintf("/la/%d/figures", la), form); rec.Code != http.StatusSeeOther {
		t.Fatalf("save: %d %s", rec.Code, rec.Body)
	}
	figs, err := f.st.LocalFigures(ctx, la)
	if err != nil {
		t.Fatal(err)
	}
	var got *store.LocalFigure
	for i := range figs {
		if figs[i].Indicator == ind.ID && figs[i].PeriodEnd == calendar.Of(2025, time.March, 31) {
			got = &figs[i]
		}
	}
	if got == nil || got.Numerator != 30 || got.Note != "panel minutes" || got.EnteredBy == "" {
		t.Fatalf("stored %+v", got)
	}
	if page := c.get(fmt.Sprintf("/la/%d/figures?done=saved", la)).Body.String(); !strings.Contains(page, "panel minutes") || !strings.Contains(page, "The figure was saved.") {
		t.Errorf("the page does not list the figure")
	}
	es, err := f.st.AuditLog(ctx, store.AuditFilter{Action: "local-figure", Authority: la})
	if err != nil || len(es) == 0 || !strings.Contains(es[0].Detail, ind.ID) {
		t.Fatalf("not audited: %+v %v", es, err)
	}
	// Problems name the field; nothing is stored.
	for _, tc := range []struct {
		form url.Values
		want string
	}{
		{url.Values{"indicator": {ind.ID}, "period_end": {"soon"}, "numerator": {"3"}, "denominator": {"4"}}, "Period end: "},
		{url.Values{"indicator": {ind.ID}, "period_end": {"30/06/2025"}, "numerator": {"x"}, "denominator": {"4"}}, "Numerator: "},
		{url.Values{"indicator": {"cla-rate"}, "period_end": {"30/06/2025"}, "numerator": {"3"}, "denominator": {"4"}}, "Indicator: "},
		{url.Values{"indicator": {ind.ID}, "period_end": {"30/06/2025"}}, "Numerator: give"},
	} {
		rec := c.postForm(fmt.Sprintf("/la/%d/figures", la), tc.form)
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), tc.want) {
			t.Errorf("%v: %d, want %q", tc.form, rec.Code, tc.want)
		}
	}
	if after, _ := f.st.LocalFigures(ctx, la); len(after) != len(figs) {
		t.Errorf("bad input stored a figure")
	}
}
