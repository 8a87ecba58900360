package routertest

import (
	"strings"
)

// The replay of MediaWiki's own title and path-routing tests: their
// input/expected pairs, taken as facts (not code) from wikimedia/mediawiki:
//
//	tests/phpunit/includes/title/TitleTest.php                   (TitleTest)
//	tests/phpunit/includes/title/TitleParserTest.php             (TitleParserTest; MediaWikiTitleCodecTest before it)
//	tests/qunit/resources/mediawiki.Title.test.js                (mediawiki.Title.test.js)
//	tests/phpunit/includes/MediaWikiTest.php                     (MediaWikiTest)
//	tests/phpunit/unit/includes/Request/PathRouterTest.php       (PathRouterTest)
//
// with MediaWiki's default English configuration, $wgCapitalLinks on, the
// article path /wiki/$1 and the script path "" (the tests' /w/index.php is
// Folio's /index.php). MediaWikiTitles are title texts with the key
// MediaWiki parses them to (or its refusal); MediaWikiURLs are requests
// with the page MediaWiki serves; MediaWikiExcluded lists what does not
// apply to Folio, each with the reason. Every title is also replayed as a
// URL, /wiki/<title> escaped two ways: those requests are appended to Cases,
// so the router, "folio routes classify", the server and both CDNs check them.

// MediaWikiTitle is one title text from MediaWiki's tests.
type MediaWikiTitle struct {
	Source   string // the MediaWiki test (data provider) it comes from
	Text     string // the text MediaWiki's title parser is given
	Key      string // the prefixed DB key MediaWiki gives it; "" with Invalid, or for a fragment alone ("#x")
	Fragment string // MediaWiki's fragment text (spaces, not underscores)
	Invalid  bool   // MediaWiki refuses the title
	// URL overrides what /wiki/<Text> answers when that is not the page
	// view of Key: a Location ("/-/all") or a status (404).
	URLLocation string
	URLStatus   int
}

// MediaWikiURL is one request from MediaWiki's routing tests.
type MediaWikiURL struct {
	Source   string
	URL      string // the request, its script path /w/ made ""
	Key      string // the page MediaWiki serves: 200 when URL is its canonical URL, else a 301 there
	Location string // or: the 301 Folio answers, to its own URL for what MediaWiki serves
	Route    string // the matched route, when not page.view
	Target   string // the route of Location, when not page.view
	Status   int    // or: the 400 or 404 (MediaWiki: a bad title, no route)
}

// Excluded is a MediaWiki test case that does not apply to Folio.
type Excluded struct {
	Source string
	Input  string
	Reason string
}

// The reasons cases are excluded.
const (
	whySignature = "signature tildes (~~~, ~~~~, ~~~~~) are wikitext; a Markdown wiki has no signatures, so Folio accepts them"
	whyIP        = "IP-address user names (User:::1 → 0:0:0:0:0:0:0:1, User:000.000.000.000 → 0.0.0.0): Folio has no anonymous IP editors and keeps the text"
	whyInterwiki = "interwiki prefixes (localtestiw:, remotetestiw:, acme:): Folio has no interwiki table"
	whyLanguage  = "language-specific namespaces and gendered aliases (de: Benutzerin:): Folio's namespaces are English"
	whyDefaultNS = "a default namespace other than main (parseTitle($text, NS_USER), new mw.Title(text, 6)): Folio's titles come from URLs and links, whose default is always the main namespace"
	whyLength    = "MediaWiki counts only the part after the namespace prefix against 255 bytes; Folio counts the whole key (deliberate: the key, prefix included, is what is stored, linked and sent in URLs)"
	whyDecode    = "TitleParser decodes character references because its input is wikitext; Folio's title rules take decoded text and refuse references (so a saved title can always be linked), and the link parser decodes [[…]] targets before calling them"
	whyMeta      = "$wgMetaNamespace: MediaWiki names the Project namespace after the site (Wikipedia:); Folio keeps Project:"
	whyCustomNS  = "custom namespaces ($wgExtraNamespaces: Penguins, TEST-JS): Folio's namespaces are fixed"
	whyUpload    = "file-name rules for uploads (newFromFileName, newFromImg, newFromUserInput forUploading): Folio has no uploads"
	whyCapital   = "$wgCapitalLinks=false with its always-capitalized namespaces: Folio's CapitalLinks is all or nothing, and Folio sites run with it on"
	whyPageID    = "?curid= (a page id): Folio's URLs never carry page ids and the router, which has no store, cannot look one up"
	whyDiffAlone = "?diff=N without oldid (N against the revision before it): the router has no store to find that revision; Folio answers 400 and /-/diff/A/B takes both ids"
	whyMissing   = "MediaWiki falls back to the main page and reports the missing revision elsewhere; Folio sends ?oldid=N to /-/revision/N, which answers 404 itself"
	whyRouter    = "PathRouter's own configurability (custom patterns $2, $key, restrictions, callbacks, weights): Folio's routes are fixed"
	whyFormat    = "formatting a title from a namespace number (makeTitle, getBaseText, getPrefixedText …), not parsing text"
	whyOldCodec  = "MediaWikiTitleCodecTest (before TitleParserTest) refused '#'; TitleTest and TitleParserTest now accept it as a fragment alone, which Folio follows"
)

