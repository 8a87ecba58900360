package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/foliowiki/folio/i18n"
)

// formsEnglish is the source language, for the dates tests expect.
var formsEnglish = i18n.Default().Lang(i18n.Source)

// setLanguage saves the interface language code through the preferences
// form and checks the redirect.
func (c *client) setLanguage(code string) {
	c.t.Helper()
	c.setPrefs(url.Values{"language": {code}})
}

// TestPreferencesLanguage: the preferences offer the shipped languages by
// their own names after the wiki's default; a user who saves German gets
// the preferences, the edit form and the error pages in German from the
// next page on; an unknown code is a 400 with the form, and stores nothing.
func TestPreferencesLanguage(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	c := newClient(t, srv)
	c.mustLogin("Alice")

	body := mustStatus(t, c.do("GET", "/-/preferences", nil), http.StatusOK, "preferences")
	mustContain(t, body, `<label>Language <select name="language"><option value="" selected>(default) — wiki language</option>`, "the language select, the default first")
	mustContain(t, body, `<option value="de" lang="de" dir="ltr">Deutsch</option>`, "German by its own name")
	mustContain(t, body, `<option value="ar" lang="ar" dir="rtl">العربية</option>`, "Arabic by its own name, right to left")

	c.setLanguage("de")
	body = mustStatus(t, c.do("GET", "/-/preferences", nil), http.StatusOK, "preferences after saving German")
	mustContain(t, body, `Deine Einstellungen wurden gespeichert.`, "the saved note in German")
	mustContain(t, body, `<label>Sprache <select name="language">`, "the language label in German")
	mustContain(t, body, `<option value="de" selected lang="de" dir="ltr">Deutsch</option>`, "German chosen")
	mustContain(t, body, `<h2>Passwort ändern</h2>`, "a heading in German")

	body = mustStatus(t, c.do("GET", "/-/edit/Sandbox", nil), http.StatusOK, "the edit form")
	mustContain(t, body, `>Seite speichern</button>`, "the save button in German")
	mustContain(t, body, `>Vorschau zeigen</button>`, "the preview button in German")
	mustContain(t, body, `Erstellen von „Sandbox“`, "the heading in German")

	// An unknown language: 400, the form again, in the current language,
	// and nothing stored.
	token := c.csrf("/-/preferences")
	rec := c.do("POST", "/-/preferences", url.Values{"csrf": {token}, "language": {"tlh"}, "timezone": {"Europe/Berlin"}})
	body = mustStatus(t, rec, http.StatusBadRequest, "an unknown language")
	mustContain(t, body, `Es gibt keine Oberflächensprache „tlh“`, "why, in German")
	mustContain(t, body, `Es wurde nichts geändert.`, "nothing saved, in German")
	mustContain(t, body, `<form method="post" action="/-/preferences" class="preferences">`, "the form again")
	mustContain(t, body, `<option value="tlh" selected>tlh</option>`, "the typed code kept")
	mustContain(t, body, `name="timezone" value="Europe/Berlin"`, "the typed zone kept")
	body = mustStatus(t, c.do("GET", "/-/preferences", nil), http.StatusOK, "preferences after the refusal")
	mustContain(t, body, `<option value="de" selected lang="de" dir="ltr">Deutsch</option>`, "German still stored")
	mustContain(t, body, `name="timezone" value=""`, "the refused form's time zone not stored")

	// A region of a shipped language is stored as the language.
	c.setLanguage("fr-CA")
	body = mustStatus(t, c.do("GET", "/-/preferences", nil), http.StatusOK, "preferences after fr-CA")
	mustContain(t, body, `<option value="fr" selected lang="fr" dir="ltr">français</option>`, "French stored for fr-CA")
	mustContain(t, body, `<label>Langue <select`, "the form in French")

	// Back to the wiki's default.
	c.setLanguage("")
	body = mustStatus(t, c.do("GET", "/-/edit/Sandbox", nil), http.StatusOK, "the edit form in the default language")
	mustContain(t, body, `>Save page</button>`, "the save button in English")
}

