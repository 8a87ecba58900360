// Package transclude expands MediaWiki's templates in a page's Markdown,
// before the renderer parses it: the expanded text is Markdown like the
// rest, so it goes through the same parser and sanitizer. It is pure: the
// texts of other pages come from a Source, and nothing is cached between
// calls, so the caller expands once per revision, at save time (and on a
// re-render when a template it used changes), never on a view.
//
//	res, err := transclude.Expand(ctx, "Foo", text, src, transclude.Options{
//		NormalizeTitle: router.NormalizeTitle,
//		Namespaces:     router.Namespaces(),
//		TalkTitle:      router.TalkTitle,
//	})
//	// res.Text is rendered; res.Used are the templatelinks of the revision.
//
// # Syntax
//
//   - {{Name}} transcludes Template:Name (the name normalized as a title:
//     first letter capitalized, spaces and underscores alike); a name in
//     another namespace, {{User:X/Sig}}, names that page; {{:Page}} a page
//     in the main namespace. A missing page is a red link, [[Template:Name]];
//     a name that is no title is left as written. A page that is a
//     redirect ("#REDIRECT [[Target]]" on its first line) transcludes its
//     target, one hop, as in MediaWiki (so a moved template keeps working);
//     both titles are in Result.Used.
//   - {{Name|a|b|key=value}} passes positional (numbered from 1, kept as
//     written) and named (trimmed of surrounding whitespace) arguments; the
//     template reads them as {{{1}}}, {{{key}}}, {{{key|default}}}. The
//     default may hold calls and parameters; an unset parameter without one
//     stays as written, "{{{1}}}". An argument is expanded in the caller's
//     frame, once, when first used.
//   - Braces match as in MediaWiki's preprocessor: a run of opening braces
//     is matched with the next closing run, three at a time for a
//     parameter, else two ("{{{{{1}}}}}" is a call named by a parameter).
//     In "[[…]]" neither '|' nor '=' splits an argument; nested calls and
//     parameters are one piece. What never closes stays as written.
//   - <noinclude>…</noinclude> shows on the page itself and not where it
//     is transcluded; <includeonly>…</includeonly> the reverse; when a page
//     has <onlyinclude>…</onlyinclude>, only those parts are transcluded.
//     An unclosed section runs to the end of the text.
//   - Nothing in code is markup: code spans, fenced and indented code
//     blocks (found by goldmark's CommonMark parser, in the page and in
//     each template) and HTML comments are copied as they are.
//
// # Parser functions and magic words
//
// {{#if: test | then | else}} (then when test is not blank), {{#ifeq: a |
// b | then | else}} (numbers compare as numbers) and {{#switch: v | a = x
// | b | c = y | #default = z}} (a case without a value falls through to
// the next one; a last case without '=' is the default), as the
// ParserFunctions extension: they expand only the branch they take, so a
// branch not taken transcludes nothing and is not in Result.Used. These
// three because they are what infoboxes and notices are built with.
// Options.Functions adds more, {{#name: a | b}}; they get their arguments
// expanded (eagerly) and trimmed. An unknown function is left as written.
//
// Magic words, case-sensitive as in MediaWiki: {{PAGENAME}} (the title
// without its namespace), {{FULLPAGENAME}}, {{NAMESPACE}} and
// {{TALKPAGENAME}}, with spaces, not underscores, and with the characters
// that are Markdown or HTML markup written as character references, so a
// title cannot inject markup (MediaWiki's wfEscapeWikiText); the names are
// those of the page being expanded, also inside a template. And
// {{CURRENTYEAR}}, {{CURRENTMONTH}} (01–12), {{CURRENTDAY}} (1–31) and
// {{CURRENTTIMESTAMP}} (YYYYMMDDHHMMSS), in UTC: these are frozen when the
// page is expanded, at save time (or when a re-render runs), as
// MediaWiki's parser cache freezes them. The page names are there because
// templates that link to the page using them (talk, edit, "what links
// here") need them; the dates for "as of" notices.
//
// # Limits
//
// As MediaWiki's, so that no text can make an expansion hang or grow
// without bound:
//   - Options.MaxDepth (40, $wgMaxTemplateDepth) nested transclusions;
//     deeper: "Template depth limit exceeded (40)".
//   - A page that transcludes itself, directly or through others: "Template
//     loop detected: [[Template:X]]" where the loop closes (the page
//     itself is not in the chain, so a page transcluding itself shows its
//     text once, as in MediaWiki).
//   - Options.MaxIncludeBytes (2 MiB) of post-expand include size: every
//     template output, argument value and function output included counts,
//     at every level. The output that would go over it is replaced by
//     "Post-expand include size too large; some templates were not
//     included" and nothing more is expanded.
//   - Options.MaxNodes (1,000,000, $wgMaxPPNodeCount) preprocessor nodes
//     visited: "Node-count limit exceeded", and nothing more is expanded.
//
// Once a limit is hit the rest of the page's own text still shows. The
// errors show where they happen as MediaWiki's <strong
// class="error">…</strong>, which the renderer's sanitizer keeps, and are
// listed in Result.Errors. Expand returns an error only from the Source or
// the context.
//
// A text with neither "{{" nor an inclusion tag comes back unchanged,
// without being parsed.
package transclude
