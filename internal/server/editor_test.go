package server

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"docket/internal/routes"
	"docket/internal/store"
)

const (
	adminPassword  = "a long admin passphrase 1"
	editorPassword = "an editor's passphrase 2"
)

// endpointPath is an endpoint's path with its wildcards filled in.
func endpointPath(ep routes.Endpoint) string {
	return strings.NewReplacer("{id}", "1", "{number}", "1").Replace(ep.Path)
}

// TestEditorAPINeedsASession checks that every endpoint of the editor API
// but signing in answers 401, as JSON with a code, to a request with no
// session cookie, with a cookie that is not a token, and with a token that
// names no session.
func TestEditorAPINeedsASession(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, dbURL string) {
		st := newStudio(t, dbURL)
		for _, ep := range routes.EditorAPI {
			if ep.Access == routes.AccessAnyone {
				continue
			}
			for _, cookie := range []string{"", "not-a-token", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"} {
				c := st.client(t)
				var header []string
				if cookie != "" {
					header = []string{"Cookie", sessionCookie + "=" + cookie}
				}
				r := c.send(ep.Method, endpointPath(ep), []byte("{}"), header...)
				if code, _ := r.apiError(t); r.StatusCode != 401 || code != "unauthorized" {
					t.Errorf("%s with cookie %q = %d %q; want 401 unauthorized", ep.Pattern(), cookie, r.StatusCode, code)
				}
				if got := r.Header.Get("Cache-Control"); got != "no-store" {
					t.Errorf("%s: Cache-Control %q; want no-store", ep.Pattern(), got)
				}
				if got := r.Header.Get("Access-Control-Allow-Origin"); got != "" {
					t.Errorf("%s: Access-Control-Allow-Origin %q; the editor API must not be readable by other origins", ep.Pattern(), got)
				}
			}
		}
	})
}

// TestEditorRoles checks that an editor gets 403 from every admin
// endpoint and is let through to every editor endpoint.
func TestEditorRoles(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, dbURL string) {
		st := newStudio(t, dbURL)
		st.addAccount(t, "ada", store.RoleAdmin, adminPassword)
		c, _ := st.signedIn(t, "ed", store.RoleEditor, editorPassword)
		for _, ep := range routes.EditorAPI {
			if ep.Access == routes.AccessAnyone || (ep.Method == "DELETE" && ep.Path == "/api/editor/session") {
				continue // signing in again, or out, would change the session under the test
			}
			r := c.send(ep.Method, endpointPath(ep), []byte("{}"))
			switch ep.Access {
			case routes.AccessAdmin:
				if code, _ := r.apiError(t); r.StatusCode != 403 || code != "forbidden" {
					t.Errorf("editor: %s = %d %q; want 403 forbidden", ep.Pattern(), r.StatusCode, code)
				}
			default:
				if r.StatusCode == 401 || r.StatusCode == 403 {
					t.Errorf("editor: %s = %d %s; want it let through", ep.Pattern(), r.StatusCode, r.body)
				}
			}
		}
	})
}

// TestEditorCSRF checks that every write needs the session's CSRF token
// (missing, wrong or another session's: 403) and comes from this site
// (a browser's cross-site write: 403 even with the token).
func TestEditorCSRF(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, dbURL string) {
		st := newStudio(t, dbURL)
		st.addAccount(t, "ada", store.RoleAdmin, adminPassword)
		c, other := st.client(t), st.client(t)
		c.signIn("ada", adminPassword)
		other.signIn("ada", adminPassword)
		for _, ep := range routes.EditorAPI {
			if ep.Method == "GET" {
				continue
			}
			for _, tc := range []struct {
				name   string
				header []string
				code   string
			}{
				{"no token", []string{"X-CSRF-Token", ""}, "csrf"},
				{"a wrong token", []string{"X-CSRF-Token", "x" + c.csrf[1:]}, "csrf"},
				{"another session's token", []string{"X-CSRF-Token", other.csrf}, "csrf"},
				{"another site", []string{"Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"}, "cross_origin"},
			} {
				if ep.Access == routes.AccessAnyone && tc.code == "csrf" {
					continue // signing in has no session to derive a token from
				}
				r := c.send(ep.Method, endpointPath(ep), []byte("{}"), tc.header...)
				if code, _ := r.apiError(t); r.StatusCode != 403 || code != tc.code {
					t.Errorf("%s with %s = %d %q; want 403 %s", ep.Pattern(), tc.name, r.StatusCode, code, tc.code)
				}
			}
		}
		// The session survived all that, and the right token works.
		if r := c.send("POST", "/api/editor/cases", map[string]any{"id": "fine"}); r.StatusCode != 201 {
			t.Errorf("create with the right token = %d %s", r.StatusCode, r.body)
		}
	})
}

