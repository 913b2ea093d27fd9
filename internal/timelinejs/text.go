package timelinejs

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// plainText is slide text turned from TimelineJS's HTML into Docket's plain
// text: its paragraphs, the links it held, and notes on what did not carry.
type plainText struct {
	Paragraphs []string
	Links      []link
	Sources    []listedSource // the items of a Docket export's source list
	Notes      []string       // what was set aside, in plain words
}

// link is an <a href> in slide text: its address and its text.
type link struct {
	URL, Text string
}

// listedSource is one item of the source list a Docket export writes into
// each slide, read back so a round trip keeps its sources out of the body.
type listedSource struct {
	URL, Title, Publisher, Date, Kind string
}

// blocks are the elements that start and end a paragraph.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Blockquote: true, atom.Li: true, atom.Ul: true, atom.Ol: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Section: true, atom.Article: true, atom.Header: true, atom.Footer: true, atom.Pre: true,
	atom.Table: true, atom.Tr: true, atom.Figure: true, atom.Figcaption: true, atom.Br: true, atom.Hr: true,
	atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Aside: true, atom.Address: true,
}

// sourceDateRE is the form of a source's date: a year, a month or a day.
var sourceDateRE = regexp.MustCompile(`^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$`)

// sourceListClass marks the list of sources a Docket export writes.
const sourceListClass = "docket-sources"

// toPlainText parses s as an HTML fragment, as a browser would, and keeps
// its text: paragraphs (block elements and line breaks) stay apart, spaces
// collapse, links keep their text and are listed. Scripts and styles are
// never run: a script's code becomes text, as TimelineJS's own sanitizer
// would leave it visible rather than run it.
func toPlainText(s string) plainText {
	var out plainText
	if strings.TrimSpace(s) == "" {
		return out
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil { // the tokenizer accepts any text; only a reader error lands here
		out.Paragraphs = splitParagraphs(s)
		return out
	}
	w := &textWalker{out: &out, notes: map[string]bool{}}
	for _, n := range nodes {
		w.walk(n)
	}
	w.flush()
	return out
}

type textWalker struct {
	out    *plainText
	cur    strings.Builder
	notes  map[string]bool
	inLink bool
}

// bareURLRE finds the web addresses in text that TimelineJS turns into
// links (its "autolink", on by default).
var bareURLRE = regexp.MustCompile(`https?://[^\s<>"]+`)

func (w *textWalker) note(s string) {
	if !w.notes[s] {
		w.notes[s] = true
		w.out.Notes = append(w.out.Notes, s)
	}
}

// flush ends the current paragraph.
func (w *textWalker) flush() {
	if p := collapse(w.cur.String()); p != "" {
		w.out.Paragraphs = append(w.out.Paragraphs, p)
	}
	w.cur.Reset()
}

func (w *textWalker) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.cur.WriteString(n.Data)
		if !w.inLink {
			for _, u := range bareURLRE.FindAllString(n.Data, -1) {
				u = strings.TrimRight(u, ".,;:!?)]'")
				w.out.Links = append(w.out.Links, link{URL: u})
			}
		}
		return
	case html.CommentNode:
		return
	case html.ElementNode:
	default:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c)
		}
		return
	}
	switch n.DataAtom {
	case atom.Script:
		w.note("a <script> element's code is kept as plain text; it is never run")
	case atom.Style:
		w.note("a <style> element was dropped: Docket styles every case alike")
		return
	case atom.Img:
		w.note("an image inside the text was dropped: give an event's picture in its media")
		if alt := attr(n, "alt"); alt != "" {
			w.cur.WriteString(" " + alt + " ")
		}
		return
	case atom.Iframe, atom.Object, atom.Embed, atom.Video, atom.Audio:
		w.note("an embedded <" + n.Data + "> in the text was dropped: Docket loads no third-party frames or players")
		return
	case atom.Ul:
		if hasClass(n, sourceListClass) {
			w.flush()
			w.sourceList(n)
			return
		}
	case atom.A:
		if href := strings.TrimSpace(attr(n, "href")); href != "" {
			w.out.Links = append(w.out.Links, link{URL: href, Text: collapse(textOf(n))})
		}
		w.inLink = true
		defer func() { w.inLink = false }()
	}
	block := blocks[n.DataAtom]
	if block {
		w.flush()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	if block {
		w.flush()
	}
}

// sourceList reads the items of a Docket export's source list:
// `<a href="URL">Title</a> (Publisher, 2017-04-06, print)`.
func (w *textWalker) sourceList(ul *html.Node) {
	for li := ul.FirstChild; li != nil; li = li.NextSibling {
		if li.DataAtom != atom.Li {
			continue
		}
		var s listedSource
		var rest strings.Builder
		for c := li.FirstChild; c != nil; c = c.NextSibling {
			if c.DataAtom == atom.A && s.URL == "" {
				s.URL, s.Title = strings.TrimSpace(attr(c, "href")), collapse(textOf(c))
				continue
			}
			rest.WriteString(textOf(c))
		}
		tail := collapse(rest.String())
		if s.URL == "" { // a source with no address: "Title (Publisher, date, kind)"
			if i := strings.LastIndex(tail, " ("); i >= 0 {
				s.Title, tail = tail[:i], tail[i+1:]
			} else {
				s.Title, tail = tail, ""
			}
		}
		if inner, ok := strings.CutPrefix(tail, "("); ok {
			// "Publisher, date, kind": the date and kind are read from
			// the end, so a publisher may hold commas.
			parts := strings.Split(strings.TrimSuffix(inner, ")"), ", ")
			if n := len(parts); n > 1 && isSourceKind(parts[n-1]) {
				s.Kind, parts = parts[n-1], parts[:n-1]
			}
			if n := len(parts); n > 1 && sourceDateRE.MatchString(parts[n-1]) {
				s.Date, parts = parts[n-1], parts[:n-1]
			}
			s.Publisher = strings.Join(parts, ", ")
		}
		if s.Title != "" {
			w.out.Sources = append(w.out.Sources, s)
		}
	}
}

// textOf is all the text inside n.
func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOf(c))
	}
	return b.String()
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == name {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

// collapse joins runs of spaces (and line breaks and tabs) into one space,
// drops other control characters and trims the ends: paragraphs are one
// line of plain text.
func collapse(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r), r == '\u2028', r == '\u2029':
			return ' '
		case unicode.IsControl(r), r >= '\u202A' && r <= '\u202E', r >= '\u2066' && r <= '\u2069':
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// inline is text as one line: its paragraphs joined with spaces, for a
// headline, a caption or a credit.
func inline(s string) string {
	return strings.Join(toPlainText(s).Paragraphs, " ")
}

// splitParagraphs splits plain text on blank lines.
func splitParagraphs(s string) []string {
	var ps []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = collapse(p); p != "" {
			ps = append(ps, p)
		}
	}
	return ps
}
