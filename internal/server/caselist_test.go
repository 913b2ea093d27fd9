package server

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"log/slog"
	"net/url"
	"slices"
	"strings"
	"testing"

	"docket/internal/htmlcheck"
	"docket/internal/store"
)

// listed is one case as the list of cases shows it.
type listed struct {
	title, href, summary, court, updated string
}

// caseList reads the list of cases from a page's HTML.
func caseList(t *testing.T, body string) []listed {
	t.Helper()
	doc := htmlcheck.Parse(t, body)
	var out []listed
	for _, li := range doc.All(t, "ol.case-index-list > li.case-item") {
		item := htmlcheck.Within(li)
		href, _ := item.Attr(t, "h2 a", "href")
		updated, _ := item.Attr(t, "time", "datetime")
		dds := item.All(t, "dl.case-meta dd")
		if len(dds) != 2 {
			t.Fatalf("a case in the list has %d dd; want court and updated", len(dds))
		}
		out = append(out, listed{
			title: item.Text(t, "h2 a"), href: href, summary: item.Text(t, "p.case-item-summary"),
			court: htmlcheck.Text(dds[0]), updated: updated,
		})
	}
	return out
}

// sitemapLocs reads a sitemap, failing the test if it is not one.
func sitemapLocs(t *testing.T, body []byte) map[string]string {
	t.Helper()
	var set struct {
		XMLName xml.Name
		URLs    []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(body, &set); err != nil {
		t.Fatalf("the sitemap is not XML: %v\n%s", err, body)
	}
	if set.XMLName.Space != "http://www.sitemaps.org/schemas/sitemap/0.9" || set.XMLName.Local != "urlset" {
		t.Errorf("the sitemap's root is %v; want sitemaps.org's urlset", set.XMLName)
	}
	locs := map[string]string{}
	for _, u := range set.URLs {
		if _, dup := locs[u.Loc]; dup {
			t.Errorf("the sitemap lists %s twice", u.Loc)
		}
		locs[u.Loc] = u.LastMod
	}
	return locs
}

// TestCaseList checks /cases/: every case with its title, summary, court
// and last update, newest first, linking each case's page; its head; the
// redirect from /cases; and the same under a base path.
func TestCaseList(t *testing.T) {
	for _, base := range []string{"/", "/explainers/"} {
		s, err := New(Config{Base: base, CasesDir: "../casefile/testdata/second-case", Log: slog.New(slog.DiscardHandler)}, testWeb(t))
		if err != nil {
			t.Fatal(err)
		}
		under := strings.TrimSuffix(base, "/")
		w := do(t, s.Handler(), "GET", "http://example.com"+under+"/cases/")
		if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
			t.Fatalf("%s: GET /cases/ = %d %s", base, w.Code, w.Header().Get("Content-Type"))
		}
		if w.Header().Get("ETag") == "" || w.Header().Get("Cache-Control") != "no-cache" {
			t.Errorf("%s: /cases/ has ETag %q and Cache-Control %q", base, w.Header().Get("ETag"), w.Header().Get("Cache-Control"))
		}
		got := caseList(t, w.Body.String())
		want := []listed{
			{"Twitter v. DHS: the summons to unmask @ALT_USCIS", under + "/", "", "U.S. District Court for the Northern District of California", "2026-12-06"},
			{"Demo: Rivera v. Harbor Town Library Board (a fictional appeal)", under + "/cases/demo-appeal/", "", "Demo Court of Appeals (fictional)", "2026-11-29"},
		}
		for i := range want {
			c, _ := s.cases.Case(map[int]string{0: "twitter-v-dhs-2017", 1: "demo-appeal"}[i])
			want[i].summary = c.Summary
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: the list is\n %+v\nwant\n %+v", base, got, want)
		}
		doc := htmlcheck.Parse(t, w.Body.String())
		if h1 := doc.Text(t, "h1"); h1 != "All cases" {
			t.Errorf("%s: h1 = %q", base, h1)
		}
		if n := doc.Count(t, "main#main"); n != 1 {
			t.Errorf("%s: %d main#main", base, n)
		}
		if n := doc.Count(t, "script"); n != 0 {
			t.Errorf("%s: the list has %d scripts; it needs none", base, n)
		}
		if d, _ := doc.Attr(t, "time", "datetime"); d != "2026-12-06" || doc.Text(t, "time") != "December 6, 2026" {
			t.Errorf("%s: the first case's update reads %q (%s)", base, doc.Text(t, "time"), d)
		}
		for sel, want := range map[string]string{
			`link[rel="canonical"]`:            "http://example.com" + under + "/cases/",
			`meta[property="og:url"]`:          "http://example.com" + under + "/cases/",
			`meta[property="og:type"]`:         "website",
			`meta[property="og:title"]`:        "All cases · Docket",
			`meta[property="og:image"]`:        "http://example.com" + under + "/web/share.png",
			`meta[name="twitter:card"]`:        "summary_large_image",
			`link[rel="stylesheet"]`:           under + "/web/docket.css?v=" + s.Version(),
			`meta[name="description"]`:         caseListDescription,
			`meta[property="og:description"]`:  caseListDescription,
			`meta[name="twitter:description"]`: caseListDescription,
		} {
			attr := "content"
			if strings.HasPrefix(sel, "link") {
				attr = "href"
			}
			if got, _ := doc.Attr(t, sel, attr); got != want {
				t.Errorf("%s: %s = %q; want %q", base, sel, got, want)
			}
		}
		if r := do(t, s.Handler(), "GET", "http://example.com"+under+"/cases/", "If-None-Match", w.Header().Get("ETag")); r.Code != 304 {
			t.Errorf("%s: /cases/ with its ETag = %d; want 304", base, r.Code)
		}
		if r := do(t, s.Handler(), "HEAD", "http://example.com"+under+"/cases/"); r.Code != 200 || r.Body.Len() != 0 {
			t.Errorf("%s: HEAD /cases/ = %d with %d bytes", base, r.Code, r.Body.Len())
		}
		r := do(t, s.Handler(), "GET", "http://example.com"+under+"/cases")
		if r.Code != 301 || r.Header().Get("Location") != under+"/cases/" {
			t.Errorf("%s: GET /cases = %d to %q; want 301 to %s/cases/", base, r.Code, r.Header().Get("Location"), under)
		}
	}
}

