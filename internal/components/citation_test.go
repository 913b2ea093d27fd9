//go:build !(js && wasm)

package components

import (
	"strings"
	"testing"

	"docket/internal/casefile"
	"docket/internal/htmlcheck"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// citedCase has a source of each kind, some with no web address, and
// corrections of an event, of a term and of the case as a whole.
func citedCase() *casefile.Case {
	return &casefile.Case{
		ID: "cited", Title: "Cited", Updated: "2026-12-06",
		Events:   []casefile.Event{{ID: "filed", Date: casefile.Date{Value: "2017-04-06", Precision: casefile.Day}, Title: "Suit <filed>", Sources: []string{"web", "wire"}}},
		Glossary: []casefile.Term{{ID: "wp", Term: "Without prejudice", Definition: "May be brought again.", Sources: []string{"print"}}},
		Sources: []casefile.Source{
			{ID: "web", Title: "Docket", Publisher: "Court", URL: "https://example.org/docket?a=1&b=2"},
			{ID: "wire", Kind: casefile.SourceWire, Title: "Why Demo withdrew", Publisher: "Example News Agency", Date: "2017-04"},
			{ID: "print", Kind: casefile.SourcePrint, Title: "Demo v. Example, 1 F.4th 1", Publisher: "Federal Reporter", Date: "1983"},
			{ID: "filing", Kind: casefile.SourceFiling, Title: "Notice of dismissal", Publisher: "Demo Court", Date: "2017-04-07", URL: "https://example.org/notice"},
			{ID: "tv", Kind: casefile.SourceBroadcast, Title: "Evening news & more", Publisher: "Example TV", Date: "2017-04-07"},
		},
		Corrections: []casefile.Correction{
			{Date: "2026-11-30", Text: "An earlier version gave the wrong day.", Event: "filed"},
			{Date: "2026-12-01", Text: "The definition said too much.", Term: "wp"},
			{Date: "2026-12-06", Text: "Sources now carry their dates."},
			{Date: "2026-12-06", Text: "Both at once.", Event: "filed", Term: "wp"},
		},
	}
}

// TestSourceCitation checks how a source with no web address is cited: by
// name, kind and date, which is how a reader finds it.
func TestSourceCitation(t *testing.T) {
	c := citedCase()
	for _, tt := range []struct{ id, want string }{
		{"wire", "Example News Agency: Why Demo withdrew (wire story, April 2017)"},
		{"print", "Federal Reporter: Demo v. Example, 1 F.4th 1 (print, 1983)"},
		{"tv", "Example TV: Evening news & more (broadcast, April 7, 2017)"},
		{"filing", "Demo Court: Notice of dismissal (court filing, April 7, 2017)"},
		{"web", "Court: Docket"},
	} {
		if got := SourceCitation(c.Source(tt.id)); got != tt.want {
			t.Errorf("SourceCitation(%s) = %q; want %q", tt.id, got, tt.want)
		}
	}
}

// TestSourceListWithoutAddress checks that a source with no URL renders as
// a citation with no link (never an <a> without an address), and one with
// a URL as a link that opens in a new tab, whatever its kind.
func TestSourceListWithoutAddress(t *testing.T) {
	c := citedCase()
	ids := []string{"web", "wire", "print", "filing", "tv"}
	doc := htmlcheck.Parse(t, app.HTMLString(SourceList(c, ids)))
	if got := doc.Count(t, ".source-list > li"); got != len(ids) {
		t.Fatalf("%d sources listed; want %d", got, len(ids))
	}
	links := doc.All(t, ".source-list a")
	if len(links) != 2 {
		t.Fatalf("%d links; want 2 (the sources with a URL)", len(links))
	}
	for i, want := range []string{"https://example.org/docket?a=1&b=2", "https://example.org/notice"} {
		if href, _ := htmlcheck.Attr(links[i], "href"); href != want {
			t.Errorf("link %d href = %q; want %q", i, href, want)
		}
		if rel, _ := htmlcheck.Attr(links[i], "rel"); rel != "noopener" {
			t.Errorf("link %d rel = %q", i, rel)
		}
	}
	if n := doc.Count(t, `a:not([href]), [href=""]`); n != 0 {
		t.Errorf("%d links without an address", n)
	}
	cites := doc.All(t, ".source-list > li > cite.source-cite")
	if len(cites) != 3 {
		t.Fatalf("%d citations; want 3", len(cites))
	}
	for i, id := range []string{"wire", "print", "tv"} {
		if got, want := htmlcheck.Text(cites[i]), SourceCitation(c.Source(id)); got != want {
			t.Errorf("citation %d = %q; want %q", i, got, want)
		}
	}
	if n := doc.Count(t, "cite.source-cite *"); n != 0 {
		t.Errorf("citations hold %d elements; want plain text", n)
	}

	// The long case's prerendered list writes the same elements.
	var raw strings.Builder
	writeSourceListHTML(&raw, c, ids)
	if got, want := domTree(t, raw.String()), domTree(t, app.HTMLString(SourceList(c, ids))); got != want {
		t.Errorf("written:   %s\ncomponent: %s", got, want)
	}
}

// TestCorrectionsSection checks the corrections under the timeline: each
// with its date and text, and links to the event and term it names, which
// leave an embed in a new tab for the full page.
func TestCorrectionsSection(t *testing.T) {
	c := citedCase()
	if correctionsSection(&casefile.Case{}, false) != nil {
		t.Error("a case with no corrections shows a corrections section")
	}
	for _, embed := range []bool{false, true} {
		doc := htmlcheck.Parse(t, app.HTMLString(correctionsSection(c, embed)))
		if got := doc.Text(t, "section#corrections h2#corrections-heading"); got != "Corrections" {
			t.Errorf("heading %q", got)
		}
		if got, _ := doc.Attr(t, "section#corrections", "aria-labelledby"); got != "corrections-heading" {
			t.Errorf("aria-labelledby = %q", got)
		}
		items := doc.All(t, "#corrections li.correction")
		if len(items) != len(c.Corrections) {
			t.Fatalf("%d corrections shown; want %d", len(items), len(c.Corrections))
		}
		termLink := "#term-wp"
		if embed {
			termLink = Href("/cases/cited/") + "#term-wp"
		}
		want := []struct {
			date, datetime, text string
			links                []string
		}{
			{"November 30, 2026", "2026-11-30", "An earlier version gave the wrong day.", []string{EventHref("cited", "filed") + " Suit <filed>"}},
			{"December 1, 2026", "2026-12-01", "The definition said too much.", []string{termLink + " Without prejudice"}},
			{"December 6, 2026", "2026-12-06", "Sources now carry their dates.", nil},
			{"December 6, 2026", "2026-12-06", "Both at once.", []string{EventHref("cited", "filed") + " Suit <filed>", termLink + " Without prejudice"}},
		}
		for i, w := range want {
			sel := "#corrections li.correction:nth-of-type(" + string(rune('1'+i)) + ")"
			if got := doc.Text(t, sel+" time.correction-date"); got != w.date {
				t.Errorf("correction %d date %q; want %q", i, got, w.date)
			}
			if got, _ := doc.Attr(t, sel+" time.correction-date", "datetime"); got != w.datetime {
				t.Errorf("correction %d datetime %q; want %q", i, got, w.datetime)
			}
			if got := doc.Text(t, sel+" .correction-text"); got != w.text {
				t.Errorf("correction %d text %q; want %q", i, got, w.text)
			}
			var links []string
			for _, a := range doc.All(t, sel+" .correction-about a") {
				href, _ := htmlcheck.Attr(a, "href")
				links = append(links, href+" "+htmlcheck.Text(a))
				if target, _ := htmlcheck.Attr(a, "target"); (target == "_blank") != embed {
					t.Errorf("correction %d link %s: target %q in an embed: %v", i, href, target, embed)
				}
			}
			if strings.Join(links, "|") != strings.Join(w.links, "|") {
				t.Errorf("correction %d links %q; want %q", i, links, w.links)
			}
			if got := doc.Count(t, sel+" .correction-about"); (got == 1) != (len(w.links) > 0) {
				t.Errorf("correction %d: %d 'Corrected:' lines for %d links", i, got, len(w.links))
			}
		}
	}
}
