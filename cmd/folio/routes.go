package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/foliowiki/folio/router"
)

const routesUsage = `usage:
  folio routes export                 print the route registry as JSON (routes.json)
  folio routes classify METHOD URL    print how the registry classifies a request`

// runRoutes implements "folio routes export" and "folio routes classify".
// Both use the default registry: the built-in routes and those of the
// extensions compiled in.
func runRoutes(_ context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, routesUsage)
		return fmt.Errorf("routes: missing export or classify: %w", errUsage)
	}
	switch {
	case args[0] == "-h" || args[0] == "--help" || args[0] == "help":
		fmt.Fprintln(stderr, routesUsage)
		return nil
	case args[0] == "export" && len(args) == 1:
		b, err := router.Default().ExportJSON()
		if err != nil {
			return fmt.Errorf("routes export: %w", err)
		}
		_, err = stdout.Write(append(b, '\n'))
		return err
	case args[0] == "classify" && len(args) == 3:
		return writeClassification(stdout, router.Classify(args[1], args[2]))
	}
	fmt.Fprintln(stderr, routesUsage)
	return fmt.Errorf("routes: bad arguments %q: %w", args, errUsage)
}

// classification is the JSON that "folio routes classify" prints. Route is
// null for errors; Target and Location are for redirects only, Allow for
// 405 and Error for 4xx.
type classification struct {
	Class    router.Class  `json:"class"`
	Route    *string       `json:"route"`
	Target   string        `json:"target,omitempty"`
	Params   router.Params `json:"params"`
	Status   int           `json:"status"`
	Location string        `json:"location,omitempty"`
	Allow    string        `json:"allow,omitempty"`
	Error    string        `json:"error,omitempty"`
}

func writeClassification(w io.Writer, m router.Match) error {
	c := classification{Class: m.Class, Params: m.Params, Status: m.Status, Location: m.Location, Allow: m.Allow, Error: m.Err}
	if m.Route != nil {
		c.Route = &m.Route.Name
	}
	if m.Target != nil {
		c.Target = m.Target.Name
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(c)
}
