package skin

import (
	"fmt"
	"hash/fnv"
	"io/fs"
	"sync"
)

// Reloader is a Provider that loads the skins again when their files
// change: for --dev, where each request calls Current, which stats every
// file of fsys (cheap for a skins directory, too slow for production), and
// for SIGHUP, which calls Reload.
type Reloader struct {
	fsys  fs.FS
	def   string
	watch bool
	lazy  bool // LoadLazy, not Load

	mu    sync.Mutex
	set   *Set   // the last Set that loaded
	stamp uint64 // the files' stamp when set, or the failed load, was read
	err   error  // why the files at stamp do not load; nil if they did
}

// NewReloader loads the skins of fsys, with defaultSkin as the default
// ("" for Load's choice). With watch, Current reloads them whenever a file
// changed since the last load (by name, size and modification time).
func NewReloader(fsys fs.FS, defaultSkin string, watch bool) (*Reloader, error) {
	return newReloader(&Reloader{fsys: fsys, def: defaultSkin, watch: watch})
}

// NewLazyReloader is NewReloader loading with LoadLazy: for the bundled
// skins, whose templates compile on first use.
func NewLazyReloader(fsys fs.FS, defaultSkin string, watch bool) (*Reloader, error) {
	return newReloader(&Reloader{fsys: fsys, def: defaultSkin, watch: watch, lazy: true})
}

func newReloader(r *Reloader) (*Reloader, error) {
	if err := r.Reload(); err != nil {
		return nil, err
	}
	return r, nil
}

// Current returns the skins to use now. When a reload fails, it returns
// the last Set that loaded together with the error, until the files change
// again, so the server can show the error in a page of a working skin.
func (r *Reloader) Current() (*Set, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.watch {
		if stamp, err := r.stampFiles(); err != nil {
			return r.set, err
		} else if stamp != r.stamp {
			r.load(stamp)
		}
	}
	return r.set, r.err
}

// Reload loads the skins again now, and returns why they do not load; the
// last Set that loaded stays current then.
func (r *Reloader) Reload() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	stamp, err := r.stampFiles()
	if err != nil {
		return err
	}
	r.load(stamp)
	return r.err
}

// load loads the skins, keeping the last good Set on failure.
func (r *Reloader) load(stamp uint64) {
	r.stamp = stamp
	set, err := load(r.fsys, r.lazy)
	if err == nil && r.def != "" {
		set, err = set.WithDefault(r.def)
	}
	r.err = err
	if err == nil {
		r.set = set
	}
}

// stampFiles hashes the name, size and modification time of every file.
func (r *Reloader) stampFiles() (uint64, error) {
	h := fnv.New64a()
	err := fs.WalkDir(r.fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00%d\x00", p, fi.Size(), fi.ModTime().UnixNano())
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("skin: %w", err)
	}
	return h.Sum64(), nil
}
