package config

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func parse(t *testing.T, args []string, env map[string]string) (Config, error) {
	t.Helper()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	c := Default()
	c.Bind(fs, "addr", "data", "db", "max-page-bytes", "log-level")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	err := ApplyEnv(fs, func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	return c, err
}

func TestPrecedence(t *testing.T) {
	c, err := parse(t, []string{"--data", "/flag"}, map[string]string{"FOLIO_DATA": "/env", "FOLIO_ADDR": "127.0.0.1:9"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Data != "/flag" {
		t.Errorf("Data = %q, want the flag to beat the env", c.Data)
	}
	if c.Addr != "127.0.0.1:9" {
		t.Errorf("Addr = %q, want the env to beat the default", c.Addr)
	}
	if c.MaxPageBytes != 2<<20 {
		t.Errorf("MaxPageBytes = %d, want the 2 MiB default", c.MaxPageBytes)
	}
}

func TestSecretFromFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dsn")
	if err := os.WriteFile(path, []byte("postgres://u@h/db\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := parse(t, nil, map[string]string{"FOLIO_DB_FILE": path})
	if err != nil {
		t.Fatal(err)
	}
	if c.DB != "postgres://u@h/db" {
		t.Errorf("DB = %q", c.DB)
	}
	if c.Masked().DB == c.DB {
		t.Error("Masked() kept the DSN")
	}
	// Only secrets read *_FILE.
	c, _ = parse(t, nil, map[string]string{"FOLIO_DATA_FILE": path})
	if c.Data != "./data" {
		t.Errorf("Data = %q from FOLIO_DATA_FILE, want it ignored", c.Data)
	}
}

func TestBadEnvIsAnError(t *testing.T) {
	_, err := parse(t, nil, map[string]string{"FOLIO_MAX_PAGE_BYTES": "lots"})
	if err == nil || !strings.Contains(err.Error(), "FOLIO_MAX_PAGE_BYTES") {
		t.Fatalf("err = %v, want it to name FOLIO_MAX_PAGE_BYTES", err)
	}
}

func TestValidate(t *testing.T) {
	bad := []func(*Config){
		func(c *Config) { c.Addr = "nope" },
		func(c *Config) { c.DB = "mysql://x" },
		func(c *Config) { c.MaxPageBytes = 0 },
		func(c *Config) { c.LogFormat = "xml" },
		func(c *Config) { c.LogLevel = "loud" },
		func(c *Config) { c.Data = "" },
	}
	for i, mutate := range bad {
		c := Default()
		mutate(&c)
		if err := c.Validate(); err == nil {
			t.Errorf("case %d: Validate() = nil, want an error", i)
		}
	}
	if err := Default().Validate(); err != nil {
		t.Errorf("defaults invalid: %v", err)
	}
}

func TestEnvName(t *testing.T) {
	if got := EnvName("skins-dir"); got != "FOLIO_SKINS_DIR" {
		t.Errorf("EnvName = %q", got)
	}
}
