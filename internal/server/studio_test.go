package server

import (
	"strings"
	"testing"

	"docket/internal/store"
)

// TestStudioProgram: the Studio's pages and files are for signed-in
// editors only, its page loads its own program (never go-app's loader,
// never the reader's wasm), and its files are not among the public ones.
func TestStudioProgram(t *testing.T) {
	st := newStudio(t, databases[0].url(t))
	st.addAccount(t, "ed", store.RoleEditor, editorPassword)
	anon := st.client(t)
	for path, login := range map[string]string{"/studio/": "/studio/login", "/studio/cases/some-case": "/studio/login?next=%2Fstudio%2Fcases%2Fsome-case",
		"/studio/preview/cases/some-case/": "/studio/login"} {
		if r := anon.get(path); r.StatusCode != 303 || r.Header.Get("Location") != login {
			t.Errorf("signed out, %s = %d to %q; want 303 to the sign-in page", path, r.StatusCode, r.Header.Get("Location"))
		}
	}
	if r := anon.get("/studio/files/studio.wasm"); r.StatusCode != 401 {
		t.Errorf("signed out, studio.wasm = %d; want 401", r.StatusCode)
	}
	for _, path := range []string{"/web/studio/studio.wasm", "/web/studio.wasm", "/web/studio/studio.js"} {
		if r := anon.get(path); r.StatusCode != 404 {
			t.Errorf("%s = %d; want 404: the Studio's files are not public", path, r.StatusCode)
		}
	}
	for _, name := range st.s.AssetNames() {
		if strings.Contains(name, "studio.") {
			t.Errorf("the public assets include %s", name)
		}
	}

	ed := st.client(t)
	ed.signIn("ed", editorPassword)
	for _, path := range []string{"/studio/", "/studio/cases/some-case"} {
		r := ed.get(path)
		page := string(r.body)
		if r.StatusCode != 200 {
			t.Fatalf("signed in, %s = %d", path, r.StatusCode)
		}
		for _, want := range []string{`data-wasm="/studio/files/studio.wasm?v=`, `<script src="/studio/files/studio.js?v=`,
			`<script src="/wasm_exec.js"`, `data-api="/api/editor/"`, `action="/studio/logout"`, "Signed in as ED"} {
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %s", path, want)
			}
		}
		for _, unwanted := range []string{"/app.js", "app.wasm", "app-worker.js", "<script>"} {
			if strings.Contains(page, unwanted) {
				t.Errorf("%s has %s: the Studio's page loads its own program only, with no inline script", path, unwanted)
			}
		}
	}
	if r := ed.get("/studio/preview/cases/some-case/"); r.StatusCode != 200 || !strings.Contains(string(r.body), `data-preview="/studio/preview/"`) ||
		strings.Contains(string(r.body), "Sign out") {
		t.Errorf("the preview's page = %d; want the program, told it is a preview, without the Studio's bar", r.StatusCode)
	}
	if r := ed.get("/studio/cases/Not_An_Id"); r.StatusCode != 404 {
		t.Errorf("/studio/cases/Not_An_Id = %d; want 404", r.StatusCode)
	}
	r := ed.get("/studio/files/studio.wasm")
	if r.StatusCode != 200 || r.Header.Get("Content-Type") != "application/wasm" || !strings.HasPrefix(string(r.body), "\x00asm stand-in studio") {
		t.Errorf("signed in, studio.wasm = %d %q %.20q", r.StatusCode, r.Header.Get("Content-Type"), r.body)
	}
	if cc := r.Header.Get("Cache-Control"); !strings.HasPrefix(cc, "private") {
		t.Errorf("studio.wasm's Cache-Control = %q; want private", cc)
	}
	if r := ed.get("/studio/files/nothing.js"); r.StatusCode != 404 {
		t.Errorf("an unknown Studio file = %d; want 404", r.StatusCode)
	}
}

// TestStudioProgramUnderBase: under a base path, the Studio's page points
// its program at the API, files and pages under that path.
func TestStudioProgramUnderBase(t *testing.T) {
	st := newStudio(t, databases[0].url(t), func(c *Config) { c.Base = "/explainers/" })
	st.addAccount(t, "ed", store.RoleEditor, editorPassword)
	ed := st.client(t)
	if r := ed.send("POST", "/explainers/api/editor/session", map[string]string{"login": "ed", "password": editorPassword}); r.StatusCode != 200 {
		t.Fatalf("sign in under the base = %d", r.StatusCode)
	}
	r := ed.get("/explainers/studio/cases/some-case")
	page := string(r.body)
	if r.StatusCode != 200 {
		t.Fatalf("/explainers/studio/cases/some-case = %d", r.StatusCode)
	}
	for _, want := range []string{`data-base="/explainers/"`, `data-api="/explainers/api/editor/"`,
		`data-wasm="/explainers/studio/files/studio.wasm?v=`, `<script src="/explainers/wasm_exec.js"`, `action="/explainers/studio/logout"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the Studio's page under the base lacks %s", want)
		}
	}
	if r := ed.get("/explainers/studio/files/studio.js"); r.StatusCode != 200 {
		t.Errorf("studio.js under the base = %d", r.StatusCode)
	}
}
