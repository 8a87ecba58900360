// Command bench is Folio's benchmark suite, run from the repository root by
// "make bench" (go run ./bench). It runs the Go benchmarks of the page-view
// path, profiles the logged-in view, then builds folio with the folio_bench
// tag and measures it as a separate process: an interleaved load run of
// anonymous, logged-in and reference views, cold starts, the first view
// after an edit, import throughput, memory, and a wiki of 10× the pages. It
// writes bench/results.json and prints a table. BENCHMARKS.md explains the
// figures.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"
)

// bencher holds the settings of one run.
type bencher struct {
	goBin     string
	folioBin  string
	corpus    string // the corpus the wiki is made of
	out       string // scratch directory: data, logs, profiles
	benchtime string
	count     int
	verbose   bool

	conns           int
	phase           time.Duration
	warmup          time.Duration
	rounds          int
	page            string // the page under load, as a URL path title
	coldRuns        int
	editRuns        int
	multiplier      int // the big wiki holds this many copies of the corpus
	start           time.Time
	skipGo, skipE2E bool
}

func main() {
	b := &bencher{start: time.Now()}
	results := flag.String("results", "bench/results.json", "where to write the results")
	flag.StringVar(&b.goBin, "go", "go", "the go command")
	flag.StringVar(&b.corpus, "corpus", "testdata/corpus/silverbullet-docs/pages", "the Markdown tree the wiki is imported from")
	flag.StringVar(&b.out, "out", "bench/out", "scratch directory (data directories, logs, profiles)")
	flag.StringVar(&b.benchtime, "benchtime", "500ms", "-benchtime of the Go benchmarks")
	flag.IntVar(&b.count, "count", 3, "-count of the Go benchmarks (the table shows medians)")
	flag.IntVar(&b.conns, "c", 16, "connections of the load run")
	flag.DurationVar(&b.phase, "phase", time.Second, "length of one scenario's phase in the load run")
	flag.DurationVar(&b.warmup, "warmup", time.Second, "warm-up per scenario before the load run")
	flag.IntVar(&b.rounds, "rounds", 8, "rounds of the load run (each runs every scenario for -phase)")
	flag.StringVar(&b.page, "page", "Space_Lua/Integrated_Query", "the page under load (a title of the corpus, as in its URL)")
	flag.IntVar(&b.coldRuns, "cold", 10, "cold starts measured")
	flag.IntVar(&b.editRuns, "edits", 5, "edits measured")
	flag.IntVar(&b.multiplier, "x", 10, "the big wiki holds this many copies of the corpus")
	flag.BoolVar(&b.skipGo, "skip-go", false, "skip the Go benchmarks and the profile")
	flag.BoolVar(&b.skipE2E, "skip-e2e", false, "skip everything that runs folio serve")
	flag.BoolVar(&b.verbose, "v", true, "log progress to stderr")
	flag.Parse()
	if _, err := os.Stat(filepath.Join("cmd", "folio")); err != nil {
		fail(fmt.Errorf("run it from the repository root (make bench): %w", err))
	}
	if err := os.MkdirAll(b.out, 0o755); err != nil {
		fail(err)
	}
	if *scaleSizes != "" { // make bench-scale (scale.go)
		if err := b.runScale(); err != nil {
			fail(err)
		}
		return
	}
	res := &Results{Machine: machine(b), MediaWiki: mediaWiki}
	if !b.skipGo {
		gb, err := b.runGoBench()
		if err != nil {
			fail(err)
		}
		res.GoBench = gb
		if res.Profiles, err = b.profile(); err != nil {
			fail(err)
		}
	}
	if !b.skipE2E {
		if err := b.endToEnd(res); err != nil {
			fail(err)
		}
	}
	res.Targets = targets(res)
	res.Machine.Seconds = round(time.Since(b.start).Seconds(), 1)
	res.Machine.LoadAvgEnd, res.Machine.PressureEnd = loadavg(), pressure()
	js, _ := json.MarshalIndent(res, "", "  ")
	if err := os.WriteFile(*results, append(js, '\n'), 0o644); err != nil {
		fail(err)
	}
	printTable(os.Stdout, res)
	fmt.Printf("\nwrote %s (raw output, logs and profiles in %s/) in %.0f s\n", *results, b.out, res.Machine.Seconds)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}

