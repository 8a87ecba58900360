package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// bench -scale (make bench-scale): wikis of 10^4, 10^5 and 10^6 pages
// synthesized from the corpus (scale_synth.go), on SQLite and PostgreSQL,
// built through "folio import" (the one save path) and measured as a
// "folio serve" process (scale_measure.go). Built wikis stay in
// <out>/scale/ (SQLite) or in a schema per size (PostgreSQL) with a
// build.json beside them, so that a rerun skips building.

var (
	scaleSizes   = flag.String("scale", "", "bench-scale: the wiki sizes in pages, e.g. 10000,100000,1000000 (the other modes are skipped)")
	scaleStores  = flag.String("stores", "sqlite,postgres", "bench-scale: the stores (sqlite, postgres)")
	scalePG      = flag.String("pg", os.Getenv("FOLIO_TEST_POSTGRES"), "bench-scale: PostgreSQL DSN (default $FOLIO_TEST_POSTGRES, as scripts/with-postgres sets it); each size gets a schema")
	scaleCacheMB = flag.Int("cache-mb", 64, "bench-scale: --cache-mb of folio serve")
	scaleResults = flag.String("scale-results", "bench/scale.json", "bench-scale: where to write the results")
	scaleRebuild = flag.Bool("rebuild", false, "bench-scale: rebuild wikis that are already built")
	scaleSamples = flag.Int("samples", 300, "bench-scale: random pages viewed (first and warm views)")
	scaleNoBuild = flag.Bool("no-build", false, "bench-scale: measure only the wikis already built; skip the others")
)

// ScaleResults is what bench/scale.json holds.
type ScaleResults struct {
	Machine Machine      `json:"machine"`
	Note    string       `json:"note"`
	CacheMB int          `json:"cache_mb"`
	Runs    []*ScaleRun  `json:"runs"`
	Targets []Target     `json:"targets"`
	Skipped []ScaleSkip  `json:"skipped,omitempty"`
	Corpus  ScaleCorpora `json:"corpus"`
}

type ScaleCorpora struct {
	Dir          string  `json:"dir"`
	Pages        int     `json:"pages"`
	LinksPerPage float64 `json:"links_per_page"`
	CommonWord   string  `json:"common_word"`
	RareWord     string  `json:"rare_word"`
}

// ScaleSkip is a size and store not run, and why.
type ScaleSkip struct {
	Pages  int    `json:"pages"`
	Store  string `json:"store"`
	Reason string `json:"reason"`
}

// ScaleRun is one size on one store.
type ScaleRun struct {
	Pages     int          `json:"pages"`
	Store     string       `json:"store"`
	Build     *ScaleBuild  `json:"build"`
	StoreMB   float64      `json:"store_mb"`
	RSSMB     float64      `json:"rss_mb"` // of folio serve after the views and the load
	ColdMs    []float64    `json:"cold_start_ms"`
	ColdMedMs float64      `json:"cold_start_median_ms"`
	First     Latency      `json:"first_view"` // random pages, once each after a restart
	Warm      Latency      `json:"warm_view"`  // the same pages again
	WarmRPS   float64      `json:"warm_view_rps"`
	WarmConns int          `json:"warm_view_connections"`
	Requests  []ScaleQuery `json:"requests"`
}

// ScaleBuild is how the wiki was built.
type ScaleBuild struct {
	Path          string    `json:"path"` // "folio import" (the real save path)
	Passes        int       `json:"passes"`
	Revisions     int       `json:"revisions"`
	Seconds       float64   `json:"seconds"`
	PagesPerSec   float64   `json:"pages_per_sec"` // pages / seconds of all passes
	RevsPerSec    float64   `json:"revisions_per_sec"`
	PassSeconds   []float64 `json:"pass_seconds"`
	PassRevisions []int     `json:"pass_revisions"`
	MaxRSSMB      float64   `json:"import_max_rss_mb"`
	Built         string    `json:"built"`
}

// Latency is a set of request times.
type Latency struct {
	N     int     `json:"n"`
	P50Ms float64 `json:"p50_ms"`
	P99Ms float64 `json:"p99_ms"`
	MaxMs float64 `json:"max_ms"`
}

// ScaleQuery is one kind of request: its first answer and the next ones.
type ScaleQuery struct {
	Name    string  `json:"name"`
	Path    string  `json:"path"`
	FirstMs float64 `json:"first_ms"`
	Latency         // the repeats
	Bytes   int     `json:"bytes"`
	// Failures are the answers other than 200 (the first included), the
	// last one's status in FailStatus: a search past the server's timeout
	// is a 503, measured like the others.
	Failures   int `json:"failures,omitempty"`
	FailStatus int `json:"fail_status,omitempty"`
}