// TestSitemapAndRobots checks sitemap.xml (valid, with the list, every
// case's page and its events' pages as absolute URLs under the base path,
// each dated by its case's update, and no embed) and robots.txt, which
// names it; -url's origin wins over the request's.
func TestSitemapAndRobots(t *testing.T) {
	public, _ := url.Parse("https://news.example.org/explainers/")
	for _, tc := range []struct {
		base, origin string
		public       *url.URL
	}{
		{"/", "http://example.com", nil},
		{"/explainers/", "http://example.com/explainers", nil},
		{"/explainers/", "https://news.example.org/explainers", public},
	} {
		s, err := New(Config{Base: tc.base, PublicURL: tc.public, CasesDir: "../casefile/testdata/second-case", Log: slog.New(slog.DiscardHandler)}, testWeb(t))
		if err != nil {
			t.Fatal(err)
		}
		under := strings.TrimSuffix(tc.base, "/")
		w := do(t, s.Handler(), "GET", "http://example.com"+under+"/sitemap.xml")
		if w.Code != 200 || w.Header().Get("Content-Type") != "application/xml; charset=utf-8" {
			t.Fatalf("%s: GET /sitemap.xml = %d %s", tc.origin, w.Code, w.Header().Get("Content-Type"))
		}
		locs := sitemapLocs(t, w.Body.Bytes())
		want := map[string]string{
			tc.origin + "/cases/":             "2026-12-06",
			tc.origin + "/":                   "2026-12-06",
			tc.origin + "/cases/demo-appeal/": "2026-11-29",
		}
		for _, c := range s.Cases() {
			for _, e := range c.Events {
				want[tc.origin+"/cases/"+c.ID+"/events/"+e.ID+"/"] = c.Updated
			}
		}
		for loc, mod := range want {
			if got, ok := locs[loc]; !ok || got != mod {
				t.Errorf("%s: the sitemap has %s with lastmod %q (listed: %v); want %q", tc.origin, loc, got, ok, mod)
			}
		}
		for loc := range locs {
			if _, ok := want[loc]; !ok {
				t.Errorf("%s: the sitemap lists %s, which it should not", tc.origin, loc)
			}
		}

		w = do(t, s.Handler(), "GET", "http://example.com"+under+"/robots.txt")
		if w.Code != 200 || w.Header().Get("Content-Type") != "text/plain; charset=utf-8" {
			t.Fatalf("%s: GET /robots.txt = %d %s", tc.origin, w.Code, w.Header().Get("Content-Type"))
		}
		body := w.Body.String()
		if !strings.Contains(body, "\nSitemap: "+tc.origin+"/sitemap.xml\n") || !strings.Contains(body, "User-agent: *\n") {
			t.Errorf("%s: robots.txt =\n%s", tc.origin, body)
		}
		if strings.Contains(body, "Disallow: /") {
			t.Errorf("%s: robots.txt without a database disallows a path:\n%s", tc.origin, body)
		}
	}
}

