package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// profile is a set of conditions a page is loaded under.
type profile struct {
	Name   string         `json:"name"`
	Label  string         `json:"label"`
	CPU    float64        `json:"cpu_slowdown"`
	Net    *netConditions `json:"network,omitempty"`
	Mobile bool           `json:"mobile_viewport"`
}

// netConditions are DevTools network conditions.
type netConditions struct {
	LatencyMS     float64 `json:"latency_ms"`
	DownBytesPerS float64 `json:"down_bytes_per_s"`
	UpBytesPerS   float64 `json:"up_bytes_per_s"`
}

func (n *netConditions) params() map[string]any {
	return map[string]any{"offline": false, "latency": n.LatencyMS, "downloadThroughput": n.DownBytesPerS, "uploadThroughput": n.UpBytesPerS}
}

// The three profiles. The mobile one is Lighthouse's: 4× CPU, 1.6 Mbit/s
// down, 750 kbit/s up, 150 ms round trip, on a 412×823 phone screen.
var allProfiles = []profile{
	{Name: "none", Label: "no throttling", CPU: 1},
	{Name: "cpu4", Label: "4× CPU slowdown", CPU: 4},
	{Name: "mobile", Label: "Lighthouse mobile: 4× CPU, 1.6 Mbit/s, 150 ms RTT", CPU: 4, Mobile: true,
		Net: &netConditions{LatencyMS: 150, DownBytesPerS: 200_000, UpBytesPerS: 750_000 / 8}},
}

// benchPage is a page the benchmark loads.
type benchPage struct {
	Key  string `json:"key"`
	Name string `json:"name"`
	URL  string `json:"url"`
	What string `json:"what"`
	// App pages mark <html data-docket="ready"> and answer ArrowRight in
	// the region Focus names; the others are done at the load event.
	App bool `json:"app"`
	// Worker pages install a service worker; a warm load waits for it.
	Worker bool     `json:"worker"`
	Focus  []string `json:"-"`
	// Sig is a JavaScript expression whose value changes when the page has
	// answered the key.
	Sig string `json:"-"`
}

// load is what one page load measured. Times are milliseconds since the
// navigation started.
type load struct {
	FCP float64 `json:"fcp_ms"`
	LCP float64 `json:"lcp_ms"`
	CLS float64 `json:"cls"`
	// Ready is when <html data-docket="ready"> was set; BusyUntil the end
	// of the last long task running then or starting within the settle
	// time; KeyLatency how long ArrowRight, pressed after the settle time,
	// took to change the selection. TTI is BusyUntil + KeyLatency: when a
	// key pressed as soon as the page says it is ready would have been
	// answered. Without an answer (KeyAnswered false), TTI is BusyUntil.
	Ready       float64      `json:"ready_ms,omitempty"`
	BusyUntil   float64      `json:"busy_until_ms,omitempty"`
	KeyLatency  float64      `json:"key_latency_ms,omitempty"`
	TTI         float64      `json:"tti_ms,omitempty"`
	KeyAnswered bool         `json:"key_answered,omitempty"`
	KeyPresses  int          `json:"key_presses,omitempty"`
	Focused     bool         `json:"key_target_focused,omitempty"`
	Load        float64      `json:"load_ms"`
	LCPElement  string       `json:"lcp_element,omitempty"`
	Shifts      [][2]float64 `json:"shifts,omitempty"`
	traffic
}

