// Package routes is Docket's one route table: every page path, used by the
// browser program (to mount pages), the server (to answer them, since
// go-app answers 404 for any page the server did not register) and the
// static export. It is a leaf package: paths only, no components.
package routes

import (
	"net/url"
	"regexp"
	"strings"
	"sync"
)

// Kind is what a page shows.
type Kind int

// The kinds of page.
const (
	// CaseFull is the full page of a case: timeline, quiz and glossary.
	CaseFull Kind = iota
	// CaseEmbed is a case in compact chrome, for an iframe in a news page.
	CaseEmbed
)

// Page is one entry of the route table.
type Page struct {
	// Pattern is the regular expression go-app matches the path against.
	Pattern string
	Kind    Kind
}

// idPattern is the case-id format of case files.
const idPattern = `[a-z0-9]+(?:-[a-z0-9]+)*`

// Table is every page of the app. A trailing slash is allowed, since a
// static host serves /cases/x from cases/x/index.html at /cases/x/.
var Table = []Page{
	{Pattern: `^/$`, Kind: CaseFull},
	{Pattern: `^/cases/` + idPattern + `/?$`, Kind: CaseFull},
	{Pattern: `^/cases/` + idPattern + `/events/` + idPattern + `/?$`, Kind: CaseFull},
	{Pattern: `^/embed/` + idPattern + `/?$`, Kind: CaseEmbed},
}

// compiled is Table's patterns, compiled on first use rather than when the
// program starts: the browser program's start is a long task already.
var compiled = sync.OnceValue(func() []*regexp.Regexp {
	res := make([]*regexp.Regexp, len(Table))
	for i, p := range Table {
		res[i] = regexp.MustCompile(p.Pattern)
	}
	return res
})

// Home is the full page of the default case.
const Home = "/"

// The site's own pages beside the app's, which the server writes without
// the wasm (so they are not in Table, and a link to them from an app page
// must load as a page, not inside the app): the list of published cases,
// and what crawlers read.
const (
	// CaseList lists every published case, newest update first.
	CaseList = "/cases/"
	// Sitemap lists the pages of every published case, for search engines.
	Sitemap = "/sitemap.xml"
	// Robots is robots.txt, which names the sitemap.
	Robots = "/robots.txt"
)

// casePrefix starts the full page of any case: /cases/{id}; embedPrefix
// the embed of a case: /embed/{id}.
const (
	casePrefix  = "/cases/"
	embedPrefix = "/embed/"
)

// Match returns the page a path is, if any.
func Match(path string) (Page, bool) {
	for i, re := range compiled() {
		if re.MatchString(path) {
			return Table[i], true
		}
	}
	return Page{}, false
}

// IsPage reports whether path is one of the app's pages.
func IsPage(path string) bool {
	_, ok := Match(path)
	return ok
}

// CaseID returns the case a page path names, or "" for the default case.
func CaseID(path string) string {
	if id, ok := strings.CutPrefix(path, casePrefix); ok {
		id, _, _ = strings.Cut(id, "/")
		return id
	}
	if id, ok := strings.CutPrefix(path, embedPrefix); ok {
		return strings.TrimSuffix(id, "/")
	}
	return ""
}

// EventID returns the event a page selects: ?event=ID, or the event of an
// event page's path (/cases/{case}/events/{event}), which static hosts can
// serve as a file of its own.
func EventID(u *url.URL) string {
	if ev := u.Query().Get("event"); ev != "" {
		return ev
	}
	rest, ok := strings.CutPrefix(u.Path, casePrefix)
	if !ok {
		return ""
	}
	_, ev, ok := strings.Cut(rest, "/events/")
	if !ok {
		return ""
	}
	return strings.TrimSuffix(ev, "/")
}

// IsEventPage reports whether path is the page of one event of a case.
func IsEventPage(path string) bool {
	_, ok := OnEvent(path, "x")
	return ok
}

// OnEvent returns an event page's path opened on another event instead,
// keeping its trailing slash if it has one (/cases/x/events/a/ becomes
// /cases/x/events/b/), and reports whether path was an event page.
func OnEvent(path, eventID string) (string, bool) {
	p, ok := Match(path)
	if !ok || p.Kind != CaseFull {
		return "", false
	}
	rest, ok := strings.CutPrefix(path, casePrefix)
	if !ok {
		return "", false
	}
	caseID, ev, ok := strings.Cut(rest, "/events/")
	if !ok {
		return "", false
	}
	out := EventPath(caseID, eventID)
	if !strings.HasSuffix(ev, "/") {
		out = strings.TrimSuffix(out, "/")
	}
	return out, true
}

