// Docket's service worker (a go-app template: go-app fills in the version
// and the list of files to keep). It makes the explainer work offline:
// - install keeps the app shell; a file that fails to load is skipped
//   unless it is one the app cannot start without, so a missing optional
//   file never breaks the install;
// - the build's files (the wasm, styles, scripts, icons, go-app's files,
//   the case files' images under /media/) are answered from this version's cache first: they change only with
//   the version;
// - pages and case data are asked of the network first, and kept, so a
//   case published anew (which does not change the version) is seen at
//   once, and a case a reader opened works offline, deep links (?event=,
//   #quiz) included; a case taken down (410) is forgotten;
// - the editor's side (/studio/, /api/editor/) is never kept;
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

// sitePath is a URL's path within the worker's scope (the site's base
// path taken off): "/", "/cases/x/", "/web/app.wasm".
const scopePath = new URL(self.registration.scope).pathname;
const sitePath = (url) => url.pathname.startsWith(scopePath) ? url.pathname.slice(scopePath.length - 1) : url.pathname;

// buildFile reports whether a site path is one of the build's files, which
// change only with the version.
const buildFile = (p) => p.startsWith("/web/") || p.startsWith("/media/") || /^\/(app\.js|app\.css|wasm_exec\.js|manifest\.webmanifest)$/.test(p);

self.addEventListener("fetch", (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== self.location.origin) return;
  const p = sitePath(url);
  if (p === "/healthz" || p === "/app-worker.js") return;
  if (p === "/studio" || p.startsWith("/studio/") || p.startsWith("/api/editor/")) return;
  event.respondWith(buildFile(p) ? cacheFirst(req, url) : networkFirst(req, url));
});

// cacheFirst serves from this version's cache, else the network (keeping
// what it gets).
async function cacheFirst(req, url) {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(req);
  if (hit) return hit;
  try {
    const res = await fetch(req);
    if (res.ok && res.type === "basic") cache.put(req, res.clone());
    return res;
  } catch (err) {
    return offline(cache, req, url, err);
  }
}

// networkFirst asks the network (the browser's HTTP cache revalidates with
// the ETag: a 304 costs a few hundred bytes) and keeps the answer; offline,
// it serves what it kept.
async function networkFirst(req, url) {
  const cache = await caches.open(cacheName);
  try {
    const res = await fetch(req);
    if (res.ok && res.type === "basic") cache.put(req, res.clone());
    else if (res.status === 404 || res.status === 410) cache.delete(req);
    return res;
  } catch (err) {
    const hit = await cache.match(req);
    if (hit) return hit;
    return offline(cache, req, url, err);
  }
}

// offline answers a page the network could not give with the nearest page
// kept: the same path without its query, then the start page.
async function offline(cache, req, url, err) {
  if (req.mode === "navigate" || (req.headers.get("accept") || "").includes("text/html")) {
    const page = (await cache.match(url.origin + url.pathname)) ||
      (await cache.match(new URL(self.registration.scope).href));
    if (page) return page;
  }
  throw err;
}
