package skin

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/cbroglie/mustache"

	"github.com/foliowiki/folio/skin/engine"
)

// partials is the PartialProvider of a skin: its templates, from memory,
// filled at load. cbroglie fetches and re-parses a partial on every render
// even from memory, so Load does not leave it that work: it expands every
// {{> name}} into the entry template before parsing it once. A partial tag
// can therefore never reach a render; if one did, Get fails loudly rather
// than render "" as cbroglie's own providers do.
type partials map[string]string

// Get implements mustache.PartialProvider.
func (p partials) Get(name string) (string, error) {
	src, ok := p[name]
	if !ok {
		return "", fmt.Errorf("skin: unknown partial %q", name)
	}
	return src, nil
}

var _ mustache.PartialProvider = partials(nil)

// template is one template file, scanned and parsed.
type template struct {
	file string             // path for messages: "desktop/templates/header.mustache"
	toks []engine.Token     // its tags, as written
	tree *mustache.Template // cbroglie's parse, for Tags()
}

// check checks the templates of a skin against the data contract: Data's
// keys and the msg-* keys msgs has.
func check(dir, entry string, srcs partials, msgs map[string]string) error {
	ts := map[string]*template{}
	var errs []error
	for _, name := range slices.Sorted(maps.Keys(srcs)) {
		t, err := parseTemplate(dir, name, srcs)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ts[name] = t
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	c := &checker{templates: ts, used: map[string]bool{}}
	c.walk(ts[entry], ts[entry].tree.Tags(), scope{withMessages(dataShape(), msgs)}, []string{entry})
	for _, name := range slices.Sorted(maps.Keys(srcs)) {
		if name != entry && !c.used[name] {
			c.errs = append(c.errs, fmt.Errorf("%s: partial %q is never included", ts[name].file, name))
		}
	}
	return errors.Join(c.errs...)
}

func parseTemplate(dir, name string, srcs partials) (*template, error) {
	file := dir + "/templates/" + name + ".mustache"
	toks, err := engine.Scan(file, srcs[name])
	if err != nil {
		return nil, err
	}
	if err := checkRaw(file, toks); err != nil {
		return nil, err
	}
	tree, err := mustache.ParseStringPartials(srcs[name], srcs)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return &template{file: file, toks: toks, tree: tree}, nil
}

// checker walks cbroglie's tag trees with the scope of each tag, following
// partials into the scope they are included in.
type checker struct {
	templates map[string]*template
	used      map[string]bool
	errs      []error
}

func (c *checker) fail(t *template, kinds, name, format string, args ...any) {
	at := t.file
	if line := lineOf(t.toks, kinds, name); line > 0 {
		at = fmt.Sprintf("%s:%d", t.file, line)
	}
	c.errs = append(c.errs, fmt.Errorf("%s: "+format, append([]any{at}, args...)...))
}

// walk checks tags of template t in scope sc; stack holds the partials
// being expanded, to find cycles.
func (c *checker) walk(t *template, tags []mustache.Tag, sc scope, stack []string) {
	for _, tag := range tags {
		name := tag.Name()
		switch tag.Type() {
		case mustache.Variable:
			c.variable(t, name, sc)
		case mustache.Section, mustache.InvertedSection:
			s := sc.resolve(name)
			if s == nil {
				c.fail(t, "#^", name, "unknown key {{#%s}}: not in the data contract (skin/DATA.md)", name)
				continue
			}
			inner := sc
			if tag.Type() == mustache.Section {
				inner = sc.enter(s)
			}
			c.walk(t, tag.Tags(), inner, stack)
		case mustache.Partial:
			c.partial(t, name, sc, stack)
		}
	}
}

func (c *checker) variable(t *template, name string, sc scope) {
	if name == "." {
		if len(sc) < 2 {
			c.fail(t, "v&", name, "{{.}} outside a section")
		}
		return
	}
	s := sc.resolve(name)
	switch {
	case s == nil:
		c.fail(t, "v&", name, "unknown variable {{%s}}: not in the data contract (skin/DATA.md)", name)
	case s.kind != scalarShape:
		c.fail(t, "v&", name, "{{%s}} is %s: use a section {{#%s}}…{{/%s}}", name, s.kind, name, name)
	}
}

func (c *checker) partial(t *template, name string, sc scope, stack []string) {
	p, ok := c.templates[name]
	switch {
	case !ok:
		c.fail(t, ">", name, "unknown partial {{>%s}}: not declared in skin.json", name)
	case slices.Contains(stack, name):
		c.fail(t, ">", name, "partial {{>%s}} includes itself (%s)", name, strings.Join(append(stack, name), " → "))
	default:
		c.used[name] = true
		c.walk(p, p.tree.Tags(), sc, append(stack, name))
	}
}
