package routes

import "strings"

// The editor's side of the site: a JSON API for the Studio, and the few
// pages the server writes itself to sign in and to create the first
// account. Nothing here is reachable without a session, except signing in
// and the one-time setup page.
const (
	// EditorAPIPrefix starts every path of the editor API.
	EditorAPIPrefix = "/api/editor/"
	// StudioPrefix starts the editor's pages.
	StudioPrefix = "/studio/"
	// StudioHome is the Studio's start page: the list of cases. It and
	// every StudioCase page are one browser program, studio.wasm.
	StudioHome = "/studio/"
	// StudioCasePrefix starts the Studio's page of one case: /studio/cases/{id}.
	StudioCasePrefix = "/studio/cases/"
	// StudioPreviewPrefix starts the preview of a case's saved draft, as
	// readers would see it: /studio/preview/cases/{id}/, the reader's page
	// of the case (CasePath) under this prefix.
	StudioPreviewPrefix = "/studio/preview/"
	// StudioFiles starts the Studio's own files (its program, loader and
	// styles), served only to a signed-in editor, never under /web/.
	StudioFiles = "/studio/files/"
	// StudioLogin is the sign-in page (a form, without script).
	StudioLogin = "/studio/login"
	// StudioLogout ends the session (a form post).
	StudioLogout = "/studio/logout"
	// StudioSetup is the page that creates the first admin, reached only by
	// the link with a one-time token that `docket serve` prints when the
	// database has no account.
	StudioSetup = "/studio/setup"
)

// StudioCase is the Studio's page of one case.
func StudioCase(id string) string { return StudioCasePrefix + id }

// StudioPreview is the preview of a case's saved draft.
func StudioPreview(id string) string {
	return strings.TrimSuffix(StudioPreviewPrefix, "/") + CasePath(id)
}

// StudioCaseID returns the case a Studio page edits, and whether the path
// is such a page (/studio/cases/{id}, a well-formed case id).
func StudioCaseID(path string) (string, bool) {
	id, ok := strings.CutPrefix(path, StudioCasePrefix)
	if !ok || !IsPage(CasePath(id)) || strings.Contains(id, "/") {
		return "", false
	}
	return id, true
}

// Access is who may call an endpoint of the editor API.
type Access string

const (
	AccessAnyone   Access = "anyone"    // signing in
	AccessSignedIn Access = "signed in" // any account with a session
	AccessEditor   Access = "editor"    // an editor or an admin
	AccessAdmin    Access = "admin"     // an admin only
)

// Endpoint is one endpoint of the editor API: a method and a path in the
// pattern syntax of net/http ("{id}" is a segment), who may call it, and
// what it does.
type Endpoint struct {
	Method string
	Path   string
	Access Access
	What   string
}

// Pattern is the endpoint as net/http's ServeMux registers it.
func (e Endpoint) Pattern() string { return e.Method + " " + e.Path }

// EditorAPI is every endpoint of the editor API. The server registers
// exactly these, and the README documents them.
var EditorAPI = []Endpoint{
	{"POST", "/api/editor/session", AccessAnyone, "sign in: {login, password}; sets the session cookie, answers the account and its CSRF token"},
	{"GET", "/api/editor/session", AccessSignedIn, "who is signed in, and the session's CSRF token"},
	{"DELETE", "/api/editor/session", AccessSignedIn, "sign out: ends the session"},
	{"GET", "/api/editor/cases", AccessEditor, "every case in the database, with its state (draft, published, changed, unpublished)"},
	{"POST", "/api/editor/cases", AccessEditor, "create a case: {id, case}; its first draft is revision 1"},
	{"GET", "/api/editor/cases/{id}/draft", AccessEditor, "the case's draft, with its revision"},
	{"PUT", "/api/editor/cases/{id}/draft", AccessEditor, "save the draft: {revision, case}; 409 with the current draft if it moved on"},
	{"POST", "/api/editor/cases/{id}/validate", AccessEditor, "check a case (the body) or the draft (no body) as `docket validate` does: problems with their JSON paths"},
	{"POST", "/api/editor/cases/{id}/publish", AccessEditor, "publish the draft: {revision, note}; 422 with the problems if it is not valid"},
	{"GET", "/api/editor/cases/{id}/versions", AccessEditor, "the published versions, newest first"},
	{"GET", "/api/editor/cases/{id}/versions/{number}", AccessEditor, "one published version, with its case"},
	{"POST", "/api/editor/cases/{id}/rollback", AccessEditor, "publish an old version again, as a new one: {to, note}"},
	{"POST", "/api/editor/cases/{id}/unpublish", AccessEditor, "take the case down (readers get 410 Gone): {note}"},
	{"GET", "/api/editor/cases/{id}/answers", AccessEditor, "how readers answered the quiz readers see now: per question the counts per choice, the share right and the wrong choice picked most; the hardest question; the scores"},
	{"GET", "/api/editor/users", AccessAdmin, "every account"},
	{"POST", "/api/editor/users", AccessAdmin, "add an account: {login, name, role, password}; without a password, one is made and answered once"},
	{"PATCH", "/api/editor/users/{id}", AccessAdmin, "change an account's {name, role, disabled}; disabling ends its sessions"},
	{"POST", "/api/editor/users/{id}/password", AccessAdmin, "set a new password: {password}, or one is made and answered once; ends the account's sessions"},
	{"GET", "/api/editor/audit", AccessAdmin, "the audit log, newest first: ?case=ID&before=ENTRY&limit=N"},
}

// IsEditor reports whether a site path belongs to the editor's side (the
// editor API or the Studio's pages): never cached, never framed, never
// readable from other origins.
func IsEditor(path string) bool {
	return strings.HasPrefix(path, EditorAPIPrefix) || path == strings.TrimSuffix(StudioPrefix, "/") ||
		strings.HasPrefix(path, StudioPrefix)
}