// EventPath is the page of a case opened on one event. Page paths end in a
// slash, the form a static host serves (from the folder's index.html)
// without a redirect; the server answers both.
func EventPath(caseID, eventID string) string {
	return casePrefix + caseID + "/events/" + eventID + "/"
}

// IsEmbed reports whether a path is an embed page, which other sites may
// frame.
func IsEmbed(path string) bool {
	p, ok := Match(path)
	return ok && p.Kind == CaseEmbed
}

// CasePath is the full page of a case (with the slash, see EventPath).
func CasePath(id string) string { return casePrefix + id + "/" }

// PagePath is the full page of a case on a site whose default case is
// defaultID: "/" for the default case, CasePath for the others.
func PagePath(id, defaultID string) string {
	if id == defaultID {
		return Home
	}
	return CasePath(id)
}

// CaseDataPath is the site path of a case's JSON, the same file on the
// server (which also answers /api/cases/{id}) and in a static export.
func CaseDataPath(id string) string { return "/api/cases/" + id + ".json" }

// EmbedPath is the embed page of a case.
func EmbedPath(id string) string { return embedPrefix + id + "/" }

// The views an embed may show (its "view" query parameter).
const (
	ViewTimeline = "timeline"
	ViewQuiz     = "quiz"
	ViewBoth     = "both"
)

// EmbedView reads an embed's view parameter: timeline, quiz or both (the
// default, and what any other value means).
func EmbedView(v string) string {
	switch v {
	case ViewTimeline, ViewQuiz:
		return v
	}
	return ViewBoth
}

// Under is a site path ("/", "/cases/x/", "/web/share.png?v=1") as served
// under base, the site's sub-path ("/" or "/explainers/"):
// "/explainers/cases/x/". Anything else (a fragment "#x", a full URL) is
// returned as it is.
func Under(base, path string) string {
	if !strings.HasPrefix(path, "/") {
		return path
	}
	return strings.TrimRight(base, "/") + path
}

// Within is the inverse of Under: the site path of a path served under
// base ("/explainers/cases/x/" is "/cases/x/", "/explainers" is "/"), and
// whether the path is under base at all.
func Within(base, path string) (string, bool) {
	p, ok := strings.CutPrefix(path, strings.TrimRight(base, "/"))
	if !ok || (p != "" && !strings.HasPrefix(p, "/")) {
		return "", false
	}
	if p == "" {
		p = "/"
	}
	return p, true
}

// mediaPrefix starts the path of a case's own media file:
// /media/{case}/{path inside the case's folder}.
const mediaPrefix = "/media/"

// IsLocalMedia reports whether an image's src names a file in the case's
// folder ("media/summons.jpg") rather than an https URL.
func IsLocalMedia(src string) bool {
	return !strings.Contains(src, "://") && !strings.HasPrefix(src, "//")
}

// MediaPath is where a case's own media file is served: the path inside
// the case's folder under /media/{case}/, each segment escaped.
func MediaPath(caseID, src string) string {
	segs := strings.Split(src, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return mediaPrefix + caseID + "/" + strings.Join(segs, "/")
}

// MediaFile is the inverse of MediaPath: the case and the path inside its
// folder that a site path (unescaped, as net/http gives it) names, when it
// is a media path at all.
func MediaFile(path string) (caseID, src string, ok bool) {
	rest, ok := strings.CutPrefix(path, mediaPrefix)
	if !ok {
		return "", "", false
	}
	caseID, src, ok = strings.Cut(rest, "/")
	if !ok || caseID == "" || src == "" {
		return "", "", false
	}
	return caseID, src, true
}

// AnswersPath is where a case's quiz answers are counted (POST) and their
// counts read (GET ?version=V): the reader API's one endpoint that takes a
// body.
func AnswersPath(id string) string { return "/api/cases/" + id + "/answers" }

// answersPattern matches AnswersPath.
var answersPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^/api/cases/` + idPattern + `/answers$`)
})

// IsAnswers reports whether a site path is a case's AnswersPath.
func IsAnswers(path string) bool { return answersPattern().MatchString(path) }

// Privacy is the page that says what counting answers stores, and what not.
const Privacy = "/privacy/"

// EmbedCode is the page where a web producer copies the embed code of a
// published case: /embed-code/{id}.
func EmbedCode(id string) string { return "/embed-code/" + id }

// OEmbed is the oEmbed endpoint: /oembed?url={a case's page}&format=json.
const OEmbed = "/oembed"
