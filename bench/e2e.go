package main

import (
	"bytes"
	"fmt"
	"github.com/foliowiki/folio/internal/compression"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// endToEnd builds folio, makes the two wikis (1× and N× the corpus), and
// measures cold starts, memory, the interleaved load run and edits.
func (b *bencher) endToEnd(res *Results) error {
	if _, err := os.Stat(b.corpus); err != nil {
		return fmt.Errorf("corpus: %w (set -corpus)", err)
	}
	b.folioBin = absPath(filepath.Join(b.out, "folio"))
	b.logf("building %s with -tags folio_bench", b.folioBin)
	build := exec.Command(b.goBin, "build", "-tags", "folio_bench", "-o", b.folioBin, "./cmd/folio")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %w\n%s", err, out)
	}

	// The wikis.
	data1, dataN := filepath.Join(b.out, "data-1x"), filepath.Join(b.out, fmt.Sprintf("data-%dx", b.multiplier))
	bigCorpus := filepath.Join(b.out, fmt.Sprintf("corpus-%dx", b.multiplier))
	if err := copies(b.corpus, bigCorpus, b.multiplier); err != nil {
		return err
	}
	res.Import = map[string]ImportResult{}
	imp, err := b.importCorpus(data1, b.corpus)
	if err != nil {
		return err
	}
	res.Import["1x"] = imp
	if imp, err = b.importCorpus(dataN, bigCorpus); err != nil {
		return err
	}
	res.Import[fmt.Sprintf("%dx", b.multiplier)] = imp
	token, err := b.prepare(data1)
	if err != nil {
		return err
	}
	if _, err := b.prepare(dataN); err != nil {
		return err
	}

	// Cold starts, on the 1× wiki, with nothing else running.
	cs := &ColdStart{}
	for i := range b.coldRuns {
		p, err := b.serve(data1, "serve-cold.log", false)
		if err != nil {
			return err
		}
		cs.RunsMs = append(cs.RunsMs, ms(p.ready))
		if err := p.stop(); err != nil {
			return fmt.Errorf("cold start %d: stop: %w", i, err)
		}
	}
	cs.MedianMs, cs.MinMs, cs.MaxMs = median(cs.RunsMs), minOf(cs.RunsMs), maxOf(cs.RunsMs)
	res.ColdStart = cs
	b.logf("cold start: median %.1f ms of %v", cs.MedianMs, cs.RunsMs)

	// The two servers of the load run; the 1× one also serves the reference.
	s1, err := b.serve(data1, "serve-1x.log", true)
	if err != nil {
		return err
	}
	defer s1.stop()
	sN, err := b.serve(dataN, fmt.Sprintf("serve-%dx.log", b.multiplier), false)
	if err != nil {
		return err
	}
	defer sN.stop()
	res.Memory = map[string]MemoryResult{}
	for name, p := range map[string]*serveProc{"1x": s1, fmt.Sprintf("%dx", b.multiplier): sN} {
		var m MemoryResult
		kb, err := p.rssKB()
		if err != nil {
			return err
		}
		m.RSSStartMB = round(float64(kb)/1024, 1)
		n, mean, p99, err := p.viewAll()
		if err != nil {
			return err
		}
		m.Pages, m.FirstViewMs, m.FirstViewP99 = n, ms(mean), ms(p99)
		if kb, err = p.rssKB(); err != nil {
			return err
		}
		m.RSSViewedMB = round(float64(kb)/1024, 1)
		res.Memory[name] = m
		b.logf("%s: viewed %d pages (first views: mean %.2f ms), RSS %.1f → %.1f MB", name, n, m.FirstViewMs, m.RSSStartMB, m.RSSViewedMB)
	}

	lr, err := b.loadRun(s1, sN)
	if err != nil {
		return err
	}
	res.Load = lr
	for name, p := range map[string]*serveProc{"1x": s1, fmt.Sprintf("%dx", b.multiplier): sN} {
		if kb, err := p.rssKB(); err == nil {
			m := res.Memory[name]
			m.RSSAfterRunMB = round(float64(kb)/1024, 1)
			res.Memory[name] = m
		}
	}

	if res.Edit, err = b.edits(s1, token); err != nil {
		return err
	}
	if res.Templates, err = b.templateFanOut(s1, data1, token); err != nil {
		return err
	}
	for _, p := range []*serveProc{s1, sN} {
		if err := p.stop(); err != nil {
			return fmt.Errorf("folio serve: %w (log in %s)", err, p.log.Name())
		}
		if log, err := os.ReadFile(p.log.Name()); err == nil && bytes.Contains(log, []byte("level=ERROR")) {
			return fmt.Errorf("folio serve logged errors: see %s", p.log.Name())
		}
	}
	return nil
}