// MediaWikiExcluded are the cases of those tests that do not apply.
var MediaWikiExcluded = []Excluded{
	{"TitleTest::provideInvalidSecureAndSplit", "A ~~~ Name, A ~~~~ Signature, A ~~~~~ Timestamp", whySignature},
	{"TitleParserTest::provideMakeTitleValueSafe (tildes)", "~~~, Test~~~, ~~~Test, Test~~~Test (and User:…)", whySignature},
	{"TitleParserTest::provideParseTitle", "User:::1", whyIP},
	{"TitleParserTest::provideMakeTitleValueSafe", "User:000.000.000.000, User:1.1.255.000", whyIP},
	{"TitleTest::provideValidSecureAndSplit", "localtestiw: #anchor, localtestiw:, localtestiw:foo, remotetestiw: … (11 cases)", whyInterwiki},
	{"TitleTest::provideInvalidSecureAndSplit", "localtestiw: Talk: # anchor, localtestiw: Talk:", whyInterwiki},
	{"TitleParserTest::provideParseTitle_invalid", "Talk:localtestiw:Foo, remotetestiw: (in NS_USER)", whyInterwiki},
	{"TitleParserTest::provideMakeTitleValueSafe", "Passed/Embedded local and remote interwiki (14 cases), :localtestiw:Test, localtestiw::Test, Talk:localtestiw:Test …", whyInterwiki},
	{"TitleParserTest::provideParseTitle", " lisa Müller (NS_USER, de), benutzerin:lisa Müller#stuff (de)", whyLanguage},
	{"TitleParserTest::provideParseTitle", "Category:Quux, Quux and :Quux in NS_CATEGORY", whyDefaultNS},
	{"TitleParserTest::provideMakeTitleValueSafe", "Test in talk NS, User:Test in talk NS, …in user NS, 255/256 chars in user NS, 512/513 chars in special NS", whyDefaultNS},
	{"mediawiki.Title.test.js Namespace detection", "Example, User:Example, :Example, something.PDF in namespace 6; NeilK in 3", whyDefaultNS},
	{"TitleTest::provideValidSecureAndSplit", "Category:" + "x×248", whyLength},
	{"TitleParserTest::provideMakeTitleValueSafe", "User:" + "A×255", whyLength},
	{"mediawiki.Title.test.js sharedCases.valid", "Category:" + "x×248", whyLength},
	{"TitleParserTest::provideParseTitle", "&quot;n&#x303;&#34; → \"ñ\", X#n&#x303; → X#ñ", whyDecode},
	{"mediawiki.Title.test.js exists", "Project:Sandbox rules → Wikipedia:Sandbox_rules", whyMeta},
	{"mediawiki.Title.test.js", "Penguins:…, antarctic_waterfowl:…", whyCustomNS},
	{"TitleTest::dataGetContentModel and friends", "TEST-JS:…", whyCustomNS},
	{"mediawiki.Title.test.js newFromFileName, newFromImg, newFromUserInput", "The/Mw/Sound.flac (Media), File:Foo, File:Foo., File:No_dot", whyUpload},
	{"mediawiki.Title.test.js Case-sensivity", "article, john (with wgCaseSensitiveNamespaces)", whyCapital},
	{"MediaWikiTest::provideTryNormaliseRedirect, provideParseTitle", "/w/index.php?curid=123, ?curid=1, ?curid=9999999", whyPageID},
	{"MediaWikiTest::provideParseTitle", "?diff=1, ?diff=9999999", whyDiffAlone},
	{"MediaWikiTest::provideParseTitle", "?oldid=9999999", whyMissing},
	{"PathRouterTest::provideParse, provideWeight", "Loose path auto-$1, Order, Key based array, Basic $2, Restricted 1–3, Callback, Fail, Pattern urlencoding, Raw param value, weights", whyRouter},
	{"TitleTest, TitleParserTest::testMakeTitleSafe, mediawiki.Title.test.js makeTitle", "makeTitle/makeName/getBaseText/getRootText/getSubpageText/getTalkPage … from namespace numbers", whyFormat},
	{"MediaWikiTitleCodecTest::provideParseTitle_invalid", "#", whyOldCodec},
}