// runScale is bench -scale.
func (b *bencher) runScale() error {
	sizes, err := parseSizes(*scaleSizes)
	if err != nil {
		return err
	}
	stores := strings.Split(*scaleStores, ",")
	for _, s := range stores {
		if s != "sqlite" && s != "postgres" {
			return fmt.Errorf("-stores: unknown store %q (sqlite, postgres)", s)
		}
	}
	b.folioBin = absPath(filepath.Join(b.out, "folio"))
	b.logf("building %s", b.folioBin)
	build := exec.Command(b.goBin, "build", "-o", b.folioBin, "./cmd/folio")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %w\n%s", err, out)
	}
	corpus, err := readCorpus(b.corpus)
	if err != nil {
		return err
	}
	res := &ScaleResults{Machine: machine(b), CacheMB: *scaleCacheMB,
		Note:   fmt.Sprintf("%d CPUs shared with other work (see the load average and pressure): load generator, folio serve and PostgreSQL on the same cores", b.machineCPUs()),
		Corpus: ScaleCorpora{Dir: b.corpus, Pages: len(corpus.rels), LinksPerPage: corpus.linksPerPage(), CommonWord: scaleCommonWord, RareWord: scaleRareWord}}
	defer func() {
		b.writeScale(res)
		printScale(os.Stdout, res)
		fmt.Printf("\nwrote %s (wikis in %s/scale/, logs in %s/)\n", *scaleResults, b.out, b.out)
	}()
	for _, n := range sizes {
		for _, st := range stores {
			if st == "postgres" && *scalePG == "" {
				res.Skipped = append(res.Skipped, ScaleSkip{n, st, "no PostgreSQL: run under scripts/with-postgres or set -pg"})
				continue
			}
			run, err := b.scaleOne(corpus, n, st)
			if errors.Is(err, errNotBuilt) {
				res.Skipped = append(res.Skipped, ScaleSkip{n, st, "not built (-no-build)"})
				continue
			}
			if err != nil {
				return fmt.Errorf("%d pages on %s: %w", n, st, err)
			}
			res.Runs = append(res.Runs, run)
			b.writeScale(res) // what is done so far survives a later failure
		}
	}
	return nil
}

func (b *bencher) machineCPUs() int { return machine(b).NumCPU }

func parseSizes(s string) ([]int, error) {
	var sizes []int
	for f := range strings.SplitSeq(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 10 {
			return nil, fmt.Errorf("-scale: bad size %q: want page counts ≥ 10, e.g. 10000,100000", f)
		}
		sizes = append(sizes, n)
	}
	return sizes, nil
}

// wiki is where one size lives on one store: the folio flags that open it.
type scaleWiki struct {
	dir   string   // data directory (blobs; the SQLite database)
	flags []string // --data …, --db …
	store string
	pages int
}

func (b *bencher) scaleWiki(n int, st string) (scaleWiki, error) {
	w := scaleWiki{dir: absPath(filepath.Join(b.out, "scale", fmt.Sprintf("%s-%d", st, n))), store: st, pages: n}
	w.flags = []string{"--data", w.dir}
	if st == "postgres" {
		dsn, err := scaleSchema(*scalePG, fmt.Sprintf("folio_scale_%d", n))
		if err != nil {
			return w, err
		}
		w.flags = append(w.flags, "--db", dsn)
	}
	return w, nil
}

// scaleOne builds (unless built) and measures one size on one store.
func (b *bencher) scaleOne(c *synthCorpus, n int, st string) (*ScaleRun, error) {
	w, err := b.scaleWiki(n, st)
	if err != nil {
		return nil, err
	}
	build, err := b.scaleBuilt(w)
	if (err != nil || build == nil) && *scaleNoBuild {
		return nil, errNotBuilt
	}
	if err != nil || build == nil || *scaleRebuild {
		if build, err = b.scaleBuild(c, w); err != nil {
			return nil, err
		}
	} else {
		b.logf("%d pages on %s: built on %s, not rebuilt (-rebuild does)", n, st, build.Built)
	}
	run := &ScaleRun{Pages: n, Store: st, Build: build}
	if err := b.scaleMeasure(c, w, run); err != nil {
		return nil, err
	}
	return run, nil
}

var errNotBuilt = errors.New("not built")

// scaleBuilt reads build.json of a built wiki, nil when there is none or
// the store lost the wiki (a throwaway PostgreSQL).
func (b *bencher) scaleBuilt(w scaleWiki) (*ScaleBuild, error) {
	js, err := os.ReadFile(filepath.Join(w.dir, "build.json"))
	if err != nil {
		return nil, nil
	}
	var build ScaleBuild
	if err := json.Unmarshal(js, &build); err != nil {
		return nil, nil
	}
	out, _, _, err := b.folio(nil, append([]string{"page", "get"}, append(w.flags, "Main_Page")...)...)
	if err != nil || len(out) == 0 {
		return nil, nil
	}
	return &build, nil
}

