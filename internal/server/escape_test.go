package server

import (
	"encoding/json"
	"log/slog"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"docket/internal/casefile"
	"docket/internal/htmlcheck"
	"docket/internal/timeline"
)

// TestCaseTextEscapedEverywhere serves a case whose title and summary hold
// <, " and &, and checks every place they appear: each reads back exactly
// (HTML attributes and text, JSON strings, HTML inside JSON, HTML shown as
// text), and no response carries them unescaped.
func TestCaseTextEscapedEverywhere(t *testing.T) {
	const title, summary = `Smith < "Jones" & Co`, `Is 1 < 2? "Yes" & more.`
	dir := t.TempDir()
	writeCase(t, dir, "hostile", title, summary)
	s, err := New(Config{CasesDir: dir, Log: slog.New(slog.DiscardHandler)}, testWeb(t))
	if err != nil {
		t.Fatal(err)
	}
	get := func(target string) string {
		t.Helper()
		w := do(t, s.Handler(), "GET", target)
		if w.Code != 200 {
			t.Fatalf("GET %s = %d", target, w.Code)
		}
		body := w.Body.String()
		for _, raw := range []string{title, summary} {
			if strings.Contains(body, raw) {
				t.Errorf("GET %s carries %q unescaped", target, raw)
			}
		}
		return body
	}
	same := func(where, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %q; want %q", where, got, want)
		}
	}

	for _, page := range []string{"/cases/hostile/", "/cases/hostile/events/twitter-sues/", "/embed/hostile/"} {
		doc := htmlcheck.Parse(t, get(page))
		// Wherever any part of the title is, all of it is: a quote or a
		// backslash written as is would cut it short.
		for _, n := range doc.All(t, "*") {
			for _, a := range n.Attr {
				if strings.Contains(a.Val, "Jones") && !strings.Contains(a.Val, title) {
					t.Errorf("%s: <%s %s=%q> holds part of the title", page, n.Data, a.Key, a.Val)
				}
			}
		}
		same(page+" title", doc.Text(t, "head title"), title+" · Docket")
		for sel, want := range map[string]string{
			`meta[name="description"]`:         summary,
			`meta[property="og:title"]`:        title + " · Docket",
			`meta[property="og:description"]`:  summary,
			`meta[name="twitter:title"]`:       title,
			`meta[name="twitter:description"]`: summary,
		} {
			if n := doc.Count(t, sel); n != 1 {
				t.Errorf("%s has %d %s; want 1", page, n, sel)
			}
			got, _ := doc.Attr(t, sel, "content")
			same(page+" "+sel, got, want)
		}
		got, _ := doc.Attr(t, `link[rel="alternate"][type="application/json+oembed"]`, "title")
		same(page+" oEmbed discovery title", got, title)
		var data casefile.Case
		if err := json.Unmarshal([]byte(doc.Text(t, "script#docket-case")), &data); err != nil {
			t.Errorf("%s: the case data is not JSON: %v", page, err)
		}
		same(page+" case data title", data.Title, title)
		if strings.HasPrefix(page, "/embed/") {
			same(page+" embed title", doc.Text(t, "p.embed-title"), title)
		} else {
			same(page+" h1", doc.Text(t, "h1"), title)
			same(page+" summary", doc.Text(t, "p.summary"), summary)
		}
	}

	var oembed struct{ Title, HTML string }
	if err := json.Unmarshal([]byte(get("/oembed?url="+url.QueryEscape("http://example.com/cases/hostile/"))), &oembed); err != nil {
		t.Fatal(err)
	}
	same("oEmbed title", oembed.Title, title)
	frag := htmlcheck.Parse(t, oembed.HTML)
	got, _ := frag.Attr(t, "iframe", "title")
	same("oEmbed html: iframe title", got, title+" (Docket)")

	doc := htmlcheck.Parse(t, get("/embed-code/hostile"))
	same("embed code: title", doc.Text(t, "head title"), "Embed "+title+" · Docket")
	same("embed code: link to the case", doc.Text(t, "p.summary a"), title)
	got, _ = doc.Attr(t, "iframe#preview", "title")
	same("embed code: preview title", got, "Preview: "+title)
	pym := htmlcheck.Parse(t, doc.Text(t, "textarea#pym-code"))
	same("embed code: Pym.js snippet's link", pym.Text(t, "div[data-pym-src] a"), title)
	iframe := htmlcheck.Parse(t, doc.Text(t, "textarea#iframe-code"))
	got, _ = iframe.Attr(t, "iframe", "title")
	same("embed code: iframe snippet's title", got, title+" (Docket)")

	var index []casefile.Summary
	if err := json.Unmarshal([]byte(get("/api/cases")), &index); err != nil {
		t.Fatal(err)
	}
	same("API index: title", index[len(index)-1].Title, title)
	same("API index: summary", index[len(index)-1].Summary, summary)
	var c casefile.Case
	if err := json.Unmarshal([]byte(get("/api/cases/hostile")), &c); err != nil {
		t.Fatal(err)
	}
	same("API case: title", c.Title, title)

	// The manifest names Docket, never a case: it must stay valid JSON.
	if !json.Valid([]byte(get("/manifest.webmanifest"))) {
		t.Error("the manifest is not JSON")
	}
}

