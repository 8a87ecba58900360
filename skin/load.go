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

	"github.com/cbroglie/mustache"

	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/internal/compression"
	"github.com/foliowiki/folio/skin/engine"
)

// dataType is the root type of every skin's template: the data contract.
var dataType = reflect.TypeFor[Data]()

// DefaultSkin is the skin of readers who choose none, when it is loaded.
const DefaultSkin = "desktop"

// skin is one loaded skin.
type skin struct {
	man     Manifest
	tmpl    *mustache.Template // the entry template, partials expanded
	prog    *engine.Program    // the same, compiled for specialized views; nil if it cannot be (progErr)
	progErr error
	article *mustache.Template // the "article" partial alone, for the live preview; nil if none
	toc     *mustache.Template // the "toc" partial alone; nil if none
	link    []string           // the Link header values of a page view: preload the stylesheets
	version string
	styles  []URL
	scripts []URL
	needs   map[string]needURLs // by Manifest.Needs key
	// messages are the own messages of a skin with a MessagesDir; nil
	// for a skin without.
	messages *ownMessages
	srcs     partials // the templates as written, by name: the skin bundle's (bundle.go)
}

type needURLs struct{ styles, scripts []URL }

// Load reads every skin in fsys: each top-level directory is one skin,
// <name>/skin.json, <name>/templates/*.mustache and <name>/static/…. It
// parses and checks every template once (see the package documentation) and
// fingerprints every static file, and fails, naming the file and the tag,
// on anything a render would get wrong. The default skin is DefaultSkin if
// there is one, else the first by name. Load never touches fsys again.
func Load(fsys fs.FS) (*Set, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("skin: %w", err)
	}
	s := &Set{skins: map[string]*skin{}, assets: map[string]Asset{}}
	var errs []error
	for _, e := range entries {
		if !e.IsDir() || hidden(e.Name()) {
			continue
		}
		sk, err := loadSkin(fsys, e.Name(), s.assets)
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
	s.addGenerated()
	return s, nil
}

func hidden(name string) bool { return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") }

// loadSkin reads the skin in dir, adding its static files to assets.
func loadSkin(fsys fs.FS, dir string, assets map[string]Asset) (*skin, error) {
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
	tmpl, tree, err := compile(dir, man.Entry, srcs, messagesIn(msgs, i18n.Source))
	if err != nil {
		return nil, err
	}
	files, variants, hash, err := readStatic(fsys, man)
	if err != nil {
		return nil, err
	}
	sk := &skin{man: man, tmpl: tmpl, needs: map[string]needURLs{}, messages: msgs, srcs: srcs}
	sk.prog, sk.progErr = tree.Compile(dataType, "UserKeys")
	if sk.article, err = parsePartial(dir, articlePartial, srcs); err != nil {
		return nil, err
	}
	if sk.toc, err = parsePartial(dir, tocPartial, srcs); err != nil {
		return nil, err
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

// addGenerated adds the generated stylesheets and the editor's script,
// shared by all skins.
func (s *Set) addGenerated() {
	g := generatedAssets()
	s.highlightHash, s.editorHash = g.highlightHash, g.editorHash
	s.assets[assetKey(s.highlightHash, HighlightFile)] = g.highlight
	s.assets[assetKey(s.editorHash, EditorFile)] = g.editor
}

// generatedAssets are the shared assets, made once per process (and so
// compressed once: highlight.css ships no precompressed files, being
// generated; editor.js does).
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
