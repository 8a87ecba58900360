package pageinfo

import "github.com/foliowiki/folio/pageinfo/markdown/section"

// Sections returns text, a revision's text of the page title, with its
// sections as ?section=N numbers them: the top-level headings, as the
// renderer parses them (the edit links of a view, PageInfo.Sections, come
// from the same parse).
func (s *Saver) Sections(title, text string) section.Doc {
	return s.cache.b.md.Sections(text, title)
}
