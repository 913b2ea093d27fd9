package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"image"
	"image/png"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"docket/internal/casefile"
	"docket/internal/tools/pageload/helloworld"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// docketPage is how the benchmark finds Docket's timeline and tells that it
// answered a key: the selected marker, list item or card changes, or the
// address names another event.
var docketPage = benchPage{
	Key: "docket", Name: "Docket", App: true, Worker: true,
	What:  "bin/docket serve: the prerendered case page, then go-app's wasm",
	Focus: []string{`#timeline .tl-marker[aria-current="true"]`, `#timeline [aria-current="true"]`, `#timeline [tabindex="0"]`, `#timeline a[href]`, `#timeline button`, `#timeline`},
	Sig: `[...document.querySelectorAll('#timeline [aria-current="true"], #timeline [aria-selected="true"], #timeline .is-selected')]` +
		`.map((e) => e.id || e.dataset.id || e.textContent.trim().slice(0, 60)).join(',') + '|' + ` +
		`((document.getElementById('tl-card') || {}).textContent || '').slice(0, 200) + '|' + location.search + location.hash`,
}

// startDocket runs `bin serve` on a free loopback port until ctx ends.
func startDocket(ctx context.Context, bin string) (string, *bytes.Buffer, error) {
	if _, err := os.Stat(bin); err != nil {
		return "", nil, fmt.Errorf("%s is missing: run `make build` first", bin)
	}
	addr, err := freeLoopbackAddr()
	if err != nil {
		return "", nil, err
	}
	var logs bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "serve", "-addr", addr)
	cmd.Env = append(os.Environ(), "PORT=")
	cmd.Stdout, cmd.Stderr = io.Discard, &logs
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = 10 * time.Second
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	go cmd.Wait()
	base := "http://" + addr
	for end := time.Now().Add(30 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		if res, err := http.Get(base + "/healthz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return base + "/", &logs, nil
			}
		}
	}
	return "", nil, fmt.Errorf("%s serve did not answer /healthz within 30s:\n%s", bin, logs.String())
}

// fetch gets a URL without compression and returns its body.
func fetch(u string) ([]byte, error) {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept-Encoding", "identity")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", u, res.Status)
	}
	return io.ReadAll(res.Body)
}

// encodedSize is the size of u's body as served with Accept-Encoding enc.
func encodedSize(u, enc string) (int, error) {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Accept-Encoding", enc)
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return len(b), err
}

var (
	caseDataRE = regexp.MustCompile(`(?s)<script type="application/json" id="docket-case">(.*?)</script>`)
	scriptRE   = regexp.MustCompile(`(?s)\s*<script\b[^>]*>.*?</script>`)
	loaderRE   = regexp.MustCompile(`(?s)\s*<aside id="app-wasm-loader".*?</aside>`)
	linkRE     = regexp.MustCompile(`\s*<link\b[^>]*>`)
	webRefRE   = regexp.MustCompile(`(?:href|src)="(/web/[^"]+)"`)
)

// pageCase reads the case a Docket page carries inline.
func pageCase(pageHTML []byte) (*casefile.Case, error) {
	m := caseDataRE.FindSubmatch(pageHTML)
	if m == nil {
		return nil, errors.New("the page carries no #docket-case data")
	}
	var c casefile.Case
	if err := json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &c); err != nil {
		if err2 := json.Unmarshal(m[1], &c); err2 != nil {
			return nil, fmt.Errorf("the page's case data: %w", err2)
		}
	}
	return &c, nil
}

