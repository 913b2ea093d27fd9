// Command app is the browser program of the benchmark's go-app hello world,
// built like Docket's (GOOS=js GOARCH=wasm, -trimpath -ldflags="-s -w").
package main

import (
	"docket/internal/tools/bench/helloworld"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func main() {
	helloworld.Register()
	app.RunWhenOnBrowser()
}
