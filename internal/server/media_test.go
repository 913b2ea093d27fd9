package server

import (
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"docket/internal/htmlcheck"
	"docket/internal/store"
)

// mediaFixture is the timeline-only case of the browser tests, with its
// images, copied into a folder of its own.
const mediaFixture = "../e2e/testdata/timeline-only"

// copyFixture copies the fixture folder to dir.
func copyFixture(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(mediaFixture, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(mediaFixture, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// editCase rewrites a case file of dir through edit, under a new name.
func editCase(t *testing.T, dir, from, to string, edit func(c map[string]any)) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, from))
	if err != nil {
		t.Fatal(err)
	}
	var c map[string]any
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	edit(c)
	out, _ := json.MarshalIndent(c, "", "  ")
	writeFile(t, filepath.Join(dir, to), out)
}

func TestMediaServed(t *testing.T) {
	dir := t.TempDir()
	copyFixture(t, dir)
	// Files in the folder that no case references are never served.
	writeFile(t, filepath.Join(dir, "secret.txt"), []byte("not for readers"))
	writeFile(t, filepath.Join(dir, "media", "unreferenced.png"), []byte("\x89PNG not referenced"))
	writeFile(t, filepath.Join(dir, "media", "seal.svg"), []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script><circle cx="5" cy="5" r="4"/></svg>`))
	// A second case: an https image for the pages' img-src, and an SVG.
	editCase(t, dir, "timeline-only.json", "second.json", func(c map[string]any) {
		c["id"] = "media-second"
		c["media"] = map[string]any{"image": map[string]any{"src": "https://images.example.org/lead.png", "alt": "A lead picture"}}
		evs := c["events"].([]any)
		evs[3].(map[string]any)["media"] = map[string]any{"image": map[string]any{"src": "media/seal.svg", "alt": "A seal"}}
		// The author's size wins over the file's.
		im := evs[0].(map[string]any)["media"].(map[string]any)["image"].(map[string]any)
		im["width"], im["height"] = 600, 900
	})
	s, err := New(Config{CasesDir: dir, Log: slog.New(slog.DiscardHandler)}, testWeb(t))
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	png, _ := os.ReadFile(filepath.Join(dir, "media", "courthouse.png"))
	v := "?v=" + s.Version()
	tests := []struct {
		name, target string
		status       int
		ctype, cache string
	}{
		{"versioned png", "/media/timeline-only/media/courthouse.png" + v, 200, "image/png", "public, max-age=31536000, immutable"},
		{"png without the version", "/media/timeline-only/media/courthouse.png", 200, "image/png", "no-cache"},
		{"jpeg", "/media/timeline-only/media/summons.jpg" + v, 200, "image/jpeg", "public, max-age=31536000, immutable"},
		{"svg", "/media/media-second/media/seal.svg" + v, 200, "image/svg+xml", "public, max-age=31536000, immutable"},
		{"the case file itself", "/media/timeline-only/timeline-only.json", 404, "", "no-store"},
		{"a file no case references", "/media/timeline-only/secret.txt", 404, "", "no-store"},
		{"an image no case references", "/media/timeline-only/media/unreferenced.png", 404, "", "no-store"},
		{"another case's image", "/media/media-second/media/courthouse.png", 404, "", "no-store"},
		{"an unknown case", "/media/nope/media/courthouse.png", 404, "", "no-store"},
	}
	for _, tt := range tests {
		w := do(t, h, "GET", tt.target)
		if w.Code != tt.status {
			t.Errorf("%s: GET %s = %d, want %d", tt.name, tt.target, w.Code, tt.status)
			continue
		}
		hd := w.Header()
		if got := hd.Get("Cache-Control"); got != tt.cache {
			t.Errorf("%s: Cache-Control %q, want %q", tt.name, got, tt.cache)
		}
		if hd.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", tt.name)
		}
		if tt.status != 200 {
			continue
		}
		if got := hd.Get("Content-Type"); !strings.HasPrefix(got, tt.ctype) {
			t.Errorf("%s: Content-Type %q, want %q", tt.name, got, tt.ctype)
		}
		if got := hd.Get("Content-Security-Policy"); got != mediaCSP {
			t.Errorf("%s: CSP %q, want %q", tt.name, got, mediaCSP)
		}
		if hd.Get("ETag") == "" {
			t.Errorf("%s: no ETag", tt.name)
		}
	}
	w := do(t, h, "GET", "/media/timeline-only/media/courthouse.png"+v)
	if w.Body.String() != string(png) {
		t.Errorf("the png served is not the file")
	}
	if w2 := do(t, h, "GET", "/media/timeline-only/media/courthouse.png"+v, "If-None-Match", w.Header().Get("ETag")); w2.Code != 304 {
		t.Errorf("If-None-Match: %d, want 304", w2.Code)
	}
	if w := do(t, h, "GET", "/media/timeline-only/../timeline-only.json"); w.Code == 200 {
		t.Errorf("a path out of the media folder answered 200")
	}

	// Pages: img-src names the https image's host; the images are lazy,
	// sized when their size is known, and linked with the version.
	page := do(t, h, "GET", "/cases/timeline-only/")
	csp := page.Header().Get("Content-Security-Policy")
	if !strings.Contains(csp, "img-src 'self' data: https://images.example.org;") {
		t.Errorf("page CSP %q does not allow the cases' image host", csp)
	}
	if strings.Contains(csp, "youtube") {
		t.Errorf("page CSP %q names a link's host", csp)
	}
	doc := htmlcheck.Parse(t, page.Body.String())
	src, _ := doc.Attr(t, ".case-header img", "src")
	if want := "/media/timeline-only/media/courthouse.png" + v; src != want {
		t.Errorf("lead image src %q, want %q", src, want)
	}
	for _, a := range []struct{ name, want string }{{"loading", "lazy"}, {"decoding", "async"}, {"width", "480"}, {"height", "270"}, {"alt", "A drawing of a courthouse with six columns"}} {
		if got, _ := doc.Attr(t, ".case-header img", a.name); got != a.want {
			t.Errorf("lead image %s = %q, want %q", a.name, got, a.want)
		}
	}
	// The case gives the summons (a 300×400 JPEG of its folder) no size:
	// the server reads it from the file, so the portrait keeps its shape
	// rather than sitting in a 3:2 box, on the page and in the JSON the
	// wasm reads alike.
	for _, a := range []struct{ name, want string }{{"width", "300"}, {"height", "400"}} {
		if got, _ := doc.Attr(t, "#summons figure .media-frame.is-sized img", a.name); got != a.want {
			t.Errorf("the summons image (no size in the case) has %s %q on the page, want the file's %s", a.name, got, a.want)
		}
	}
	var api struct {
		Media  struct{ Image struct{ Width, Height int } }
		Events []struct {
			ID    string
			Media *struct{ Image *struct{ Width, Height int } }
		}
	}
	if err := json.Unmarshal(do(t, h, "GET", "/api/cases/timeline-only").Body.Bytes(), &api); err != nil {
		t.Fatal(err)
	}
	if im := api.Media.Image; im.Width != 480 || im.Height != 270 {
		t.Errorf("API: lead image %d×%d, want the case's 480×270", im.Width, im.Height)
	}
	for _, e := range api.Events {
		if e.ID == "summons" {
			if im := e.Media.Image; im.Width != 300 || im.Height != 400 {
				t.Errorf("API: the summons image is %d×%d, want the file's 300×400", im.Width, im.Height)
			}
		}
	}
	// An SVG's size is not read: it stays in its box.
	second := htmlcheck.Parse(t, do(t, h, "GET", "/cases/media-second/").Body.String())
	if n := second.Count(t, "#withdrawn figure .media-frame:not(.is-sized) img:not([width])"); n != 1 {
		t.Errorf("the SVG is not in an aspect-ratio box, unsized: %d", n)
	}
	if w, _ := second.Attr(t, "#summons figure img", "width"); w != "600" {
		t.Errorf("the summons image of a case that gives it 600×900 has width %q", w)
	}
	if n := doc.Count(t, "iframe"); n != 0 {
		t.Errorf("the page has %d iframes", n)
	}
	if href, _ := doc.Attr(t, "#hearing a.media-link", "href"); !strings.HasPrefix(href, "https://www.youtube.com/") {
		t.Errorf("link card href %q", href)
	}
	// The service worker keeps the images for offline use.
	worker := do(t, h, "GET", "/app-worker.js").Body.String()
	for _, p := range []string{"/media/timeline-only/media/courthouse.png" + v, "/media/timeline-only/media/summons.jpg" + v} {
		if !strings.Contains(worker, p) {
			t.Errorf("the service worker does not keep %s", p)
		}
	}
}

func TestTimelineOnlyCase(t *testing.T) {
	dir := t.TempDir()
	copyFixture(t, dir)
	s, err := New(Config{CasesDir: dir, Log: slog.New(slog.DiscardHandler)}, testWeb(t))
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	for _, target := range []string{"/cases/timeline-only/", "/embed/timeline-only/", "/embed/timeline-only/?view=quiz", "/embed/timeline-only/?view=both"} {
		w := do(t, h, "GET", target)
		if w.Code != 200 {
			t.Fatalf("GET %s = %d", target, w.Code)
		}
		doc := htmlcheck.Parse(t, w.Body.String())
		if n := doc.Count(t, "#quiz, .quiz, a[href='#quiz']"); n != 0 {
			t.Errorf("%s: %d quiz elements in a case without a quiz", target, n)
		}
		if n := doc.Count(t, "#timeline"); n != 1 {
			t.Errorf("%s: no timeline", target)
		}
		if n := doc.Count(t, "a[href='#glossary']"); n != 0 {
			t.Errorf("%s: a link to a glossary the case does not have", target)
		}
	}
	// Dates in the case's zone, spans from ... to ..., eras listed.
	doc := htmlcheck.Parse(t, do(t, h, "GET", "/cases/timeline-only/").Body.String())
	for _, c := range []struct{ sel, want string }{
		{"#suit-filed .event-date", "April 6, 2017, 9:15 a.m. Los Angeles time"},
		{"#hearing .event-date", "April 6, 2017, from 4:30 to 6 p.m. Los Angeles time"},
		{"#summons .event-date", "From March 14 to March 20, 2017"},
	} {
		if got := doc.Text(t, c.sel); got != c.want {
			t.Errorf("%s = %q, want %q", c.sel, got, c.want)
		}
	}
	if n := doc.Count(t, ".tl-era-list li"); n != 3 {
		t.Errorf("%d eras listed, want 3", n)
	}
	for _, target := range []string{"/oembed?format=json&url=" + "http%3A%2F%2Fexample.com%2Fcases%2Ftimeline-only%2F", "/api/cases/timeline-only", "/embed-code/timeline-only"} {
		if w := do(t, h, "GET", target); w.Code != 200 {
			t.Errorf("GET %s = %d", target, w.Code)
		}
	}
}

func TestMissingMediaStopsTheStart(t *testing.T) {
	dir := t.TempDir()
	copyFixture(t, dir)
	os.Remove(filepath.Join(dir, "media", "summons.jpg"))
	_, err := New(Config{CasesDir: dir, Log: slog.New(slog.DiscardHandler)}, testWeb(t))
	if err == nil || !strings.Contains(err.Error(), `"timeline-only"`) || !strings.Contains(err.Error(), "media/summons.jpg") {
		t.Errorf("err = %v, want one naming the case and the missing image", err)
	}
	copyFixture(t, dir)
	editCase(t, dir, "timeline-only.json", "timeline-only.json", func(c map[string]any) {
		c["media"] = map[string]any{"image": map[string]any{"src": "../outside.png", "alt": "Outside"}}
	})
	if _, err := New(Config{CasesDir: dir, Log: slog.New(slog.DiscardHandler)}, testWeb(t)); err == nil || !strings.Contains(err.Error(), "../outside.png") {
		t.Errorf("err = %v, want one refusing an image outside the case's folder", err)
	}
	editCase(t, dir, "timeline-only.json", "timeline-only.json", func(c map[string]any) {
		c["media"] = map[string]any{"image": map[string]any{"src": "timeline-only.json", "alt": "Not an image"}}
	})
	if _, err := New(Config{CasesDir: dir, Log: slog.New(slog.DiscardHandler)}, testWeb(t)); err == nil || !strings.Contains(err.Error(), "not an image") {
		t.Errorf("err = %v, want one saying the file is not an image", err)
	}
}

// TestPublishedImagesInTheCSP publishes a case with an https image and
// checks that pages allow its host at once (the snapshot's policy), and
// that a case naming a folder image cannot be published.
func TestPublishedImagesInTheCSP(t *testing.T) {
	st := newStudio(t, databases[0].url(t))
	c, _ := st.signedIn(t, "ed", store.RoleEditor, "a long enough password")
	if csp := c.get("/").Header.Get("Content-Security-Policy"); strings.Contains(csp, "pictures.example.net") {
		t.Fatalf("CSP %q names a host before any case uses it", csp)
	}
	kase := shippedCase(t, "with-picture", "With a picture")
	kase["media"] = map[string]any{"image": map[string]any{"src": "https://pictures.example.net/a.jpg", "alt": "A picture"}}
	publish := func(id string, kase map[string]any) response {
		r := c.send("POST", "/api/editor/cases", map[string]any{"id": id, "case": kase})
		if r.StatusCode != 201 {
			t.Fatalf("create %s: %d %s", id, r.StatusCode, r.body)
		}
		var d draftJSON
		r.json(t, &d)
		return c.send("POST", "/api/editor/cases/"+id+"/publish", map[string]any{"revision": d.Revision, "note": "first"})
	}
	if r := publish("with-picture", kase); r.StatusCode != 201 {
		t.Fatalf("publish: %d %s", r.StatusCode, r.body)
	}
	if csp := c.get("/").Header.Get("Content-Security-Policy"); !strings.Contains(csp, "img-src 'self' data: https://pictures.example.net;") {
		t.Errorf("after the publish, CSP %q does not allow the image's host", csp)
	}
	local := shippedCase(t, "with-file", "With a file")
	local["media"] = map[string]any{"image": map[string]any{"src": "media/a.jpg", "alt": "A file"}}
	r := publish("with-file", local)
	if r.StatusCode != 422 || !strings.Contains(string(r.body), "media.image.src") || !strings.Contains(string(r.body), "https URL") {
		t.Errorf("publishing a folder image: %d %s, want 422 naming media.image.src", r.StatusCode, r.body)
	}
}

func TestEmbedCodeOfATimelineOnlyCase(t *testing.T) {
	dir := t.TempDir()
	copyFixture(t, dir)
	s, err := New(Config{CasesDir: dir, Log: slog.New(slog.DiscardHandler)}, testWeb(t))
	if err != nil {
		t.Fatal(err)
	}
	w := do(t, s.Handler(), "GET", "/embed-code/timeline-only?view=quiz")
	doc := htmlcheck.Parse(t, w.Body.String())
	if n := doc.Count(t, `input[name="view"]`); n != 1 {
		t.Errorf("%d view choices, want the timeline alone", n)
	}
	if v, _ := doc.Attr(t, `input[name="view"]`, "value"); v != "timeline" {
		t.Errorf("view choice %q, want timeline", v)
	}
	if !strings.Contains(w.Body.String(), "view=timeline") || strings.Contains(w.Body.String(), "view=quiz") {
		t.Errorf("the snippet does not embed the timeline")
	}
}
