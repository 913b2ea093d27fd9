// Package cli is Docket's command line: `docket serve`, `docket validate`,
// `docket export`, `docket import` and `docket user`. It is a contract that
// scripts rely on: usage errors exit 2, failures exit 1, success exits 0
// (and `docket import` exits 3 for "written, needs editing").
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"os"
	_ "time/tzdata" // validating a case checks that its timezone exists, on any host

	"docket/internal/casefile"
	"docket/internal/export"
	"docket/internal/server"
	"docket/internal/store"
	"docket/internal/timelinejs"
)

// Env is what a command may use from its surroundings, passed in so tests
// can run commands without touching the process.
type Env struct {
	Stdin          io.Reader // for `docket import -`
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// Web is the folder of browser files, embedded in the binary.
	Web fs.FS
	// Listening, when set, is told the address the server listens on.
	Listening func(addr string)
}

// The commands' synopses, in the general usage and in each command's.
const (
	serveSynopsis    = "serve [-addr HOST:PORT] [-cases DIR] [-db URL] [-base PATH] [-frame-ancestors SOURCES] [-hsts] [-stats=false] [-stats-limit N] [-stats-origin ORIGIN]"
	validateSynopsis = "validate FILE..."
	exportSynopsis   = "export [-format site] -out DIR [-base PATH] [-url URL] [-cases DIR] [-db URL] [-stats-url URL]"
)

const usage = `Docket turns a court case into an interactive explainer.

Usage:
  docket ` + serveSynopsis + `
        serve the explainers, and the editor API for the Studio
  docket ` + validateSynopsis + `
        check case files
  docket ` + exportSynopsis + `
        write the site as static files
  docket ` + exportTimelineSynopsis + `
        write one case as a TimelineJS timeline (JSON, or the Sheets template as CSV)
  docket ` + importSynopsis + `
        make a case file from a TimelineJS timeline (JSON, or a Sheets CSV
        download); exits 3 when it wrote the case but the case needs editing
  docket ` + userAddSynopsis + `
  docket ` + userListSynopsis + `
  docket ` + userPasswdSynopsis + `
  docket ` + userRemoveSynopsis + `
        manage editors' accounts

The database (-db) is sqlite:PATH or postgres://USER@HOST/DB; by default
$DATABASE_URL, or ` + store.DefaultURL + `.

Run "docket help COMMAND" or "docket COMMAND -h" for a command's flags.
`

// Run runs the command named by args[0] and returns the exit status.
func Run(ctx context.Context, args []string, env Env) int {
	if len(args) == 0 {
		fmt.Fprint(env.Stderr, usage)
		return 2
	}
	switch args[0] {
	case "serve":
		return serve(ctx, args[1:], env)
	case "validate":
		return validate(args[1:], env)
	case "export":
		return exportSite(ctx, args[1:], env)
	case "import":
		return importCase(args[1:], env)
	case "user":
		return user(ctx, args[1:], env)
	case "-h", "-help", "--help", "help":
		if len(args) > 1 {
			return help(args[1], env)
		}
		fmt.Fprint(env.Stdout, usage)
		return 0
	}
	fmt.Fprintf(env.Stderr, "docket: unknown command %q\n\n%s", args[0], usage)
	return 2
}

// help prints a command's synopsis and every flag it reads, for
// `docket help COMMAND`.
func help(command string, env Env) int {
	var fl *flag.FlagSet
	switch command {
	case "serve":
		fl = serveFlags(&serveOptions{}, env)
	case "validate":
		fl = newFlags("validate", validateSynopsis, env)
	case "export":
		fl = exportFlags(&exportOptions{}, env)
	case "import":
		fl = importFlags(&importOptions{}, env)
	case "user":
		return userHelp(env)
	default:
		fmt.Fprintf(env.Stderr, "docket help: unknown command %q\n\n%s", command, usage)
		return 2
	}
	fl.SetOutput(env.Stdout)
	fl.Usage()
	return 0
}

// newFlags returns a flag set that prints its usage to stderr and reports
// errors instead of exiting, with a one-line synopsis above the flags.
func newFlags(name, synopsis string, env Env) *flag.FlagSet {
	fl := flag.NewFlagSet("docket "+name, flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	fl.Usage = func() {
		fmt.Fprintf(fl.Output(), "Usage: docket %s\n\nFlags:\n", synopsis)
		fl.PrintDefaults()
	}
	return fl
}

// parse parses flags; it returns the exit status to use when parsing ends
// the command (-h: 0, a bad flag: 2) and ok=false.
func parse(fl *flag.FlagSet, args []string, env Env) (status int, ok bool) {
	fl.SetOutput(env.Stderr)
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, false
		}
		return 2, false
	}
	return 0, true
}

