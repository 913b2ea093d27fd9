package cli

import (
	"bytes"
	"context"
	"flag"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	docketweb "docket/web"
)

// runEnv runs the command line in env, with no environment variables
// unless env has its Getenv, and returns the exit code and what it printed.
func runEnv(env Env, args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	env.Stdout, env.Stderr = &out, &errb
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	code = Run(context.Background(), args, env)
	return code, out.String(), errb.String()
}

// runCLI runs the command line with no environment and an empty web folder.
func runCLI(args ...string) (code int, stdout, stderr string) {
	return runEnv(Env{Web: fstest.MapFS{}}, args...)
}

// TestUsage checks the command line's contract: help exits 0, a usage
// mistake exits 2 and prints usage.
func TestUsage(t *testing.T) {
	tests := []struct {
		args       []string
		wantCode   int
		wantOutput string // in stdout or stderr
	}{
		{nil, 2, "Usage:"},
		{[]string{"-h"}, 0, "docket serve"},
		{[]string{"help"}, 0, "docket validate"},
		{[]string{"help", "export"}, 0, "-url URL"},
		{[]string{"help", "user"}, 0, "docket user passwd [-db URL] LOGIN"},
		{[]string{"-h"}, 0, "docket user add [-db URL]"},
		{[]string{"help", "frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"serve", "-h"}, 0, "-addr"},
		{[]string{"serve", "-bogus"}, 2, "flag provided but not defined: -bogus"},
		{[]string{"serve", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"validate"}, 2, "name at least one case file"},
		{[]string{"validate", "-h"}, 0, "validate FILE..."},
		{[]string{"export"}, 2, "name the folder to write with -out DIR"},
		{[]string{"export", "-h"}, 0, "-base PATH"},
		{[]string{"export", "-out", "x", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"help", "export"}, 0, "docket export -format timelinejs|timelinejs-csv [-o FILE]"},
		{[]string{"help", "import"}, 0, "Exit status: 0 the case was written and is valid; 3"},
		{[]string{"import", "-h"}, 0, "-format FORMAT"},
		{[]string{"import"}, 2, "name one SOURCE"},
		{[]string{"import", "-bogus"}, 2, "flag provided but not defined: -bogus"},
		{[]string{"-h"}, 0, "docket import [-o FILE]"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errs := runCLI(tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit %d; want %d", code, tt.wantCode)
			}
			if !strings.Contains(out+errs, tt.wantOutput) {
				t.Errorf("output lacks %q:\n%s%s", tt.wantOutput, out, errs)
			}
		})
	}
}

// TestHelpListsEveryFlag checks that `docket help COMMAND` (on stdout) and
// `docket COMMAND -h` list every flag the command reads, and that the
// command's synopsis, in its help and in the general usage, names each.
func TestHelpListsEveryFlag(t *testing.T) {
	env := Env{Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }}
	for name, fl := range map[string]*flag.FlagSet{
		"serve":  serveFlags(&serveOptions{}, env),
		"export": exportFlags(&exportOptions{}, env),
		"import": importFlags(&importOptions{}, env),
	} {
		code, help, errs := runCLI("help", name)
		if code != 0 || errs != "" {
			t.Errorf("help %s: exit %d, stderr %q; want 0 and nothing", name, code, errs)
		}
		_, _, dashH := runCLI(name, "-h")
		_, general, _ := runCLI("help")
		// The synopsis is every usage line above the flags (export has
		// two: the site, and one case as a TimelineJS timeline).
		block, _, _ := strings.Cut(help, "\n\n")
		synopsis := strings.ReplaceAll(block, "\n", " ")
		n := 0
		fl.VisitAll(func(f *flag.Flag) {
			n++
			for where, text := range map[string]string{"help " + name: help, name + " -h": dashH} {
				if !strings.Contains(text, "\n  -"+f.Name+" ") && !strings.Contains(text, "\n  -"+f.Name+"\n") {
					t.Errorf("%s does not list -%s:\n%s", where, f.Name, text)
				}
			}
			if !strings.Contains(synopsis, "[-"+f.Name) && !strings.Contains(synopsis, " -"+f.Name+" ") {
				t.Errorf("the synopsis %q does not name -%s", synopsis, f.Name)
			}
			for _, line := range strings.Split(block, "\n") {
				line = strings.TrimSpace(strings.TrimPrefix(line, "Usage: "))
				if !strings.Contains(general, line+"\n") {
					t.Errorf("the general usage lacks the synopsis %q", line)
				}
			}
		})
		if name == "serve" && (n < 6 || !strings.Contains(help, "-frame-ancestors SOURCES") || !strings.Contains(help, "-hsts") || !strings.Contains(help, "-db URL")) {
			t.Errorf("help serve lists %d flags, without -frame-ancestors, -hsts or -db:\n%s", n, help)
		}
		if name == "export" && !strings.Contains(help, "-db URL") {
			t.Errorf("help export does not list -db:\n%s", help)
		}
	}

	// docket user's commands: `docket help user` and `docket user -h`
	// list each command with its flags; `docket user COMMAND -h` lists
	// the command's; the general usage names each command's synopsis.
	code, help, errs := runCLI("help", "user")
	if code != 0 || errs != "" {
		t.Errorf("help user: exit %d, stderr %q; want 0 and nothing", code, errs)
	}
	_, dashH, _ := runCLI("user", "-h")
	_, general, _ := runCLI("help")
	for _, command := range userCommands {
		fl, _, _, _ := userFlags(command, env)
		_, _, own := runCLI("user", command, "-h")
		synopsis := userSynopses[command]
		if !strings.Contains(general, "docket "+synopsis+"\n") {
			t.Errorf("the general usage lacks %q:\n%s", synopsis, general)
		}
		for where, text := range map[string]string{"help user": help, "user -h": dashH, "user " + command + " -h": own} {
			if !strings.Contains(text, "Usage: docket "+synopsis+"\n") {
				t.Errorf("%s lacks the usage of %q:\n%s", where, synopsis, text)
			}
		}
		n := 0
		fl.VisitAll(func(f *flag.Flag) {
			n++
			if !strings.Contains(synopsis, "[-"+f.Name) {
				t.Errorf("the synopsis %q does not name -%s", synopsis, f.Name)
			}
			for where, text := range map[string]string{"help user": help, "user " + command + " -h": own} {
				if !strings.Contains(text, "\n  -"+f.Name+" ") {
					t.Errorf("%s does not list -%s:\n%s", where, f.Name, text)
				}
			}
		})
		if n == 0 || (command == "add" && n != 3) {
			t.Errorf("user %s has %d flags", command, n)
		}
	}
}

