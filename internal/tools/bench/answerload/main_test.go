package main

import (
	"strings"
	"testing"
	"time"
)

func TestParseFlags(t *testing.T) {
	cfg, err := parseFlags([]string{"-root", "/src/docket", "-duration", "60s", "-databases", "sqlite"}, &strings.Builder{})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Bin != "/src/docket/bin/docket" || cfg.Out != "/src/docket/bin/bench/answers.json" || cfg.Duration != time.Minute ||
		cfg.Clients != 256 || len(cfg.Databases) != 1 || cfg.Databases[0] != "sqlite" || cfg.Rate != 5000 || cfg.RateFor != 30*time.Second {
		t.Errorf("parseFlags: %+v", cfg)
	}
	for _, args := range [][]string{{"-duration", "10ms"}, {"-clients", "0"}, {"-databases", "mysql"}, {"extra"},
		{"-rate", "-1"}, {"-rate-duration", "0s"}} {
		if _, err := parseFlags(args, &strings.Builder{}); err == nil {
			t.Errorf("parseFlags(%q) gave no error", args)
		}
	}
}

func TestTable(t *testing.T) {
	rep := &report{CPUs: 2, DurationS: 60, Runs: []runResult{{
		Database: "sqlite", Clients: 256, Counted: 1200,
		Answers:   stats{PerSec: 20000, P50Ms: 10, P99Ms: 40},
		PageAlone: stats{PerSec: 20000}, Page: stats{PerSec: 4000},
		RSSBefore: 64 * 1024, RSSAfter: 80 * 1024,
		Paced: &pacedRun{Rate: 5000, DurationS: 30, Answers: stats{PerSec: 4999, P50Ms: 1, P99Ms: 5}, Counted: 150000,
			Page: stats{PerSec: 15000}, PageRatio: 0.75, RSSAfter: 81 * 1024},
	}}}
	var b strings.Builder
	rep.table(&b)
	out := b.String()
	for _, want := range []string{"answers sent", "during/alone", "flat out, 60s", "20000", "0.20", "5000/s, 30s", "4999", "15000", "0.75", "81.0", "no problems"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}
