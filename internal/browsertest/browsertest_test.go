package browsertest

import "testing"

func TestLocal(t *testing.T) {
	for url, want := range map[string]bool{
		"http://127.0.0.1:8080/wiki/Main_Page": true,
		"ws://127.0.0.1:1/x":                   true,
		"data:image/png;base64,AAAA":           true,
		"about:blank":                          true,
		"http://localhost:8080/":               false,
		"https://example.com/font.woff2":       false,
		"http://127.0.0.1.example.com/":        false,
		"chrome://settings":                    false,
		"::":                                   false,
	} {
		if got := Local(url); got != want {
			t.Errorf("Local(%q) = %v, want %v", url, got, want)
		}
	}
}