// TestSignIn checks signing in: the cookie's attributes, a new session
// (and cookie) at every sign-in that ends the one before, the same answer
// for a wrong password and an unknown login, and signing out, which ends
// the session for good.
func TestSignIn(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, dbURL string) {
		st := newStudio(t, dbURL)
		st.addAccount(t, "ada@example.org", store.RoleAdmin, adminPassword)
		c := st.client(t)

		r := c.send("POST", "/api/editor/session", map[string]string{"login": " ADA@example.org ", "password": adminPassword})
		if r.StatusCode != 200 {
			t.Fatalf("sign in = %d %s", r.StatusCode, r.body)
		}
		var s sessionJSON
		r.json(t, &s)
		c.csrf = s.CSRFToken
		if s.User.Login != "ada@example.org" || s.User.Role != store.RoleAdmin || s.CSRFToken == "" {
			t.Errorf("sign-in answer %+v", s)
		}
		if strings.Contains(string(r.body), "argon2") {
			t.Error("the sign-in answer carries the password hash")
		}
		set := r.Header.Get("Set-Cookie")
		for _, want := range []string{sessionCookie + "=", "Path=/", "HttpOnly", "SameSite=Lax", "Expires="} {
			if !strings.Contains(set, want) {
				t.Errorf("Set-Cookie %q lacks %s", set, want)
			}
		}
		if strings.Contains(set, "Secure") {
			t.Errorf("Set-Cookie %q is Secure over plain HTTP on loopback: the browser would never send it back", set)
		}
		first := c.cookie()

		// Signing in again rotates: a new cookie, and the old one opens nothing.
		c.signIn("ada@example.org", adminPassword)
		second := c.cookie()
		if second == "" || second == first {
			t.Fatalf("signing in again kept the cookie %q", first)
		}
		stale := st.client(t)
		if r := stale.send("GET", "/api/editor/session", nil, "Cookie", sessionCookie+"="+first); r.StatusCode != 401 {
			t.Errorf("the session before the new sign-in = %d; want 401", r.StatusCode)
		}
		if r := c.send("GET", "/api/editor/session", nil); r.StatusCode != 200 {
			t.Errorf("the new session = %d", r.StatusCode)
		}

		// A wrong password and a login that names no account: the same answer.
		var answers []string
		for _, login := range []string{"ada@example.org", "nobody@example.org", "not a login at all"} {
			r := st.client(t).send("POST", "/api/editor/session", map[string]string{"login": login, "password": "wrong password here"})
			code, msg := r.apiError(t)
			if r.StatusCode != 401 || code != "wrong_login" {
				t.Errorf("sign in as %q with a wrong password = %d %q", login, r.StatusCode, code)
			}
			answers = append(answers, msg)
		}
		if answers[0] != answers[1] || answers[1] != answers[2] {
			t.Errorf("answers differ between a wrong password and an unknown login: %q", answers)
		}

		// Signing out ends the session in the database: the cookie, sent
		// again, opens nothing.
		if r := c.send("DELETE", "/api/editor/session", nil); r.StatusCode != 204 || !strings.Contains(r.Header.Get("Set-Cookie"), "Max-Age=0") {
			t.Errorf("sign out = %d, Set-Cookie %q", r.StatusCode, r.Header.Get("Set-Cookie"))
		}
		if r := stale.send("GET", "/api/editor/session", nil, "Cookie", sessionCookie+"="+second); r.StatusCode != 401 {
			t.Errorf("after signing out, the session's cookie = %d; want 401", r.StatusCode)
		}
	})
}

// TestSecureCookie checks when the session cookie goes without Secure:
// only over plain HTTP from this machine to a loopback address.
func TestSecureCookie(t *testing.T) {
	tests := []struct {
		remote, host, proto string
		tls                 bool
		plain               bool
	}{
		{"127.0.0.1:5000", "127.0.0.1:8080", "", false, true},
		{"127.0.0.1:5000", "localhost:8080", "", false, true},
		{"[::1]:5000", "[::1]:8080", "", false, true},
		{"127.0.0.1:5000", "news.example.org", "", false, false}, // a proxy on this machine
		{"127.0.0.1:5000", "localhost:8080", "https", false, false},
		{"127.0.0.1:5000", "localhost:8080", "", true, false},
		{"192.0.2.7:5000", "localhost:8080", "", false, false},
		{"192.0.2.7:5000", "192.0.2.1:8080", "", false, false},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr, r.Host = tt.remote, tt.host
		if tt.proto != "" {
			r.Header.Set("X-Forwarded-Proto", tt.proto)
		}
		r.TLS = nil
		if tt.tls {
			r.TLS = &tls.ConnectionState{}
		}
		if got := plainLoopback(r); got != tt.plain {
			t.Errorf("plainLoopback(from %s to %s, proto %q, TLS %v) = %v; want %v", tt.remote, tt.host, tt.proto, tt.tls, got, tt.plain)
		}
	}
}

// TestSignInRateLimit checks that guessing one account's password is
// slowed after five attempts, and one client trying many accounts after
// twenty: 429 with Retry-After, even for the right password.
func TestSignInRateLimit(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, dbURL string) {
		st := newStudio(t, dbURL)
		st.addAccount(t, "ada", store.RoleAdmin, adminPassword)
		c := st.client(t)
		for i := range 5 {
			if r := c.send("POST", "/api/editor/session", map[string]string{"login": "ada", "password": fmt.Sprint("guess number ", i)}); r.StatusCode != 401 {
				t.Fatalf("guess %d = %d; want 401", i, r.StatusCode)
			}
		}
		r := c.send("POST", "/api/editor/session", map[string]string{"login": "ada", "password": adminPassword})
		if code, _ := r.apiError(t); r.StatusCode != 429 || code != "rate_limited" {
			t.Errorf("sixth attempt = %d %q; want 429 rate_limited", r.StatusCode, code)
		}
		if s, err := strconv.Atoi(r.Header.Get("Retry-After")); err != nil || s < 1 || s > 60 {
			t.Errorf("Retry-After = %q; want 1 to 60 seconds", r.Header.Get("Retry-After"))
		}
		// The form at /studio/login is limited alike.
		f := st.client(t)
		res, err := f.http.PostForm(st.url+routes.StudioLogin, map[string][]string{"login": {"ada"}, "password": {adminPassword}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 429 || res.Header.Get("Retry-After") == "" {
			t.Errorf("the sign-in form after the limit = %d, Retry-After %q; want 429", res.StatusCode, res.Header.Get("Retry-After"))
		}

		// One client, many accounts: the client's own limit (20, less the
		// 6 above and the form's 1).
		limited := 0
		for i := range 20 {
			r := c.send("POST", "/api/editor/session", map[string]string{"login": fmt.Sprint("user", i), "password": "whatever it is"})
			if r.StatusCode == 429 {
				limited++
			}
		}
		if limited == 0 {
			t.Error("a client tried 27 logins without being limited")
		}
	})
}

