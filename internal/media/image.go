package media

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"

	"golang.org/x/image/webp"

	xdraw "golang.org/x/image/draw"
)

// MaxPixels is the most pixels an image may have to be decoded (for its
// thumbnails): 50 megapixels, 200 MB as RGBA. The header says how many
// before anything is allocated, so a decompression bomb (a small file
// that claims 50,000 × 50,000) is refused unread.
const MaxPixels = 50_000_000

// Ladder is the thumbnail widths served: no other width is ever rendered,
// so no one can make the server draw arbitrary sizes.
var Ladder = []int{120, 250, 400, 800, 1200, 2000}

// InLadder reports whether w is one of Ladder's widths.
func InLadder(w int) bool {
	for _, l := range Ladder {
		if l == w {
			return true
		}
	}
	return false
}

// ErrTooManyPixels is the error of an image larger than MaxPixels.
var ErrTooManyPixels = errors.New("image too large")

// decodeConfig reads the size of a raster image from its header.
func decodeConfig(ext string, r io.Reader) (image.Config, error) {
	switch ext {
	case "png":
		return png.DecodeConfig(r)
	case "jpeg":
		return jpeg.DecodeConfig(r)
	case "gif":
		return gif.DecodeConfig(r)
	case "webp":
		return webp.DecodeConfig(r)
	}
	return image.Config{}, fmt.Errorf("no decoder for .%s", ext)
}

// Dimensions returns the pixel size of a raster image from its header
// only, refusing what has more than MaxPixels or a broken header; of an
// SVG the size its root element declares (see svgDimensions). For other
// types it returns 0, 0.
func Dimensions(t Type, r io.Reader) (width, height int, err error) {
	if t.Ext == "svg" {
		return svgDimensions(r)
	}
	if !t.Raster {
		return 0, 0, nil
	}
	cfg, err := decodeConfig(t.Ext, r)
	if err != nil {
		return 0, 0, fmt.Errorf("read the .%s image's header: %w", t.Ext, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return 0, 0, fmt.Errorf("the .%s image is %d × %d pixels", t.Ext, cfg.Width, cfg.Height)
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return 0, 0, fmt.Errorf("%w: %d × %d pixels, at most %d in all", ErrTooManyPixels, cfg.Width, cfg.Height, MaxPixels)
	}
	return cfg.Width, cfg.Height, nil
}

// Thumbnail scales the raster image in data to width pixels wide (never
// wider than it is), re-encoded without its metadata: PNG for PNG and
// GIF (its first frame), JPEG otherwise, and WebP as PNG. A JPEG's EXIF
// orientation is applied first. It returns the bytes and their type.
func Thumbnail(t Type, data []byte, width int) ([]byte, Type, error) {
	if _, _, err := Dimensions(t, bytes.NewReader(data)); err != nil {
		return nil, Type{}, err
	}
	src, err := decode(t.Ext, bytes.NewReader(data))
	if err != nil {
		return nil, Type{}, fmt.Errorf("decode the .%s image: %w", t.Ext, err)
	}
	if t.Ext == "jpeg" {
		src = orient(src, exifOrientation(data))
	}
	b := src.Bounds()
	w := min(width, b.Dx())
	h := max(1, int(int64(b.Dy())*int64(w)/int64(b.Dx())))
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	xdraw.CatmullRom.Scale(dst, dst.Bounds(), src, b, draw.Src, nil)
	var out bytes.Buffer
	if t.Ext == "jpeg" {
		err = jpeg.Encode(&out, dst, &jpeg.Options{Quality: 85})
		return out.Bytes(), known["jpeg"], err
	}
	err = png.Encode(&out, dst)
	return out.Bytes(), known["png"], err
}

func decode(ext string, r io.Reader) (image.Image, error) {
	switch ext {
	case "png":
		return png.Decode(r)
	case "jpeg":
		return jpeg.Decode(r)
	case "gif":
		return gif.Decode(r)
	case "webp":
		return webp.Decode(r)
	}
	return nil, fmt.Errorf("no decoder for .%s", ext)
}
