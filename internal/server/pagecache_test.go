package server

import (
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"docket/internal/asset"
)

// TestPageCacheRendersOnce checks that readers asking for one page at the
// same time share one render, that the page is kept, and that a failed
// render is not.
func TestPageCacheRendersOnce(t *testing.T) {
	var c pageCache
	var renders atomic.Int32
	release := make(chan struct{})
	page := &asset.Asset{Name: "index.html"}
	render := func() (*asset.Asset, error) {
		renders.Add(1)
		<-release
		return page, nil
	}
	var wg sync.WaitGroup
	got := make([]*asset.Asset, 20)
	for i := range got {
		wg.Go(func() {
			a, err := c.get("/", render)
			if err != nil {
				t.Error(err)
			}
			got[i] = a
		})
	}
	// Hold the first render while the other readers arrive: without
	// sharing, each would start a render of its own.
	for renders.Load() == 0 {
		runtime.Gosched()
	}
	time.Sleep(50 * time.Millisecond)
	close(release)
	wg.Wait()
	if n := renders.Load(); n != 1 {
		t.Errorf("%d readers at once caused %d renders; want 1", len(got), n)
	}
	for i, a := range got {
		if a != page {
			t.Fatalf("reader %d got %v; want the rendered page", i, a)
		}
	}
	if a, _ := c.get("/", func() (*asset.Asset, error) { t.Error("a kept page was rendered again"); return nil, nil }); a != page {
		t.Errorf("the kept page is %v", a)
	}

	failed := errors.New("render failed")
	if _, err := c.get("/other", func() (*asset.Asset, error) { return nil, failed }); !errors.Is(err, failed) {
		t.Errorf("a failed render gave %v", err)
	}
	if a, err := c.get("/other", func() (*asset.Asset, error) { return page, nil }); err != nil || a != page {
		t.Errorf("after a failed render, the next = %v, %v; want a new render", a, err)
	}
}
