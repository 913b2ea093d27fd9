package server

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"docket/internal/routes"
	"docket/internal/store"
)

// TestSecretsNeverLogged goes through a whole first run, signing in
// (right, wrong, and with the password typed into the login field), adding
// accounts and resetting a password, capturing everything the server logs
// and prints, and checks that no password, session token, CSRF token or
// setup token is in any log line.
func TestSecretsNeverLogged(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, dbURL string) {
		st := newStudio(t, dbURL)
		link := st.s.SetupURL()
		setupToken := strings.TrimPrefix(link, routes.StudioSetup+"?token=")
		secrets := map[string]string{"setup token": setupToken, "admin password": adminPassword}

		c := st.client(t)
		page := c.get(link)
		form := url.Values{"token": {formValue(t, string(page.body), "token")}, "csrf": {formValue(t, string(page.body), "csrf")},
			"login": {"root@example.org"}, "name": {"Root"}, "password": {adminPassword}, "password2": {adminPassword}}
		secrets["setup form's CSRF token"] = form.Get("csrf")
		res, err := c.http.PostForm(st.url+routes.StudioSetup, form)
		if err != nil || res.StatusCode != 303 {
			t.Fatalf("setup: %v %v", res, err)
		}
		res.Body.Close()
		secrets["the setup's session cookie"] = c.cookie()

		api := st.client(t)
		s := api.signIn("root@example.org", adminPassword)
		secrets["session cookie"], secrets["CSRF token"] = api.cookie(), s.CSRFToken
		// A password typed into the login field, and a wrong one.
		st.client(t).send("POST", "/api/editor/session", map[string]string{"login": "typed " + adminPassword, "password": "x"})
		st.client(t).send("POST", "/api/editor/session", map[string]string{"login": "root@example.org", "password": "a wrong guess of a password"})
		secrets["wrong password"] = "a wrong guess of a password"

		chosen := "a chosen passphrase for the editor"
		secrets["chosen password"] = chosen
		api.send("POST", "/api/editor/users", map[string]any{"login": "bea", "role": "editor", "password": chosen})
		var made passwordAnswer
		api.send("POST", "/api/editor/users", map[string]any{"login": "cy"}).json(t, &made)
		secrets["made password"] = made.Password
		var reset passwordAnswer
		api.send("POST", fmt.Sprintf("/api/editor/users/%d/password", made.User.ID), map[string]any{}).json(t, &reset)
		secrets["reset password"] = reset.Password
		cy := st.client(t)
		cs := cy.signIn("cy", reset.Password)
		secrets["cy's cookie"], secrets["cy's CSRF token"] = cy.cookie(), cs.CSRFToken
		cy.send("DELETE", "/api/editor/session", nil)
		f := st.client(t)
		res, err = f.http.PostForm(st.url+routes.StudioLogin, url.Values{"login": {"bea"}, "password": {chosen}})
		if err != nil || res.StatusCode != 303 {
			t.Fatalf("form sign-in: %v %v", res, err)
		}
		res.Body.Close()
		secrets["form session cookie"] = f.cookie()

		logs := st.log.String()
		if !strings.Contains(logs, "signed in") || !strings.Contains(logs, "account added") || !strings.Contains(logs, "sign-in refused") {
			t.Fatalf("the log does not tell the story; the capture is not working:\n%s", logs)
		}
		for name, secret := range secrets {
			if len(secret) < 12 {
				t.Fatalf("the %s %q is too short to search for", name, secret)
			}
			if strings.Contains(logs, secret) {
				t.Errorf("the log holds the %s", name)
			}
		}
		// The console shows the setup link, as meant, and nothing else secret.
		console := st.console.String()
		for name, secret := range secrets {
			if name != "setup token" && strings.Contains(console, secret) {
				t.Errorf("the console holds the %s", name)
			}
		}
	})
}