// TestDraftsAndConflicts drives a case through the API: create, save,
// a stale save (409 with the current draft and what differs; nothing
// overwritten), validate, a refused publish (422 with problems and their
// paths), a publish, and the reader's page and data.
func TestDraftsAndConflicts(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, dbURL string) {
		st := newStudio(t, dbURL)
		c, _ := st.signedIn(t, "ed", store.RoleEditor, editorPassword)

		good := shippedCase(t, "new-case", "A case written in the Studio")
		r := c.send("POST", "/api/editor/cases", map[string]any{"id": "new-case", "case": good})
		var d draftJSON
		r.json(t, &d)
		if r.StatusCode != 201 || d.Revision != 1 || d.State != store.StateDraft || d.Title != "A case written in the Studio" {
			t.Fatalf("create = %d %+v", r.StatusCode, d)
		}
		if r := c.get("/cases/new-case/"); r.StatusCode != 404 {
			t.Errorf("an unpublished draft's page = %d; want 404", r.StatusCode)
		}

		// Two editors start from revision 1; the first saves.
		mine := shippedCase(t, "new-case", "Mine")
		mine["summary"] = "My summary."
		theirs := shippedCase(t, "new-case", "Theirs")
		events := theirs["events"].([]any)
		theirs["events"] = events[1:]
		r = c.send("PUT", "/api/editor/cases/new-case/draft", map[string]any{"revision": 1, "case": theirs})
		if r.StatusCode != 200 {
			t.Fatalf("save = %d %s", r.StatusCode, r.body)
		}
		var saved draftJSON
		r.json(t, &saved)
		if saved.Revision != 2 || saved.Case != nil {
			t.Errorf("save answered revision %d, with %d bytes of case; want revision 2, without the case", saved.Revision, len(saved.Case))
		}
		// The second, still at revision 1, is refused.
		r = c.send("PUT", "/api/editor/cases/new-case/draft", map[string]any{"revision": 1, "case": mine})
		var conflict struct {
			Error struct {
				Code    string    `json:"code"`
				Message string    `json:"message"`
				Current draftJSON `json:"current"`
				Changes []change  `json:"changes"`
			} `json:"error"`
		}
		r.json(t, &conflict)
		if r.StatusCode != 409 || conflict.Error.Code != "conflict" || conflict.Error.Current.Revision != 2 || conflict.Error.Current.SavedBy != "ed" {
			t.Fatalf("stale save = %d %.300s", r.StatusCode, r.body)
		}
		var current map[string]any
		json.Unmarshal(conflict.Error.Current.Case, &current)
		if current["title"] != "Theirs" {
			t.Errorf("the conflict's current draft has title %v; want Theirs", current["title"])
		}
		wantChanges := map[string]string{"title": "changed", "summary": "changed", "events[id=" + events[0].(map[string]any)["id"].(string) + "]": "removed"}
		got := map[string]string{}
		for _, ch := range conflict.Error.Changes {
			got[ch.Path] = ch.Change
		}
		for path, ch := range wantChanges {
			if got[path] != ch {
				t.Errorf("changes %v lack %s %s", conflict.Error.Changes, path, ch)
			}
		}
		if len(got) != len(wantChanges) {
			t.Errorf("changes = %v; want %v", got, wantChanges)
		}
		// Nothing was overwritten.
		r = c.get("/api/editor/cases/new-case/draft")
		r.json(t, &d)
		if d.Revision != 2 || d.Title != "Theirs" {
			t.Errorf("after the refused save, the draft is revision %d %q; want 2 Theirs", d.Revision, d.Title)
		}

		// An invalid draft is saved, checked, and not published.
		bad := shippedCase(t, "new-case", "")
		ev := bad["events"].([]any)[2].(map[string]any)
		ev["date"].(map[string]any)["value"] = "2017-02-30"
		r = c.send("PUT", "/api/editor/cases/new-case/draft", map[string]any{"revision": 2, "case": bad})
		if r.StatusCode != 200 {
			t.Fatalf("saving an invalid draft = %d %s", r.StatusCode, r.body)
		}
		r = c.send("POST", "/api/editor/cases/new-case/validate", nil)
		var check struct {
			Valid    bool          `json:"valid"`
			Revision int64         `json:"revision"`
			Problems []problemJSON `json:"problems"`
		}
		r.json(t, &check)
		wantPaths := []string{"title", "events[2].date.value"}
		if r.StatusCode != 200 || check.Valid || check.Revision != 3 || !hasProblems(check.Problems, wantPaths...) {
			t.Errorf("validate the draft = %d %+v; want problems at %v", r.StatusCode, check, wantPaths)
		}
		r = c.send("POST", "/api/editor/cases/new-case/publish", map[string]any{"revision": 3, "note": "try"})
		var refused struct {
			Error struct {
				Code     string        `json:"code"`
				Problems []problemJSON `json:"problems"`
			} `json:"error"`
		}
		r.json(t, &refused)
		if r.StatusCode != 422 || refused.Error.Code != "invalid" || !hasProblems(refused.Error.Problems, wantPaths...) {
			t.Errorf("publishing an invalid draft = %d %s; want 422 with problems at %v", r.StatusCode, r.body, wantPaths)
		}
		if r := c.get("/api/editor/cases/new-case/versions"); !strings.Contains(string(r.body), `"versions":[]`) {
			t.Errorf("versions after a refused publish: %s", r.body)
		}
		// A case sent for checking, with the line and column of each problem.
		r = c.send("POST", "/api/editor/cases/new-case/validate", []byte("{\n  \"id\": \"other-id\",\n  \"title\": 5\n}"))
		r.json(t, &check)
		if check.Valid || !hasProblems(check.Problems, "id", "title") {
			t.Errorf("validate a body = %+v", check)
		}
		for _, p := range check.Problems {
			if p.Path == "title" && (p.Line != 3 || p.Col == 0) {
				t.Errorf("the title's problem is at %d:%d; want line 3", p.Line, p.Col)
			}
		}

		// A valid draft publishes, and readers see it at once on this server.
		version := st.s.Version()
		r = c.send("PUT", "/api/editor/cases/new-case/draft", map[string]any{"revision": 3, "case": good})
		r = c.send("POST", "/api/editor/cases/new-case/publish", map[string]any{"revision": 4, "note": "first version"})
		var v versionJSON
		r.json(t, &v)
		if r.StatusCode != 201 || v.Number != 1 || v.PublishedBy != "ed" || v.Note != "first version" {
			t.Fatalf("publish = %d %s", r.StatusCode, r.body)
		}
		page := c.get("/cases/new-case/")
		if page.StatusCode != 200 || !strings.Contains(string(page.body), "A case written in the Studio") {
			t.Errorf("the published case's page = %d", page.StatusCode)
		}
		if st.s.Version() != version {
			t.Errorf("publishing changed the server's version from %s to %s: every reader would download the wasm again", version, st.s.Version())
		}
		api := c.get("/api/cases/new-case")
		if api.StatusCode != 200 || !strings.Contains(string(api.body), "A case written in the Studio") {
			t.Errorf("the published case's data = %d", api.StatusCode)
		}
		if !strings.Contains(string(c.get("/api/cases").body), `"new-case"`) {
			t.Error("the index does not list the published case")
		}
	})
}

