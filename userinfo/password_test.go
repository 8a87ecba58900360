package userinfo

import (
	"strings"
	"testing"
)

func TestPasswordHash(t *testing.T) {
	withProductionParams(t)
	h, err := HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash = %q, want PHC argon2id", h)
	}
	if !CheckPassword(h, "correct horse battery") {
		t.Error("the right password did not match")
	}
	if CheckPassword(h, "correct horse batterY") {
		t.Error("a wrong password matched")
	}
	h2, _ := HashPassword("correct horse battery")
	if h2 == h {
		t.Error("two hashes of one password are equal: no salt?")
	}
	for _, bad := range []string{"", "x", "$argon2id$v=19$m=0,t=1,p=2$AAAA$AAAA", "$bcrypt$...", h[:len(h)-5]} {
		if CheckPassword(bad, "correct horse battery") {
			t.Errorf("malformed hash %q matched", bad)
		}
	}
	if _, err := HashPassword("short"); err != ErrWeakPassword {
		t.Errorf("short password: err = %v", err)
	}
}
