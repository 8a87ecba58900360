package main

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/foliowiki/folio/internal/config"
)

// TestHelp: every command and subcommand answers -h with its usage and
// exactly its own flags, successfully (exit 0).
func TestHelp(t *testing.T) {
	store := []string{"data", "db", "log-format", "log-level"}
	var serve []string
	for _, o := range config.Options {
		serve = append(serve, o.Name)
	}
	with := func(base []string, more ...string) []string { return append(slices.Clone(base), more...) }
	cdn := []string{"main-page", "routes", "session-cookie"}
	cases := []struct {
		args  []string
		flags []string // nil: a command group, whose usage lists subcommands
	}{
		{[]string{"serve"}, serve},
		{[]string{"import"}, with(store, "dump", "jobs", "max-page-bytes", "prefix")},
		{[]string{"export"}, with(store, "output")},
		{[]string{"page"}, nil},
		{[]string{"page", "get"}, store},
		{[]string{"page", "put"}, with(store, "max-page-bytes", "minor", "summary", "user")},
		{[]string{"user"}, nil},
		{[]string{"user", "create"}, with(store, "group", "password-file")},
		{[]string{"user", "grant"}, store},
		{[]string{"user", "revoke"}, store},
		{[]string{"user", "block"}, with(store, "expires", "reason")},
		{[]string{"user", "unblock"}, store},
		{[]string{"user", "password"}, with(store, "password-file")},
		{[]string{"user", "watch"}, with(store, "expires")},
		{[]string{"token"}, nil},
		{[]string{"token", "create"}, with(store, "expires", "name")},
		{[]string{"token", "list"}, with(store, "user")},
		{[]string{"token", "revoke"}, with(store, "user")},
		{[]string{"skin"}, nil},
		{[]string{"skin", "list"}, []string{"skin", "skins-dir"}},
		{[]string{"skin", "data"}, with(store, "anonymous-edit", "main-page", "lang", "registration", "rights", "site-name", "skin", "skins-dir", "user")},
		{[]string{"extensions"}, []string{}},
		{[]string{"hooks"}, nil},
		{[]string{"hooks", "list"}, []string{}},
		{[]string{"migrate"}, store},
		{[]string{"jobs"}, store},
		{[]string{"jobs", "run"}, with(store, "rerender-workers")},
		{[]string{"cdn"}, nil},
		{[]string{"cdn", "cloudfront"}, with(cdn, "format", "origin-domain")},
		{[]string{"cdn", "varnish"}, with(cdn, "backend", "purge-acl", "esi")},
		{[]string{"routes"}, nil},
		{[]string{"version"}, []string{}},
	}
	seen := map[string]bool{}
	flagLine := regexp.MustCompile(`(?m)^  -([a-z-]+)`)
	for _, c := range cases {
		seen[c.args[0]] = true
		for _, h := range []string{"-h", "--help"} {
			args := append(slices.Clone(c.args), h)
			out, errOut, err := folio(t, "", nil, args...)
			if err != nil {
				t.Errorf("folio %s: err = %v, want success", strings.Join(args, " "), err)
				continue
			}
			usage := out + errOut
			if !strings.Contains(usage, "usage:") {
				t.Errorf("folio %s printed no usage: %q", strings.Join(args, " "), usage)
			}
			if c.flags == nil {
				continue
			}
			var got []string
			for _, m := range flagLine.FindAllStringSubmatch(usage, -1) {
				got = append(got, m[1])
			}
			want := slices.Sorted(slices.Values(c.flags))
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("folio %s lists flags %v, want %v", strings.Join(args, " "), got, want)
			}
		}
	}
	for _, c := range commands() {
		if !seen[c.name] {
			t.Errorf("TestHelp does not cover folio %s", c.name)
		}
	}
}

// TestUnknownCommand: an unknown command or subcommand lists what there is
// and is a usage error (exit 2).
func TestUnknownCommand(t *testing.T) {
	for _, args := range [][]string{{"frobnicate"}, {"page", "frob"}, {"user", "frob"}, {"skin", "frob"}, {"hooks", "frob"}, {"token", "frob"}} {
		_, errOut, err := folio(t, "", nil, args...)
		if !errors.Is(err, errUsage) {
			t.Errorf("folio %q: err = %v, want a usage error", args, err)
		}
		if !strings.Contains(errOut, "usage:") {
			t.Errorf("folio %q: stderr %q lists nothing", args, errOut)
		}
	}
	_, errOut, _ := folio(t, "", nil, "frobnicate")
	for _, c := range commands() {
		if !strings.Contains(errOut, "  "+c.name+" ") {
			t.Errorf("the command list lacks %s:\n%s", c.name, errOut)
		}
	}
}
