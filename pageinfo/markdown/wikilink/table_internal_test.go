package wikilink

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark/util"

	"github.com/foliowiki/folio/pageinfo/markdown/wikidoc"
)

// naiveMask is maskLine without the table of backtick runs: it searches
// for each closing run from scratch, in quadratic time.
func naiveMask(line []byte) []byte {
	dst := bytes.Clone(line)
	for i := 0; i < len(line); {
		switch c := line[i]; {
		case c == '\\' && i+1 < len(line) && util.IsPunct(line[i+1]):
			i += 2
		case c == '`':
			j := i
			for j < len(line) && line[j] == '`' {
				j++
			}
			n, next := j-i, j
			for k := j; k < len(line); {
				if line[k] != '`' {
					k++
					continue
				}
				e := k
				for e < len(line) && line[e] == '`' {
					e++
				}
				if e-k == n {
					next = e
					break
				}
				k = e
			}
			i = next
		case c == '[' && i+1 < len(line) && line[i+1] == '[':
			inside, n, ok := wikidoc.Scan(line[i:])
			if !ok {
				i++
				continue
			}
			for j, c := range inside {
				if c == '|' {
					dst[i+2+j] = mask
				}
			}
			i += n
		default:
			i++
		}
	}
	return dst
}

func TestMaskLine(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"| [[a|b]] | c |", "| [[a!b]] | c |"},
		{"| [[a\\|b]] | [[c|d|e]] |", "| [[a\\!b]] | [[c!d!e]] |"},
		{"| `[[a|b]]` | [[c|d]] |", "| `[[a|b]]` | [[c!d]] |"},
		{"| `` [[a|b]] ` `` [[c|d]] |", "| `` [[a|b]] ` `` [[c!d]] |"},
		{"| ` [[a|b]] |", "| ` [[a!b]] |"},
		{"| \\` [[a|b]] ` |", "| \\` [[a!b]] ` |"},
		{"| \\`` [[a|b]] ` [[c|d]] |", "| \\`` [[a|b]] ` [[c!d]] |"},
		{"| \\[[a|b]] |", "| \\[[a|b]] |"},
		{"| [[[a|b]] |", "| [[[a!b]] |"},
		{"| [[a [[b|c]] d|e]] |", "| [[a [[b!c]] d|e]] |"},
		{"| [[a|b | c |", "| [[a|b | c |"},
		{"| [[a|`b]]` | c |", "| [[a!`b]]` | c |"},
	} {
		dst := []byte(c.in)
		maskLine(dst, []byte(c.in))
		if string(dst) != c.want {
			t.Errorf("maskLine(%q) = %q, want %q", c.in, dst, c.want)
		}
		if naive := naiveMask([]byte(c.in)); string(naive) != c.want {
			t.Errorf("naiveMask(%q) = %q, want %q", c.in, naive, c.want)
		}
	}
}

// FuzzMaskLine checks maskLine against naiveMask: the same pipes masked,
// and nothing but pipes.
func FuzzMaskLine(f *testing.F) {
	for _, s := range []string{"| [[a|b]] | c |", "| `` [[a|b]] ` `` [[c|d]] |", "\\`` `x` [[a|b]] ```", "`a``b```[[c|d]]``"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		dst := []byte(line)
		maskLine(dst, []byte(line))
		if want := naiveMask([]byte(line)); !bytes.Equal(dst, want) {
			t.Fatalf("maskLine(%q) = %q, naive %q", line, dst, want)
		}
		for i := range dst {
			if dst[i] != line[i] && (line[i] != '|' || dst[i] != mask) {
				t.Fatalf("maskLine(%q) changed byte %d to %q", line, i, dst[i])
			}
		}
	})
}
