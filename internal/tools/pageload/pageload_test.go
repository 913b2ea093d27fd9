package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"docket/internal/casefile"
)

func TestPackageOf(t *testing.T) {
	n := newPackageNamer([]string{"runtime", "encoding/json", "syscall/js", "github.com/maxence-charriere/go-app/v10/pkg/app", "github.com/maxence-charriere/go-app/v10/pkg/errors", "docket/internal/components"})
	for _, tt := range []struct{ fn, want string }{
		{"runtime.mallocgc", "runtime"},
		{"encoding_json.__decodeState_.object", "encoding/json"},
		{"syscall_js.Value.Call", "syscall/js"},
		{"syscall/js.valueGet", "syscall/js"}, // an import the linker names as written
		{"github.com_maxence_charriere_go_app_v10_pkg_app.nodeManager.mountHTML", "github.com/maxence-charriere/go-app/v10/pkg/app"},
		{"github.com_maxence_charriere_go_app_v10_pkg_errors.makeError", "github.com/maxence-charriere/go-app/v10/pkg/errors"},
		{"docket_internal_components.__Timeline_.Render", "docket/internal/components"},
		{"slices.SortFunc[go.shape.struct { docket/internal/x.y }]", "slices"},
		{"type_.eq.runtime._panic", "(compiler-generated)"},
		{"runtime_debug.SetTraceback", "runtime_debug"},
		{"wasm_pc_f_loop", "(runtime assembly)"},
		{"", "(unnamed)"},
	} {
		if got := n.packageOf(tt.fn); got != tt.want {
			t.Errorf("packageOf(%q) = %q, want %q", tt.fn, got, tt.want)
		}
	}
}

// wasmBytes builds a tiny module: one imported function, two defined ones
// with bodies of 3 and 5 bytes (with their size prefix), and their names.
func wasmBytes(withNames bool) []byte {
	sec := func(id byte, payload ...byte) []byte { return append([]byte{id, byte(len(payload))}, payload...) }
	name := func(s string) []byte { return append([]byte{byte(len(s))}, s...) }
	b := []byte("\x00asm\x01\x00\x00\x00")
	b = append(b, sec(1, 1, 0x60, 0, 0)...)                                                           // type: () -> ()
	b = append(b, sec(2, append(append(append([]byte{1}, name("go")...), name("f")...), 0, 0)...)...) // import go.f
	b = append(b, sec(3, 2, 0, 0)...)                                                                 // two functions of type 0
	b = append(b, sec(10, 2, 2, 0, 0x0b, 4, 0, 1, 1, 0x0b)...)                                        // bodies
	if withNames {
		var funcs []byte
		funcs = append(funcs, 3, 0)
		funcs = append(funcs, name("go.f")...)
		funcs = append(funcs, 1)
		funcs = append(funcs, name("runtime.a")...)
		funcs = append(funcs, 2)
		funcs = append(funcs, name("main.b")...)
		sub := append([]byte{1, byte(len(funcs))}, funcs...)
		b = append(b, sec(0, append(name("name"), sub...)...)...)
	}
	return b
}

func TestParseWasm(t *testing.T) {
	m, err := parseWasm(wasmBytes(true))
	if err != nil {
		t.Fatal(err)
	}
	want := []wasmFunc{{Name: "runtime.a", Size: 3}, {Name: "main.b", Size: 5}}
	if len(m.Funcs) != len(want) {
		t.Fatalf("funcs = %+v, want %+v", m.Funcs, want)
	}
	for i := range want {
		if m.Funcs[i] != want[i] {
			t.Errorf("func %d = %+v, want %+v", i, m.Funcs[i], want[i])
		}
	}
	if got := m.sectionSize("code"); got != 11 {
		t.Errorf("code section = %d bytes, want 11", got)
	}
	if got, want := withoutNames(wasmBytes(true)), wasmBytes(false); !bytes.Equal(got, want) {
		t.Errorf("withoutNames = % x, want % x", got, want)
	}
	if _, err := parseWasm([]byte("\x00asm\x01\x00\x00\x00\x0a\x09\x01")); err == nil {
		t.Error("a truncated section parses")
	}
	sizes := codeByPackage(m, newPackageNamer([]string{"runtime", "main"}))
	if len(sizes) != 2 || sizes[0] != (pkgSize{"main", 5, 1}) || sizes[1] != (pkgSize{"runtime", 3, 1}) {
		t.Errorf("codeByPackage = %+v", sizes)
	}
}

