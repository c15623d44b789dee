package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"csperf/internal/store"
	"csperf/internal/web"
)

// runCLIWithInput is runCLI with standard input.
func runCLIWithInput(t *testing.T, stdin string, vars map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, stdin: strings.NewReader(stdin), getenv: func(k string) string { return vars[k] }}
	code := run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

func TestUserCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "csperf.db")
	vars := map[string]string{"CSPERF_DB": db}
	ctx := context.Background()

	// The first administrator, with the password on standard input.
	code, out, errs := runCLIWithInput(t, "first admin password\n", vars, "user", "add", "--email", "Lead@Council.example", "--name", "Team Lead", "--admin")
	if code != 0 || !strings.Contains(out, "created lead@council.example") {
		t.Fatalf("add admin: exit %d, %q %q", code, out, errs)
	}
	// An analyst, with the password in a file and roles for one authority and all.
	pw := filepath.Join(dir, "pw")
	if err := os.WriteFile(pw, []byte("analyst password 1\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errs = runCLI(t, vars, "user", "add", "--email", "ann@council.example", "--name", "Ann", "--role", "857:analyst", "--role", "all:member", "--password-file", pw)
	if code != 0 {
		t.Fatalf("add analyst: exit %d %q", code, errs)
	}

	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	lead, err := st.UserByEmail(ctx, "lead@council.example")
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := web.CheckPassword(lead.PasswordHash, "first admin password"); !ok || !lead.Admin || lead.Name != "Team Lead" {
		t.Errorf("admin %+v (password ok %v)", lead, ok)
	}
	ann, err := st.UserByEmail(ctx, "ann@council.example")
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := web.CheckPassword(ann.PasswordHash, "analyst password 1"); !ok || ann.Admin || len(ann.Roles) != 2 ||
		ann.Roles[0] != (store.Role{Authority: 0, Role: "member"}) || ann.Roles[1] != (store.Role{Authority: 857, Role: "analyst"}) {
		t.Errorf("analyst %+v (password ok %v)", ann, ok)
	}

	code, out, _ = runCLI(t, vars, "user", "list")
	if code != 0 || !strings.Contains(out, "ann@council.example") || !strings.Contains(out, "all:member, 857:analyst") ||
		!strings.Contains(out, "lead@council.example  Team Lead") {
		t.Errorf("list: exit %d\n%s", code, out)
	}

	code, out, _ = runCLI(t, vars, "user", "roles", "--email", "ann@council.example", "--role", "857:manager")
	if code != 0 || !strings.Contains(out, "roles all:member, 857:analyst → 857:manager") {
		t.Errorf("roles: exit %d %q", code, out)
	}
	code, _, _ = runCLI(t, vars, "user", "disable", "--email", "ann@council.example")
	if u, _ := st.UserByEmail(ctx, "ann@council.example"); code != 0 || !u.Disabled || len(u.Roles) != 1 || u.Roles[0].Role != "manager" {
		t.Errorf("disable: exit %d, %+v", code, u)
	}
	code, _, _ = runCLIWithInput(t, "a new password here\n", vars, "user", "password", "--email", "ann@council.example")
	if u, _ := st.UserByEmail(ctx, "ann@council.example"); code != 0 {
		t.Errorf("password: exit %d", code)
	} else if ok, _ := web.CheckPassword(u.PasswordHash, "a new password here"); !ok {
		t.Error("the new password does not match")
	}
	code, _, _ = runCLI(t, vars, "user", "disable", "--email", "ann@council.example", "--enable")
	if u, _ := st.UserByEmail(ctx, "ann@council.example"); code != 0 || u.Disabled {
		t.Errorf("enable: exit %d, %+v", code, u)
	}

	es, err := st.AuditLog(ctx, store.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range es {
		actions = append(actions, e.Action)
		if strings.Contains(e.Detail, "password here") || strings.Contains(e.Detail, "admin password") {
			t.Errorf("a password is in the audit log: %q", e.Detail)
		}
	}
	if got := strings.Join(actions, " "); got != "user-enable password-reset user-disable role-change user-create user-create" {
		t.Errorf("audit log actions %q", got)
	}

	// Mistakes: one line, a useful message, nothing stored.
	tests := []struct {
		args     []string
		stdin    string
		code     int
		contains string
	}{
		{[]string{"user"}, "", 2, "say what to do"},
		{[]string{"user", "remove"}, "", 2, `unknown action "remove"`},
		{[]string{"user", "add", "--name", "X"}, "", 2, "--email is required"},
		{[]string{"user", "add", "--email", "x@council.example"}, "", 2, "--name is required"},
		{[]string{"user", "add", "--email", "x@council.example", "--name", "X"}, "short\n", 1, "at least 12"},
		{[]string{"user", "add", "--email", "x@council.example", "--name", "X", "--role", "857:owner"}, "", 2, `"owner" is not a role`},
		{[]string{"user", "add", "--email", "x@council.example", "--name", "X", "--role", "857"}, "", 2, "write LA:ROLE"},
		{[]string{"user", "add", "--email", "ann@council.example", "--name", "X"}, "long enough password\n", 1, "already exists"},
		{[]string{"user", "roles", "--email", "nobody@council.example"}, "", 1, "no account with the email nobody@council.example"},
		{[]string{"user", "password", "--email", "ann@council.example", "--password-file", filepath.Join(dir, "missing")}, "", 1, "cannot read the password"},
	}
	for _, tt := range tests {
		code, _, errs := runCLIWithInput(t, tt.stdin, vars, tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.contains) || strings.Count(strings.TrimRight(errs, "\n"), "\n") != 0 {
			t.Errorf("%v: exit %d, stderr %q; want %d saying %q", tt.args, code, errs, tt.code, tt.contains)
		}
	}
	if _, err := st.UserByEmail(ctx, "x@council.example"); err != store.ErrNotFound {
		t.Errorf("a mistaken command created an account: %v", err)
	}
	// No standard input at all (as under CI): the message says how to give the password.
	code, _, errs = runCLI(t, vars, "user", "add", "--email", "y@council.example", "--name", "Y")
	if code != 1 || !strings.Contains(errs, "--password-file") {
		t.Errorf("no stdin: exit %d %q", code, errs)
	}
	code, out, _ = runCLI(t, vars, "help", "user")
	if code != 0 || !strings.Contains(out, "user add --email E") {
		t.Errorf("help user: exit %d %q", code, out)
	}
}
