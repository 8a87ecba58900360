package main

import (
	"strings"
	"testing"
)

func TestExtensionsListed(t *testing.T) {
	out, _, err := folio(t, "", nil, "extensions")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		ids = append(ids, strings.SplitN(line, "\t", 2)[0])
	}
	if strings.Join(ids, " ") != "readingtime stringfunctions webhook" {
		t.Fatalf("folio extensions = %q", out)
	}
	out, _, err = folio(t, "", nil, "hooks", "list")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"pageinfo.info\treadingtime.info", "pageinfo.saved\twebhook.post", "userinfo.info\t",
		"skin.data\treadingtime.skin", "skin.user-data\t", "router.routes", "pageinfo.parser-function\tstringfunctions.lc stringfunctions.len"} {
		if !strings.Contains(out, want) {
			t.Errorf("folio hooks list lacks %q:\n%s", want, out)
		}
	}
}

func TestSkinCommands(t *testing.T) {
	out, _, err := folio(t, "", nil, "skin", "list")
	if err != nil || !strings.HasPrefix(out, "desktop\t") || !strings.Contains(out, "\nminimal\t") {
		t.Fatalf("folio skin list = %q, %v", out, err)
	}
	data := t.TempDir()
	out, _, err = folio(t, "", nil, "skin", "data", "--data", data, "/wiki/Main_Page")
	if err != nil || !strings.Contains(out, `"page-title": "Main_Page"`) && !strings.Contains(out, `"skin": "desktop"`) {
		t.Fatalf("folio skin data = %q, %v", out, err)
	}
}
