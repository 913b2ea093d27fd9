// Command docket serves Docket's explainers and checks case files. All of
// its work is in internal/cli; main only wires the process to it.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"docket/internal/cli"
	"docket/web"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], cli.OSEnv(web.FS))
	stop()
	os.Exit(code)
}
