package server

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"docket/internal/casefile"
	"docket/internal/htmlcheck"
)

// writeCase writes the shipped case into dir as a case of its own, with
// the given id, title and summary.
func writeCase(t *testing.T, dir, id, title, summary string) {
	t.Helper()
	c := shippedCase(t, id, title)
	c["summary"] = summary
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, id+".json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestTwoServersInOneProcess starts two servers with different case folders
// in one process, both holding a case with the same id but different
// content, and checks that each serves only its own cases: in the API, in
// oEmbed, and in pages that go-app prerenders for both at the same time.
func TestTwoServersInOneProcess(t *testing.T) {
	type site struct {
		s            *Server
		own, other   string // the id of a case only this server has, and of the other's
		sharedTitle  string // its title for the case both have, "shared-case"
		ownCaseTitle string
	}
	var sites []*site
	for _, name := range []string{"alpha", "beta"} {
		dir := t.TempDir()
		writeCase(t, dir, "shared-case", "The shared case, as "+name+" has it", "Told by "+name+".")
		writeCase(t, dir, name+"-only", "A case only "+name+" has", "Only on "+name+".")
		s, err := New(Config{CasesDir: dir, Log: slog.New(slog.DiscardHandler)}, testWeb(t))
		if err != nil {
			t.Fatal(err)
		}
		sites = append(sites, &site{s: s, own: name + "-only", sharedTitle: "The shared case, as " + name + " has it", ownCaseTitle: "A case only " + name + " has"})
	}
	sites[0].other, sites[1].other = sites[1].own, sites[0].own

	for _, st := range sites {
		var index []casefile.Summary
		if err := json.Unmarshal(do(t, st.s.Handler(), "GET", "/api/cases").Body.Bytes(), &index); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, c := range index {
			ids = append(ids, c.ID)
		}
		if fmt.Sprint(ids) != fmt.Sprint([]string{"twitter-v-dhs-2017", st.own, "shared-case"}) {
			t.Errorf("%s lists %v", st.own, ids)
		}
		for _, path := range []string{"/cases/" + st.other + "/", "/embed/" + st.other + "/", "/api/cases/" + st.other, "/embed-code/" + st.other} {
			if w := do(t, st.s.Handler(), "GET", path); w.Code != 404 {
				t.Errorf("the server of %s answers %s with %d; want 404", st.own, path, w.Code)
			}
		}
		var oembed struct{ Title string }
		json.Unmarshal(do(t, st.s.Handler(), "GET", "/oembed?url="+url.QueryEscape("http://example.com/cases/shared-case/")).Body.Bytes(), &oembed)
		if oembed.Title != st.sharedTitle {
			t.Errorf("oEmbed of shared-case from the server of %s is titled %q; want %q", st.own, oembed.Title, st.sharedTitle)
		}
	}

	// Every event page of both servers at once: none is cached yet, so
	// go-app renders them all while the other server renders too.
	c, _ := sites[0].s.cases.Case("shared-case")
	type page struct {
		site      *site
		path      string
		h1, title string // the selector of the title the page shows, and what it must say
	}
	var all []page
	for _, st := range sites {
		for _, e := range c.Events {
			all = append(all,
				page{st, "/cases/shared-case/events/" + e.ID + "/", "h1", st.sharedTitle},
				page{st, "/cases/" + st.own + "/events/" + e.ID + "/", "h1", st.ownCaseTitle},
				page{st, "/embed/shared-case/?event=" + e.ID, "p.embed-title", st.sharedTitle},
			)
		}
	}
	var wg sync.WaitGroup
	bodies := make([]string, len(all))
	codes := make([]int, len(all))
	for i, p := range all {
		wg.Go(func() {
			w := do(t, p.site.s.Handler(), "GET", p.path)
			codes[i], bodies[i] = w.Code, w.Body.String()
		})
	}
	wg.Wait()
	for i, p := range all {
		if codes[i] != 200 {
			t.Errorf("the server of %s answers %s with %d", p.site.own, p.path, codes[i])
			continue
		}
		doc := htmlcheck.Parse(t, bodies[i])
		if got := doc.Text(t, p.h1); got != p.title {
			t.Errorf("the server of %s shows %q at %s; want %q", p.site.own, got, p.path, p.title)
		}
		var data casefile.Case
		if err := json.Unmarshal([]byte(doc.Text(t, "script#docket-case")), &data); err != nil || data.Title != p.title {
			t.Errorf("the server of %s gives %s the data of %q (%v); want %q", p.site.own, p.path, data.Title, err, p.title)
		}
	}
}
