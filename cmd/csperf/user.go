package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"csperf/internal/store"
	"csperf/internal/web"
)

const userUsage = `user add --email E --name N [--admin] [--role LA:ROLE ...] [--password-file F]
       csperf user list
       csperf user roles --email E [--admin=true|false] [--role LA:ROLE ...]
       csperf user disable --email E [--enable]
       csperf user password --email E [--password-file F]`

// runUser manages the web application's accounts, so that a deployment can create its first
// administrator. Passwords are read from --password-file or the first line of standard input, never
// from a flag's value (which other users of the machine could see). Every change is audited.
func runUser(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fs := newFlags(e, "user", "add|list|roles|disable|password [flags]", "Manages the web application's accounts.\n\nUsage: csperf "+userUsage)
		if err := parse(fs, args); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "csperf user: say what to do: add, list, roles, disable or password (run \"csperf help user\")\n")
		return errUsage
	}
	verb, rest := args[0], args[1:]
	about := map[string]string{
		"add":      "Creates an account: an administrator with --admin, and roles per authority with --role 857:analyst\n(--role all:member for every authority). The password is read from --password-file or standard input.",
		"list":     "Lists the accounts with their roles.",
		"roles":    "Replaces an account's roles (and, with --admin, its administrator flag).",
		"disable":  "Disables an account and ends its sessions; --enable lets it sign in again.",
		"password": "Sets an account's password from --password-file or standard input and ends its sessions.",
	}
	if _, ok := about[verb]; !ok {
		fmt.Fprintf(e.stderr, "csperf user: unknown action %q: use add, list, roles, disable or password\n", verb)
		return errUsage
	}
	fs := newFlags(e, "user "+verb, "[flags]", about[verb])
	dsn := fs.String("db", defaultDB(e), "SQLite file or postgres:// URL")
	var email, name, passwordFile *string
	var admin, enable *bool
	var roles roleFlags
	if verb != "list" {
		email = fs.String("email", "", "the account's email address (its sign-in name)")
	}
	switch verb {
	case "add":
		name = fs.String("name", "", "the account's name, as pages and the audit log show it")
		admin = fs.Bool("admin", false, "an administrator: every authority, users and the audit log")
		fs.Var(&roles, "role", "LA:ROLE, a role (analyst, manager, member) for an authority number or all; repeat for more")
		passwordFile = fs.String("password-file", "", "read the password from this file's first line (default: standard input)")
	case "roles":
		admin = fs.Bool("admin", false, "keep or make the account an administrator")
		fs.Var(&roles, "role", "LA:ROLE, a role (analyst, manager, member) for an authority number or all; repeat for more")
	case "disable":
		enable = fs.Bool("enable", false, "enable the account again instead")
	case "password":
		passwordFile = fs.String("password-file", "", "read the password from this file's first line (default: standard input)")
	}
	if err := parse(fs, rest); err != nil {
		return err
	}
	if email != nil && strings.TrimSpace(*email) == "" {
		fmt.Fprintf(e.stderr, "csperf user %s: --email is required\n", verb)
		return errUsage
	}
	if verb == "add" && strings.TrimSpace(*name) == "" {
		fmt.Fprintf(e.stderr, "csperf user add: --name is required\n")
		return errUsage
	}
	st, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	if verb == "list" {
		return listUsers(ctx, e, st)
	}
	addr := strings.ToLower(strings.TrimSpace(*email))
	audit := func(action, detail string, la int) error {
		return st.Audit(ctx, store.AuditEntry{Email: "command line", Action: action, Authority: la, Detail: detail, Address: "local"})
	}
	if verb == "add" {
		password, err := readPassword(e, *passwordFile)
		if err != nil {
			return err
		}
		hash, err := web.HashPassword(password)
		if err != nil {
			return err
		}
		id, err := st.CreateUser(ctx, store.User{Email: addr, Name: strings.TrimSpace(*name), PasswordHash: hash, Admin: *admin, Roles: roles})
		if errors.Is(err, store.ErrDuplicate) {
			return fmt.Errorf("an account with the email %s already exists", addr)
		}
		if err != nil {
			return err
		}
		if err := audit("user-create", fmt.Sprintf("created account %d %s (%s); admin: %s; roles: %s", id, addr, *name, yesNo(*admin), rolesText(roles)), 0); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "created %s (account %d); admin: %s; roles: %s\n", addr, id, yesNo(*admin), rolesText(roles))
		return nil
	}
	u, err := st.UserByEmail(ctx, addr)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("no account with the email %s", addr)
	}
	if err != nil {
		return err
	}
	switch verb {
	case "roles":
		if err := st.SetRoles(ctx, u.ID, *admin, roles); err != nil {
			return err
		}
		detail := fmt.Sprintf("%s: admin %s → %s; roles %s → %s", u.Email, yesNo(u.Admin), yesNo(*admin), rolesText(u.Roles), rolesText(roles))
		if err := audit("role-change", detail, 0); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, detail)
	case "disable":
		if err := st.SetDisabled(ctx, u.ID, !*enable); err != nil {
			return err
		}
		action := "disable"
		if *enable {
			action = "enable"
		}
		if err := audit("user-"+action, u.Email+" "+action+"d", 0); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s %sd\n", u.Email, action)
	case "password":
		password, err := readPassword(e, *passwordFile)
		if err != nil {
			return err
		}
		hash, err := web.HashPassword(password)
		if err != nil {
			return err
		}
		if err := st.SetPassword(ctx, u.ID, hash); err != nil {
			return err
		}
		if err := audit("password-reset", "password of "+u.Email+" set from the command line; their sessions ended", 0); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "password of %s changed; their sessions have ended\n", u.Email)
	}
	return nil
}

