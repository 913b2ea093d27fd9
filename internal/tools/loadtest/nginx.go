package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"text/template"
	"time"
)

// target is a URL the load test requests, with the Accept-Encoding it
// sends: a browser's for the page and the data, brotli for the wasm.
type target struct {
	Path           string
	AcceptEncoding string
}

var targets = []target{
	{"/", "gzip, deflate, br"},
	{"/api/cases/twitter-v-dhs-2017", "gzip, deflate, br"},
	{"/web/app.wasm", "br"},
}

// mirrored is one target as Docket serves it, written into nginx's root:
// the identity body at File, and File.br and File.gz where Docket has
// those encodings.
type mirrored struct {
	Path        string
	File        string // path under the root: "/index.html" for "/"
	ContentType string
	Sizes       map[string]int // body size by Content-Encoding ("" for none)
	// Headers are Docket's other response headers (security, caching),
	// which nginx sends too, so both answers are the same size.
	Headers [][2]string
}

func (m *mirrored) HasBr() bool { _, ok := m.Sizes["br"]; return ok }
func (m *mirrored) HasGz() bool { _, ok := m.Sizes["gzip"]; return ok }

// sizeFor is the body size a request with this Accept-Encoding gets.
func (m *mirrored) sizeFor(acceptEncoding string) int {
	switch {
	case m.HasBr() && strings.Contains(acceptEncoding, "br"):
		return m.Sizes["br"]
	case m.HasGz() && strings.Contains(acceptEncoding, "gzip"):
		return m.Sizes["gzip"]
	}
	return m.Sizes[""]
}

// ownHeaders are the response headers nginx makes itself.
var ownHeaders = map[string]bool{
	"Date": true, "Content-Length": true, "Content-Type": true, "Content-Encoding": true,
	"Etag": true, "Last-Modified": true, "Vary": true, "Connection": true,
	"Transfer-Encoding": true, "Accept-Ranges": true, "Server": true,
}

// mirror fetches each target from Docket in every encoding it offers and
// writes the bodies into root, as nginx will serve them.
func mirror(ctx context.Context, docketURL, root string) (map[string]*mirrored, error) {
	out := map[string]*mirrored{}
	for _, t := range targets {
		m := &mirrored{Path: t.Path, File: t.Path, Sizes: map[string]int{}}
		if strings.HasSuffix(m.File, "/") {
			m.File += "index.html"
		}
		for _, enc := range []string{"identity", "gzip", "br"} {
			res, err := get(ctx, docketURL+t.Path, enc)
			if err != nil {
				return nil, err
			}
			if res.status != http.StatusOK {
				return nil, fmt.Errorf("docket: GET %s (Accept-Encoding: %s) = %d", t.Path, enc, res.status)
			}
			got := res.header.Get("Content-Encoding")
			if enc == "identity" {
				if got != "" {
					return nil, fmt.Errorf("docket: GET %s with Accept-Encoding: identity came as %q", t.Path, got)
				}
				m.ContentType = res.header.Get("Content-Type")
				for name, vals := range res.header {
					if !ownHeaders[name] && len(vals) == 1 && !strings.ContainsAny(vals[0], "$\\\"{}\r\n") {
						m.Headers = append(m.Headers, [2]string{name, vals[0]})
					}
				}
			} else if got != enc {
				continue // Docket does not offer this encoding here
			}
			name := filepath.Join(root, filepath.FromSlash(m.File))
			if got != "" {
				name += map[string]string{"gzip": ".gz", "br": ".br"}[got]
			}
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				return nil, err
			}
			if err := os.WriteFile(name, res.body, 0o644); err != nil {
				return nil, err
			}
			m.Sizes[got] = len(res.body)
		}
		sortHeaders(m.Headers)
		out[t.Path] = m
	}
	return out, nil
}

func sortHeaders(h [][2]string) {
	for i := range h {
		for j := i + 1; j < len(h); j++ {
			if h[j][0] < h[i][0] {
				h[i], h[j] = h[j], h[i]
			}
		}
	}
}

