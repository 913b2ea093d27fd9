// Package htmlcheck checks HTML by CSS selectors, for tests: what a page
// holds, not how its markup is spelled.
package htmlcheck

import (
	"strings"
	"testing"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// Doc is a parsed HTML document.
type Doc struct{ root *html.Node }

// Parse parses an HTML document or fails the test.
func Parse(t testing.TB, s string) Doc {
	t.Helper()
	n, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatalf("parsing HTML: %v", err)
	}
	return Doc{n}
}

// All returns the elements matching a CSS selector.
func (d Doc) All(t testing.TB, selector string) []*html.Node {
	t.Helper()
	sel, err := cascadia.Compile(selector)
	if err != nil {
		t.Fatalf("selector %q: %v", selector, err)
	}
	return cascadia.QueryAll(d.root, sel)
}

// Count is how many elements match a selector.
func (d Doc) Count(t testing.TB, selector string) int {
	t.Helper()
	return len(d.All(t, selector))
}

// Text is the whitespace-folded text of the first element matching a
// selector, or "" when none does.
func (d Doc) Text(t testing.TB, selector string) string {
	t.Helper()
	nodes := d.All(t, selector)
	if len(nodes) == 0 {
		return ""
	}
	return Text(nodes[0])
}

// Attr is an attribute of the first element matching a selector.
func (d Doc) Attr(t testing.TB, selector, name string) (string, bool) {
	t.Helper()
	nodes := d.All(t, selector)
	if len(nodes) == 0 {
		return "", false
	}
	return Attr(nodes[0], name)
}

// Text is the whitespace-folded text content of n.
func Text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// Attr returns an attribute of n.
func Attr(n *html.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

// Within is the part of a document under n, to check one element's
// content (one entry of a list) by selectors.
func Within(n *html.Node) Doc { return Doc{n} }
