package web

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"csperf/internal/finding"
	"csperf/internal/store"
)

// latestFindings reads, straight from the store, the findings of the latest snapshot of each return
// of la.
func latestFindings(t *testing.T, f *fixture, la int) []finding.Finding {
	t.Helper()
	snaps, err := f.st.Snapshots(context.Background(), la)
	if err != nil {
		t.Fatal(err)
	}
	latest := map[string]store.Snapshot{}
	for _, sn := range snaps {
		if cur, ok := latest[sn.Return]; !ok || sn.Year > cur.Year || (sn.Year == cur.Year && sn.ID > cur.ID) {
			latest[sn.Return] = sn
		}
	}
	var all []finding.Finding
	for _, sn := range latest {
		fs, err := f.st.Findings(context.Background(), sn.ID)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, fs...)
	}
	if len(all) == 0 {
		t.Fatal("the fixture has no findings to show")
	}
	return all
}

func TestQualityPageCountsByRule(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[0]
	all := latestFindings(t, f, la)
	byRule := map[string]int{}
	for _, x := range all {
		byRule[x.Rule]++
	}
	c := f.as(t, "analyst")
	rec := c.get(fmt.Sprintf("/la/%d/quality", la))
	if rec.Code != http.StatusOK {
		t.Fatalf("quality page: %d %s", rec.Code, rec.Body)
	}
	body := rec.Body.String()
	if strings.Count(body, "<h1>") != 1 {
		t.Errorf("want one h1")
	}
	// Each rule's row: the rule code, then (a few cells on) its count.
	for rule, n := range byRule {
		i := strings.Index(body, `">`+rule+`</a></th>`)
		if i < 0 {
			t.Errorf("rule %s not listed", rule)
			continue
		}
		row := body[i:]
		row = row[:strings.Index(row, "</tr>")]
		if !strings.Contains(row, fmt.Sprintf(`<td class="num">%d</td>`, n)) {
			t.Errorf("rule %s: want count %d in %s", rule, n, row)
		}
	}
	if !strings.Contains(body, fmt.Sprintf("%d finding", len(all))) {
		t.Errorf("total %d not shown", len(all))
	}
	// The view is audited.
	es, err := f.st.AuditLog(context.Background(), store.AuditFilter{Action: "view-findings", Email: "analyst@test.invalid"})
	if err != nil || len(es) == 0 {
		t.Fatalf("view not audited: %v", err)
	}

	// Filters narrow the list: by severity, then by table.
	sev := all[0].Severity
	n := 0
	for _, x := range all {
		if x.Severity == sev {
			n++
		}
	}
	body = c.get(fmt.Sprintf("/la/%d/quality?severity=%s", la, sev)).Body.String()
	if !strings.Contains(body, fmt.Sprintf("%d finding", n)) || (n != len(all) && !strings.Contains(body, fmt.Sprintf(" of %d", len(all)))) {
		t.Errorf("severity filter: want %d of %d", n, len(all))
	}
	for rule := range byRule {
		has := false
		for _, x := range all {
			has = has || (x.Rule == rule && x.Severity == sev)
		}
		if listed := strings.Contains(body, `">`+rule+`</a></th>`); listed != has {
			t.Errorf("severity %s: rule %s listed %v, want %v", sev, rule, listed, has)
		}
	}
	table := ""
	for _, x := range all {
		if x.Table != "" {
			table = x.Table
			break
		}
	}
	if table != "" {
		n := 0
		for _, x := range all {
			if x.Table == table {
				n++
			}
		}
		body = c.get(fmt.Sprintf("/la/%d/quality?table=%s", la, table)).Body.String()
		if !strings.Contains(body, fmt.Sprintf("%d finding", n)) {
			t.Errorf("table filter %s: want %d findings", table, n)
		}
	}
	if rec := c.get(fmt.Sprintf("/la/%d/quality?severity=bad", la)); rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "severity") {
		t.Errorf("bad severity: %d", rec.Code)
	}
}

func TestQualityRowsAndAffectedIndicators(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[0]
	all := latestFindings(t, f, la)
	body := f.as(t, "analyst").get(fmt.Sprintf("/la/%d/quality", la)).Body.String()
	var withChild *finding.Finding
	for i := range all {
		if all[i].Child != "" && all[i].Table == "Episodes" {
			withChild = &all[i]
			break
		}
	}
	if withChild == nil {
		for i := range all {
			if all[i].Child != "" {
				withChild = &all[i]
				break
			}
		}
	}
	if withChild != nil {
		key := f.key.Child(la, withChild.Child)
		if !strings.Contains(body, fmt.Sprintf(`/la/%d/child/%s">%s</a>`, la, key, key)) {
			t.Errorf("row of child %s not shown by pseudonym", withChild.Child)
		}
		if strings.Contains(body, "<td>"+withChild.Child+"</td>") {
			t.Errorf("real child ID shown without reveal")
		}
		if withChild.Table == "Episodes" && !strings.Contains(body, `/indicator/cla-count">`) {
			t.Errorf("an Episodes rule does not list the indicators it affects")
		}
	}
	if !strings.Contains(body, "<details class=\"quality-rows\"") {
		t.Errorf("no rows behind the rules")
	}
}

func TestQualityCSV(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[0]
	all := latestFindings(t, f, la)
	rec := f.as(t, "analyst").get(fmt.Sprintf("/la/%d/quality.csv", la))
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") {
		t.Fatalf("quality.csv: %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	recs, err := csv.NewReader(rec.Body).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(recs[0], ","); got != "rule,severity,table,row,child,fields,message,file" {
		t.Fatalf("header %q", got)
	}
	if len(recs)-1 != len(all) {
		t.Fatalf("%d rows, want %d findings", len(recs)-1, len(all))
	}
	for _, r := range recs[1:] {
		if r[4] != "" && !pseudonymPattern.MatchString(r[4]) {
			t.Fatalf("child %q is not a pseudonym", r[4])
		}
	}
	es, err := f.st.AuditLog(context.Background(), store.AuditFilter{Action: "export-findings", Email: "analyst@test.invalid"})
	if err != nil || len(es) == 0 || !strings.Contains(es[0].Detail, fmt.Sprintf("%d findings", len(all))) {
		t.Fatalf("export not audited: %v %+v", err, es)
	}
}

func TestQualityPagesRefused(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[0]
	for _, who := range []string{"manager", "member", "outsider"} {
		c := f.as(t, who)
		for _, p := range []string{"quality", "quality.csv", "upload", "targets", "figures"} {
			if rec := c.get(fmt.Sprintf("/la/%d/%s", la, p)); rec.Code != http.StatusForbidden {
				t.Errorf("%s GET %s: %d, want 403", who, p, rec.Code)
			}
		}
	}
}
