package auth

import (
	"net/netip"
	"sync"
	"time"
)

// Limiter is a token bucket per key (an account, a client address), in
// memory: each key may spend Burst attempts at once, and earns one back
// every Every. It keeps at most MaxKeys buckets: idle ones (refilled, so no
// different from new) are swept away, and while the table is full of busy
// ones, new keys share one overflow bucket, so a flood of made-up keys
// costs bounded memory and slows only the other new keys.
type Limiter struct {
	every   time.Duration
	burst   float64
	maxKeys int

	mu        sync.Mutex
	buckets   map[string]*bucket
	overflow  bucket
	lastSweep time.Time
	now       func() time.Time
}

type bucket struct {
	tokens float64
	last   time.Time
}

// NewLimiter returns a Limiter allowing burst attempts at once per key, one
// more every every, for at most maxKeys keys.
func NewLimiter(every time.Duration, burst, maxKeys int) *Limiter {
	return &Limiter{every: every, burst: float64(burst), maxKeys: maxKeys,
		buckets: make(map[string]*bucket), now: time.Now}
}

// refill brings b up to now.
func (l *Limiter) refill(b *bucket, now time.Time) {
	if b.last.IsZero() {
		b.tokens, b.last = l.burst, now
		return
	}
	b.tokens = min(l.burst, b.tokens+float64(now.Sub(b.last))/float64(l.every))
	b.last = now
}

// Allow spends one attempt of key's, or says how long until there is one.
func (l *Limiter) Allow(key string) (ok bool, retryAfter time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if now.Sub(l.lastSweep) >= time.Minute {
		l.sweep(now)
	}
	b := l.buckets[key]
	if b == nil {
		if len(l.buckets) >= l.maxKeys && now.Sub(l.lastSweep) >= time.Second {
			l.sweep(now)
		}
		if len(l.buckets) < l.maxKeys {
			b = &bucket{}
			l.buckets[key] = b
		} else {
			b = &l.overflow
		}
	}
	l.refill(b, now)
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	wait := time.Duration((1 - b.tokens) * float64(l.every))
	return false, (wait + time.Second - 1).Truncate(time.Second) // whole seconds, for Retry-After
}

// sweep forgets the buckets that have refilled: they hold nothing a new
// bucket would not.
func (l *Limiter) sweep(now time.Time) {
	l.lastSweep = now
	for k, b := range l.buckets {
		if b.tokens+float64(now.Sub(b.last))/float64(l.every) >= l.burst {
			delete(l.buckets, k)
		}
	}
}

// Keys says how many buckets the Limiter holds.
func (l *Limiter) Keys() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}

// LoginLimiter limits login attempts per account (against guessing one
// account's password from many addresses) and per client address (against
// one address trying many accounts).
type LoginLimiter struct {
	Account, Client *Limiter
}

// NewLoginLimiter: per account, 5 attempts at once and one more a minute;
// per client, 20 at once and one more every 6 s; 10,000 keys each (about a
// megabyte at most).
func NewLoginLimiter() *LoginLimiter {
	return &LoginLimiter{
		Account: NewLimiter(time.Minute, 5, 10_000),
		Client:  NewLimiter(6*time.Second, 20, 10_000),
	}
}

// Allow spends an attempt of the client's and then of the account's (the
// login as Login normalizes it), or says how long to wait.
func (l *LoginLimiter) Allow(account string, client netip.Addr) (ok bool, retryAfter time.Duration) {
	if ok, wait := l.Client.Allow(ClientKey(client)); !ok {
		return false, wait
	}
	return l.Account.Allow(account)
}

// ClientKey is the key of a client address: the address itself for IPv4,
// and its /64 for IPv6, the block one subscriber usually gets, so that a
// client cannot escape the limit by changing the low bits.
func ClientKey(a netip.Addr) string {
	a = a.Unmap()
	if a.Is6() {
		p, _ := a.Prefix(64)
		return p.String()
	}
	return a.String()
}
