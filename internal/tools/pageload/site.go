package main

import (
	"context"
	"crypto/sha256"
	"docket/internal/compress"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

// site is a set of files served from memory, each with brotli and gzip
// copies made once, a strong ETag and its own Cache-Control: how a careful
// static host serves the pages Docket is measured against.
type site struct {
	files map[string]*file
	// fallback, when set, answers paths that are not files.
	fallback http.Handler
}

type file struct {
	contentType, cacheControl, etag string
	raw, br, gz                     []byte
}

func newSite() *site { return &site{files: map[string]*file{}} }

// add serves raw at path p (without its query) with the Cache-Control cc.
func (s *site) add(p string, raw []byte, cc string) error {
	sum := sha256.Sum256(raw)
	f := &file{
		contentType:  contentTypeOf(p),
		cacheControl: cc,
		etag:         `"` + hex.EncodeToString(sum[:12]) + `"`,
		raw:          raw,
	}
	if compressible(p) {
		var err error
		if f.br, err = compress.Brotli(raw, compress.BestBrotli); err != nil {
			return err
		}
		if f.gz, err = compress.Gzip(raw, compress.BestGzip); err != nil {
			return err
		}
	}
	s.files[p] = f
	return nil
}

// Cache-Control values: pages revalidate; versioned files are kept.
const (
	revalidate = "no-cache"
	immutable  = "public, max-age=31536000, immutable"
)

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f, ok := s.files[r.URL.Path]
	if !ok {
		if s.fallback != nil {
			s.fallback.ServeHTTP(w, r)
			return
		}
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("Cache-Control", f.cacheControl)
	h.Set("ETag", f.etag)
	if f.br != nil {
		h.Set("Vary", "Accept-Encoding")
	}
	if r.Header.Get("If-None-Match") == f.etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := f.raw
	ae := r.Header.Get("Accept-Encoding")
	switch {
	case f.br != nil && strings.Contains(ae, "br"):
		h.Set("Content-Encoding", "br")
		body = f.br
	case f.gz != nil && strings.Contains(ae, "gzip"):
		h.Set("Content-Encoding", "gzip")
		body = f.gz
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

func compressible(p string) bool {
	switch path.Ext(p) {
	case ".html", ".css", ".js", ".json", ".svg", ".wasm", ".webmanifest", ".txt", ".eot", ".ttf":
		return true
	}
	return p == "/" || path.Ext(p) == ""
}

func contentTypeOf(p string) string {
	switch path.Ext(p) {
	case ".wasm":
		return "application/wasm"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".json":
		return "application/json"
	case ".webmanifest":
		return "application/manifest+json"
	case "", ".html":
		return "text/html; charset=utf-8"
	}
	if t := mime.TypeByExtension(path.Ext(p)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// serveLoopback serves h on a free port of 127.0.0.1 until ctx ends and
// returns its base URL.
func serveLoopback(ctx context.Context, h http.Handler) (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Println("pageload: server:", err)
		}
	}()
	context.AfterFunc(ctx, func() { srv.Close() })
	return "http://" + ln.Addr().String(), nil
}

// freeLoopbackAddr is a port of 127.0.0.1 free at the moment, for a server
// in another process.
func freeLoopbackAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}
