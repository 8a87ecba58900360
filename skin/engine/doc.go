// Package engine is the skins' own Mustache engine: it renders exactly
// what cbroglie/mustache renders (and mustache.js, with the escaping
// below), and it can render in two steps — once against everything but a
// few hole keys, then per request only the holes. Folio's page views use
// it so that the skin is evaluated once per revision and a request fills
// in the reader's own keys. It knows nothing of skins, pages or users: it
// is told the Go type of its data and which field holds the hole keys.
//
//	tmpl, err := engine.Parse("page", templates) // once per template set: partials expanded
//	prog, err := tmpl.Compile(reflect.TypeFor[Data](), "UserKeys")
//	spec := prog.Specialize(&data)       // data's UserKeys are never read
//	spec.Fill(&buf, &keys, &fragments)   // = cbroglie's render with keys as UserKeys
//
// # The contract
//
// For any template the engine accepts and any data, Specialize then Fill
// writes the bytes Program.Render writes, which are the bytes cbroglie
// writes for Template.Source over Map(data), and mustache.js for the same
// templates (partials given as partials) over the data's JSON with
// Mustache.escape set to Escapes — but for one rule, truth: mustache.js
// holds a string of only spaces true where cbroglie and the engine hold it
// false, so parity with it needs data without such strings in sections
// (Folio's skins and page data: the parity test checks them). The tests
// hold the engine to that: generated templates and data, fuzzing, and the
// Folio skins over every page of two real wikis (skin/corpus_test.go,
// skin/recipejs_test.go).
//
// Templates: the Mustache spec without lambdas, partials expanded at Parse
// (a standalone partial takes its line's indentation), default delimiters
// only. Names: a struct's keys are its JSON keys — a field's json tag, an
// untagged embedded struct's keys flattened, "-" hidden — and a name is
// looked up in the innermost context first, then outwards; a name nothing
// has renders as nothing and is a false section. Truth, as cbroglie's: a
// missing value, false, 0, an empty list and a string of only spaces are
// false; an object is true. Values: strings, bools (true, false) and ints
// (decimal); a section over a list repeats per item, over any other true
// value pushes it as the context. Compile refuses what it cannot follow
// exactly — dotted names, a list or an object used as a variable — and its
// caller then renders with cbroglie.
//
// # Escaping
//
// {{name}} escapes as Go's html/template.HTMLEscapeString, which cbroglie
// applies: " → &#34;, ' → &#39;, & → &amp;, < → &lt;, > → &gt;, and a NUL
// byte → U+FFFD; nothing else. {{{name}}} and {{&name}} write the value
// as it is. mustache.js escapes more by default (also /, ` and =, as
// &#x2F; &#x60; &#x3D;, and quotes as &quot; &#39;): a JavaScript renderer
// of the same templates must set Mustache.escape to these replacements
// (Escapes) to give the same bytes — the escaping the three share.
package engine
