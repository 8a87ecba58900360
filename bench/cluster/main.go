// Command cluster is "make bench-cluster": Folio as several nodes on one
// PostgreSQL database behind Varnish, under a mixed load, with the time an
// edit takes to reach every node and the cache measured.
//
// It builds folio, and for each node count of -nodes (2 by default; "2,3"
// adds a run with a third node) seeds a fresh schema of the PostgreSQL
// server named by FOLIO_TEST_POSTGRES (or -dsn; scripts/with-postgres
// starts a throwaway one) with the corpus, starts that many "folio serve"
// on it, each sending its PURGEs to one varnishd whose VCL is "folio cdn
// varnish"'s, balanced round-robin over the nodes. Then -c closed-loop
// connections send, for -d: 95 % page views of random pages, alternately
// anonymous through Varnish and logged in straight to the nodes in turn,
// and 5 % edits of random pages (logged in, through the nodes in turn).
// After each edit's answer, the page is polled on every node and through
// Varnish until it shows the edit: its propagation. After the run, every
// page edited is read from every node and through Varnish; one that does
// not show its last edit fails the run, loudly.
//
// It writes -results (JSON) and prints a table. Like bench, it shares the
// machine with what it measures: on a small machine the nodes, PostgreSQL,
// Varnish and the load generator compete for the same cores.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// runner holds the settings of a run.
type runner struct {
	goBin     string
	folioBin  string
	corpus    string
	out       string
	dsn       string
	conns     int
	duration  time.Duration
	warmup    time.Duration
	editShare float64
	pollEvery time.Duration
	pollLimit time.Duration
	verbose   bool
	start     time.Time
}

func main() {
	r := &runner{start: time.Now()}
	results := flag.String("results", "bench/cluster-results.json", "where to write the results")
	nodes := flag.String("nodes", "2", "node counts to run, comma-separated (each a run of its own on a fresh schema): 2,3 adds a third node")
	flag.StringVar(&r.goBin, "go", "go", "the go command")
	flag.StringVar(&r.corpus, "corpus", "testdata/corpus/silverbullet-docs/pages", "the Markdown tree the wiki is imported from")
	flag.StringVar(&r.out, "out", "bench/out-cluster", "scratch directory: the folio binary, logs, the VCL")
	flag.StringVar(&r.dsn, "dsn", os.Getenv("FOLIO_TEST_POSTGRES"), "the PostgreSQL server (each run makes a schema of its own there and drops it); default $FOLIO_TEST_POSTGRES")
	flag.IntVar(&r.conns, "c", 8, "connections (closed loops) of the load")
	flag.DurationVar(&r.duration, "d", 30*time.Second, "how long the measured load runs")
	flag.DurationVar(&r.warmup, "warmup", 5*time.Second, "views (no edits) before the measured load, not counted")
	flag.Float64Var(&r.editShare, "edits", 0.05, "the share of edits among the requests")
	flag.DurationVar(&r.pollEvery, "poll-every", 5*time.Millisecond, "pause between two polls of an edited page on one target")
	flag.DurationVar(&r.pollLimit, "poll-limit", 10*time.Second, "how long after an edit its pollers give up (the edit then counts as not propagated)")
	flag.BoolVar(&r.verbose, "v", true, "log progress to stderr")
	flag.Parse()
	if _, err := os.Stat(filepath.Join("cmd", "folio")); err != nil {
		fail(fmt.Errorf("run it from the repository root (make bench-cluster): %w", err))
	}
	if r.dsn == "" {
		fail(fmt.Errorf("no PostgreSQL: set FOLIO_TEST_POSTGRES or -dsn, or run it through scripts/with-postgres (make bench-cluster does)"))
	}
	var counts []int
	for s := range strings.SplitSeq(*nodes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			fail(fmt.Errorf("-nodes %q: want node counts like 2 or 2,3", *nodes))
		}
		counts = append(counts, n)
	}
	if err := os.MkdirAll(r.out, 0o755); err != nil {
		fail(err)
	}
	if err := r.build(); err != nil {
		fail(err)
	}
	res := &Results{Machine: machine(), Settings: r.settings()}
	var stale int
	for _, n := range counts {
		run, err := r.runCluster(n)
		if err != nil {
			fail(err)
		}
		res.Runs = append(res.Runs, run)
		stale += len(run.Stale)
	}
	res.Machine.Seconds = round(time.Since(r.start).Seconds(), 1)
	res.Machine.LoadAvgEnd = loadavg()
	js, _ := json.MarshalIndent(res, "", "  ")
	if err := os.WriteFile(*results, append(js, '\n'), 0o644); err != nil {
		fail(err)
	}
	printTable(os.Stdout, res)
	fmt.Printf("\nwrote %s (logs and the VCL in %s/) in %.0f s\n", *results, r.out, res.Machine.Seconds)
	if stale > 0 {
		fmt.Fprintf(os.Stderr, "\n!!! bench-cluster: %d stale reads after the run (see \"stale\" in %s) !!!\n", stale, *results)
		os.Exit(1)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench-cluster:", err)
	os.Exit(1)
}