var (
	x252 = strings.Repeat("x", 252)
	a255 = strings.Repeat("A", 255)
)

// MediaWikiTitles are the title texts, with what MediaWiki makes of them.
var MediaWikiTitles = mediaWikiTitles()

func mediaWikiTitles() []MediaWikiTitle {
	const (
		secure  = "TitleTest::provideValidSecureAndSplit"
		insec   = "TitleTest::provideInvalidSecureAndSplit"
		parse   = "TitleParserTest::provideParseTitle"
		parseX  = "TitleParserTest::provideParseTitle_invalid"
		safe    = "TitleParserTest::provideMakeTitleValueSafe"
		frag    = "TitleTest::provideGetFragment"
		base    = "TitleTest::provideBaseTitleCases (titles MediaWiki keeps as they are)"
		special = "TitleTest::provideSpecialNamesWithAndWithoutParameter"
		js      = "mediawiki.Title.test.js"
	)
	v := func(src, text, key string) MediaWikiTitle { return MediaWikiTitle{Source: src, Text: text, Key: key} }
	f := func(src, text, key, fragment string) MediaWikiTitle {
		return MediaWikiTitle{Source: src, Text: text, Key: key, Fragment: fragment}
	}
	x := func(src, text string) MediaWikiTitle { return MediaWikiTitle{Source: src, Text: text, Invalid: true} }
	ts := []MediaWikiTitle{
		v(secure, "Sandbox", "Sandbox"),
		v(secure, `A "B"`, `A_"B"`),
		v(secure, `A 'B'`, `A_'B'`),
		v(secure, ".com", ".com"),
		v(secure, "~", "~"),
		f(secure, "#", "", ""),
		v(secure, `"`, `"`),
		v(secure, `'`, `'`),
		v(secure, "Talk:Sandbox", "Talk:Sandbox"),
		v(secure, "Talk:Foo:Sandbox", "Talk:Foo:Sandbox"),
		v(secure, "File:Example.svg", "File:Example.svg"),
		v(secure, "File_talk:Example.svg", "File_talk:Example.svg"),
		v(secure, "Foo/.../Sandbox", "Foo/.../Sandbox"),
		v(secure, "Sandbox/...", "Sandbox/..."),
		v(secure, "A~~", "A~~"),
		v(secure, ":A", "A"),
		v(secure, x252, "X"+x252[1:]),

		{Source: insec, Text: "", Invalid: true, URLLocation: "/wiki/Main_Page"}, // MediaWikiTest: no title is the main page
		x(insec, ":"),
		x(insec, "__  __"),
		x(insec, "  __  "),
		x(insec, "A [ B"), x(insec, "A ] B"), x(insec, "A { B"), x(insec, "A } B"),
		x(insec, "A < B"), x(insec, "A > B"), x(insec, "A | B"),
		x(insec, "A \t B"), x(insec, "A \n B"),
		x(insec, "A%20B"), x(insec, "A%23B"), x(insec, "A%2523B"),
		x(insec, "Talk:File:Example.svg"),
		x(insec, "."), x(insec, ".."), x(insec, "./Sandbox"), x(insec, "../Sandbox"),
		x(insec, "Foo/./Sandbox"), x(insec, "Foo/../Sandbox"), x(insec, "Sandbox/."), x(insec, "Sandbox/.."),
		x(insec, strings.Repeat("x", 256)),
		x(insec, "Talk:"), x(insec, "Talk:#"), x(insec, "Category: "), x(insec, "Category: #bar"),

		{Source: special, Text: "Special:Version", Key: "Special:Version", URLStatus: 404},
		{Source: special, Text: "Special:Version/", Key: "Special:Version/", URLStatus: 404},
		{Source: special, Text: "Special:Version/param", Key: "Special:Version/param", URLStatus: 404},

		v(base, "User:John_Doe/subOne/subTwo", "User:John_Doe/subOne/subTwo"),
		v(base, "User:Foo / Bar / Baz", "User:Foo_/_Bar_/_Baz"),
		v(base, "User:Foo/", "User:Foo/"),
		v(base, "User:Foo/Bar/", "User:Foo/Bar/"),
		v(base, "User:/", "User:/"),
		v(base, "User://", "User://"),
		v(base, "User:/oops/", "User:/oops/"),
		v(base, "User:/indeed", "User:/indeed"),
		v(base, "User://indeed", "User://indeed"),
		v(base, "User:/Ramba/Zamba/Mamba/", "User:/Ramba/Zamba/Mamba/"),
		v(base, "User://x//y//z//", "User://x//y//z//"),
		v(base, "Talk:////", "Talk:////"),
		v(base, "Template:////", "Template:////"),
		v(base, "Template:Foo////", "Template:Foo////"),
		v(base, "Template:Foo////Bar", "Template:Foo////Bar"),

		f(frag, "Foo", "Foo", ""),
		f(frag, "Foo#bar", "Foo", "bar"),
		f(frag, "Foo#bär", "Foo", "bär"),
		f(frag, "Foo#bar_bar", "Foo", "bar bar"),
		f(frag, "Foo#bar bar", "Foo", "bar bar"),
		f(frag, "Foo#bar   bar", "Foo", "bar bar"),
		f(frag, "Foo#_bar_bar_", "Foo", " bar bar"),
		f(frag, "Foo# bar bar ", "Foo", " bar bar"),
		f("TitleTest::provideGetFragmentForURL", "Foo#ümlåût", "Foo", "ümlåût"),
		v("TitleTest::provideGetTitleValue", "User:Hansi_Maier", "User:Hansi_Maier"),

		v(parse, "  : Hansi_Maier _ ", "Hansi_Maier"),
		v(parse, ":Category:Quux", "Category:Quux"),
		v(parse, "Category:Quux", "Category:Quux"),
		v(parse, "a b c", "A_b_c"),
		v(parse, " a  b  c ", "A_b_c"),
		v(parse, " _ Foo __ Bar_ _", "Foo_Bar"),
		f(parse+" (empty fragment)", "X#", "X", ""),
		f(parse+" (only fragment)", "#", "", ""),
		f(parse+" (double hash)", "X##", "X", "#"),
		f(parse+" (fragment with hash)", "X#z#z", "X", "z#z"),
		f(parse+" (fragment with space)", "X#z z", "X", "z z"),
		f(parse+" (fragment with percent)", "X#z%z", "X", "z%z"),
		f(parse+" (fragment with amp)", "X#z&z", "X", "z&z"),
		v(parse+" (remotetestiw in user)", "User:remotetestiw:", "User:Remotetestiw:"),
		x(parseX, "User:#"),
		x(parseX, "::"),
		x(parseX, "::xx"),
		x(parseX, "::##"),
		x(parseX, " :: x"),
		x(parseX, "Talk:File:Foo.jpg"),
		x(parseX, "::1"),
		x(parseX, "User::x"),
		x(parseX, "Apollo\x96Soyuz"),
		x(parseX, "Apollo\uFFFDSoyuz"),

		x(safe, "Test\nthis"),
		x(safe, "Test|this"),
		v(safe, "Test", "Test"),
		f(safe, "Test#Fragment", "Test", "Fragment"),
		f(safe, " Test # Frag_ment ", "Test", " Frag ment"),
		x(safe, "\tTest\t#\tFragment"),
		x(safe, "\tTest\t#Fragment\t"),
		x(safe, "\tTest\t#\tFrag\tment"),
		v(safe, "Test test", "Test_test"),
		v(safe, "\u200eT\u200fe\u202as\u202bt\u202c\u202d\u202e", "Test"),
		x(safe, "Te\x80\xf0st"),
		v(safe, "Test _\u00a0\u1680\u180e\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000test", "Test_test"),
		x(safe, "\uFFFD"),
		v(safe, "Talk:Test", "Talk:Test"),
		v(safe, "Talkk:Test", "Talkk:Test"),
		x(safe, "Talk:Talk:Test"),
		x(safe, "Talk:User:Test"),
		v(safe, "User:Talk:Test", "User:Talk:Test"),
		v(safe, ":Test", "Test"),
		v(safe, ":Talk:Test", "Talk:Test"),
		x(safe, "\t\n"),
		v(safe, "User:localtestiw:Test", "User:Localtestiw:Test"),
		v(safe, "User:remotetestiw:Test", "User:Remotetestiw:Test"),
		x(safe, "Test[test"),
		v(safe, a255, a255),
		x(safe, a255+"A"),
		x(safe, "User:"+a255+"A"),
		{Source: safe, Text: "Special:" + strings.Repeat("A", 512), Key: "Special:" + strings.Repeat("A", 512), URLStatus: 404},
		x(safe, "Special:"+strings.Repeat("A", 513)),
		v(safe+" (IP addresses)", "User:000.000.000", "User:000.000.000"),
		v(safe+" (IP addresses)", "000.000.000.000", "000.000.000.000"),
		v(safe+" (IP addresses)", "User:1.1.256.000", "User:1.1.256.000"),

		x(js, "A &eacute; B"),
		x(js, x252+".json"),
		v(js+" Basic parsing", "File:Foo_bar.JPG", "File:Foo_bar.JPG"),
		f(js+" Basic parsing", "Foo#bar", "Foo", "bar"),
		v(js+" Basic parsing", ".foo", ".foo"),
		v(js+" Transformation", "File:quux pif.jpg", "File:Quux_pif.jpg"),
		v(js+" Transformation", "File:Glarg_foo_glang.jpg", "File:Glarg_foo_glang.jpg"),
		v(js+" Transformation", "User:ABC.DEF", "User:ABC.DEF"),
		v(js+" Transformation", "Image:quux pix.jpg", "File:Quux_pix.jpg"),
		v(js+" Transformation", "uSEr:hAshAr", "User:HAshAr"),
		v(js+" Transformation", "Foo \u00a0\u1680\u180e\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000 bar", "Foo_bar"),
		v(js+" Transformation", "Foo\u200e\u200f\u202a\u202b\u202c\u202d\u202ebar", "Foobar"),
		v(js+" Transformation", "Example.js  ", "Example.js"),
		f(js+" Transformation", "Example#foo", "Example", "foo"),
		f(js+" Transformation", "Example#_foo_bar baz_", "Example", " foo bar baz"),
		v(js+" Namespace detection", "File:User:Example", "File:User:Example"),
		v(js+" isTalkPage", "User:Foo", "User:Foo"),
		{Source: js + " isTalkPage", Text: "Special:AllPages", Key: "Special:AllPages", URLLocation: "/-/all"},
		v(js+" isTalkPage", "Category:Project:Maintenance", "Category:Project:Maintenance"),
		v(js+" isTalkPage", "Category talk:Project:Maintenance", "Category_talk:Project:Maintenance"),
		f(js+" isTalkPage", "Foo#Caption", "Foo", "Caption"),
		v(js+" Case-sensivity", "article", "Article"),
		v(js+" Case-sensivity", "ß", "ß"),
		v(js+" Case-sensivity", "ῳ", "ῼ"),
		v(js+" Case-sensivity", "\U00010438\U0001041B", "\U00010410\U0001041B"),
		v(js+" getExtension", "MediaWiki:Vector.js", "MediaWiki:Vector.js"),
		v(js+" getExtension", "User:Example/common.css", "User:Example/common.css"),
		v(js+" getExtension", "File:Example.longextension", "File:Example.longextension"),
		v(js+" getExtension", "Example/information.json", "Example/information.json"),
		v(js+" getExtension", "Foo.", "Foo."),
		v(js+" getExtension", "Foo..", "Foo.."),
		v(js+" getExtension", "Foo.a.", "Foo.a."),
		v(js+" getUrl", "Foobar", "Foobar"),
		v(js+" getUrl", "User talk:John Doe", "User_talk:John_Doe"),
		f(js+" getUrl", "User talk:John Cena#And_His_Name_Is", "User_talk:John_Cena", "And His Name Is"),
		v(js+" getRelativeText", "asd", "Asd"),
		v(js+" getRelativeText", "Template:Ghj", "Template:Ghj"),
		v(js+" getRelativeText", "Template:1", "Template:1"),
		v(js+" getRelativeText", "User:Hi", "User:Hi"),
		v(js+" newFromUserInput", "DCS0001557854455.JPG", "DCS0001557854455.JPG"),
		v(js+" newFromUserInput", "MediaWiki:Msg-awesome", "MediaWiki:Msg-awesome"),
		v(js+" newFromUserInput", "File:The/Mw/Sound.kml", "File:The/Mw/Sound.kml"),
		v(js+" newFromUserInput", "File:Foo.JPEG", "File:Foo.JPEG"),
		v(js+" newFromUserInput", "File:Foo.JPEG  ", "File:Foo.JPEG"),
	}
	// TitleParserTest's loops: "." and ".." are refused as whole path
	// segments, "..." is a name like any other.
	for _, dots := range []string{".", "..", "..."} {
		for _, pattern := range []string{"?", "?/", "?/Test", "Test/?/Test", "/?", "Test/?", "?Test", "Test?Test", "Test?"} {
			text := strings.ReplaceAll(pattern, "?", dots)
			ok := dots == "..." || pattern == "?Test" || pattern == "Test?Test" || pattern == "Test?"
			for _, t := range []string{text, "User:" + text} {
				if ok {
					ts = append(ts, v(safe+" (dots)", t, t))
				} else {
					ts = append(ts, x(safe+" (dots)", t))
				}
			}
		}
	}
	for _, pattern := range []string{"?", "Test?", "?Test", "Test?Test"} {
		text := strings.ReplaceAll(pattern, "?", "~~")
		ts = append(ts, v(safe+" (tildes)", text, text), v(safe+" (tildes)", "User:"+text, "User:"+text))
	}
	return ts
}

