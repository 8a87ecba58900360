package skin

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/cbroglie/mustache"

	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/internal/compression"
	"github.com/foliowiki/folio/skin/engine"
)

// dataType is the root type of every skin's template: the data contract.
var dataType = reflect.TypeFor[Data]()

// DefaultSkin is the skin of readers who choose none, when it is loaded.
const DefaultSkin = "desktop"

// skin is one loaded skin. Its files are read at load; its templates are
// compiled by the first call of templates or program (Load makes both
// calls; LoadLazy leaves them to the skin's first use).
type skin struct {
	man     Manifest
	link    []string // the Link header values of a page view: preload the stylesheets
	version string
	styles  []URL
	scripts []URL
	needs   map[string]needURLs // by Manifest.Needs key
	// messages are the own messages of a skin with a MessagesDir; nil
	// for a skin without.
	messages *ownMessages
	srcs     partials // the templates as written, by name: the skin bundle's (bundle.go)

	// templates checks the templates against the data contract and
	// parses them for cbroglie: whole renders and the live preview.
	templates func() (*templates, error)
	// program is the entry template, partials expanded, compiled for
	// specialized views; nil with the reason if it cannot be (a skin
	// whose program fails renders through cbroglie).
	program func() (*engine.Program, error)
	parsed  atomic.Bool // templates or program was called
}

// templates are a skin's templates as cbroglie renders them.
type templates struct {
	tmpl    *mustache.Template // the entry template, partials expanded
	article *mustache.Template // the "article" partial alone, for the live preview; nil if none
	toc     *mustache.Template // the "toc" partial alone; nil if none
}

type needURLs struct{ styles, scripts []URL }

// Load reads every skin in fsys: each top-level directory is one skin,
// <name>/skin.json, <name>/templates/*.mustache and <name>/static/…. It
// parses and checks every template once (see the package documentation) and
// fingerprints every static file, and fails, naming the file and the tag,
// on anything a render would get wrong. The default skin is DefaultSkin if
// there is one, else the first by name. Load never touches fsys again.
func Load(fsys fs.FS) (*Set, error) { return load(fsys, false) }

// LoadLazy reads the skins of fsys as Load does, failing as it does on a
// manifest or a static file, but leaves compiling each skin's templates
// to its first use (a view, a render, a preview in it), safe under
// concurrent first uses: a process that starts shows its first page
// without compiling the skins nobody asked for. It is for skins whose
// templates are known to be good, the bundled ones (skins.FS), which
// Folio's tests load with Load: a template fault here shows only at first
// use, as an error of Render and Article naming the skin, the file and
// the tag.
func LoadLazy(fsys fs.FS) (*Set, error) { return load(fsys, true) }

func load(fsys fs.FS, lazy bool) (*Set, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("skin: %w", err)
	}
	s := &Set{skins: map[string]*skin{}, assets: map[string]Asset{}, classes: &classReaders{}}
	var errs []error
	for _, e := range entries {
		if !e.IsDir() || hidden(e.Name()) {
			continue
		}
		sk, err := loadSkin(fsys, e.Name(), s.assets, lazy)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		s.skins[sk.man.Name] = sk
		s.names = append(s.names, sk.man.Name)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("skin: %w", err)
	}
	if len(s.names) == 0 {
		return nil, errors.New("skin: no skins: want directories holding skin.json")
	}
	slices.Sort(s.names)
	s.def = s.names[0]
	if s.skins[DefaultSkin] != nil {
		s.def = DefaultSkin
	}
	s.generated = true
	return s, nil
}

