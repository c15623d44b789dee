// Package pseudo turns child IDs into pseudonyms: a keyed HMAC-SHA-256 of the authority and the ID
// with a per-deployment secret kept outside the database, so that a copy of the database alone does
// not reveal which child is which, and the same child keeps the same pseudonym across loads.
package pseudo

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// keyBytes is the length of the secret.
const keyBytes = 32

// Key is a deployment's pseudonymisation secret.
type Key struct {
	secret []byte
}

// NewKey returns a key using secret, which must be at least 16 bytes.
func NewKey(secret []byte) (*Key, error) {
	if len(secret) < 16 {
		return nil, errors.New("pseudonymisation secret is shorter than 16 bytes")
	}
	return &Key{secret: append([]byte(nil), secret...)}, nil
}

// LoadOrCreate reads the secret from path (hex), creating the file with a new random secret, readable
// only by its owner, when it does not exist.
func LoadOrCreate(path string) (*Key, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		secret := make([]byte, keyBytes)
		if _, err := rand.Read(secret); err != nil {
			return nil, fmt.Errorf("pseudonymisation key: %w", err)
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("pseudonymisation key: %w", err)
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return nil, fmt.Errorf("pseudonymisation key: %w", err)
		}
		if _, err := f.WriteString(hex.EncodeToString(secret) + "\n"); err != nil {
			f.Close()
			return nil, fmt.Errorf("pseudonymisation key %s: %w", path, err)
		}
		if err := f.Close(); err != nil {
			return nil, fmt.Errorf("pseudonymisation key %s: %w", path, err)
		}
		return NewKey(secret)
	}
	if err != nil {
		return nil, fmt.Errorf("pseudonymisation key: %w", err)
	}
	secret, err := hex.DecodeString(strings.TrimSpace(string(b)))
	if err != nil {
		return nil, fmt.Errorf("pseudonymisation key %s is not hexadecimal: %w", path, err)
	}
	return NewKey(secret)
}

// Child returns the pseudonym of child id in authority la: 16 base-32 characters (80 bits), stable
// for the key. The authority is part of the input because child IDs are only unique within one.
func (k *Key) Child(la int, id string) string {
	m := hmac.New(sha256.New, k.secret)
	m.Write([]byte(strconv.Itoa(la)))
	m.Write([]byte{0})
	m.Write([]byte(id))
	sum := m.Sum(nil)
	return strings.ToLower(base32.StdEncoding.EncodeToString(sum[:10]))
}
