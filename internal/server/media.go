package server

import (
	"bytes"
	"fmt"
	"image"
	_ "image/gif" // sizes of GIF images
	_ "image/jpeg"
	_ "image/png"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"docket/internal/asset"
	"docket/internal/casefile"
	"docket/internal/routes"
)

// Media. A case file's images may be files of its folder ("media/x.jpg",
// beside the case file for -cases DIR, under web/cases/ for the built-in
// cases) or https URLs. The server reads the files each case references
// at start, as it reads the case files, and serves only those, at
// /media/{case}/{path}: never any other file of the folder. A case
// published from the database has no folder, so its images must be https
// URLs (a publish with a folder image is refused, see mediaProblems).
//
// SVG is served like the other types, with a Content-Security-Policy that
// blocks script, styles from elsewhere and everything else, in a sandbox:
// an <img> never runs an SVG's script, and the policy keeps an SVG opened
// on its own just as inert.

// mediaTypes are the image types a case may use, by extension.
var mediaTypes = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".avif": true, ".svg": true}

// mediaCSP is the Content-Security-Policy of every media file.
const mediaCSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox"

// caseMedia are the media files of the cases from files: case id → path
// inside its folder → the file, read at start.
type caseMedia map[string]map[string]*asset.Asset

// imagesOf lists every image of a case: its lead media's and its events'.
func imagesOf(c *casefile.Case) []*casefile.Image {
	var out []*casefile.Image
	add := func(m *casefile.Media) {
		if m != nil && m.Image != nil {
			out = append(out, m.Image)
		}
	}
	add(c.Media)
	for i := range c.Events {
		add(c.Events[i].Media)
	}
	return out
}

// loadMedia reads the folder images of every case from files: built-in
// cases' from builtIn (web/cases), -cases cases' from the folder of their
// file. A missing file, a path that leaves the folder or a type that is
// not an image stops the start, naming the case and the file.
//
// An image the case gives no width and height gets the file's own (PNG,
// JPEG and GIF; WebP, AVIF and SVG stay unsized), so that it keeps its
// shape rather than sitting in a 3:2 box: the cases are changed here, before
// files encodes them again (see New), so the page, the API's JSON, the wasm
// and an export all see the same numbers. An author's size wins.
func loadMedia(files *casefile.Library, builtIn fs.FS, dir string) (caseMedia, error) {
	out := caseMedia{}
	var problems []string
	for _, id := range files.IDs() {
		e, _ := files.Case(id)
		name := files.File(id)
		fsys := builtIn
		if dir != "" && filepath.Dir(name) == filepath.Clean(dir) {
			fsys = os.DirFS(filepath.Dir(name))
		}
		for _, im := range imagesOf(e.Case) {
			if !routes.IsLocalMedia(im.Src) {
				continue
			}
			if a, done := out[id][im.Src]; done {
				fillSize(im, a.Raw)
				continue
			}
			a, err := readMedia(fsys, im.Src)
			if err != nil {
				problems = append(problems, fmt.Sprintf("case %q (%s): image %q: %v", id, name, im.Src, err))
				continue
			}
			if out[id] == nil {
				out[id] = map[string]*asset.Asset{}
			}
			out[id][im.Src] = a
			fillSize(im, a.Raw)
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(problems, "\n"))
	}
	return out, nil
}

// readMedia reads one image inside a case's folder.
func readMedia(fsys fs.FS, src string) (*asset.Asset, error) {
	if !fs.ValidPath(src) || strings.Contains(src, "\\") {
		return nil, fmt.Errorf("write a path inside the case's folder, such as media/photo.jpg, without .. or a leading /")
	}
	ext := strings.ToLower(path.Ext(src))
	if !mediaTypes[ext] {
		return nil, fmt.Errorf("not an image Docket serves: use .png, .jpg, .gif, .webp, .avif or .svg")
	}
	raw, err := fs.ReadFile(fsys, src)
	if err != nil {
		return nil, fmt.Errorf("cannot read it: %v", pathErrorText(err))
	}
	return asset.New(src, raw, asset.Best)
}

// fillSize sets an image's width and height to those of its file, raw,
// when the case leaves them out and the file is of a type whose size Go
// reads (PNG, JPEG, GIF).
func fillSize(im *casefile.Image, raw []byte) {
	if im.Width != 0 || im.Height != 0 {
		return
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(raw))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return
	}
	im.Width, im.Height = cfg.Width, cfg.Height
}

// pathErrorText is an error's text without the path the message names.
func pathErrorText(err error) string {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// urls are the site paths of every media file, versioned as pages link
// them, for the service worker to keep offline.
func (m caseMedia) urls(version string) []string {
	var out []string
	for id, files := range m {
		for src := range files {
			out = append(out, routes.MediaPath(id, src)+"?v="+url.QueryEscape(version))
		}
	}
	slices.Sort(out)
	return out
}

// serveMedia answers /media/{case}/{path}: a file the case references,
// kept a year when linked with this build's version.
func (s *Server) serveMedia(w http.ResponseWriter, r *http.Request) error {
	id, src, ok := routes.MediaFile(r.URL.Path)
	if !ok {
		return errNotFound
	}
	a, ok := s.media[id][src]
	if !ok {
		return errNotFound
	}
	cache := "no-cache"
	if r.URL.Query().Get("v") == s.version {
		cache = "public, max-age=31536000, immutable"
	}
	w.Header().Set("Content-Security-Policy", mediaCSP)
	a.Serve(w, r, cache)
	return nil
}

// imageHosts are the https origins of the images of cases, sorted, for
// the pages' img-src. An origin that is not a plain https host (which
// could not break out of the policy anyway: the validator checks URLs) is
// left out.
func imageHosts(entries []casefile.Entry) []string {
	seen := map[string]bool{}
	for _, e := range entries {
		for _, im := range imagesOf(e.Case) {
			if routes.IsLocalMedia(im.Src) {
				continue
			}
			u, err := url.Parse(im.Src)
			if err != nil || u.Scheme != "https" || !validHost(strings.ToLower(u.Host)) || strings.Trim(u.Host, ".:[]") == "" {
				continue
			}
			seen["https://"+strings.ToLower(u.Host)] = true
		}
	}
	hosts := make([]string, 0, len(seen))
	for h := range seen {
		hosts = append(hosts, h)
	}
	slices.Sort(hosts)
	return hosts
}

// MediaPaths are the site paths (escaped, without the version) of the
// images of the cases from files, sorted: what the static export copies.
func (s *Server) MediaPaths() []string {
	var out []string
	for id, files := range s.media {
		for src := range files {
			out = append(out, routes.MediaPath(id, src))
		}
	}
	slices.Sort(out)
	return out
}
