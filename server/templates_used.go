package server

import (
	"context"
	"fmt"

	"github.com/foliowiki/folio/router"
)

// templateUsed is one entry of an edit form's "Templates used on this
// page": a link to the template (or page) the current revision
// transcluded, red to its edit form when it does not exist.
type templateUsed struct {
	URL, Text string
	Missing   bool
}

// templatesUsed fills f.Templates from the titles the current revision of
// f's page transcluded (store.TemplateLinks), as MediaWiki's templatesUsed
// under the edit box; a page being created has none.
func (s *Server) templatesUsed(ctx context.Context, f *editForm) error {
	if f.pageID == 0 || f.Templates != nil {
		return nil
	}
	titles, err := s.Store.PageTemplates(ctx, f.pageID)
	if err != nil {
		return fmt.Errorf("templates used: %w", err)
	}
	if len(titles) == 0 {
		return nil
	}
	exist, err := s.Store.PagesExist(ctx, titles)
	if err != nil {
		return fmt.Errorf("templates used: %w", err)
	}
	f.Templates = make([]templateUsed, len(titles))
	for i, t := range titles {
		f.Templates[i] = templateUsed{URL: router.TitleURL(t), Text: router.DisplayTitle(t), Missing: !exist[t]}
		if f.Templates[i].Missing {
			f.Templates[i].URL = s.Routes.Path("page.edit", "title", t)
		}
	}
	return nil
}
