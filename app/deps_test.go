package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestWasmCarriesNoServerCode checks what the browser programs (the
// reader's app.wasm and the Studio's studio.wasm) are built from: no
// server-side package of Docket's (they would double the wasm), no templ,
// no database or password library, no time zone database, and no Docket
// package that imports net/http itself (fetch goes through the browser).
func TestWasmCarriesNoServerCode(t *testing.T) {
	for _, program := range []string{".", "./studio"} {
		t.Run(program, func(t *testing.T) {
			docket := wasmDeps(t, program)
			if len(docket) < 3 {
				t.Errorf("go list found only %v: the check is not looking at the browser program", docket)
			}
		})
	}
}

// TestReaderCarriesNoStudio checks that the reader's program includes
// nothing of the Studio's: editors' code never reaches readers, nor grows
// their download.
func TestReaderCarriesNoStudio(t *testing.T) {
	reader := wasmDeps(t, ".")
	for _, p := range reader {
		if p == "docket/internal/studio" || strings.HasPrefix(p, "docket/internal/studio/") || strings.HasPrefix(p, "docket/app/studio") {
			t.Errorf("the reader's wasm includes the Studio's %s", p)
		}
	}
	studio := wasmDeps(t, "./studio")
	if !slices.Contains(studio, "docket/internal/studio") {
		t.Errorf("the Studio's program does not include docket/internal/studio (%v): the check is not looking at it", studio)
	}
}

// wasmDeps lists the Docket packages a browser program is built from, and
// fails the test for any that is not fit for the browser.
func wasmDeps(t *testing.T, program string) []string {
	t.Helper()
	cmd := exec.Command("go", "list", "-deps", "-json=ImportPath,Imports", program)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	var docket []string
	for dec.More() {
		var p struct {
			ImportPath string
			Imports    []string
		}
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		switch {
		case strings.HasPrefix(p.ImportPath, "github.com/a-h/templ"):
			t.Errorf("the wasm includes templ (%s)", p.ImportPath)
		case strings.HasPrefix(p.ImportPath, "modernc.org/"), strings.HasPrefix(p.ImportPath, "github.com/jackc/"),
			strings.HasPrefix(p.ImportPath, "github.com/pressly/"), strings.HasPrefix(p.ImportPath, "golang.org/x/crypto/"):
			t.Errorf("the wasm includes a database or password library (%s)", p.ImportPath)
		case p.ImportPath == "time/tzdata":
			t.Errorf("the wasm embeds the time zone database (about 450 KB): casefile.ZoneLabel needs none")
		case strings.HasPrefix(p.ImportPath, "docket/"):
			docket = append(docket, p.ImportPath)
			for _, forbidden := range []string{"docket/internal/server", "docket/internal/pages", "docket/internal/cli", "docket/web",
				"docket/internal/store", "docket/internal/auth", "docket/internal/pgtest"} {
				if p.ImportPath == forbidden {
					t.Errorf("the wasm includes server code: %s", forbidden)
				}
			}
			for _, imp := range p.Imports {
				if imp == "net/http" {
					t.Errorf("%s imports net/http; the browser program fetches through the browser", p.ImportPath)
				}
			}
		}
	}
	return docket
}
