package media

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
)

func testPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := 0; x < w; x++ {
		img.Set(x, 0, color.RGBA{R: 255, A: 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// BombPNG is a valid PNG header claiming w × h pixels, with no pixel data.
func bombPNG(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8-bit RGBA
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	chunk("IHDR", ihdr)
	chunk("IEND", nil)
	return b.Bytes()
}

func TestCheck(t *testing.T) {
	a, err := ParseAllowed("png, jpg ,svg,txt,csv")
	if err != nil {
		t.Fatal(err)
	}
	if ty, err := a.Check("Cat.PNG", testPNG(t, 2, 2)); err != nil || ty.Mime != "image/png" {
		t.Fatalf("Check(png) = %+v, %v", ty, err)
	}
	if _, err := a.Check("Cat.jpg", testPNG(t, 2, 2)); err == nil || !strings.Contains(err.Error(), ".png") {
		t.Fatalf("a PNG named .jpg: %v, want a mismatch naming png", err)
	}
	if _, err := a.Check("run.exe", []byte("MZ")); err == nil || !strings.Contains(err.Error(), "not allowed") {
		t.Fatalf("an .exe: %v", err)
	}
	if ty, err := a.Check("Logo.svg", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>`)); err != nil || ty.Mime != "image/svg+xml" {
		t.Fatalf("Check(svg) = %+v, %v", ty, err)
	}
	if _, err := a.Check("data.csv", []byte("a,b\n1,2\n")); err != nil {
		t.Fatalf("Check(csv): %v", err)
	}
	if _, err := ParseAllowed("png,exe"); err == nil {
		t.Fatal("ParseAllowed accepted exe")
	}
}

func TestBombRefusedFromHeader(t *testing.T) {
	bomb := bombPNG(50000, 50000)
	if len(bomb) > 100 {
		t.Fatalf("bomb is %d bytes", len(bomb))
	}
	_, _, err := Dimensions(known["png"], bytes.NewReader(bomb))
	if !errors.Is(err, ErrTooManyPixels) {
		t.Fatalf("Dimensions(bomb) = %v, want ErrTooManyPixels", err)
	}
	if _, _, err := Thumbnail(known["png"], bomb, 250); !errors.Is(err, ErrTooManyPixels) {
		t.Fatalf("Thumbnail(bomb) = %v, want ErrTooManyPixels", err)
	}
}

func TestThumbnail(t *testing.T) {
	src := testPNG(t, 1000, 500)
	w, h, err := Dimensions(known["png"], bytes.NewReader(src))
	if err != nil || w != 1000 || h != 500 {
		t.Fatalf("Dimensions = %d × %d, %v", w, h, err)
	}
	out, ty, err := Thumbnail(known["png"], src, 250)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil || ty.Ext != "png" {
		t.Fatalf("thumbnail does not decode as PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 250 || b.Dy() != 125 {
		t.Fatalf("thumbnail is %v, want 250 × 125", b)
	}
	// Never upscaled.
	out, _, _ = Thumbnail(known["png"], testPNG(t, 100, 50), 250)
	if img, _ := png.Decode(bytes.NewReader(out)); img.Bounds().Dx() != 100 {
		t.Fatalf("a 100 px image thumbnailed at 250 is %d wide", img.Bounds().Dx())
	}
	if !InLadder(250) || InLadder(251) {
		t.Fatal("InLadder")
	}
}

func TestOrient(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 4, 2))
	src.Set(0, 0, color.RGBA{R: 255, A: 255}) // top left red
	got := orient(src, 6)                     // 90° clockwise
	if b := got.Bounds(); b.Dx() != 2 || b.Dy() != 4 {
		t.Fatalf("orientation 6 gives %v, want 2 × 4", b)
	}
	if r, _, _, _ := got.At(1, 0).RGBA(); r == 0 {
		t.Fatal("orientation 6: the top-left pixel is not at the top right")
	}
}
