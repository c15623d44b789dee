package demo

import (
	"context"
	"path/filepath"
	"testing"

	"csperf/internal/pseudo"
	"csperf/internal/store/storetest"
)

func TestPrepareAndReuse(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := storetest.SQLite(t)
	key, err := pseudo.LoadOrCreate(filepath.Join(dir, "key"))
	if err != nil {
		t.Fatal(err)
	}
	opt := Options{Dir: filepath.Join(dir, "data"), Authorities: 5, Loaded: 2, Years: 2, Seed: 9}
	res, err := Prepare(ctx, st, key, opt)
	if err != nil {
		t.Fatal(err)
	}
	if res.Reused || len(res.Loaded) != 2 || res.Values == 0 {
		t.Fatalf("first run: %+v", res)
	}
	as, err := st.Authorities(ctx, "")
	if err != nil || len(as) != 5 {
		t.Fatalf("%d authorities, %v", len(as), err)
	}
	for i, a := range as {
		snaps, err := st.Snapshots(ctx, a.Number)
		if err != nil {
			t.Fatal(err)
		}
		dates, err := st.ValueDates(ctx, a.Number)
		if err != nil {
			t.Fatal(err)
		}
		loaded := i < 2
		if (len(snaps) == 6) != loaded || (!loaded && len(snaps) != 0) || len(dates) < 24 {
			t.Errorf("LA %d: %d snapshots, %d value dates (loaded %v)", a.Number, len(snaps), len(dates), loaded)
		}
	}
	again, err := Prepare(ctx, st, key, opt)
	if err != nil || !again.Reused {
		t.Fatalf("second run: %+v %v", again, err)
	}

	hash := func(pw string) (string, error) { return "hash:" + pw, nil }
	accts, err := Accounts(ctx, st, res.Loaded, hash)
	if err != nil || len(accts) != 4 {
		t.Fatalf("accounts %+v %v", accts, err)
	}
	again2, err := Accounts(ctx, st, res.Loaded, hash)
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range again2 {
		u, err := st.UserByEmail(ctx, a.Email)
		if err != nil {
			t.Fatal(err)
		}
		if a.Password == accts[i].Password || u.PasswordHash != "hash:"+a.Password {
			t.Errorf("%s: the password was not renewed on the second start", a.Email)
		}
		if a.Role == "admin" != u.Admin || (a.Role != "admin" && len(u.Roles) != 2) {
			t.Errorf("%s: admin %v roles %+v", a.Email, u.Admin, u.Roles)
		}
	}
}
