package asset

import (
	"net/http/httptest"
	"testing"
)

func TestServe(t *testing.T) {
	a := &Asset{Name: "app.js", ContentType: "text/javascript; charset=utf-8", ETag: `"abc"`,
		Raw: []byte("raw bytes"), Br: []byte("br"), Gz: []byte("gz")}
	onlyGz := &Asset{Name: "app.js", ContentType: a.ContentType, ETag: a.ETag, Raw: a.Raw, Gz: a.Gz}
	plain := &Asset{Name: "share.png", ContentType: "image/png", ETag: `"png"`, Raw: []byte("png")}
	for _, tc := range []struct {
		name                   string
		asset                  *Asset
		method, accept, ifNone string
		wantStatus             int
		wantEncoding, wantBody string
		wantVary               string
	}{
		{"brotli first", a, "GET", "gzip, deflate, br", "", 200, "br", "br", "Accept-Encoding"},
		{"gzip", a, "GET", "gzip", "", 200, "gzip", "gz", "Accept-Encoding"},
		{"identity", a, "GET", "", "", 200, "", "raw bytes", "Accept-Encoding"},
		{"brotli refused", a, "GET", "br;q=0, gzip", "", 200, "gzip", "gz", "Accept-Encoding"},
		{"all refused", a, "GET", "br;q=0, gzip;q=0", "", 200, "", "raw bytes", "Accept-Encoding"},
		{"no brotli copy", onlyGz, "GET", "br, gzip", "", 200, "gzip", "gz", "Accept-Encoding"},
		{"not compressible", plain, "GET", "br, gzip", "", 200, "", "png", ""},
		{"head", a, "HEAD", "br", "", 200, "br", "", "Accept-Encoding"},
		{"etag matches", a, "GET", "br", `"abc"`, 304, "", "", "Accept-Encoding"},
		{"weak form matches", a, "GET", "br", `"x", W/"abc"`, 304, "", "", "Accept-Encoding"},
		{"any", a, "GET", "br", `*`, 304, "", "", "Accept-Encoding"},
		{"other etag", a, "GET", "br", `"other"`, 200, "br", "br", "Accept-Encoding"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(tc.method, "/app.js", nil)
			r.Header.Set("Accept-Encoding", tc.accept)
			r.Header.Set("If-None-Match", tc.ifNone)
			w := httptest.NewRecorder()
			tc.asset.Serve(w, r, "no-cache")
			h := w.Header()
			if w.Code != tc.wantStatus || h.Get("Content-Encoding") != tc.wantEncoding || w.Body.String() != tc.wantBody {
				t.Errorf("= %d %q %q; want %d %q %q", w.Code, h.Get("Content-Encoding"), w.Body.String(), tc.wantStatus, tc.wantEncoding, tc.wantBody)
			}
			if h.Get("ETag") != tc.asset.ETag || h.Get("Cache-Control") != "no-cache" || h.Get("Content-Type") != tc.asset.ContentType || h.Get("Vary") != tc.wantVary {
				t.Errorf("headers %v", h)
			}
		})
	}
}
