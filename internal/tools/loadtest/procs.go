package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// process is a program the load test started. It runs in a process group
// of its own, so that Ctrl-C reaches the load test, which then stops it in
// order; and it is killed by the kernel should the load test itself die.
type process struct {
	name string
	cmd  *exec.Cmd
	done chan struct{} // closed once it has exited
	err  error         // what Wait returned, once done is closed
	log  *logWatch
	url  string // http://127.0.0.1:PORT
	// accessLog counts nginx's access-log lines (Docket's are in log).
	accessLog *lineCounter

	stopOnce sync.Once
	stopped  time.Duration // how long it took to exit after the signal
	killed   bool          // it had to be killed
}

func startProcess(name string, cmd *exec.Cmd, log *logWatch) (*process, error) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", name, err)
	}
	p := &process{name: name, cmd: cmd, done: make(chan struct{}), log: log}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	return p, nil
}

// stop sends sig and waits up to grace for the process to exit, then kills
// it. Later calls do nothing.
func (p *process) stop(sig syscall.Signal, grace time.Duration) {
	p.stopOnce.Do(func() {
		start := time.Now()
		select {
		case <-p.done:
			return
		default:
		}
		p.cmd.Process.Signal(sig)
		select {
		case <-p.done:
			p.stopped = time.Since(start)
		case <-time.After(grace):
			p.killed = true
			p.cmd.Process.Kill()
			<-p.done
		}
	})
}

func (p *process) pid() int { return p.cmd.Process.Pid }

// rss is the process's resident memory now, in KiB (0 once it is gone).
func (p *process) rss() int64 {
	m, _ := readMemory(p.pid())
	return m.RSSKiB
}

// hwm is the largest resident memory the process has had, in KiB.
func (p *process) hwm() int64 {
	m, _ := readMemory(p.pid())
	return m.HWMKiB
}

// treeRSS is the resident memory of the process and its children (nginx's
// master and workers), in KiB. Shared pages are counted once per process.
func (p *process) treeRSS() int64 {
	total := p.rss()
	for _, c := range childPIDs(p.pid()) {
		m, _ := readMemory(c)
		total += m.RSSKiB
	}
	return total
}

// startDocket runs `bin serve -addr 127.0.0.1:0`: the kernel picks a free
// port and the server logs it, so no other program can take the port in
// between. It returns once /healthz answers.
func startDocket(ctx context.Context, bin string) (*process, error) {
	log := newLogWatch("msg=serving")
	cmd := exec.Command(bin, "serve", "-addr", "127.0.0.1:0")
	cmd.Stdout, cmd.Stderr = log, log
	p, err := startProcess("docket", cmd, log)
	if err != nil {
		return nil, err
	}
	var line string
	select {
	case line = <-log.found:
	case <-p.done:
		return nil, fmt.Errorf("%s exited before listening (%v):\n%s", bin, p.err, log.notable())
	case <-time.After(30 * time.Second):
		p.stop(syscall.SIGKILL, time.Second)
		return nil, fmt.Errorf("%s did not log its address within 30s:\n%s", bin, log.notable())
	case <-ctx.Done():
		p.stop(syscall.SIGKILL, time.Second)
		return nil, ctx.Err()
	}
	u, err := loopbackURL(logField(line, "url"))
	if err != nil {
		p.stop(syscall.SIGKILL, time.Second)
		return nil, fmt.Errorf("docket's log line %q: %w", line, err)
	}
	p.url = u
	if err := waitHealthy(ctx, p, u+"/healthz"); err != nil {
		p.stop(syscall.SIGKILL, time.Second)
		return nil, err
	}
	return p, nil
}

// loopbackURL checks that raw is http://IP:PORT with a 127.0.0.0/8 IP: the
// load test never sends traffic anywhere else.
func loopbackURL(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", err
	}
	ip := net.ParseIP(u.Hostname())
	if u.Scheme != "http" || ip == nil || ip.To4() == nil || !ip.IsLoopback() || u.Port() == "" {
		return "", fmt.Errorf("%q is not an http address in 127.0.0.0/8", raw)
	}
	return "http://" + u.Host, nil
}

// logField returns the value of key=value in a log line of slog's text
// format (unquoted values only).
func logField(line, key string) string {
	for _, f := range strings.Fields(line) {
		if v, ok := strings.CutPrefix(f, key+"="); ok {
			return v
		}
	}
	return ""
}

