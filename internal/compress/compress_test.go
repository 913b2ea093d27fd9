package compress

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

func TestRoundTrip(t *testing.T) {
	for _, raw := range [][]byte{nil, []byte("x"), []byte(strings.Repeat("without prejudice ", 5000))} {
		br, err := Brotli(raw, BestBrotli)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(brotli.NewReader(bytes.NewReader(br)))
		if err != nil || !bytes.Equal(got, raw) {
			t.Errorf("brotli of %d bytes does not round-trip (%v)", len(raw), err)
		}
		gz, err := Gzip(raw, BestGzip)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			t.Fatal(err)
		}
		if got, err := io.ReadAll(zr); err != nil || !bytes.Equal(got, raw) {
			t.Errorf("gzip of %d bytes does not round-trip (%v)", len(raw), err)
		}
		if len(raw) > 1000 && (len(br) >= len(raw)/10 || len(gz) >= len(raw)/10) {
			t.Errorf("%d bytes of repeated text compress to %d (br) and %d (gz)", len(raw), len(br), len(gz))
		}
	}
	if _, err := Gzip(nil, 42); err == nil {
		t.Error("gzip level 42 was accepted")
	}
}