func (b *bencher) logf(format string, args ...any) {
	if b.verbose {
		fmt.Fprintf(os.Stderr, "bench %5.1fs: %s\n", time.Since(b.start).Seconds(), fmt.Sprintf(format, args...))
	}
}

// Results is what bench/results.json holds.
type Results struct {
	Machine   Machine                 `json:"machine"`
	GoBench   []GoBench               `json:"go_benchmarks,omitempty"`
	Profiles  []string                `json:"profiles,omitempty"`
	Load      *LoadResult             `json:"load,omitempty"`
	ColdStart *ColdStart              `json:"cold_start,omitempty"`
	Edit      *EditResult             `json:"edit,omitempty"`
	Templates *TemplateResult         `json:"templates,omitempty"`
	Import    map[string]ImportResult `json:"import,omitempty"`
	Memory    map[string]MemoryResult `json:"memory,omitempty"`
	MediaWiki MediaWikiAnchor         `json:"mediawiki_anchor"`
	Targets   []Target                `json:"targets"`
}

type Machine struct {
	Date       string  `json:"date"`
	Commit     string  `json:"commit"`
	GoVersion  string  `json:"go"`
	CPU        string  `json:"cpu"`
	NumCPU     int     `json:"num_cpu"`
	GOMAXPROCS int     `json:"gomaxprocs"`
	Kernel     string  `json:"kernel"`
	Seconds    float64 `json:"seconds"` // the whole run
	// The load average before and after the run: other work on the machine
	// shows here, and skews every figure.
	LoadAvgStart  string `json:"loadavg_start"`
	LoadAvgEnd    string `json:"loadavg_end"`
	PressureStart string `json:"pressure_start"` // /proc/pressure "some" avg60 of cpu, memory, io, in %
	PressureEnd   string `json:"pressure_end"`
}

func machine(b *bencher) Machine {
	m := Machine{Date: time.Now().UTC().Format(time.RFC3339), NumCPU: runtime.NumCPU(), GOMAXPROCS: runtime.GOMAXPROCS(0)}
	if out, err := exec.Command("git", "describe", "--always", "--dirty").Output(); err == nil {
		m.Commit = strings.TrimSpace(string(out))
	}
	if out, err := exec.Command(b.goBin, "env", "GOVERSION").Output(); err == nil {
		m.GoVersion = strings.TrimSpace(string(out))
	}
	if info, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for line := range strings.SplitSeq(string(info), "\n") {
			if v, ok := strings.CutPrefix(line, "model name"); ok {
				m.CPU = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), ":"))
				break
			}
		}
	}
	m.LoadAvgStart, m.PressureStart = loadavg(), pressure()
	if k, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.Kernel = strings.TrimSpace(string(k))
	}
	return m
}

// LoadResult is the interleaved load run.
type LoadResult struct {
	Page         string                     `json:"page"`
	Connections  int                        `json:"connections"`
	PhaseSeconds float64                    `json:"phase_seconds"`
	Rounds       int                        `json:"rounds"`
	Scenarios    map[string]*ScenarioResult `json:"scenarios"` // a, b, l, c, a10, b10, w
	Ratios       map[string]float64         `json:"ratios"`
	Compression  *CompressionResult         `json:"compression,omitempty"`
}

// CompressionResult is what the compressed views weigh.
type CompressionResult struct {
	AnonymousBytes         int                   `json:"anonymous_bytes"`          // az's body as sent (Brotli, kept whole)
	LoggedInBytes          int                   `json:"logged_in_bytes"`          // bz's body as sent (gzip, spliced)
	AnonymousIdentityBytes int                   `json:"anonymous_identity_bytes"` // a's body
	LoggedInIdentityBytes  int                   `json:"logged_in_identity_bytes"` // b's body
	Spliced                map[string]SpliceSize `json:"spliced"`                  // by encoding: the logged-in view spliced vs compressed whole
}

// SpliceSize compares a spliced view with the same HTML compressed whole.
type SpliceSize struct {
	Spliced int     `json:"spliced"`
	Whole   int     `json:"whole"`
	Ratio   float64 `json:"ratio"` // spliced / whole
}

