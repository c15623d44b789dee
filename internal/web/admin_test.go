package web

import (
	"context"
	"encoding/csv"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"csperf/internal/store"
)

// signInAs signs in through the form and returns the client with its session, or the response when
// signing in failed.
func signInAs(t *testing.T, f *fixture, email, password string) (*client, int) {
	t.Helper()
	c := f.as(t, "")
	rec := c.postForm("/signin", url.Values{"email": {email}, "password": {password}, "next": {"/"}})
	for _, ck := range rec.Result().Cookies() {
		if ck.Name == sessionCookie && ck.Value != "" {
			c.cookie = ck
		}
	}
	return c, rec.Code
}

func lastAudit(t *testing.T, f *fixture, action string) store.AuditEntry {
	t.Helper()
	es, err := f.st.AuditLog(context.Background(), store.AuditFilter{Action: action, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(es) == 0 {
		t.Fatalf("no %q entry in the audit log", action)
	}
	return es[0]
}

func TestAdminUserLifecycle(t *testing.T) {
	f := testFixture(t)
	defer f.srv.limiter.reset("addr:192.0.2.1")
	ctx := context.Background()
	la := f.loaded[0]
	admin := f.as(t, "admin")
	email := "new-councillor@test.invalid"
	password := "a long enough password"

	// Create a member of our authority.
	rec := admin.postForm("/admin/users", url.Values{"email": {"New-Councillor@test.invalid"}, "name": {"Cllr New"},
		"password": {password}, "role_la": {strconv.Itoa(la), ""}, "role": {RoleMember, ""}})
	if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/admin/users?done=created") {
		t.Fatalf("create: %d %s %.300s", rec.Code, rec.Header().Get("Location"), rec.Body.String())
	}
	u, err := f.st.UserByEmail(ctx, email)
	if err != nil {
		t.Fatal(err)
	}
	if u.Name != "Cllr New" || u.Admin || len(u.Roles) != 1 || u.Roles[0] != (store.Role{Authority: la, Role: RoleMember}) {
		t.Fatalf("created %+v", u)
	}
	if e := lastAudit(t, f, "user-create"); e.Email != "admin@test.invalid" || !strings.Contains(e.Detail, email) || e.Authority != la {
		t.Errorf("user-create audit: %+v", e)
	}
	page := admin.get(rec.Header().Get("Location"))
	if page.Code != http.StatusOK || !strings.Contains(page.Body.String(), "Account "+email+" created.") ||
		!strings.Contains(page.Body.String(), fmt.Sprintf("%d ", la)) {
		t.Errorf("users page after create: %d", page.Code)
	}

	// They sign in through the form and see aggregates only.
	c, code := signInAs(t, f, email, password)
	if code != http.StatusSeeOther || c.cookie == nil {
		t.Fatalf("sign in as the new account: %d", code)
	}
	if rec := c.get(fmt.Sprintf("/la/%d/", la)); rec.Code == http.StatusForbidden || rec.Code == http.StatusSeeOther {
		t.Errorf("member's scorecard: %d", rec.Code)
	}
	if rec := c.get(fmt.Sprintf("/la/%d/quality", la)); rec.Code != http.StatusForbidden {
		t.Errorf("member's data quality: %d, want 403", rec.Code)
	}

	// Made an analyst: the change is audited with the old and the new roles, and takes effect at once.
	rec = admin.postForm(fmt.Sprintf("/admin/users/%d", u.ID), url.Values{"action": {"roles"},
		"role_la": {strconv.Itoa(la), "0"}, "role": {RoleAnalyst, ""}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("change roles: %d %.300s", rec.Code, rec.Body.String())
	}
	e := lastAudit(t, f, "role-change")
	if e.Authority != la || !strings.Contains(e.Detail, email) || !strings.Contains(e.Detail, ": member → ") ||
		!strings.Contains(e.Detail, ": analyst") {
		t.Errorf("role-change audit: %+v", e)
	}
	if rec := c.get(fmt.Sprintf("/la/%d/quality", la)); rec.Code == http.StatusForbidden {
		t.Errorf("analyst's data quality still refused")
	}
	audit := admin.get("/admin/audit?action=role-change&email=admin@test.invalid")
	if audit.Code != http.StatusOK || !strings.Contains(audit.Body.String(), email+": admin no → no") {
		t.Errorf("audit page filtered by action: %d", audit.Code)
	}
	if strings.Contains(audit.Body.String(), "<td>user-create</td>") {
		t.Errorf("the action filter let other actions through")
	}

	// A new password ends their sessions; the new one works and the old one does not.
	rec = admin.postForm(fmt.Sprintf("/admin/users/%d", u.ID), url.Values{"action": {"password"}, "password": {"short"}})
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "at least 12 characters") {
		t.Errorf("short password: %d", rec.Code)
	}
	rec = admin.postForm(fmt.Sprintf("/admin/users/%d", u.ID), url.Values{"action": {"password"}, "password": {"another long password"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("reset password: %d", rec.Code)
	}
	if e := lastAudit(t, f, "password-reset"); !strings.Contains(e.Detail, email) || strings.Contains(e.Detail, "another long") {
		t.Errorf("password-reset audit: %+v", e)
	}
	if rec := c.get("/glossary"); rec.Code != http.StatusSeeOther {
		t.Errorf("session after a password reset: %d, want 303 to sign in", rec.Code)
	}
	if _, code := signInAs(t, f, email, password); code != http.StatusUnauthorized {
		t.Errorf("old password: %d, want 401", code)
	}
	c, code = signInAs(t, f, email, "another long password")
	if code != http.StatusSeeOther {
		t.Fatalf("new password: %d", code)
	}

	// Disabled: the session ends and signing in fails; enabled again, it works.
	rec = admin.postForm(fmt.Sprintf("/admin/users/%d", u.ID), url.Values{"action": {"disable"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("disable: %d", rec.Code)
	}
	if e := lastAudit(t, f, "user-disable"); !strings.Contains(e.Detail, email) {
		t.Errorf("user-disable audit: %+v", e)
	}
	if rec := c.get("/glossary"); rec.Code != http.StatusSeeOther {
		t.Errorf("disabled account's session: %d, want 303", rec.Code)
	}
	if _, code := signInAs(t, f, email, "another long password"); code != http.StatusUnauthorized {
		t.Errorf("disabled account signed in: %d, want 401", code)
	}
	if e := lastAudit(t, f, "sign-in-failed"); e.Email != email {
		t.Errorf("failed sign-in audit: %+v", e)
	}
	if rec := admin.postForm(fmt.Sprintf("/admin/users/%d", u.ID), url.Values{"action": {"enable"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("enable: %d", rec.Code)
	}
	if _, code := signInAs(t, f, email, "another long password"); code != http.StatusSeeOther {
		t.Errorf("enabled account: %d", code)
	}
}

func TestAdminCreateUserMistakes(t *testing.T) {
	f := testFixture(t)
	la := strconv.Itoa(f.loaded[0])
	admin := f.as(t, "admin")
	ok := url.Values{"email": {"mistakes@test.invalid"}, "name": {"Someone"}, "password": {"twelve chars!"}}
	with := func(k string, v ...string) url.Values {
		out := url.Values{}
		for kk, vv := range ok {
			out[kk] = vv
		}
		out[k] = v
		return out
	}
	tests := []struct {
		name    string
		form    url.Values
		message string
	}{
		{"short password", with("password", "eleven char"), "at least 12 characters"},
		{"no email", with("email", ""), "email address"},
		{"bad email", with("email", "not an email"), "email address"},
		{"no name", with("name", " "), "name"},
		{"existing email", with("email", "analyst@test.invalid"), "already exists"},
		{"unknown role", func() url.Values { v := with("role", "owner"); v["role_la"] = []string{la}; return v }(), `"owner" is not a role`},
		{"unknown authority", func() url.Values { v := with("role", "member"); v["role_la"] = []string{"99999"}; return v }(), "not an authority of this deployment"},
		{"two roles for one authority", func() url.Values {
			v := with("role", "member", "analyst")
			v["role_la"] = []string{la, la}
			return v
		}(), "more than one role"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := admin.postForm("/admin/users", tt.form)
			if rec.Code != http.StatusBadRequest || !strings.Contains(html.UnescapeString(rec.Body.String()), tt.message) {
				t.Errorf("%d, want 400 saying %q: %s", rec.Code, tt.message, errorLine(rec.Body.String()))
			}
		})
	}
	if _, err := f.st.UserByEmail(context.Background(), "mistakes@test.invalid"); err != store.ErrNotFound {
		t.Errorf("an account was created from a mistaken form: %v", err)
	}
}

// errorLine picks the error paragraph of a page for a test message.
func errorLine(body string) string {
	if i := strings.Index(body, `class="error"`); i >= 0 {
		return body[i:min(len(body), i+200)]
	}
	return "(no error shown)"
}

func TestAdminCannotDemoteOrDisableThemselves(t *testing.T) {
	f := testFixture(t)
	ctx := context.Background()
	admin := f.as(t, "admin")
	id := f.users["admin"].ID
	rec := admin.postForm(fmt.Sprintf("/admin/users/%d", id), url.Values{"action": {"roles"}})
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "cannot remove your own administrator rights") {
		t.Errorf("self-demotion: %d", rec.Code)
	}
	rec = admin.postForm(fmt.Sprintf("/admin/users/%d", id), url.Values{"action": {"disable"}})
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "cannot disable your own account") {
		t.Errorf("self-disable: %d", rec.Code)
	}
	u, err := f.st.UserByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if !u.Admin || u.Disabled {
		t.Fatalf("the admin changed themselves: %+v", u)
	}
	if rec := admin.get("/admin/users"); rec.Code != http.StatusOK {
		t.Errorf("admin after refused changes: %d", rec.Code)
	}
	// Another administrator's flag can be removed.
	hash, _ := HashPassword("second-admin-password")
	other, err := f.st.CreateUser(ctx, store.User{Email: "second-admin@test.invalid", Name: "Second", PasswordHash: hash, Admin: true})
	if err != nil {
		t.Fatal(err)
	}
	if rec := admin.postForm(fmt.Sprintf("/admin/users/%d", other), url.Values{"action": {"roles"}}); rec.Code != http.StatusSeeOther {
		t.Errorf("demoting another admin: %d", rec.Code)
	}
	if u, _ := f.st.UserByID(ctx, other); u.Admin {
		t.Error("the other admin is still an admin")
	}
	for _, tt := range []struct {
		path   string
		form   url.Values
		status int
	}{
		{"/admin/users/999999", url.Values{"action": {"disable"}}, http.StatusNotFound},
		{"/admin/users/abc", url.Values{"action": {"disable"}}, http.StatusNotFound},
		{fmt.Sprintf("/admin/users/%d", other), url.Values{"action": {"delete"}}, http.StatusBadRequest},
	} {
		if rec := admin.postForm(tt.path, tt.form); rec.Code != tt.status {
			t.Errorf("POST %s %v: %d, want %d", tt.path, tt.form, rec.Code, tt.status)
		}
	}
}

func TestAdminUsersPageAndAuditCSV(t *testing.T) {
	f := testFixture(t)
	admin := f.as(t, "admin")
	rec := admin.get("/admin/users")
	body := rec.Body.String()
	if rec.Code != http.StatusOK || strings.Count(body, "<h1>") != 1 {
		t.Fatalf("users page: %d", rec.Code)
	}
	for _, want := range []string{"analyst@test.invalid", fmt.Sprintf("%d ", f.loaded[0]), ": analyst", `<label for="new-password">`,
		`name="role_la"`, "admin@test.invalid (you)"} {
		if !strings.Contains(body, want) {
			t.Errorf("users page lacks %q", want)
		}
	}
	// Every form control has a label.
	for _, id := range regexpAll(`<(?:input|select) [^>]*id="([^"]+)"`, body) {
		if !strings.Contains(body, `<label for="`+id+`"`) {
			t.Errorf("control %s has no label", id)
		}
	}
	rec = admin.get("/admin/audit?format=csv&action=user-create")
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") {
		t.Fatalf("audit CSV: %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	rows, err := csv.NewReader(strings.NewReader(rec.Body.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 1 || strings.Join(rows[0], ",") != "at,email,action,authority,detail,address" {
		t.Fatalf("CSV header %v", rows)
	}
	for _, r := range rows[1:] {
		if r[2] != "user-create" {
			t.Errorf("CSV row of action %s in a user-create export", r[2])
		}
	}
	if e := lastAudit(t, f, "audit-export"); e.Email != "admin@test.invalid" {
		t.Errorf("audit-export entry %+v", e)
	}
	if rec := admin.get("/admin/audit?authority=x"); rec.Code != http.StatusBadRequest {
		t.Errorf("bad authority filter: %d", rec.Code)
	}
	rec = admin.get(fmt.Sprintf("/admin/audit?authority=%d", f.loaded[0]))
	if rec.Code != http.StatusOK || strings.Count(rec.Body.String(), "<h1>") != 1 {
		t.Errorf("audit page: %d", rec.Code)
	}
}

// regexpAll returns the first group of every match of pattern in s.
func regexpAll(pattern, s string) []string {
	var out []string
	for _, m := range regexp.MustCompile(pattern).FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}
