package server

import (
	"encoding/json"
	"log/slog"
	"net/url"
	"strings"
	"testing"

	"docket/internal/htmlcheck"
)

// TestFramingPolicy checks who may frame what: embeds any site by default
// or the -frame-ancestors list, full pages only this site.
func TestFramingPolicy(t *testing.T) {
	s := newTestServer(t)
	embed := do(t, s.Handler(), "GET", "/embed/twitter-v-dhs-2017?view=quiz")
	if embed.Code != 200 {
		t.Fatalf("GET /embed/... = %d", embed.Code)
	}
	if csp := embed.Header().Get("Content-Security-Policy"); !strings.HasSuffix(csp, "frame-ancestors *") {
		t.Errorf("embed CSP %q; want frame-ancestors *", csp)
	}
	if xfo := embed.Header().Get("X-Frame-Options"); xfo != "" {
		t.Errorf("embed sends X-Frame-Options %q", xfo)
	}
	full := do(t, s.Handler(), "GET", "/")
	if xfo := full.Header().Get("X-Frame-Options"); xfo != "SAMEORIGIN" {
		t.Errorf("full page X-Frame-Options = %q", xfo)
	}

	limited, err := New(Config{FrameAncestors: "https://news.example.org  https://*.example.com", Log: slog.New(slog.DiscardHandler)}, testWeb(t))
	if err != nil {
		t.Fatal(err)
	}
	csp := do(t, limited.Handler(), "GET", "/embed/twitter-v-dhs-2017").Header().Get("Content-Security-Policy")
	if !strings.HasSuffix(csp, "frame-ancestors https://news.example.org https://*.example.com") {
		t.Errorf("with -frame-ancestors: CSP %q", csp)
	}
	if _, err := New(Config{FrameAncestors: "news.example.org; script-src *"}, testWeb(t)); err == nil {
		t.Error("a -frame-ancestors list that injects a directive was accepted")
	}
}

// TestSocialAndDiscovery checks the raw HTML head of every kind of page:
// the oEmbed discovery link (for CMSes that run no script), Open Graph and
// Twitter card tags with absolute URLs, and no host-less tags from go-app.
func TestSocialAndDiscovery(t *testing.T) {
	s := newTestServer(t)
	for _, target := range []string{"/", "/cases/twitter-v-dhs-2017", "/?event=twitter-sues", "/embed/twitter-v-dhs-2017"} {
		w := do(t, s.Handler(), "GET", target)
		doc := htmlcheck.Parse(t, w.Body.String())
		href, ok := doc.Attr(t, `head link[rel="alternate"][type="application/json+oembed"]`, "href")
		if !ok {
			t.Errorf("%s: no oEmbed discovery link in the head", target)
			continue
		}
		u, err := url.Parse(href)
		if err != nil || u.Host != "example.com" || u.Path != "/oembed" || u.Query().Get("format") != "json" {
			t.Errorf("%s: discovery href %q", target, href)
		}
		pageURL := u.Query().Get("url")
		if !strings.HasPrefix(pageURL, "http://example.com/") {
			t.Errorf("%s: discovery names %q", target, pageURL)
		}
		if strings.Contains(target, "event=") && !strings.Contains(pageURL, "event=twitter-sues") {
			t.Errorf("%s: discovery url %q drops the event", target, pageURL)
		}
		for _, sel := range []string{`meta[property="og:url"]`, `meta[property="og:image"]`, `meta[name="twitter:image"]`} {
			nodes := doc.All(t, sel)
			if len(nodes) != 1 {
				t.Errorf("%s: %d %s tags; want 1", target, len(nodes), sel)
				continue
			}
			if c, _ := htmlcheck.Attr(nodes[0], "content"); !strings.HasPrefix(c, "http://example.com/") {
				t.Errorf("%s: %s = %q; want an absolute URL of this site", target, sel, c)
			}
		}
		if card, _ := doc.Attr(t, `meta[name="twitter:card"]`, "content"); card != "summary_large_image" {
			t.Errorf("%s: twitter:card = %q", target, card)
		}
	}
}

