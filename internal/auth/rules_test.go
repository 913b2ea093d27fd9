package auth

import (
	"strings"
	"testing"
)

func TestCheckPassword(t *testing.T) {
	tests := []struct {
		password, login, err string
	}{
		{"correct horse battery staple", "ann", ""},
		{"twelve chars", "ann", ""},
		{"ünïcödé pässwörd", "ann", ""},
		{"eleven char", "ann", "at least 12 characters"},
		{"ééééééééééé", "ann", "at least 12 characters"}, // 11 characters, 22 bytes
		{strings.Repeat("long ", 205), "ann", "longer than 1024 bytes"},
		{"aaaaaaaaaaaaaaaa", "ann", "one character repeated"},
		{"ŋŋŋŋŋŋŋŋŋŋŋŋ", "ann", "one character repeated"},
		{"editor@example.org", "editor@example.org", "must not contain the login"},
		{"Editor@Example.org", "editor@example.org", "must not contain the login"},
		{"my name is annabel!", "annabel", "must not contain the login"},
		{"the desk of reporter 7", "reporter@example.org", "must not contain the login"},
		{"an ed would say so", "ed", ""}, // a login of 2 letters may be in a password
		{"not utf-8 \xff\xfe here", "ann", "not UTF-8"},
	}
	for _, tt := range tests {
		err := CheckPassword(tt.password, tt.login)
		if tt.err == "" && err != nil || tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("CheckPassword(%q, %q) = %v; want %q", tt.password, tt.login, err, tt.err)
		}
	}
}

func TestLogin(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{"ann", "ann", ""},
		{"  Ann.Lee ", "ann.lee", ""},
		{"Editor@Example.ORG", "editor@example.org", ""},
		{"d_k-9", "d_k-9", ""},
		{"", "", "no login"},
		{"a", "", "2 to 64"},
		{"-ann", "", "2 to 64"},
		{"ann lee", "", "2 to 64"},
		{"<script>", "", "2 to 64"},
		{"ann@", "", "not an email address"},
		{"ann@localhost", "", "not an email address"},
		{"a b@example.org", "", "not an email address"},
		{strings.Repeat("a", 250) + "@x.org", "", "longer than 254"},
	}
	for _, tt := range tests {
		got, err := Login(tt.in)
		if got != tt.want || tt.err == "" && err != nil || tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("Login(%q) = %q, %v; want %q, %q", tt.in, got, err, tt.want, tt.err)
		}
	}
}
