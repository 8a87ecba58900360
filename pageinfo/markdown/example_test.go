package markdown_test

import (
	"fmt"

	"github.com/foliowiki/folio/pageinfo/markdown"
)

func Example() {
	r := markdown.New(markdown.Default, markdown.Options{}) // default title rules and URLs
	src := []byte("# Intro\n\nSee [[Other page#Usage|usage]] and [[Missing]].\n\n[[Category:Docs]]\n")
	exists := func(title string) bool { return title == "Other_page" }
	res, err := r.Render(src, markdown.DocContext{Title: "Home", Exists: exists, CanCreate: true})
	if err != nil {
		panic(err)
	}
	fmt.Print(res.HTML)
	fmt.Println(res.Links, res.Categories, res.TOC[0].Anchor, res.Summary)
	// Output:
	// <h2 id="intro">Intro</h2>
	// <p>See <a href="/wiki/Other_page#usage" title="Other page">usage</a> and <a class="new" href="/-/edit/Missing" title="Missing (page does not exist)">Missing</a>.</p>
	// [Other_page Missing] [Docs] intro See usage and Missing.
}
