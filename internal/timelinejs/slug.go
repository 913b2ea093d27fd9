package timelinejs

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// maxSlugLen keeps generated ids short enough to read in a URL, well under
// the format's limit.
const maxSlugLen = 48

// slug is an id made from text: lowercase ASCII letters and digits joined
// by single hyphens, accents dropped ("Rózsa Péter" is "rozsa-peter"). It
// is "" when the text has no letter or digit to keep.
func slug(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’':
			// "Gideon's" is "gideons", not "gideon-s"
		default:
			hyphen = true
		}
		if b.Len() >= maxSlugLen {
			break
		}
	}
	out := b.String()
	if len(out) > maxSlugLen {
		out = out[:maxSlugLen]
		if i := strings.LastIndexByte(out, '-'); i > maxSlugLen/2 {
			out = out[:i] // end on a whole word
		}
	}
	return strings.Trim(out, "-")
}

// idSet hands out ids, each once.
type idSet map[string]bool

// unique returns base, or base-2, base-3 ... when base is taken; an empty
// base becomes fallback.
func (s idSet) unique(base, fallback string) string {
	if base == "" {
		base = fallback
	}
	id := base
	for n := 2; s[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	s[id] = true
	return id
}
