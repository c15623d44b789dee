package pseudo

import (
	"os"
	"path/filepath"
	"testing"
)

func TestChild(t *testing.T) {
	k, err := NewKey([]byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	a := k.Child(857, "C1001")
	if len(a) != 16 {
		t.Fatalf("pseudonym %q has length %d, want 16", a, len(a))
	}
	if a != k.Child(857, "C1001") {
		t.Error("pseudonym not stable")
	}
	if a == k.Child(858, "C1001") {
		t.Error("same pseudonym in two authorities")
	}
	if a == k.Child(857, "C1002") {
		t.Error("same pseudonym for two children")
	}
	other, _ := NewKey([]byte("another secret of sixteen+ bytes"))
	if a == other.Child(857, "C1001") {
		t.Error("pseudonym does not depend on the key")
	}
	if _, err := NewKey([]byte("short")); err == nil {
		t.Error("short secret accepted")
	}
}

func TestLoadOrCreate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "key")
	k1, err := LoadOrCreate(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v, want 0600", st.Mode().Perm())
	}
	k2, err := LoadOrCreate(path)
	if err != nil {
		t.Fatal(err)
	}
	if k1.Child(1, "x") != k2.Child(1, "x") {
		t.Error("reloaded key gives a different pseudonym")
	}
	if err := os.WriteFile(path, []byte("not hex"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreate(path); err == nil {
		t.Error("corrupt key file accepted")
	}
}