// TestServeRefusesWithoutAssets checks that serve exits 1 with a message
// when it cannot start, rather than serving half a site.
func TestServeRefusesWithoutAssets(t *testing.T) {
	code, _, errs := runCLI("serve", "-addr", "127.0.0.1:0", "-db", "sqlite:"+filepath.Join(t.TempDir(), "docket.db"))
	if code != 1 || !strings.Contains(errs, "docket serve:") {
		t.Errorf("serve with no assets: exit %d, stderr %q; want 1 and a message", code, errs)
	}
}

// TestValidate checks `docket validate`: every problem of every file with
// its position, exit 1 when any file is invalid, 0 when all are valid.
func TestValidate(t *testing.T) {
	code, out, errs := runCLI("validate", "../../web/cases/twitter-v-dhs-2017.json", "../casefile/testdata/second-case/demo-appeal.json",
		"../casefile/testdata/valid/timeline-only.json")
	if code != 0 || !strings.Contains(out, "twitter-v-dhs-2017.json: ok") || errs != "" {
		t.Errorf("valid files: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if want := "timeline-only.json: ok (demo-timeline: 4 events, 0 terms, no quiz)"; !strings.Contains(out, want) {
		t.Errorf("stdout lacks %q:\n%s", want, out)
	}

	// Spans, times of day, eras and media: each problem with its place.
	code, _, errs = runCLI("validate", "../casefile/testdata/invalid/spans-times-eras.json", "../casefile/testdata/invalid/media-and-quiz.json")
	if code != 1 {
		t.Errorf("invalid timelines: exit %d; want 1", code)
	}
	for _, want := range []string{
		`spans-times-eras.json:21:15: events[0].date: has a time of day, so the case needs a "timezone"`,
		`spans-times-eras.json:22:14: events[0].end: "2017-04-06T09:00" is before the event's date ("2017-04-06T16:30")`,
		`spans-times-eras.json:15:88: eras[0].end: "2017-04" is before the era's start ("2017-05")`,
		`media-and-quiz.json:13:15: timezone: "Pacific Time" is not a time zone name`,
		`media-and-quiz.json:14:30: media.image.src: "http://example.org/courthouse.jpg" is an http URL: images must be https so the page stays secure`,
		`media-and-quiz.json:14:74: media.image.alt: is required: screen readers read it`,
		`media-and-quiz.json:51:16: events[3].media: needs an image or a link`,
		`media-and-quiz.json:63:11: quiz: is empty: add a question or remove the quiz`,
		"2 of 2 files are invalid",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}

	code, _, errs = runCLI("validate", "../../web/cases/twitter-v-dhs-2017.json", "../casefile/testdata/invalid/many-problems.json", "../casefile/testdata/invalid/syntax-trailing-comma.json")
	if code != 1 {
		t.Errorf("invalid files: exit %d; want 1", code)
	}
	for _, want := range []string{
		`many-problems.json:21:25: events[0].date.value: "2017-04-31" is not a date`,
		`many-problems.json:56:110: sources[0].url: "javascript:alert(1)" is not an http or https URL`,
		`syntax-trailing-comma.json:6:3: invalid character ']'`,
		"2 of 3 files are invalid",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}

	code, _, errs = runCLI("validate", "no-such-file.json")
	if code != 1 || !strings.Contains(errs, "no-such-file.json") {
		t.Errorf("missing file: exit %d, stderr %q", code, errs)
	}
}

// TestExport checks `docket export`: exit 0 and what it wrote, a warning
// when no -url names the public site, exit 1 with the reason when it cannot
// write (here, an -out folder that holds files).
func TestExport(t *testing.T) {
	web := standInWeb(t)
	run := func(args ...string) (int, string, string) { return runEnv(Env{Web: web}, args...) }
	dir := t.TempDir()
	code, out, errs := run("export", "-out", filepath.Join(dir, "a"))
	if code != 0 || !strings.Contains(out, "wrote") || !strings.Contains(errs, "no -url given") {
		t.Errorf("export without -url: exit %d, %q, %q; want 0, the count and a warning", code, out, errs)
	}
	code, _, errs = run("export", "-out", filepath.Join(dir, "b"), "-url", "https://news.example.org/")
	if code != 0 || errs != "" {
		t.Errorf("export with -url: exit %d, stderr %q; want 0 and nothing", code, errs)
	}
	code, _, errs = run("export", "-out", filepath.Join(dir, "a"))
	if code != 1 || !strings.Contains(errs, "not empty") {
		t.Errorf("export into a full folder: exit %d, stderr %q; want 1 and why", code, errs)
	}
}

// standInWeb is the embedded web folder with a stand-in app.wasm: enough
// for the server to start and the export to write, without `make build`.
func standInWeb(t *testing.T) fstest.MapFS {
	t.Helper()
	web := fstest.MapFS{}
	for name, data := range map[string]string{
		"app.wasm": "\x00asm\x01\x00\x00\x00", "docket.js": "", "embed-code.js": "", "styles/10-base.css": "body{}",
	} {
		web[name] = &fstest.MapFile{Data: []byte(data)}
	}
	if err := fs.WalkDir(docketweb.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(p, "app.wasm") {
			return err
		}
		b, err := fs.ReadFile(docketweb.FS, p)
		web[p] = &fstest.MapFile{Data: b}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return web
}
