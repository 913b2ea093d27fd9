package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"log/slog"
)

// SessionToken is the secret in an editor's session cookie: 32 random
// bytes, base64url. The database keeps only its sha256 (Hash), so a copy of
// the database opens no session. It prints and logs as "[redacted]";
// Reveal gives the value, for the cookie alone.
type SessionToken string

const tokenBytes = 32

var b64url = base64.RawURLEncoding

// NewSessionToken returns a new random token.
func NewSessionToken() SessionToken {
	b := make([]byte, tokenBytes)
	rand.Read(b) // never fails (crypto/rand)
	return SessionToken(b64url.EncodeToString(b))
}

// ErrBadToken: a cookie's value is not a session token.
var ErrBadToken = errors.New("not a session token")

// ParseSessionToken checks a cookie's value.
func ParseSessionToken(s string) (SessionToken, error) {
	if len(s) != b64url.EncodedLen(tokenBytes) {
		return "", ErrBadToken
	}
	if _, err := b64url.DecodeString(s); err != nil {
		return "", ErrBadToken
	}
	return SessionToken(s), nil
}

// Hash is the token's sha256: what the database stores and looks up.
func (t SessionToken) Hash() []byte {
	h := sha256.Sum256([]byte(t))
	return h[:]
}

// Reveal returns the token itself, to set the cookie.
func (t SessionToken) Reveal() string { return string(t) }

func (t SessionToken) String() string       { return "[redacted]" }
func (t SessionToken) GoString() string     { return "[redacted]" }
func (t SessionToken) LogValue() slog.Value { return slog.StringValue("[redacted]") }

// CSRF protection: the synchronizer-token pattern, with the token derived
// from the session rather than stored. A page gets CSRFToken() (in the
// login answer, or in the page) and sends it back in a header on every
// request that changes anything; the server recomputes it from the session
// cookie and compares. Another site can make a browser send the cookie but
// cannot read it, so it cannot compute the token. The HMAC keyed by the
// session token means: nothing more to store, nothing to share between
// servers, a new CSRF token with every session (rotated at login), and a
// leaked CSRF token that reveals neither the session nor any other token.
// (A double-submit cookie needs a second cookie and is weaker where a
// sibling subdomain can set cookies.) Go's http.CrossOriginProtection,
// which checks Sec-Fetch-Site and Origin, is a good second layer.

const csrfLabel = "docket csrf v1"

// CSRFToken is the session's CSRF token.
func (t SessionToken) CSRFToken() string {
	m := hmac.New(sha256.New, []byte(t))
	m.Write([]byte(csrfLabel))
	return b64url.EncodeToString(m.Sum(nil))
}

// CheckCSRF reports whether got is the session's CSRF token, in constant time.
func (t SessionToken) CheckCSRF(got string) bool {
	return t != "" && hmac.Equal([]byte(got), []byte(t.CSRFToken()))
}
