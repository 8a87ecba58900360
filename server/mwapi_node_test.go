package server_test

import (
	"context"
	"net"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/foliowiki/folio/server"
)

// The MediaWiki clients bots are written with, driving api.php: mwn (log
// in, read, edit with a token, an edit conflict, recent changes and all
// pages with continuation, search, parse, move, delete) and nodemw (its
// old login flow, formatversion 1: read and edit), pinned in tools/mwapi
// (make a11y-deps and .ci/run install them with npm ci). On both stores.
// Without node or the packages the test skips loudly, unless
// FOLIO_REQUIRE_NODE=1 makes that a failure.

const mwapiTools = "../tools/mwapi"

func TestMWAPIClients(t *testing.T) {
	node := requireNode(t)
	onBackends(t, func(t *testing.T, srv *server.Server) {
		createUser(t, srv, "Bot", "sysop")
		ts := httptest.NewServer(srv)
		t.Cleanup(ts.Close) // after the parallel subtests
		_, port, _ := net.SplitHostPort(strings.TrimPrefix(ts.URL, "http://"))
		// The two clients work on pages of their own, side by side.
		t.Run("mwn", func(t *testing.T) {
			t.Parallel()
			runNode(t, node, "mwn.js", ts.URL+"/api.php", "Bot", password)
		})
		t.Run("nodemw", func(t *testing.T) {
			t.Parallel()
			runNode(t, node, "nodemw.js", port, "Bot", password)
		})
	})
}

// requireNode returns node's path, or skips (fails with
// FOLIO_REQUIRE_NODE=1) when node or the pinned clients are missing.
func requireNode(t *testing.T) string {
	t.Helper()
	node, err := exec.LookPath("node")
	msg := ""
	switch {
	case err != nil:
		msg = "no node on PATH"
	case !exists(mwapiTools+"/node_modules/mwn/package.json") || !exists(mwapiTools+"/node_modules/nodemw/package.json"):
		msg = "mwn and nodemw are not installed: npm ci --prefix tools/mwapi (make a11y-deps)"
	}
	if msg != "" {
		msg = "!!! MediaWiki client tests SKIPPED: " + msg + " !!!"
		if os.Getenv("FOLIO_REQUIRE_NODE") == "1" {
			t.Fatal(msg + " — FOLIO_REQUIRE_NODE=1 makes this a failure")
		}
		t.Skip(msg)
	}
	return node
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// runNode runs one client script of tools/mwapi, which prints "ok".
func runNode(t *testing.T, node, script string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, append([]string{script}, args...)...)
	cmd.Dir = mwapiTools
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "ok") {
		t.Fatalf("node %s: %v\n%s", script, err, out)
	}
}
