package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

// TestReaderChecksOneVersion checks what a reader counts: a page of one
// published version is that version; a page naming two versions, none, or
// one not yet published is 0; a failed answer is an error; brotli answers
// are read like plain ones.
func TestReaderChecksOneVersion(t *testing.T) {
	pages := map[string]string{
		"/whole":  `<title>Bench edition 3 · Docket</title><h1>Bench edition 3</h1><script type="application/json">{"title":"Bench edition 3"}</script>`,
		"/mixed":  `<title>Bench edition 3 · Docket</title><h1>Bench edition 3</h1><script type="application/json">{"title":"Bench edition 4"}</script>`,
		"/none":   `<h1>Something else</h1>`,
		"/future": `<h1>Bench edition 9</h1>`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch p, ok := pages[r.URL.Path]; {
		case r.URL.Path == "/brotli":
			var b bytes.Buffer
			bw := brotli.NewWriter(&b)
			bw.Write([]byte(pages["/whole"]))
			bw.Close()
			w.Header().Set("Content-Encoding", "br")
			w.Write(b.Bytes())
		case ok:
			w.Write([]byte(p))
		default:
			http.Error(w, "no", http.StatusGone)
		}
	}))
	defer srv.Close()
	var attempted atomic.Int64
	attempted.Store(4)
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	for _, tt := range []struct {
		path    string
		version int
		err     bool
	}{
		{"/whole", 3, false},
		{"/brotli", 3, false},
		{"/mixed", 0, false},
		{"/none", 0, false},
		{"/future", 0, false},
		{"/gone", 0, true},
	} {
		r := &readers{url: srv.URL + tt.path, attempted: &attempted, timeout: time.Second}
		v, err := r.once(context.Background(), client)
		if v != tt.version || (err != nil) != tt.err {
			t.Errorf("%s: version %d, error %v; want %d, error %v", tt.path, v, err, tt.version, tt.err)
		}
	}
}