func hasProblems(ps []problemJSON, paths ...string) bool {
	for _, want := range paths {
		found := false
		for _, p := range ps {
			found = found || p.Path == want
		}
		if !found {
			return false
		}
	}
	return true
}

// TestVersionsRollBackUnpublish checks a case's life after its first
// publish: a second version replaces the page (a new ETag), a rollback
// publishes the first again as a third, unpublishing answers 410 Gone on
// the page and in the data, and publishing again brings it back; the
// audit log has each step.
func TestVersionsRollBackUnpublish(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, dbURL string) {
		st := newStudio(t, dbURL)
		c, _ := st.signedIn(t, "ada", store.RoleAdmin, adminPassword)
		c.publishCase("life", "The first title")
		etag1 := c.get("/cases/life/").Header.Get("ETag")
		dataTag1 := c.get("/api/cases/life").Header.Get("ETag")

		c.send("PUT", "/api/editor/cases/life/draft", map[string]any{"revision": 1, "case": shippedCase(t, "life", "The second title")})
		if r := c.send("POST", "/api/editor/cases/life/publish", map[string]any{"revision": 2}); r.StatusCode != 201 {
			t.Fatalf("second publish = %d %s", r.StatusCode, r.body)
		}
		page := c.get("/cases/life/")
		if !strings.Contains(string(page.body), "The second title") || page.Header.Get("ETag") == etag1 {
			t.Errorf("after the second publish, the page has ETag %s (before: %s)", page.Header.Get("ETag"), etag1)
		}
		if r := c.send("GET", "/cases/life/", nil, "If-None-Match", etag1); r.StatusCode != 200 {
			t.Errorf("the first version's ETag = %d; want 200 with the new page", r.StatusCode)
		}
		if c.get("/api/cases/life").Header.Get("ETag") == dataTag1 {
			t.Error("the case data kept its ETag across a publish")
		}

		r := c.send("POST", "/api/editor/cases/life/rollback", map[string]any{"to": 1, "note": "back"})
		var v versionJSON
		r.json(t, &v)
		if r.StatusCode != 201 || v.Number != 3 || v.RestoredFrom != 1 {
			t.Fatalf("rollback = %d %s", r.StatusCode, r.body)
		}
		if !strings.Contains(string(c.get("/cases/life/").body), "The first title") {
			t.Error("after the rollback, the page does not show the first version")
		}
		var list struct{ Versions []versionJSON }
		c.get("/api/editor/cases/life/versions").json(t, &list)
		if len(list.Versions) != 3 || list.Versions[0].Number != 3 || list.Versions[0].Case != nil {
			t.Errorf("versions = %+v", list.Versions)
		}
		c.get("/api/editor/cases/life/versions/2").json(t, &v)
		if !strings.Contains(string(v.Case), "The second title") {
			t.Errorf("version 2 = %+v", v)
		}
		if r := c.get("/api/editor/cases/life/versions/9"); r.StatusCode != 404 {
			t.Errorf("version 9 = %d; want 404", r.StatusCode)
		}

		r = c.send("POST", "/api/editor/cases/life/unpublish", map[string]any{"note": "legal review"})
		if r.StatusCode != 200 || !strings.Contains(string(r.body), `"state":"unpublished"`) {
			t.Fatalf("unpublish = %d %s", r.StatusCode, r.body)
		}
		for _, p := range []string{"/cases/life/", "/embed/life/", "/api/cases/life", "/embed-code/life"} {
			if r := c.get(p); r.StatusCode != 410 {
				t.Errorf("GET %s after unpublishing = %d; want 410 Gone", p, r.StatusCode)
			}
		}
		if code, _ := c.get("/api/cases/life").apiError(t); code != "gone" {
			t.Errorf("the data's 410 has code %q", code)
		}
		if strings.Contains(string(c.get("/api/cases").body), `"life"`) {
			t.Error("the index still lists the unpublished case")
		}
		// The rollback moved the draft along (it had no changes of its own):
		// revision 3, which publishing again names.
		if r := c.send("POST", "/api/editor/cases/life/publish", map[string]any{"revision": 3}); r.StatusCode != 201 {
			t.Errorf("publish again = %d %.300s", r.StatusCode, r.body)
		}
		if r := c.get("/cases/life/"); r.StatusCode != 200 {
			t.Errorf("the page published again = %d", r.StatusCode)
		}

		var audit struct {
			Entries []auditEntryJSON `json:"entries"`
		}
		c.get("/api/editor/audit?case=life").json(t, &audit)
		var actions []string
		for _, e := range audit.Entries {
			actions = append(actions, e.Action)
		}
		if got, want := strings.Join(actions, " "), "publish unpublish rollback publish publish create"; got != want {
			t.Errorf("audit log of the case: %s; want %s", got, want)
		}
	})
}

