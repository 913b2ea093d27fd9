package auth

import (
	"fmt"
	"net/netip"
	"testing"
	"time"
)

type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }
func limiterAt(c *fakeClock, every time.Duration, burst, maxKeys int) *Limiter {
	l := NewLimiter(every, burst, maxKeys)
	l.now = c.now
	return l
}

func TestLimiter(t *testing.T) {
	c := &fakeClock{t: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
	l := limiterAt(c, time.Minute, 3, 100)
	steps := []struct {
		advance time.Duration
		key     string
		ok      bool
		wait    time.Duration
	}{
		{0, "ann", true, 0},
		{0, "ann", true, 0},
		{0, "ann", true, 0},
		{0, "ann", false, time.Minute},
		{0, "bob", true, 0}, // another key has its own bucket
		{30 * time.Second, "ann", false, 30 * time.Second},
		{30 * time.Second, "ann", true, 0},
		{0, "ann", false, time.Minute},
		{10 * time.Minute, "ann", true, 0}, // refilled to the burst, no more
		{0, "ann", true, 0},
		{0, "ann", true, 0},
		{0, "ann", false, time.Minute},
	}
	for i, s := range steps {
		c.advance(s.advance)
		ok, wait := l.Allow(s.key)
		if ok != s.ok || wait != s.wait {
			t.Errorf("step %d (%s): Allow = %v, %v; want %v, %v", i, s.key, ok, wait, s.ok, s.wait)
		}
	}
}

// TestLimiterMemoryIsBounded checks that a flood of new keys keeps at most
// maxKeys buckets, that the keys that came first keep theirs, that the
// flood shares one overflow bucket, and that idle buckets are swept.
func TestLimiterMemoryIsBounded(t *testing.T) {
	c := &fakeClock{t: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
	l := limiterAt(c, time.Minute, 2, 10)
	for i := range 10 {
		l.Allow(fmt.Sprintf("early-%d", i))
	}
	allowed := 0
	for i := range 10_000 {
		if ok, _ := l.Allow(fmt.Sprintf("flood-%d", i)); ok {
			allowed++
		}
	}
	if l.Keys() != 10 {
		t.Errorf("%d buckets after a flood; want at most 10", l.Keys())
	}
	if allowed != 2 {
		t.Errorf("the flood of 10,000 new keys got %d attempts; want the overflow bucket's 2", allowed)
	}
	if ok, _ := l.Allow("early-3"); !ok {
		t.Error("a key from before the flood lost its bucket")
	}
	// After the buckets refill, they are swept, and new keys get their own.
	c.advance(3 * time.Minute)
	if ok, _ := l.Allow("late"); !ok {
		t.Error("a new key after the sweep was refused")
	}
	if l.Keys() != 1 {
		t.Errorf("%d buckets after the sweep; want 1 (the new key's)", l.Keys())
	}
}

func TestLoginLimiter(t *testing.T) {
	c := &fakeClock{t: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
	l := &LoginLimiter{Account: limiterAt(c, time.Minute, 5, 100), Client: limiterAt(c, 6*time.Second, 20, 100)}
	home := netip.MustParseAddr("203.0.113.7")
	// One account, guessed from many addresses: 5, then refused.
	for i := range 8 {
		ok, _ := l.Allow("ann", netip.AddrFrom4([4]byte{198, 51, 100, byte(i)}))
		if ok != (i < 5) {
			t.Errorf("attempt %d at ann from a new address: %v", i, ok)
		}
	}
	// One address trying many accounts: 20 (less what it spent), then refused.
	refusedAt := -1
	for i := range 30 {
		if ok, wait := l.Allow(fmt.Sprintf("user-%d", i), home); !ok {
			refusedAt = i
			if wait != 6*time.Second {
				t.Errorf("wait %v; want 6s", wait)
			}
			break
		}
	}
	if refusedAt != 20 {
		t.Errorf("an address was refused after %d accounts; want 20", refusedAt)
	}
}

func TestClientKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"203.0.113.7", "203.0.113.7"},
		{"::ffff:203.0.113.7", "203.0.113.7"},
		{"2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"},
		{"2001:db8:1:2:ffff::1", "2001:db8:1:2::/64"},
		{"::1", "::/64"},
	}
	for _, tt := range tests {
		if got := ClientKey(netip.MustParseAddr(tt.in)); got != tt.want {
			t.Errorf("ClientKey(%s) = %s; want %s", tt.in, got, tt.want)
		}
	}
}
