package pageinfo_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/store"
)

// fakeFiles is a FileLookup whose files the test changes, as uploads do.
type fakeFiles struct {
	mu      sync.Mutex
	files   map[string]blob.FileInfo
	lookups int
}

func (f *fakeFiles) FilesByName(_ context.Context, names []string) (map[string]blob.FileInfo, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lookups++
	out := map[string]blob.FileInfo{}
	for _, n := range names {
		if fi, ok := f.files[n]; ok {
			out[n] = fi
		}
	}
	return out, nil
}

func (f *fakeFiles) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.lookups
}

func (f *fakeFiles) set(name string, fi *blob.FileInfo) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if fi == nil {
		delete(f.files, name)
		return
	}
	f.files[name] = *fi
}

func fileOptions(files pageinfo.FileLookup) pageinfo.Options {
	return pageinfo.Options{
		Log:   quiet,
		Files: files,
		FileURL: func(sha, name string, w int) string {
			if w == 0 {
				return "/files/" + sha + "/" + name
			}
			return "/files/" + sha + "/" + strconv.Itoa(w) + "px-" + name
		},
		UploadURL: func(name string) string { return "/upload?wpDestFile=" + name },
	}
}

// TestFileChanged: a page embedding a file is rendered with the file as it
// is when it changes (uploaded, a new version, deleted), on this node and
// on another, the change is reported for CDN purges, and the page records
// the file it embeds.
func TestFileChanged(t *testing.T) {
	backends(t, func(t *testing.T, st store.Store) {
		ctx := context.Background()
		files := &fakeFiles{files: map[string]blob.FileInfo{}}
		c1, err := pageinfo.NewCache(st, fileOptions(files))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(c1.Close)
		s1 := pageinfo.NewSaver(st, c1, 2<<20)
		c2, err := pageinfo.NewCache(st, fileOptions(files))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(c2.Close)
		listen(t, c2)
		var mu sync.Mutex
		var purged []string
		s1.OnChange = func(titles []string) {
			mu.Lock()
			defer mu.Unlock()
			purged = append(purged, titles...)
		}

		save(t, s1, st, "Gallery", "[[File:Cat.png|thumb|A cat]]")
		save(t, s1, st, "Other", "No images.")
		pi := latest(t, c1, "Gallery")
		if !strings.Contains(pi.HTML, `href="/upload?wpDestFile=Cat.png"`) || !slices.Equal(pi.Files, []string{"Cat.png"}) {
			t.Fatalf("before the upload: files %q, HTML %s", pi.Files, pi.HTML)
		}
		if got, err := st.PagesEmbedding(ctx, "Cat.png", 10); err != nil || !slices.Equal(got, []string{"Gallery"}) {
			t.Fatalf("PagesEmbedding = %q, %v", got, err)
		}
		latest(t, c2, "Gallery") // node 2 holds the red link

		for _, step := range []struct {
			fi   *blob.FileInfo
			want string
		}{
			{&blob.FileInfo{Name: "Cat.png", SHA: "sha1", Width: 1000, Height: 500, Mime: "image/png"}, `src="/files/sha1/250px-Cat.png" alt="A cat" width="250" height="125"`},
			{&blob.FileInfo{Name: "Cat.png", SHA: "sha2", Width: 200, Height: 200, Mime: "image/png"}, `src="/files/sha2/Cat.png" alt="A cat" width="200" height="200"`},
			{nil, `href="/upload?wpDestFile=Cat.png"`},
		} {
			files.set("Cat.png", step.fi)
			mu.Lock()
			purged = nil
			mu.Unlock()
			before := files.count()
			if err := s1.FileChanged(ctx, "Cat.png"); err != nil {
				t.Fatal(err)
			}
			if n := files.count(); n != before+1 {
				t.Errorf("FileChanged looked files up %d times, want once (one re-render of Gallery)", n-before)
			}
			if pi := latest(t, c1, "Gallery"); !strings.Contains(pi.HTML, step.want) {
				t.Fatalf("node 1 after the change: %s\nwant it to hold %s", pi.HTML, step.want)
			}
			if files.count() != before+1 {
				t.Errorf("the view after FileChanged rendered again: the re-render was not kept")
			}
			within(t, "node 2 drops Gallery", func() bool { return strings.Contains(latest(t, c2, "Gallery").HTML, step.want) })
			mu.Lock()
			got := slices.Clone(purged)
			mu.Unlock()
			slices.Sort(got)
			if !slices.Equal(got, []string{"File:Cat.png", "Gallery"}) {
				t.Errorf("purged %q, want the File page and Gallery", got)
			}
		}

		// Once the page no longer embeds the file, a change leaves it alone.
		save(t, s1, st, "Gallery", "Gone.")
		if got, _ := st.PagesEmbedding(ctx, "Cat.png", 10); len(got) != 0 {
			t.Fatalf("PagesEmbedding after the edit = %q", got)
		}
		mu.Lock()
		purged = nil
		mu.Unlock()
		if err := s1.FileChanged(ctx, "Cat.png"); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(purged, []string{"File:Cat.png"}) {
			t.Errorf("purged %q, want the File page only", purged)
		}
	})
}
