package server

import (
	"bytes"
	"crypto/sha256"
	"docket/internal/compress"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
)

// asset is one file served from memory, with its compressed copies and a
// strong ETag made from its content.
type asset struct {
	name        string
	contentType string
	etag        string
	raw         []byte
	br, gz      []byte
}

// assets is the set of files under /web/, prepared once at start.
type assets map[string]*asset

// compressible reports whether a file of this type gains from compression.
func compressible(name string) bool {
	switch path.Ext(name) {
	case ".wasm", ".js", ".css", ".json", ".html", ".svg", ".txt", ".webmanifest", ".xml":
		return true
	}
	return false
}

// loadAssets reads every file of fsys into memory. Compressed copies built
// with the file (name.br, name.gz) are used as they are; other compressible
// files are compressed here, once, never per request.
func loadAssets(fsys fs.FS) (assets, error) {
	out := assets{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || strings.HasSuffix(p, ".go") || strings.HasSuffix(p, ".br") || strings.HasSuffix(p, ".gz") {
			return nil
		}
		raw, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(raw)
		a := &asset{
			name:        p,
			contentType: contentType(p),
			etag:        `"` + hex.EncodeToString(sum[:12]) + `"`,
			raw:         raw,
		}
		// Case files are served by the API and style parts in the bundle,
		// never as they are: no need for compressed copies.
		if compressible(p) && !strings.HasPrefix(p, "cases/") && !strings.HasPrefix(p, "styles/") {
			if a.br, err = readOrCompress(fsys, p+".br", raw, bestBrotli); err != nil {
				return err
			}
			if a.gz, err = readOrCompress(fsys, p+".gz", raw, bestGzip); err != nil {
				return err
			}
		}
		out[p] = a
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, bundleStyles(fsys, out)
}

// bundleStyles joins web/styles/*.css, in name order, into one stylesheet,
// docket.css: one request for the page, while each part of the UI keeps
// its styles in a file of its own.
func bundleStyles(fsys fs.FS, out assets) error {
	names, err := fs.Glob(fsys, "styles/*.css")
	if err != nil || len(names) == 0 {
		return err
	}
	slices.Sort(names)
	var b bytes.Buffer
	for _, n := range names {
		b.WriteString("/* " + n + " */\n")
		b.Write(out[n].raw)
		b.WriteString("\n")
		delete(out, n)
	}
	raw := b.Bytes()
	sum := sha256.Sum256(raw)
	a := &asset{name: "docket.css", contentType: "text/css; charset=utf-8", etag: `"` + hex.EncodeToString(sum[:12]) + `"`, raw: raw}
	if a.br, err = compress.Brotli(raw, compress.BestBrotli); err != nil {
		return err
	}
	if a.gz, err = compress.Gzip(raw, compress.BestGzip); err != nil {
		return err
	}
	out["docket.css"] = a
	return nil
}

func readOrCompress(fsys fs.FS, name string, raw []byte, compress func([]byte) ([]byte, error)) ([]byte, error) {
	if b, err := fs.ReadFile(fsys, name); err == nil {
		return b, nil
	}
	b, err := compress(raw)
	if err != nil {
		return nil, fmt.Errorf("compressing %s: %w", name, err)
	}
	if len(b) >= len(raw) {
		return nil, nil
	}
	return b, nil
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".wasm":
		return "application/wasm"
	case ".webmanifest":
		return "application/manifest+json"
	case ".json":
		return "application/json"
	case ".js":
		return "text/javascript; charset=utf-8"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// serve writes the asset, picking brotli or gzip by Accept-Encoding, and
// answers 304 to a matching If-None-Match.
func (a *asset) serve(w http.ResponseWriter, r *http.Request, cacheControl string) {
	h := w.Header()
	h.Set("Content-Type", a.contentType)
	h.Set("ETag", a.etag)
	h.Set("Cache-Control", cacheControl)
	if a.br != nil || a.gz != nil {
		h.Add("Vary", "Accept-Encoding")
	}
	if etagMatch(r.Header.Get("If-None-Match"), a.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := a.raw
	switch enc := acceptedEncoding(r.Header.Get("Accept-Encoding")); {
	case enc == "br" && a.br != nil:
		h.Set("Content-Encoding", "br")
		body = a.br
	case (enc == "br" || enc == "gzip") && a.gz != nil && acceptsEncoding(r.Header.Get("Accept-Encoding"), "gzip"):
		h.Set("Content-Encoding", "gzip")
		body = a.gz
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// etagMatch reports whether an If-None-Match header names the ETag.
func etagMatch(header, etag string) bool {
	if header == "" {
		return false
	}
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || t == etag || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}

// acceptedEncoding returns "br" when the client takes brotli, else "gzip"
// when it takes gzip, else "".
func acceptedEncoding(header string) string {
	switch {
	case acceptsEncoding(header, "br"):
		return "br"
	case acceptsEncoding(header, "gzip"):
		return "gzip"
	}
	return ""
}

// acceptsEncoding reports whether an Accept-Encoding header allows coding
// (present and not with q=0).
func acceptsEncoding(header, coding string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), coding) {
			continue
		}
		params = strings.ReplaceAll(params, " ", "")
		if q, ok := strings.CutPrefix(params, "q="); ok {
			if v, err := strconv.ParseFloat(q, 64); err == nil && v == 0 {
				return false
			}
		}
		return true
	}
	return false
}

// bestBrotli and bestGzip compress a file once, at start, as well as they can.
func bestBrotli(raw []byte) ([]byte, error) { return compress.Brotli(raw, compress.BestBrotli) }
func bestGzip(raw []byte) ([]byte, error)   { return compress.Gzip(raw, compress.BestGzip) }