// TestCaseListFollowsTheDatabase publishes a case in the database as
// another server would: after the snapshot swap it heads the list (it is
// the newest) and is in the sitemap, and its page has its Open Graph
// data; taken down, it leaves both and its pages answer 410. A title with
// a script in it (published without the validator, as by an older Docket)
// is shown as text.
func TestCaseListFollowsTheDatabase(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, dbURL string) {
		st := newStudio(t, dbURL)
		ed := st.addAccount(t, "ada", store.RoleEditor, adminPassword)
		c := st.client(t)
		ctx := context.Background()
		refresh := func() {
			t.Helper()
			if err := st.s.cases.Refresh(ctx); err != nil {
				t.Fatal(err)
			}
		}
		titles := func() []string {
			t.Helper()
			r := c.get("/cases/")
			if r.StatusCode != 200 {
				t.Fatalf("GET /cases/ = %d", r.StatusCode)
			}
			var out []string
			for _, l := range caseList(t, string(r.body)) {
				out = append(out, l.title)
			}
			return out
		}
		publish := func(id string, doc map[string]any) {
			t.Helper()
			data, _ := json.Marshal(doc)
			if _, err := st.db.CreateCase(ctx, id, data, ed.ID); err != nil {
				t.Fatal(err)
			}
			if _, err := st.db.Publish(ctx, store.PublishRequest{CaseID: id, Revision: 1, By: ed.ID}); err != nil {
				t.Fatal(err)
			}
			refresh()
		}
		shipped := "Twitter v. DHS: the summons to unmask @ALT_USCIS"
		if got := titles(); !slices.Equal(got, []string{shipped}) {
			t.Fatalf("before any publish, the list is %q", got)
		}
		sitemap := c.get("/sitemap.xml")

		fresh := shippedCase(t, "fresh", "A fresh case")
		fresh["updated"] = "2026-12-07"
		fresh["court"] = "Court of Fresh Appeals"
		publish("fresh", fresh)
		if got := titles(); !slices.Equal(got, []string{"A fresh case", shipped}) {
			t.Errorf("after publishing, the list is %q; want the new case first", got)
		}
		locs := sitemapLocs(t, c.get("/sitemap.xml").body)
		if locs[st.url+"/cases/fresh/"] != "2026-12-07" || locs[st.url+"/cases/fresh/events/twitter-sues/"] != "2026-12-07" {
			t.Errorf("the sitemap lacks the published case's pages: %v", locs)
		}
		if locs[st.url+"/cases/"] != "2026-12-07" {
			t.Errorf("the list's lastmod = %q; want the newest case's", locs[st.url+"/cases/"])
		}
		page := c.get("/cases/fresh/")
		doc := htmlcheck.Parse(t, string(page.body))
		for sel, want := range map[string]string{
			`meta[property="og:type"]`:               "article",
			`meta[property="og:title"]`:              "A fresh case · Docket",
			`meta[property="og:url"]`:                st.url + "/cases/fresh/",
			`meta[property="og:image"]`:              st.url + "/web/share.png",
			`meta[property="article:modified_time"]`: "2026-12-07",
			`meta[name="twitter:card"]`:              "summary_large_image",
		} {
			if got, _ := doc.Attr(t, sel, "content"); got != want {
				t.Errorf("the published case's page: %s = %q; want %q", sel, got, want)
			}
		}
		if got, _ := doc.Attr(t, `meta[property="og:description"]`, "content"); got == "" {
			t.Error("the published case's page has no og:description")
		}
		if href, _ := doc.Attr(t, `header.case-header a[data-full-page]`, "href"); href != "/cases/" {
			t.Errorf("the case page's header links %q; want the list, /cases/", href)
		}

		if err := st.db.Unpublish(ctx, "fresh", ed.ID, "legal review"); err != nil {
			t.Fatal(err)
		}
		refresh()
		if got := titles(); !slices.Equal(got, []string{shipped}) {
			t.Errorf("after unpublishing, the list is %q", got)
		}
		for _, p := range []string{"/cases/fresh/", "/cases/fresh/events/twitter-sues/", "/embed/fresh/"} {
			if r := c.get(p); r.StatusCode != 410 {
				t.Errorf("GET %s after unpublishing = %d; want 410", p, r.StatusCode)
			}
		}
		if r := c.get("/sitemap.xml"); strings.Contains(string(r.body), "fresh") || string(r.body) != string(sitemap.body) {
			t.Errorf("after unpublishing, the sitemap is not what it was before:\n%s", r.body)
		}

		const script = `<script>alert("docket")</script>`
		hostile := shippedCase(t, "hostile", "Smith v. "+script)
		hostile["summary"] = "A summary with " + script
		hostile["court"] = "The " + script + " court"
		publish("hostile", hostile)
		r := c.get("/cases/")
		if strings.Contains(string(r.body), script) {
			t.Error("the list carries the script unescaped")
		}
		var found bool
		for _, l := range caseList(t, string(r.body)) {
			if l.href == "/cases/hostile/" {
				found = true
				if l.title != "Smith v. "+script || l.summary != "A summary with "+script || l.court != "The "+script+" court" {
					t.Errorf("the hostile case reads %+v; want its text as it is", l)
				}
			}
		}
		if !found {
			t.Error("the hostile case is not in the list")
		}
		if n := htmlcheck.Parse(t, string(r.body)).Count(t, "script"); n != 0 {
			t.Errorf("the list has %d script elements", n)
		}
		sitemapLocs(t, c.get("/sitemap.xml").body)
	})
}

// TestShareCardNeedsItsImage checks that a build without share.png names
// no picture in its share cards.
func TestShareCardNeedsItsImage(t *testing.T) {
	web := testWeb(t)
	delete(web, "share.png")
	s, err := New(Config{Log: slog.New(slog.DiscardHandler)}, web)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/", "/cases/"} {
		doc := htmlcheck.Parse(t, do(t, s.Handler(), "GET", p).Body.String())
		if n := doc.Count(t, `meta[property="og:image"]`) + doc.Count(t, `meta[name="twitter:image"]`); n != 0 {
			t.Errorf("%s names a share image that does not exist", p)
		}
		if card, _ := doc.Attr(t, `meta[name="twitter:card"]`, "content"); card != "summary" {
			t.Errorf("%s: twitter:card = %q; want summary", p, card)
		}
	}
}
