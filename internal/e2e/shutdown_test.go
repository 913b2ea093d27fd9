package e2e

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"docket/internal/browsertest"
)

// TestDownloadSurvivesSIGTERM runs the built bin/docket as a process
// manager would and stops it with SIGTERM while a slow client is in the
// middle of downloading the uncompressed wasm (about 7 MB). The download
// must still arrive whole and intact, new connections must be refused
// from the signal on, and the process must log "shutting down" and exit 0.
func TestDownloadSurvivesSIGTERM(t *testing.T) {
	browsertest.Parallel(t)
	root := browsertest.ModuleRoot(t)
	bin := filepath.Join(root, "bin", "docket")
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("%s is missing: build it with `make build` (make test does) before this test", bin)
	}
	want, err := os.ReadFile(filepath.Join(root, "web", "app.wasm"))
	if err != nil {
		t.Fatalf("web/app.wasm: %v: build it with `make build`", err)
	}

	srv := startBinary(t, bin, "serve", "-addr", "127.0.0.1:0")
	addr := strings.TrimPrefix(logField(srv.log.waitFor(t, "msg=serving", 30*time.Second, srv.exited), "url"), "http://")
	if host, _, err := net.SplitHostPort(addr); err != nil || host != "127.0.0.1" {
		t.Fatalf("docket logged the address %q; want 127.0.0.1:PORT", addr)
	}

	// A small receive buffer keeps the server writing for as long as the
	// client reads slowly: without it the kernel would take most of the
	// file at once and the request would be over before the signal.
	dialer := &net.Dialer{Timeout: 5 * time.Second, Control: func(_, _ string, c syscall.RawConn) error {
		var serr error
		err := c.Control(func(fd uintptr) {
			serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 64<<10)
		})
		return errors.Join(err, serr)
	}}
	client := &http.Client{
		Transport: &http.Transport{DialContext: dialer.DialContext, DisableCompression: true},
		Timeout:   60 * time.Second,
	}
	req, err := http.NewRequest("GET", "http://"+addr+"/web/app.wasm", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept-Encoding", "identity")
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Content-Encoding") != "" || res.ContentLength != int64(len(want)) {
		t.Fatalf("GET /web/app.wasm = %d, Content-Encoding %q, Content-Length %d; want 200, none, %d (web/app.wasm)",
			res.StatusCode, res.Header.Get("Content-Encoding"), res.ContentLength, len(want))
	}

	// Read 64 KiB every 20 ms: about two seconds for the whole file, well
	// inside the server's ten seconds of grace.
	sum := sha256.New()
	var got int64
	buf := make([]byte, 64<<10)
	readChunk := func() bool {
		n, err := io.ReadFull(res.Body, buf)
		sum.Write(buf[:n])
		got += int64(n)
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return false
		}
		if err != nil {
			t.Fatalf("reading the wasm after %d of %d bytes: %v\nserver log:\n%s", got, len(want), err, srv.log)
		}
		time.Sleep(20 * time.Millisecond)
		return true
	}
	for range 4 {
		readChunk()
	}

	if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	srv.log.waitFor(t, "shutting down", 10*time.Second, srv.exited)
	// The client reads nothing meanwhile, so the download is still in
	// flight while new connections are tried.
	waitRefused(t, addr, 5*time.Second)

	for readChunk() {
	}
	if got != res.ContentLength {
		t.Fatalf("the download ended after %d of %d bytes", got, res.ContentLength)
	}
	if !bytes.Equal(sum.Sum(nil), sha256Of(want)) {
		t.Fatalf("the downloaded wasm (%d bytes) differs from web/app.wasm: corrupted, or bin/docket is older than web/app.wasm (run `make build`)", got)
	}

	select {
	case <-srv.exited:
	case <-time.After(15 * time.Second):
		t.Fatalf("docket did not exit within 15s of SIGTERM\nserver log:\n%s", srv.log)
	}
	if code := srv.cmd.ProcessState.ExitCode(); code != 0 {
		t.Errorf("docket exited with %d after SIGTERM; want 0\nserver log:\n%s", code, srv.log)
	}
	// The access-log line is written when the handler returns: after
	// "shutting down" if the request was in flight at the signal.
	log := srv.log.String()
	stop, done := strings.Index(log, "shutting down"), strings.Index(log, "path=/web/app.wasm")
	if done < 0 || !strings.Contains(log[done:], "status=200") {
		t.Errorf("no access-log line with status 200 for the wasm\nserver log:\n%s", log)
	} else if done < stop {
		t.Errorf("the wasm request was logged as done before \"shutting down\": it was not in flight at the signal\nserver log:\n%s", log)
	}
}

