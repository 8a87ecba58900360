package hooks

import (
	"encoding/json"
	"log/slog"
	"time"
)

// CollectExt runs the data hooks of a point — functions that return a
// value to store, JSON-encoded, under their ID in a blob's Ext map — timing
// each for Observe. call invokes one hook. A hook that fails, or whose value
// does not encode, is logged and left out: the blob is built without it.
func CollectExt[T any](point string, p *Point[T], log *slog.Logger, call func(fn T) (any, error), logArgs ...any) map[string]json.RawMessage {
	var ext map[string]json.RawMessage
	for _, e := range p.Entries() {
		start := time.Now()
		v, err := call(e.Fn)
		Observe(point, e.ID, time.Since(start), err != nil)
		if err == nil && v != nil {
			var raw []byte
			if raw, err = json.Marshal(v); err == nil {
				if ext == nil {
					ext = map[string]json.RawMessage{}
				}
				ext[e.ID] = raw
			}
		}
		if err != nil {
			log.Warn(point+" hook failed", append([]any{"hook", e.ID, "err", err}, logArgs...)...)
		}
	}
	return ext
}
