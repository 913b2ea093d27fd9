// Package benchcmd is what every bench tool's command does alike: run
// until interrupted, read its flags with paths inside Docket's folder, and
// write its figures.
package benchcmd

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
)

// Main runs run with the command's arguments until it returns or the
// command is interrupted (SIGINT, SIGTERM), and exits 1 with its error,
// named after the command.
func Main(name string, run func(ctx context.Context, args []string, stdout, stderr io.Writer) error) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, name+":", err)
		os.Exit(1)
	}
}

// FlagSet is a bench tool's flags: -root, Docket's folder, and the paths
// inside it, made absolute from it by Parse.
type FlagSet struct {
	*flag.FlagSet
	root  *string
	paths []*string
}

// NewFlagSet is the flags of the command name, with -root bound to root;
// usage and errors go to stderr.
func NewFlagSet(name string, stderr io.Writer, root *string) *FlagSet {
	fs := &FlagSet{FlagSet: flag.NewFlagSet(name, flag.ContinueOnError), root: root}
	fs.SetOutput(stderr)
	fs.StringVar(root, "root", "../../..", "Docket's folder: the other paths are inside it")
	return fs
}

// PathVar is a flag for a path inside Docket's folder, unless absolute.
func (fs *FlagSet) PathVar(p *string, name, value, usage string) {
	fs.StringVar(p, name, value, usage)
	fs.paths = append(fs.paths, p)
}

// Parse reads args, which must be flags only, makes -root absolute and
// every non-empty path flag absolute from it.
func (fs *FlagSet) Parse(args []string) error {
	if err := fs.FlagSet.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	root, err := filepath.Abs(*fs.root)
	if err != nil {
		return err
	}
	*fs.root = root
	for _, p := range fs.paths {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(root, *p)
		}
	}
	return nil
}

// WriteFile writes data to name, making its folder first.
func WriteFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, data, 0o644)
}

// WriteJSON writes v to name as indented JSON.
func WriteJSON(name string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return WriteFile(name, append(b, '\n'))
}