// TestCaseTextInPrerenderedAttributes serves a case whose event titles,
// category labels, question prompts, terms, source titles and source
// addresses hold ", <, &, \ and ’, and checks its prerendered pages, for a
// short case and for a long one (whose list the server writes itself).
// go-app writes attribute values with strconv.Quote, which HTML does not
// read back, so case text must reach an attribute only in a form that
// reads back exactly. Wherever a piece of case text is, in an attribute or
// in text, all of it is, and no markup comes out of it.
func TestCaseTextInPrerenderedAttributes(t *testing.T) {
	// Validation refuses anything like a tag ("<a") and over-long text.
	const hostile = `Zebu "q" 1 < 2 & a\b ’c’`
	const hostileQuery = `?Zebu="q"&amp;a\b&lt;’c’` // no space: a source's address
	b, err := os.ReadFile("../../web/cases/twitter-v-dhs-2017.json")
	if err != nil {
		t.Fatal(err)
	}
	var texts []string // each piece of case text made hostile
	dir := t.TempDir()
	for _, tc := range []struct {
		id    string
		extra int // events added to the case's 16
	}{
		{"hostile", 0},
		{"hostile-long", timeline.ListAll},
	} {
		var c map[string]any
		if err := json.Unmarshal(b, &c); err != nil {
			t.Fatal(err)
		}
		c["id"] = tc.id
		events := c["events"].([]any)
		for i := range tc.extra {
			e := maps.Clone(events[len(events)-1].(map[string]any))
			e["id"] = "more-" + strconv.Itoa(i)
			events = append(events, e)
		}
		c["events"] = events
		mark := func(list any, field, suffix string) {
			for i, x := range list.([]any) {
				m := x.(map[string]any)
				text, ok := m[field].(string)
				if !ok {
					continue
				}
				if field == "label" {
					text = strconv.Itoa(i) // a category's label is short
				}
				m[field] = text + suffix
				texts = append(texts, m[field].(string))
			}
		}
		mark(c["events"], "title", " "+hostile)
		mark(c["categories"], "label", " "+hostile)
		mark(c["quiz"].(map[string]any)["questions"], "prompt", " "+hostile)
		mark(c["glossary"], "term", " "+hostile)
		mark(c["sources"], "title", " "+hostile)
		mark(c["sources"], "url", hostileQuery)
		out, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, tc.id+".json"), out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := New(Config{CasesDir: dir, Log: slog.New(slog.DiscardHandler)}, testWeb(t))
	if err != nil {
		t.Fatal(err)
	}
	attrName := regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9-]*$`)
	whole := func(s string) bool {
		return slices.ContainsFunc(texts, func(x string) bool { return strings.Contains(s, x) })
	}
	for _, page := range []string{
		"/cases/hostile/", "/cases/hostile/events/twitter-sues/", "/embed/hostile/",
		"/cases/hostile-long/", "/cases/hostile-long/events/twitter-sues/",
	} {
		w := do(t, s.Handler(), "GET", page)
		if w.Code != 200 {
			t.Fatalf("GET %s = %d", page, w.Code)
		}
		doc := htmlcheck.Parse(t, w.Body.String())
		attrs := 0
		for _, n := range doc.All(t, "*") {
			for _, a := range n.Attr {
				if !attrName.MatchString(a.Key) {
					t.Errorf("%s: <%s> has an attribute %q: case text broke out of an attribute", page, n.Data, a.Key)
				}
				if strings.Contains(a.Val, "Zebu") {
					attrs++
					if !whole(a.Val) {
						t.Errorf("%s: <%s %s=%q> holds part of a piece of case text", page, n.Data, a.Key, a.Val)
					}
				}
			}
		}
		if attrs == 0 && !strings.HasPrefix(page, "/embed/") {
			t.Errorf("%s: no attribute holds case text: no source's address?", page)
		}
		// The text reads back exactly too: the titles of the events
		// listed, and the sources' names.
		found := 0
		for _, n := range doc.All(t, "h4.event-title, .tl-card-title, .source-list a, .tl-chip-label") {
			if got := htmlcheck.Text(n); !whole(got) {
				t.Errorf("%s: <%s> reads %q, no piece of case text", page, n.Data, got)
			}
			found++
		}
		if found == 0 && !strings.HasPrefix(page, "/embed/") {
			t.Errorf("%s lists no event titles", page)
		}
	}
}