// staticSite is Docket's own prerendered page with every script, the
// case data, go-app's loader, the wasm preload and go-app's stylesheet
// taken out: the same
// events, in the same markup and styles, with nothing to run. It is served
// compressed, as a careful static host would, so its first paint is the
// physical limit for Docket's.
func staticSite(docketURL string, pageHTML []byte) (*site, error) {
	doc := scriptRE.ReplaceAll(pageHTML, nil)
	doc = loaderRE.ReplaceAll(doc, nil)
	doc = linkRE.ReplaceAllFunc(doc, func(tag []byte) []byte {
		t := string(tag)
		if strings.Contains(t, `rel="manifest"`) || strings.Contains(t, `href="/app.css"`) || strings.Contains(t, `rel="apple-touch-icon"`) || strings.Contains(t, `rel="preload"`) {
			return nil
		}
		return tag
	})
	s := newSite()
	if err := s.add("/", doc, revalidate); err != nil {
		return nil, err
	}
	base := strings.TrimSuffix(docketURL, "/")
	for _, m := range webRefRE.FindAllSubmatch(doc, -1) {
		ref := html.UnescapeString(string(m[1]))
		u, err := url.Parse(ref)
		if err != nil {
			return nil, err
		}
		if _, ok := s.files[u.Path]; ok {
			continue
		}
		b, err := fetch(base + ref)
		if err != nil {
			return nil, err
		}
		cc := revalidate
		if u.Query().Get("v") != "" {
			cc = immutable
		}
		if err := s.add(u.Path, b, cc); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// helloWorld is the go-app hello world, built like Docket's browser
// program and served like Docket: the page prerendered by go-app's
// handler, the wasm brotli-compressed once, at a versioned URL cached for a
// year, go-app's own service worker and loader.
type helloWorld struct {
	names  []byte // the wasm with its name section, for the size breakdown
	served []byte // the wasm as served: -ldflags="-s -w"
	pkgs   []string
}

// buildWasm builds a browser program with Docket's flags into dir and
// returns the binary; strip false keeps the name section (-s left out),
// for the size breakdown.
func buildWasm(ctx context.Context, root, pkg, out string, strip bool) ([]byte, error) {
	ldflags := "-s -w"
	if !strip {
		ldflags = "-w"
	}
	cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-ldflags="+ldflags, "-o", out, pkg)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("GOOS=js GOARCH=wasm go build %s: %w\n%s", pkg, err, b)
	}
	return os.ReadFile(out)
}

// wasmDeps lists the import paths of a browser program's packages.
func wasmDeps(ctx context.Context, root, pkg string) ([]string, error) {
	cmd := exec.CommandContext(ctx, "go", "list", "-deps", pkg)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	b, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list -deps %s: %w", pkg, err)
	}
	return strings.Fields(string(b)), nil
}

const helloPkg = "./internal/tools/pageload/helloworld/app"

func buildHello(ctx context.Context, root, dir string) (*helloWorld, error) {
	var h helloWorld
	var err error
	if h.served, err = buildWasm(ctx, root, helloPkg, filepath.Join(dir, "hello.wasm"), true); err != nil {
		return nil, err
	}
	if h.names, err = buildWasm(ctx, root, helloPkg, filepath.Join(dir, "hello-names.wasm"), false); err != nil {
		return nil, err
	}
	if h.pkgs, err = wasmDeps(ctx, root, helloPkg); err != nil {
		return nil, err
	}
	return &h, nil
}

// handler serves the hello world.
func (h *helloWorld) handler() (http.Handler, error) {
	sum := sha256.Sum256(h.served)
	version := hex.EncodeToString(sum[:8])
	files := newSite()
	if err := files.add("/web/app.wasm", h.served, immutable); err != nil {
		return nil, err
	}
	if err := files.add("/web/icon.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1" fill="#1d3557"/></svg>`), revalidate); err != nil {
		return nil, err
	}
	for _, size := range []int{192, 512} {
		if err := files.add("/web/icon-"+strconv.Itoa(size)+".png", squarePNG(size), revalidate); err != nil {
			return nil, err
		}
	}
	helloworld.Register()
	files.fallback = &app.Handler{
		Name:              "Hello",
		ShortName:         "Hello",
		Title:             "Hello",
		Lang:              "en",
		Icon:              app.Icon{Default: "/web/icon-192.png", Large: "/web/icon-512.png", Maskable: "/web/icon-512.png", SVG: "/web/icon.svg"},
		Version:           version,
		WasmContentLength: strconv.Itoa(len(h.served)),
		Resources:         versioned{version},
	}
	return files, nil
}

// versioned links the wasm with the build's version, as Docket does.
type versioned struct{ version string }

func (v versioned) Resolve(p string) string {
	if p == "/web/app.wasm" {
		return p + "?v=" + v.version
	}
	return p
}

// squarePNG is a plain icon, so that go-app links no icon from the web.
func squarePNG(size int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = 0x1d, 0x35, 0x57, 0xff
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}
