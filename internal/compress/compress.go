// Package compress is brotli and gzip of bytes, at a chosen level. Which
// files get compressed copies, and which copies are kept, is decided in
// internal/asset, which the server, the export and precompress use.
package compress

import (
	"bytes"
	"compress/gzip"

	"github.com/andybalholm/brotli"
)

// Best is the highest quality (brotli) and level (gzip), for files
// compressed once, ahead of time.
const (
	BestBrotli = brotli.BestCompression
	BestGzip   = gzip.BestCompression
)

// Brotli compresses raw at quality (0–11) with a window just large enough
// for it: the same bytes for small files, without the 32 MiB table a full
// window allocates for each.
func Brotli(raw []byte, quality int) ([]byte, error) {
	lgwin := 10
	for lgwin < 24 && 1<<lgwin < len(raw)+16 {
		lgwin++
	}
	var b bytes.Buffer
	w := brotli.NewWriterOptions(&b, brotli.WriterOptions{Quality: quality, LGWin: lgwin})
	if _, err := w.Write(raw); err != nil {
		return nil, err
	}
	err := w.Close()
	return b.Bytes(), err
}

// Gzip compresses raw at level (1–9).
func Gzip(raw []byte, level int) ([]byte, error) {
	var b bytes.Buffer
	w, err := gzip.NewWriterLevel(&b, level)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(raw); err != nil {
		return nil, err
	}
	err = w.Close()
	return b.Bytes(), err
}