// waitHealthy polls u until it answers 200, for up to 10s.
func waitHealthy(ctx context.Context, p *process, u string) error {
	deadline := time.Now().Add(10 * time.Second)
	var last error
	for time.Now().Before(deadline) {
		res, err := get(ctx, u, "")
		if err == nil && res.status == http.StatusOK {
			return nil
		}
		if err == nil {
			err = fmt.Errorf("status %d", res.status)
		}
		last = err
		select {
		case <-p.done:
			return fmt.Errorf("%s exited (%v):\n%s", p.name, p.err, p.log.notable())
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
	return fmt.Errorf("%s did not answer %s within 10s: %v\n%s", p.name, u, last, p.log.notable())
}

// Shutdown is how the server ended when the load test sent SIGTERM.
type Shutdown struct {
	ExitCode       int     `json:"exit_code"`
	Seconds        float64 `json:"seconds"`
	LoggedShutdown bool    `json:"logged_shutting_down"`
	Killed         bool    `json:"killed"`
}

// shutdown stops Docket with SIGTERM, as a process manager would, and
// reports how it ended.
func (p *process) shutdown() Shutdown {
	p.stop(syscall.SIGTERM, 15*time.Second)
	s := Shutdown{ExitCode: p.cmd.ProcessState.ExitCode(), Seconds: p.stopped.Seconds(), Killed: p.killed}
	s.LoggedShutdown = p.log.contains("msg=\"shutting down\"") || p.log.contains("shutting down")
	return s
}

// LogSummary counts a server's log lines and keeps the ones that are not
// access-log lines: warnings and errors show up there.
type LogSummary struct {
	Lines   int64    `json:"lines"`
	Notable []string `json:"notable,omitempty"`
}

func (p *process) logSummary() LogSummary {
	if p.accessLog != nil {
		return LogSummary{Lines: p.accessLog.lines.Load(), Notable: p.log.notableLines()}
	}
	return LogSummary{Lines: p.log.lineCount(), Notable: p.log.notableLines()}
}

// logWatch takes a server's output as it is written, line by line: it
// counts the lines, keeps the first few that are not access-log lines,
// and hands the first line containing `want` to found. It never blocks
// the writer, so the server never waits on the load test.
type logWatch struct {
	want  string
	found chan string

	mu      sync.Mutex
	partial []byte
	lines   int64
	kept    []string
	all     bool // keep every line (nginx's error log)
}

// maxKept bounds the lines a logWatch keeps.
const maxKept = 200

func newLogWatch(want string) *logWatch {
	return &logWatch{want: want, found: make(chan string, 1)}
}

func (l *logWatch) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := len(b)
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			if len(l.partial) < 64<<10 {
				l.partial = append(l.partial, b...)
			}
			break
		}
		line := string(append(l.partial, b[:i]...))
		l.partial = l.partial[:0]
		b = b[i+1:]
		l.lines++
		if l.want != "" && strings.Contains(line, l.want) {
			select {
			case l.found <- line:
			default:
			}
		}
		if (l.all || !strings.Contains(line, "msg=request ")) && len(l.kept) < maxKept {
			l.kept = append(l.kept, line)
		}
	}
	return n, nil
}

func (l *logWatch) lineCount() int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.lines
}

func (l *logWatch) notableLines() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.kept...)
}

func (l *logWatch) notable() string { return strings.Join(l.notableLines(), "\n") }

func (l *logWatch) contains(s string) bool {
	for _, line := range l.notableLines() {
		if strings.Contains(line, s) {
			return true
		}
	}
	return false
}

// Memory is a process's resident memory from /proc/PID/status, in KiB.
type Memory struct {
	RSSKiB int64 // VmRSS: now
	HWMKiB int64 // VmHWM: the most it has had
}

func readMemory(pid int) (Memory, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return Memory{}, err
	}
	return parseStatus(b), nil
}

// parseStatus reads VmRSS and VmHWM from the text of /proc/PID/status.
func parseStatus(b []byte) Memory {
	var m Memory
	for _, line := range strings.Split(string(b), "\n") {
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		f := strings.Fields(val)
		if len(f) == 0 {
			continue
		}
		n, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			continue
		}
		switch key {
		case "VmRSS":
			m.RSSKiB = n
		case "VmHWM":
			m.HWMKiB = n
		}
	}
	return m
}

// childPIDs lists the processes whose parent is pid.
func childPIDs(pid int) []int {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	var out []int
	for _, e := range entries {
		n, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		if parentPID(b) == pid {
			out = append(out, n)
		}
	}
	return out
}

// parentPID reads the parent's pid from the text of /proc/PID/stat; the
// command name, in parentheses, may itself hold spaces and parentheses.
func parentPID(stat []byte) int {
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return -1
	}
	f := strings.Fields(string(stat[i+1:]))
	if len(f) < 2 {
		return -1
	}
	n, err := strconv.Atoi(f[1])
	if err != nil {
		return -1
	}
	return n
}

// peakWatch samples a figure at an interval and keeps the largest.
type peakWatch struct {
	quit chan struct{}
	done chan struct{}
	max  int64
}

func watchPeak(every time.Duration, read func() int64) *peakWatch {
	w := &peakWatch{quit: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(w.done)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			w.max = max(w.max, read())
			select {
			case <-t.C:
			case <-w.quit:
				w.max = max(w.max, read())
				return
			}
		}
	}()
	return w
}

// stop ends the sampling and returns the largest value seen.
func (w *peakWatch) stop() int64 {
	close(w.quit)
	<-w.done
	return w.max
}

// alive returns an error when the process has exited.
func (p *process) alive() error {
	select {
	case <-p.done:
		return fmt.Errorf("%s exited in the middle of the load test (%v):\n%s", p.name, p.err, p.log.notable())
	default:
		return nil
	}
}