// probeJS is installed in every document before its own scripts. It
// records paint, largest contentful paint, layout shifts and long tasks,
// notices data-docket="ready" and focuses the region the key goes to; arm,
// just before the key is pressed, starts watching for the page's answer.
func probeJS(t benchPage) string {
	focus, _ := json.Marshal(t.Focus)
	sig := t.Sig
	if sig == "" {
		sig = "''"
	}
	return `(() => {
  if (window.__pl) return;
  const pl = window.__pl = {fcp: null, lcp: null, lcpEl: '', cls: 0, shifts: [], tasks: [], ready: null, answeredAt: null, keyAt: null, armed: false, focused: false, load: null};
  const waiters = [];
  const observe = (type, cb) => { try { new PerformanceObserver((l) => l.getEntries().forEach(cb)).observe({type, buffered: true}); } catch (e) {} };
  observe('paint', (e) => { if (e.name === 'first-contentful-paint') pl.fcp = e.startTime; });
  observe('largest-contentful-paint', (e) => {
    pl.lcp = e.startTime;
    const el = e.element;
    pl.lcpEl = (el ? el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.classList && el.classList.length ? '.' + el.classList[0] : '') : '(removed)') + ' ' + e.size + ' px²';
  });
  observe('layout-shift', (e) => { if (!e.hadRecentInput) { pl.cls += e.value; pl.shifts.push([Math.round(e.startTime), Math.round(e.value * 1e5) / 1e5]); } });
  observe('longtask', (e) => { pl.tasks.push([Math.round(e.startTime), Math.round(e.duration)]); });
  addEventListener('load', () => { pl.load = performance.now(); });
  addEventListener('keydown', () => { if (pl.armed && pl.keyAt === null) pl.keyAt = performance.now(); }, true);
  const sig = () => { try { return String(` + sig + `); } catch (e) { return 'error: ' + e; } };
  const onReady = () => {
    const root = document.documentElement;
    if (pl.ready !== null || !root || root.getAttribute('data-docket') !== 'ready') return;
    pl.ready = performance.now();
    waiters.splice(0).forEach((f) => f());
  };
  new MutationObserver(onReady).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-docket']});
  pl.whenReady = () => new Promise((r) => { onReady(); pl.ready !== null ? r(true) : waiters.push(() => r(true)); });
  pl.arm = () => {
    // The first candidate that takes focus (a hidden one does not: on a
    // phone the timeline may show only its list).
    find: for (const s of ` + string(focus) + `) {
      for (const el of document.querySelectorAll(s)) {
        el.focus({preventScroll: true});
        if (document.activeElement === el) { pl.focused = true; pl.focusedOn = s; break find; }
      }
    }
    pl.sig0 = sig();
    const mo = new MutationObserver(() => pl.check());
    pl.check = () => { if (pl.answeredAt === null && sig() !== pl.sig0) { pl.answeredAt = performance.now(); mo.disconnect(); } };
    mo.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
    pl.armed = true;
    return pl.focused;
  };
  pl.whenAnswered = (ms) => new Promise((r) => {
    const t0 = performance.now();
    const poll = () => { pl.check(); if (pl.answeredAt !== null) r(true); else if (performance.now() - t0 > ms) r(false); else setTimeout(poll, 5); };
    poll();
  });
})();`
}

// browserFlags start Chromium headless as root, as the browser tests do,
// with every host but loopback unresolvable, so that no page waits on the
// internet (TimelineJS's web fonts fail at once instead).
func browserFlags(chrome, profileDir string, width, height int) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chrome),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profileDir),
		chromedp.WindowSize(width, height),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
	}
}

