package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseWrk(t *testing.T) {
	out := `Running 10s test @ http://127.0.0.1:4000/
  2 threads and 64 connections
  Requests/sec:  32778.10
LOADTEST {"requests":327781,"duration_us":10000000,"bytes":3407810000,"connect":0,"read":2,"write":0,"status":5,"timeout":1,"p50_us":1840,"p90_us":4100,"p99_us":8610,"max_us":21000,"mean_us":2100.5}
`
	got, err := parseWrk(out)
	if err != nil {
		t.Fatal(err)
	}
	want := Run{
		Requests: 327781, Seconds: 10, ReqPerSec: 32778.1, MBPerSec: 340.8,
		P50Ms: 1.84, P90Ms: 4.1, P99Ms: 8.61, MaxMs: 21, MeanMs: 2.101,
		Errors: 8, ErrorDetail: ErrorDetail{Status: 5, Read: 2, Timeout: 1},
	}
	if got != want {
		t.Errorf("parseWrk =\n%+v\nwant\n%+v", got, want)
	}

	for _, bad := range []string{"", "Requests/sec: 5\n", `LOADTEST {"requests":1}` + "\n", "LOADTEST {not json\n"} {
		if _, err := parseWrk(bad); err == nil {
			t.Errorf("parseWrk(%q) = nil error", bad)
		}
	}
}

func TestRatios(t *testing.T) {
	got := ratios(Run{ReqPerSec: 150, P50Ms: 340, P99Ms: 1200}, Run{ReqPerSec: 30000, P50Ms: 1.7, P99Ms: 0})
	if want := (Ratio{ReqPerSec: 0.005, P50: 200, P99: 0}); got != want {
		t.Errorf("ratios = %+v; want %+v (a zero divisor gives 0)", got, want)
	}
	if got := times(0.004951); got != "0.00495x" {
		t.Errorf("times(0.004951) = %q", got)
	}
}

func TestMemoryGrowth(t *testing.T) {
	samples := func(rss ...int64) []MemorySample {
		var s []MemorySample
		for i, r := range rss {
			s = append(s, MemorySample{AtS: float64(5 * (i + 1)), RSSKiB: r})
		}
		return s
	}
	tests := []struct {
		name       string
		samples    []MemorySample
		warm, last int64
		pct        float64
	}{
		{"flat", samples(100, 110, 120, 120, 121, 120), 120, 120, 0},
		{"growing", samples(100, 110, 100, 110, 120, 125), 100, 125, 25},
		{"shrinking", samples(100, 200, 200, 150), 200, 150, -25},
		{"warm-up is the first sample at 15s or later", append(samples(50, 60), MemorySample{AtS: 14.7, RSSKiB: 80}, MemorySample{AtS: 60.1, RSSKiB: 84}), 80, 84, 5},
		{"none", nil, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			warm, last, pct := memoryGrowth(tt.samples, 15*time.Second)
			if warm != tt.warm || last != tt.last || pct != tt.pct {
				t.Errorf("memoryGrowth = %d, %d, %v%%; want %d, %d, %v%%", warm, last, pct, tt.warm, tt.last, tt.pct)
			}
		})
	}
}

func TestParseStatus(t *testing.T) {
	status := "Name:\tdocket\nVmPeak:\t 1300000 kB\nVmHWM:\t  119608 kB\nVmRSS:\t  111104 kB\nThreads:\t8\n"
	if got := parseStatus([]byte(status)); got != (Memory{RSSKiB: 111104, HWMKiB: 119608}) {
		t.Errorf("parseStatus = %+v", got)
	}
	if m, err := readMemory(os.Getpid()); err != nil || m.RSSKiB <= 0 || m.HWMKiB < m.RSSKiB {
		t.Errorf("readMemory(self) = %+v, %v", m, err)
	}
}

func TestParentPID(t *testing.T) {
	tests := []struct {
		stat string
		want int
	}{
		{"4242 (nginx) S 4200 4242 4200 0 -1", 4200},
		{"4243 (a (b) c) R 17 4243", 17},
		{"garbage", -1},
	}
	for _, tt := range tests {
		if got := parentPID([]byte(tt.stat)); got != tt.want {
			t.Errorf("parentPID(%q) = %d; want %d", tt.stat, got, tt.want)
		}
	}
	if kids := childPIDs(os.Getpid()); len(kids) != 0 {
		t.Errorf("childPIDs(self) = %v; the test starts no process", kids)
	}
}

