package skin_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files and DATA.md")

// TestGolden renders each case in each bundled skin and compares it with
// testdata/<skin>/<case>.golden.html; -update rewrites them.
func TestGolden(t *testing.T) {
	set := loadSet(t)
	for _, name := range set.Names() {
		for _, c := range goldenCases {
			t.Run(name+"/"+c.name, func(t *testing.T) {
				var buf bytes.Buffer
				if err := set.Render(&buf, c.data(t, set, name)); err != nil {
					t.Fatal(err)
				}
				compareGolden(t, filepath.Join("testdata", name, c.name+".golden.html"), buf.Bytes())
			})
		}
	}
}

func compareGolden(t *testing.T, file string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test ./skin -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is stale (run go test ./skin -update); got:\n%s", file, got)
	}
}
