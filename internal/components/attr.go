package components

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// attrText is case text s made ready to be an attribute's value. The
// browser sets attributes through the DOM and takes s as it is. The server's
// prerender writes attribute values with strconv.Quote, Go's escapes rather
// than HTML's: a `"` would end the value early, a `\` would be doubled, a
// zero-width joiner become the six characters \u200d. So on the server the
// characters strconv.Quote would change, and `&`, are written as HTML
// character references, which it leaves alone and HTML reads back as s.
func attrText(s string) string {
	if !app.IsServer {
		return s
	}
	return attrEscape(s)
}

// attrEscape writes &, ", \ and every character strconv.Quote would escape
// as an HTML character reference. (HTML reads the references of the C1
// controls, U+0080 to U+009F, as other characters; case files hold no
// control characters.)
func attrEscape(s string) string {
	i := strings.IndexFunc(s, needsReference)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '"':
			b.WriteString("&#34;")
		case r == '\\':
			b.WriteString("&#92;")
		case needsReference(r):
			b.WriteString("&#x")
			b.WriteString(strconv.FormatInt(int64(r), 16))
			b.WriteByte(';')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// needsReference reports whether attrEscape writes r as a reference: an
// invalid byte, read as utf8.RuneError, is written as U+FFFD, which is what
// a browser reads from it.
func needsReference(r rune) bool {
	return r == '&' || r == '"' || r == '\\' || r == utf8.RuneError || !strconv.IsPrint(r)
}
