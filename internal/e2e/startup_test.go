package e2e

import (
	"context"
	"fmt"
	"testing"
	"time"

	"docket/internal/browsertest"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The page's start keeps the glossary, corrections and footer as the
// server rendered them (components.KeepPrerendered), one node each. These
// tests check what the reader gets: a working quiz wherever they meet it,
// and a glossary that is the prerendered one, links and all.

// TestQuizWorksWhereTheReaderMeetsIt takes the quiz's first question on a
// phone-sized page, reached by scrolling down to it and by a link straight
// to #quiz.
func TestQuizWorksWhereTheReaderMeetsIt(t *testing.T) {
	browsertest.Parallel(t)
	srv := browsertest.StartServer(t)
	for _, how := range []string{"scroll", "jump"} {
		t.Run(how, func(t *testing.T) {
			d := newQuizDriver(t, srv, browsertest.Options{Width: 412, Height: 823})
			suffix := ""
			if how == "jump" {
				suffix = "#quiz"
			}
			d.b.Run(t, chromedp.Navigate(d.url+suffix), browsertest.WaitReady())
			if how == "scroll" {
				for y := 0; ; y += 400 {
					var near bool
					d.eval(fmt.Sprintf(`scrollTo(0, %d), document.getElementById("quiz").getBoundingClientRect().top < innerHeight`, y), &near)
					if near {
						break
					}
					if y > 100000 {
						t.Fatal("scrolled 100000 px without reaching the quiz")
					}
				}
			} else {
				var top float64
				d.eval(`document.getElementById("quiz").getBoundingClientRect().top`, &top)
				if top < -1 || top > 100 {
					t.Errorf("opened at #quiz, the quiz is %.0f px from the window's top; want it at the top", top)
				}
			}
			d.waitFor(`document.querySelector("#quiz .quiz-panel") !== null`)
			d.start(0)
			if v := d.view(); v.Legend == "" || len(v.Marks) == 0 {
				t.Errorf("after starting, the quiz shows no question: %+v", v)
			}
			if errs := d.b.Errors(); len(errs) > 0 {
				t.Errorf("console errors: %v", errs)
			}
		})
	}
}

// TestGlossaryAfterTakeover checks the glossary once the wasm has taken
// over: the very DOM the server rendered, its links still links (sources
// open in a new tab), the page's link to it and a link to one term still
// scrolling there.
func TestGlossaryAfterTakeover(t *testing.T) {
	browsertest.Parallel(t)
	srv := browsertest.StartServer(t)
	c := browsertest.DefaultCase(t)
	if len(c.Glossary) < 2 {
		t.Fatalf("case %s has %d glossary terms; the test needs two", c.ID, len(c.Glossary))
	}
	_, html := srv.Get(t, casePath(c))
	b := newBrowser(t, browsertest.Options{Width: 412, Height: 823})
	term := c.Glossary[len(c.Glossary)-1].ID
	var same, linksOut bool
	var termTop, glossaryTop float64
	var hash string
	b.Run(t,
		chromedp.Navigate(srv.Page(casePath(c))+"#term-"+term), browsertest.WaitReady(),
		// The glossary as the browser parses the server's HTML, against
		// the page's after the takeover.
		browsertest.Eval(fmt.Sprintf(`(() => {
  const served = new DOMParser().parseFromString(%q, "text/html").getElementById("glossary");
  return served !== null && served.outerHTML === document.getElementById("glossary").outerHTML;
})()`, html), &same),
		browsertest.Eval(`(() => {
  const links = [...document.querySelectorAll("#glossary .source-list a")];
  return links.length > 0 && links.every(a => a.target === "_blank" && a.rel === "noopener" && /^https?:/.test(a.href));
})()`, &linksOut),
		browsertest.Eval(`document.getElementById("term-`+term+`").getBoundingClientRect().top`, &termTop),
		chromedp.Evaluate(`scrollTo(0, 0)`, nil),
		chromedp.Click(`.case-nav a[href="#glossary"]`, chromedp.ByQuery),
		browsertest.WaitFor(`location.hash === "#glossary" && Math.abs(document.getElementById("glossary").getBoundingClientRect().top) < 2`, 10e9),
		browsertest.Eval(`document.getElementById("glossary").getBoundingClientRect().top`, &glossaryTop),
		browsertest.Eval(`location.hash`, &hash),
	)
	if !same {
		t.Error("after the takeover, the glossary's DOM is not the one the server rendered")
	}
	if !linksOut {
		t.Error("after the takeover, the glossary's source links are not links that open a new tab")
	}
	if termTop < -1 || termTop > 100 {
		t.Errorf("opened at #term-%s, the term is %.0f px from the window's top; want it at the top", term, termTop)
	}
	if hash != "#glossary" {
		t.Errorf("after the page's Key terms link, location.hash = %q; want #glossary", hash)
	}
	if errs := b.Errors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}

// TestMountCost loads the case page and its embed on a phone-sized screen
// with the CPU slowed 4x and reports what the wasm's start costs: the DOM
// nodes it makes until a second after it is ready, against the nodes of the page, and
// the main thread's long tasks. The counts are the deterministic part;
// timings are for reading (speed goals belong to make bench).
func TestMountCost(t *testing.T) {
	browsertest.Parallel(t)
	srv := browsertest.StartServer(t)
	c := browsertest.DefaultCase(t)
	for _, path := range []string{casePath(c), "/embed/" + c.ID} {
		b := newBrowser(t, browsertest.Options{Width: 412, Height: 823})
		var made, nodes int
		var tasks []float64
		b.Run(t,
			browsertest.CountMadeNodes(), browsertest.TrackLongTasks(), browsertest.ThrottleCPU(4),
			chromedp.Navigate(srv.Page(path)), browsertest.WaitReady(),
			chromedp.Sleep(time.Second),
			browsertest.Eval(`window.__docketMade`, &made),
			browsertest.Eval(`document.body.querySelectorAll("*").length`, &nodes),
			browsertest.Eval(`window.__docketLongTasks`, &tasks),
		)
		total, longest := browsertest.Blocking(tasks)
		t.Logf("%s: the wasm made %d DOM nodes starting, for a page of %d elements; %d long tasks, blocking %.0f ms, the longest %.0f ms (4x CPU)", path, made, nodes, len(tasks), total, longest)
		if made == 0 {
			t.Errorf("%s: counted no DOM nodes made at mount; the count is broken", path)
		}
	}
}

// TestEventListAfterTakeover checks the list of events once the wasm has
// taken over: each event's contents are the very DOM the server rendered
// (components.KeepPrerendered keeps them), and stay so when the selection
// moves, while the items' own attributes follow it.
func TestEventListAfterTakeover(t *testing.T) {
	browsertest.Parallel(t)
	srv := browsertest.StartServer(t)
	c := browsertest.DefaultCase(t)
	_, html := srv.Get(t, casePath(c))
	b := newBrowser(t, browsertest.Options{Width: 1280, Height: 900})
	// same lists the events whose children differ from the served page's.
	same := fmt.Sprintf(`(() => {
  const served = new DOMParser().parseFromString(%q, "text/html");
  const kids = (li) => [...li.children].map((k) => k.outerHTML).join("\n");
  const live = [...document.querySelectorAll("#timeline li.event")];
  return live.length === served.querySelectorAll("#timeline li.event").length ?
    live.filter((li) => kids(li) !== kids(served.getElementById(li.id))).map((li) => li.id) : ["the number of events"];
})()`, html)
	var before, after []string
	var first, current string
	const currentID = `document.querySelector('#timeline li.event[aria-current="true"]')?.id ?? ""`
	b.Run(t,
		chromedp.Navigate(srv.Page(casePath(c))), browsertest.WaitReady(),
		browsertest.Eval(same, &before),
		browsertest.Eval(currentID, &first),
		chromedp.Click(`.tl-next`, chromedp.ByQuery),
		chromedp.Sleep(300*time.Millisecond),
		browsertest.Eval(same, &after),
		browsertest.Eval(currentID, &current),
	)
	if len(before) > 0 {
		t.Errorf("after the takeover, these events' contents are not the DOM the server rendered: %v", before)
	}
	if len(after) > 0 {
		t.Errorf("after the selection moved, these events' contents are not the DOM the server rendered: %v", after)
	}
	if current == "" || current == first {
		t.Errorf("after a step to the next event, the current item is %q (before: %q); want it moved", current, first)
	}
	if errs := b.Errors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}

// TestStartInSlices checks the page's start in slices (components'
// slices.go) as a reader meets it: from the first paint on, after every
// slice, the page shows every event of the list and the quiz's questions
// (the prerendered ones until the live ones take their place); once the
// page says it is ready, the list follows the selection; and the quiz, far
// below the first screen, takes over without the reader scrolling to it.
func TestStartInSlices(t *testing.T) {
	browsertest.Parallel(t)
	srv := browsertest.StartServer(t)
	c := browsertest.DefaultCase(t)
	if !c.HasQuiz() {
		t.Fatalf("case %s has no quiz; the test needs one", c.ID)
	}
	// watch notes every moment (a batch of DOM changes, as the reader
	// could see it at the next paint) when the list lacks an event or the
	// quiz shows neither its questions nor its interactive panel.
	watch := fmt.Sprintf(`window.__docketMissing = [];
new MutationObserver(() => {
  if (document.readyState === "loading") return; // the page is still arriving
  const events = document.querySelectorAll("#timeline li.event").length;
  const quiz = document.querySelector("#quiz .quiz-question, #quiz .quiz-panel:not(.quiz-list)");
  if (events !== %d || !quiz) window.__docketMissing.push({events, quiz: !!quiz, ready: document.documentElement.dataset.docket || ""});
}).observe(document, {childList: true, subtree: true, attributes: true});`, len(c.Events))
	b := newBrowser(t, browsertest.Options{Width: 1280, Height: 900})
	var missing []map[string]any
	var first, current string
	var quizTop, height float64
	const currentID = `document.querySelector('#timeline li.event[aria-current="true"]')?.id ?? ""`
	b.Run(t,
		chromedp.ActionFunc(func(ctx context.Context) error {
			_, err := page.AddScriptToEvaluateOnNewDocument(watch).Do(ctx)
			return err
		}),
		chromedp.Navigate(srv.Page(casePath(c))), browsertest.WaitReady(),
		browsertest.Eval(currentID, &first),
		browsertest.Eval(`document.getElementById("quiz").getBoundingClientRect().top`, &quizTop),
		browsertest.Eval(`innerHeight`, &height),
	)
	// The wait names the item read above, so it is built after reading it.
	b.Run(t,
		chromedp.Click(`.tl-next`, chromedp.ByQuery),
		chromedp.Poll(fmt.Sprintf(`(%s) !== %q`, currentID, first), nil, chromedp.WithPollingTimeout(10*time.Second)),
		browsertest.Eval(currentID, &current),
		chromedp.Poll(`document.querySelector("#quiz .quiz-intro-step #quiz-primary") !== null`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		browsertest.Eval(`window.__docketMissing`, &missing),
	)
	if quizTop < 2*height {
		t.Errorf("the quiz starts %.0f px down a window %.0f px tall; the test needs it more than a screen below the fold", quizTop, height)
	}
	if first == "" || current == first {
		t.Errorf("after a step to the next event, the list's current item is %q (before: %q); want it moved", current, first)
	}
	if len(missing) > 0 {
		t.Errorf("during the start, the page lacked events or the quiz at %d moments, the first: %v", len(missing), missing[0])
	}
	if errs := b.Errors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}
