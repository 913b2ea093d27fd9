package main

import (
	"math"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
)

// netLog adds up what one page load fetched over the network, from the
// Network events of the page and of its service worker: responses the
// worker or a cache answered cost no bytes and are left out, so a warm load
// counts only what really crossed the wire.
type netLog struct {
	mu       sync.Mutex
	reqs     map[string]*request // by session and request id
	order    []string
	inflight int
	quietAt  time.Time // when inflight last dropped to zero
}

type request struct {
	url       string
	worker    bool // fetched by the service worker
	fromSW    bool // answered by the service worker
	fromCache bool // answered by the memory or disk cache
	done      bool
	failed    string
	bytes     int64
	start     float64 // monotonic seconds
	end       float64
}

func newNetLog() *netLog { return &netLog{reqs: map[string]*request{}, quietAt: time.Now()} }

// reset forgets everything before a new navigation.
func (l *netLog) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.reqs = map[string]*request{}
	l.order = nil
	l.inflight = 0
	l.quietAt = time.Now()
}

// event records one Network event of the page (worker false) or of its
// service worker (worker true).
func (l *netLog) event(worker bool, ev any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	key := func(id network.RequestID) string {
		if worker {
			return "w:" + string(id)
		}
		return "p:" + string(id)
	}
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		if strings.HasPrefix(ev.Request.URL, "data:") || strings.HasPrefix(ev.Request.URL, "blob:") {
			return
		}
		k := key(ev.RequestID)
		if r, ok := l.reqs[k]; ok { // a redirect
			r.url = ev.Request.URL
			return
		}
		l.reqs[k] = &request{url: ev.Request.URL, worker: worker, start: monotonic(ev.Timestamp)}
		l.order = append(l.order, k)
		l.inflight++
	case *network.EventResponseReceived:
		if r := l.reqs[key(ev.RequestID)]; r != nil && ev.Response != nil {
			r.fromSW = r.fromSW || ev.Response.FromServiceWorker
			r.fromCache = r.fromCache || ev.Response.FromDiskCache || ev.Response.FromPrefetchCache
		}
	case *network.EventRequestServedFromCache:
		if r := l.reqs[key(ev.RequestID)]; r != nil {
			r.fromCache = true
		}
	case *network.EventLoadingFinished:
		if r := l.reqs[key(ev.RequestID)]; r != nil && !r.done {
			r.done = true
			r.bytes = int64(ev.EncodedDataLength)
			r.end = monotonic(ev.Timestamp)
			l.finished()
		}
	case *network.EventLoadingFailed:
		if r := l.reqs[key(ev.RequestID)]; r != nil && !r.done {
			r.done = true
			r.failed = ev.ErrorText
			if ev.Canceled {
				r.failed = "canceled"
			}
			l.finished()
		}
	}
}

func (l *netLog) finished() {
	l.inflight--
	if l.inflight <= 0 {
		l.inflight = 0
		l.quietAt = time.Now()
	}
}

// quietFor reports whether nothing has been in flight for d.
func (l *netLog) quietFor(d time.Duration) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.inflight == 0 && time.Since(l.quietAt) >= d
}

// traffic is what crossed the network in one load.
type traffic struct {
	Bytes       int64    `json:"bytes"`        // all responses, headers included
	WasmBytes   int64    `json:"wasm_bytes"`   // responses for *.wasm
	WorkerBytes int64    `json:"worker_bytes"` // fetched by the service worker
	Requests    int      `json:"requests"`     // requests that went to the network
	Failed      []string `json:"failed,omitempty"`
	// Wasm lists each download of a wasm: by whom, and when it started and
	// ended, in ms after the first request of the load.
	Wasm []wasmFetch `json:"wasm_fetches,omitempty"`
}

type wasmFetch struct {
	Worker  bool    `json:"by_worker"`
	StartMS float64 `json:"start_ms"`
	EndMS   float64 `json:"end_ms"`
	Bytes   int64   `json:"bytes"`
}

func monotonic(t *cdp.MonotonicTime) float64 {
	if t == nil {
		return 0
	}
	return float64(t.Time().UnixNano()) / 1e9
}

func (l *netLog) traffic() traffic {
	l.mu.Lock()
	defer l.mu.Unlock()
	var t traffic
	first := 0.0
	for _, k := range l.order {
		if r := l.reqs[k]; r.start > 0 && (first == 0 || r.start < first) {
			first = r.start
		}
	}
	for _, k := range l.order {
		r := l.reqs[k]
		if r.failed != "" && r.failed != "canceled" {
			t.Failed = append(t.Failed, r.url+": "+r.failed)
		}
		if r.fromSW || r.fromCache || r.bytes == 0 {
			continue
		}
		t.Bytes += r.bytes
		t.Requests++
		if r.worker {
			t.WorkerBytes += r.bytes
		}
		if u, err := url.Parse(r.url); err == nil && strings.HasSuffix(u.Path, ".wasm") {
			t.WasmBytes += r.bytes
			t.Wasm = append(t.Wasm, wasmFetch{Worker: r.worker, StartMS: ms(r.start - first), EndMS: ms(r.end - first), Bytes: r.bytes})
		}
	}
	return t
}

func ms(seconds float64) float64 { return math.Round(seconds * 1000) }
