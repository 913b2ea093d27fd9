package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// wasmModule is what the size breakdown needs from a WebAssembly binary:
// each section's size, and each function body's size and name.
type wasmModule struct {
	Sections []wasmSection
	// Funcs are the defined functions in code-section order; Name is empty
	// when the binary carries no name section.
	Funcs []wasmFunc
}

type wasmSection struct {
	ID   byte
	Name string // the custom section's name, or the standard section's
	Size int    // the whole section: id, size and payload
}

type wasmFunc struct {
	Name string
	Size int // the body, with its size prefix
}

var sectionNames = map[byte]string{
	1: "type", 2: "import", 3: "function", 4: "table", 5: "memory", 6: "global",
	7: "export", 8: "start", 9: "element", 10: "code", 11: "data", 12: "datacount",
}

// parseWasm reads the sections of a WebAssembly binary, the code section's
// function bodies and, when present, the function names of the "name"
// custom section.
func parseWasm(b []byte) (*wasmModule, error) {
	if len(b) < 8 || !bytes.Equal(b[:4], []byte("\x00asm")) {
		return nil, errors.New("not a WebAssembly binary")
	}
	m := &wasmModule{}
	imported := 0
	names := map[int]string{}
	for r := (reader{b: b, off: 8}); r.off < len(b); {
		start := r.off
		id := r.byte()
		size := r.uleb()
		if r.err != nil || r.off+size > len(b) {
			return nil, fmt.Errorf("section at byte %d: truncated", start)
		}
		body := reader{b: b[:r.off+size], off: r.off}
		r.off += size
		s := wasmSection{ID: id, Name: sectionNames[id], Size: r.off - start}
		switch id {
		case 0:
			s.Name = body.name()
			if s.Name == "name" {
				readFuncNames(&body, names)
			}
		case 2:
			imported = countImportedFuncs(&body)
		case 10:
			n := body.uleb()
			for range n {
				at := body.off
				sz := body.uleb()
				body.off += sz
				m.Funcs = append(m.Funcs, wasmFunc{Size: body.off - at})
			}
		}
		if body.err != nil {
			return nil, fmt.Errorf("%s section: %w", s.Name, body.err)
		}
		m.Sections = append(m.Sections, s)
	}
	for i := range m.Funcs {
		m.Funcs[i].Name = names[imported+i]
	}
	return m, nil
}

// withoutNames returns the binary without its "name" custom section: what
// -ldflags=-s leaves out of a Go wasm, and the only thing it leaves out.
func withoutNames(b []byte) []byte {
	out := append([]byte(nil), b[:8]...)
	for r := (reader{b: b, off: 8}); r.off < len(b) && r.err == nil; {
		start := r.off
		id := r.byte()
		size := r.uleb()
		payload := reader{b: b[:r.off+size], off: r.off}
		r.off += size
		if id == 0 && payload.name() == "name" {
			continue
		}
		out = append(out, b[start:r.off]...)
	}
	return out
}

func countImportedFuncs(r *reader) int {
	n, funcs := r.uleb(), 0
	for range n {
		r.name()
		r.name()
		switch kind := r.byte(); kind {
		case 0: // function: type index
			r.uleb()
			funcs++
		case 1: // table: element type, limits
			r.byte()
			r.limits()
		case 2: // memory: limits
			r.limits()
		case 3: // global: value type, mutability
			r.byte()
			r.byte()
		default:
			r.err = fmt.Errorf("import kind %d", kind)
			return funcs
		}
	}
	return funcs
}

func readFuncNames(r *reader, names map[int]string) {
	for r.off < len(r.b) && r.err == nil {
		id := r.byte()
		size := r.uleb()
		end := r.off + size
		if id == 1 {
			n := r.uleb()
			for range n {
				idx := r.uleb()
				names[idx] = r.name()
			}
		}
		r.off = end
	}
}

// reader decodes the LEB128 integers and names of the binary format.
type reader struct {
	b   []byte
	off int
	err error
}

