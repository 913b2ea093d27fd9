package components

import (
	"html"
	"strings"

	"docket/internal/casefile"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// sourceItem is one source in a source list: a link that opens in a new
// tab (rel=noopener) so the reader keeps their place, or, for a source with
// no web address (a wire story, print, broadcast, a filing), a citation in
// words that says where to find it. There is never a link with no address.
func sourceItem(s *casefile.Source) app.UI {
	if s.URL == "" {
		return app.Elem("li").Body(app.Elem("cite").Class("source-cite").Text(SourceCitation(s)))
	}
	return app.Elem("li").Body(app.Elem("a").Attr("href", attrText(s.URL)).Attr("target", "_blank").Attr("rel", "noopener").Text(SourceName(s)))
}

// SourceCitation is how a source with no web address is cited: its name,
// then what it is and when it appeared, which is how a reader finds it:
// "News Agency of Nigeria: Why Twitter withdrew ... (wire story, April 2017)".
func SourceCitation(s *casefile.Source) string {
	note := sourceKindWords[s.KindOrWeb()]
	if d := s.Published(); d.Value != "" {
		if note != "" {
			note += ", "
		}
		note += d.Display()
	}
	if note == "" {
		return SourceName(s)
	}
	return SourceName(s) + " (" + note + ")"
}

// sourceKindWords names each kind of source in a citation.
var sourceKindWords = map[casefile.SourceKind]string{
	casefile.SourceWire:      "wire story",
	casefile.SourcePrint:     "print",
	casefile.SourceBroadcast: "broadcast",
	casefile.SourceFiling:    "court filing",
}

// writeSourceListHTML writes what SourceList renders, as HTML, for the
// prerendered list of a long case (see eventListHTML).
func writeSourceListHTML(b *strings.Builder, c *casefile.Case, ids []string) {
	if len(ids) == 0 {
		return
	}
	w := b.WriteString
	esc := func(s string) { w(html.EscapeString(s)) }
	w(`<div class="sources"><p class="sources-label">Sources</p><ul class="source-list">`)
	for _, id := range ids {
		s := c.Source(id)
		switch {
		case s == nil:
		case s.URL == "":
			w(`<li><cite class="source-cite">`)
			esc(SourceCitation(s))
			w(`</cite></li>`)
		default:
			w(`<li><a href="`)
			esc(s.URL)
			w(`" target="_blank" rel="noopener">`)
			esc(SourceName(s))
			w(`</a></li>`)
		}
	}
	w(`</ul></div>`)
}
