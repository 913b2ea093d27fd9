package export

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"docket/internal/htmlcheck"
)

// TestExportCaseListAndSitemap exports under a base path with a public
// URL: the list of cases is a page of its own, newest first, linking the
// exported pages; sitemap.xml is valid and names, by absolute URL under
// the base, the list and every case and event page, each one a file of
// the export; robots.txt names the sitemap; _headers covers both.
func TestExportCaseListAndSitemap(t *testing.T) {
	const site = "https://news.example.org/explainers/"
	out := exportTo(t, Options{Base: "/explainers/", URL: site, CasesDir: "../casefile/testdata/second-case"})

	doc := htmlcheck.Parse(t, string(read(t, out, "cases/index.html")))
	var hrefs []string
	for _, a := range doc.All(t, "ol.case-index-list h2 a") {
		href, _ := htmlcheck.Attr(a, "href")
		hrefs = append(hrefs, href)
	}
	if got, want := strings.Join(hrefs, " "), "/explainers/ /explainers/cases/demo-appeal/"; got != want {
		t.Errorf("the list links %s; want %s (newest first)", got, want)
	}
	if c, _ := doc.Attr(t, `link[rel="canonical"]`, "href"); c != site+"cases/" {
		t.Errorf("the list's canonical link is %q", c)
	}
	read(t, out, "cases/index.html.br")

	var set struct {
		XMLName xml.Name
		URLs    []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(read(t, out, "sitemap.xml"), &set); err != nil {
		t.Fatalf("sitemap.xml is not XML: %v", err)
	}
	if set.XMLName.Local != "urlset" || set.XMLName.Space != "http://www.sitemaps.org/schemas/sitemap/0.9" {
		t.Errorf("sitemap.xml's root is %v", set.XMLName)
	}
	c := defaultCase(t)
	want := map[string]bool{site: true, site + "cases/": true, site + "cases/demo-appeal/": true}
	for _, e := range c.Events {
		want[site+"cases/"+c.ID+"/events/"+e.ID+"/"] = true
	}
	for _, u := range set.URLs {
		rest, ok := strings.CutPrefix(u.Loc, site)
		if !ok {
			t.Errorf("the sitemap names %s, outside %s", u.Loc, site)
			continue
		}
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(rest), "index.html")); err != nil {
			t.Errorf("the sitemap names %s, which the export did not write", u.Loc)
		}
		if u.LastMod == "" {
			t.Errorf("%s has no lastmod", u.Loc)
		}
		delete(want, u.Loc)
	}
	for loc := range want {
		t.Errorf("the sitemap lacks %s", loc)
	}
	if len(set.URLs) != 3+len(c.Events)+4 { // the demo case has 4 events
		t.Errorf("the sitemap has %d URLs", len(set.URLs))
	}

	robots := string(read(t, out, "robots.txt"))
	if !strings.Contains(robots, "User-agent: *\n") || !strings.Contains(robots, "\nSitemap: "+site+"sitemap.xml\n") {
		t.Errorf("robots.txt =\n%s", robots)
	}
	rules, err := ParseHeaders(string(read(t, out, "_headers")))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/explainers/sitemap.xml", "/explainers/robots.txt", "/explainers/cases/"} {
		var cache string
		for _, r := range rules {
			if r.Match(p) && r.Header.Get("Cache-Control") != "" {
				cache = r.Header.Get("Cache-Control")
			}
		}
		if cache != "no-cache" {
			t.Errorf("_headers gives %s Cache-Control %q; want no-cache, as the server sends", p, cache)
		}
	}
}

// TestExportWithoutURLWritesNoSitemap: without -url the export knows no
// real address, so it writes the list of cases but no sitemap.xml or
// robots.txt (a sitemap of http://localhost would mislead crawlers).
func TestExportWithoutURLWritesNoSitemap(t *testing.T) {
	out := exportTo(t, Options{})
	read(t, out, "cases/index.html")
	for _, name := range []string{"sitemap.xml", "robots.txt"} {
		if _, err := os.Stat(filepath.Join(out, name)); !os.IsNotExist(err) {
			t.Errorf("an export without -url wrote %s (%v)", name, err)
		}
	}
	if strings.Contains(string(read(t, out, "_headers")), "sitemap.xml") {
		t.Error("_headers has a rule for a sitemap the export did not write")
	}
}
