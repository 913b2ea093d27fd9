package benchcmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFlagSetParse(t *testing.T) {
	for _, tc := range []struct {
		name      string
		args      []string
		root, bin string
		readme    string
		err       string
	}{
		{"defaults inside the root", []string{"-root", "/src/docket"}, "/src/docket", "/src/docket/bin/docket", "", ""},
		{"an absolute path stays", []string{"-root", "/src/docket", "-bin", "/opt/docket"}, "/src/docket", "/opt/docket", "", ""},
		{"a path given is inside the root", []string{"-root", "/src/docket", "-readme", "README.md"}, "/src/docket", "/src/docket/bin/docket", "/src/docket/README.md", ""},
		{"an argument that is not a flag", []string{"-root", "/src/docket", "extra"}, "", "", "", `unexpected argument "extra"`},
		{"an unknown flag", []string{"-nope"}, "", "", "", "flag provided but not defined: -nope"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var root, bin, readme string
			fs := NewFlagSet("tool", &strings.Builder{}, &root)
			fs.PathVar(&bin, "bin", "bin/docket", "the built server")
			fs.PathVar(&readme, "readme", "", "a file to update")
			err := fs.Parse(tc.args)
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if root != tc.root || bin != tc.bin || readme != tc.readme {
				t.Errorf("root %q, bin %q, readme %q; want %q, %q, %q", root, bin, readme, tc.root, tc.bin, tc.readme)
			}
		})
	}
}

func TestWriteJSONMakesTheFolder(t *testing.T) {
	name := filepath.Join(t.TempDir(), "bench", "figures.json")
	if err := WriteJSON(name, map[string]int{"requests": 3}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if want := "{\n  \"requests\": 3\n}\n"; string(b) != want {
		t.Errorf("wrote %q, want %q", b, want)
	}
}
