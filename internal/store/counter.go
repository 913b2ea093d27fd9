package store

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"
)

// Counter adds readers' answers to the counts with group commit: answers
// that arrive while a batch is being written wait together, and are written
// in one transaction once it ends (up to MaxBatch at a time, waiting Window
// for more), so that a commit that waits for the disk costs one wait per
// batch, not one per answer. Add returns only once its answer's batch is
// committed; when the commit fails, every answer of the batch fails and
// none is counted.
type Counter struct {
	window   time.Duration
	maxBatch int
	apply    func(context.Context, []Counted) error

	in      chan countRequest
	commits atomic.Uint64 // batches committed
	start   sync.Once
	quit    chan struct{}
	stopped chan struct{}
	close   sync.Once
}

// CounterOptions tune a Counter; the zero value is a good default.
type CounterOptions struct {
	// Window is how long a batch waits for more answers after its first,
	// unless it is full: 1 ms by default. Negative: no wait (answers still
	// gather while the previous batch commits).
	Window time.Duration
	// MaxBatch is the most answers one transaction writes: 1,000 by default.
	MaxBatch int
}

// ErrCounterClosed: the Counter was closed before the answer was counted.
var ErrCounterClosed = errors.New("the counter is closed")

type countRequest struct {
	c     Counted
	reply chan error // buffered: the batcher never waits for a caller
}

// NewCounter returns a Counter that adds answers to db's counts.
func (db *DB) NewCounter(opts CounterOptions) *Counter {
	return newCounter(opts, db.AddCounts)
}

func newCounter(opts CounterOptions, apply func(context.Context, []Counted) error) *Counter {
	if opts.Window == 0 {
		opts.Window = time.Millisecond
	}
	if opts.MaxBatch <= 0 {
		opts.MaxBatch = 1000
	}
	return &Counter{
		window: max(opts.Window, 0), maxBatch: opts.MaxBatch, apply: apply,
		in: make(chan countRequest, opts.MaxBatch), quit: make(chan struct{}), stopped: make(chan struct{}),
	}
}

// Add counts one answer and returns once it is committed to the database.
// An error means it was not acknowledged: it may or may not be counted when
// ctx ended first, and is not counted otherwise.
func (c *Counter) Add(ctx context.Context, x Counted) error {
	c.start.Do(func() { go c.run() })
	r := countRequest{c: x, reply: make(chan error, 1)}
	select {
	case c.in <- r:
	case <-c.quit:
		return ErrCounterClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-r.reply:
		return err
	case <-ctx.Done():
		return ctx.Err()
	case <-c.stopped:
		select {
		case err := <-r.reply:
			return err
		default:
			return ErrCounterClosed
		}
	}
}

// Commits is how many batches the Counter has committed: a cache of
// counts read before the number moved misses this Counter's answers.
func (c *Counter) Commits() uint64 { return c.commits.Load() }

// Close stops the Counter once the batch being written is committed;
// answers still waiting are written first.
func (c *Counter) Close() {
	c.close.Do(func() {
		close(c.quit)
		c.start.Do(func() { close(c.stopped) })
	})
	<-c.stopped
}

// commitTimeout bounds one batch's transaction, retries included.
const commitTimeout = 30 * time.Second

func (c *Counter) run() {
	defer close(c.stopped)
	for {
		var batch []countRequest
		select {
		case r := <-c.in:
			batch = append(batch, r)
		case <-c.quit:
			c.drain()
			return
		}
		batch = c.gather(batch)
		c.commit(batch)
	}
}

// gather adds to batch what is waiting, then what arrives within the
// window, up to maxBatch.
func (c *Counter) gather(batch []countRequest) []countRequest {
	var timeout <-chan time.Time
	if c.window > 0 {
		t := time.NewTimer(c.window)
		defer t.Stop()
		timeout = t.C
	}
	for len(batch) < c.maxBatch {
		select {
		case r := <-c.in:
			batch = append(batch, r)
			continue
		default:
		}
		if timeout == nil {
			return batch
		}
		select {
		case r := <-c.in:
			batch = append(batch, r)
		case <-timeout:
			return batch
		case <-c.quit:
			return batch
		}
	}
	return batch
}

// drain commits what is waiting when the Counter closes.
func (c *Counter) drain() {
	for {
		var batch []countRequest
	waiting:
		for len(batch) < c.maxBatch {
			select {
			case r := <-c.in:
				batch = append(batch, r)
			default:
				break waiting
			}
		}
		if len(batch) == 0 {
			return
		}
		c.commit(batch)
	}
}

func (c *Counter) commit(batch []countRequest) {
	cs := make([]Counted, len(batch))
	for i, r := range batch {
		cs[i] = r.c
	}
	ctx, cancel := context.WithTimeout(context.Background(), commitTimeout)
	err := c.apply(ctx, cs)
	cancel()
	if err == nil {
		c.commits.Add(1)
	}
	for _, r := range batch {
		r.reply <- err
	}
}
