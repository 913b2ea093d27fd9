package auth

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"
)

// cheap are parameters that make the tests fast; DefaultParams are tested
// once, in TestDefaultParams.
var cheap = Params{Memory: 1024, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

func TestHashAndVerify(t *testing.T) {
	ctx := context.Background()
	h := NewHasher(cheap, 2)
	a, err := h.Hash(ctx, "correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := h.Hash(ctx, "correct horse battery staple")
	if a == b {
		t.Error("two hashes of one password are equal: no salt")
	}
	if !regexp.MustCompile(`^\$argon2id\$v=19\$m=1024,t=1,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`).MatchString(a) {
		t.Errorf("hash %q is not in the PHC format", a)
	}
	tests := []struct {
		password string
		ok       bool
	}{
		{"correct horse battery staple", true},
		{"correct horse battery stapl", false},
		{"Correct horse battery staple", false},
		{"", false},
	}
	for _, tt := range tests {
		ok, rehash, err := h.Verify(ctx, tt.password, a)
		if ok != tt.ok || rehash || err != nil {
			t.Errorf("Verify(%q) = %v, %v, %v; want %v, false, nil", tt.password, ok, rehash, err, tt.ok)
		}
	}
}

// TestReferenceHash checks a hash made by argon2's reference implementation
// (its test vector: "password", salt "somesalt", t=2, m=64 MiB, p=1), and
// that other parameters than the Hasher's ask for a rehash.
func TestReferenceHash(t *testing.T) {
	h := NewHasher(DefaultParams, 1)
	ref := "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"
	ok, rehash, err := h.Verify(context.Background(), "password", ref)
	if !ok || !rehash || err != nil {
		t.Errorf("Verify(reference) = %v, %v, %v; want true, true (p=1 is not the default), nil", ok, rehash, err)
	}
	if ok, _, _ := h.Verify(context.Background(), "passworD", ref); ok {
		t.Error("a wrong password matched the reference hash")
	}
	if !h.NeedsRehash(ref) {
		t.Error("NeedsRehash(reference) = false")
	}
}

func TestDefaultParams(t *testing.T) {
	ctx := context.Background()
	h := NewHasher(DefaultParams, 1)
	start := time.Now()
	enc, err := h.Hash(ctx, "a passphrase for the record")
	took := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(enc, "$argon2id$v=19$m=65536,t=2,p=2$") {
		t.Errorf("default hash %q", enc)
	}
	if h.NeedsRehash(enc) {
		t.Error("a fresh hash needs a rehash")
	}
	if ok, rehash, err := h.Verify(ctx, "a passphrase for the record", enc); !ok || rehash || err != nil {
		t.Errorf("Verify = %v, %v, %v", ok, rehash, err)
	}
	t.Logf("one hash with the default parameters took %v", took)
}

func TestMalformedHashes(t *testing.T) {
	h := NewHasher(cheap, 1)
	good, _ := h.Hash(context.Background(), "whatever it is")
	parts := strings.Split(good, "$")
	with := func(i int, v string) string {
		p := append([]string(nil), parts...)
		p[i] = v
		return strings.Join(p, "$")
	}
	for _, bad := range []string{
		"",
		"plain text",
		with(1, "argon2i"),
		with(2, "v=16"),
		with(3, "m=0,t=1,p=1"),
		with(3, "m=4194304,t=1,p=1"), // 4 GiB: refused, not attempted
		with(3, "m=1024,t=100,p=1"),
		with(3, "m=1024,t=1,p=0"),
		with(3, "m=01024,t=1,p=1"),
		with(3, "m=1024,t=1,p=1,x=2"),
		with(4, "c2FsdA"), // a 4-byte salt
		with(4, "!!!"),
		with(5, "AAAA"),
		good + "$extra",
	} {
		ok, _, err := h.Verify(context.Background(), "whatever it is", bad)
		if ok || !errors.Is(err, ErrMalformedHash) {
			t.Errorf("Verify(%q) = %v, %v; want ErrMalformedHash", bad, ok, err)
		}
		if !h.NeedsRehash(bad) {
			t.Errorf("NeedsRehash(%q) = false", bad)
		}
	}
}

// TestHasherBoundsConcurrency checks that a hash waits for a free slot, and
// gives up when its context ends.
func TestHasherBoundsConcurrency(t *testing.T) {
	h := NewHasher(cheap, 1)
	h.slots <- struct{}{} // the one slot is taken
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := h.Hash(ctx, "waiting in line"); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Hash with no free slot: %v; want the context's deadline", err)
	}
	<-h.slots
	if _, err := h.Hash(context.Background(), "my turn now"); err != nil {
		t.Errorf("Hash with a free slot: %v", err)
	}
	if err := h.VerifyAbsent(context.Background(), "anything"); err != nil {
		t.Errorf("VerifyAbsent: %v", err)
	}
}

func BenchmarkHashDefault(b *testing.B) {
	h := NewHasher(DefaultParams, 1)
	for b.Loop() {
		h.Hash(context.Background(), "a passphrase for the benchmark")
	}
}
