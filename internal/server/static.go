package server

import (
	"bytes"
	"io/fs"
	"slices"
	"strings"

	"docket/internal/asset"
)

// assets is the set of files under /web/, prepared once at start.
type assets map[string]*asset.Asset

// loadAssets reads every file of fsys that is served as it is into memory,
// with its compressed copies (see asset.Load), and the style bundle. Case
// files are served by the API, style parts only in the bundle, and the
// Studio's files only to editors (see loadStudioFiles).
func loadAssets(fsys fs.FS) (assets, error) {
	out := assets{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && (p == "cases" || p == "styles" || p == studioDir):
			return fs.SkipDir
		case d.IsDir() || strings.HasSuffix(p, ".go") || strings.HasSuffix(p, ".br") || strings.HasSuffix(p, ".gz"):
			return nil
		}
		out[p], err = asset.Load(fsys, p)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, bundleStyles(fsys, out)
}

// bundleStyles joins web/styles/*.css, in name order, into one stylesheet,
// docket.css: one request for the page, while each part of the UI keeps
// its styles in a file of its own.
func bundleStyles(fsys fs.FS, out assets) error {
	names, err := fs.Glob(fsys, "styles/*.css")
	if err != nil || len(names) == 0 {
		return err
	}
	slices.Sort(names)
	var b bytes.Buffer
	for _, n := range names {
		part, err := fs.ReadFile(fsys, n)
		if err != nil {
			return err
		}
		b.WriteString("/* " + n + " */\n")
		b.Write(part)
		b.WriteString("\n")
	}
	out["docket.css"], err = asset.New("docket.css", b.Bytes(), asset.Best)
	return err
}
