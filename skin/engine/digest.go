package engine

import (
	"fmt"
	"io"
)

// Digest writes to w everything sp contributes to the bytes Fill writes —
// its finished text, and where each hole is, and what kind — for a hash
// that is equal exactly when the output is, given equal hole keys. It
// reports whether a hole also reads the root value when filled (a section
// over a list of hole keys whose body shows other keys): then the
// caller's hash must cover that value too.
func (sp *Specialized) Digest(w io.Writer) (readsRoot bool) {
	return writeOps(w, sp.ops, make([]byte, 4096))
}

// writeOps writes ops to w and reports whether one reads the root when
// filled.
func writeOps(w io.Writer, ops []op, buf []byte) (readsRoot bool) {
	for i := range ops {
		o := &ops[i]
		name := ""
		if o.node != nil {
			name = o.node.name
		}
		fmt.Fprintf(w, "\x00%d %d %v %v %q %v %d\x00", o.kind, len(o.text), o.escape, o.inverted, name, o.ref.path, len(o.body))
		writeString(w, o.text, buf)
		if writeOps(w, o.body, buf) {
			readsRoot = true
		}
		if o.kind == opEval && !o.pure {
			readsRoot = true
		}
	}
	return readsRoot
}

// writeString writes s to w through buf: a hash's Write takes bytes, and
// converting a page's body would copy it whole.
func writeString(w io.Writer, s string, buf []byte) {
	for len(s) > 0 {
		n := copy(buf, s)
		w.Write(buf[:n])
		s = s[n:]
	}
}
