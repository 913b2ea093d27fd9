// Command mkshare draws Docket's share image (web/share.png, 1200×630, for
// Open Graph and Twitter cards) by rendering a small HTML card in headless
// Chromium. Run it with `make share-image`; the PNG is committed.
package main

import (
	"context"
	"log"
	"net/url"
	"os"

	"docket/internal/browsertest/chromium"

	"github.com/chromedp/chromedp"
)

const card = `<!doctype html><html><head><meta charset="utf-8"><style>
html,body{margin:0;width:1200px;height:630px;overflow:hidden}
body{background:#1d3557;color:#fff;font-family:"DejaVu Sans",system-ui,sans-serif;display:flex;flex-direction:column;justify-content:center;padding:0 96px;box-sizing:border-box}
.brand{font-weight:700;letter-spacing:.12em;text-transform:uppercase;font-size:34px;color:#f4b942;margin:0 0 28px}
h1{font-family:"DejaVu Serif",Georgia,serif;font-size:68px;line-height:1.1;margin:0 0 28px;max-width:960px}
p{font-size:32px;line-height:1.35;margin:0;max-width:940px;color:#dbe4f0}
.line{position:absolute;left:96px;right:96px;bottom:84px;height:8px;background:#fff;border-radius:4px}
.dot{position:absolute;bottom:72px;width:32px;height:32px;border-radius:50%;background:#fff}
</style></head><body>
<p class="brand">Docket</p>
<h1>Court cases, explained</h1>
<p>What happened, and the legal idea at the heart of it, with every fact linked to its source.</p>
<div class="line"></div><div class="dot" style="left:180px"></div><div class="dot" style="left:560px;background:#f4b942;width:44px;height:44px;bottom:66px"></div><div class="dot" style="left:980px"></div>
</body></html>`

func main() {
	out := "web/share.png"
	if len(os.Args) > 1 {
		out = os.Args[1]
	}
	path := chromium.Path()
	if path == "" {
		log.Fatal("mkshare: " + chromium.Missing)
	}
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), chromium.Options(path, chromedp.WindowSize(1200, 630))...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	var png []byte
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(1200, 630),
		chromedp.Navigate("data:text/html,"+url.PathEscape(card)),
		chromedp.FullScreenshot(&png, 100),
	)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(out, png, 0o644); err != nil {
		log.Fatal(err)
	}
}