// serveOptions are what `docket serve` reads: the server's Config and
// the database's URL.
type serveOptions struct {
	server.Config
	DB string
}

// serveFlags are the flags of `docket serve`, bound into o.
func serveFlags(o *serveOptions, env Env) *flag.FlagSet {
	defaultAddr := "localhost:8080"
	if port := env.Getenv("PORT"); port != "" {
		defaultAddr = ":" + port
	}
	fl := newFlags("serve", serveSynopsis, env)
	fl.StringVar(&o.Addr, "addr", defaultAddr, "`HOST:PORT` to listen on (default from $PORT when set)")
	fl.StringVar(&o.CasesDir, "cases", "", "`DIR` of extra *.json case files to serve beside the built-in ones (read-only)")
	fl.StringVar(&o.DB, "db", defaultDB(env), "database `URL` of drafts, published cases and editors' accounts: sqlite:PATH or postgres://USER@HOST/DB (default $DATABASE_URL, or "+store.DefaultURL+")")
	fl.StringVar(&o.Base, "base", "/", "`PATH` to serve under, such as /explainers/")
	fl.StringVar(&o.FrameAncestors, "frame-ancestors", "*", "`SOURCES` allowed to frame the embeds, space-separated (\"*\": any site)")
	fl.BoolVar(&o.HSTS, "hsts", false, "send Strict-Transport-Security (only behind TLS)")
	fl.BoolVar(&o.Stats, "stats", true, "count how readers answer the quizzes (counts only, see /privacy/) and show readers the counts; -stats=false turns counting off")
	fl.IntVar(&o.StatsPerMinute, "stats-limit", server.DefaultStatsPerMinute, "`N` answers a minute (and at once) one client address may send; 0: no limit")
	fl.StringVar(&o.StatsOrigin, "stats-origin", "", "`ORIGIN` of a static export (export -stats-url) whose pages may send and read counts here, such as https://static.example.org")
	return fl
}

// defaultDB is the database commands use when -db is not given:
// $DATABASE_URL, or the SQLite file in ./docket-data.
func defaultDB(env Env) string {
	if u := env.Getenv("DATABASE_URL"); u != "" {
		return u
	}
	return store.DefaultURL
}

func serve(ctx context.Context, args []string, env Env) int {
	var o serveOptions
	fl := serveFlags(&o, env)
	if status, ok := parse(fl, args, env); !ok {
		return status
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "docket serve: unexpected argument %q\n", fl.Arg(0))
		fl.Usage()
		return 2
	}
	cfg := o.Config
	cfg.Log = slog.New(slog.NewTextHandler(env.Stderr, nil))
	cfg.Console = env.Stderr
	db, err := store.Open(ctx, o.DB)
	if err != nil {
		fmt.Fprintf(env.Stderr, "docket serve: %v\n", err)
		return 1
	}
	defer db.Close()
	cfg.DB = db
	s, err := server.New(cfg, env.Web)
	if err != nil {
		fmt.Fprintf(env.Stderr, "docket serve: %v\n", err)
		return 1
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		fmt.Fprintf(env.Stderr, "docket serve: %v\n", err)
		return 1
	}
	if env.Listening != nil {
		env.Listening(ln.Addr().String())
	}
	if err := s.Serve(ctx, ln); err != nil {
		fmt.Fprintf(env.Stderr, "docket serve: %v\n", err)
		return 1
	}
	return 0
}

func validate(args []string, env Env) int {
	fl := newFlags("validate", validateSynopsis, env)
	if status, ok := parse(fl, args, env); !ok {
		return status
	}
	if fl.NArg() == 0 {
		fmt.Fprintln(env.Stderr, "docket validate: name at least one case file")
		fl.Usage()
		return 2
	}
	reports, err := casefile.LoadFiles(fl.Args()...)
	bad := 0
	for _, r := range reports {
		if len(r.Problems) == 0 {
			quiz := "no quiz"
			if r.Case.HasQuiz() {
				quiz = fmt.Sprintf("%d questions", len(r.Case.Quiz.Questions))
			}
			fmt.Fprintf(env.Stdout, "%s: ok (%s: %d events, %d terms, %s)\n",
				r.Path, r.Case.ID, len(r.Case.Events), len(r.Case.Glossary), quiz)
			continue
		}
		bad++
		for _, p := range r.Problems {
			fmt.Fprintln(env.Stderr, p)
		}
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "docket validate: %d of %d files are invalid\n", bad, len(reports))
		return 1
	}
	return 0
}