// TestLoopbackOnly checks that the load test accepts only 127.0.0.0/8
// addresses as targets.
func TestLoopbackOnly(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"http://127.0.0.1:8080", "http://127.0.0.1:8080"},
		{"http://127.0.0.1:8080/web/app.wasm", "http://127.0.0.1:8080"},
		{"http://127.3.2.1:80", "http://127.3.2.1:80"},
		{"http://localhost:8080", ""},
		{"http://10.0.0.1:8080", ""},
		{"http://192.168.1.2:80", ""},
		{"http://[::1]:8080", ""},
		{"http://0.0.0.0:8080", ""},
		{"https://127.0.0.1:8443", ""},
		{"http://127.0.0.1", ""},
	}
	for _, tt := range tests {
		got, err := loopbackURL(tt.in)
		if got != tt.want || (err == nil) != (tt.want != "") {
			t.Errorf("loopbackURL(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestLogWatch(t *testing.T) {
	l := newLogWatch("msg=serving")
	l.Write([]byte("time=1 level=INFO msg=serv"))
	l.Write([]byte("ing url=http://127.0.0.1:4000 version=x\ntime=2 level=INFO msg=request method=GET\n"))
	l.Write([]byte("time=3 level=WARN msg=\"http: Accept error\"\n"))
	select {
	case line := <-l.found:
		if got := logField(line, "url"); got != "http://127.0.0.1:4000" {
			t.Errorf("url = %q", got)
		}
	default:
		t.Fatal("the serving line split across two writes was not found")
	}
	if l.lineCount() != 3 {
		t.Errorf("%d lines counted; want 3", l.lineCount())
	}
	if got := l.notableLines(); len(got) != 2 || !strings.Contains(got[1], "level=WARN") {
		t.Errorf("kept %q; want the serving and the WARN lines, not the access-log line", got)
	}
}

// TestNginxConf checks the generated configuration: loopback only, every
// path inside the test's folder, and brotli served through try_files only
// for files that have a .br copy.
func TestNginxConf(t *testing.T) {
	dir := t.TempDir()
	files := map[string]*mirrored{
		"/": {Path: "/", File: "/index.html", ContentType: "text/html; charset=utf-8", Sizes: map[string]int{"": 100},
			Headers: [][2]string{{"Content-Security-Policy", "default-src 'self'"}}},
		"/api/cases/twitter-v-dhs-2017": {Path: "/api/cases/twitter-v-dhs-2017", File: "/api/cases/twitter-v-dhs-2017",
			ContentType: "application/json", Sizes: map[string]int{"": 100, "gzip": 30, "br": 20}},
		"/web/app.wasm": {Path: "/web/app.wasm", File: "/web/app.wasm", ContentType: "application/wasm",
			Sizes: map[string]int{"": 100, "gzip": 30, "br": 20}},
	}
	name, err := writeNginxConf(dir, filepath.Join(dir, "root"), 4321, tools{nginxConfigure: "--without-http_uwsgi_module"}, files)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	conf := string(b)
	for _, want := range []string{
		"listen 127.0.0.1:4321;",
		"pid " + dir + "/nginx.pid;",
		"proxy_temp_path " + dir + "/temp/proxy;",
		"location = / {\n            types { }\n            default_type \"text/html; charset=utf-8\";\n            try_files /index.html =404;\n            add_header Content-Security-Policy \"default-src 'self'\";\n        }",
		"location = /web/app.wasm {\n            types { }\n            default_type \"application/wasm\";\n            gzip_static on;\n" +
			"            try_files /web/app.wasm$docket_br_suffix /web/app.wasm =404;\n            add_header Content-Encoding $docket_br_encoding;\n" +
			"            add_header Vary Accept-Encoding;\n        }",
	} {
		if !strings.Contains(conf, want) {
			t.Errorf("nginx.conf lacks\n%s\n---\n%s", want, conf)
		}
	}
	if strings.Contains(conf, "uwsgi") {
		t.Error("nginx.conf sets uwsgi_temp_path for an nginx without the module")
	}
	if got := files["/web/app.wasm"].sizeFor("gzip, deflate, br"); got != 20 {
		t.Errorf("sizeFor(br) = %d", got)
	}
	if got := files["/"].sizeFor("br"); got != 100 {
		t.Errorf("sizeFor a page without a brotli copy = %d", got)
	}
}

func TestFlags(t *testing.T) {
	cfg, err := parseFlags(nil, os.Stderr)
	if err != nil {
		t.Fatal(err)
	}
	want := Config{Bin: "bin/docket", Out: "bin/bench/load.json", Duration: 10 * time.Second, Conns: 64, Threads: 2,
		Soak: time.Minute, SoakConns: 256, Timeout: 5 * time.Second}
	if cfg != want {
		t.Errorf("defaults = %+v; want %+v", cfg, want)
	}
	for _, args := range [][]string{{"-soak", "10s"}, {"-duration", "0s"}, {"-conns", "1"}, {"extra"}} {
		if _, err := parseFlags(args, &strings.Builder{}); err == nil {
			t.Errorf("parseFlags(%q) = nil error", args)
		}
	}
	if _, err := parseFlags([]string{"-soak", "0"}, os.Stderr); err != nil {
		t.Errorf("-soak 0 (no soak): %v", err)
	}
}
