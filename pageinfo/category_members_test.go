package pageinfo_test

import (
	"context"
	"slices"
	"testing"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/store"
)

// TestCategoryPageListsMembers: a category page's PageInfo lists its
// members, and every action that changes them — a save that joins or
// leaves, a delete, an undelete, a move — drops the category page's
// PageInfo, so the next view lists the members as they are, on this node
// and (through the action's transaction, even when the acting node
// publishes nothing after its commit) on another.
func TestCategoryPageListsMembers(t *testing.T) {
	backends(t, func(t *testing.T, st store.Store) {
		ctx := context.Background()
		c1, s1, c2, settle := twoNodes(t, st)
		members := func(c *pageinfo.Cache) []string { return latest(t, c, "Category:Cats").Members }
		expect := func(what string, want ...string) {
			t.Helper()
			if got := members(c1); !slices.Equal(got, want) {
				t.Fatalf("%s: node 1 lists %q, want %q", what, got, want)
			}
			within(t, what+" (node 2)", func() bool { return slices.Equal(members(c2), want) })
		}
		save(t, s1, st, "Category:Cats", "All about cats.")
		expect("an empty category")
		settle()
		save(t, s1, st, "Tabby", "A cat. [[Category:Cats]]")
		expect("a page created into the category", "Tabby")
		if pi := latest(t, c1, "Tabby"); pi.Members != nil {
			t.Fatalf("a page outside the Category namespace lists members %q", pi.Members)
		}
		save(t, s1, st, "Ginger", "Not yet a cat.")
		settle()
		save(t, s1, st, "Ginger", "A cat now. [[Category:Cats]]")
		expect("a page edited into the category", "Ginger", "Tabby")
		settle()
		save(t, s1, st, "Ginger", "A dog after all.")
		expect("a page edited out of the category", "Tabby")
		settle()
		if _, err := s1.Delete(ctx, "Tabby", pageinfo.Action{Reason: "test"}); err != nil {
			t.Fatal(err)
		}
		expect("a member deleted")
		settle()
		if _, err := s1.Undelete(ctx, "Tabby", pageinfo.Action{Reason: "test"}); err != nil {
			t.Fatal(err)
		}
		expect("a member undeleted", "Tabby")
		settle()
		if _, err := s1.Move(ctx, "Tabby", "Tabby_cat", false, pageinfo.Action{Reason: "test"}); err != nil {
			t.Fatal(err)
		}
		expect("a member moved", "Tabby_cat")
	})
}

// TestMissingCategoryMembers: a category without a page of its own lists
// its members through Cache.Members; other titles have none.
func TestMissingCategoryMembers(t *testing.T) {
	backends(t, func(t *testing.T, st store.Store) {
		c, s := newCache(t, st)
		save(t, s, st, "Rex", "A dog. [[Category:Dogs]]")
		got, err := c.Members(context.Background(), "Category:Dogs")
		if err != nil || !slices.Equal(got, []string{"Rex"}) {
			t.Fatalf("Members(Category:Dogs) = %q, %v; want [Rex]", got, err)
		}
		if got, err := c.Members(context.Background(), "Dogs"); err != nil || got != nil {
			t.Fatalf("Members(Dogs) = %q, %v; want nil", got, err)
		}
	})
}
