package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"csperf/internal/store"
)

func TestReportsPage(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[0]
	rec := f.as(t, "analyst").get(fmt.Sprintf("/la/%d/reports", la))
	body := rec.Body.String()
	if rec.Code != http.StatusOK || !strings.Contains(body, `value="corporate-parenting"`) || !strings.Contains(body, `value="2024-25"`) ||
		!strings.Contains(body, `<option value="exempt">`) {
		t.Fatalf("reports page for an analyst: %d\n%s", rec.Code, body)
	}
	rec = f.as(t, "member").get(fmt.Sprintf("/la/%d/reports", la))
	if rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), `<option value="exempt">`) {
		t.Fatalf("a member is offered the exempt pack: %d", rec.Code)
	}
}

func TestReportDownload(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[0]
	path := func(pack, audience, format string) string {
		return fmt.Sprintf("/la/%d/reports/pack?pack=%s&period=2024-25&audience=%s&format=%s", la, pack, audience, format)
	}
	rec := f.as(t, "analyst").get(path("corporate-parenting", "exempt", "html"))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "EXEMPT") {
		t.Fatalf("exempt HTML pack: %d %.300s", rec.Code, rec.Body.String())
	}
	if csp := rec.Header().Get("Content-Security-Policy"); strings.Contains(csp, "script") || !strings.Contains(csp, "default-src 'none'") {
		t.Fatalf("report CSP %q", csp)
	}
	log, err := f.st.AuditLog(context.Background(), store.AuditFilter{Action: "export", Email: "analyst@test.invalid"})
	if err != nil || len(log) == 0 || !strings.Contains(log[0].Detail, "corporate-parenting 2024-25 exempt html") {
		t.Fatalf("export not audited: %+v %v", log, err)
	}
	xl := f.as(t, "analyst").get(path("cyp-scrutiny", "public", "xlsx"))
	if xl.Code != http.StatusOK || !strings.HasPrefix(xl.Body.String(), "PK") || !strings.Contains(xl.Header().Get("Content-Disposition"), "attachment") {
		t.Fatalf("xlsx pack: %d %q", xl.Code, xl.Header().Get("Content-Disposition"))
	}
	if rec := f.as(t, "member").get(path("corporate-parenting", "exempt", "html")); rec.Code != http.StatusForbidden {
		t.Fatalf("a member asking for the exempt pack: %d, want 403", rec.Code)
	}
	if rec := f.as(t, "member").get(path("corporate-parenting", "public", "html")); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "PUBLIC") {
		t.Fatalf("a member's public pack: %d", rec.Code)
	}
	for _, pack := range []string{"../../../etc/passwd", "/etc/passwd", "nope"} {
		if rec := f.as(t, "analyst").get(path(pack, "public", "html")); rec.Code != http.StatusBadRequest {
			t.Errorf("pack %q: %d, want 400 (only built-in packs from the web)", pack, rec.Code)
		}
	}
	if rec := f.as(t, "analyst").get(fmt.Sprintf("/la/%d/reports/pack?pack=corporate-parenting&period=2024-99&audience=public&format=html", la)); rec.Code != http.StatusBadRequest {
		t.Errorf("bad period: %d, want 400", rec.Code)
	}
}
