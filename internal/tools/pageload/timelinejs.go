package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"docket/internal/casefile"
)

// timelineJSVersion is the TimelineJS release Docket is measured against.
const timelineJSVersion = "3.9.11"

// timelineJSPage is the same case as a TimelineJS embed. It is interactive
// when TimelineJS fires "ready" and its ArrowRight handler moves to the
// next slide.
var timelineJSPage = benchPage{
	Key: "timelinejs", Name: "TimelineJS", App: true,
	What:  "TimelineJS " + timelineJSVersion + " from npm, its documented embed, the case as its JSON",
	Focus: []string{"#timeline-embed"},
	Sig:   "window.timeline && window.timeline.current_id",
}

// installTimelineJS installs TimelineJS from npm into dir and returns the
// folder of its built files.
func installTimelineJS(ctx context.Context, dir string) (string, error) {
	if _, err := exec.LookPath("npm"); err != nil {
		return "", errors.New("npm is missing: install it with `apt-get install npm` (TimelineJS comes from npm)")
	}
	cmd := exec.CommandContext(ctx, "npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", dir, "@knight-lab/timelinejs@"+timelineJSVersion)
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("npm install @knight-lab/timelinejs@%s: %w\n%s", timelineJSVersion, err, b)
	}
	return filepath.Join(dir, "node_modules", "@knight-lab", "timelinejs", "dist"), nil
}

// timelineJSSite serves the embed page, the case as TimelineJS JSON and
// TimelineJS's files, precompressed; its script, styles, fonts and icons
// are cached for a year, as a versioned CDN would, the page and the data
// revalidate, as Docket's page does.
func timelineJSSite(dist string, c *casefile.Case) (*site, error) {
	s := newSite()
	data, err := json.Marshal(timelineJSON(c))
	if err != nil {
		return nil, err
	}
	if err := s.add("/case.json", data, revalidate); err != nil {
		return nil, err
	}
	if err := s.add("/", []byte(timelineJSHTML(c.Title)), revalidate); err != nil {
		return nil, err
	}
	err = filepath.WalkDir(dist, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".map") {
			return err
		}
		rel, _ := filepath.Rel(dist, p)
		if !strings.HasPrefix(rel, "js"+string(filepath.Separator)) && !strings.HasPrefix(rel, "css"+string(filepath.Separator)) {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return s.add("/timeline/"+filepath.ToSlash(rel), b, immutable)
	})
	if err != nil {
		return nil, err
	}
	if _, ok := s.files["/timeline/js/timeline.js"]; !ok {
		return nil, fmt.Errorf("%s has no js/timeline.js", dist)
	}
	return s, nil
}

// timelineJSHTML is TimelineJS's documented embed: its stylesheet and
// script in the head, a container, and the constructor with the data's URL.
// script_path says where TimelineJS finds its font stylesheet, as for
// any self-hosted copy. The page marks itself ready as Docket does, when
// TimelineJS says so.
func timelineJSHTML(title string) string {
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>` + html.EscapeString(title) + ` · TimelineJS</title>
<link title="timeline-styles" rel="stylesheet" href="/timeline/css/timeline.css">
<script src="/timeline/js/timeline.js"></script>
<style>html, body { margin: 0; height: 100%; } #timeline-embed { width: 100%; height: 100%; min-height: 600px; }</style>
</head>
<body>
<div id="timeline-embed"></div>
<script>
window.timeline = new TL.Timeline('timeline-embed', '/case.json', {script_path: new URL('/timeline/js/', location.href).href});
window.timeline.on('ready', function () { document.documentElement.setAttribute('data-docket', 'ready'); });
</script>
</body>
</html>
`
}

// TimelineJS's JSON format.
type tlData struct {
	Title  tlSlide   `json:"title"`
	Events []tlSlide `json:"events"`
}

type tlSlide struct {
	UniqueID  string  `json:"unique_id,omitempty"`
	StartDate *tlDate `json:"start_date,omitempty"`
	Text      tlText  `json:"text"`
	Group     string  `json:"group,omitempty"`
}

type tlDate struct {
	Year        string `json:"year"`
	Month       string `json:"month,omitempty"`
	Day         string `json:"day,omitempty"`
	DisplayDate string `json:"display_date,omitempty"`
}

type tlText struct {
	Headline string `json:"headline"`
	Text     string `json:"text,omitempty"`
}

// timelineJSON converts a case to TimelineJS's format: a title slide with
// the summary, and a slide per event, dated as precisely as the case
// knows (year, month or day), grouped by category.
func timelineJSON(c *casefile.Case) tlData {
	labels := map[string]string{}
	for _, cat := range c.Categories {
		labels[cat.ID] = cat.Label
	}
	d := tlData{Title: tlSlide{Text: tlText{Headline: html.EscapeString(c.Title), Text: paragraphs([]string{c.Summary})}}}
	for _, e := range c.Events {
		d.Events = append(d.Events, tlSlide{
			UniqueID:  e.ID,
			StartDate: tlDateOf(e.Date),
			Text:      tlText{Headline: html.EscapeString(e.Title), Text: paragraphs(e.Body)},
			Group:     labels[e.Category],
		})
	}
	return d
}

func tlDateOf(d casefile.Date) *tlDate {
	parts := strings.Split(d.Value, "-")
	out := &tlDate{Year: parts[0], DisplayDate: d.Label}
	if len(parts) > 1 && d.Precision != casefile.Year {
		out.Month = strings.TrimLeft(parts[1], "0")
	}
	if len(parts) > 2 && d.Precision == casefile.Day {
		out.Day = strings.TrimLeft(parts[2], "0")
	}
	return out
}

func paragraphs(ps []string) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("<p>" + html.EscapeString(p) + "</p>")
	}
	return b.String()
}
