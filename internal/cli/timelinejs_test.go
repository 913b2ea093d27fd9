package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"docket/internal/casefile"
)

// runIn runs the command line with stdin and the stand-in web folder.
func runIn(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return runEnv(Env{Stdin: strings.NewReader(stdin), Web: standInWeb(t)}, args...)
}

const gideonCSV = "../timelinejs/testdata/gideon.csv"

// TestImport checks `docket import`: it writes the case and exits 3 when
// the case needs editing, with the report in plain words on stderr.
func TestImport(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "gideon.json")
	code, stdout, stderr := runIn(t, "", "import", "-o", out, gideonCSV)
	if code != exitNeedsEditing || stdout != "" {
		t.Errorf("exit %d, stdout %q; want 3 and nothing", code, stdout)
	}
	for _, want := range []string{
		`Imported "Gideon v. Wainwright" from ../timelinejs/testdata/gideon.csv (TimelineJS Sheets CSV)`,
		"Not carried over (4):", `line 2 (Background): the background colour "#2b2b2b"`,
		"To do before the case can be published (17):", `court: add the court's name`,
		`event "tried-without-a-lawyer" (line 8): add a source`,
		"Wrote " + out + ". It needs editing before it can be published",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	c, err := casefile.Decode(out, data)
	if err != nil || c.ID != "gideon-v-wainwright" || len(c.Events) != 10 {
		t.Fatalf("the written case: %v, %+v", err, c)
	}
	want, err := os.ReadFile("../timelinejs/testdata/gideon.case.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, want) {
		t.Errorf("the written case is not the golden one")
	}

	// The file exists: refused, unless -force.
	code, _, stderr = runIn(t, "", "import", "-o", out, gideonCSV)
	if code != 1 || !strings.Contains(stderr, "exists: choose another file with -o, or replace it with -force") {
		t.Errorf("over an existing file: exit %d, %q; want 1 and why", code, stderr)
	}
	if code, _, _ = runIn(t, "", "import", "-force", "-o", out, gideonCSV); code != exitNeedsEditing {
		t.Errorf("with -force: exit %d; want 3", code)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the folder holds %d files; want only the case (no temporary file left)", len(entries))
	}
}

// TestImportStdin checks SOURCE "-" and -o -: JSON in on stdin, the case
// out on stdout, the report on stderr; the format is told by content.
func TestImportStdin(t *testing.T) {
	in, err := os.ReadFile("../timelinejs/testdata/gideon.json")
	if err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runIn(t, string(in), "import", "-o", "-", "-")
	if code != exitNeedsEditing || !strings.Contains(stderr, "from stdin (TimelineJS JSON)") || !strings.Contains(stderr, "Wrote stdout.") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	var c casefile.Case
	if err := json.Unmarshal([]byte(stdout), &c); err != nil || c.ID != "gideon-v-wainwright" {
		t.Errorf("stdout is not the case: %v", err)
	}
}

// TestImportDefaultFile checks that without -o the case goes to ID.json
// in the current folder.
func TestImportDefaultFile(t *testing.T) {
	src, err := filepath.Abs(gideonCSV)
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	if code, _, stderr := runIn(t, "", "import", src); code != exitNeedsEditing || !strings.Contains(stderr, "Wrote gideon-v-wainwright.json.") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat("gideon-v-wainwright.json"); err != nil {
		t.Error(err)
	}
}

// TestImportFailures checks that input the importer cannot read exits 1
// with where and why, and writes nothing; usage mistakes exit 2.
func TestImportFailures(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	big := filepath.Join(dir, "big.csv")
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, 50<<20); err != nil { // a sparse 50 MB file
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"not the template", []string{write("people.csv", "name,age\nA,1\n")}, 1, "people.csv: line 1: is not a TimelineJS sheet"},
		{"missing headers", []string{write("short.csv", "Year,Headline\n1961,A\n")}, 1, "the header row lacks the template's Month, Day, Text columns"},
		{"truncated JSON", []string{write("cut.json", `{"events": [{"start_date": {"year": 19`)}, 1, "cut.json: line 1, column 39 (byte 38): the JSON ends early"},
		{"not UTF-8", []string{write("latin1.csv", "Year,Month,Day,Headline,Text\n1961,,,Caf\xe9,x\n")}, 1, "latin1.csv: line 2, column 11: byte 0xe9 is not UTF-8"},
		{"too large", []string{big}, 1, "big.csv: is larger than 20 MB"},
		{"missing file", []string{filepath.Join(dir, "nope.csv")}, 1, "nope.csv: no such file"},
		{"a folder", []string{dir}, 1, "is a folder"},
		{"JSON read as CSV", []string{"-format", "timelinejs-csv", write("t.json", `{"events": []}`)}, 1, `t.json: line 1: starts with "{": it is JSON, not a Sheets CSV`},
		{"no source", nil, 2, "name one SOURCE"},
		{"two sources", []string{"a", "b"}, 2, "name one SOURCE"},
		{"bad format", []string{"-format", "xlsx", "a.csv"}, 2, `-format "xlsx": use timelinejs or timelinejs-csv`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, "out", tt.name+".json")
			if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := runIn(t, "", append([]string{"import", "-o", out}, tt.args...)...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tt.code, tt.want)
			}
			if code == 1 && !strings.Contains(stderr, "Nothing was written.") {
				t.Errorf("stderr does not say nothing was written: %q", stderr)
			}
			if stdout != "" {
				t.Errorf("stdout %q; want nothing", stdout)
			}
			if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 0 {
				t.Errorf("a failed import left %d files", len(entries))
			}
		})
	}
}

