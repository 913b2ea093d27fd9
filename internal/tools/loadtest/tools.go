package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"
)

// tools are the programs the load test drives, and what they say they are.
type tools struct {
	wrk, nginx               string
	wrkVersion, nginxVersion string
	nginxConfigure           string // nginx -V's configure arguments
}

// lookTool finds a program on PATH or in the sbin folders, where Debian
// puts nginx and where a user's PATH may not reach.
func lookTool(name string) string {
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	for _, dir := range []string{"/usr/sbin", "/usr/local/sbin", "/usr/local/bin"} {
		p := dir + "/" + name
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0 {
			return p
		}
	}
	return ""
}

// ensureTools finds wrk and nginx, installing them from Debian's packages
// when they are missing and this runs as root; otherwise it says what to
// install.
func ensureTools(ctx context.Context, out io.Writer) (tools, error) {
	t := tools{wrk: lookTool("wrk"), nginx: lookTool("nginx")}
	if t.wrk == "" || t.nginx == "" {
		if os.Geteuid() != 0 || lookTool("apt-get") == "" {
			var pkgs []string
			if t.wrk == "" {
				pkgs = append(pkgs, "wrk")
			}
			if t.nginx == "" {
				pkgs = append(pkgs, "nginx-light")
			}
			return t, fmt.Errorf("the load test needs wrk and nginx, and only root may install them: "+
				"run `sudo apt-get install %s` (Debian; where nginx-light is gone, `nginx`), then run it again",
				strings.Join(pkgs, " "))
		}
		if err := install(ctx, out, t); err != nil {
			return t, err
		}
		t.wrk, t.nginx = lookTool("wrk"), lookTool("nginx")
		if t.wrk == "" || t.nginx == "" {
			return t, errors.New("apt-get installed wrk and nginx, but they are not on PATH or in /usr/sbin")
		}
	}
	// wrk -v prints its version and exits 1; nginx -V writes to stderr.
	b, _ := exec.CommandContext(ctx, t.wrk, "-v").CombinedOutput()
	t.wrkVersion, _, _ = strings.Cut(strings.TrimSpace(string(b)), " [")
	b, err := exec.CommandContext(ctx, t.nginx, "-V").CombinedOutput()
	if err != nil {
		return t, fmt.Errorf("%s -V: %v\n%s", t.nginx, err, b)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "nginx version: "); ok {
			t.nginxVersion = v
		}
		if v, ok := strings.CutPrefix(line, "configure arguments: "); ok {
			t.nginxConfigure = v
		}
	}
	return t, nil
}

// install runs apt-get for what is missing. Where no policy-rc.d keeps
// package scripts from starting services, it puts one in place for the
// install, so that installing nginx does not leave a system nginx
// listening on port 80 of every interface.
func install(ctx context.Context, out io.Writer, t tools) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	var wrk []string
	if t.wrk == "" {
		wrk = []string{"wrk"}
	}
	const policy = "/usr/sbin/policy-rc.d"
	if _, err := os.Stat(policy); errors.Is(err, os.ErrNotExist) {
		if err := os.WriteFile(policy, []byte("#!/bin/sh\n# Put here by Docket's load test while it installs packages.\nexit 101\n"), 0o755); err != nil {
			return err
		}
		defer os.Remove(policy)
	}
	apt := func(args ...string) error {
		var log bytes.Buffer
		cmd := exec.CommandContext(ctx, "apt-get", args...)
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		cmd.Stdout, cmd.Stderr = &log, &log
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("apt-get %s: %v\n%s", strings.Join(args, " "), err, lastLines(log.String(), 20))
		}
		return nil
	}
	fmt.Fprintln(out, "installing the load test's tools from Debian's packages (apt-get update)")
	if err := apt("update", "-qq"); err != nil {
		return err
	}
	if t.nginx == "" {
		// nginx-light is enough (static files, gzip_static, map); newer
		// Debian releases have only nginx.
		for _, pkg := range []string{"nginx-light", "nginx"} {
			fmt.Fprintf(out, "apt-get install %s\n", strings.Join(append(wrk, pkg), " "))
			err := apt(append([]string{"install", "-y", "-qq", "--no-install-recommends"}, append(wrk, pkg)...)...)
			if err == nil || pkg == "nginx" {
				return err
			}
			fmt.Fprintf(out, "%v\n", err)
		}
	}
	fmt.Fprintln(out, "apt-get install wrk")
	return apt("install", "-y", "-qq", "--no-install-recommends", "wrk")
}

// lastLines returns up to n final lines of s.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