// sameBytes checks that nginx answers each target as Docket does: the
// same status, encoding and size, and the body is the very file taken
// from Docket. (Docket's page is not byte-for-byte the same from one
// request to the next: go-app writes attributes in map order.)
func sameBytes(ctx context.Context, docketURL, nginxURL, root string, files map[string]*mirrored) error {
	for _, t := range targets {
		d, err := get(ctx, docketURL+t.Path, t.AcceptEncoding)
		if err != nil {
			return err
		}
		n, err := get(ctx, nginxURL+t.Path, t.AcceptEncoding)
		if err != nil {
			return err
		}
		de, ne := d.header.Get("Content-Encoding"), n.header.Get("Content-Encoding")
		if d.status != n.status || de != ne || len(d.body) != len(n.body) {
			return fmt.Errorf("nginx does not serve %s as Docket does: docket %d %q %d bytes, nginx %d %q %d bytes",
				t.Path, d.status, de, len(d.body), n.status, ne, len(n.body))
		}
		name := filepath.Join(root, filepath.FromSlash(files[t.Path].File)) + map[string]string{"gzip": ".gz", "br": ".br"}[ne]
		want, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		if !bytes.Equal(want, n.body) {
			return fmt.Errorf("nginx's %s (%q) is not the file taken from Docket", t.Path, ne)
		}
	}
	return nil
}

// nginxConf is the configuration of the load test's own nginx: every path
// inside its folder, listening on 127.0.0.1 only, tuned as one would tune
// a static file server (sendfile, open file cache, long keep-alive), one
// worker per core as Docket has one Go thread per core. Brotli copies are
// served without the brotli module: a map picks the .br file and
// try_files serves it with Content-Encoding: br.
var nginxConf = template.Must(template.New("nginx.conf").Parse(`# nginx for Docket's load test: the files Docket serves, from {{.Root}}.
worker_processes {{.Workers}};
pid {{.Dir}}/nginx.pid;
error_log stderr warn;
{{with .User}}user {{.}};
{{end}}
events {
    worker_connections 4096;
}

http {
    access_log /dev/stdout;
{{range .TempPaths}}    {{.}}_temp_path {{$.Dir}}/temp/{{.}};
{{end}}    sendfile on;
    tcp_nopush on;
    keepalive_timeout 120s;
    keepalive_requests 1000000;
    open_file_cache max=64 inactive=60s;
    open_file_cache_valid 60s;
    server_tokens off;

    map $http_accept_encoding $docket_br_suffix {
        default "";
        "~*\bbr\b" ".br";
    }
    map $http_accept_encoding $docket_br_encoding {
        default "";
        "~*\bbr\b" "br";
    }

    server {
        listen 127.0.0.1:{{.Port}};
        root {{.Root}};

        location / {
            return 404;
        }
{{range .Files}}
        location = {{.Path}} {
            types { }
            default_type "{{.ContentType}}";
{{- if .HasGz}}
            gzip_static on;
{{- end}}
{{- if .HasBr}}
            try_files {{.File}}$docket_br_suffix {{.File}} =404;
            add_header Content-Encoding $docket_br_encoding;
{{- else}}
            try_files {{.File}} =404;
{{- end}}
{{- if or .HasBr .HasGz}}
            add_header Vary Accept-Encoding;
{{- end}}
{{- range .Headers}}
            add_header {{index . 0}} "{{index . 1}}";
{{- end}}
        }
{{end}}    }
}
`))

type nginxConfData struct {
	Dir, Root string
	Port      int
	Workers   int
	User      string
	TempPaths []string
	Files     []*mirrored
}