// TestOEmbed checks /oembed: a rich response for every page and event URL
// of this server, sizes within maxwidth and maxheight, and the errors.
func TestOEmbed(t *testing.T) {
	s := newTestServer(t)
	get := func(q string) (int, map[string]any) {
		w := do(t, s.Handler(), "GET", "/oembed?"+q)
		var m map[string]any
		if err := json.Unmarshal(w.Body.Bytes(), &m); err != nil {
			t.Errorf("/oembed?%s: body %q is not JSON", q, w.Body.String())
		}
		if ct := w.Header().Get("Content-Type"); ct != "application/json" {
			t.Errorf("/oembed?%s: Content-Type %q", q, ct)
		}
		return w.Code, m
	}
	page := url.QueryEscape("http://example.com/?event=twitter-sues")
	code, m := get("url=" + page + "&format=json")
	if code != 200 {
		t.Fatalf("oEmbed for an event = %d %v", code, m)
	}
	for _, k := range []string{"type", "version", "html", "width", "height", "title", "provider_name", "provider_url"} {
		if _, ok := m[k]; !ok {
			t.Errorf("response lacks %q", k)
		}
	}
	if m["type"] != "rich" || m["version"] != "1.0" || m["provider_name"] != "Docket" {
		t.Errorf("type %v version %v provider %v", m["type"], m["version"], m["provider_name"])
	}
	frag := htmlcheck.Parse(t, m["html"].(string))
	if n := frag.Count(t, "iframe"); n != 1 {
		t.Fatalf("html holds %d iframes; want 1", n)
	}
	src, _ := frag.Attr(t, "iframe", "src")
	if !strings.HasPrefix(src, "http://example.com/embed/twitter-v-dhs-2017/?") || !strings.Contains(src, "event=twitter-sues") {
		t.Errorf("iframe src %q", src)
	}
	if title, _ := frag.Attr(t, "iframe", "title"); title == "" {
		t.Error("iframe has no title")
	}
	if _, hasThumb := m["thumbnail_url"]; !hasThumb || m["thumbnail_width"] != float64(1200) {
		t.Errorf("no thumbnail without limits: %v", m)
	}

	_, m = get("url=" + url.QueryEscape("http://example.com/cases/twitter-v-dhs-2017") + "&maxwidth=400&maxheight=300")
	if m["width"] != float64(400) || m["height"] != float64(300) {
		t.Errorf("with maxwidth=400&maxheight=300: %vx%v", m["width"], m["height"])
	}
	if _, hasThumb := m["thumbnail_url"]; hasThumb {
		t.Error("thumbnail larger than maxwidth was sent")
	}

	errs := []struct {
		q    string
		code int
	}{
		{"url=" + url.QueryEscape("https://elsewhere.example/") + "&format=json", 404},
		{"url=" + url.QueryEscape("http://example.com/web/app.wasm"), 404},
		{"url=" + url.QueryEscape("http://example.com/cases/nope"), 404},
		{"url=" + url.QueryEscape("http://example.com/?event=nope"), 404},
		{"url=" + page + "&format=xml", 501},
		{"url=" + page + "&maxwidth=wide", 400},
		{"url=" + page + "&maxheight=-5", 400},
		{"format=json", 400},
		{"url=" + url.QueryEscape("javascript:alert(1)"), 400},
	}
	for _, e := range errs {
		code, m := get(e.q)
		if code != e.code || m["error"] == "" {
			t.Errorf("/oembed?%s = %d %v; want %d with an error", e.q, code, m, e.code)
		}
	}
}

