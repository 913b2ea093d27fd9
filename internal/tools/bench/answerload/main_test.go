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
		cfg.Clients != 256 || len(cfg.Databases) != 1 || cfg.Databases[0] != "sqlite" {
		t.Errorf("parseFlags: %+v", cfg)
	}
	for _, args := range [][]string{{"-duration", "10ms"}, {"-clients", "0"}, {"-databases", "mysql"}, {"extra"}} {
		if _, err := parseFlags(args, &strings.Builder{}); err == nil {
			t.Errorf("parseFlags(%q) gave no error", args)
		}
	}
}
