package main

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"testing"

	"github.com/andybalholm/brotli"
	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// TestPageEdition checks what the publishing run counts as a whole page:
// one that names exactly one version, in every place it names one, read
// through brotli and gzip as well as plain.
func TestPageEdition(t *testing.T) {
	whole := `<title>Bench edition 3 · Docket</title><h1>Bench edition 3</h1><script type="application/json">{"title":"Bench edition 3"}</script>`
	var br, gz bytes.Buffer
	bw := brotli.NewWriter(&br)
	bw.Write([]byte(whole))
	bw.Close()
	gw := gzip.NewWriter(&gz)
	gw.Write([]byte(whole))
	gw.Close()
	for _, tt := range []struct {
		name     string
		body     []byte
		encoding string
		want     int
	}{
		{"whole", []byte(whole), "", 3},
		{"brotli", br.Bytes(), "br", 3},
		{"gzip", gz.Bytes(), "gzip", 3},
		{"data of another version", []byte(`<h1>Bench edition 3</h1><script type="application/json">{"title":"Bench edition 4"}</script>`), "", 0},
		{"no version", []byte(`<h1>Something else</h1>`), "", 0},
		{"a broken brotli body", []byte(whole), "br", 0},
	} {
		res := &vegeta.Result{Code: 200, Body: tt.body, Headers: http.Header{}}
		if tt.encoding != "" {
			res.Headers.Set("Content-Encoding", tt.encoding)
		}
		if got := pageEdition(res); got != tt.want {
			t.Errorf("%s: pageEdition = %d; want %d", tt.name, got, tt.want)
		}
	}
}
