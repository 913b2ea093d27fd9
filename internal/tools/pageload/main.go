// Command pageload measures how fast Docket's page loads, side by side in
// one run with the same case as a TimelineJS page, a go-app hello world
// (the floor for wasm size and start-up) and a static HTML page of the
// same events (the physical limit for first paint), in headless Chromium
// through the DevTools protocol, cold and warm, under three profiles. It
// prints a table with Docket's figures as ratios to the others and the
// targets of the team's issue #9, and writes the figures as JSON.
//
//	go run ./internal/tools/pageload [-runs 7] [-quick] [-out bin/bench/pageload.json] [-bin bin/docket]
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "pageload:", err)
		os.Exit(1)
	}
}

// run is the whole program, so that main stays a few lines.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	if cfg.From != "" {
		res, err := readResults(cfg.From)
		if err != nil {
			return err
		}
		cfg.Out = ""
		return report(cfg, res, stdout, stderr)
	}
	b, err := prepare(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer b.close()
	res, err := b.measure(ctx)
	if err != nil {
		return err
	}
	return report(cfg, res, stdout, stderr)
}
