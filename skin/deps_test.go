package skin

import (
	"os/exec"
	"strings"
	"testing"
)

// forbiddenDeps are what the skin must not depend on, even indirectly: it
// reads the PageInfo and UserInfo blobs (package blob) and asks nothing of
// the caches that build them, their store, or the Markdown renderer.
var forbiddenDeps = []struct {
	path   string
	subdir bool // its subpackages too
}{
	{"github.com/foliowiki/folio/store", true},
	{"github.com/foliowiki/folio/pageinfo", false},
	{"github.com/foliowiki/folio/pageinfo/markdown", false},
	{"github.com/foliowiki/folio/userinfo", false},
	{"github.com/dgraph-io/ristretto", true},
	{"github.com/yuin/goldmark", true},
}

func forbiddenDep(path string) bool {
	for _, f := range forbiddenDeps {
		if path == f.path || f.subdir && strings.HasPrefix(path, f.path+"/") {
			return true
		}
	}
	return false
}

// TestDeps checks that `go list -deps` of the skin lists no store, cache or
// renderer, and names who imports one when it does.
func TestDeps(t *testing.T) {
	goBin, err := exec.LookPath("go") // go test puts GOROOT/bin first in PATH
	if err != nil {
		t.Skip("no go command:", err)
	}
	out, err := exec.Command(goBin, "list", "-deps", "-f", "{{.ImportPath}}{{range .Imports}} {{.}}{{end}}", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(line, " ")
		for _, imp := range strings.Fields(imports) {
			if forbiddenDep(imp) && !forbiddenDep(pkg) {
				t.Errorf("%s imports %s: the skin must depend on blob data only", pkg, imp)
			}
		}
	}
	if t.Failed() {
		return
	}
	for _, line := range strings.Split(string(out), "\n") {
		if pkg, _, _ := strings.Cut(line, " "); forbiddenDep(pkg) {
			t.Errorf("the skin depends on %s", pkg)
		}
	}
}
