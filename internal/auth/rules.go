package auth

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Password rules, after NIST SP 800-63B: a length, no composition rules,
// and nothing that names the account.
const (
	MinPasswordLength = 12   // characters
	MaxPasswordBytes  = 1024 // long passphrases are fine; megabytes are not
)

// CheckPassword says what is wrong with a new password for login, or nil.
func CheckPassword(password, login string) error {
	switch {
	case !utf8.ValidString(password):
		return errors.New("the password is not UTF-8 text")
	case utf8.RuneCountInString(password) < MinPasswordLength:
		return fmt.Errorf("the password needs at least %d characters", MinPasswordLength)
	case len(password) > MaxPasswordBytes:
		return fmt.Errorf("the password is longer than %d bytes", MaxPasswordBytes)
	}
	if first, _ := utf8.DecodeRuneInString(password); strings.Trim(password, string(first)) == "" {
		return errors.New("the password is one character repeated")
	}
	lower := strings.ToLower(password)
	name, _, _ := strings.Cut(strings.ToLower(login), "@")
	if login != "" && (lower == strings.ToLower(login) || len(name) >= 3 && strings.Contains(lower, name)) {
		return errors.New("the password must not contain the login")
	}
	return nil
}

var (
	username = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,63}$`)
	email    = regexp.MustCompile(`^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$`)
)

// Login normalizes a login (an email address or a username) as accounts
// are stored and looked up: trimmed and in lower case. It says what is
// wrong when it is neither.
func Login(s string) (string, error) {
	l := strings.ToLower(strings.TrimSpace(s))
	switch {
	case l == "":
		return "", errors.New("no login: give an email address or a username")
	case len(l) > 254:
		return "", errors.New("the login is longer than 254 characters")
	case strings.Contains(l, "@"):
		if !email.MatchString(l) {
			return "", fmt.Errorf("login %q is not an email address", s)
		}
	case !username.MatchString(l):
		return "", fmt.Errorf("login %q: a username is 2 to 64 letters, digits, dots, hyphens or underscores, starting with a letter or digit", s)
	}
	return l, nil
}