// loadRun checks the scenarios' answers, then runs them interleaved.
func (b *bencher) loadRun(s1, sN *serveProc) (*LoadResult, error) {
	path := "/wiki/" + b.page
	cookie1, err := s1.login(benchUser, benchPassword)
	if err != nil {
		return nil, err
	}
	cookieN, err := sN.login(benchUser, benchPassword)
	if err != nil {
		return nil, err
	}
	cookieW, err := s1.login(benchWatcher, benchPassword)
	if err != nil {
		return nil, err
	}
	cookieL, err := s1.login(benchGerman, benchPassword)
	if err != nil {
		return nil, err
	}
	// Each scenario's answer is checked once here, and its size on every
	// request of the run.
	type scenario struct {
		name, label string
		p           *serveProc
		cookie      string // the session cookie's value, for logged-in views
		watches     bool   // the reader watches the page: its star is filled
		lang        string // the interface language the answer is in
		ae          string // the request's Accept-Encoding; "" for none (identity)
	}
	var targets []*target
	wire := map[string][]byte{} // the compressed scenarios' bodies, as sent
	for _, sc := range []scenario{
		{"a", "anonymous view", s1, "", false, "en", ""},
		{"b", "logged-in view", s1, cookie1, false, "en", ""},
		{"a10", fmt.Sprintf("anonymous view, %d× pages", b.multiplier), sN, "", false, "en", ""},
		{"b10", fmt.Sprintf("logged-in view, %d× pages", b.multiplier), sN, cookieN, false, "en", ""},
		{"w", fmt.Sprintf("logged-in view, %d pages watched", benchWatched), s1, cookieW, true, "en", ""},
		{"l", "logged-in view in German (preference; the wiki's --lang is en)", s1, cookieL, false, "de", ""},
		{"az", "anonymous view, compressed (a browser's Accept-Encoding)", s1, "", false, "en", browserAcceptEncoding},
		{"bz", "logged-in view, compressed (a browser's Accept-Encoding)", s1, cookie1, false, "en", browserAcceptEncoding},
	} {
		var header []string
		if sc.cookie != "" {
			header = []string{"Cookie", sessionCookie + "=" + sc.cookie}
		}
		if sc.ae != "" {
			header = append(header, "Accept-Encoding", sc.ae)
		}
		status, body, h, err := doHeader("GET", sc.p.url(path), nil, header...)
		if err != nil || status != http.StatusOK {
			return nil, fmt.Errorf("%s: GET %s = %d, %v", sc.label, path, status, err)
		}
		sent := len(body)
		if sc.ae != "" {
			enc, _ := compression.Parse(h.Get("Content-Encoding"))
			if enc == compression.Identity {
				return nil, fmt.Errorf("%s: not compressed (Content-Encoding %q)", sc.label, h.Get("Content-Encoding"))
			}
			wire[sc.name] = body
			if body, err = compression.Decompress(enc, body, 64<<20); err != nil {
				return nil, fmt.Errorf("%s: %w", sc.label, err)
			}
		}
		named := bytes.Contains(body, []byte("/-/logout"))
		if named != (sc.cookie != "") {
			return nil, fmt.Errorf("%s: the page shows a logged-in user: %v", sc.label, named)
		}
		// A watched page's star is the unwatch form.
		if watched := bytes.Contains(body, []byte(`action="/-/unwatch/`)); watched != sc.watches {
			return nil, fmt.Errorf("%s: the page shows the reader watching it: %v", sc.label, watched)
		}
		if !bytes.Contains(body, []byte(`<html lang="`+sc.lang+`"`)) {
			return nil, fmt.Errorf("%s: the page is not in the interface language %q (<html lang>)", sc.label, sc.lang)
		}
		t := newTarget(sc.name, sc.label, sc.p.addr, path, header...)
		t.wantBody = sent
		targets = append(targets, t)
	}
	size := targets[0].wantBody
	ref := newTarget("c", "reference: precomputed bytes", s1.refAddr, "/bytes/"+strconv.Itoa(size))
	ref.wantBody = size
	targets = slices.Insert(targets, 2, ref)
	// The compressed reference: the logged-in view's compressed bytes,
	// sent with the same headers by a handler that does nothing else.
	if status, _, err := do("PUT", "http://"+s1.refAddr+"/bytes/bz", bytes.NewReader(wire["bz"]), "Content-Encoding", compression.Gzip.Token()); err != nil || status != http.StatusNoContent {
		return nil, fmt.Errorf("reference: PUT the compressed view: %d, %v", status, err)
	}
	refz := newTarget("cz", "reference: the logged-in view's compressed bytes", s1.refAddr, "/bytes/bz", "Accept-Encoding", browserAcceptEncoding)
	refz.wantBody = len(wire["bz"])
	targets = append(targets, refz)
	comp, err := b.compressionSizes(s1, path, cookie1, wire)
	if err != nil {
		return nil, err
	}

	l := newLoad(b.conns)
	defer l.close()
	b.logf("load: %d connections, %d rounds × %s per scenario (%s), after %s of warm-up each",
		b.conns, b.rounds, b.phase, names(targets), b.warmup)
	sc := l.interleave(targets, b.phase, b.warmup, b.rounds)
	for _, t := range targets {
		sc[t.Name].URL = "http://" + t.addr + strings.Fields(string(t.req))[1]
		if sc[t.Name].Errors > 0 {
			return nil, fmt.Errorf("%s: %d errors, the last: %s", t.Label, sc[t.Name].Errors, sc[t.Name].LastError)
		}
	}
	if err := b.serveProfile(l, s1, targets[1]); err != nil {
		return nil, err
	}
	lr := &LoadResult{Page: b.page, Connections: b.conns, PhaseSeconds: b.phase.Seconds(), Rounds: b.rounds, Scenarios: sc,
		Ratios: map[string]float64{
			"b/a":     round(sc["b"].RPS/sc["a"].RPS, 3),
			"b/c":     round(sc["b"].RPS/sc["c"].RPS, 3),
			"a/c":     round(sc["a"].RPS/sc["c"].RPS, 3),
			"a10/a":   round(sc["a10"].RPS/sc["a"].RPS, 3),
			"b10/b":   round(sc["b10"].RPS/sc["b"].RPS, 3),
			"b10/a10": round(sc["b10"].RPS/sc["a10"].RPS, 3),
			"w/a":     round(sc["w"].RPS/sc["a"].RPS, 3),
			"w/b":     round(sc["w"].RPS/sc["b"].RPS, 3),
			"l/a":     round(sc["l"].RPS/sc["a"].RPS, 3),
			"l/b":     round(sc["l"].RPS/sc["b"].RPS, 3),
			"bz/az":   round(sc["bz"].RPS/sc["az"].RPS, 3),
			"bz/cz":   round(sc["bz"].RPS/sc["cz"].RPS, 3),
			"az/cz":   round(sc["az"].RPS/sc["cz"].RPS, 3),
			"bz/b":    round(sc["bz"].RPS/sc["b"].RPS, 3),
		}, Compression: comp}
	return lr, nil
}

