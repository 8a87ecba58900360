package cdn

import (
	"bytes"
	"fmt"
	"testing"
)

// TestFunctionSize: the function leaves the routes under /-/ to the origin,
// and with them the MediaWiki URLs that lead there, so adding routes
// there — with path and query parameters, MediaWiki parameters, a
// Special: name and an action each — leaves it as it is; and it keeps a
// kilobyte of CloudFront's limit free for what the edge still answers.
func TestFunctionSize(t *testing.T) {
	base, err := ViewerRequestFunction(fileSpec(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("the viewer-request function is %d bytes", len(base))
	if len(base) > MaxFunctionBytes-1024 {
		t.Errorf("the function is %d bytes: less than a kilobyte of CloudFront's %d is left", len(base), MaxFunctionBytes)
	}
	more := specWith(t, func(doc map[string]any) {
		routes := doc["routes"].([]any)
		legacy := doc["legacy"].(map[string]any)
		var backlinks map[string]any
		for _, r := range routes {
			if r.(map[string]any)["name"] == "page.backlinks" {
				backlinks = r.(map[string]any)
			}
		}
		for i := range 40 {
			rt := clone(backlinks) // a title, query parameters, a subpage and MediaWiki parameters
			name := fmt.Sprintf("ext.page%d", i)
			rt["name"], rt["pattern"] = name, fmt.Sprintf("/-/ext%d/*title", i)
			routes = append(routes, rt)
			legacy["special"].(map[string]any)[fmt.Sprintf("Ext%d", i)] = name
			legacy["actions"].(map[string]any)[fmt.Sprintf("ext%d", i)] = name
		}
		doc["routes"] = routes
	})
	got, err := ViewerRequestFunction(more)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, base) {
		t.Errorf("40 routes under /-/ make the function %d bytes, from %d: it must leave them to the origin", len(got), len(base))
	}
}
