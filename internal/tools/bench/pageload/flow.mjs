// Lighthouse user flows for Docket's page bench (see lighthouse.go): the
// figures a navigation report cannot give. One headless Chromium loads
// each page run after run (the pages taking turns), each run in a fresh
// browser context, in the 4x-CPU profile: Lighthouse's desktop screen, the
// CPU slowed 4x by DevTools, the network not throttled.
//
//  1. Start-up: load the page and, from DOMContentLoaded, click a blank
//     corner every 100 ms until the page says it is ready (<html
//     data-docket="ready">), and five times more. The slowest answer, from
//     the browser's Event Timing (what INP is made of), is what a reader
//     meets who taps while the app starts. (Not a Lighthouse timespan:
//     Lighthouse takes seconds to read the trace of a whole page load, and
//     the bench has ten minutes.)
//  2. First step: click the page's next-event control; the slowest answer
//     from Event Timing (0 if it took under Event Timing's 16 ms) is the
//     answer to a reader's first tap on the started app.
//  3. Timespan "step": click it again inside a Lighthouse timespan, for
//     Lighthouse's own INP. Lighthouse records a trace of the timespan, and
//     at 4x CPU the recording slows the page: the hello world's trivial
//     step answers in about 200 ms under it. So this is a reference, and
//     the first step's figure is the one held to the 200 ms target.
//  4. Warm: load the page again, its service worker and HTTP cache kept,
//     and read from Resource Timing what it transferred and when it was
//     ready.
//
// Usage: node flow.mjs '{"npm": DIR, "chrome": FILE, "args": [...], "runs": N,
// "pages": [{"key": ..., "url": ..., "next": SELECTOR}]}'; prints
// {"key": [a record per run]} as JSON.
import {createRequire} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';

const opt = JSON.parse(process.argv[2]);
const lib = createRequire(path.join(opt.npm, 'package.json'));
const puppeteer = (await import(pathToFileURL(lib.resolve('puppeteer-core')))).default;
const {startFlow} = await import(pathToFileURL(path.join(opt.npm, 'node_modules/lighthouse/core/index.js')));

const cpuSlowdown = 4;
const screen = {width: 1350, height: 940, deviceScaleFactor: 1};
const config = {
  extends: 'lighthouse:default',
  settings: {
    onlyAudits: ['interaction-to-next-paint'],
    formFactor: 'desktop',
    screenEmulation: {mobile: false, ...screen, disabled: false},
    throttlingMethod: 'devtools',
    throttling: {cpuSlowdownMultiplier: cpuSlowdown, requestLatencyMs: 0, downloadThroughputKbps: 0, uploadThroughputKbps: 0},
  },
};

// watch records, in every document, the slowest answer to an interaction
// (Event Timing's duration: from the input to the next paint) and when
// <html data-docket="ready"> is set (when Docket, the hello world and the
// TimelineJS page say they have started), which it tells the flow through
// a binding: asking the page would wait for its main thread, and the
// clicks would then never meet a long task.
const watch = () => {
  window.__slowest = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.interactionId) window.__slowest = Math.max(window.__slowest, e.duration);
    }
  }).observe({type: 'event', durationThreshold: 16, buffered: true});
  new MutationObserver((_, o) => {
    if (document.documentElement?.dataset.docket !== 'ready') return;
    window.__ready = performance.now();
    o.disconnect();
    window.docketReady(window.__ready);
  }).observe(document, {attributes: true, subtree: true, attributeFilter: ['data-docket']});
};

// transferred sums what the document and its resources came to over the
// network, in all and for the wasm.
const transferred = () => {
  const all = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
  const sum = (es) => es.reduce((n, e) => n + e.transferSize, 0);
  return {bytes: sum(all), wasm: sum(all.filter((e) => new URL(e.name).pathname.endsWith('.wasm')))};
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const inp = (step) => {
  const a = step.lhr.audits['interaction-to-next-paint'];
  if (a.numericValue === undefined) throw new Error(`no INP in the ${step.name} timespan: ${a.explanation || a.scoreDisplayMode}`);
  return a.numericValue;
};

async function measure(browser, p) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    let ready;
    await page.exposeFunction('docketReady', (ms) => { ready = ms; });
    await page.evaluateOnNewDocument(watch);
    await page.setViewport(screen);
    const cdp = await page.createCDPSession();
    await cdp.send('Emulation.setCPUThrottlingRate', {rate: cpuSlowdown});
    const flow = await startFlow(page, {config});

    await page.goto(p.url, {waitUntil: 'domcontentloaded'});
    const start = Date.now();
    let clicks = 0;
    for (; ready === undefined; clicks++) {
      if (Date.now() - start > 30000) throw new Error(`${p.url} was not ready 30 s after DOMContentLoaded`);
      await page.mouse.click(5, 5);
      await sleep(100);
    }
    const startupReady = ready;
    for (let i = 0; i < 5; i++, clicks++) {
      await page.mouse.click(5, 5);
      await sleep(100);
    }
    await sleep(500);
    const startup = await page.evaluate(() => window.__slowest);
    if (!startup) throw new Error(`${p.url}: Event Timing saw none of the ${clicks} clicks`);

    // The first step, timed by Event Timing alone as a reader's browser
    // would: a Lighthouse timespan records a trace, and at 4x CPU the
    // recording itself slows the page's answer (see the second step).
    await page.evaluate(() => { window.__slowest = 0; });
    await page.click(p.next);
    await sleep(1000);
    const firstStep = await page.evaluate(() => window.__slowest);

    await flow.startTimespan({name: 'step'});
    await page.click(p.next);
    await sleep(1000);
    await flow.endTimespan();

    // The warm load waits for the service worker to take over, where the
    // page has one.
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r && navigator.serviceWorker.ready));
    await cdp.send('Emulation.setCPUThrottlingRate', {rate: cpuSlowdown});
    await page.goto(p.url, {waitUntil: 'load'});
    await page.waitForFunction(() => window.__ready !== undefined, {timeout: 30000});
    const warm = await page.evaluate(transferred);
    const warmReady = await page.evaluate(() => window.__ready);

    const steps = (await flow.createFlowResult()).steps;
    return {
      inp_startup_ms: startup,
      startup_clicks: clicks,
      ready_ms: startupReady,
      inp_first_step_ms: firstStep,
      inp_step_ms: inp(steps[0]),
      warm_ready_ms: warmReady,
      warm_bytes: warm.bytes,
      warm_wasm_bytes: warm.wasm,
    };
  } finally {
    await context.close();
  }
}

const out = Object.fromEntries(opt.pages.map((p) => [p.key, []]));
const browser = await puppeteer.launch({executablePath: opt.chrome, args: opt.args, headless: true});
try {
  for (let run = 0; run < opt.runs; run++) {
    const order = opt.pages.slice(run % opt.pages.length).concat(opt.pages.slice(0, run % opt.pages.length));
    for (const p of order) {
      const t = Date.now();
      const r = await measure(browser, p);
      out[p.key].push(r);
      console.error(`flow ${p.key} run ${run + 1}/${opt.runs}: INP start-up ${r.inp_startup_ms} ms, first step ${r.inp_first_step_ms} ms, traced step ${r.inp_step_ms} ms, ready ${Math.round(r.ready_ms)} ms, warm ${r.warm_bytes} B [${((Date.now() - t) / 1000).toFixed(0)} s]`);
    }
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
