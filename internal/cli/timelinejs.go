package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"docket/internal/casefile"
	"docket/internal/export"
	"docket/internal/store"
	"docket/internal/timelinejs"
)

// The synopses of `docket import` and of `docket export` for one case.
const (
	importSynopsis         = "import [-o FILE] [-force] [-format timelinejs|timelinejs-csv] SOURCE"
	exportTimelineSynopsis = "export -format timelinejs|timelinejs-csv [-o FILE] [-force] [-cases DIR] [-db URL] CASE"
)

// exitNeedsEditing is `docket import`'s status when it wrote the case but
// the case needs editing before it can be served (its report's to-do list).
const exitNeedsEditing = 3

// importOptions are what `docket import` reads.
type importOptions struct {
	Out    string
	Force  bool
	Format string
}

// importFlags are the flags of `docket import`, bound into o.
func importFlags(o *importOptions, env Env) *flag.FlagSet {
	fl := newFlags("import", importSynopsis, env)
	fl.StringVar(&o.Out, "o", "", "`FILE` to write the case to (default ID.json in the current folder, ID from the title; - for stdout)")
	fl.BoolVar(&o.Force, "force", false, "replace FILE if it exists")
	fl.StringVar(&o.Format, "format", "", "the SOURCE's `FORMAT`: timelinejs (JSON) or timelinejs-csv (the Sheets template); by default JSON if it starts with {, else CSV")
	usage := fl.Usage
	fl.Usage = func() {
		usage()
		fmt.Fprint(fl.Output(), importExitStatus)
	}
	return fl
}

// importExitStatus is what `docket import -h` says of its exit status.
const importExitStatus = `
SOURCE is a TimelineJS JSON file, a CSV downloaded from the TimelineJS
Google Sheets template (File > Download > Comma-separated values), or - for
stdin. The report of what was carried over, changed, dropped and is left to
do goes to stderr.

Exit status: 0 the case was written and is valid; 3 the case was written but
needs editing (see the to-do list); 1 nothing was written (the reason is
given); 2 a usage mistake.
`

// importCase is `docket import`: a TimelineJS timeline in, a case file out,
// and a report on stderr. It exits 0 when the case is written and valid, 3
// when it is written but needs editing, 1 when nothing was written.
func importCase(args []string, env Env) int {
	var o importOptions
	fl := importFlags(&o, env)
	if status, ok := parse(fl, args, env); !ok {
		return status
	}
	if fl.NArg() != 1 {
		fmt.Fprintln(env.Stderr, "docket import: name one SOURCE: a TimelineJS .json file, a Sheets .csv download, or - for stdin")
		fl.Usage()
		return 2
	}
	format, ok := timelineFormat(o.Format, true)
	if !ok {
		fmt.Fprintf(env.Stderr, "docket import: -format %q: use timelinejs or timelinejs-csv\n", o.Format)
		return 2
	}
	source := fl.Arg(0)
	name, in, err := openSource(source, env)
	if err != nil {
		fmt.Fprintf(env.Stderr, "docket import: %v\nNothing was written.\n", err)
		return 1
	}
	defer in.Close()
	c, rep, err := timelinejs.Import(name, in, format)
	if err != nil {
		fmt.Fprintf(env.Stderr, "docket import: %v\nNothing was written.\n", err)
		return 1
	}
	data, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		fmt.Fprintf(env.Stderr, "docket import: %v\n", err)
		return 1
	}
	out := o.Out
	if out == "" {
		out = c.ID + ".json"
	}
	if err := writeOut(out, append(data, '\n'), o.Force, env); err != nil {
		fmt.Fprintf(env.Stderr, "docket import: %v\nNothing was written.\n", err)
		return 1
	}
	fmt.Fprint(env.Stderr, rep)
	where := out
	if out == "-" {
		where = "stdout"
	}
	if rep.NeedsEditing() {
		check := ""
		if out != "-" {
			check = ", then check it with docket validate " + out
		}
		fmt.Fprintf(env.Stderr, "\nWrote %s. It needs editing before it can be published: see the to-do list above%s.\n", where, check)
		return exitNeedsEditing
	}
	fmt.Fprintf(env.Stderr, "\nWrote %s. It is a valid case, ready to serve.\n", where)
	return 0
}

// openSource opens the SOURCE argument: a file, or stdin for "-". A file
// over the importer's size limit is refused before it is read.
func openSource(source string, env Env) (name string, r io.ReadCloser, err error) {
	if source == "-" {
		if env.Stdin == nil {
			return "", nil, errors.New("no stdin to read")
		}
		return "stdin", io.NopCloser(env.Stdin), nil
	}
	f, err := os.Open(source)
	if err != nil {
		return "", nil, err
	}
	if st, err := f.Stat(); err == nil {
		if st.IsDir() {
			f.Close()
			return "", nil, fmt.Errorf("%s is a folder: name a .json or .csv file", source)
		}
		if st.Size() > timelinejs.MaxInputBytes {
			f.Close()
			return "", nil, timelinejs.TooLarge(source)
		}
	}
	return source, f, nil
}

