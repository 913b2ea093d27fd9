package server

import (
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"docket/internal/routes"
	"docket/internal/store"
)

// TestStudioReturn: signing in returns to a Studio page of this site, and
// to nowhere else.
func TestStudioReturn(t *testing.T) {
	for _, tc := range []struct{ base, next, want string }{
		{"/", "", "/studio/"},
		{"/", "/studio/", "/studio/"},
		{"/", "/studio/cases/my-case", "/studio/cases/my-case"},
		{"/", "/studio/cases/my-case?x=1#y", "/studio/cases/my-case"},
		{"/explainers/", "/explainers/studio/cases/my-case", "/explainers/studio/cases/my-case"},
		{"/explainers/", "/studio/cases/my-case", "/explainers/studio/"},
		{"/", "/studio/cases/Bad_ID", "/studio/"},
		{"/", "/studio/cases/a/b", "/studio/"},
		{"/", "/studio/cases/../../admin", "/studio/"},
		{"/", "/studio/logout", "/studio/"},
		{"/", "/cases/x/", "/studio/"},
		{"/", "//evil.example/studio/cases/x", "/studio/"},
		{"/", "/\\evil.example/studio/cases/x", "/studio/"},
		{"/", "https://evil.example/studio/cases/x", "/studio/"},
		{"/", "javascript:alert(1)", "/studio/"},
		{"/", "studio/cases/x", "/studio/"},
		{"/", "/studio/cases/x\r\nSet-Cookie: a=b", "/studio/"},
		{"/", "/studio/cases/%2e%2e", "/studio/"},
	} {
		if got := studioReturn(tc.base, tc.next); got != tc.want {
			t.Errorf("studioReturn(%q, %q) = %q; want %q", tc.base, tc.next, got, tc.want)
		}
	}
}

// TestSignInReturns: a Studio page without a session leads to the sign-in
// page with the page to return to; the form carries it, and signing in
// leads there; a return elsewhere leads to the Studio's start.
func TestSignInReturns(t *testing.T) {
	st := newStudio(t, "sqlite:"+filepath.Join(t.TempDir(), "docket.db"))
	st.addAccount(t, "ada", store.RoleAdmin, adminPassword)
	f := st.client(t)
	r := f.get(routes.StudioCase("my-case"))
	if want := routes.StudioLogin + "?next=" + url.QueryEscape("/studio/cases/my-case"); r.StatusCode != 303 || r.Header.Get("Location") != want {
		t.Fatalf("a case's page without a session = %d to %q; want 303 to %q", r.StatusCode, r.Header.Get("Location"), want)
	}
	page := f.get(r.Header.Get("Location"))
	if !strings.Contains(string(page.body), `name="next" value="/studio/cases/my-case"`) {
		t.Errorf("the sign-in form does not carry the return:\n%s", page.body)
	}
	for _, tc := range []struct{ next, want string }{
		{"/studio/cases/my-case", "/studio/cases/my-case"},
		{"https://evil.example/", "/studio/"},
	} {
		c := st.client(t)
		res, err := c.http.PostForm(st.url+routes.StudioLogin, url.Values{"login": {"ada"}, "password": {adminPassword}, "next": {tc.next}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 303 || res.Header.Get("Location") != tc.want {
			t.Errorf("signing in with next %q = %d to %q; want 303 to %q", tc.next, res.StatusCode, res.Header.Get("Location"), tc.want)
		}
		// Signed in already, the sign-in page leads on at once.
		if r := c.get(routes.StudioLogin + "?next=" + url.QueryEscape(tc.next)); r.StatusCode != 303 || r.Header.Get("Location") != tc.want {
			t.Errorf("the sign-in page, signed in, next %q = %d to %q; want %q", tc.next, r.StatusCode, r.Header.Get("Location"), tc.want)
		}
	}
}