// TestTwoServers runs two servers on one database, as behind a load
// balancer: a session made on one works on the other, signing out on one
// ends it on both, and what one publishes the other serves once its watcher
// notices (the time it took is logged; `make bench` measures it).
func TestTwoServers(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, dbURL string) {
		a := newStudio(t, dbURL, func(c *Config) { c.CheckEvery = time.Second })
		b := newStudio(t, dbURL, func(c *Config) { c.CheckEvery = time.Second })
		a.addAccount(t, "ed", store.RoleEditor, editorPassword)

		onA := a.client(t)
		onA.signIn("ed", editorPassword)
		onB := newClient(t, b.url)
		onB.csrf = onA.csrf
		onB.http.Jar = onA.http.Jar // the same browser: a load balancer sends it to either
		if r := onB.get("/api/editor/session"); r.StatusCode != 200 {
			t.Fatalf("A's session on B = %d", r.StatusCode)
		}

		for round := range 3 {
			title := fmt.Sprintf("Published on A, round %d", round)
			var v versionJSON
			if round == 0 {
				v = onA.publishCase("shared", title)
			} else {
				onA.send("PUT", "/api/editor/cases/shared/draft", map[string]any{"revision": round, "case": shippedCase(t, "shared", title)})
				onA.send("POST", "/api/editor/cases/shared/publish", map[string]any{"revision": round + 1}).json(t, &v)
			}
			published := time.Now()
			waitFor(t, "B to serve A's publish", func() bool {
				r := onB.get("/cases/shared/")
				return r.StatusCode == 200 && strings.Contains(string(r.body), title)
			})
			t.Logf("version %d, published on A, served by B after %v", v.Number, time.Since(published).Round(time.Millisecond))
		}
		// B's own publish is at once on B, and reaches A.
		onB.send("PUT", "/api/editor/cases/shared/draft", map[string]any{"revision": 3, "case": shippedCase(t, "shared", "From B")})
		if r := onB.send("POST", "/api/editor/cases/shared/publish", map[string]any{"revision": 4}); r.StatusCode != 201 {
			t.Fatalf("publish on B = %d", r.StatusCode)
		}
		if !strings.Contains(string(onB.get("/cases/shared/").body), "From B") {
			t.Error("B does not serve its own publish at once")
		}
		waitFor(t, "A to serve B's publish", func() bool { return strings.Contains(string(onA.get("/cases/shared/").body), "From B") })
		onB.send("POST", "/api/editor/cases/shared/unpublish", nil)
		waitFor(t, "A to answer 410 for B's unpublish", func() bool { return onA.get("/cases/shared/").StatusCode == 410 })

		cookie := onA.cookie()
		onB.send("DELETE", "/api/editor/session", nil)
		if r := newClient(t, a.url).send("GET", "/api/editor/session", nil, "Cookie", sessionCookie+"="+cookie); r.StatusCode != 401 {
			t.Errorf("after signing out on B, the session on A = %d; want 401", r.StatusCode)
		}
	})
}

// TestReadersSeeWholeVersions reads a case's page and data while it is
// published again and again: every answer holds exactly one published
// version, never a mix (the page's embedded data and its title agree, and
// each is one of the versions published).
func TestReadersSeeWholeVersions(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, dbURL string) {
		st := newStudio(t, dbURL)
		c, _ := st.signedIn(t, "ed", store.RoleEditor, editorPassword)
		c.publishCase("busy", "Busy, version 1")

		const versions = 12
		ctx, stop := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		var mu sync.Mutex
		seen, mixed := map[string]int{}, 0
		marker := regexp.MustCompile(`Busy, version (\d+)`)
		for range 6 {
			wg.Go(func() {
				r := newClient(t, st.url)
				for ctx.Err() == nil {
					for _, p := range []string{"/cases/busy/", "/api/cases/busy"} {
						res := r.get(p)
						if res.StatusCode != 200 {
							t.Errorf("GET %s = %d during publishes", p, res.StatusCode)
							return
						}
						all := marker.FindAllStringSubmatch(string(res.body), -1)
						versionsIn := map[string]bool{}
						for _, m := range all {
							versionsIn[m[1]] = true
						}
						mu.Lock()
						if len(versionsIn) != 1 {
							mixed++
						}
						for v := range versionsIn {
							seen[v]++
						}
						mu.Unlock()
					}
				}
			})
		}
		for n := 2; n <= versions; n++ {
			c.send("PUT", "/api/editor/cases/busy/draft", map[string]any{"revision": n - 1, "case": shippedCase(t, "busy", fmt.Sprintf("Busy, version %d", n))})
			if r := c.send("POST", "/api/editor/cases/busy/publish", map[string]any{"revision": n}); r.StatusCode != 201 {
				t.Fatalf("publish %d = %d", n, r.StatusCode)
			}
			time.Sleep(20 * time.Millisecond)
		}
		stop()
		wg.Wait()
		if mixed > 0 {
			t.Errorf("%d answers held more than one version, or none", mixed)
		}
		if len(seen) < 3 {
			t.Errorf("readers saw versions %v: too few to tell", seen)
		}
		t.Logf("answers by version: %v", seen)
	})
}
