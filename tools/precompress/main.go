// Command precompress writes the precompressed files of the skins' static
// assets: beside each compressible file, <file>.br, <file>.zst and
// <file>.gz at compression.Best, each only where it is smaller than the
// file (skin.Precompressed), and removes the ones no longer wanted. The
// skins embed them and the server serves them as they are (`make assets`;
// a test fails when one is stale).
//
//	go run ./tools/precompress [file or directory …]
//
// Without arguments: every skin's static/ under skins/, and skin/editor.js.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/foliowiki/folio/skin"
)

func main() {
	roots := os.Args[1:]
	if len(roots) == 0 {
		dirs, _ := filepath.Glob("skins/*/static")
		roots = append(dirs, "skin/editor.js")
	}
	written := 0
	for _, root := range roots {
		n, err := precompressRoot(root)
		if err != nil {
			fmt.Fprintln(os.Stderr, "precompress:", err)
			os.Exit(1)
		}
		written += n
	}
	fmt.Printf("precompress: %d files written or removed\n", written)
}

// precompressRoot precompresses the file root, or every file under the
// directory root, and returns how many files it wrote or removed.
func precompressRoot(root string) (int, error) {
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case p != root && strings.HasPrefix(d.Name(), "."):
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		case !d.IsDir():
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	isSource := func(p string) bool { return slices.Contains(files, p) }
	n := 0
	for _, p := range files {
		if _, _, variant := skin.VariantOf(p, isSource); variant {
			continue
		}
		m, err := precompressFile(p, func(v string) bool { return slices.Contains(files, v) })
		if err != nil {
			return n, err
		}
		n += m
	}
	return n, nil
}

// precompressFile writes the precompressed files of p that changed and
// removes those not wanted any more.
func precompressFile(p string, exists func(string) bool) (int, error) {
	body, err := os.ReadFile(p)
	if err != nil {
		return 0, err
	}
	want := skin.Precompressed(p, body)
	n := 0
	for _, ext := range []string{".br", ".zst", ".gz"} {
		v := p + ext
		z, ok := want[v]
		if !ok {
			if exists(v) {
				if err := os.Remove(v); err != nil {
					return n, err
				}
				n++
			}
			continue
		}
		if old, err := os.ReadFile(v); err == nil && bytes.Equal(old, z) {
			continue
		} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return n, err
		}
		if err := os.WriteFile(v, z, 0o644); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
