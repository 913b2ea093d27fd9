package chromium

import (
	"slices"
	"testing"
)

func TestPathPrefersChromePath(t *testing.T) {
	t.Setenv("CHROME_PATH", "/opt/chromium/chrome")
	if got := Path(); got != "/opt/chromium/chrome" {
		t.Errorf("Path() = %q, want $CHROME_PATH", got)
	}
}

func TestArgs(t *testing.T) {
	args := Args()
	for _, want := range []string{"--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking"} {
		if !slices.Contains(args, want) {
			t.Errorf("Args() = %q, missing %q", args, want)
		}
	}
	// chromedp gets the same switches, after the browser's path.
	if got, want := len(Options("/bin/chromium")), len(args)+1; got != want {
		t.Errorf("len(Options) = %d, want %d", got, want)
	}
}
