package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/foliowiki/folio/blob"
)

// UserState is what a UserInfo blob needs of an account beyond its name and
// groups, read in one call.
type UserState struct {
	// Version changes whenever anything a UserInfo is built from changes:
	// groups (AddUserToGroup, RemoveUserFromGroup), preferences, blocks,
	// password. Caches key on it.
	Version     int64
	Preferences map[string]string // never nil
	EditCount   int               // revisions saved by the account
	Block       *Block            // the block in force at the time asked, nil when none
}

// Block stops an account from editing until Expires (zero: indefinitely).
type Block = blob.Block

// AccountState reads and changes the per-account state of UserInfo.
// Every change bumps the account's Version.
type AccountState interface {
	// UserState returns the account's state with the block in force at now.
	// An unknown user is ErrNotFound.
	UserState(ctx context.Context, userID int64, now time.Time) (UserState, error)
	// SetPreferences replaces the account's preferences.
	SetPreferences(ctx context.Context, userID int64, prefs map[string]string) error
	// BlockUser sets (or replaces) the account's block.
	BlockUser(ctx context.Context, b Block) error
	// UnblockUser lifts the account's block; lifting none is not an error.
	UnblockUser(ctx context.Context, userID int64) error
	// DeleteUserSessions ends every session of the account but the one whose
	// hash is except ("" ends all) and returns how many it ended.
	DeleteUserSessions(ctx context.Context, userID int64, except string) (int, error)
}

// Protection restricts who may edit or move a page: each level names the
// group a user needs ("" = no restriction beyond the right itself).
type Protection struct {
	Title    string // canonical title; protection may exist for a missing page (create protection)
	Edit     string // group needed to edit (or create)
	Move     string // group needed to move
	Expires  time.Time
	Reason   string
	UserID   int64
	UserName string
}

// Protections reads and sets page protection.
type Protections interface {
	// SetProtection replaces the title's protection (both levels empty
	// removes it) and writes a "protect" log entry, in one transaction.
	SetProtection(ctx context.Context, p Protection) error
	// ProtectionOf returns the protection in force at now, or a zero
	// Protection (with Title set) when there is none or it expired.
	ProtectionOf(ctx context.Context, title string, now time.Time) (Protection, error)
}

// EncodePreferences is the JSON both backends store for prefs: an object,
// "{}" for nil.
func EncodePreferences(prefs map[string]string) (string, error) {
	if prefs == nil {
		return "{}", nil
	}
	b, err := json.Marshal(prefs)
	if err != nil {
		return "", fmt.Errorf("encode preferences: %w", err)
	}
	return string(b), nil
}

// DecodePreferences reads stored preferences into a map that is never nil.
func DecodePreferences(js []byte) (map[string]string, error) {
	var prefs map[string]string
	if err := json.Unmarshal(js, &prefs); err != nil {
		return nil, fmt.Errorf("decode preferences: %w", err)
	}
	if prefs == nil { // the JSON null
		prefs = map[string]string{}
	}
	return prefs, nil
}
