package auth

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

func TestSessionToken(t *testing.T) {
	seen := map[SessionToken]bool{}
	for range 1000 {
		tok := NewSessionToken()
		if len(tok.Reveal()) != 43 || seen[tok] {
			t.Fatalf("token %q: wrong length or seen before", tok.Reveal())
		}
		seen[tok] = true
		if got, err := ParseSessionToken(tok.Reveal()); err != nil || got != tok {
			t.Fatalf("ParseSessionToken(%q) = %v", tok.Reveal(), err)
		}
	}
	tok := NewSessionToken()
	if want := sha256.Sum256([]byte(tok.Reveal())); !bytes.Equal(tok.Hash(), want[:]) {
		t.Error("Hash is not the token's sha256")
	}
	for _, bad := range []string{"", "short", tok.Reveal() + "A", tok.Reveal()[:42] + "*", strings.Repeat("=", 43)} {
		if _, err := ParseSessionToken(bad); err != ErrBadToken {
			t.Errorf("ParseSessionToken(%q) = %v; want ErrBadToken", bad, err)
		}
	}
}

// TestTokensAreNotPrinted checks that printing or logging a token, alone or
// in a struct, shows "[redacted]".
func TestTokensAreNotPrinted(t *testing.T) {
	tok := NewSessionToken()
	var logged bytes.Buffer
	slog.New(slog.NewTextHandler(&logged, nil)).Info("login", "token", tok)
	text := logged.String() + fmt.Sprintf("%v %s %+v %#v %q", tok, tok, struct{ T SessionToken }{tok}, tok, tok)
	if strings.Contains(text, tok.Reveal()) || strings.Contains(text, tok.Reveal()[:10]) {
		t.Errorf("the token was printed: %s", text)
	}
	if !strings.Contains(text, "[redacted]") {
		t.Errorf("no [redacted] in %s", text)
	}
}

func TestCSRF(t *testing.T) {
	a, b := NewSessionToken(), NewSessionToken()
	if a.CSRFToken() != a.CSRFToken() {
		t.Error("a session's CSRF token changes")
	}
	if a.CSRFToken() == b.CSRFToken() {
		t.Error("two sessions share a CSRF token")
	}
	if strings.Contains(a.CSRFToken(), a.Reveal()) {
		t.Error("the CSRF token contains the session token")
	}
	tests := []struct {
		session SessionToken
		got     string
		ok      bool
	}{
		{a, a.CSRFToken(), true},
		{a, b.CSRFToken(), false},
		{a, "", false},
		{a, a.CSRFToken()[:42], false},
		{a, a.Reveal(), false},
		{"", SessionToken("").CSRFToken(), false},
	}
	for i, tt := range tests {
		if got := tt.session.CheckCSRF(tt.got); got != tt.ok {
			t.Errorf("%d: CheckCSRF = %v; want %v", i, got, tt.ok)
		}
	}
}
