package skin

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/foliowiki/folio/internal/compression"
	"github.com/foliowiki/folio/skins"
)

// TestPrecompressedFresh: each compressible static file of the bundled
// skins, and editor.js, ships its .br, .zst and .gz (each omitted only
// where not smaller than the file), and each decodes to the file as it is
// now: run `make assets` after changing one. (Recompressing at Best would
// be slow; decoding is cheap.)
func TestPrecompressedFresh(t *testing.T) {
	var skinFiles []string
	err := fs.WalkDir(skins.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.Contains(p, "/static/") {
			skinFiles = append(skinFiles, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	checkPrecompressed(t, skins.FS, skinFiles)
	checkPrecompressed(t, editorFiles, []string{EditorFile, EditorFile + ".br", EditorFile + ".zst", EditorFile + ".gz"})
}

func checkPrecompressed(t *testing.T, fsys fs.FS, files []string) {
	t.Helper()
	has := map[string]bool{}
	for _, f := range files {
		has[f] = true
	}
	exists := func(n string) bool { return has[n] }
	sources := 0
	for _, f := range files {
		if _, _, variant := VariantOf(f, exists); variant {
			continue
		}
		body, err := fs.ReadFile(fsys, f)
		if err != nil {
			t.Fatal(err)
		}
		compressible := compression.Compressible(contentType(f, body))
		sources++
		for _, e := range compression.Preferred {
			v := f + e.Ext()
			if !has[v] {
				if compressible && len(compression.Compress(nil, e, body, compression.Best)) < len(body) {
					t.Errorf("%s: missing: run make assets", v)
				}
				continue
			}
			z, _ := fs.ReadFile(fsys, v)
			got, err := compression.Decompress(e, z, 64<<20)
			switch {
			case !compressible:
				t.Errorf("%s: %s is not compressible: remove it", v, f)
			case err != nil || !bytes.Equal(got, body):
				t.Errorf("%s: stale (does not decode to %s): run make assets (%v)", v, f, err)
			case len(z) >= len(body):
				t.Errorf("%s: %d bytes, not smaller than %s's %d", v, len(z), f, len(body))
			}
		}
	}
	if sources == 0 {
		t.Error("no static files")
	}
}

// TestAssetEncode: a bundled asset is served from its precompressed
// files, the smallest acceptable first; a skin without any (--skins-dir)
// is compressed once per encoding and kept; q=0 refuses; an image and an
// unwanted encoding stay identity; precompressed files are no assets and
// do not change the asset hash.
func TestAssetEncode(t *testing.T) {
	set, err := Load(skins.FS)
	if err != nil {
		t.Fatal(err)
	}
	css := set.Preload("desktop")[0]
	hash, file, _ := strings.Cut(strings.TrimPrefix(css, "/static/"), "/")
	a, ok := set.Asset(hash, file)
	if !ok {
		t.Fatalf("no asset %s", css)
	}
	if _, ok := set.Asset(hash, file+".br"); ok {
		t.Errorf("%s.br is an asset of its own", css)
	}
	shipped, _ := fs.ReadFile(skins.FS, "desktop/static/desktop.css.br")
	if e, b := a.Encode("gzip, deflate, br, zstd"); e != compression.Brotli || !bytes.Equal(b, shipped) {
		t.Errorf("Encode(all) = %s, %d bytes; want br, the shipped %d bytes", e, len(b), len(shipped))
	}
	if e, _ := a.Encode("br;q=0, gzip"); e != compression.Gzip {
		t.Errorf("Encode(br;q=0, gzip) = %s", e)
	}
	if e, b := a.Encode(""); e != compression.Identity || !bytes.Equal(b, a.Body) {
		t.Errorf("Encode(\"\") = %s", e)
	}

	body := strings.Repeat("body { color: red }\n", 100)
	dir := fstest.MapFS{
		"t/skin.json":               {Data: []byte(`{"name": "t", "version": "1", "stylesheets": ["t.css"]}`)},
		"t/templates/skin.mustache": {Data: []byte("<title>{{document-title}}</title>{{{html-body}}}\n")},
		"t/static/t.css":            {Data: []byte(body)},
		"t/static/logo.png":         {Data: []byte("\x89PNG\r\n\x1a\n not really")},
	}
	dset, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	dcss := dset.Preload("t")[0]
	dhash, dfile, _ := strings.Cut(strings.TrimPrefix(dcss, "/static/"), "/")
	da, _ := dset.Asset(dhash, dfile)
	for _, e := range compression.Preferred {
		got, b := da.Encode(e.Token())
		dec, err := compression.Decompress(e, b, 1<<20)
		if got != e || err != nil || string(dec) != body {
			t.Errorf("lazy %s: got %s (%v)", e, got, err)
		}
		if _, b2 := da.Encode(e.Token()); &b2[0] != &b[0] {
			t.Errorf("lazy %s: compressed again", e)
		}
	}
	if png, ok := dset.Asset(dhash, "t/logo.png"); !ok {
		t.Error("no logo.png")
	} else if e, _ := png.Encode("gzip"); e != compression.Identity {
		t.Errorf("a PNG in %s", e)
	}

	// A shipped .gz alone: the others were not worth it.
	dir["t/static/t.css.gz"] = &fstest.MapFile{Data: compression.Compress(nil, compression.Gzip, []byte(body), compression.Best)}
	gset, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if gset.Preload("t")[0] != dcss {
		t.Errorf("a precompressed file changed the asset URL: %s, was %s", gset.Preload("t")[0], dcss)
	}
	ga, _ := gset.Asset(dhash, dfile)
	if e, b := ga.Encode("br, gzip"); e != compression.Gzip || !bytes.Equal(b, dir["t/static/t.css.gz"].Data) {
		t.Errorf("Encode(br, gzip) with a .gz alone = %s", e)
	}
	if e, _ := ga.Encode("br"); e != compression.Identity {
		t.Errorf("Encode(br) with a .gz alone = %s", e)
	}
}

// TestAssetStaleVariant: a precompressed file that does not decode to its
// file (a skin copied and edited without `make assets`) is not served:
// the file is compressed here instead.
func TestAssetStaleVariant(t *testing.T) {
	body := strings.Repeat("body { color: blue }\n", 100)
	dir := fstest.MapFS{
		"t/skin.json":               {Data: []byte(`{"name": "t", "version": "1", "stylesheets": ["t.css"]}`)},
		"t/templates/skin.mustache": {Data: []byte("<title>{{document-title}}</title>{{{html-body}}}\n")},
		"t/static/t.css":            {Data: []byte(body)},
		"t/static/t.css.gz":         {Data: compression.Compress(nil, compression.Gzip, []byte("body { color: red }\n"), compression.Best)},
	}
	set, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	hash, file, _ := strings.Cut(strings.TrimPrefix(set.Preload("t")[0], "/static/"), "/")
	a, _ := set.Asset(hash, file)
	e, b := a.Encode("gzip")
	got, err := compression.Decompress(compression.Gzip, b, 1<<20)
	if e != compression.Gzip || err != nil || string(got) != body {
		t.Errorf("stale .gz: Encode = %s, %q (%v)", e, got, err)
	}
}