// TestEditorAPILimits checks the refusals that protect the server: a body
// over the limit (413), a body of another type (415), unknown fields
// (400), a method a path does not answer (405 with Allow), an unknown
// endpoint (404), each as the API's JSON.
func TestEditorAPILimits(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, dbURL string) {
		st := newStudio(t, dbURL)
		c, _ := st.signedIn(t, "ed", store.RoleEditor, editorPassword)
		c.send("POST", "/api/editor/cases", map[string]any{"id": "limits"})

		huge := []byte(`{"revision": 1, "case": {"pad": "` + strings.Repeat("x", caseBodyLimit) + `"}}`)
		tests := []struct {
			method, path string
			body         any
			header       []string
			status       int
			code         string
		}{
			{"PUT", "/api/editor/cases/limits/draft", huge, nil, 413, "too_large"},
			{"POST", "/api/editor/cases/limits/publish", []byte(`{"revision": 1, "note": "` + strings.Repeat("n", smallBodyLimit) + `"}`), nil, 413, "too_large"},
			{"PUT", "/api/editor/cases/limits/draft", []byte(`revision=1`), []string{"Content-Type", "application/x-www-form-urlencoded"}, 415, "unsupported_media_type"},
			{"PUT", "/api/editor/cases/limits/draft", map[string]any{"revision": 1, "case": map[string]any{}, "extra": 1}, nil, 400, "bad_json"},
			{"POST", "/api/editor/cases/limits/publish", map[string]any{"note": "no revision"}, nil, 400, "bad_request"},
			{"DELETE", "/api/editor/cases", nil, nil, 405, "method_not_allowed"},
			{"GET", "/api/editor/nothing-here", nil, nil, 404, "not_found"},
			{"POST", "/api/editor/cases", map[string]any{"id": "Not An Id"}, nil, 400, "bad_id"},
			{"POST", "/api/editor/cases", map[string]any{"id": "twitter-v-dhs-2017"}, nil, 409, "exists"},
			{"POST", "/api/editor/cases", map[string]any{"id": "limits"}, nil, 409, "exists"},
		}
		for _, tt := range tests {
			r := c.send(tt.method, tt.path, tt.body, tt.header...)
			if code, _ := r.apiError(t); r.StatusCode != tt.status || code != tt.code {
				t.Errorf("%s %s = %d %q; want %d %q", tt.method, tt.path, r.StatusCode, code, tt.status, tt.code)
			}
		}
		if r := c.send("DELETE", "/api/editor/cases", nil); r.Header.Get("Allow") != "GET, POST" {
			t.Errorf("405's Allow = %q; want GET, POST", r.Header.Get("Allow"))
		}
		// A case of the largest size a file may have is saved whole.
		big := shippedCase(t, "limits", "Big")
		big["pad"] = strings.Repeat("y", casefileLimit(t)-200_000)
		if r := c.send("PUT", "/api/editor/cases/limits/draft", map[string]any{"revision": 1, "case": big}); r.StatusCode != 200 {
			t.Errorf("saving a %d MB draft = %d %.200s", casefileLimit(t)>>20, r.StatusCode, r.body)
		}
	})
}

func casefileLimit(t *testing.T) int { return caseBodyLimit - 64<<10 }