func listUsers(ctx context.Context, e *env, st *store.Store) error {
	us, err := st.Users(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "EMAIL\tNAME\tADMIN\tSTATUS\tROLES")
	for _, u := range us {
		status := "active"
		if u.Disabled {
			status = "disabled"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", u.Email, u.Name, yesNo(u.Admin), status, rolesText(u.Roles))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(us) == 0 {
		fmt.Fprintln(e.stdout, "no accounts yet: create an administrator with csperf user add --email E --name N --admin")
	}
	return nil
}

// readPassword reads a password from the first line of file, or of standard input when file is "".
func readPassword(e *env, file string) (string, error) {
	var r io.Reader = e.stdin
	from := "standard input"
	if file != "" {
		f, err := os.Open(file)
		if err != nil {
			return "", fmt.Errorf("cannot read the password: %w", err)
		}
		defer f.Close()
		r, from = f, file
	}
	if r == nil {
		return "", errors.New("no password: give --password-file or the password on standard input")
	}
	line, err := bufio.NewReader(io.LimitReader(r, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("cannot read the password from %s: %w", from, err)
	}
	password := strings.TrimRight(line, "\r\n")
	if n := len([]rune(password)); n < web.MinPasswordLength {
		return "", fmt.Errorf("the password from %s has %d characters; it must have at least %d", from, n, web.MinPasswordLength)
	}
	return password, nil
}

// roleFlags collects --role LA:ROLE.
type roleFlags []store.Role

func (r *roleFlags) String() string { return rolesText(*r) }

func (r *roleFlags) Set(v string) error {
	laText, role, ok := strings.Cut(v, ":")
	if !ok {
		return fmt.Errorf("%q: write LA:ROLE, such as 857:analyst or all:member", v)
	}
	role = strings.ToLower(strings.TrimSpace(role))
	if role != web.RoleAnalyst && role != web.RoleManager && role != web.RoleMember {
		return fmt.Errorf("%q is not a role: use analyst, manager or member", role)
	}
	la := 0
	if t := strings.TrimSpace(laText); !strings.EqualFold(t, "all") {
		n, err := strconv.Atoi(t)
		if err != nil || n <= 0 {
			return fmt.Errorf("%q is not a DfE LA number (or all)", laText)
		}
		la = n
	}
	for _, x := range *r {
		if x.Authority == la {
			return fmt.Errorf("authority %s is given two roles", laText)
		}
	}
	*r = append(*r, store.Role{Authority: la, Role: role})
	return nil
}

func rolesText(roles []store.Role) string {
	if len(roles) == 0 {
		return "none"
	}
	parts := make([]string, len(roles))
	for i, r := range roles {
		la := "all"
		if r.Authority != 0 {
			la = strconv.Itoa(r.Authority)
		}
		parts[i] = la + ":" + r.Role
	}
	return strings.Join(parts, ", ")
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
