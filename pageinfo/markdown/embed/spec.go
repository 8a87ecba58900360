package embed

import (
	"strconv"
	"strings"
)

// Ladder is the fixed set of thumbnail widths the server makes; a served
// image is one of them or the original.
var Ladder = []int{120, 250, 400, 800, 1200, 2000}

// DefaultWidth is the width of a thumb or frameless image without a
// width: MediaWiki's default thumbnail size (250 px since 1.42), also a
// rung of the ladder.
const DefaultWidth = 250

// Types of embed, MediaWiki's: plain (""), thumb, frame and frameless.
const (
	Plain     = ""
	Thumb     = "thumb"
	Frame     = "frame"
	Frameless = "frameless"
)

// Spec is what the options of [[File:Name|opt|…]] ask for.
type Spec struct {
	Type          string  // Plain, Thumb, Frame or Frameless
	Width, Height int     // the box of "Npx", "xNpx" or "NxMpx"; 0 for none
	Upright       float64 // "upright" (0.75) or "upright=F": the default width times F; 0 for none
	Align         string  // "left", "right", "center", "none", or "" (thumbs and frames go right)
	Border        bool    // "border"
	Link          string  // "link=Target": a title or an external URL
	HasLink       bool    // a link= option was given ("link=" alone: no link)
	Alt           string  // "alt=text"
	HasAlt        bool
	Caption       string // the last option that is none of the others
}

// ParseSpec reads the options of a file embed, after the name, as
// MediaWiki does: keywords in any order, the last unrecognized one is the
// caption. Vertical alignments and other MediaWiki options Folio ignores
// (page=, lang=, class=, baseline …) are recognized and dropped.
func ParseSpec(opts []string) Spec {
	var s Spec
	for _, o := range opts {
		o = strings.TrimSpace(o)
		key, val, named := strings.Cut(o, "=")
		key = strings.ToLower(strings.TrimSpace(key))
		if named {
			val = strings.TrimSpace(val)
			switch key {
			case "link":
				s.Link, s.HasLink = val, true
				continue
			case "alt":
				s.Alt, s.HasAlt = val, true
				continue
			case "upright":
				if f, err := strconv.ParseFloat(val, 64); err == nil && f > 0 && f <= 10 {
					s.Upright = f
				} else {
					s.Upright = 0.75
				}
				continue
			case "thumb", "thumbnail": // thumb=Other.png: a custom thumbnail, not supported
				s.Type = Thumb
				continue
			case "page", "lang", "class", "loop", "start", "end", "muted":
				continue
			}
		}
		switch key = strings.ToLower(o); key {
		case "thumb", "thumbnail":
			s.Type = Thumb
		case "frame", "framed", "enframed":
			s.Type = Frame
		case "frameless":
			s.Type = Frameless
		case "left", "right", "center", "centre", "none":
			s.Align = strings.Replace(key, "centre", "center", 1)
		case "border":
			s.Border = true
		case "upright":
			s.Upright = 0.75
		case "baseline", "middle", "sub", "super", "text-top", "text-bottom", "top", "bottom":
		default:
			if w, h, ok := parseSize(key); ok {
				s.Width, s.Height = w, h
				continue
			}
			s.Caption = o
		}
	}
	return s
}

// MaxWidth bounds a requested width or height, in pixels.
const MaxWidth = 10000

// parseSize reads "Npx", "xMpx" or "NxMpx" (spaces before "px" allowed).
func parseSize(o string) (w, h int, ok bool) {
	o, ok = strings.CutSuffix(o, "px")
	if !ok {
		return 0, 0, false
	}
	o = strings.TrimSpace(o)
	ws, hs, box := strings.Cut(o, "x")
	if w, ok = dimension(ws, box); !ok {
		return 0, 0, false
	}
	if box {
		if h, ok = dimension(hs, false); !ok || h == 0 {
			return 0, 0, false
		}
	} else if w == 0 {
		return 0, 0, false
	}
	return w, h, true
}

// dimension parses a size in pixels; empty is 0 when optional.
func dimension(s string, optional bool) (int, bool) {
	if s == "" {
		return 0, optional
	}
	if len(s) > 5 {
		return 0, false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	n, _ := strconv.Atoi(s)
	return min(n, MaxWidth), true
}

// Size returns the width and height an image of natural size nw×nh is
// shown at under s: frames at their natural size; a width or a box
// (scaled down to fit); thumbs and frameless images DefaultWidth wide
// (times upright), plain images their natural size. Images are never
// shown larger than they are, as MediaWiki does not upscale bitmaps.
func (s Spec) Size(nw, nh int) (w, h int) {
	if nw <= 0 || nh <= 0 {
		return 0, 0
	}
	w = nw
	switch {
	case s.Type == Frame:
	case s.Width > 0 || s.Height > 0:
		if s.Width > 0 {
			w = s.Width
		}
		if s.Height > 0 && (s.Width == 0 || s.Width*nh > s.Height*nw) {
			w = max(1, (s.Height*nw+nh/2)/nh)
		}
	case s.Type == Thumb || s.Type == Frameless:
		w = DefaultWidth
		if s.Upright > 0 {
			w = max(10, int(float64(DefaultWidth)*s.Upright/10+0.5)*10) // MediaWiki rounds to tens
		}
	}
	w = min(w, nw)
	return w, max(1, (nh*w+nw/2)/nw)
}

// Served returns the width of the image to serve for w pixels on a
// screen of the given density: the smallest rung of the ladder at least
// w*density wide, or 0 (the original) when none is, or that rung is not
// smaller than the original (nw pixels wide).
func Served(w int, density float64, nw int) int {
	need := int(float64(w)*density + 0.5)
	for _, rung := range Ladder {
		if rung >= need {
			if rung >= nw {
				return 0
			}
			return rung
		}
	}
	return 0
}
