package router

import "strings"

// Talk pages pair with subject pages as in MediaWiki: every namespace but
// Special has a talk namespace, "X_talk" for "X" and "Talk" for the main
// namespace, so "Foo" pairs with "Talk:Foo", "User:Ada" with
// "User_talk:Ada", "Category:Birds" with "Category_talk:Birds".

// IsTalk reports whether the canonical title is a talk page.
func IsTalk(title string) bool {
	ns, _ := splitNamespace(title)
	return ns == TalkNamespace || strings.HasSuffix(ns, "_talk")
}

// TalkTitle returns the talk page of a canonical title (itself when it
// is one), and false for a Special page, which has none.
func TalkTitle(title string) (string, bool) {
	ns, rest := splitNamespace(title)
	switch {
	case ns == SpecialNamespace:
		return "", false
	case ns == "":
		return NamespaceTitle(TalkNamespace, title), true
	case ns == TalkNamespace || strings.HasSuffix(ns, "_talk"):
		return title, true
	}
	return NamespaceTitle(ns+"_talk", rest), true
}

// SubjectTitle returns the subject page of a canonical title (itself
// when it is not a talk page).
func SubjectTitle(title string) string {
	ns, rest := splitNamespace(title)
	switch {
	case ns == TalkNamespace:
		return rest
	case strings.HasSuffix(ns, "_talk"):
		return NamespaceTitle(strings.TrimSuffix(ns, "_talk"), rest)
	}
	return title
}

// PairTitle returns the other page of a title's pair — the talk page of a
// subject page, the subject page of a talk page — and false for a Special
// page.
func PairTitle(title string) (string, bool) {
	if IsTalk(title) {
		return SubjectTitle(title), true
	}
	return TalkTitle(title)
}

// PairTitles returns title and the other page of its pair — what watching
// or unwatching one page does to a watchlist, as in MediaWiki — or title
// alone for a Special page.
func PairTitles(title string) []string {
	if pair, ok := PairTitle(title); ok {
		return []string{title, pair}
	}
	return []string{title}
}