func TestDiffPackages(t *testing.T) {
	got := diffPackages(
		[]pkgSize{{"runtime", 100, 1}, {"app", 50, 1}, {"docket", 30, 1}},
		[]pkgSize{{"runtime", 100, 1}, {"app", 40, 1}, {"crypto", 5, 1}},
	)
	want := []pkgDiff{{"docket", 30, 0, 30}, {"app", 50, 40, 10}, {"crypto", 0, 5, -5}}
	if len(got) != len(want) {
		t.Fatalf("diffPackages = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("diff %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestTimelineJSON(t *testing.T) {
	c := &casefile.Case{
		Title:      "A v. B",
		Summary:    "What <happened>.",
		Categories: []casefile.Category{{ID: "court", Label: "In court"}},
		Events: []casefile.Event{
			{ID: "a", Date: casefile.Date{Value: "2017-04-06", Precision: casefile.Day}, Title: "Sued", Body: []string{"One.", "Two & three."}, Category: "court"},
			{ID: "b", Date: casefile.Date{Value: "2017-01", Precision: casefile.Month, Label: "Late January 2017"}, Title: "Tweets"},
			{ID: "c", Date: casefile.Date{Value: "2018", Precision: casefile.Year}, Title: "Report"},
		},
	}
	d := timelineJSON(c)
	if d.Title.Text.Text != "<p>What &lt;happened&gt;.</p>" {
		t.Errorf("title text = %q", d.Title.Text.Text)
	}
	for i, want := range []tlDate{{Year: "2017", Month: "4", Day: "6"}, {Year: "2017", Month: "1", DisplayDate: "Late January 2017"}, {Year: "2018"}} {
		if got := *d.Events[i].StartDate; got != want {
			t.Errorf("event %d date = %+v, want %+v", i, got, want)
		}
	}
	if e := d.Events[0]; e.UniqueID != "a" || e.Group != "In court" || e.Text.Text != "<p>One.</p><p>Two &amp; three.</p>" {
		t.Errorf("event 0 = %+v", e)
	}
}

func TestStaticSite(t *testing.T) {
	docket := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/web/docket.css" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte("body { color: black }"))
	}))
	defer docket.Close()
	page := `<!doctype html><html><head>
    <link rel="manifest" href="/manifest.webmanifest">
    <link type="text/css" rel="stylesheet" href="/app.css">
    <link rel="preload" href="/web/app.wasm?v=abc" as="fetch" type="application/wasm" crossorigin="anonymous">
    <link href="/web/docket.css?v=abc" type="text/css" rel="stylesheet">
    <script defer src="/app.js"></script>
  </head><body><main><h1>Case</h1><script type="application/json" id="docket-case">{"id":"x"}</script></main>
    <aside id="app-wasm-loader" class="goapp-app-info"><p>Loading</p></aside>
  </body></html>`
	s, err := staticSite(docket.URL+"/", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(s.files["/"].raw)
	for _, gone := range []string{"<script", "manifest", "/app.css", "app-wasm-loader", "app.wasm"} {
		if strings.Contains(doc, gone) {
			t.Errorf("the static page still has %q:\n%s", gone, doc)
		}
	}
	for _, kept := range []string{`href="/web/docket.css?v=abc"`, "<h1>Case</h1>"} {
		if !strings.Contains(doc, kept) {
			t.Errorf("the static page lost %q:\n%s", kept, doc)
		}
	}
	css := s.files["/web/docket.css"]
	if css == nil || string(css.raw) != "body { color: black }" || css.cacheControl != immutable {
		t.Errorf("docket.css = %+v", css)
	}
}

func TestMedianOf(t *testing.T) {
	s := medianOf([]load{{FCP: 30, CLS: 0.1, KeyAnswered: true}, {FCP: 10, CLS: 0}, {FCP: 20, CLS: 0.01}, {FCP: 40, CLS: 0}})
	if s.N != 4 || s.FCP != 25 || s.CLS != 0.005 || s.CLSMax != 0.1 || s.KeyAnswered != 1 {
		t.Errorf("medianOf = %+v", s)
	}
}

func TestWithFigures(t *testing.T) {
	for _, tt := range []struct{ readme, want string }{
		{"# Docket\n", "# Docket\n\n## Page load\n\n<!-- pageload:begin -->\nT\n<!-- pageload:end -->\n"},
		{"a\n<!-- pageload:begin -->\nold\n<!-- pageload:end -->\nb\n", "a\n<!-- pageload:begin -->\nT\n<!-- pageload:end -->\nb\n"},
	} {
		if got := withFigures(tt.readme, "T\n"); got != tt.want {
			t.Errorf("withFigures(%q) = %q, want %q", tt.readme, got, tt.want)
		}
	}
}
