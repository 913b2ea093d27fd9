// Package auth is what editor sign-in is made of, apart from storage:
// password hashing (argon2id), password and login rules, session tokens,
// CSRF tokens, and a rate limiter for login attempts. Nothing here logs a
// secret: the types that hold one print and log as "[redacted]".
package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id's parameters. DefaultParams is what Docket hashes
// new passwords with; a stored hash keeps the parameters it was made with,
// and Verify says when it should be made again with the current ones.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes over the memory
	Threads uint8
	SaltLen uint32 // bytes
	KeyLen  uint32 // bytes
}

// DefaultParams: 64 MiB, 2 passes, 2 lanes, a 16-byte salt and a 32-byte
// hash. This is above OWASP's minimums for argon2id (19 MiB with 2 passes,
// or 46 MiB with 1) and RFC 9106's second recommended option in memory (64
// MiB), with 2 passes instead of 3 to stay near 0.1 s a hash on a 2-core
// server. The memory is per hash at a time: Hasher bounds how many run at once.
var DefaultParams = Params{Memory: 64 * 1024, Time: 2, Threads: 2, SaltLen: 16, KeyLen: 32}

// limits on parameters read from a stored hash, so a tampered hash cannot
// make a login use a gigabyte or a minute.
const (
	maxMemory  = 1024 * 1024 // 1 GiB
	maxTime    = 16
	maxKeyLen  = 128
	maxSaltLen = 128
)

// Hasher hashes and checks passwords, at most a few at a time: each argon2id
// hash takes Params.Memory, so a burst of logins must queue, not take the
// server's memory.
type Hasher struct {
	Params Params
	slots  chan struct{}
	dummy  string // a hash of nothing, for VerifyAbsent
}

// NewHasher returns a Hasher that runs at most concurrent hashes at once.
func NewHasher(p Params, concurrent int) *Hasher {
	h := &Hasher{Params: p, slots: make(chan struct{}, max(concurrent, 1))}
	h.dummy = h.encode(make([]byte, p.SaltLen), []byte("no account"))
	return h
}

func (h *Hasher) acquire(ctx context.Context) error {
	select {
	case h.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (h *Hasher) release() { <-h.slots }

// Hash returns the password's argon2id hash in the PHC string format:
// $argon2id$v=19$m=65536,t=2,p=2$<salt>$<hash>, base64 without padding.
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	salt := make([]byte, h.Params.SaltLen)
	rand.Read(salt) // never fails (crypto/rand)
	if err := h.acquire(ctx); err != nil {
		return "", err
	}
	defer h.release()
	return h.encode(salt, []byte(password)), nil
}

func (h *Hasher) encode(salt, password []byte) string {
	p := h.Params
	key := argon2.IDKey(password, salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key))
}

var b64 = base64.RawStdEncoding

// ErrMalformedHash means a stored hash is not one this package made.
var ErrMalformedHash = errors.New("not an argon2id hash in the PHC format")

// Verify checks a password against a stored hash, in constant time. When
// the password is right and the hash was made with other parameters than
// the Hasher's, rehash is true: hash the password again and store that.
func (h *Hasher) Verify(ctx context.Context, password, encoded string) (ok, rehash bool, err error) {
	p, salt, key, err := decode(encoded)
	if err != nil {
		return false, false, err
	}
	if err := h.acquire(ctx); err != nil {
		return false, false, err
	}
	defer h.release()
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	if subtle.ConstantTimeCompare(got, key) != 1 {
		return false, false, nil
	}
	return true, p != h.Params, nil
}

// VerifyAbsent takes the time a Verify takes and always fails: a login
// that names no account then answers as slowly as a wrong password, so the
// time does not tell which logins exist.
func (h *Hasher) VerifyAbsent(ctx context.Context, password string) error {
	_, _, err := h.Verify(ctx, password, h.dummy)
	return err
}

// NeedsRehash reports whether a stored hash was made with other parameters
// than the Hasher's (or cannot be read).
func (h *Hasher) NeedsRehash(encoded string) bool {
	p, _, _, err := decode(encoded)
	return err != nil || p != h.Params
}

// decode reads a PHC string: $argon2id$v=19$m=M,t=T,p=P$salt$hash.
func decode(encoded string) (p Params, salt, key []byte, err error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, nil, nil, ErrMalformedHash
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return p, nil, nil, fmt.Errorf("%w: argon2 version %q", ErrMalformedHash, parts[2])
	}
	var threads uint32
	if n, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &threads); err != nil || n != 3 ||
		fmt.Sprintf("m=%d,t=%d,p=%d", p.Memory, p.Time, threads) != parts[3] {
		return p, nil, nil, fmt.Errorf("%w: parameters %q", ErrMalformedHash, parts[3])
	}
	if p.Memory < 8 || p.Memory > maxMemory || p.Time < 1 || p.Time > maxTime || threads < 1 || threads > 255 {
		return p, nil, nil, fmt.Errorf("%w: parameters %q out of range", ErrMalformedHash, parts[3])
	}
	p.Threads = uint8(threads)
	if salt, err = b64.DecodeString(parts[4]); err != nil || len(salt) < 8 || len(salt) > maxSaltLen {
		return p, nil, nil, fmt.Errorf("%w: salt", ErrMalformedHash)
	}
	if key, err = b64.DecodeString(parts[5]); err != nil || len(key) < 16 || len(key) > maxKeyLen {
		return p, nil, nil, fmt.Errorf("%w: hash", ErrMalformedHash)
	}
	p.SaltLen, p.KeyLen = uint32(len(salt)), uint32(len(key))
	return p, salt, key, nil
}
