package media

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// svgDefault is the size of an SVG that states none, as MediaWiki's
// $wgSVGMaxSize-era default: 512 × 512.
const svgDefault = 512

// svgDimensions reads the size an SVG declares on its root element:
// width and height in pixels (plain numbers or "px"), else its viewBox's,
// else 512 × 512. Only the root element is read.
func svgDimensions(r io.Reader) (width, height int, err error) {
	d := xml.NewDecoder(r)
	d.Strict = false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return 0, 0, errors.New("no <svg> element")
		}
		if err != nil {
			return 0, 0, fmt.Errorf("read the SVG: %w", err)
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if el.Name.Local != "svg" {
			return 0, 0, fmt.Errorf("the root element is <%s>, not <svg>", el.Name.Local)
		}
		var w, h float64
		var box []string
		for _, a := range el.Attr {
			switch a.Name.Local {
			case "width":
				w = svgLength(a.Value)
			case "height":
				h = svgLength(a.Value)
			case "viewBox":
				box = strings.Fields(strings.ReplaceAll(a.Value, ",", " "))
			}
		}
		if (w == 0 || h == 0) && len(box) == 4 {
			bw, _ := strconv.ParseFloat(box[2], 64)
			bh, _ := strconv.ParseFloat(box[3], 64)
			switch {
			case bw <= 0 || bh <= 0:
			case w > 0:
				h = w * bh / bw
			case h > 0:
				w = h * bw / bh
			default:
				w, h = bw, bh
			}
		}
		if w < 1 || h < 1 || w > 100_000 || h > 100_000 {
			return svgDefault, svgDefault, nil
		}
		return int(w + 0.5), int(h + 0.5), nil
	}
}

// svgLength is a length in pixels: a number, alone or in px; 0 for any
// other unit.
func svgLength(v string) float64 {
	v = strings.TrimSuffix(strings.TrimSpace(v), "px")
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f <= 0 {
		return 0
	}
	return f
}