// MediaWikiURLs are the requests of MediaWiki's routing tests.
var MediaWikiURLs = []MediaWikiURL{
	{Source: "MediaWikiTest::provideTryNormaliseRedirect (View: Canonical)", URL: "/wiki/Foo_Bar", Key: "Foo_Bar"},
	{Source: "MediaWikiTest::provideTryNormaliseRedirect (View: Escaped title)", URL: "/wiki/Foo%20Bar", Key: "Foo_Bar"},
	{Source: "MediaWikiTest::provideTryNormaliseRedirect (View: Script path)", URL: "/index.php?title=Foo_Bar", Key: "Foo_Bar", Route: "mw.index"},
	{Source: "MediaWikiTest::provideTryNormaliseRedirect (implicit title from revision id)", URL: "/index.php?oldid=123", Location: "/-/revision/123", Route: "mw.index", Target: "page.revision"},
	{Source: "MediaWikiTest::provideTryNormaliseRedirect (Script path without title)", URL: "/index.php", Key: "Main_Page", Route: "mw.index"},
	{Source: "MediaWikiTest::provideTryNormaliseRedirect (Script path with empty title)", URL: "/index.php?title=", Key: "Main_Page", Route: "mw.index"},
	{Source: "MediaWikiTest::provideTryNormaliseRedirect (Index with escaped title)", URL: "/index.php?title=Foo%20Bar", Key: "Foo_Bar", Route: "mw.index"},
	{Source: "MediaWikiTest::provideTryNormaliseRedirect (Script path with escaped title)", URL: "/?title=Foo_Bar", Key: "Foo_Bar", Route: "mw.root"},
	{Source: "MediaWikiTest::provideTryNormaliseRedirect (Canonical with redundant query)", URL: "/wiki/Foo_Bar?action=view", Key: "Foo_Bar"},
	{Source: "MediaWikiTest::provideTryNormaliseRedirect (Canonical view url with action query)", URL: "/wiki/Foo_Bar?action=edit", Location: "/-/edit/Foo_Bar", Target: "page.edit"},
	{Source: "MediaWikiTest::provideTryNormaliseRedirect (Index with action query)", URL: "/index.php?title=Foo_Bar&action=view", Key: "Foo_Bar", Route: "mw.index"},
	{Source: "MediaWikiTest::provideTryNormaliseRedirect (Edit: Index with action query)", URL: "/index.php?title=Foo_Bar&action=edit", Location: "/-/edit/Foo_Bar", Route: "mw.index", Target: "page.edit"},
	{Source: "MediaWikiTest::provideTryNormaliseRedirect (Path with double slash prefix)", URL: "//wiki/Double_slash", Key: "Double_slash"},
	{Source: "MediaWikiTest::provideTryNormaliseRedirect (Media namespace redirect)", URL: "/index.php?title=Media:Foo_Bar", Key: "File:Foo_Bar", Route: "mw.index"},
	{Source: "MediaWikiTest::provideParseTitle (Valid title)", URL: "/index.php?title=Foo", Key: "Foo", Route: "mw.index"},
	{Source: "MediaWikiTest::provideParseTitle (Invalid title)", URL: "/index.php?title=%5BINVALID%5D", Status: 400},
	{Source: "MediaWikiTest::provideParseTitle (Valid oldid)", URL: "/index.php?oldid=1", Location: "/-/revision/1", Route: "mw.index", Target: "page.revision"},
	{Source: "MediaWikiTest::provideParseTitle (search)", URL: "/index.php?search=foo", Location: "/-/search?q=foo", Route: "mw.index", Target: "search"},
	{Source: "MediaWikiTest::provideParseTitle (No title with action)", URL: "/index.php?action=history", Location: "/-/history/Main_Page", Route: "mw.index", Target: "page.history"},
	{Source: "MediaWikiTest::provideParseTitle (action=delete without a title)", URL: "/index.php?action=delete", Status: 400},

	{Source: "PathRouterTest::provideParse (Basic path parsing)", URL: "/wiki/Foo", Key: "Foo"},
	{Source: "PathRouterTest::provideParse (Special title)", URL: "/wiki/Special:Recentchanges", Location: "/-/recent", Target: "recent"},
	{Source: "PathRouterTest::provideParse (URL encoding)", URL: "/wiki/Title_With%20Space", Key: "Title_With_Space"},
	{Source: "PathRouterTest::provideParse (Double slash in prefix)", URL: "//wiki/Foo", Key: "Foo"},
	{Source: "PathRouterTest::provideParse (Double slash at start of $1)", URL: "/wiki//Foo", Key: "/Foo"},
	{Source: "PathRouterTest::provideParse (Double slash in middle of $1)", URL: "/wiki/.hack//SIGN", Key: ".hack//SIGN"},
	{Source: "PathRouterTest::provideParse (Dots removed 1)", URL: "/x/../wiki/Foo", Key: "Foo"},
	{Source: "PathRouterTest::provideParse (Dots removed 2)", URL: "/./wiki/Foo", Key: "Foo"},
	{Source: "PathRouterTest::provideParse (Dots retained 1: the title ../wiki/Foo is refused)", URL: "/wiki/../wiki/Foo", Status: 400},
	{Source: "PathRouterTest::provideParse (Dots retained 2: the title ./Foo is refused)", URL: "/wiki/./Foo", Status: 400},
	{Source: "PathRouterTest::provideParse (Triple slash)", URL: "///wiki/Foo", Key: "Foo"},
	{Source: "PathRouterTest::provideParse (Dots traversing double slash 1: no route)", URL: "/a//b/../../wiki/Foo", Status: 404},
	{Source: "PathRouterTest::provideParse (Dots traversing double slash 2)", URL: "/a//b/../../../wiki/Foo", Key: "Foo"},
	{Source: "PathRouterTest::provideParse (Regexp character $)", URL: "/wiki/$", Key: "$"},
	{Source: "PathRouterTest::provideParse (Regexp character $1)", URL: "/wiki/$1", Key: "$1"},
	{Source: "PathRouterTest::provideParse (Regexp character \\)", URL: `/wiki/\`, Key: `\`},
	{Source: "PathRouterTest::provideParse (Regexp character \\$1)", URL: `/wiki/\$1`, Key: `\$1`},
	{Source: "PathRouterTest::provideParse (Special characters: []{} make the title bad)", URL: `/wiki/Plus+And&Dollar\Stuff();[]{}*`, Status: 400},
	{Source: "PathRouterTest::provideParse (Unicode 1)", URL: "/wiki/Spécial:Modifications_récentes", Key: "Spécial:Modifications_récentes"},
	{Source: "PathRouterTest::provideParse (Unicode 2)", URL: "/wiki/Sp%C3%A9cial:Modifications_r%C3%A9centes", Key: "Spécial:Modifications_récentes"},
	{Source: "PathRouterTest::provideParse (Long path: over 255 bytes, too long a title there too)", URL: "/wiki/" + lorem, Status: 400},
}

const lorem = "Lorem_ipsum_dolor_sit_amet,_consectetur_adipisicing_elit,_sed_do_eiusmod_" +
	"tempor_incididunt_ut_labore_et_dolore_magna_aliqua._Ut_enim_ad_minim_veniam,_quis_" +
	"nostrud_exercitation_ullamco_laboris_nisi_ut_aliquip_ex_ea_commodo_consequat._" +
	"Duis_aute_irure_dolor_in_reprehenderit_in_voluptate_velit_esse_cillum_dolore_" +
	"eu_fugiat_nulla_pariatur._Excepteur_sint_occaecat_cupidatat_non_proident,_sunt_" +
	"in_culpa_qui_officia_deserunt_mollit_anim_id_est_laborum."

func init() { Cases = append(Cases, mediaWikiCases()...) }

// mediaWikiCases are the URL cases of the replay: every title as
// /wiki/<title> (escaped with '/' kept, and with '/' escaped), and every
// request.
func mediaWikiCases() []Case {
	var cs []Case
	seen := map[string]bool{}
	add := func(c Case) {
		if !seen[c.URL] {
			seen[c.URL] = true
			cs = append(cs, c)
		}
	}
	for _, t := range MediaWikiTitles {
		for _, keepSlash := range []bool{true, false} {
			u := "/wiki/" + escapePath(t.Text, keepSlash)
			switch {
			case t.URLStatus != 0:
				add(bad(u, t.URLStatus))
			case t.URLLocation != "":
				add(moved(u, "page.view", targetOf(t.URLLocation), t.URLLocation))
			case t.Invalid:
				add(bad(u, 400))
			default:
				add(view(u, "page.view", t.Key, t.Fragment))
			}
		}
	}
	for _, r := range MediaWikiURLs {
		route := cmpOr(r.Route, "page.view")
		switch {
		case r.Status != 0:
			add(bad(r.URL, r.Status))
		case r.Location != "":
			add(moved(r.URL, route, cmpOr(r.Target, "page.view"), r.Location))
		default:
			add(view(r.URL, route, r.Key, ""))
		}
	}
	return cs
}

// view is the case of a request for the page view of key (with fragment):
// a 200 when url is its canonical URL, else a 301 there.
func view(url, route, key, fragment string) Case {
	loc := "/wiki/" + escapeKey(key)
	if key == "" {
		loc = "/wiki/Main_Page"
	}
	if fragment != "" {
		loc += "#" + escapeKey(strings.ReplaceAll(fragment, " ", "_"))
	}
	if url == loc && route == "page.view" {
		return ok("GET", url, "view", "page.view", p{"title": key})
	}
	return moved(url, route, "page.view", loc)
}

func targetOf(location string) string {
	if location == "/-/all" {
		return "pages.all"
	}
	return "page.view"
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// escapeKey is router.EscapeTitle, restated: MediaWiki's wfUrlencode keeps
// letters, digits and -_.~;@$!*(),/: and writes every other byte as %XX.
func escapeKey(s string) string { return escape(s, "-_.~;@$!*(),/:") }

// escapePath writes title text into a URL path as a client would: every
// byte but the unreserved and sub-delimiter characters of RFC 3986, ':' and
// '@' (and '/' with keepSlash) as %XX.
func escapePath(s string, keepSlash bool) string {
	safe := "-._~!$&'()*+,;=:@"
	if keepSlash {
		safe += "/"
	}
	return escape(s, safe)
}

func escape(s, safe string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte(safe, c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