type ColdStart struct {
	RunsMs   []float64 `json:"runs_ms"`
	MedianMs float64   `json:"median_ms"`
	MinMs    float64   `json:"min_ms"`
	MaxMs    float64   `json:"max_ms"`
}

// EditResult is a save through the API and the views right after it.
type EditResult struct {
	Page            string  `json:"page"`
	Runs            int     `json:"runs"`
	SaveMs          float64 `json:"save_ms"`            // PUT /api/v1/pages/T, median
	FirstViewMs     float64 `json:"first_view_ms"`      // the next GET of the page, median
	SecondViewMs    float64 `json:"second_view_ms"`     // the GET after that, median
	FirstViewMaxMs  float64 `json:"first_view_max_ms"`  // worst first view
	SecondViewMaxMs float64 `json:"second_view_max_ms"` // worst second view
}

type ImportResult struct {
	Pages       int     `json:"pages"`
	Seconds     float64 `json:"seconds"`
	PagesPerSec float64 `json:"pages_per_sec"`
	MaxRSSMB    float64 `json:"max_rss_mb"` // of the import process
}

// MemoryResult is the RSS of a serve process.
type MemoryResult struct {
	Pages         int     `json:"pages"`
	RSSStartMB    float64 `json:"rss_start_mb"`  // after its first 200
	RSSViewedMB   float64 `json:"rss_viewed_mb"` // after viewing every page once
	FirstViewMs   float64 `json:"first_view_ms"` // mean of those first views (memory cache cold)
	FirstViewP99  float64 `json:"first_view_p99_ms"`
	RSSAfterRunMB float64 `json:"rss_after_load_mb"` // after the load run
}

// MediaWikiAnchor is MediaWiki 1.39 on this machine, from
// bench/mediawiki/RESULTS.md (medians of 3 runs, wrk -c16).
type MediaWikiAnchor struct {
	Source           string  `json:"source"`
	AnonymousRPS     float64 `json:"anonymous_rps"`
	LoggedInRPS      float64 `json:"logged_in_rps"`
	FileCacheRPS     float64 `json:"file_cache_rps"`
	StaticNginxRPS   float64 `json:"static_nginx_rps"`
	AnonymousP50Ms   float64 `json:"anonymous_p50_ms"`
	LoggedInP50Ms    float64 `json:"logged_in_p50_ms"`
	LoggedInP99Ms    float64 `json:"logged_in_p99_ms"`
	ParserMissMs     string  `json:"parser_cache_miss_ms"`
	ColdStartMs      string  `json:"cold_start_ms"`
	PageHTMLBytes    int     `json:"page_html_bytes"`
	LoadGenerator    string  `json:"load_generator"`
	MeasuredOnDate   string  `json:"measured"`
	FolioLoggedInMin float64 `json:"folio_logged_in_target_factor"`
}

var mediaWiki = MediaWikiAnchor{
	Source:       "bench/mediawiki/RESULTS.md",
	AnonymousRPS: 76, LoggedInRPS: 64, FileCacheRPS: 313, StaticNginxRPS: 70179,
	AnonymousP50Ms: 209, LoggedInP50Ms: 246, LoggedInP99Ms: 291,
	ParserMissMs: "36.5–46.0", ColdStartMs: "389–605", PageHTMLBytes: 33642,
	LoadGenerator: "wrk -t2 -c16 -d20s", MeasuredOnDate: "2026-11-23", FolioLoggedInMin: 200,
}

// loadavg is the 1, 5 and 15 minute load averages.
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return ""
}

// pressure is the share of the last minute in which some task waited for
// CPU, memory or I/O (Linux PSI), e.g. "cpu 35.2% memory 0.0% io 1.3%".
func pressure() string {
	var parts []string
	for _, r := range []string{"cpu", "memory", "io"} {
		b, err := os.ReadFile("/proc/pressure/" + r)
		if err != nil {
			return ""
		}
		for _, f := range strings.Fields(strings.SplitN(string(b), "\n", 2)[0]) {
			if v, ok := strings.CutPrefix(f, "avg60="); ok {
				parts = append(parts, r+" "+v+"%")
			}
		}
	}
	return strings.Join(parts, " ")
}

func round(v float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(v*p) / p
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}