// writeNginxConf writes dir/nginx.conf for the mirrored files.
func writeNginxConf(dir, root string, port int, t tools, files map[string]*mirrored) (string, error) {
	d := nginxConfData{Dir: dir, Root: root, Port: port, Workers: runtime.NumCPU(), TempPaths: []string{"client_body"}}
	// Temporary folders of the modules this nginx has: their defaults are
	// outside dir, where a user other than root cannot write.
	for _, m := range []string{"proxy", "fastcgi", "uwsgi", "scgi"} {
		if !strings.Contains(t.nginxConfigure, "--without-http_"+m+"_module") {
			d.TempPaths = append(d.TempPaths, m)
		}
	}
	// As root, nginx's workers switch to an unprivileged user, which must
	// be named: the compiled-in "nobody nobody" has no group on Debian.
	if os.Geteuid() == 0 {
		d.User = "root"
		if u, err := user.Lookup("nobody"); err == nil {
			if g, err := user.LookupGroupId(u.Gid); err == nil {
				d.User = "nobody " + g.Name
			}
		}
	}
	for _, t := range targets {
		d.Files = append(d.Files, files[t.Path])
	}
	var b bytes.Buffer
	if err := nginxConf.Execute(&b, d); err != nil {
		return "", err
	}
	name := filepath.Join(dir, "nginx.conf")
	return name, os.WriteFile(name, b.Bytes(), 0o644)
}

// startNginx runs nginx in the foreground with the load test's own
// configuration on a free 127.0.0.1 port, and returns once it serves the
// page. Its access log goes to a counter; its error log is kept.
func startNginx(ctx context.Context, t tools, dir, root string, files map[string]*mirrored) (*process, error) {
	if err := os.MkdirAll(filepath.Join(dir, "temp"), 0o755); err != nil {
		return nil, err
	}
	var lastErr error
	// A port found free may be taken before nginx binds it: try again.
	for attempt := 0; attempt < 3; attempt++ {
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		conf, err := writeNginxConf(dir, root, port, t, files)
		if err != nil {
			return nil, err
		}
		log := newLogWatch("")
		log.all = true
		cmd := exec.Command(t.nginx, "-p", dir+"/", "-c", conf, "-e", "stderr", "-g", "daemon off;")
		cmd.Stdout, cmd.Stderr = &lineCounter{}, log
		p, err := startProcess("nginx", cmd, log)
		if err != nil {
			return nil, err
		}
		p.url = "http://127.0.0.1:" + strconv.Itoa(port)
		p.accessLog = cmd.Stdout.(*lineCounter)
		if lastErr = waitHealthy(ctx, p, p.url+"/"); lastErr == nil {
			return p, nil
		}
		p.stop(syscall.SIGKILL, time.Second)
		if !strings.Contains(log.notable(), "Address already in use") {
			break
		}
	}
	return nil, fmt.Errorf("nginx did not start: %w", lastErr)
}

// freePort asks the kernel for a free port on 127.0.0.1.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// lineCounter counts the lines written to it: nginx's access log, kept
// as busy as Docket's so that neither server is spared its logging.
type lineCounter struct{ lines atomic.Int64 }

func (c *lineCounter) Write(b []byte) (int, error) {
	c.lines.Add(int64(bytes.Count(b, []byte{'\n'})))
	return len(b), nil
}

// response is a whole answer from one of the servers.
type response struct {
	status int
	header http.Header
	body   []byte
}

// client never decompresses, so the load test compares bodies as sent,
// and never uses a proxy: the servers are on this machine.
var client = &http.Client{
	Transport: &http.Transport{DisableCompression: true, Proxy: nil},
	Timeout:   30 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	},
}

// get fetches u (always a 127.0.0.0/8 address) with the given
// Accept-Encoding ("" sends none).
func get(ctx context.Context, u, acceptEncoding string) (response, error) {
	if pu, err := url.Parse(u); err != nil {
		return response{}, err
	} else if _, err := loopbackURL("http://" + pu.Host); err != nil {
		return response{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return response{}, err
	}
	if acceptEncoding != "" {
		req.Header.Set("Accept-Encoding", acceptEncoding)
	}
	res, err := client.Do(req)
	if err != nil {
		return response{}, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, 64<<20))
	if err != nil {
		return response{}, err
	}
	return response{status: res.StatusCode, header: res.Header, body: body}, nil
}
