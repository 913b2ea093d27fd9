// Package web holds what the browser fetches: styles, icons, case files,
// the case schema and the built app.wasm (with .br and .gz copies). They
// are embedded so that bin/docket runs from any folder.
package web

import (
	"embed"
	"io/fs"
)

// FS is every file in this folder. app.wasm is there only after
// `make build`; the server refuses to start without it.
//
//go:embed *
var FS embed.FS

// Cases is the folder of built-in case files, as the server loads it.
func Cases() fs.FS {
	sub, err := fs.Sub(FS, "cases")
	if err != nil {
		panic(err) // "cases" is a valid path: fs.Sub cannot fail on it
	}
	return sub
}