// TestUseLangEditForm: ?uselang= speaks the language for that request
// alone.
func TestUseLangEditForm(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	c := newClient(t, srv)
	c.mustLogin("Alice")

	body := mustStatus(t, c.do("GET", "/-/edit/Sandbox?uselang=es", nil), http.StatusOK, "the edit form with uselang=es")
	mustContain(t, body, `>Guardar la página</button>`, "the save button in Spanish")
	mustContain(t, body, `>Mostrar previsualización</button>`, "the preview button in Spanish")
	mustContain(t, body, `> Esta es una edición menor</label>`, "the minor edit box in Spanish")
	mustContain(t, body, `<option value="1 week">1 semana</option>`, "the watch periods in Spanish")

	body = mustStatus(t, c.do("GET", "/-/edit/Sandbox", nil), http.StatusOK, "the edit form after")
	mustContain(t, body, `>Save page</button>`, "the next request in English")
	mustContain(t, body, `> This is a minor edit</label>`, "the next request in English")
}

// TestErrorPagesLanguage: the router's 404 speaks a logged-in reader's
// language; an anonymous reader gets the wiki's, whatever their browser
// asks for (the page may be cached for everyone).
func TestErrorPagesLanguage(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	c := newClient(t, srv)
	c.mustLogin("Alice")
	c.setLanguage("de")

	body := mustStatus(t, c.do("GET", "/-/no-such-thing", nil), http.StatusNotFound, "an unknown /-/ path")
	mustContain(t, body, `Nicht gefunden`, "the heading in German")
	mustContain(t, body, `Unter dieser Adresse gibt es keine Seite.`, "the message in German")

	rec := get(t, srv, "GET", "/-/no-such-thing", "Accept-Language", "de")
	body = mustStatus(t, rec, http.StatusNotFound, "an unknown /-/ path, anonymously")
	mustContain(t, body, `Not Found`, "the heading in English")
	mustContain(t, body, `No page or route at this address.`, "the message in English")
	if strings.Contains(body, "Nicht gefunden") {
		t.Fatal("Accept-Language chose the language of an anonymous reader")
	}
}

// TestCSRFErrorLanguage: a form posted without its token is refused in the
// user's language; the JSON API keeps English.
func TestCSRFErrorLanguage(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	c := newClient(t, srv)
	c.mustLogin("Alice")
	c.setLanguage("fr")

	rec := c.do("POST", "/-/preferences", url.Values{"csrf": {"forged"}, "language": {"de"}})
	body := mustStatus(t, rec, http.StatusForbidden, "a forged token")
	mustContain(t, body, `Jeton CSRF manquant ou invalide : rechargez le formulaire et réessayez.`, "the refusal in French")
	mustContain(t, body, `Erreur de permission`, "the heading in French")
	mustContain(t, body, `Identifiant de l’erreur : <code>`, "the error ID in French")
	body = mustStatus(t, c.do("GET", "/-/preferences", nil), http.StatusOK, "preferences")
	mustContain(t, body, `<option value="fr" selected lang="fr" dir="ltr">`, "the forged form changed nothing")
}

// TestBlockExpiryLanguage: a blocked user's refusal gives the block's end
// in their language and time zone.
func TestBlockExpiryLanguage(t *testing.T) {
	srv, _ := newServer(t)
	alice := createUser(t, srv, "Alice")
	c := newClient(t, srv)
	c.mustLogin("Alice")
	c.setPrefs(url.Values{"language": {"de"}, "timezone": {"Asia/Tokyo"}})
	until := time.Date(2031, time.March, 4, 20, 30, 0, 0, time.UTC) // 05:30 on 5 March in Tokyo
	if err := srv.Users.Block(context.Background(), alice.ID, "Vandalismus", "Admin", until); err != nil {
		t.Fatal(err)
	}
	body := mustStatus(t, c.do("GET", "/-/move/Main_Page", nil), http.StatusForbidden, "a blocked user's move form")
	mustContain(t, body, `Du bist bis 05:30, 5. März 2031 für das Bearbeiten gesperrt: Vandalismus`, "the block's end in German, in Tokyo time")
}
