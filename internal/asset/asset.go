// Package asset makes a file ready to serve: its content type, a strong
// ETag made from its bytes, and brotli and gzip copies, each kept only when
// it is smaller. The server, the static export and the build's precompress
// step all make their copies here, so whether and how a file is compressed
// is decided once.
package asset

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"path"
	"strings"

	"docket/internal/compress"
)

// Asset is one file as it is served.
type Asset struct {
	Name        string
	ContentType string
	// ETag is strong and quoted, made from Raw: replicas of one build agree.
	ETag string
	Raw  []byte
	// Br and Gz are the brotli and gzip copies, nil when the file does not
	// gain from compression.
	Br, Gz []byte
}

// Level is how hard to compress.
type Level int

const (
	// Best is for files compressed once: at build, at start, at export.
	Best Level = iota
	// Quick is for pages rendered while a reader waits.
	Quick
)

// New makes the asset of a file called name (a path; only its extension
// matters) holding raw, with compressed copies when Compressible(name).
func New(name string, raw []byte, level Level) (*Asset, error) {
	return build(name, raw, level, nil, nil)
}

// Load reads name from fsys and makes its asset. Copies built ahead
// beside it (name.br, name.gz, as `make build` writes for the wasm) are
// used as they are, so a large file is never compressed at start.
func Load(fsys fs.FS, name string) (*Asset, error) {
	raw, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	br, err := readBuilt(fsys, name+".br")
	if err != nil {
		return nil, err
	}
	gz, err := readBuilt(fsys, name+".gz")
	if err != nil {
		return nil, err
	}
	return build(name, raw, Best, br, gz)
}

// readBuilt reads a copy built ahead, or returns nil when there is none.
func readBuilt(fsys fs.FS, name string) ([]byte, error) {
	b, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return b, err
}

// build makes the asset, compressing raw for each copy not given.
func build(name string, raw []byte, level Level, br, gz []byte) (*Asset, error) {
	a := &Asset{Name: name, ContentType: ContentType(name), ETag: ETag(raw), Raw: raw}
	brQuality, gzLevel := compress.BestBrotli, compress.BestGzip
	if level == Quick {
		brQuality, gzLevel = 6, 6
	}
	var err error
	if br == nil && Compressible(name) {
		if br, err = compress.Brotli(raw, brQuality); err != nil {
			return nil, fmt.Errorf("compressing %s with brotli: %w", name, err)
		}
	}
	if gz == nil && Compressible(name) {
		if gz, err = compress.Gzip(raw, gzLevel); err != nil {
			return nil, fmt.Errorf("compressing %s with gzip: %w", name, err)
		}
	}
	a.Br, a.Gz = smaller(br, raw), smaller(gz, raw)
	return a, nil
}

// smaller returns the copy when it is smaller than raw, else nil: a copy
// that saves nothing costs a decompression for no gain.
func smaller(copy, raw []byte) []byte {
	if copy == nil || len(copy) >= len(raw) {
		return nil
	}
	return copy
}

// ETag is a strong ETag made from b.
func ETag(b []byte) string {
	sum := sha256.Sum256(b)
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}

// Compressible reports whether a file called name gains from brotli and
// gzip: text, WebAssembly and uncompressed font formats do; images, woff2
// and archives are compressed already.
func Compressible(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".css", ".js", ".mjs", ".json", ".webmanifest", ".map", ".txt", ".xml", ".svg", ".ico", ".wasm", ".ttf", ".otf", ".eot":
		return true
	}
	return false
}

// ContentType is the Content-Type of a file called name. The types
// browsers are strict about are fixed here rather than left to the
// system's MIME table: a wasm of another type is not stream-compiled.
func ContentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	switch ext {
	case ".wasm":
		return "application/wasm"
	case ".webmanifest":
		return "application/manifest+json"
	case ".json":
		return "application/json"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".html":
		return "text/html; charset=utf-8"
	case ".txt":
		return "text/plain; charset=utf-8"
	case ".xml":
		return "application/xml; charset=utf-8"
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}
