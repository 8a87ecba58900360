package main

import (
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// Results is what -results holds.
type Results struct {
	Machine  Machine  `json:"machine"`
	Settings Settings `json:"settings"`
	Runs     []*Run   `json:"runs"`
}

// Run is one cluster size, measured.
type Run struct {
	Nodes       int           `json:"nodes"`
	Seconds     float64       `json:"seconds"`
	RPS         float64       `json:"rps"` // every kind
	Kinds       []*KindResult `json:"kinds"`
	Edits       int           `json:"edits"`
	PagesEdited int           `json:"pages_edited"`
	// Propagation, by target ("node1", …, "varnish", and "all": the last
	// of them per edit): from an edit's answer to that target's first
	// answer showing it.
	Propagation []*PropResult `json:"propagation"`
	Checked     int           `json:"final_check_reads"`
	Stale       []Stale       `json:"stale"` // must be empty
}

// KindResult is one kind of request.
type KindResult struct {
	Kind      string  `json:"kind"`
	Requests  int     `json:"requests"`
	Errors    int     `json:"errors"`
	LastError string  `json:"last_error,omitempty"`
	RPS       float64 `json:"rps"`
	P50Ms     float64 `json:"p50_ms"`
	P99Ms     float64 `json:"p99_ms"`
	MaxMs     float64 `json:"max_ms"`
}

// PropResult is the propagation to one target.
type PropResult struct {
	Target     string  `json:"target"`
	Edits      int     `json:"edits"`
	NotReached int     `json:"not_reached"` // within the poll limit
	P50Ms      float64 `json:"p50_ms"`
	P99Ms      float64 `json:"p99_ms"`
	MaxMs      float64 `json:"max_ms"`
}

var markRE = regexp.MustCompile(`bcedit\d{6}x[0-9a-f]+`)

// summarize turns what the workers and pollers measured into a Run.
func summarize(nodes int, l *load, stats map[string][]*tally, took time.Duration) *Run {
	run := &Run{Nodes: nodes, Seconds: round(took.Seconds(), 2), PagesEdited: len(l.edited())}
	kinds := []string{kindAnon}
	for i := range nodes {
		kinds = append(kinds, fmt.Sprintf(kindUser, i+1))
	}
	for i := range nodes {
		kinds = append(kinds, fmt.Sprintf(kindEdit, i+1))
	}
	total := 0
	for _, k := range kinds {
		kr := &KindResult{Kind: k}
		var all []time.Duration
		for _, t := range stats[k] {
			all = append(all, t.latencies...)
			kr.Errors += t.errors
			if t.lastErr != "" {
				kr.LastError = t.lastErr
			}
		}
		slices.Sort(all)
		kr.Requests = len(all)
		total += len(all)
		kr.RPS = round(float64(len(all))/took.Seconds(), 1)
		kr.P50Ms, kr.P99Ms = ms(percentile(all, 0.50)), ms(percentile(all, 0.99))
		if len(all) > 0 {
			kr.MaxMs = ms(all[len(all)-1])
		}
		if strings.HasPrefix(k, "edit") {
			run.Edits += len(all)
		}
		run.Kinds = append(run.Kinds, kr)
	}
	run.RPS = round(float64(total)/took.Seconds(), 1)
	targets := []string{}
	for _, t := range l.c.targets() {
		targets = append(targets, t.name)
	}
	by := map[string][]time.Duration{}
	missed := map[string]int{}
	for _, pr := range l.prop {
		var last time.Duration
		complete := true
		for _, t := range targets {
			d, ok := pr.after[t]
			if !ok {
				missed[t]++
				complete = false
				continue
			}
			by[t] = append(by[t], d)
			last = max(last, d)
		}
		if complete {
			by["all"] = append(by["all"], last)
		} else {
			missed["all"]++
		}
	}
	for _, t := range append(targets, "all") {
		d := by[t]
		slices.Sort(d)
		p := &PropResult{Target: t, Edits: len(d) + missed[t], NotReached: missed[t], P50Ms: ms(percentile(d, 0.5)), P99Ms: ms(percentile(d, 0.99))}
		if len(d) > 0 {
			p.MaxMs = ms(d[len(d)-1])
		}
		run.Propagation = append(run.Propagation, p)
	}
	return run
}

// printTable prints the runs for people.
func printTable(w io.Writer, res *Results) {
	m := res.Machine
	fmt.Fprintf(w, "\nbench-cluster %s, %s, %d cores (%s; %s), load average %s → %s\n", m.Date, m.Commit, m.NumCPU, m.CPU, m.Note, m.LoadAvgStart, m.LoadAvgEnd)
	s := res.Settings
	fmt.Fprintf(w, "%d connections, %.0f s after %.0f s of warm-up, %.0f %% edits; corpus %s\n", s.Conns, s.Seconds, s.WarmupSec, s.EditShare*100, s.Corpus)
	for _, run := range res.Runs {
		fmt.Fprintf(w, "\n%d nodes: %.0f requests/s in all, %d edits of %d pages\n\n", run.Nodes, run.RPS, run.Edits, run.PagesEdited)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "request kind\trequests\treq/s\tp50 ms\tp99 ms\tmax ms\terrors\t")
		for _, k := range run.Kinds {
			fmt.Fprintf(tw, "%s\t%d\t%.1f\t%.2f\t%.2f\t%.1f\t%d\t\n", k.Kind, k.Requests, k.RPS, k.P50Ms, k.P99Ms, k.MaxMs, k.Errors)
		}
		tw.Flush()
		fmt.Fprintln(w)
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "propagation (edit's answer → serves it)\tedits\tp50 ms\tp99 ms\tmax ms\tnot reached\t")
		for _, p := range run.Propagation {
			name := p.Target
			if name == "all" {
				name = "all of them (the last, per edit)"
			}
			fmt.Fprintf(tw, "%s\t%d\t%.1f\t%.1f\t%.1f\t%d\t\n", name, p.Edits, p.P50Ms, p.P99Ms, p.MaxMs, p.NotReached)
		}
		tw.Flush()
		verdict := "none stale"
		if len(run.Stale) > 0 {
			verdict = fmt.Sprintf("%d STALE", len(run.Stale))
		}
		fmt.Fprintf(w, "\nafter the run: %d pages edited × (every node, Varnish) × readers = %d reads, %s\n", run.PagesEdited, run.Checked, verdict)
		for i, st := range run.Stale {
			if i == 10 {
				fmt.Fprintf(w, "  … and %d more\n", len(run.Stale)-10)
				break
			}
			fmt.Fprintf(w, "  STALE %s on %s (%s): want %s, %s\n", st.Page, st.Target, st.Reader, st.Want, st.Got)
		}
	}
}

// percentile is the nearest-rank percentile of sorted samples.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(math.Ceil(p*float64(len(sorted)))) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func ms(d time.Duration) float64 { return round(float64(d)/1e6, 3) }

func round(x float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(x*p) / p
}