// TestEmbedCodePage checks the page a producer copies snippets from: the
// choices reflected in both snippets and the preview, with no script.
func TestEmbedCodePage(t *testing.T) {
	s := newTestServer(t)
	w := do(t, s.Handler(), "GET", "/embed-code/twitter-v-dhs-2017?view=quiz&event=twitter-sues")
	if w.Code != 200 {
		t.Fatalf("GET /embed-code = %d", w.Code)
	}
	doc := htmlcheck.Parse(t, w.Body.String())
	if v, _ := doc.Attr(t, `input[name="view"][checked]`, "value"); v != "quiz" {
		t.Errorf("checked view = %q; want quiz", v)
	}
	if v, _ := doc.Attr(t, `select#event option[selected]`, "value"); v != "twitter-sues" {
		t.Errorf("selected event = %q", v)
	}
	pym := doc.Text(t, "textarea#pym-code")
	plain := doc.Text(t, "textarea#iframe-code")
	want := "http://example.com/embed/twitter-v-dhs-2017/?event=twitter-sues&amp;view=quiz"
	if !strings.Contains(pym, `data-pym-src="`+want+`"`) || !strings.Contains(pym, "pym.v1.min.js") {
		t.Errorf("Pym snippet %q", pym)
	}
	for _, attr := range []string{`src="` + want + `"`, `title="`, `loading="lazy"`, `allow="clipboard-write"`} {
		if !strings.Contains(plain, attr) {
			t.Errorf("iframe snippet lacks %s: %q", attr, plain)
		}
	}
	if src, _ := doc.Attr(t, "iframe#preview", "src"); !strings.Contains(src, "/embed/twitter-v-dhs-2017/?") {
		t.Errorf("preview src %q", src)
	}
	if doc.Count(t, "button.copy-button") != 2 {
		t.Error("want two copy buttons")
	}
	if w := do(t, s.Handler(), "GET", "/embed-code/nope"); w.Code != 404 {
		t.Errorf("GET /embed-code/nope = %d", w.Code)
	}
}

// TestEmbedLinksOpenANewTab checks the prerendered embed: every link out of
// it opens a new tab, so the reader never leaves the article around it.
func TestEmbedLinksOpenANewTab(t *testing.T) {
	s := newTestServer(t)
	doc := htmlcheck.Parse(t, do(t, s.Handler(), "GET", "/embed/twitter-v-dhs-2017?view=quiz").Body.String())
	links := doc.All(t, "body a[href]")
	if len(links) < 10 {
		t.Fatalf("the quiz embed has only %d links", len(links))
	}
	for _, a := range links {
		href, _ := htmlcheck.Attr(a, "href")
		if strings.HasPrefix(href, "#") {
			continue
		}
		target, _ := htmlcheck.Attr(a, "target")
		rel, _ := htmlcheck.Attr(a, "rel")
		if target != "_blank" || !strings.Contains(rel, "noopener") {
			t.Errorf("link %q in the embed: target %q rel %q; want _blank and noopener", href, target, rel)
		}
	}
}

// TestCanonical checks that every address of the same view names one
// canonical URL (and share card URL), and that embeds ask not to be
// indexed alone.
func TestCanonical(t *testing.T) {
	s := newTestServer(t)
	const ev = "/cases/twitter-v-dhs-2017/events/twitter-sues/"
	for target, want := range map[string]string{
		"/":                          "/",
		"/cases/twitter-v-dhs-2017":  "/",
		"/cases/twitter-v-dhs-2017/": "/",
		"/?event=twitter-sues":       ev,
		"/cases/twitter-v-dhs-2017/events/twitter-sues": ev,
		ev:                          ev,
		"/embed/twitter-v-dhs-2017": "/",
		"/embed/twitter-v-dhs-2017?event=twitter-sues": ev,
	} {
		doc := htmlcheck.Parse(t, do(t, s.Handler(), "GET", target).Body.String())
		canonical, _ := doc.Attr(t, `head link[rel="canonical"]`, "href")
		og, _ := doc.Attr(t, `head meta[property="og:url"]`, "content")
		if canonical != "http://example.com"+want || og != canonical {
			t.Errorf("%s: canonical %q, og:url %q; want http://example.com%s for both", target, canonical, og, want)
		}
		robots, _ := doc.Attr(t, `head meta[name="robots"]`, "content")
		if embed := strings.HasPrefix(target, "/embed/"); embed != (robots == "noindex, indexifembedded") {
			t.Errorf("%s: robots %q", target, robots)
		}
	}
}
