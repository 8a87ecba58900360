package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/http/httptest"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/userinfo"
)

const skinUsage = `usage: folio skin list [--skins-dir DIR]
       folio skin data [--data DIR] [--user NAME] URL`

// runSkin lists skins or dumps the data a skin receives for a URL.
func runSkin(ctx context.Context, args []string, sio stdio) error {
	return subcommand(ctx, "skin", skinUsage, args, sio, map[string]func(context.Context, []string, stdio) error{
		"list": func(_ context.Context, args []string, sio stdio) error { return runSkinList(args, sio) },
		"data": runSkinData,
	})
}

// runSkinList prints one skin per line, name first.
func runSkinList(args []string, sio stdio) error {
	cfg, rest, err := parseFlags("skin list", "", args, sio, nil, "skins-dir", "skin")
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("skin list takes no arguments: %w", errUsage)
	}
	r, err := loadSkins(cfg)
	if err != nil {
		return err
	}
	set, _ := r.Current()
	for _, name := range set.Names() {
		man, _ := set.Manifest(name)
		def := ""
		if name == set.Default() {
			def = " (default)"
		}
		fmt.Fprintf(sio.out, "%s\t%s%s\tversion %s\n", name, man.DisplayName, def, set.Version(name))
	}
	return nil
}

// runSkinData prints the JSON a skin receives for the page view at URL, as
// an anonymous reader or as --user.
func runSkinData(ctx context.Context, args []string, sio stdio) error {
	var user string
	extra := func(fs *flag.FlagSet) { fs.StringVar(&user, "user", "", "render as this user (default: anonymous)") }
	cfg, rest, err := parseFlags("skin data", "URL", args, sio, extra, append(storeOptions, "skins-dir", "skin", "site-name", "lang", "main-page", "rights", "anonymous-edit", "registration")...)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return fmt.Errorf("skin data takes one URL: %w", errUsage)
	}
	m := router.Classify("GET", rest[0])
	if m.Status != 200 || m.Class != router.ClassView {
		return fmt.Errorf("skin data: %s is not a page view (status %d %s)", rest[0], m.Status, m.Err)
	}
	w, err := openWiki(ctx, cfg, newLogger(cfg, sio.err))
	if err != nil {
		return err
	}
	defer w.Close()
	u, err := dataUser(ctx, w, user)
	if err != nil {
		return err
	}
	r, err := loadSkins(cfg)
	if err != nil {
		return err
	}
	set, _ := r.Current()
	routes, err := registry(cfg)
	if err != nil {
		return err
	}
	site := skin.Site{Name: cfg.SiteName, Lang: cfg.Lang, Routes: routes, MainPage: routes.Config().MainPage, OpenRegistration: cfg.Registration == "open"}
	name := set.Choose(m.Params.Get("useskin"), u)
	pi, err := w.pages.Latest(ctx, m.Title())
	var d *skin.Data
	switch {
	case errors.Is(err, store.ErrNotFound):
		members, err := w.pages.Members(ctx, m.Title())
		if err != nil {
			return err
		}
		d = set.MissingData(m.Title(), members, u, skin.MatchMeta(m), site, name)
	case err != nil:
		return err
	default:
		d = set.ViewData(pi, u, skin.MatchMeta(m), site, name)
	}
	return skin.WriteJSON(sio.out, d)
}

// dataUser is the UserInfo of a fresh session of name, or the anonymous one.
func dataUser(ctx context.Context, w *wiki, name string) (*userinfo.UserInfo, error) {
	if name == "" {
		return w.users.Anonymous(), nil
	}
	acct, err := w.users.User(ctx, name)
	if err != nil {
		return nil, err
	}
	id, err := w.users.OpenSession(ctx, acct.ID)
	if err != nil {
		return nil, err
	}
	req := httptest.NewRequest("GET", "/", nil)
	req.AddCookie(w.users.SessionCookie(req, id))
	u, err := w.users.FromRequest(req)
	if err != nil {
		return nil, err
	}
	_ = w.users.Logout(ctx, u) // the session existed only for this dump
	return u, nil
}
