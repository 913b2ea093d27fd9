package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// TestAttackCountsFailures runs vegeta for real against a loopback server
// that fails one path of two.
func TestAttackCountsFailures(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/broken" {
			http.Error(w, "broken", http.StatusInternalServerError)
			return
		}
		if r.Header.Get("Accept-Encoding") != "br" {
			http.Error(w, "no Accept-Encoding", http.StatusBadRequest)
			return
		}
		w.Write([]byte(strings.Repeat("x", 1000)))
	}))
	defer srv.Close()

	ok := attack(srv.URL, []path{{"/", "br"}}, 4, time.Second, time.Second, nil)
	if ok.Requests == 0 || ok.Errors != 0 || ok.BodyBytes != 1000 || ok.ReqPerSec <= 0 {
		t.Errorf("a working path: %+v", ok)
	}
	calls := 0
	mixed := attack(srv.URL, []path{{"/", "br"}, {"/broken", "br"}}, 4, time.Second, time.Second, func(*vegeta.Result) { calls++ })
	if mixed.Errors == 0 || mixed.Errors == int(mixed.Requests) || mixed.Codes["500"] != mixed.Errors {
		t.Errorf("half the requests fail, but: %+v", mixed)
	}
	if calls != int(mixed.Requests) {
		t.Errorf("each was called %d times for %d results", calls, mixed.Requests)
	}
}

func TestParseFlags(t *testing.T) {
	cfg, err := parseFlags([]string{"-root", "/src/docket", "-duration", "2s"}, &strings.Builder{})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Bin != "/src/docket/bin/docket" || cfg.Out != "/src/docket/bin/bench/load.json" || cfg.Duration != 2*time.Second {
		t.Errorf("parseFlags: %+v", cfg)
	}
	for _, args := range [][]string{{"-duration", "10ms"}, {"-soak", "3s"}, {"-workers", "0"}, {"extra"}} {
		if _, err := parseFlags(args, &strings.Builder{}); err == nil {
			t.Errorf("parseFlags(%q) gave no error", args)
		}
	}
}