// browserAcceptEncoding is what Chrome and Firefox send.
const browserAcceptEncoding = "gzip, deflate, br, zstd"

// compressionSizes measures what the compressed views weigh: the
// scenarios' bodies as sent, and the logged-in view in each encoding that
// splices against the same HTML compressed whole in it (package
// compression's Kept level, the level of the pieces).
func (b *bencher) compressionSizes(p *serveProc, path, cookie string, wire map[string][]byte) (*CompressionResult, error) {
	cr := &CompressionResult{AnonymousBytes: len(wire["az"]), LoggedInBytes: len(wire["bz"]), Spliced: map[string]SpliceSize{}}
	cookieH := []string{"Cookie", sessionCookie + "=" + cookie}
	status, plain, err := get(p.url(path), cookieH...)
	if err != nil || status != http.StatusOK {
		return nil, fmt.Errorf("logged-in view: %d, %v", status, err)
	}
	cr.LoggedInIdentityBytes = len(plain)
	_, anon, err := get(p.url(path))
	if err != nil {
		return nil, err
	}
	cr.AnonymousIdentityBytes = len(anon)
	for _, e := range compression.Spliceable {
		status, body, h, err := doHeader("GET", p.url(path), nil, append(cookieH, "Accept-Encoding", e.Token())...)
		if err != nil || status != http.StatusOK || h.Get("Content-Encoding") != e.Token() {
			return nil, fmt.Errorf("logged-in view in %s: %d %q, %v", e, status, h.Get("Content-Encoding"), err)
		}
		got, err := compression.Decompress(e, body, 64<<20)
		if err != nil || !bytes.Equal(got, plain) {
			return nil, fmt.Errorf("logged-in view in %s: does not decode to the identity view (%v)", e, err)
		}
		whole := len(compression.Compress(nil, e, plain, compression.Kept))
		cr.Spliced[e.Token()] = SpliceSize{Spliced: len(body), Whole: whole, Ratio: round(float64(len(body))/float64(whole), 4)}
	}
	return cr, nil
}

