package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// goBenchPackages are the packages whose benchmarks make bench runs, and
// goBenchPattern picks the benchmarks of the page-view path in them.
var goBenchPackages = []string{"./router", "./pageinfo", "./pageinfo/markdown", "./skin", "./bench"}

const goBenchPattern = `^Benchmark(Classify\w*|RevisionMiss|LatestHit|Render20KB|RenderDesktop20KB\w*|ViewData|UserInfoHit|View\w+)$`

// GoBench is one line of "go test -bench" output.
type GoBench struct {
	Package     string             `json:"package"`
	Name        string             `json:"name"` // without "Benchmark" and the -GOMAXPROCS suffix
	Iterations  int64              `json:"iterations"`
	NsPerOp     float64            `json:"ns_per_op"`
	BytesPerOp  float64            `json:"bytes_per_op"`
	AllocsPerOp float64            `json:"allocs_per_op"`
	MBPerS      float64            `json:"mb_per_s,omitempty"`
	Other       map[string]float64 `json:"other,omitempty"`
	Runs        []float64          `json:"ns_per_op_runs,omitempty"` // every run's ns/op; the figures above are medians
}

// runGoBench runs the benchmarks and parses their output; the raw output
// goes to out/gobench.txt.
func (b *bencher) runGoBench() ([]GoBench, error) {
	// -p 1: one package's benchmarks at a time, never two sharing the CPUs.
	args := []string{"test", "-p", "1", "-run", "^$", "-bench", goBenchPattern, "-benchmem", "-benchtime", b.benchtime, "-count", strconv.Itoa(b.count)}
	args = append(args, goBenchPackages...)
	b.logf("go %s", strings.Join(args, " "))
	cmd := exec.Command(b.goBin, args...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if werr := os.WriteFile(filepath.Join(b.out, "gobench.txt"), out, 0o644); werr != nil {
		return nil, werr
	}
	if err != nil {
		return nil, fmt.Errorf("go test -bench: %w (output in %s)", err, filepath.Join(b.out, "gobench.txt"))
	}
	return medians(parseGoBench(out)), nil
}

// medians merges the runs of each benchmark (-count) into one: the median
// of each figure, which a burst of other work on the machine moves least.
func medians(all []GoBench) []GoBench {
	var res []GoBench
	runs := map[string][]GoBench{}
	for _, g := range all {
		k := g.Package + "." + g.Name
		if runs[k] == nil {
			res = append(res, g)
		}
		runs[k] = append(runs[k], g)
	}
	for i, g := range res {
		rs := runs[g.Package+"."+g.Name]
		pick := func(f func(GoBench) float64) float64 {
			v := make([]float64, len(rs))
			for j, r := range rs {
				v[j] = f(r)
			}
			return median(v)
		}
		g.NsPerOp = pick(func(r GoBench) float64 { return r.NsPerOp })
		g.BytesPerOp = pick(func(r GoBench) float64 { return r.BytesPerOp })
		g.AllocsPerOp = pick(func(r GoBench) float64 { return r.AllocsPerOp })
		g.MBPerS = pick(func(r GoBench) float64 { return r.MBPerS })
		g.Runs = nil
		for _, r := range rs {
			g.Runs = append(g.Runs, r.NsPerOp)
		}
		res[i] = g
	}
	return res
}

// parseGoBench reads the benchmark lines of "go test -bench" output, with
// the package each follows ("pkg: …").
func parseGoBench(out []byte) []GoBench {
	var res []GoBench
	pkg := ""
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		if p, ok := strings.CutPrefix(line, "pkg: "); ok {
			pkg = strings.TrimPrefix(p, "github.com/foliowiki/folio/")
			continue
		}
		f := strings.Fields(line)
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") || len(f)%2 != 0 {
			continue
		}
		n, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			continue
		}
		name := strings.TrimPrefix(f[0], "Benchmark")
		if i := strings.LastIndexByte(name, '-'); i > 0 {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				name = name[:i]
			}
		}
		gb := GoBench{Package: pkg, Name: name, Iterations: n}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			switch f[i+1] {
			case "ns/op":
				gb.NsPerOp = v
			case "B/op":
				gb.BytesPerOp = v
			case "allocs/op":
				gb.AllocsPerOp = v
			case "MB/s":
				gb.MBPerS = v
			default:
				if gb.Other == nil {
					gb.Other = map[string]float64{}
				}
				gb.Other[f[i+1]] = v
			}
		}
		res = append(res, gb)
	}
	return res
}

// profile runs the logged-in view benchmark under the CPU and memory
// profilers and writes the top of each to out/ (pprof files beside them).
func (b *bencher) profile() ([]string, error) {
	cpu := filepath.Join(b.out, "view-loggedin.cpu.pprof")
	mem := filepath.Join(b.out, "view-loggedin.mem.pprof")
	bin := filepath.Join(b.out, "bench.test")
	args := []string{"test", "-run", "^$", "-bench", "^BenchmarkViewLoggedIn$", "-benchtime", "3s",
		"-cpuprofile", cpu, "-memprofile", mem, "-o", bin, "./bench"}
	b.logf("go %s", strings.Join(args, " "))
	cmd := exec.Command(b.goBin, args...)
	cmd.Stderr = os.Stderr
	if out, err := cmd.Output(); err != nil {
		return nil, fmt.Errorf("profiling: %w\n%s", err, out)
	}
	var top []string
	for _, p := range []struct{ file, prof, flag string }{
		{"view-loggedin.cpu.top.txt", cpu, "-top"},
		{"view-loggedin.cpu.cum.txt", cpu, "-cum"},
		{"view-loggedin.alloc.top.txt", mem, "-sample_index=alloc_space"},
	} {
		args := []string{"tool", "pprof", "-top", "-nodecount=40"}
		if p.flag != "-top" {
			args = append(args, p.flag)
		}
		args = append(args, bin, p.prof)
		out, err := exec.Command(b.goBin, args...).CombinedOutput()
		if err != nil {
			return nil, fmt.Errorf("go tool pprof: %w\n%s", err, out)
		}
		if err := os.WriteFile(filepath.Join(b.out, p.file), out, 0o644); err != nil {
			return nil, err
		}
		top = append(top, filepath.Join(b.out, p.file))
	}
	return top, nil
}