// TestExportTimelineJS checks `docket export -format timelinejs` and
// `-format timelinejs-csv` for one case, by file or by id, and that
// importing the export gives the case's events back.
func TestExportTimelineJS(t *testing.T) {
	dir := t.TempDir()
	js := filepath.Join(dir, "twitter.json")
	code, stdout, stderr := runIn(t, "", "export", "-format", "timelinejs", "-o", js, "twitter-v-dhs-2017")
	if code != 0 || stdout != "" || !strings.Contains(stderr, "the quiz (") || !strings.Contains(stderr, "not exportable") ||
		!strings.Contains(stderr, "Wrote "+js+".") {
		t.Errorf("export by id: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, stdout, _ = runIn(t, "", "export", "-format", "timelinejs-csv", "../../web/cases/twitter-v-dhs-2017.json")
	if code != 0 || !strings.HasPrefix(stdout, "Year,Month,Day,Time,") {
		t.Errorf("export of a file to stdout: exit %d, %q", code, stdout)
	}
	back := filepath.Join(dir, "back.json")
	code, _, stderr = runIn(t, "", "import", "-o", back, js)
	if code != exitNeedsEditing {
		t.Fatalf("importing the export: exit %d\n%s", code, stderr)
	}
	data, _ := os.ReadFile(back)
	c, err := casefile.Decode(back, data)
	orig, _ := os.ReadFile("../../web/cases/twitter-v-dhs-2017.json")
	o, _ := casefile.Decode("orig", orig)
	if err != nil || len(c.Events) != len(o.Events) || c.Events[3].ID != o.Events[3].ID || c.Events[3].Date != o.Events[3].Date {
		t.Errorf("the import of the export differs: %v", err)
	}

	code, _, stderr = runIn(t, "", "export", "-format", "timelinejs", "-o", js, "twitter-v-dhs-2017")
	if code != 1 || !strings.Contains(stderr, "exists") {
		t.Errorf("over an existing file: exit %d, %q", code, stderr)
	}
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"-format", "timelinejs", "no-such-case"}, 1, `no case file or case id "no-such-case"`},
		{[]string{"-format", "timelinejs"}, 2, "name one CASE"},
		{[]string{"-format", "timelinejs", "-out", dir, "x"}, 2, "-out is for -format site"},
		{[]string{"-format", "pdf", "x"}, 2, `-format "pdf": use site, timelinejs or timelinejs-csv`},
		{[]string{"-o", "x.json", "-out", dir}, 2, "-o and -force are for -format timelinejs"},
	} {
		code, _, stderr := runIn(t, "", append([]string{"export"}, tt.args...)...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("export %q: exit %d, %q; want %d and %q", tt.args, code, stderr, tt.code, tt.want)
		}
	}
}

// TestREADMEListsTheCommands checks the README's command line section
// against the command line: every synopsis in its block, and each flag of
// serve, export and import in its table.
func TestREADMEListsTheCommands(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	_, section, ok := strings.Cut(readme, "## The command line\n")
	if !ok {
		t.Fatal(`the README has no "## The command line" section`)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	for _, line := range strings.Split(usage, "\n") {
		synopsis, ok := strings.CutPrefix(line, "  docket ")
		if !ok || strings.HasPrefix(synopsis, "user ") { // the README sums up user's four commands in one line
			continue
		}
		if !strings.Contains(section, "\nbin/docket "+synopsis+"\n") {
			t.Errorf("the README's command line section lacks %q", "bin/docket "+synopsis)
		}
	}
	env := Env{Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }}
	for name, fl := range map[string]*flag.FlagSet{
		"serve": serveFlags(&serveOptions{}, env), "export": exportFlags(&exportOptions{}, env), "import": importFlags(&importOptions{}, env),
	} {
		fl.VisitAll(func(f *flag.Flag) {
			if !strings.Contains(section, "| `"+name+" -"+f.Name) {
				t.Errorf("the README's table does not document %s -%s", name, f.Name)
			}
		})
	}
	if !strings.Contains(readme, "\n## Coming from TimelineJS\n") {
		t.Error(`the README has no "Coming from TimelineJS" section`)
	}
}

// TestExportTimelineJSFromDatabase checks that CASE may be the id of a
// case published in -db, and that one taken down is not found.
func TestExportTimelineJSFromDatabase(t *testing.T) {
	dbURL := "sqlite:" + filepath.Join(t.TempDir(), "docket.db")
	publishInDatabase(t, dbURL)

	code, stdout, stderr := runIn(t, "", "export", "-format", "timelinejs", "-db", dbURL, "from-db")
	if code != 0 || !strings.Contains(stdout, `"headline": "Published in the database: from-db"`) {
		t.Errorf("export from the database: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = runIn(t, "", "export", "-format", "timelinejs", "-db", dbURL, "taken-down")
	if code != 1 || !strings.Contains(stderr, `the case "taken-down" was unpublished`) {
		t.Errorf("a case taken down: exit %d, stderr %q; want 1", code, stderr)
	}
}
