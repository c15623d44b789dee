package web

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"csperf/internal/calendar"
	"csperf/internal/indicator"
	"csperf/internal/rating"
	"csperf/internal/scorecard"
	"csperf/internal/store"
)

func TestTargetFormSetsTheScorecardsRAG(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[0]
	ctx := context.Background()
	at := calendar.Of(2025, time.March, 31)
	rows, _, err := scorecard.BuildStored(ctx, f.st, la, at, "analyst")
	if err != nil {
		t.Fatal(err)
	}
	// An indicator with a polarity and a value, and no target yet.
	var row *scorecard.Row
	for i := range rows {
		r := &rows[i]
		if r.Indicator.Polarity != indicator.Neutral && r.Value.Valid && r.Target == nil && r.Indicator.Unit == indicator.Percent {
			row = r
			break
		}
	}
	if row == nil {
		t.Fatal("no indicator to set a target for")
	}
	ind := row.Indicator
	target := indicator.Round(row.Value.Value, ind.Decimals) + 5
	if ind.Polarity == indicator.LowerIsBetter {
		target -= 10
	}
	c := f.as(t, "analyst")
	if rec := c.get(fmt.Sprintf("/la/%d/targets", la)); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `<option value="`+ind.ID+`">`) {
		t.Fatalf("targets page: %d", rec.Code)
	}
	form := url.Values{"indicator": {ind.ID}, "period_end": {"31/03/2026"}, "target": {fmt.Sprint(target)}, "tolerance": {"2"},
		"tolerance_kind": {"absolute"}, "rationale": {"Test: to match neighbours."}}
	rec := c.postForm(fmt.Sprintf("/la/%d/targets", la), form)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("save target: %d %s", rec.Code, rec.Body)
	}
	ts, err := f.st.Targets(ctx, la)
	if err != nil {
		t.Fatal(err)
	}
	var saved *store.Target
	for i := range ts {
		if ts[i].Indicator == ind.ID {
			saved = &ts[i]
		}
	}
	if saved == nil || saved.Target == nil || *saved.Target != target || saved.PeriodEnd != calendar.Of(2026, time.March, 31) ||
		saved.Tolerance != 2 || saved.EnteredBy == "" {
		t.Fatalf("saved %+v", saved)
	}
	want := rating.RAG(ind, row.Value.Value, &rating.Target{Target: &target, Tolerance: 2, ToleranceKind: rating.Absolute})
	if want != rating.Red && want != rating.Amber {
		t.Fatalf("a target 5 better than the value rates %s", want)
	}
	page := c.get(fmt.Sprintf("/la/%d/?at=2025-03-31", la)).Body.String()
	i := strings.Index(page, "/indicator/"+ind.ID+"?at=2025-03-31")
	if i < 0 {
		t.Fatalf("scorecard lacks %s", ind.ID)
	}
	tr := page[i:]
	tr = tr[:strings.Index(tr, "</tr>")]
	if !strings.Contains(tr, `<td class="num">`+figure(ind, target)+`</td>`) || !strings.Contains(tr, ">"+want.Label()+"</span>") {
		t.Fatalf("scorecard row does not show target %s and %s: %s", figure(ind, target), want.Label(), tr)
	}
	if page := c.get(fmt.Sprintf("/la/%d/targets?done=saved", la)).Body.String(); !strings.Contains(page, "Test: to match neighbours.") {
		t.Errorf("targets page does not list the new target")
	}
	es, err := f.st.AuditLog(ctx, store.AuditFilter{Action: "targets", Authority: la})
	if err != nil || len(es) == 0 || !strings.Contains(es[0].Detail, ind.ID) {
		t.Fatalf("target not audited: %+v %v", es, err)
	}
}

func TestTargetFormProblemsNameTheField(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[0]
	c := f.as(t, "analyst")
	before, _ := f.st.Targets(context.Background(), la)
	for _, tc := range []struct {
		form url.Values
		want string
	}{
		{url.Values{"indicator": {"cla-rate"}, "period_end": {"31/02/2026"}, "target": {"60"}}, "Period end: "},
		{url.Values{"indicator": {"cla-rate"}, "period_end": {"31/03/2026"}, "target": {"sixty"}}, "Target: "},
		{url.Values{"indicator": {"no-such"}, "period_end": {"31/03/2026"}, "target": {"60"}}, "Indicator: "},
		{url.Values{"indicator": {"cla-rate"}, "period_end": {"31/03/2026"}}, "Target: give the level"},
		{url.Values{"indicator": {"cla-rate"}, "period_end": {"31/03/2026"}, "target": {"60"}, "tolerance": {"-1"}}, "Tolerance: "},
	} {
		rec := c.postForm(fmt.Sprintf("/la/%d/targets", la), tc.form)
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), tc.want) {
			t.Errorf("%v: %d, want a message with %q", tc.form, rec.Code, tc.want)
		}
	}
	after, _ := f.st.Targets(context.Background(), la)
	if len(after) != len(before) {
		t.Errorf("bad input saved a target")
	}
}

func TestTargetsImport(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[0]
	c := f.as(t, "analyst")
	send := func(name, content string) *http.Response {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		w, _ := mw.CreateFormFile("file", name)
		w.Write([]byte(content))
		mw.Close()
		return c.do(http.MethodPost, fmt.Sprintf("/la/%d/targets", la), &buf, mw.FormDataContentType()).Result()
	}
	good := fmt.Sprintf("indicator,authority,period_end,target,tolerance,tolerance_kind,rationale\nsw-changes-3plus,%d,31/03/2027,10,10,relative,Imported in a test\n", la)
	if res := send("targets.csv", good); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("import: %d", res.StatusCode)
	}
	ts, _ := f.st.Targets(context.Background(), la)
	found := false
	for _, x := range ts {
		found = found || (x.Indicator == "sw-changes-3plus" && x.PeriodEnd == calendar.Of(2027, time.March, 31) && x.ToleranceKind == "relative")
	}
	if !found {
		t.Fatalf("imported target not stored")
	}
	bad := fmt.Sprintf("indicator,authority,period_end,target\ncla-rate,%d,someday,60\ncla-rate,%d,31/03/2027,60\n", la, f.other)
	res := send("bad.csv", bad)
	var body bytes.Buffer
	body.ReadFrom(res.Body)
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(body.String(), "bad.csv row 2: Period end:") || !strings.Contains(body.String(), "Nothing was saved") {
		t.Fatalf("bad import: %d %s", res.StatusCode, body.String())
	}
}
