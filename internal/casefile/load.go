package casefile

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Load reads every *.json file at the root of fsys (the built-in cases) and,
// when extraDir is not "", every *.json file in that folder on disk, then
// decodes and validates them all. It fails with Problems listing every
// problem of every file, including a case id used by two files, so that one
// run shows all there is to fix. Files from fsys are named by their path in
// fsys, files from extraDir by their path on disk.
func Load(fsys fs.FS, extraDir string) (*Library, error) {
	var files []namedFile
	var ps Problems
	if fsys != nil {
		names, err := fs.Glob(fsys, "*.json")
		if err != nil {
			return nil, err
		}
		for _, name := range names {
			data, err := fs.ReadFile(fsys, name)
			files = append(files, namedFile{name: name, data: data, err: err, builtIn: true})
		}
	}
	if extraDir != "" {
		extra, err := readDir(extraDir)
		switch {
		case err != nil:
			ps = append(ps, Problem{File: extraDir, Message: "cannot read the cases folder: " + pathErrorText(err)})
		case len(extra) == 0:
			ps = append(ps, Problem{File: extraDir, Message: "the cases folder has no *.json files"})
		}
		files = append(files, extra...)
	}

	reports := checkFiles(files)
	var cases []*Case
	fileOf := map[string]namedFile{} // case id → its file
	for i, r := range reports {
		ps = append(ps, r.Problems...)
		if r.Case != nil && len(r.Problems) == 0 {
			cases = append(cases, r.Case)
			fileOf[r.Case.ID] = files[i]
		}
	}
	if len(ps) > 0 {
		return nil, ps
	}
	if len(cases) == 0 {
		return nil, Problems{{Message: "no case files found"}}
	}
	slices.SortStableFunc(cases, func(a, b *Case) int {
		// Built-in cases first (true sorts before false), then by id.
		if x, y := fileOf[a.ID].builtIn, fileOf[b.ID].builtIn; x != y {
			if x {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.ID, b.ID)
	})
	l, err := NewLibrary(cases...)
	if err != nil {
		return nil, err
	}
	for id, f := range fileOf {
		l.files[id] = f.name
	}
	return l, nil
}

// FileReport is what LoadFiles found in one file.
type FileReport struct {
	Path     string
	Case     *Case    // nil when the file could not be read or parsed
	Problems Problems // empty when the file is a valid case
}

// LoadFiles reads, decodes and validates the case files at paths on disk,
// for `docket validate FILE...`. It returns one report per path, in order,
// and an error (Problems) listing every problem of every file, or nil when
// all are valid. A case id used by two of the files is a problem of the
// later one.
func LoadFiles(paths ...string) ([]FileReport, error) {
	files := make([]namedFile, len(paths))
	for i, p := range paths {
		data, err := os.ReadFile(p)
		files[i] = namedFile{name: p, data: data, err: err}
	}
	reports := checkFiles(files)
	var all Problems
	for _, r := range reports {
		all = append(all, r.Problems...)
	}
	return reports, all.Err()
}

// namedFile is a case file's name and content, or the error reading it.
type namedFile struct {
	name    string
	data    []byte
	err     error
	builtIn bool
}

// checkFiles checks each file and then that no two define the same case id.
func checkFiles(files []namedFile) []FileReport {
	reports := make([]FileReport, len(files))
	firstFile := map[string]string{}
	for i, f := range files {
		r := &reports[i]
		r.Path = f.name
		if f.err != nil {
			r.Problems = Problems{{File: f.name, Message: "cannot read the file: " + pathErrorText(f.err)}}
			continue
		}
		c, ps, pos := check(f.name, f.data)
		r.Case, r.Problems = c, ps
		if c == nil || c.ID == "" {
			continue
		}
		if other, dup := firstFile[c.ID]; dup {
			line, col := pos.of("id")
			r.Problems = append(r.Problems, Problem{File: f.name, Line: line, Col: col, Path: "id",
				Message: fmt.Sprintf("case id %q is also the id of the case in %s", c.ID, other)})
			r.Problems.sortByPosition()
			continue
		}
		firstFile[c.ID] = f.name
	}
	return reports
}

// readDir reads the *.json files of a folder on disk, by name, skipping
// hidden files such as editors' lock files.
func readDir(dir string) ([]namedFile, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var files []namedFile
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || filepath.Ext(name) != ".json" {
			continue
		}
		path := filepath.Join(dir, name)
		data, err := os.ReadFile(path)
		files = append(files, namedFile{name: path, data: data, err: err})
	}
	return files, nil
}

// pathErrorText is an error's text without the path that the problem
// already names: "no such file or directory".
func pathErrorText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