// measureOnce loads t in a new browser with an empty profile (cold), then
// again in the same browser once its service worker is active or its
// files are in the HTTP cache (warm).
func measureOnce(ctx context.Context, chrome string, t benchPage, pr profile, verbose func(string, ...any)) (cold, warm load, err error) {
	dir, err := os.MkdirTemp("", "pageload-chromium-")
	if err != nil {
		return cold, warm, err
	}
	defer func() {
		for range 20 { // Chromium's helpers may write for a moment after exit
			if os.RemoveAll(dir) == nil {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
	}()
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, browserFlags(chrome, dir, 1280, 900)...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(allocCtx)
	defer cancelBrowser()
	bctx, cancelTimeout := context.WithTimeout(bctx, 5*time.Minute)
	defer cancelTimeout()
	if err := chromedp.Run(bctx); err != nil {
		return cold, warm, fmt.Errorf("starting Chromium (%s): %w", chrome, err)
	}
	log := newNetLog()
	chromedp.ListenTarget(bctx, func(ev any) {
		switch ev.(type) {
		case *network.EventRequestWillBeSent, *network.EventResponseReceived, *network.EventRequestServedFromCache,
			*network.EventLoadingFinished, *network.EventLoadingFailed:
			log.event(false, ev)
		}
	})
	ww, err := watchWorkers(bctx, dir, pr.Net, func(ev any) { log.event(true, ev) })
	if err != nil {
		return cold, warm, err
	}
	setup := []chromedp.Action{
		chromedp.ActionFunc(func(ctx context.Context) error {
			_, err := page.AddScriptToEvaluateOnNewDocument(probeJS(t)).Do(ctx)
			return err
		}),
		emulation.SetCPUThrottlingRate(pr.CPU),
	}
	if pr.Net != nil {
		setup = append(setup, network.EmulateNetworkConditions(false, pr.Net.LatencyMS, pr.Net.DownBytesPerS, pr.Net.UpBytesPerS))
	}
	if pr.Mobile {
		setup = append(setup, emulation.SetDeviceMetricsOverride(412, 823, 1.75, true), emulation.SetTouchEmulationEnabled(true))
	}
	if err := chromedp.Run(bctx, setup...); err != nil {
		return cold, warm, fmt.Errorf("setting up the tab: %w", err)
	}
	if cold, err = loadOnce(bctx, t, log, true, verbose); err != nil {
		return cold, warm, fmt.Errorf("cold: %w%s", err, workerErrors(ww))
	}
	verbose("    cold done")
	// Off the page, so that the warm load is a new navigation.
	if err := chromedp.Run(bctx, chromedp.Navigate("about:blank")); err != nil {
		return cold, warm, err
	}
	time.Sleep(300 * time.Millisecond)
	if warm, err = loadOnce(bctx, t, log, false, verbose); err != nil {
		return cold, warm, fmt.Errorf("warm: %w%s", err, workerErrors(ww))
	}
	return cold, warm, nil
}

func workerErrors(ww *workerWatch) string {
	if errs := ww.errors(); len(errs) > 0 {
		return " (service worker: " + strings.Join(errs, "; ") + ")"
	}
	return ""
}

// settle is how long a page is left alone after it is ready (or loaded)
// before its paints and shifts are read and a key is pressed: long enough
// for the wasm's takeover to finish drawing, and for Chromium to report
// the paints (a key pressed earlier would end the largest-contentful-paint
// observation before the last candidate is reported).
const settle = time.Second

// loadOnce navigates to t and measures the load: paints and shifts, then,
// for an app, how long after ready it answers ArrowRight. A cold load of a
// page with a service worker also waits for the worker to be active, so
// that what it fetches counts and the warm load finds it ready.
func loadOnce(ctx context.Context, t benchPage, log *netLog, cold bool, verbose func(string, ...any)) (load, error) {
	var l load
	start := time.Now()
	step := func(what string) {
		verbose("      %-28s %6.0f ms", what, float64(time.Since(start).Microseconds())/1000)
	}
	log.reset()
	if err := chromedp.Run(ctx, chromedp.Navigate(t.URL)); err != nil {
		return l, fmt.Errorf("loading %s: %w", t.URL, err)
	}
	step("loaded")
	if t.App {
		if err := awaitJS(ctx, "window.__pl.whenReady()", 3*time.Minute, nil); err != nil {
			return l, fmt.Errorf("waiting for data-docket=ready: %w", err)
		}
		step("ready")
	}
	time.Sleep(settle)
	step("settled")
	var pl struct {
		FCP, LCP, CLS, Ready, Load *float64
		LCPEl                      string
		Shifts, Tasks              [][2]float64
	}
	snapshot := `(() => { const p = window.__pl; return {FCP: p.fcp, LCP: p.lcp, CLS: p.cls, Ready: p.ready, Load: p.load, LCPEl: p.lcpEl, Shifts: p.shifts, Tasks: p.tasks}; })()`
	for end := time.Now().Add(10 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if err := chromedp.Run(ctx, chromedp.Evaluate(snapshot, &pl)); err != nil {
			return l, err
		}
		if pl.FCP != nil || time.Now().After(end) {
			break
		}
	}
	if pl.FCP == nil {
		return l, errors.New("no first contentful paint")
	}
	l.FCP, l.CLS, l.LCPElement, l.Shifts = *pl.FCP, *pl.CLS, pl.LCPEl, pl.Shifts
	if pl.LCP != nil {
		l.LCP = *pl.LCP
	}
	if pl.Load != nil {
		l.Load = *pl.Load
	}
	if t.App && pl.Ready != nil {
		l.Ready = *pl.Ready
		// Busy: a long task running at ready or starting in the settle
		// time would have held up a key pressed then.
		l.BusyUntil = l.Ready
		for _, task := range pl.Tasks {
			if start, end := task[0], task[0]+task[1]; end > l.Ready && start < l.Ready+float64(settle.Milliseconds()) {
				l.BusyUntil = max(l.BusyUntil, end)
			}
		}
		step("snapshot")
		if err := chromedp.Run(ctx, chromedp.Evaluate("window.__pl.arm()", &l.Focused)); err != nil {
			return l, err
		}
		step("armed")
		// Press ArrowRight until the page answers, up to three times, a
		// second apart: a page that has not answered by then has no key
		// hook (TTI is then BusyUntil).
		for !l.KeyAnswered && l.KeyPresses < 3 {
			l.KeyPresses++
			if err := chromedp.Run(ctx, pressKey("ArrowRight", 39)); err != nil {
				return l, err
			}
			if err := awaitJS(ctx, "window.__pl.whenAnswered(1000)", 30*time.Second, &l.KeyAnswered); err != nil {
				return l, err
			}
		}
		step("key answered")
		l.TTI = l.BusyUntil
		if l.KeyAnswered {
			var key struct{ KeyAt, AnsweredAt float64 }
			if err := chromedp.Run(ctx, chromedp.Evaluate(`({KeyAt: window.__pl.keyAt, AnsweredAt: window.__pl.answeredAt})`, &key)); err != nil {
				return l, err
			}
			l.KeyLatency = key.AnsweredAt - key.KeyAt
			l.TTI += l.KeyLatency
		}
	}
	if cold && t.Worker {
		var ok bool
		if err := awaitJS(ctx, "navigator.serviceWorker ? navigator.serviceWorker.ready.then(() => true) : false", 3*time.Minute, &ok); err != nil || !ok {
			return l, fmt.Errorf("the service worker never became active: %v", err)
		}
		step("service worker active")
	}
	for end := time.Now().Add(3 * time.Minute); !log.quietFor(500*time.Millisecond) && time.Now().Before(end); {
		time.Sleep(50 * time.Millisecond)
	}
	step("network quiet")
	l.traffic = log.traffic()
	return l, nil
}

// pressKey sends a key as a reader's keyboard would: trusted events, to
// the focused element.
func pressKey(key string, code int64) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		down := input.DispatchKeyEvent(input.KeyDown).WithKey(key).WithCode(key).WithWindowsVirtualKeyCode(code).WithNativeVirtualKeyCode(code)
		if err := down.Do(ctx); err != nil {
			return err
		}
		return input.DispatchKeyEvent(input.KeyUp).WithKey(key).WithCode(key).WithWindowsVirtualKeyCode(code).WithNativeVirtualKeyCode(code).Do(ctx)
	})
}

// awaitJS evaluates a promise and waits for it, up to d.
func awaitJS(ctx context.Context, expr string, d time.Duration, res any) error {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate(expr, res, func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams {
		return p.WithAwaitPromise(true)
	}))
}