// scaleBuild builds the wiki with "folio import --dump -" (the bulk path:
// each page's whole history, its last revision rendered), fed a dump
// synthesized on the fly (scale_synth.go) through a pipe; then the front
// page through "folio page put".
func (b *bencher) scaleBuild(c *synthCorpus, w scaleWiki) (*ScaleBuild, error) {
	if err := os.RemoveAll(w.dir); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(w.dir, 0o755); err != nil {
		return nil, err
	}
	if w.store == "postgres" {
		if err := resetSchema(*scalePG, fmt.Sprintf("folio_scale_%d", w.pages)); err != nil {
			return nil, err
		}
	}
	build := &ScaleBuild{Path: "folio import --dump (bulk: whole histories, each page's last revision rendered, 500 pages a transaction; the dump synthesized on the fly on the same cores)"}
	pr, pw := io.Pipe()
	revs := make(chan int, 1)
	go func() {
		n, err := c.writeDump(pw, w.pages)
		revs <- n
		pw.CloseWithError(err)
	}()
	out, took, rss, err := b.folio(pr, append(append([]string{"import"}, w.flags...), "--dump", "-")...)
	pr.CloseWithError(errors.New("folio import ended"))
	if err != nil {
		return nil, err
	}
	m := regexp.MustCompile(`(\d+) created`).FindSubmatch(out)
	if m == nil {
		return nil, fmt.Errorf("folio import: unexpected output %q", out)
	}
	if cr, _ := strconv.Atoi(string(m[1])); cr != w.pages {
		return nil, fmt.Errorf("folio import --dump created %d of %d pages: %s", cr, w.pages, out)
	}
	build.Passes = 1
	build.Revisions = <-revs
	build.Seconds = round(took.Seconds(), 1)
	build.PassSeconds = []float64{build.Seconds}
	build.PassRevisions = []int{build.Revisions}
	build.MaxRSSMB = round(float64(rss)/1024, 1)
	b.logf("%d pages on %s: loaded %d revisions in %s (%.0f/s)", w.pages, w.store, build.Revisions, took.Round(time.Second), float64(build.Revisions)/took.Seconds())
	seed, err := os.ReadFile(filepath.Join("server", "seed", "Main_Page.md"))
	if err != nil {
		return nil, err
	}
	if _, _, _, err := b.folio(bytes.NewReader(seed), append(append([]string{"page", "put"}, w.flags...), "--summary", "seed", "Main_Page")...); err != nil {
		return nil, err
	}
	build.PagesPerSec = round(float64(w.pages)/build.Seconds, 1)
	build.RevsPerSec = round(float64(build.Revisions)/build.Seconds, 1)
	build.Built = time.Now().UTC().Format(time.RFC3339)
	js, _ := json.MarshalIndent(build, "", "  ")
	return build, os.WriteFile(filepath.Join(w.dir, "build.json"), js, 0o644)
}

// scaleSchema returns dsn with search_path set to schema.
func scaleSchema(dsn, schema string) (string, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			return "", fmt.Errorf("-pg: %w", err)
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String(), nil
	}
	if dsn == "" {
		return "", errors.New("-pg: no DSN")
	}
	return dsn + " search_path=" + schema, nil
}

// resetSchema drops and creates schema.
func resetSchema(dsn, schema string) error {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	defer conn.Close(ctx)
	id := pgx.Identifier{schema}.Sanitize()
	if _, err := conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+id+" CASCADE"); err != nil {
		return fmt.Errorf("postgres: drop schema %s: %w", schema, err)
	}
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+id); err != nil {
		return fmt.Errorf("postgres: create schema %s: %w", schema, err)
	}
	return nil
}

// schemaMB is the size of schema's tables and indexes.
func schemaMB(dsn, schema string) (float64, error) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return 0, err
	}
	defer conn.Close(ctx)
	var n int64
	err = conn.QueryRow(ctx, `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c
		JOIN pg_namespace ns ON ns.oid = c.relnamespace WHERE ns.nspname = $1 AND c.relkind IN ('r', 'm')`, schema).Scan(&n)
	return round(float64(n)/(1<<20), 1), err
}

// dirMB is the size of the files under dir.
func dirMB(dir string) float64 {
	var n int64
	_ = filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			n += fi.Size()
		}
		return nil
	})
	return round(float64(n)/(1<<20), 1)
}

func (c *synthCorpus) linksPerPage() float64 {
	n := 0
	for _, t := range c.texts {
		n += len(wikiLinkRE.FindAllStringIndex(t, -1))
	}
	return round(float64(n)/float64(len(c.texts)), 2)
}