func hidden(name string) bool { return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") }

// loadSkin reads the skin in dir, adding its static files to assets, and
// compiles its templates unless lazy.
func loadSkin(fsys fs.FS, dir string, assets map[string]Asset, lazy bool) (*skin, error) {
	b, err := fs.ReadFile(fsys, dir+"/skin.json")
	if err != nil {
		return nil, fmt.Errorf("%s: not a skin: %w", dir, err)
	}
	man, err := parseManifest(dir, b)
	if err != nil {
		return nil, err
	}
	srcs, err := readTemplates(fsys, man)
	if err != nil {
		return nil, err
	}
	msgs, msgSrc, err := skinMessages(fsys, dir)
	if err != nil {
		return nil, err
	}
	files, variants, hash, err := readStatic(fsys, man)
	if err != nil {
		return nil, err
	}
	sk := &skin{man: man, needs: map[string]needURLs{}, messages: msgs, srcs: srcs}
	sk.compileOnUse(dir, srcs)
	if !lazy {
		if _, err := sk.templates(); err != nil {
			return nil, err
		}
		sk.program() // a skin without a program renders through cbroglie
	}
	for name, body := range files {
		assets[assetKey(hash, dir+"/"+name)] = newAsset(name, body).withVariants(variants[name])
	}
	urls := func(names []string) []URL {
		var out []URL
		for _, n := range names {
			out = append(out, URL{URL: staticURL(hash, dir+"/"+n)})
		}
		return out
	}
	sk.styles, sk.scripts = urls(man.Stylesheets), urls(man.Scripts)
	for _, u := range sk.styles {
		sk.link = append(sk.link, "<"+u.URL+">; rel=preload; as=style")
	}
	sk.link = slices.Clip(sk.link)
	for k, l := range man.Needs {
		sk.needs[k] = needURLs{styles: urls(l.Stylesheets), scripts: urls(l.Scripts)}
	}
	sk.version = man.Version + "-" + fingerprint([]byte(sk.tmplSource(srcs)), []byte(hash), b, msgSrc)
	return sk, nil
}

// compileOnUse sets the skin's templates and program to compile the
// templates srcs of dir once, on their first call. The program needs
// only the engine's parse; the templates check the whole contract first.
func (sk *skin) compileOnUse(dir string, srcs partials) {
	tree := sync.OnceValues(func() (*engine.Template, error) {
		sk.parsed.Store(true)
		t, err := engine.Parse(sk.man.Entry, srcs)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", dir, err)
		}
		return t, nil
	})
	sk.templates = sync.OnceValues(func() (*templates, error) {
		if err := check(dir, sk.man.Entry, srcs, messagesIn(sk.messages, i18n.Source)); err != nil {
			return nil, err
		}
		t, err := tree()
		if err != nil {
			return nil, err
		}
		ts := &templates{}
		if ts.tmpl, err = mustache.ParseStringPartials(t.Source(), srcs); err != nil {
			return nil, fmt.Errorf("%s: %w", dir, err)
		}
		if ts.article, err = parsePartial(dir, articlePartial, srcs); err != nil {
			return nil, err
		}
		if ts.toc, err = parsePartial(dir, tocPartial, srcs); err != nil {
			return nil, err
		}
		return ts, nil
	})
	sk.program = sync.OnceValues(func() (*engine.Program, error) {
		t, err := tree()
		if err != nil {
			return nil, err
		}
		return t.Compile(dataType, "UserKeys")
	})
}

// tmplSource joins the templates in a fixed order, for the version.
func (sk *skin) tmplSource(srcs partials) string {
	var b strings.Builder
	for _, name := range slices.Sorted(maps.Keys(srcs)) {
		b.WriteString(name + "\x00" + srcs[name] + "\x00")
	}
	return b.String()
}