// TestUserAdmin checks the admins' endpoints: add an account (with a
// password made for it, answered once), change its role, disable it (its
// sessions end), reset its password, and the refusal to leave no admin.
func TestUserAdmin(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, dbURL string) {
		st := newStudio(t, dbURL)
		c, admin := st.signedIn(t, "ada", store.RoleAdmin, adminPassword)

		r := c.send("POST", "/api/editor/users", map[string]any{"login": "Bea@Example.org", "name": "Bea"})
		var added passwordAnswer
		r.json(t, &added)
		if r.StatusCode != 201 || added.User.Login != "bea@example.org" || added.User.Role != store.RoleEditor || len(added.Password) < 20 {
			t.Fatalf("add = %d %s", r.StatusCode, r.body)
		}
		bea := st.client(t)
		bea.signIn("bea@example.org", added.Password)

		for _, tc := range []struct {
			body   map[string]any
			status int
			code   string
		}{
			{map[string]any{"login": "bea@example.org"}, 409, "exists"},
			{map[string]any{"login": "cy", "password": "short"}, 400, "weak_password"},
			{map[string]any{"login": "cy", "role": "owner"}, 400, "bad_role"},
			{map[string]any{"login": "not valid!"}, 400, "bad_login"},
		} {
			r := c.send("POST", "/api/editor/users", tc.body)
			if code, _ := r.apiError(t); r.StatusCode != tc.status || code != tc.code {
				t.Errorf("add %v = %d %q; want %d %q", tc.body, r.StatusCode, code, tc.status, tc.code)
			}
		}

		path := fmt.Sprintf("/api/editor/users/%d", added.User.ID)
		var u userJSON
		r = c.send("PATCH", path, map[string]any{"role": "admin"})
		r.json(t, &u)
		if r.StatusCode != 200 || u.Role != store.RoleAdmin {
			t.Errorf("promote = %d %s", r.StatusCode, r.body)
		}
		r = c.send("PATCH", path, map[string]any{"disabled": true})
		r.json(t, &u)
		if r.StatusCode != 200 || !u.Disabled {
			t.Errorf("disable = %d %s", r.StatusCode, r.body)
		}
		if r := bea.get("/api/editor/session"); r.StatusCode != 401 {
			t.Errorf("a disabled account's session = %d; want 401", r.StatusCode)
		}
		if r := st.client(t).send("POST", "/api/editor/session", map[string]string{"login": "bea@example.org", "password": added.Password}); r.StatusCode != 403 {
			t.Errorf("signing in to a disabled account = %d; want 403", r.StatusCode)
		}
		c.send("PATCH", path, map[string]any{"disabled": false})
		r = c.send("POST", path+"/password", map[string]any{})
		var reset passwordAnswer
		r.json(t, &reset)
		if r.StatusCode != 200 || reset.Password == "" || reset.Password == added.Password {
			t.Errorf("reset = %d %s", r.StatusCode, r.body)
		}
		bea.signIn("bea@example.org", reset.Password)
		if r := c.send("POST", path+"/password", map[string]any{"password": "a chosen passphrase"}); r.StatusCode != 200 || strings.Contains(string(r.body), "passphrase") {
			t.Errorf("set a chosen password = %d %s; want 200 without the password", r.StatusCode, r.body)
		}
		if r := bea.get("/api/editor/session"); r.StatusCode != 401 {
			t.Errorf("after a password reset, the old session = %d; want 401", r.StatusCode)
		}

		// The last enabled admin stays: demoting bea is fine, then ada is the last.
		c.send("PATCH", path, map[string]any{"role": "editor"})
		r = c.send("PATCH", fmt.Sprintf("/api/editor/users/%d", admin.ID), map[string]any{"role": "editor"})
		if code, _ := r.apiError(t); r.StatusCode != 409 || code != "last_admin" {
			t.Errorf("demoting the last admin = %d %q; want 409 last_admin", r.StatusCode, code)
		}
		var list struct{ Users []userJSON }
		c.get("/api/editor/users").json(t, &list)
		if len(list.Users) != 2 {
			t.Errorf("users = %+v", list.Users)
		}
		if r := c.get("/api/editor/users/999999"); r.StatusCode != 405 {
			t.Errorf("GET a user = %d; want 405 (PATCH only)", r.StatusCode)
		}
		if r := c.send("PATCH", "/api/editor/users/999999", map[string]any{"name": "x"}); r.StatusCode != 404 {
			t.Errorf("PATCH an unknown account = %d; want 404", r.StatusCode)
		}
	})
}

// TestSQLLookingInput sends ids, logins and filters that look like SQL
// everywhere they can go: each is refused or not found, and the
// database is as it was (every statement takes them as parameters).
func TestSQLLookingInput(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, dbURL string) {
		st := newStudio(t, dbURL)
		c, _ := st.signedIn(t, "ada", store.RoleAdmin, adminPassword)
		c.publishCase("kept", "A case that stays")
		for _, sql := range []string{"x'); DROP TABLE cases;--", "' OR '1'='1", "kept' --", "1; DELETE FROM users"} {
			esc := strings.NewReplacer(" ", "%20", "'", "%27", ";", "%3B", "#", "%23").Replace(sql)
			if r := c.send("POST", "/api/editor/cases", map[string]any{"id": sql}); r.StatusCode != 400 {
				t.Errorf("create %q = %d; want 400", sql, r.StatusCode)
			}
			for _, p := range []string{"/api/editor/cases/" + esc + "/draft", "/api/editor/cases/" + esc + "/versions", "/api/cases/" + esc} {
				if r := c.get(p); r.StatusCode != 404 {
					t.Errorf("GET %s = %d; want 404", p, r.StatusCode)
				}
			}
			if r := c.send("PUT", "/api/editor/cases/"+esc+"/draft", map[string]any{"revision": 1, "case": map[string]any{}}); r.StatusCode != 404 {
				t.Errorf("save %q = %d; want 404", sql, r.StatusCode)
			}
			if r := c.send("PATCH", "/api/editor/users/"+esc, map[string]any{"role": "admin"}); r.StatusCode != 404 {
				t.Errorf("PATCH user %q = %d; want 404", sql, r.StatusCode)
			}
			if r := st.client(t).send("POST", "/api/editor/session", map[string]string{"login": sql, "password": sql}); r.StatusCode != 401 {
				t.Errorf("sign in as %q = %d; want 401", sql, r.StatusCode)
			}
			var audit struct{ Entries []auditEntryJSON }
			if r := c.get("/api/editor/audit?case=" + esc); r.StatusCode != 200 {
				t.Errorf("audit of %q = %d", sql, r.StatusCode)
			} else if r.json(t, &audit); len(audit.Entries) != 0 {
				t.Errorf("audit of %q lists %d entries", sql, len(audit.Entries))
			}
		}
		cases, err := st.db.Cases(context.Background())
		if err != nil || len(cases) != 1 || cases[0].ID != "kept" {
			t.Errorf("after the SQL-looking input, cases = %v, %v", cases, err)
		}
		if n, err := st.db.CountUsers(context.Background()); n != 1 || err != nil {
			t.Errorf("after the SQL-looking input, %d accounts, %v", n, err)
		}
		if r := c.get("/cases/kept/"); r.StatusCode != 200 {
			t.Errorf("the kept case's page = %d", r.StatusCode)
		}
	})
}

