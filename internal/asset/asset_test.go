package asset

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/andybalholm/brotli"
)

func TestCompressible(t *testing.T) {
	for _, tc := range []struct {
		name string
		want bool
	}{
		{"index.html", true},
		{"cases/x/events/y/index.html", true},
		{"docket.css", true},
		{"app.js", true},
		{"/wasm_exec.js", true},
		{"api/cases.json", true},
		{"manifest.webmanifest", true},
		{"web/app.wasm", true},
		{"icons/icon.svg", true},
		{"ROBOTS.TXT", true},
		{"sitemap.xml", true},
		{"fonts/serif.ttf", true},
		{"share.png", false},
		{"photo.jpg", false},
		{"fonts/serif.woff2", false},
		{"web/app.wasm.br", false},
		{"web/app.wasm.gz", false},
		{"README", false},
		{"", false},
	} {
		if got := Compressible(tc.name); got != tc.want {
			t.Errorf("Compressible(%q) = %v; want %v", tc.name, got, tc.want)
		}
	}
}

func TestContentType(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"web/app.wasm", "application/wasm"},
		{"manifest.webmanifest", "application/manifest+json"},
		{"api/cases.json", "application/json"},
		{"app.js", "text/javascript; charset=utf-8"},
		{"docket.css", "text/css; charset=utf-8"},
		{"cases/x/index.html", "text/html; charset=utf-8"},
		{"icons/icon.svg", "image/svg+xml"},
		{"share.png", "image/png"},
		{"no-extension", "application/octet-stream"},
	} {
		if got := ContentType(tc.name); got != tc.want {
			t.Errorf("ContentType(%q) = %q; want %q", tc.name, got, tc.want)
		}
	}
}

// text is long enough, and repetitive enough, that both codings shrink it.
var text = []byte(strings.Repeat("The court held that the order was without prejudice. ", 200))

func TestNew(t *testing.T) {
	for _, tc := range []struct {
		name        string
		raw         []byte
		level       Level
		wantCopies  bool
		contentType string
	}{
		{"docket.css", text, Best, true, "text/css; charset=utf-8"},
		{"cases/x/index.html", text, Quick, true, "text/html; charset=utf-8"},
		{"web/app.wasm", text, Best, true, "application/wasm"},
		// Not a compressible type: no copies, however well it would shrink.
		{"share.png", text, Best, false, "image/png"},
		// Too short to shrink: a copy no smaller than raw is dropped.
		{"tiny.js", []byte("x"), Best, false, "text/javascript; charset=utf-8"},
		{"empty.json", nil, Best, false, "application/json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := New(tc.name, tc.raw, tc.level)
			if err != nil {
				t.Fatal(err)
			}
			if a.Name != tc.name || a.ContentType != tc.contentType || !bytes.Equal(a.Raw, tc.raw) {
				t.Errorf("New(%q) = name %q, type %q, %d raw bytes", tc.name, a.Name, a.ContentType, len(a.Raw))
			}
			if got := a.Br != nil || a.Gz != nil; got != tc.wantCopies {
				t.Fatalf("copies: br %d bytes, gz %d bytes; want copies %v", len(a.Br), len(a.Gz), tc.wantCopies)
			}
			if !tc.wantCopies {
				return
			}
			if len(a.Br) >= len(tc.raw) || len(a.Gz) >= len(tc.raw) {
				t.Errorf("copies of %d bytes: br %d, gz %d; want both smaller", len(tc.raw), len(a.Br), len(a.Gz))
			}
			if got := unbrotli(t, a.Br); !bytes.Equal(got, tc.raw) {
				t.Errorf("the brotli copy decompresses to %d bytes, not the raw %d", len(got), len(tc.raw))
			}
			if got := gunzip(t, a.Gz); !bytes.Equal(got, tc.raw) {
				t.Errorf("the gzip copy decompresses to %d bytes, not the raw %d", len(got), len(tc.raw))
			}
		})
	}
}

func TestETag(t *testing.T) {
	a, _ := New("a.css", text, Best)
	b, _ := New("elsewhere/b.css", bytes.Clone(text), Quick)
	c, _ := New("a.css", append(bytes.Clone(text), '!'), Best)
	if a.ETag != b.ETag {
		t.Errorf("the same bytes have ETags %s and %s: an ETag must come from the content alone", a.ETag, b.ETag)
	}
	if a.ETag == c.ETag {
		t.Errorf("different bytes share the ETag %s", a.ETag)
	}
	if !strings.HasPrefix(a.ETag, `"`) || !strings.HasSuffix(a.ETag, `"`) || len(a.ETag) < 20 {
		t.Errorf("ETag %s is not a strong, quoted tag", a.ETag)
	}
	if a.ETag != ETag(text) {
		t.Errorf("asset ETag %s; ETag(raw) %s", a.ETag, ETag(text))
	}
}

func TestLoad(t *testing.T) {
	fsys := fstest.MapFS{
		// Copies built ahead, as `make build` writes for the wasm: used as
		// they are, never made again.
		"app.wasm":    {Data: text},
		"app.wasm.br": {Data: []byte("brotli built ahead")},
		"app.wasm.gz": {Data: []byte("gzip built ahead")},
		// One copy built ahead: the other is made.
		"half.js":    {Data: text},
		"half.js.br": {Data: []byte("brotli built ahead")},
		// A copy built ahead that is no smaller than the file is dropped.
		"small.css":    {Data: []byte("a{}")},
		"small.css.br": {Data: []byte("much longer than the file")},
		// None built: both made.
		"docket.js": {Data: text},
		// Not compressible, none built: none made.
		"share.png": {Data: text},
	}
	for _, tc := range []struct {
		name, wantBr, wantGz string // "made" for a copy made here, "" for none
	}{
		{"app.wasm", "brotli built ahead", "gzip built ahead"},
		{"half.js", "brotli built ahead", "made"},
		{"small.css", "", ""},
		{"docket.js", "made", "made"},
		{"share.png", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Load(fsys, tc.name)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Raw, fsys[tc.name].Data) || a.ETag != ETag(fsys[tc.name].Data) {
				t.Errorf("Load(%q): raw or ETag is not the file's", tc.name)
			}
			check := func(coding string, got []byte, want string, decompress func(*testing.T, []byte) []byte) {
				switch want {
				case "":
					if got != nil {
						t.Errorf("%s copy of %d bytes; want none", coding, len(got))
					}
				case "made":
					if got == nil || !bytes.Equal(decompress(t, got), a.Raw) {
						t.Errorf("%s copy was not made from the file", coding)
					}
				default:
					if string(got) != want {
						t.Errorf("%s copy %q; want the one built ahead, %q", coding, got, want)
					}
				}
			}
			check("brotli", a.Br, tc.wantBr, unbrotli)
			check("gzip", a.Gz, tc.wantGz, gunzip)
		})
	}
	if _, err := Load(fsys, "missing.js"); err == nil {
		t.Error("Load of a missing file gave no error")
	}
}

func unbrotli(t *testing.T, b []byte) []byte {
	t.Helper()
	out, err := io.ReadAll(brotli.NewReader(bytes.NewReader(b)))
	if err != nil {
		t.Fatalf("brotli: %v", err)
	}
	return out
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("gzip: %v", err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("gzip: %v", err)
	}
	return out
}