// readTemplates reads templates/*.mustache: exactly the entry and the
// partials the manifest declares.
func readTemplates(fsys fs.FS, man Manifest) (partials, error) {
	dir := man.Name + "/templates"
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	declared := append([]string{man.Entry}, man.Partials...)
	srcs := partials{}
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".mustache")
		switch {
		case hidden(e.Name()):
			continue
		case e.IsDir() || !ok:
			return nil, fmt.Errorf("%s/%s: not a template (want name.mustache)", dir, e.Name())
		case !slices.Contains(declared, name):
			return nil, fmt.Errorf("%s/%s: template %q is not declared in skin.json (entry or partials)", dir, e.Name(), name)
		}
		b, err := fs.ReadFile(fsys, dir+"/"+e.Name())
		if err != nil {
			return nil, err
		}
		srcs[name] = string(b)
	}
	for _, name := range declared {
		if _, ok := srcs[name]; !ok {
			return nil, fmt.Errorf("%s/skin.json: template %q: no file %s/%s.mustache", man.Name, name, dir, name)
		}
	}
	return srcs, nil
}

// readStatic reads every file under static/ and returns them by path
// (relative to static/), their precompressed files apart (splitVariants),
// and the skin's asset hash, over all of them but the precompressed
// ones, so that files can refer to each other by relative URLs.
func readStatic(fsys fs.FS, man Manifest) (map[string][]byte, map[string]map[compression.Encoding][]byte, string, error) {
	root := man.Name + "/static"
	files := map[string][]byte{}
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		switch {
		case errors.Is(err, fs.ErrNotExist) && p == root:
			return fs.SkipAll
		case err != nil:
			return err
		case hidden(d.Name()) && p != root:
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		case d.IsDir():
			return nil
		}
		rel := strings.TrimPrefix(p, root+"/")
		if !staticNameRE.MatchString(rel) {
			return fmt.Errorf("%s: file name must use letters, digits, ., - and _", p)
		}
		b, err := fs.ReadFile(fsys, p)
		files[rel] = b
		return err
	})
	if err != nil {
		return nil, nil, "", err
	}
	variants := splitVariants(files)
	for _, f := range man.files() {
		if _, ok := files[f]; !ok {
			return nil, nil, "", fmt.Errorf("%s/skin.json: no file %s/%s", man.Name, root, f)
		}
	}
	var parts [][]byte
	for _, name := range slices.Sorted(maps.Keys(files)) {
		parts = append(parts, []byte(name), files[name])
	}
	return files, variants, fingerprint(parts...), nil
}

// highlightHash is the asset hash of the generated HighlightFile, "" for a
// Set that Load did not make.
func (s *Set) highlightHash() string {
	if !s.generated {
		return ""
	}
	return generatedAssets().highlightHash
}

// editorHash is the asset hash of EditorFile, "" for a Set that Load did
// not make.
func (s *Set) editorHash() string {
	if !s.generated {
		return ""
	}
	return generatedAssets().editorHash
}

// generatedAsset returns the generated asset hash and file name, if
// they name one of the Set.
func (s *Set) generatedAsset(hash, file string) (Asset, bool) {
	if a, ok := s.sharedAsset(hash, file); ok {
		return a, true
	}
	if !s.generated {
		return Asset{}, false
	}
	g := generatedAssets()
	switch {
	case file == HighlightFile && hash == g.highlightHash:
		return g.highlight, true
	case file == EditorFile && hash == g.editorHash:
		return g.editor, true
	}
	for _, r := range allRenderAssets() {
		if file == r.name && hash == r.hash {
			return r.asset, true
		}
	}
	return Asset{}, false
}

// generatedAssets are the assets shared by every skin, the generated
// stylesheets and the editor's script, made once per process when first
// asked for (a page that highlights code, the edit form, a request for
// one), not at Load: compressed once then (highlight.css ships no
// precompressed files, being generated; editor.js does).
var generatedAssets = sync.OnceValue(func() (g struct {
	highlight, editor         Asset
	highlightHash, editorHash string
}) {
	css := highlightCSS()
	g.highlightHash = fingerprint(css)
	g.highlight = newAsset(HighlightFile, css).withVariants(nil)
	g.editorHash = fingerprint(editorJS)
	g.editor = newAsset(EditorFile, editorJS).withVariants(editorVariants())
	return g
})
