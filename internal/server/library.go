package server

import (
	"encoding/json"
	"fmt"
	"io/fs"

	"docket/internal/casefile"
	"docket/internal/components"
)

// library is the server's set of cases, loaded and validated at start.
type library struct {
	pages components.MemoryLibrary
}

// loadLibrary reads the embedded cases (web/cases) and those in dir.
// TODO(case files): replace with casefile.Load once it lands.
func loadLibrary(web fs.FS, dir string) (*library, error) {
	sub, err := fs.Sub(web, "cases")
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(sub, "*.json")
	if err != nil {
		return nil, err
	}
	var cases []*casefile.Case
	for _, n := range names {
		b, err := fs.ReadFile(sub, n)
		if err != nil {
			return nil, err
		}
		var c casefile.Case
		if err := json.Unmarshal(b, &c); err != nil {
			return nil, fmt.Errorf("cases/%s: %w", n, err)
		}
		cases = append(cases, &c)
	}
	pages, err := components.NewMemoryLibrary(cases...)
	if err != nil {
		return nil, err
	}
	return &library{pages: pages}, nil
}

func (l *library) ids() []string { return l.pages.Order }
