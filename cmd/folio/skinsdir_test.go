package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/foliowiki/folio/internal/config"
	"github.com/foliowiki/folio/skins"
)

// TestSkinsDirSymlinkOut: a skin on disk whose static file is a symlink
// out of --skins-dir (static/passwd.css -> a secret) is refused; one that
// stays inside loads.
func TestSkinsDirSymlinkOut(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "passwd")
	writeFile(t, secret, "root:SECRET:0:0")
	dir := t.TempDir()
	err := fs.WalkDir(skins.FS, "desktop", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(skins.FS, p)
		if err != nil {
			return err
		}
		writeFile(t, filepath.Join(dir, p), string(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	cfg.SkinsDir = dir
	if _, err := loadSkins(cfg); err != nil {
		t.Fatalf("a copy of the desktop skin does not load: %v", err)
	}
	inside := filepath.Join(dir, "desktop", "static", "inside.css")
	if err := os.Symlink("desktop.css", inside); err != nil {
		t.Fatal(err)
	}
	if _, err := loadSkins(cfg); err != nil {
		t.Fatalf("a symlink inside the skin is refused: %v", err)
	}
	if err := os.Symlink(secret, filepath.Join(dir, "desktop", "static", "passwd.css")); err != nil {
		t.Fatal(err)
	}
	_, err = loadSkins(cfg)
	if err == nil {
		t.Fatal("a symlink out of --skins-dir loaded without an error")
	}
	if !strings.Contains(err.Error(), "passwd.css") {
		t.Errorf("the error does not name the file: %v", err)
	}
}

// TestSkinsDirChecksAtStart: the bundled skins compile on first use, but a
// skin from --skins-dir is checked whole when serve starts: a template
// fault stops the start, naming the file and line.
func TestSkinsDirChecksAtStart(t *testing.T) {
	if _, err := loadSkins(config.Default()); err != nil {
		t.Fatalf("the bundled skins: %v", err)
	}
	dir := t.TempDir()
	err := fs.WalkDir(skins.FS, "minimal", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(skins.FS, p)
		if err != nil {
			return err
		}
		writeFile(t, filepath.Join(dir, p), string(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	footer := filepath.Join(dir, "minimal", "templates", "footer.mustache")
	b, err := os.ReadFile(footer)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, footer, string(b)+"\n{{page-tilte}}\n")
	cfg := config.Default()
	cfg.SkinsDir = dir
	_, err = loadSkins(cfg)
	if err == nil || !strings.Contains(err.Error(), "minimal/templates/footer.mustache:") || !strings.Contains(err.Error(), "{{page-tilte}}") {
		t.Fatalf("a --skins-dir skin with an unknown variable: %v", err)
	}
}