func (r *reader) byte() byte {
	if r.off >= len(r.b) {
		r.err = errors.New("unexpected end")
		return 0
	}
	c := r.b[r.off]
	r.off++
	return c
}

func (r *reader) uleb() int {
	v, n := binary.Uvarint(r.b[min(r.off, len(r.b)):])
	if n <= 0 {
		r.err = errors.New("bad integer")
		return 0
	}
	r.off += n
	return int(v)
}

func (r *reader) name() string {
	n := r.uleb()
	if r.err != nil || r.off+n > len(r.b) {
		r.err = errors.New("bad name")
		return ""
	}
	s := string(r.b[r.off : r.off+n])
	r.off += n
	return s
}

func (r *reader) limits() {
	if flags := r.byte(); flags&1 != 0 {
		r.uleb()
		r.uleb()
	} else {
		r.uleb()
	}
}

// packageNamer attributes wasm function names to Go packages. The Go
// linker writes a package path with its slashes and dashes turned to
// underscores ("encoding_json.Marshal",
// "github.com_maxence_charriere_go_app_v10_pkg_app.Window"), so names are
// matched against the mangled import paths of the program's packages, the
// longest first.
type packageNamer struct {
	mangled map[string]string // mangled path → import path
	longest int
}

func newPackageNamer(importPaths []string) *packageNamer {
	n := &packageNamer{mangled: map[string]string{}}
	for _, p := range importPaths {
		m := mangle(p)
		n.mangled[m] = p
		n.longest = max(n.longest, len(m))
	}
	return n
}

// packageOf is the import path of the package fn belongs to, or a group
// for what the compiler and the runtime's assembly add.
func (n *packageNamer) packageOf(fn string) string {
	switch {
	case fn == "":
		return "(unnamed)"
	case strings.HasPrefix(fn, "type_.") || strings.HasPrefix(fn, "go_") || strings.HasPrefix(fn, "go:"):
		return "(compiler-generated)"
	}
	if i := strings.IndexByte(fn, '['); i >= 0 {
		fn = fn[:i]
	}
	// Try each dot from the right: the package is the longest prefix that
	// names one of the program's packages.
	for end := min(len(fn), n.longest+1); end > 0; end-- {
		if fn[end-1] != '.' {
			continue
		}
		if p, ok := n.mangled[fn[:end-1]]; ok {
			return p
		}
	}
	// A name the runtime takes for another package (go:linkname).
	if dot := strings.IndexByte(fn, '.'); dot > 0 {
		return fn[:dot]
	}
	return "(runtime assembly)"
}

// mangle spells an import path as the linker does in symbol names: every
// byte other than a letter, digit, dot or underscore becomes an underscore.
func mangle(path string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '_':
			return r
		}
		return '_'
	}, path)
}

// pkgSize is the code of one package in a wasm binary.
type pkgSize struct {
	Package string `json:"package"`
	Bytes   int    `json:"bytes"`
	Funcs   int    `json:"funcs"`
}

// codeByPackage adds up the function bodies of each package, largest first.
func codeByPackage(m *wasmModule, n *packageNamer) []pkgSize {
	by := map[string]*pkgSize{}
	for _, f := range m.Funcs {
		p := n.packageOf(f.Name)
		if by[p] == nil {
			by[p] = &pkgSize{Package: p}
		}
		by[p].Bytes += f.Size
		by[p].Funcs++
	}
	out := make([]pkgSize, 0, len(by))
	for _, p := range by {
		out = append(out, *p)
	}
	slices.SortFunc(out, func(a, b pkgSize) int {
		if a.Bytes != b.Bytes {
			return b.Bytes - a.Bytes
		}
		return strings.Compare(a.Package, b.Package)
	})
	return out
}

// sectionSize is the total size of the sections with this name.
func (m *wasmModule) sectionSize(name string) int {
	n := 0
	for _, s := range m.Sections {
		if s.Name == name {
			n += s.Size
		}
	}
	return n
}