// OSEnv is the Env of the running process.
func OSEnv(web fs.FS) Env {
	return Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, Web: web}
}

// exportFlags are the flags of `docket export`, bound into o: -format
// site (the default) writes the whole site into -out DIR; -format
// timelinejs or timelinejs-csv writes one case to -o FILE.
func exportFlags(o *exportOptions, env Env) *flag.FlagSet {
	fl := newFlags("export", exportSynopsis+"\n       docket "+exportTimelineSynopsis, env)
	opts := &o.Options
	fl.StringVar(&o.Format, "format", "site", "what to write (`FORMAT`): site (every page, as static files), timelinejs (one case as TimelineJS JSON) or timelinejs-csv (one case as the TimelineJS Sheets template)")
	fl.StringVar(&o.File, "o", "", "`FILE` to write a TimelineJS export to (default stdout)")
	fl.BoolVar(&o.Force, "force", false, "replace the -o FILE if it exists")
	fl.StringVar(&opts.Out, "out", "", "`DIR` to write the site to (new or empty)")
	fl.StringVar(&opts.Base, "base", "/", "`PATH` the site will be served under, such as /explainers/")
	fl.StringVar(&opts.URL, "url", "", "public `URL` of the site, for absolute links in social tags and oEmbed")
	fl.StringVar(&opts.CasesDir, "cases", "", "`DIR` of extra *.json case files to export beside the built-in ones")
	fl.StringVar(&opts.DB, "db", exportDefaultDB(env), "database `URL` whose published cases to export too (default $DATABASE_URL, or "+store.DefaultURL+" if that file exists)")
	fl.StringVar(&opts.StatsURL, "stats-url", "", "`URL` of a Docket server (run with -stats-origin naming this site) where the exported quizzes count answers; without it the export calls nothing")
	return fl
}

// exportDefaultDB is the database an export reads when -db is not given:
// $DATABASE_URL, or the default SQLite file if it exists (an export never
// creates a database), or none.
func exportDefaultDB(env Env) string {
	if u := env.Getenv("DATABASE_URL"); u != "" {
		return u
	}
	if _, path, err := store.ParseURL(store.DefaultURL); err == nil {
		if _, err := os.Stat(path); err == nil {
			return store.DefaultURL
		}
	}
	return ""
}

func exportSite(ctx context.Context, args []string, env Env) int {
	var o exportOptions
	fl := exportFlags(&o, env)
	if status, ok := parse(fl, args, env); !ok {
		return status
	}
	switch o.Format {
	case "site":
	case string(timelinejs.JSON), string(timelinejs.CSV):
		return exportTimeline(ctx, o, fl, env)
	default:
		fmt.Fprintf(env.Stderr, "docket export: -format %q: use site, timelinejs or timelinejs-csv\n", o.Format)
		return 2
	}
	if o.File != "" || o.Force {
		fmt.Fprintln(env.Stderr, "docket export: -o and -force are for -format timelinejs; the site goes to -out DIR")
		return 2
	}
	opts := o.Options
	if fl.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "docket export: unexpected argument %q (flags go before it)\n", fl.Arg(0))
		fl.Usage()
		return 2
	}
	if opts.Out == "" {
		fmt.Fprintln(env.Stderr, "docket export: name the folder to write with -out DIR")
		fl.Usage()
		return 2
	}
	n, err := export.Run(opts, env.Web)
	if err != nil {
		fmt.Fprintf(env.Stderr, "docket export: %v\n", err)
		return 1
	}
	fmt.Fprintf(env.Stdout, "docket export: wrote %d files to %s\n", n, opts.Out)
	if opts.URL == "" {
		fmt.Fprintln(env.Stderr, "docket export: no -url given: social tags and oEmbed name http://localhost, and no sitemap.xml or robots.txt is written; for a public site, export again with -url https://your.site/path/")
	}
	return 0
}
