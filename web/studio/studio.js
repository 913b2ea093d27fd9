// Starts Docket Studio's browser program, studio.wasm. go-app's own loader
// (/app.js) is made for the reader's app.wasm and registers the reader's
// service worker, so the Studio's page loads this file instead: it defines
// the few globals go-app's runtime calls, then runs the program, which
// mounts its components in the page's first <div>. The page's <html>
// carries the addresses (data-base, data-wasm).
"use strict";

var goappNav = function () {};
var goappOnUpdate = function () {};
var goappOnAppInstallChange = function () {};
// A preview shows the reader's page of a case under the preview's prefix
// (data-preview), which go-app takes off the path to find the reader's route.
var goappEnv = {
  GOAPP_ROOT_PREFIX: document.documentElement.dataset.preview || document.documentElement.dataset.base || "/",
  GOAPP_STATIC_RESOURCES_URL: (document.documentElement.dataset.base || "/") + "web",
  GOAPP_INTERNAL_URLS: "[]",
};

function goappGetenv(k) {
  return goappEnv[k];
}

// The Studio adds nothing to the body behind go-app's back: nothing to clean.
function goappKeepBodyClean() {
  return function () {};
}

(async function studioStart() {
  const status = document.getElementById("studio-loading");
  try {
    const go = new Go();
    const response = fetch(document.documentElement.dataset.wasm, { credentials: "include" });
    const wasm = await WebAssembly.instantiateStreaming(response, go.importObject);
    go.run(wasm.instance);
  } catch (err) {
    if (status) {
      status.textContent = "The Studio could not start: " + err + ". Reload the page to try again.";
    }
    console.error("loading studio.wasm failed:", err);
  }
})();
