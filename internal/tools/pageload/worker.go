package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/chromedp/cdproto"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// workerWatch is a second DevTools connection to the browser that attaches
// to every service worker as it starts, before it runs: it applies the
// profile's network conditions to the worker too (a page's conditions do
// not reach its worker's fetches) and reports the worker's Network events,
// so a worker that downloads the wasm again is throttled and counted like
// the page. chromedp's own connection drops messages of sessions it did not
// open, hence the separate connection.
type workerWatch struct {
	conn    *chromedp.Conn
	net     *netConditions
	onEvent func(ev any)

	writeMu sync.Mutex
	nextID  atomic.Int64
	mu      sync.Mutex
	pending map[int64]chan *cdproto.Message
	errs    []string
}

// watchWorkers connects to the browser whose profile is in dir.
func watchWorkers(ctx context.Context, dir string, nc *netConditions, onEvent func(any)) (*workerWatch, error) {
	var port []byte
	var err error
	for range 50 { // Chromium writes the file just after it starts listening
		if port, err = os.ReadFile(filepath.Join(dir, "DevToolsActivePort")); err == nil && strings.Count(string(port), "\n") >= 1 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		return nil, fmt.Errorf("the browser's DevTools port: %w", err)
	}
	lines := strings.Fields(string(port))
	if len(lines) < 2 {
		return nil, errors.New("the browser's DevToolsActivePort is incomplete")
	}
	conn, err := chromedp.DialContext(ctx, "ws://127.0.0.1:"+lines[0]+lines[1])
	if err != nil {
		return nil, err
	}
	w := &workerWatch{conn: conn, net: nc, onEvent: onEvent, pending: map[int64]chan *cdproto.Message{}}
	go w.read()
	context.AfterFunc(ctx, func() { conn.Close() })
	err = w.call(ctx, "", "Target.setAutoAttach", map[string]any{
		"autoAttach": true, "waitForDebuggerOnStart": true, "flatten": true,
		"filter": []map[string]any{{"type": "service_worker"}, {"exclude": true}},
	})
	if err != nil {
		conn.Close()
		return nil, err
	}
	return w, nil
}

func (w *workerWatch) read() {
	for {
		msg := new(cdproto.Message)
		if err := w.conn.Read(context.Background(), msg); err != nil {
			w.mu.Lock()
			for _, ch := range w.pending {
				close(ch)
			}
			w.pending = map[int64]chan *cdproto.Message{}
			w.mu.Unlock()
			return
		}
		switch {
		case msg.ID != 0:
			w.mu.Lock()
			ch := w.pending[msg.ID]
			delete(w.pending, msg.ID)
			w.mu.Unlock()
			if ch != nil {
				ch <- msg
			}
		case msg.Method == "Target.attachedToTarget" && msg.SessionID == "":
			var p struct {
				SessionID  string `json:"sessionId"`
				TargetInfo struct {
					Type string `json:"type"`
				} `json:"targetInfo"`
			}
			if json.Unmarshal(msg.Params, &p) == nil {
				go w.setUp(p.SessionID)
			}
		case msg.SessionID != "" && strings.HasPrefix(string(msg.Method), "Network."):
			if ev, err := cdproto.UnmarshalMessage(msg, chromedp.DefaultUnmarshalOptions); err == nil {
				w.onEvent(ev)
			}
		}
	}
}

// setUp turns on the worker's Network events and throttling, then lets the
// worker run.
func (w *workerWatch) setUp(session string) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	steps := []struct {
		method string
		params any
	}{{"Network.enable", map[string]any{}}}
	if w.net != nil {
		steps = append(steps, struct {
			method string
			params any
		}{"Network.emulateNetworkConditions", w.net.params()})
	}
	steps = append(steps, struct {
		method string
		params any
	}{"Runtime.runIfWaitingForDebugger", map[string]any{}})
	for _, s := range steps {
		if err := w.call(ctx, session, s.method, s.params); err != nil {
			w.mu.Lock()
			w.errs = append(w.errs, s.method+": "+err.Error())
			w.mu.Unlock()
		}
	}
}

// call sends a command, on a session or to the browser, and waits for its
// answer.
func (w *workerWatch) call(ctx context.Context, session, method string, params any) error {
	raw, err := json.Marshal(params)
	if err != nil {
		return err
	}
	id := w.nextID.Add(1)
	ch := make(chan *cdproto.Message, 1)
	w.mu.Lock()
	w.pending[id] = ch
	w.mu.Unlock()
	msg := &cdproto.Message{ID: id, Method: cdproto.MethodType(method), Params: raw}
	if session != "" {
		msg.SessionID = target.SessionID(session)
	}
	w.writeMu.Lock()
	err = w.conn.Write(ctx, msg)
	w.writeMu.Unlock()
	if err != nil {
		return err
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	case res, ok := <-ch:
		if !ok {
			return errors.New("connection closed")
		}
		if res.Error != nil {
			return res.Error
		}
		return nil
	}
}

// errors returns what went wrong setting up workers.
func (w *workerWatch) errors() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.errs...)
}
