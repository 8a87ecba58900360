package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCDNCloudFront(t *testing.T) {
	out, _, err := folio(t, "", nil, "cdn", "cloudfront", "--origin-domain", "origin.example.org")
	if err != nil {
		t.Fatal(err)
	}
	var tmpl struct {
		Resources map[string]struct{ Type string }
	}
	if err := json.Unmarshal([]byte(out), &tmpl); err != nil {
		t.Fatalf("not a JSON template: %v", err)
	}
	if tmpl.Resources["Distribution"].Type != "AWS::CloudFront::Distribution" || !strings.Contains(out, `"origin.example.org"`) {
		t.Fatalf("template without the distribution or its origin:\n%.400s", out)
	}
	out, _, err = folio(t, "", map[string]string{"FOLIO_ORIGIN_DOMAIN": "env.example.org"},
		"cdn", "cloudfront", "--format", "terraform", "--session-cookie", "sid", "--routes", filepath.Join("..", "..", "routes.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`resource "aws_cloudfront_distribution" "folio"`, `"env.example.org"`, `items = ["sid"]`, "cloudfront-js-2.0"} {
		if !strings.Contains(out, want) {
			t.Errorf("terraform output lacks %s", want)
		}
	}
}

func TestCDNVarnish(t *testing.T) {
	out, _, err := folio(t, "", nil, "cdn", "varnish", "--backend", "127.0.0.1:8080", "--purge-acl", "10.0.0.0/8", "--purge-acl", "192.0.2.1,::1")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"vcl 4.1;", `.host = "127.0.0.1";`, `.port = "8080";`, `"10.0.0.0"/8;`, `"192.0.2.1";`, `"::1";`, "X-Cache"} {
		if !strings.Contains(out, want) {
			t.Errorf("VCL lacks %s", want)
		}
	}
}

func TestCDNBadInput(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "routes.json")
	if err := os.WriteFile(bad, []byte(`{"version": "9.0.0"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		args  []string
		usage bool   // a usage error (exit status 2)
		want  string // in the error
	}{
		{"no target", []string{"cdn"}, true, "missing cloudfront or varnish"},
		{"unknown target", []string{"cdn", "fastly"}, true, `unknown target "fastly"`},
		{"no origin", []string{"cdn", "cloudfront"}, true, "--origin-domain is required"},
		{"bad format", []string{"cdn", "cloudfront", "--origin-domain", "o.example.org", "--format", "yaml"}, true, `--format "yaml"`},
		{"unknown flag", []string{"cdn", "cloudfront", "--origin", "o.example.org"}, true, "cdn cloudfront"},
		{"extra argument", []string{"cdn", "varnish", "--backend", "127.0.0.1:8080", "extra"}, true, "unexpected arguments"},
		{"origin URL", []string{"cdn", "cloudfront", "--origin-domain", "https://o.example.org/"}, false, "want a host name"},
		{"no backend", []string{"cdn", "varnish"}, true, "--backend is required"},
		{"bad backend", []string{"cdn", "varnish", "--backend", "localhost"}, false, "want host:port"},
		{"bad ACL", []string{"cdn", "varnish", "--backend", "127.0.0.1:8080", "--purge-acl", "everyone"}, false, `purge ACL entry "everyone"`},
		{"missing routes file", []string{"cdn", "varnish", "--backend", "127.0.0.1:8080", "--routes", filepath.Join(t.TempDir(), "none.json")}, false, "--routes"},
		{"bad routes file", []string{"cdn", "varnish", "--backend", "127.0.0.1:8080", "--routes", bad}, false, "version 1.x"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, _, err := folio(t, "", nil, c.args...)
			if err == nil || !strings.Contains(err.Error(), c.want) || errors.Is(err, errUsage) != c.usage {
				t.Fatalf("err = %v (usage error: %v), want %q (usage error: %v)", err, errors.Is(err, errUsage), c.want, c.usage)
			}
			if out != "" {
				t.Errorf("printed %q on error", out)
			}
		})
	}
	if _, errOut, err := folio(t, "", nil, "cdn", "varnish", "-h"); err != nil || !strings.Contains(errOut, "purge-acl") || !strings.Contains(errOut, "FOLIO_PURGE_ACL") {
		t.Errorf("-h = %v, %q", err, errOut)
	}
}
