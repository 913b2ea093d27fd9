// Docket's page script, loaded (deferred) before the wasm starts.
// 1. Storage: in a sandboxed iframe (WordPress embeds use
//    sandbox="allow-scripts") the page's origin is opaque and reading
//    localStorage throws, which would stop go-app's start. There, a
//    memory-only stand-in takes its place: the quiz works, it only forgets.
// 2. Height: inside an iframe, the page tells its host how tall it is, in
//    the protocols newsroom pages already speak: Pym.js (childId from the
//    query string), WordPress (#?secret=) and AMP (embed-size), on load,
//    on every change of its height and after each Pym width message.
// 3. Ready: inside an iframe, once the interactive version has started,
//    the page posts {docket: "ready", height} to its host, once.
// 4. Full-page links: a link to a page that is not the app's (the list of
//    cases) loads as a page instead of inside the app.
(function () {
  "use strict";

  // Whether a service worker already controlled this page when it loaded:
  // only then is a newly activated worker an update (the app reads this).
  // (In an opaque origin even reading navigator.serviceWorker throws.)
  try {
    window.docketHadWorker = !!(navigator.serviceWorker && navigator.serviceWorker.controller);
  } catch (e) {
    window.docketHadWorker = false;
  }

  // A new version's worker takes control of the page (it claims its
  // clients when it activates): tell go-app, which offers a reload. go-app
  // listens for this on its own, but only from the moment its worker
  // registration resolves, and the check the browser makes on navigation
  // can finish before that; then the offer was lost.
  try {
    if (window.docketHadWorker) {
      navigator.serviceWorker.addEventListener("controllerchange", function () {
        if (typeof window.goappOnUpdate === "function") window.goappOnUpdate();
      });
    }
  } catch (e) {}

  // Inside an iframe, history entries belong to the host page: a link
  // within the explainer (a question, #q-ID, from the timeline's card) that
  // go-app follows with pushState would make the reader's Back button step
  // back inside the embed instead of leaving the article. There, every
  // pushState replaces the entry instead.
  if (window.top !== window) {
    try {
      history.pushState = function (state, title, url) {
        history.replaceState(state, title, url);
      };
    } catch (e) {}
  }

  // Every three minutes, ask for a new version (go-app's update check, the
  // one app.TryUpdate calls); the app offers a reload when one is installed.
  setInterval(function () {
    if (typeof window.goappTryUpdate === "function") window.goappTryUpdate();
  }, 3 * 60 * 1000);

  function memoryStorage() {
    var items = new Map();
    return {
      get length() { return items.size; },
      key: function (i) { return Array.from(items.keys())[i] || null; },
      getItem: function (k) { return items.has(String(k)) ? items.get(String(k)) : null; },
      setItem: function (k, v) { items.set(String(k), String(v)); },
      removeItem: function (k) { items.delete(String(k)); },
      clear: function () { items.clear(); }
    };
  }
  ["localStorage", "sessionStorage"].forEach(function (name) {
    try {
      window[name].getItem("docket");
    } catch (e) {
      try {
        Object.defineProperty(window, name, { value: memoryStorage(), configurable: true });
      } catch (e2) { /* nothing more to do: the app copes without storage */ }
    }
  });

  // Links to the site's pages that are not the app's (the list of cases,
  // marked data-full-page) load as pages: go-app follows every link of the
  // site inside the app, which shows only cases. The click stops at the
  // document, before go-app's handler on the window; the browser follows it.
  document.addEventListener("click", function (e) {
    if (e.target instanceof Element && e.target.closest("a[data-full-page]")) e.stopPropagation();
  });

  // When go-app's service worker and wasm start (server.docketStart asks):
  // on a full page, once its first contentful paint is on the screen, so
  // that the first paint never shares the machine with the wasm's compile
  // and start (which came before it and made the case page's first paint
  // 1.7x the static page's, #17); in an embed, when it nears the viewport.
  window.docketWhenNear = function (start) {
    var embed = document.querySelector(".docket-embed");
    if (!embed || typeof IntersectionObserver !== "function") {
      afterFirstPaint(start);
      return;
    }
    var seen = new IntersectionObserver(function (entries) {
      if (!entries.some(function (e) { return e.isIntersecting; })) return;
      seen.disconnect();
      start();
    }, { rootMargin: "50% 0px" });
    seen.observe(embed);
  };

  // afterFirstPaint calls f once the browser reports the page's first
  // contentful paint: at once where paints are not reported, and after 5 s
  // without one (a hidden tab paints nothing until it is shown).
  function afterFirstPaint(f) {
    var types = window.PerformanceObserver && PerformanceObserver.supportedEntryTypes;
    if (!types || types.indexOf("paint") < 0) {
      f();
      return;
    }
    var called = false;
    var call = function () {
      if (called) return;
      called = true;
      setTimeout(f, 0);
    };
    setTimeout(call, 5000);
    new PerformanceObserver(function (list, observer) {
      if (!list.getEntriesByName("first-contentful-paint").length) return;
      observer.disconnect();
      call();
    }).observe({ type: "paint", buffered: true });
  }

  if (window.parent === window) return;

  var params = new URLSearchParams(location.search);
  var pymID = params.get("childId");
  var secret = (location.hash.match(/[#&?]secret=([A-Za-z0-9]+)/) || [])[1];
  var last = 0;

  // height is the content's height: the root element's box, which,
  // unlike scrollHeight, never counts the frame's own height, so the
  // embed can shrink as well as grow.
  function height() {
    return Math.ceil(document.documentElement.getBoundingClientRect().height);
  }

  function post(force) {
    var h = height();
    if (!force && h === last) return;
    last = h;
    if (pymID) {
      window.parent.postMessage("pymxPYMx" + pymID + "xPYMxheightxPYMx" + h, "*");
    }
    if (secret) {
      window.parent.postMessage({ message: "height", value: h, secret: secret }, "*");
    }
    window.parent.postMessage({ sentinel: "amp", type: "embed-size", height: h }, "*");
  }

  var queued = false, ready = false;
  function schedule() {
    if (queued) return;
    queued = true;
    requestAnimationFrame(function () {
      queued = false;
      post(false);
      if (!ready && document.documentElement.dataset.docket === "ready") {
        ready = true;
        window.parent.postMessage({ docket: "ready", height: height() }, "*");
      }
    });
  }

  window.addEventListener("message", function (e) {
    if (typeof e.data !== "string" || !pymID) return;
    var prefix = "pymxPYMx" + pymID + "xPYMxwidthxPYMx";
    if (e.data.indexOf(prefix) === 0) post(true);
  });
  window.addEventListener("load", function () { post(true); });
  window.addEventListener("resize", schedule);
  document.addEventListener("DOMContentLoaded", function () {
    post(true);
    if ("ResizeObserver" in window) {
      new ResizeObserver(schedule).observe(document.documentElement);
    }
    new MutationObserver(schedule).observe(document.documentElement, { childList: true, subtree: true, attributes: true, characterData: true });
  });
})();