// serveProfile loads the server with t for a few seconds more, after the
// measured rounds, while it records a CPU profile of itself (the benchmark
// build serves pprof beside the reference); the profile and its top go to
// out/.
func (b *bencher) serveProfile(l *load, p *serveProc, t *target) error {
	const seconds = 4
	prof := filepath.Join(b.out, "serve-loggedin.cpu.pprof")
	done := make(chan error, 1)
	go func() {
		status, body, err := get(fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", p.refAddr, seconds))
		if err == nil && status != http.StatusOK {
			err = fmt.Errorf("GET /debug/pprof/profile = %d: %s", status, body)
		}
		if err == nil {
			err = os.WriteFile(prof, body, 0o644)
		}
		done <- err
	}()
	l.phase(t, (seconds+1)*time.Second)
	if err := <-done; err != nil {
		return err
	}
	for _, v := range []struct{ file, flag string }{{"serve-loggedin.cpu.top.txt", "-top"}, {"serve-loggedin.cpu.cum.txt", "-cum"}} {
		args := []string{"tool", "pprof", "-top", "-nodecount=50"}
		if v.flag != "-top" {
			args = append(args, v.flag)
		}
		out, err := exec.Command(b.goBin, append(args, b.folioBin, prof)...).CombinedOutput()
		if err != nil {
			return fmt.Errorf("go tool pprof: %w\n%s", err, out)
		}
		if err := os.WriteFile(filepath.Join(b.out, v.file), out, 0o644); err != nil {
			return err
		}
	}
	b.logf("profiled the server under logged-in load: %s", filepath.Join(b.out, "serve-loggedin.cpu.top.txt"))
	return nil
}

func names(ts []*target) string {
	var s []string
	for _, t := range ts {
		s = append(s, t.Name)
	}
	return strings.Join(s, ", ")
}

// edits saves the page under test through the API, then views it twice:
// the first view is the first after the save.
func (b *bencher) edits(p *serveProc, token string) (*EditResult, error) {
	er := &EditResult{Page: b.page, Runs: b.editRuns}
	text, rev, err := p.apiPage(token, b.page)
	if err != nil {
		return nil, err
	}
	var saves, firsts, seconds []float64
	for i := range b.editRuns {
		mark := fmt.Sprintf("Bench edit %d.", i+1)
		next := text + "\n\n" + mark + "\n"
		if i == b.editRuns-1 {
			next, mark = text, "" // the last edit restores the text
		}
		start := time.Now()
		if err := p.apiPut(token, b.page, next, rev); err != nil {
			return nil, err
		}
		saves = append(saves, ms(time.Since(start)))
		for _, into := range []*[]float64{&firsts, &seconds} {
			start = time.Now()
			status, body, err := get(p.url("/wiki/" + b.page))
			if err != nil || status != http.StatusOK {
				return nil, fmt.Errorf("GET after an edit = %d, %v", status, err)
			}
			*into = append(*into, ms(time.Since(start)))
			if !bytes.Contains(body, []byte(mark)) {
				return nil, fmt.Errorf("the view after edit %d does not show it", i+1)
			}
		}
		if _, rev, err = p.apiPage(token, b.page); err != nil {
			return nil, err
		}
	}
	er.SaveMs, er.FirstViewMs, er.SecondViewMs = median(saves), median(firsts), median(seconds)
	er.FirstViewMaxMs, er.SecondViewMaxMs = maxOf(firsts), maxOf(seconds)
	b.logf("edits: save %.2f ms, first view %.2f ms, second view %.2f ms (medians of %d)", er.SaveMs, er.FirstViewMs, er.SecondViewMs, b.editRuns)
	return er, nil
}

func minOf(v []float64) float64 {
	m := v[0]
	for _, x := range v {
		m = min(m, x)
	}
	return m
}

func maxOf(v []float64) float64 {
	m := v[0]
	for _, x := range v {
		m = max(m, x)
	}
	return m
}
