package server

import (
	"errors"
	"io/fs"
	"net/http"
	"net/url"
	"strings"

	"docket/internal/asset"
	"docket/internal/pages"
	"docket/internal/routes"
)

// The Studio is a browser program of its own, studio.wasm, built from
// app/studio beside the reader's app.wasm. Its files live in web/studio/
// and are served here, under routes.StudioFiles, only to a signed-in
// editor: never under /web/, never in the reader's service worker, never
// in the reader's version (a change to the Studio does not make readers
// download anything again).

// studioDir is the folder of web/ that holds the Studio's files.
const studioDir = "studio"

// studioWasm is the Studio's program; the server starts without it (the
// Studio's page then says to build it), since only editors need it.
const studioWasm = "studio.wasm"

// loadStudioFiles reads web/studio/ (studio.js, studio.css and, once
// built, studio.wasm with its .br and .gz copies) into memory.
func loadStudioFiles(web fs.FS) (assets, error) {
	sub, err := fs.Sub(web, studioDir)
	if err != nil {
		return nil, err
	}
	out := assets{}
	err = fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() || strings.HasSuffix(p, ".br") || strings.HasSuffix(p, ".gz"):
			return nil
		}
		out[p], err = asset.Load(sub, p)
		return err
	})
	if errors.Is(err, fs.ErrNotExist) {
		return out, nil
	}
	return out, err
}

// studioFile answers GET /studio/files/{name}: a file of the Studio, for
// a signed-in editor only.
func (e *editor) studioFile(w http.ResponseWriter, r *http.Request) error {
	if _, err := e.signedIn(r); err != nil {
		return err
	}
	a, ok := e.files[r.PathValue("name")]
	if !ok {
		return errNotFound
	}
	// Its address carries a version (see studioPage): a browser may keep
	// it, for this account's profile only.
	a.Serve(w, r, "private, max-age=31536000, immutable")
	return nil
}

// studioPage answers the Studio's pages (the list of cases, one case): the
// page that starts studio.wasm, or the sign-in page without a session.
func (e *editor) studioPage(w http.ResponseWriter, r *http.Request) error {
	return e.studioApp(w, r, "")
}

// studioPreview answers the preview of a case's saved draft: the same
// program, which shows the reader's page of the case under the prefix.
func (e *editor) studioPreview(w http.ResponseWriter, r *http.Request) error {
	return e.studioApp(w, r, e.under(routes.StudioPreviewPrefix))
}

func (e *editor) studioApp(w http.ResponseWriter, r *http.Request, preview string) error {
	if id := r.PathValue("id"); id != "" {
		if _, ok := routes.StudioCaseID(routes.StudioCase(id)); !ok {
			return errNotFound
		}
	}
	who, err := e.signedIn(r)
	if errors.Is(err, errSignIn) {
		login := e.under(routes.StudioLogin)
		if next := studioReturn(e.s.cfg.Base, r.URL.Path); next != e.under(routes.StudioHome) {
			login += "?next=" + url.QueryEscape(next) // back to this case once signed in
		}
		http.Redirect(w, r, login, http.StatusSeeOther)
		return nil
	} else if err != nil {
		return err
	}
	for _, name := range []string{studioWasm, "studio.js", "studio.css"} {
		if _, ok := e.files[name]; !ok {
			return &httpError{status: http.StatusServiceUnavailable,
				msg: "The Studio's web/studio/" + name + " is missing: run `make build` and start the server again."}
		}
	}
	u := who.user()
	file := func(name string) string {
		return e.under(routes.StudioFiles + name + "?v=" + e.files[name].ETag[1:9])
	}
	return e.page(w, r, http.StatusOK, pages.StudioAppPage(pages.StudioApp{
		Site: e.s.pageSite(), Name: u.Name, Login: u.Login, Role: string(u.Role),
		LogoutAction: e.under(routes.StudioLogout), CSRF: who.token.CSRFToken(),
		Base: e.s.cfg.Base, API: e.under(routes.EditorAPIPrefix), Preview: preview,
		Stylesheet: file("studio.css"), Script: file("studio.js"), Wasm: file(studioWasm),
		WasmExec: e.under("/wasm_exec.js"),
	}))
}
