// Package studio is Docket Studio, the editor's browser program: the list
// of cases and the editor of one case, on the editor API. Its logic is
// plain Go on values (the case being edited, its problems, the autosave's
// state), tested without a browser; its go-app components are thin. It is
// compiled only into studio.wasm (app/studio), never into the reader's
// app.wasm, and like every browser package it fetches through the
// browser, not net/http.
package studio
