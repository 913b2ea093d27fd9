package main

import (
	"context"
	"docket/internal/compress"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
)

// sizes holds the hello world's builds until the sizes are measured.
type sizes struct {
	hello *helloWorld
	out   sizeReport
}

// sizeReport is where the bytes of Docket's wasm and the hello world's go.
type sizeReport struct {
	Docket wasmSize  `json:"docket"`
	Hello  wasmSize  `json:"hello"`
	Diff   []pkgDiff `json:"diff_by_package"`
	Notes  []string  `json:"notes,omitempty"`
}

type wasmSize struct {
	Raw    int `json:"raw"`
	Brotli int `json:"brotli"`
	Gzip   int `json:"gzip"`
	Code   int `json:"code_section"`
	Data   int `json:"data_section"`
	// Packages is the code section by Go package, from the function names
	// of a build with the name section (-ldflags=-w, without -s).
	Packages []pkgSize `json:"packages,omitempty"`
}

type pkgDiff struct {
	Package string `json:"package"`
	Docket  int    `json:"docket"`
	Hello   int    `json:"hello"`
	Diff    int    `json:"diff"`
}

// measureSizes measures Docket's wasm as bin/docket serves it and the hello
// world's as built, and breaks both down by package.
func (b *bench) measureSizes(ctx context.Context, docketURL string) {
	r := &b.sizes.out
	note := func(format string, args ...any) { r.Notes = append(r.Notes, fmt.Sprintf(format, args...)) }
	wasmURL := docketURL + "web/app.wasm"
	raw, err := fetch(wasmURL)
	if err != nil {
		note("Docket's wasm: %v", err)
		return
	}
	r.Docket.Raw = len(raw)
	r.Docket.Brotli, _ = encodedSize(wasmURL, "br")
	r.Docket.Gzip, _ = encodedSize(wasmURL, "gzip")
	if m, err := parseWasm(raw); err == nil {
		r.Docket.Code, r.Docket.Data = m.sectionSize("code"), m.sectionSize("data")
	}
	var names []byte
	if b.cfg.Breakdown {
		names, err = buildWasm(ctx, b.cfg.Root, "./app", filepath.Join(b.tmp, "docket-names.wasm"), false)
	}
	if b.cfg.Breakdown && err == nil {
		var pkgs []string
		if pkgs, err = wasmDeps(ctx, b.cfg.Root, "./app"); err == nil {
			if n := len(withoutNames(names)); n != len(raw) {
				note("the breakdown is of ./app as the source tree builds it now, %+d bytes from the wasm in %s", n-len(raw), b.cfg.Bin)
			}
			if m, err := parseWasm(names); err == nil {
				r.Docket.Packages = codeByPackage(m, newPackageNamer(pkgs))
			}
		}
	}
	if err != nil {
		first, _, _ := strings.Cut(err.Error(), "\n")
		note("no breakdown of Docket's wasm: %s", first)
	}

	if h := b.sizes.hello; h != nil {
		r.Hello.Raw = len(h.served)
		br, _ := compress.Brotli(h.served, compress.BestBrotli)
		gz, _ := compress.Gzip(h.served, compress.BestGzip)
		r.Hello.Brotli, r.Hello.Gzip = len(br), len(gz)
		if m, err := parseWasm(h.names); err == nil {
			r.Hello.Code, r.Hello.Data = m.sectionSize("code"), m.sectionSize("data")
			r.Hello.Packages = codeByPackage(m, newPackageNamer(h.pkgs))
		}
	}
	r.Diff = diffPackages(r.Docket.Packages, r.Hello.Packages)
}

// diffPackages is what each package adds to Docket over the hello world,
// largest first.
func diffPackages(docket, hello []pkgSize) []pkgDiff {
	if len(docket) == 0 || len(hello) == 0 {
		return nil
	}
	by := map[string]*pkgDiff{}
	for _, p := range docket {
		by[p.Package] = &pkgDiff{Package: p.Package, Docket: p.Bytes}
	}
	for _, p := range hello {
		if by[p.Package] == nil {
			by[p.Package] = &pkgDiff{Package: p.Package}
		}
		by[p.Package].Hello = p.Bytes
	}
	out := make([]pkgDiff, 0, len(by))
	for _, d := range by {
		d.Diff = d.Docket - d.Hello
		if d.Diff != 0 {
			out = append(out, *d)
		}
	}
	slices.SortFunc(out, func(a, b pkgDiff) int {
		if a.Diff != b.Diff {
			return b.Diff - a.Diff
		}
		return strings.Compare(a.Package, b.Package)
	})
	return out
}