// TestScriptInEveryTextField saves a draft with a script in every text
// field: it is stored byte for byte, the validator names every field,
// publishing is refused; and a version holding such text anyway (as one
// published before a rule existed would) is served escaped: the page has
// no script element of its own making, and shows the text as text.
func TestScriptInEveryTextField(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, dbURL string) {
		st := newStudio(t, dbURL)
		c, ed := st.signedIn(t, "ed", store.RoleEditor, editorPassword)

		const script = `<script>alert("docket")</script>`
		doc := shippedCase(t, "scripted", "Scripted")
		var paths []string
		injectScript(doc, "", script, &paths)
		if len(paths) < 20 {
			t.Fatalf("only %d text fields got a script: %v", len(paths), paths)
		}
		data, _ := json.Marshal(doc)
		if r := c.send("POST", "/api/editor/cases", []byte(`{"id": "scripted", "case": `+string(data)+`}`)); r.StatusCode != 201 {
			t.Fatalf("create = %d %s", r.StatusCode, r.body)
		}
		d, err := st.db.Draft(context.Background(), "scripted")
		if err != nil || string(d.JSON) != string(data) {
			t.Fatalf("the stored draft differs from what was sent (%v)", err)
		}
		var check struct {
			Valid    bool
			Problems []problemJSON
		}
		c.send("POST", "/api/editor/cases/scripted/validate", nil).json(t, &check)
		for _, p := range paths {
			found := false
			for _, pr := range check.Problems {
				found = found || (pr.Path == p && strings.Contains(pr.Message, "contains HTML"))
			}
			if !found {
				t.Errorf("the validator says nothing of the script in %s", p)
			}
		}
		if r := c.send("POST", "/api/editor/cases/scripted/publish", map[string]any{"revision": 1}); r.StatusCode != 422 {
			t.Errorf("publishing it = %d; want 422", r.StatusCode)
		}

		// Published without the validator, as by an older Docket.
		if _, err := st.db.Publish(context.Background(), store.PublishRequest{CaseID: "scripted", Revision: 1, By: ed.ID}); err != nil {
			t.Fatal(err)
		}
		if err := st.s.cases.Refresh(context.Background()); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{"/cases/scripted/", "/embed/scripted/"} {
			r := c.get(p)
			if r.StatusCode != 200 {
				t.Fatalf("GET %s = %d", p, r.StatusCode)
			}
			body := string(r.body)
			if strings.Contains(body, script) {
				t.Errorf("%s carries the script unescaped", p)
			}
			for _, tag := range regexp.MustCompile(`<script[^>]*>`).FindAllString(body, -1) {
				if !strings.Contains(tag, ` src="`) && !strings.Contains(tag, ` type="application/json"`) {
					t.Errorf("%s has a script element that is neither a file nor JSON data: %s", p, tag)
				}
			}
			if !strings.Contains(body, `&lt;script&gt;alert(&#34;docket&#34;)&lt;/script&gt;`) {
				t.Errorf("%s does not show the script as text", p)
			}
		}
		if !strings.Contains(st.log.String(), "breaks a rule") {
			t.Error("serving a version that breaks the rules logged nothing")
		}
	})
}

// textFields are the keys of a case's text, and textLists those of its
// lists of text; ids, dates, URLs and references are left alone.
var (
	textFields = map[string]bool{"title": true, "summary": true, "court": true, "docket": true, "outcome": true, "name": true,
		"role": true, "label": true, "term": true, "definition": true, "explanation": true, "intro": true, "prompt": true,
		"publisher": true, "text": true}
	textLists = map[string]bool{"credits": true, "body": true, "choices": true}
)

// injectScript appends script to every text field of a case, and lists
// their JSON paths as the validator writes them.
func injectScript(v any, path, script string, paths *[]string) {
	join := func(k string) string {
		if path == "" {
			return k
		}
		return path + "." + k
	}
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			switch s := val.(type) {
			case string:
				if textFields[k] && !strings.HasPrefix(path, "corrections[") {
					x[k] = s + " " + script
					*paths = append(*paths, join(k))
				}
			case []any:
				if textLists[k] {
					for i, item := range s {
						if str, ok := item.(string); ok {
							s[i] = str + " " + script
							*paths = append(*paths, fmt.Sprintf("%s[%d]", join(k), i))
						}
					}
					continue
				}
				for i, item := range s {
					injectScript(item, fmt.Sprintf("%s[%d]", join(k), i), script, paths)
				}
			default:
				injectScript(val, join(k), script, paths)
			}
		}
	}
}

// TestCaseInFileAndDatabase checks that a case id both in a case file and
// in the database stops the start, naming both.
func TestCaseInFileAndDatabase(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, dbURL string) {
		db, err := store.Open(context.Background(), dbURL)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.CreateCase(context.Background(), "twitter-v-dhs-2017", []byte(`{}`), store.CommandLine); err != nil {
			t.Fatal(err)
		}
		_, err = New(Config{DB: db, Log: discardLog()}, testWeb(t))
		if err == nil {
			t.Fatal("New started with a case in a file and in the database")
		}
		for _, want := range []string{`"twitter-v-dhs-2017"`, "twitter-v-dhs-2017.json", db.String()} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("the error %q does not name %s", err, want)
			}
		}
	})
}