func (r *runner) logf(format string, args ...any) {
	if r.verbose {
		fmt.Fprintf(os.Stderr, "bench-cluster %5.1fs: %s\n", time.Since(r.start).Seconds(), fmt.Sprintf(format, args...))
	}
}

// build compiles folio into the scratch directory.
func (r *runner) build() error {
	r.folioBin, _ = filepath.Abs(filepath.Join(r.out, "folio"))
	r.logf("building folio")
	cmd := exec.Command(r.goBin, "build", "-o", r.folioBin, "./cmd/folio")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build ./cmd/folio: %w\n%s", err, out)
	}
	return nil
}

// runCluster sets up n nodes and Varnish on a fresh schema, runs the load
// and the final check, and takes it all down.
func (r *runner) runCluster(n int) (*Run, error) {
	ctx := context.Background()
	schema, drop, err := newSchema(ctx, r.dsn)
	if err != nil {
		return nil, err
	}
	defer drop()
	c := &cluster{schema: schema}
	if c.token, err = r.seed(schema); err != nil {
		return nil, err
	}
	vaddr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	var addrs []string
	for i := range n {
		addr, err := freeAddr()
		if err != nil {
			return nil, err
		}
		p, err := r.startNode(i+1, schema, addr, vaddr)
		if err != nil {
			return nil, err
		}
		defer p.stop()
		c.nodes = append(c.nodes, p)
		addrs = append(addrs, addr)
	}
	if c.varnish, err = r.startVarnish(vaddr, addrs); err != nil {
		return nil, err
	}
	defer c.varnish.stop()
	r.logf("%d nodes on PostgreSQL behind Varnish on %s", n, vaddr)
	if c.session, err = login(c.nodes[0].url(""), benchUser, benchPassword); err != nil {
		return nil, err
	}
	if c.titles, err = titles(c.nodes[0].url("")); err != nil {
		return nil, err
	}
	l := newLoad(r, c)
	r.logf("warm-up: %s of views over %d pages", r.warmup, len(c.titles))
	l.run(r.conns, r.warmup, false)
	r.logf("load: %s, %d connections, %.0f %% edits", r.duration, r.conns, r.editShare*100)
	stats, took := l.run(r.conns, r.duration, true)
	r.logf("waiting for the pollers of the last edits")
	l.pollers.Wait()
	checked, stale := l.finalCheck()
	run := summarize(n, l, stats, took)
	run.Checked, run.Stale = checked, stale
	r.logf("%d edits, %d pages edited; final check: %d reads, %d stale", run.Edits, run.PagesEdited, checked, len(stale))
	return run, nil
}

// Machine says where the run ran.
type Machine struct {
	Date         string  `json:"date"`
	Commit       string  `json:"commit"`
	GoVersion    string  `json:"go"`
	CPU          string  `json:"cpu"`
	NumCPU       int     `json:"num_cpu"`
	Kernel       string  `json:"kernel"`
	Seconds      float64 `json:"seconds"`
	LoadAvgStart string  `json:"loadavg_start"`
	LoadAvgEnd   string  `json:"loadavg_end"`
	Note         string  `json:"note"`
}

func machine() Machine {
	m := Machine{Date: time.Now().UTC().Format(time.RFC3339), GoVersion: runtime.Version(), NumCPU: runtime.NumCPU(), LoadAvgStart: loadavg(),
		Note: "the nodes, PostgreSQL, Varnish and the load generator share these cores (and whatever else runs on the machine)"}
	if out, err := exec.Command("git", "describe", "--always", "--dirty").Output(); err == nil {
		m.Commit = strings.TrimSpace(string(out))
	}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for line := range strings.SplitSeq(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "model name"); ok {
				m.CPU = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), ":"))
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.Kernel = strings.TrimSpace(string(b))
	}
	return m
}

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

// Settings are the run's flags.
type Settings struct {
	Corpus      string  `json:"corpus"`
	Conns       int     `json:"connections"`
	Seconds     float64 `json:"seconds"`
	WarmupSec   float64 `json:"warmup_seconds"`
	EditShare   float64 `json:"edit_share"`
	PollEveryMs float64 `json:"poll_every_ms"`
	PollLimitS  float64 `json:"poll_limit_seconds"`
}

func (r *runner) settings() Settings {
	return Settings{Corpus: r.corpus, Conns: r.conns, Seconds: r.duration.Seconds(), WarmupSec: r.warmup.Seconds(),
		EditShare: r.editShare, PollEveryMs: float64(r.pollEvery) / 1e6, PollLimitS: r.pollLimit.Seconds()}
}