// binary is a program the test started, with its output.
type binary struct {
	cmd    *exec.Cmd
	log    *processLog
	exited chan struct{} // closed once it has exited
}

// startBinary runs a program in a new, empty folder (so `docket serve`
// makes its default database there, not in the source tree), without
// $DATABASE_URL; it is killed when the test ends, if it is still running.
func startBinary(t *testing.T, name string, args ...string) *binary {
	t.Helper()
	return startBinaryIn(t, t.TempDir(), nil, name, args...)
}

// startBinaryIn runs a program in dir, with extra environment variables.
func startBinaryIn(t *testing.T, dir string, env []string, name string, args ...string) *binary {
	t.Helper()
	b := &binary{cmd: exec.Command(name, args...), log: &processLog{}, exited: make(chan struct{})}
	b.cmd.Stdout, b.cmd.Stderr = b.log, b.log
	b.cmd.Dir = dir
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "DATABASE_URL=") && !strings.HasPrefix(kv, "DOCKET_PASSWORD=") {
			b.cmd.Env = append(b.cmd.Env, kv)
		}
	}
	b.cmd.Env = append(b.cmd.Env, env...)
	if err := b.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		b.cmd.Wait()
		close(b.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-b.exited:
		default:
			b.cmd.Process.Kill()
			<-b.exited
		}
	})
	return b
}

// waitRefused dials addr until the connection is refused, as it is once
// the server has closed its listener.
func waitRefused(t *testing.T, addr string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	var last error
	for time.Now().Before(deadline) {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if errors.Is(err, syscall.ECONNREFUSED) {
			return
		}
		if err == nil {
			c.Close()
			err = errors.New("connection accepted")
		}
		last = err
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("new connections to %s were not refused within %s of shutting down: %v", addr, timeout, last)
}

// processLog is a program's output, safe to read while it is written.
type processLog struct {
	browsertest.LogBuffer
}

func (l *processLog) waitFor(t *testing.T, s string, timeout time.Duration, exited <-chan struct{}) string {
	t.Helper()
	deadline := time.After(timeout)
	for {
		if line, ok := l.line(s); ok {
			return line
		}
		select {
		case <-exited:
			if line, ok := l.line(s); ok {
				return line
			}
			t.Fatalf("the program exited before logging %q:\n%s", s, l)
		case <-deadline:
			t.Fatalf("no %q in the program's log within %s:\n%s", s, timeout, l)
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// line returns the first whole line containing s.
func (l *processLog) line(s string) (string, bool) {
	text := l.String()
	i := strings.Index(text, s)
	if i < 0 {
		return "", false
	}
	j := strings.IndexByte(text[i:], '\n')
	if j < 0 {
		return "", false
	}
	return text[strings.LastIndexByte(text[:i], '\n')+1 : i+j], true
}

// logField returns the value of key=value in a line of slog's text format.
func logField(line, key string) string {
	for _, f := range strings.Fields(line) {
		if v, ok := strings.CutPrefix(f, key+"="); ok {
			return v
		}
	}
	return ""
}

func sha256Of(b []byte) []byte {
	s := sha256.Sum256(b)
	return s[:]
}