// timelineFormat reads a -format value; auto allows "" (by content).
func timelineFormat(s string, auto bool) (timelinejs.Format, bool) {
	switch f := timelinejs.Format(s); f {
	case timelinejs.JSON, timelinejs.CSV:
		return f, true
	case timelinejs.Auto:
		return f, auto
	}
	return "", false
}

// writeOut writes data to path all at once: into a temporary file beside
// it, renamed into place, so a failure leaves no half-written file. It
// refuses to replace an existing file unless force. "-" is stdout.
func writeOut(path string, data []byte, force bool, env Env) error {
	if path == "-" {
		_, err := env.Stdout.Write(data)
		return err
	}
	if _, err := os.Stat(path); err == nil && !force {
		return fmt.Errorf("%s exists: choose another file with -o, or replace it with -force", path)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename, there is nothing to remove
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// exportOptions are what `docket export` reads: the site's options, or
// for -format timelinejs one case and where to write it.
type exportOptions struct {
	export.Options
	Format string
	File   string // -o
	Force  bool
}

// exportTimeline is `docket export -format timelinejs|timelinejs-csv CASE`:
// one case as a TimelineJS timeline, with a report of what does not carry
// over on stderr.
func exportTimeline(ctx context.Context, o exportOptions, fl *flag.FlagSet, env Env) int {
	format, _ := timelineFormat(o.Format, false)
	if fl.NArg() != 1 {
		fmt.Fprintln(env.Stderr, "docket export: name one CASE: a case file, or the id of a case in -cases or published in -db")
		fl.Usage()
		return 2
	}
	if o.Out != "" {
		fmt.Fprintf(env.Stderr, "docket export: -out is for -format site; -format %s writes one file: use -o FILE\n", format)
		return 2
	}
	c, err := findCase(ctx, fl.Arg(0), o, env)
	if err != nil {
		fmt.Fprintf(env.Stderr, "docket export: %v\n", err)
		return 1
	}
	data, rep, err := timelinejs.Export(c, format)
	if err != nil {
		fmt.Fprintf(env.Stderr, "docket export: %v\n", err)
		return 1
	}
	out := o.File
	if out == "" {
		out = "-"
	}
	if err := writeOut(out, data, o.Force, env); err != nil {
		fmt.Fprintf(env.Stderr, "docket export: %v\nNothing was written.\n", err)
		return 1
	}
	fmt.Fprint(env.Stderr, rep)
	if out != "-" {
		fmt.Fprintf(env.Stderr, "\nWrote %s.\n", out)
	}
	return 0
}

// findCase finds the case to export: a case file when arg names one, else
// the case of that id among the built-in cases and -cases, else the one
// published in -db.
func findCase(ctx context.Context, arg string, o exportOptions, env Env) (*casefile.Case, error) {
	if st, err := os.Stat(arg); err == nil && !st.IsDir() || strings.HasSuffix(arg, ".json") {
		data, err := os.ReadFile(arg)
		if err != nil {
			return nil, err
		}
		return casefile.Decode(arg, data)
	}
	if cases, err := fs.Sub(env.Web, "cases"); err == nil {
		lib, err := casefile.Load(cases, o.CasesDir)
		if err != nil {
			return nil, err
		}
		if e, ok := lib.Case(arg); ok {
			return e.Case, nil
		}
	}
	if o.DB != "" {
		db, err := openExistingDB(ctx, o.DB)
		if err != nil {
			return nil, err
		}
		defer db.Close()
		v, err := db.PublishedCase(ctx, arg)
		switch {
		case err == nil:
			return casefile.Decode(arg, v.JSON)
		case errors.Is(err, store.ErrUnpublished):
			return nil, fmt.Errorf("the case %q was unpublished from -db: export it from a case file instead", arg)
		case !errors.Is(err, store.ErrNotFound):
			return nil, err
		}
	}
	return nil, fmt.Errorf("no case file or case id %q (looked in the built-in cases, -cases and -db)", arg)
}

// openExistingDB opens a database to read; a SQLite file that does not
// exist is an error, not a new database.
func openExistingDB(ctx context.Context, dbURL string) (*store.DB, error) {
	kind, path, err := store.ParseURL(dbURL)
	if err != nil {
		return nil, err
	}
	if kind == "sqlite" {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("-db %s: no database there", dbURL)
		}
	}
	return store.Open(ctx, dbURL)
}
