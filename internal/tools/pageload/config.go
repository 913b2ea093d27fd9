package main

import (
	"errors"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// config is what the command line sets.
type config struct {
	Runs      int
	Quick     bool
	Out       string
	Markdown  string
	Bin       string
	Profiles  []profile
	Pages     []string
	Readme    string
	From      string
	Keep      bool
	Verbose   bool
	Breakdown bool
	// Root is the module's folder, where the wasm programs are built.
	Root   string
	Chrome string
}

func parseFlags(args []string, stderr io.Writer) (*config, error) {
	c := &config{}
	fs := flag.NewFlagSet("pageload", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&c.Runs, "runs", 7, "page loads per page and profile, cold and warm; the table shows medians")
	fs.BoolVar(&c.Quick, "quick", false, "3 runs, without the mobile profile: for development")
	fs.StringVar(&c.Out, "out", "bin/bench/pageload.json", "where to write the figures as JSON")
	fs.StringVar(&c.Markdown, "md", "bin/bench/pageload.md", "where to write the table as Markdown")
	fs.StringVar(&c.Bin, "bin", "bin/docket", "the Docket binary to serve")
	profiles := fs.String("profiles", "none,cpu4,mobile", "profiles to run: none, cpu4, mobile")
	pages := fs.String("pages", "docket,timelinejs,hello,static", "pages to load")
	fs.StringVar(&c.Readme, "readme", "", "also put the Markdown table into this file, between <!-- pageload:begin --> and <!-- pageload:end --> (a section with them is added at the end if missing)")
	fs.StringVar(&c.From, "from", "", "measure nothing: print the table (and write -md, -readme) from this JSON of an earlier run")
	fs.BoolVar(&c.Keep, "keep", false, "keep the temporary folder (TimelineJS, the hello world's builds)")
	fs.BoolVar(&c.Verbose, "v", false, "log every load")
	fs.BoolVar(&c.Breakdown, "breakdown", true, "build ./app with its name section to break app.wasm down by package")
	fs.Usage = func() {
		io.WriteString(stderr, "usage: go run ./internal/tools/pageload [flags]\n\nMeasures Docket's page load against TimelineJS, a go-app hello world and a static page.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	runsSet := false
	fs.Visit(func(f *flag.Flag) { runsSet = runsSet || f.Name == "runs" })
	if c.Quick {
		if !runsSet {
			c.Runs = 3
		}
		*profiles = strings.ReplaceAll(strings.ReplaceAll(*profiles, ",mobile", ""), "mobile", "")
	}
	if c.Runs < 1 {
		return nil, errors.New("-runs must be at least 1")
	}
	for _, name := range strings.Split(*profiles, ",") {
		i := slices.IndexFunc(allProfiles, func(p profile) bool { return p.Name == strings.TrimSpace(name) })
		if i < 0 {
			if strings.TrimSpace(name) == "" {
				continue
			}
			return nil, errors.New("-profiles: unknown profile " + name)
		}
		c.Profiles = append(c.Profiles, allProfiles[i])
	}
	for _, p := range strings.Split(*pages, ",") {
		switch p = strings.TrimSpace(p); p {
		case "docket", "timelinejs", "hello", "static":
			c.Pages = append(c.Pages, p)
		default:
			return nil, errors.New("-pages: unknown page " + p)
		}
	}
	if len(c.Profiles) == 0 || !slices.Contains(c.Pages, "docket") {
		return nil, errors.New("nothing to measure: Docket and at least one profile are needed")
	}
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil || strings.TrimSpace(string(out)) == "" || strings.TrimSpace(string(out)) == os.DevNull {
		return nil, errors.New("run pageload inside Docket's module (go env GOMOD is empty)")
	}
	c.Root = filepath.Dir(strings.TrimSpace(string(out)))
	if c.Chrome = chromePath(); c.Chrome == "" {
		return nil, errors.New("no Chromium found: install Debian's chromium (`apt-get install chromium`) or set CHROME_PATH")
	}
	return c, nil
}

// chromePath finds the browser as the browser tests do: $CHROME_PATH, else
// Debian's chromium. (internal/browsertest is not imported: it embeds the
// whole web folder, wasm included.)
func chromePath() string {
	if p := os.Getenv("CHROME_PATH"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless_shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}
