// Package docketserver runs a built bin/docket serve for the bench tools:
// on a free loopback port, in a temporary folder of its own, until stopped.
package docketserver

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Server is a running bin/docket serve.
type Server struct {
	Bin string // the binary it runs
	URL string // http://127.0.0.1:PORT
	Dir string // its working folder, removed by Stop

	cmd  *exec.Cmd
	logs *bytes.Buffer
	done chan error
}

// Start runs `bin serve -addr ADDR` followed by args(dir), in a new
// temporary folder dir named after prefix, and waits until it answers
// /healthz. PORT and DATABASE_URL are cleared, so only args configure it.
func Start(ctx context.Context, bin, prefix string, args func(dir string) []string) (*Server, error) {
	if _, err := os.Stat(bin); err != nil {
		return nil, fmt.Errorf("%s is missing: run `make build` first", bin)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	dir, err := os.MkdirTemp("", prefix)
	if err != nil {
		return nil, err
	}
	s := &Server{Bin: bin, URL: "http://" + addr, Dir: dir, logs: &bytes.Buffer{}, done: make(chan error, 1)}
	s.cmd = exec.CommandContext(ctx, bin, append([]string{"serve", "-addr", addr}, args(dir)...)...)
	s.cmd.Dir = dir
	s.cmd.Env = append(os.Environ(), "PORT=", "DATABASE_URL=")
	s.cmd.Stderr = s.logs
	if err := s.cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	go func() { s.done <- s.cmd.Wait() }()
	for end := time.Now().Add(30 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		if res, err := http.Get(s.URL + "/healthz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return s, nil
			}
		}
	}
	s.Stop()
	return nil, fmt.Errorf("%s serve did not answer /healthz within 30s:\n%s", bin, s.logs.String())
}

// Logs is what the server has written to stderr so far.
func (s *Server) Logs() string { return s.logs.String() }

// RSS is the server's resident memory in KiB, from Linux's /proc.
func (s *Server) RSS() (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0, err
	}
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			return strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		}
	}
	return 0, errors.New("no VmRSS in /proc status")
}

// Stop sends SIGTERM, removes the server's folder, and says how the server
// ended: "clean" when it exited 0 within 15 s.
func (s *Server) Stop() string {
	defer os.RemoveAll(s.Dir)
	if s.cmd.ProcessState != nil {
		return "already stopped"
	}
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-s.done:
		if err != nil {
			return fmt.Sprintf("%v\n%s", err, s.logs.String())
		}
		return "clean"
	case <-time.After(15 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
		return "did not exit within 15 s of SIGTERM: killed"
	}
}
