// Package merge merges two edits of the same wiki text, diff3 style, so that
// an editor whose save raced another's does not lose work when the two
// changed different parts of the page.
//
//	merged, conflict := merge.Merge(baseText, storedText, submittedText)
//	if conflict {
//		// show the edit form again, with a diff against storedText
//	}
//
// Texts are compared line by line, terminators included, so callers should
// normalise line endings ("\r\n" from browsers) the same way on all three
// texts first.
package merge
