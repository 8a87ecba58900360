// Package importer loads a tree of Markdown files into the wiki through the
// one save path (pageinfo.Saver): Foo/Bar Baz.md becomes the page
// Foo/Bar_Baz. Importing the same tree twice writes nothing the second time.
//
//	rep, err := importer.Import(ctx, saver, st, importer.Options{Source: "docs/"})
package importer

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// Options configure one import.
type Options struct {
	Source       string // directory to import
	UserName     string // author recorded on the revisions
	MaxPageBytes int    // files larger than this are skipped
	// Prefix is put before every title: "Guide" imports a/b.md as the page
	// Guide/a/b. A prefix ending in ":" or "/" is used as it is ("Help:"
	// gives Help:a/b).
	Prefix string
	// Progress, when set, is called after each file with the number of
	// files done and the total.
	Progress func(done, total int)
}

// Skip is one file the import did not save, and why.
type Skip struct {
	Path   string // relative to Options.Source
	Reason string
}

// Report tells what an import did.
type Report struct {
	Created   int
	Updated   int
	Unchanged int
	Skipped   []Skip
	Elapsed   time.Duration
}

// Changed is the number of pages the import wrote.
func (r Report) Changed() int { return r.Created + r.Updated }

// file is one Markdown file to import.
type file struct {
	rel   string // slash-separated, relative to the source
	title string
}

// Import saves every Markdown file under opts.Source. It returns an error
// only when it cannot go on (the source is unreadable, the store fails);
// files it cannot import are listed in Report.Skipped.
func Import(ctx context.Context, saver *pageinfo.Saver, pages store.Pages, opts Options) (Report, error) {
	start := time.Now()
	var rep Report
	files, err := collect(opts.Source, opts.Prefix, &rep)
	if err != nil {
		return rep, err
	}
	for i, f := range files {
		if err := ctx.Err(); err != nil {
			return rep, fmt.Errorf("import: %w", err)
		}
		if err := importFile(ctx, saver, pages, opts, f, &rep); err != nil {
			return rep, err
		}
		if opts.Progress != nil {
			opts.Progress(i+1, len(files))
		}
	}
	rep.Elapsed = time.Since(start)
	return rep, nil
}

// collect walks src and returns its Markdown files in path order, one per
// title, recording what it skips.
func collect(src, prefix string, rep *Report) ([]file, error) {
	info, err := os.Stat(src)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("import: %s is not a directory", src)
	}
	if _, err := os.ReadDir(src); err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	var files []file
	byTitle := map[string]string{}
	err = filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(src, p)
		rel = filepath.ToSlash(rel)
		if err != nil {
			rep.Skipped = append(rep.Skipped, Skip{rel, "unreadable: " + unwrapPathErr(err)})
			return skipDir(d)
		}
		if rel == "." {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			rep.Skipped = append(rep.Skipped, Skip{rel, "hidden"})
			return skipDir(d)
		}
		if d.IsDir() {
			return nil
		}
		f, reason := toFile(rel, prefix, d, byTitle)
		if reason != "" {
			rep.Skipped = append(rep.Skipped, Skip{rel, reason})
			return nil
		}
		byTitle[f.title] = rel
		files = append(files, f)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("import: walk %s: %w", src, err)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].rel < files[j].rel })
	return files, nil
}

func skipDir(d fs.DirEntry) error {
	if d != nil && d.IsDir() {
		return filepath.SkipDir
	}
	return nil
}

// toFile maps a path to its page title, or says why it cannot be imported.
func toFile(rel, prefix string, d fs.DirEntry, byTitle map[string]string) (file, string) {
	if !d.Type().IsRegular() {
		return file{}, "not a regular file"
	}
	ext := path.Ext(rel)
	if !strings.EqualFold(ext, ".md") {
		return file{}, "not a Markdown file (want .md)"
	}
	if !utf8.ValidString(rel) {
		return file{}, "file name is not valid UTF-8"
	}
	title, err := router.NormalizeTitle(withPrefix(prefix, strings.TrimSuffix(rel, ext)))
	if err != nil {
		return file{}, "no valid title: " + err.Error()
	}
	if other, dup := byTitle[title]; dup {
		return file{}, fmt.Sprintf("same title %s as %s", title, other)
	}
	return file{rel: rel, title: title}, ""
}

// withPrefix puts prefix before name, with a "/" between them unless prefix
// ends in one or in a namespace's ":".
func withPrefix(prefix, name string) string {
	switch {
	case prefix == "":
		return name
	case strings.HasSuffix(prefix, "/"), strings.HasSuffix(prefix, ":"):
		return prefix + name
	}
	return prefix + "/" + name
}

// contentDirs are the folders a repository keeps its Markdown pages in.
var contentDirs = []string{"pages", "docs", "doc", "src", "wiki", "content"}

// LikelySource reports whether src looks like a repository's root rather
// than the folder of its pages — a README.md beside a pages/, docs/, src/,
// wiki/ or content/ folder holding Markdown — and if so which folder the
// person probably meant. Importing a root prefixes every title with that
// folder's name and turns README.md into a page.
func LikelySource(src string) (string, bool) {
	if _, err := os.Stat(filepath.Join(src, "README.md")); err != nil {
		return "", false
	}
	for _, d := range contentDirs {
		dir := filepath.Join(src, d)
		if hasMarkdown(dir) {
			return dir, true
		}
	}
	return "", false
}

// hasMarkdown reports whether dir is a directory with a .md file somewhere
// below it.
func hasMarkdown(dir string) bool {
	found := false
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.EqualFold(path.Ext(p), ".md") {
			found = true
			return filepath.SkipAll
		}
		return nil
	})
	return found
}

func importFile(ctx context.Context, saver *pageinfo.Saver, pages store.Pages, opts Options, f file, rep *Report) error {
	skip := func(reason string) { rep.Skipped = append(rep.Skipped, Skip{f.rel, reason}) }
	full := filepath.Join(opts.Source, filepath.FromSlash(f.rel))
	if st, err := os.Stat(full); err == nil && opts.MaxPageBytes > 0 && st.Size() > int64(opts.MaxPageBytes) {
		skip(fmt.Sprintf("over the size limit: %d bytes, the limit is %d", st.Size(), opts.MaxPageBytes))
		return nil
	}
	b, err := os.ReadFile(full)
	if err != nil {
		skip("unreadable: " + unwrapPathErr(err))
		return nil
	}
	base, err := store.LatestRevID(ctx, pages, f.title)
	if err != nil {
		return fmt.Errorf("import %s: %w", f.rel, err)
	}
	res, err := saver.Save(ctx, pageinfo.Edit{
		Title: f.title, Text: string(b), BaseRevID: base, UserName: opts.UserName, Summary: "Imported from " + f.rel,
	})
	switch {
	case isInputError(err):
		skip(err.Error())
	case err != nil:
		return fmt.Errorf("import %s: %w", f.rel, err)
	case res.Unchanged:
		rep.Unchanged++
	case res.Created:
		rep.Created++
	default:
		rep.Updated++
	}
	return nil
}

// isInputError reports errors caused by the file, not by the store: the
// import skips those files and goes on.
func isInputError(err error) bool {
	return errors.Is(err, pageinfo.ErrInvalidText) || errors.Is(err, pageinfo.ErrTooLarge) ||
		errors.Is(err, router.ErrBadTitle) || errors.Is(err, store.ErrConflict)
}

func unwrapPathErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
