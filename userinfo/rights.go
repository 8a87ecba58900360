package userinfo

import (
	"fmt"
	"slices"
	"strings"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/router"
)

// Group names with a meaning of their own.
const (
	GroupAll   = blob.GroupAll   // everyone, logged in or not
	GroupUser  = blob.GroupUser  // every logged-in account
	GroupSysop = blob.GroupSysop // administrators
)

// GroupRights maps each group to the rights its members have. A user's
// rights are the union over "*", "user" (when logged in) and their groups.
type GroupRights map[string][]router.Right

// DefaultGroupRights: everyone reads; logged-in users edit and create;
// sysops do the rest.
func DefaultGroupRights() GroupRights {
	return GroupRights{
		GroupAll:   {router.RightRead},
		GroupUser:  {router.RightRead, router.RightEdit, router.RightCreate, router.RightUpload},
		GroupSysop: {router.RightMove, router.RightDelete, router.RightProtect, router.RightRollback, router.RightBlock, router.RightAdmin, router.RightReupload},
	}
}

// knownRights are the rights a group can be given.
var knownRights = []router.Right{
	router.RightRead, router.RightEdit, router.RightCreate, router.RightMove,
	router.RightDelete, router.RightProtect, router.RightRollback, router.RightBlock, router.RightAdmin,
	router.RightUpload, router.RightReupload,
}

// ParseGroupRights reads "group=right,right;group=right" (as --rights takes
// it) on top of the defaults: a group named in spec gets exactly the rights
// listed there.
func ParseGroupRights(spec string) (GroupRights, error) {
	gr := DefaultGroupRights()
	for _, part := range strings.Split(spec, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		group, list, ok := strings.Cut(part, "=")
		group = strings.TrimSpace(group)
		if !ok || group == "" {
			return nil, fmt.Errorf("rights %q: want group=right,right", part)
		}
		var rights []router.Right
		for _, r := range strings.Split(list, ",") {
			r = strings.TrimSpace(r)
			if r == "" {
				continue
			}
			if !slices.Contains(knownRights, router.Right(r)) {
				return nil, fmt.Errorf("rights %q: unknown right %q (known: %v)", part, r, knownRights)
			}
			rights = append(rights, router.Right(r))
		}
		gr[group] = rights
	}
	return gr, nil
}

// rightsOf returns the sorted, distinct rights of a member of groups.
func (gr GroupRights) rightsOf(loggedIn bool, groups []string) []router.Right {
	all := slices.Clone(gr[GroupAll])
	if loggedIn {
		all = append(all, gr[GroupUser]...)
		for _, g := range groups {
			all = append(all, gr[g]...)
		}
	}
	slices.Sort(all)
	return slices.Compact(all)
}