// TestSetupLink checks the first run: with no account, the server makes a
// one-time link (printed on its console when it serves) to a form that
// creates the first admin, checks its CSRF token and the password rules,
// signs the admin in, and then works no more.
func TestSetupLink(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, dbURL string) {
		st := newStudio(t, dbURL)
		link := st.s.SetupURL()
		if !strings.HasPrefix(link, routes.StudioSetup+"?token=") {
			t.Fatalf("SetupURL() = %q", link)
		}
		waitFor(t, "the setup link on the console", func() bool { return strings.Contains(st.console.String(), st.url+link) })
		if strings.Contains(st.log.String(), strings.TrimPrefix(link, routes.StudioSetup+"?token=")) {
			t.Error("the setup token is in the log")
		}
		c := st.client(t)
		if r := c.get(routes.StudioSetup + "?token=wrong"); r.StatusCode != 404 {
			t.Errorf("a wrong setup token = %d; want 404", r.StatusCode)
		}
		page := c.get(link)
		if page.StatusCode != 200 {
			t.Fatalf("GET the setup link = %d", page.StatusCode)
		}
		token := formValue(t, string(page.body), "token")
		csrf := formValue(t, string(page.body), "csrf")
		if !strings.Contains(string(page.body), "At least 12 characters") {
			t.Error("the setup form does not show the password rules")
		}
		post := func(fields map[string]string) *http.Response {
			form := make(map[string][]string)
			for k, v := range fields {
				form[k] = []string{v}
			}
			res, err := c.http.PostForm(st.url+routes.StudioSetup, form)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			return res
		}
		good := map[string]string{"token": token, "csrf": csrf, "login": "first@example.org", "name": "First", "password": adminPassword, "password2": adminPassword}
		with := func(k, v string) map[string]string {
			m := map[string]string{}
			for a, b := range good {
				m[a] = b
			}
			m[k] = v
			return m
		}
		for _, tc := range []struct {
			fields map[string]string
			status int
		}{
			{with("csrf", "wrong"), 403},
			{with("token", "wrong"), 404},
			{with("password2", "another passphrase"), 400},
			{with("password", "short"), 400},
		} {
			if res := post(tc.fields); res.StatusCode != tc.status {
				t.Errorf("setup form %v = %d; want %d", tc.fields, res.StatusCode, tc.status)
			}
		}
		res := post(good)
		if res.StatusCode != 303 || res.Header.Get("Location") != routes.StudioHome {
			t.Fatalf("setup = %d to %q; want 303 to the Studio", res.StatusCode, res.Header.Get("Location"))
		}
		home := c.get(routes.StudioHome)
		if home.StatusCode != 200 || !strings.Contains(string(home.body), "Signed in as First") {
			t.Errorf("the Studio after setup = %d", home.StatusCode)
		}
		u, err := st.db.UserByLogin(context.Background(), "first@example.org")
		if err != nil || u.Role != store.RoleAdmin {
			t.Errorf("the first account: %v, %v", u, err)
		}
		if r := c.get(link); r.StatusCode != 404 {
			t.Errorf("the setup link used again = %d; want 404", r.StatusCode)
		}
		if st.s.SetupURL() != "" {
			t.Error("a used setup link is still offered")
		}

		// A server started with an account prints no link.
		again := newStudio(t, dbURL)
		if again.s.SetupURL() != "" || strings.Contains(again.console.String(), "setup") {
			t.Errorf("a server with an account offers a setup link: %q", again.console.String())
		}
	})
}

// formValue reads a hidden input's value from a page.
func formValue(t *testing.T, page, name string) string {
	t.Helper()
	m := regexp.MustCompile(`name="` + name + `" value="([^"]*)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("the page has no %s field", name)
	}
	return m[1]
}

func discardLog() *slog.Logger { return slog.New(slog.DiscardHandler) }

// waitFor waits up to ten seconds for cond, checking every 20 ms.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("waited 10 s for %s", what)
}

// TestREADMEListsTheEditorAPI checks that the README's table of the editor
// API has one row per endpoint of routes.EditorAPI, with its access.
func TestREADMEListsTheEditorAPI(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := regexp.MustCompile("(?m)^\\| `(GET|POST|PUT|PATCH|DELETE)` \\| `(/api/editor/[^`]*)` \\| ([a-z ]+) \\|").FindAllStringSubmatch(string(b), -1)
	documented := map[string]string{}
	for _, r := range rows {
		documented[r[1]+" "+r[2]] = r[3]
	}
	for _, ep := range routes.EditorAPI {
		who, ok := documented[ep.Pattern()]
		if !ok {
			t.Errorf("the README does not document %s", ep.Pattern())
		} else if who != string(ep.Access) {
			t.Errorf("the README says %s is for %q; it is for %q", ep.Pattern(), who, ep.Access)
		}
		delete(documented, ep.Pattern())
	}
	for p := range documented {
		t.Errorf("the README documents %s, which is not an endpoint", p)
	}
}

// TestEditorUnderBasePath checks the editor's side under -base: the API
// and the Studio's pages under it, the session cookie for it alone, and
// the setup link within it.
func TestEditorUnderBasePath(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, dbURL string) {
		st := newStudio(t, dbURL, func(c *Config) { c.Base = "/explainers/" })
		if link := st.s.SetupURL(); !strings.HasPrefix(link, "/explainers/studio/setup?token=") {
			t.Errorf("SetupURL() = %q; want it under /explainers/", link)
		}
		st.addAccount(t, "ed", store.RoleEditor, editorPassword)
		c := st.client(t)
		r := c.send("POST", "/explainers/api/editor/session", map[string]string{"login": "ed", "password": editorPassword})
		if r.StatusCode != 200 || !strings.Contains(r.Header.Get("Set-Cookie"), "Path=/explainers/;") {
			t.Fatalf("sign in under the base = %d, Set-Cookie %q", r.StatusCode, r.Header.Get("Set-Cookie"))
		}
		var s sessionJSON
		r.json(t, &s)
		c.csrf = s.CSRFToken
		if r := c.send("POST", "/explainers/api/editor/cases", map[string]any{"id": "based", "case": shippedCase(t, "based", "Under a base")}); r.StatusCode != 201 {
			t.Errorf("create under the base = %d %s", r.StatusCode, r.body)
		}
		// Outside the base path nothing takes writes (405), as for the reader's API.
		if r := c.send("POST", "/api/editor/cases", map[string]any{"id": "outside"}); r.StatusCode != 405 {
			t.Errorf("the editor API outside the base = %d; want 405", r.StatusCode)
		}
		if r := c.get("/explainers/studio/"); r.StatusCode != 200 || !strings.Contains(string(r.body), `action="/explainers/studio/logout"`) {
			t.Errorf("the Studio under the base = %d", r.StatusCode)
		}
		if r := st.client(t).get("/explainers/studio/"); r.StatusCode != 303 || r.Header.Get("Location") != "/explainers/studio/login" {
			t.Errorf("the Studio without a session = %d to %q; want 303 to the sign-in page", r.StatusCode, r.Header.Get("Location"))
		}
	})
}
