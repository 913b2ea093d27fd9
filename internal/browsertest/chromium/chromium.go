// Package chromium finds Debian's headless Chromium and says how to start
// it, once for the browser tests, the bench (chromedp, and Lighthouse
// through its --chrome-flags) and the tools that draw images.
package chromium

import (
	"os"
	"os/exec"

	"github.com/chromedp/chromedp"
)

// Path finds the browser: $CHROME_PATH, else Debian's chromium; "" when
// there is none.
func Path() string {
	if p := os.Getenv("CHROME_PATH"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless_shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Missing is what to tell someone who has no Chromium.
const Missing = "no Chromium found: install Debian's chromium (`apt-get install chromium`; `make test` does this as root) or set CHROME_PATH"

// switches are the command-line switches every headless Chromium here
// starts with: no sandbox (root cannot use it), no GPU, /tmp rather than a
// small /dev/shm, and nothing that reaches for the network by itself (the
// machines have none beyond the package registries).
var switches = [][2]string{
	{"headless", "new"},
	{"no-sandbox", ""},
	{"disable-gpu", ""},
	{"enable-unsafe-swiftshader", ""},
	{"disable-dev-shm-usage", ""},
	{"disable-background-networking", ""},
	{"disable-component-update", ""},
	{"disable-sync", ""},
	{"disable-quic", ""},
	{"no-first-run", ""},
	{"no-default-browser-check", ""},
	{"hide-scrollbars", ""},
	{"mute-audio", ""},
}

// Args are the switches as command-line arguments, for a browser that
// another program starts (Lighthouse, Puppeteer).
func Args() []string {
	out := make([]string, 0, len(switches))
	for _, s := range switches {
		a := "--" + s[0]
		if s[1] != "" {
			a += "=" + s[1]
		}
		out = append(out, a)
	}
	return out
}

// Options are chromedp's options for the browser at path with the
// switches, followed by extra ones (a profile folder, a window size).
func Options(path string, extra ...chromedp.ExecAllocatorOption) []chromedp.ExecAllocatorOption {
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(path)}
	for _, s := range switches {
		var v any = true
		if s[1] != "" {
			v = s[1]
		}
		opts = append(opts, chromedp.Flag(s[0], v))
	}
	return append(opts, extra...)
}
