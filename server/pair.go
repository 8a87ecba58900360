package server

import (
	"context"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/skin"
)

// setPairExists fills meta.PairExists for a page with a title that is not
// a view of a revision (history, an edit form, a missing page …): whether
// the other page of its talk pair exists, for the namespace tabs' colour.
// It is one store read on pages that are not cached; a view knows it from
// its PageInfo (PageInfo.Pair) and never calls it. A failure leaves the
// tab red and is logged: the page still renders.
func (s *Server) setPairExists(ctx context.Context, meta *skin.Meta) {
	if meta.Page == "" {
		return
	}
	pair, ok := router.PairTitle(meta.Page)
	if !ok {
		return
	}
	exists, err := s.Store.PagesExist(ctx, []string{pair})
	if err != nil {
		s.Log.Warn("looking up a talk pair failed", "title", meta.Page, "pair", pair, "err", err)
		return
	}
	meta.PairExists = exists[pair]
}
