// Command mkicons draws Docket's app icons (a timeline of three events on
// navy) as PNGs into web/icons. Run it with `make icons`; the PNGs are
// committed, so a build never needs it.
package main

import (
	"image"
	"image/color"
	"image/png"
	"log"
	"os"
	"path/filepath"
)

var (
	navy  = color.RGBA{0x1d, 0x35, 0x57, 0xff}
	white = color.RGBA{0xff, 0xff, 0xff, 0xff}
	gold  = color.RGBA{0xf4, 0xb9, 0x42, 0xff}
)

func main() {
	dir := "web/icons"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	icons := []struct {
		name     string
		size     int
		maskable bool
	}{
		{"icon-192.png", 192, false},
		{"icon-512.png", 512, false},
		{"maskable-512.png", 512, true},
		{"favicon-32.png", 32, false},
	}
	for _, ic := range icons {
		if err := write(filepath.Join(dir, ic.name), draw(ic.size, ic.maskable)); err != nil {
			log.Fatal(err)
		}
	}
}

// draw paints the icon at size px. A maskable icon fills the square and
// keeps the mark inside the central safe zone (80% circle).
func draw(size int, maskable bool) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	s := float64(size)
	radius := s * 0.18
	scale := 1.0
	if maskable {
		radius = 0
		scale = 0.7
	}
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			if inRoundedSquare(float64(x)+0.5, float64(y)+0.5, s, radius) {
				img.Set(x, y, navy)
			}
		}
	}
	c := s / 2
	line := s * 0.035 * scale
	half := s * 0.34 * scale
	fill(img, func(x, y float64) bool { return x > c-half && x < c+half && y > c-line && y < c+line }, white)
	dots := []struct {
		dx, r float64
		col   color.RGBA
	}{{-0.26, 0.075, white}, {0, 0.11, gold}, {0.26, 0.075, white}}
	for _, d := range dots {
		cx, r := c+d.dx*s*scale, d.r*s*scale
		fill(img, func(x, y float64) bool { return (x-cx)*(x-cx)+(y-c)*(y-c) < r*r }, d.col)
	}
	return img
}

func inRoundedSquare(x, y, s, r float64) bool {
	cx := min(max(x, r), s-r)
	cy := min(max(y, r), s-r)
	return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r
}

func fill(img *image.RGBA, in func(x, y float64) bool, col color.RGBA) {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if in(float64(x)+0.5, float64(y)+0.5) {
				img.Set(x, y, col)
			}
		}
	}
}

func write(name string, img image.Image) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
