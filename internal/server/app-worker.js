// Docket's service worker (a go-app template: go-app fills in the version
// and the list of files to keep). It makes the explainer work offline:
// - install keeps the app shell; a file that fails to load is skipped
//   unless it is one the app cannot start without, so a missing optional
//   file never breaks the install;
// - pages, case data and files are answered from this version's cache
//   first, and kept as they are fetched, so a case a reader opened works
//   offline, deep links (?event=, #quiz) included;
// - each version has its own cache and the old one is deleted when the new
//   worker activates, so an old wasm never meets new data.
const cacheName = "docket-{{.Version}}";
const resourcesToCache = {{.ResourcesToCache}};

// What the app cannot start without: the page, go-app's loader and the wasm.
const required = (url) => /(\/|app\.js|wasm_exec\.js|app\.wasm(\?.*)?)$/.test(new URL(url, self.location).pathname + new URL(url, self.location).search);

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(cacheName);
    // The default cache mode lets the browser's HTTP cache answer: the
    // page is downloading the same versioned wasm right now, and the
    // browser hands it over instead of downloading it twice.
    const results = await Promise.allSettled(resourcesToCache.map(async (url) => {
      const res = await fetch(url);
      if (!res.ok) throw new Error(url + ": " + res.status);
      await cache.put(url, res);
    }));
    results.forEach((r, i) => {
      if (r.status === "rejected") {
        if (required(resourcesToCache[i])) throw r.reason;
        console.warn("docket: not kept offline:", r.reason);
      }
    });
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const keys = await caches.keys();
    await Promise.all(keys.filter((k) => k !== cacheName).map((k) => caches.delete(k)));
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.endsWith("/healthz") || url.pathname.endsWith("/app-worker.js")) return;
  event.respondWith(answer(req, url));
});

// answer serves from this version's cache, else the network (keeping what
// it gets), else, offline, the nearest page: the same path without its
// query, then the start page.
async function answer(req, url) {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(req);
  if (hit) return hit;
  try {
    const res = await fetch(req);
    if (res.ok && res.type === "basic") cache.put(req, res.clone());
    return res;
  } catch (err) {
    if (req.mode === "navigate" || (req.headers.get("accept") || "").includes("text/html")) {
      const page = (await cache.match(url.origin + url.pathname)) ||
        (await cache.match(new URL(self.registration.scope).href));
      if (page) return page;
    }
    throw err;
  }
}
