//go:build !(js && wasm)

package components

import (
	"strings"
	"testing"

	"docket/internal/htmlcheck"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// TestAttrText checks that case text given to go-app's prerender as an
// attribute value through attrText reads back exactly when HTML parses the
// page, and that nothing comes out of the attribute.
func TestAttrText(t *testing.T) {
	for _, tc := range []struct{ name, text string }{
		{"plain", "Twitter v. DHS"},
		{"quotes", `The "alt" accounts`},
		{"a backslash", `C:\path\to`},
		{"ampersands", "A & B &amp; C &lt;x&gt; &copy;"},
		{"angle brackets", "1 < 2 > 0"},
		{"curly quotes and accents", "Don’t · résumé · “alt”"},
		{"a zero-width joiner and a soft hyphen", "👩\u200d⚖️ judge\u00adship"},
		{"an address", `https://example.org/a"b\c?x=1&lt=2&amp;y=’`},
		{"a breakout", `x" onmouseover="alert(1)" data-x="`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := app.HTMLString(app.Elem("a").Attr("href", attrText(tc.text)).Title(attrText(tc.text)).Text("link"))
			doc := htmlcheck.Parse(t, page)
			links := doc.All(t, "a")
			if len(links) != 1 {
				t.Fatalf("%s: %d links; want 1", page, len(links))
			}
			for _, a := range links[0].Attr {
				if a.Key != "href" && a.Key != "title" {
					t.Errorf("%s: an attribute %q came out of the value", page, a.Key)
				}
			}
			for _, name := range []string{"href", "title"} {
				if got, _ := htmlcheck.Attr(links[0], name); got != tc.text {
					t.Errorf("%s reads %q; want %q (written %s)", name, got, tc.text, page)
				}
			}
		})
	}
	if got := attrEscape("a\xffb"); !strings.Contains(got, "&#xfffd;") {
		t.Errorf("an invalid byte is written %q; want U+FFFD's reference", got)
	}
}
