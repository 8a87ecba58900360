package skin

import (
	"encoding/json"
	"fmt"
	"io"
)

// WriteJSON writes d in its JSON form, indented, as "folio skin data"
// prints it: the keys and values every skin sees, which another Mustache
// engine (mustache.js) renders to the same page.
func WriteJSON(w io.Writer, d *Data) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		return fmt.Errorf("skin: encode data: %w", err)
	}
	return nil
}
