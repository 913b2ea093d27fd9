// Command precompress writes brotli (.br) and gzip (.gz) copies beside each
// file it is given, at the highest levels, through the same asset builder
// the server and the export use, so the server never compresses the wasm
// at start. `make build` runs it on app.wasm.
package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"docket/internal/asset"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: precompress FILE...")
		os.Exit(2)
	}
	for _, name := range os.Args[1:] {
		if err := precompress(name); err != nil {
			fmt.Fprintln(os.Stderr, "precompress:", err)
			os.Exit(1)
		}
	}
}

// precompress writes name.br and name.gz. A copy that would be no smaller
// than the file is not written, and an old one is removed, so the server
// never picks up a stale copy.
func precompress(name string) error {
	if !asset.Compressible(name) {
		return fmt.Errorf("%s: not a type that gains from compression", name)
	}
	raw, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	a, err := asset.New(name, raw, asset.Best)
	if err != nil {
		return err
	}
	for ext, data := range map[string][]byte{".br": a.Br, ".gz": a.Gz} {
		if data == nil {
			if err := os.Remove(name + ext); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			continue
		}
		if err := write(name+ext, data); err != nil {
			return err
		}
	}
	return nil
}

// write writes data to a temporary file and renames it into place, so a
// failed run never leaves a truncated copy for the server to embed.
func write(name string, data []byte) error {
	tmp := name + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, name)
}
