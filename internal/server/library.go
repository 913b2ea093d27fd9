package server

import (
	"io/fs"

	"docket/internal/casefile"
	"docket/internal/components"
)

// library is the server's set of cases, loaded and validated at start,
// with what pages and the API need made once.
type library struct {
	cases *casefile.Library
	pages components.MemoryLibrary
}

// loadLibrary reads and checks the embedded cases (web/cases) and, when dir
// is set, every *.json there. Any problem in any file stops the start.
func loadLibrary(web fs.FS, dir string) (*library, error) {
	sub, err := fs.Sub(web, "cases")
	if err != nil {
		return nil, err
	}
	cases, err := casefile.Load(sub, dir)
	if err != nil {
		return nil, err
	}
	pages, err := components.NewMemoryLibrary(cases.Cases()...)
	if err != nil {
		return nil, err
	}
	return &library{cases: cases, pages: pages}, nil
}

func (l *library) ids() []string { return l.cases.IDs() }
