package postgres

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/jackc/pgx/v5"

	"github.com/foliowiki/folio/store"
)

// blobChunk is the size of a file_blob row's data: big enough that a file
// is few rows, small enough that reading one is cheap for a Range request.
const blobChunk = 1 << 20

// PutBlob implements store.BlobStore: the bytes in file_blob rows of
// blobChunk bytes, all inserted in one transaction (a reader sees every
// chunk or none). A key already stored is left as it is.
func (s *Store) PutBlob(ctx context.Context, key string, r io.Reader) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		// Serialize writers of one key; the first to commit wins.
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('file_blob:' || $1))`, key); err != nil {
			return err
		}
		var exists bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM file_blob WHERE key = $1)`, key).Scan(&exists); err != nil || exists {
			return err
		}
		buf := make([]byte, blobChunk)
		for chunk := 0; ; chunk++ {
			n, err := io.ReadFull(r, buf)
			if n > 0 || chunk == 0 {
				if _, xerr := tx.Exec(ctx, `INSERT INTO file_blob (key, chunk, data) VALUES ($1, $2, $3)`, key, chunk, buf[:n]); xerr != nil {
					return xerr
				}
			}
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				return nil
			}
			if err != nil {
				return err
			}
		}
	})
	if err != nil {
		return fmt.Errorf("postgres: put blob %s: %w", key, dbErr(err))
	}
	return nil
}

// OpenBlob implements store.BlobStore. The blob reads its chunks one at a
// time, as it is read, so a Range request reads only the chunks it needs.
func (s *Store) OpenBlob(ctx context.Context, key string) (store.Blob, error) {
	var n int
	var size int64
	err := s.pool.QueryRow(ctx, `SELECT count(*), coalesce(sum(length(data)), 0) FROM file_blob WHERE key = $1`, key).Scan(&n, &size)
	if err != nil {
		return nil, fmt.Errorf("postgres: open blob %s: %w", key, dbErr(err))
	}
	if n == 0 {
		return nil, fmt.Errorf("postgres: open blob %s: %w", key, store.ErrNotFound)
	}
	return &chunkedBlob{s: s, ctx: ctx, key: key, size: size, cur: -1}, nil
}

// chunkedBlob reads a file_blob key chunk by chunk.
type chunkedBlob struct {
	s    *Store
	ctx  context.Context
	key  string
	size int64
	off  int64
	cur  int    // the chunk in data, -1 for none
	data []byte // the bytes of chunk cur
}

func (b *chunkedBlob) Size() int64  { return b.size }
func (b *chunkedBlob) Close() error { b.data = nil; return nil }

func (b *chunkedBlob) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekCurrent:
		offset += b.off
	case io.SeekEnd:
		offset += b.size
	}
	if offset < 0 {
		return 0, fmt.Errorf("postgres: blob %s: negative offset", b.key)
	}
	b.off = offset
	return offset, nil
}

func (b *chunkedBlob) Read(p []byte) (int, error) {
	if b.off >= b.size {
		return 0, io.EOF
	}
	chunk := int(b.off / blobChunk)
	if chunk != b.cur {
		if err := b.s.pool.QueryRow(b.ctx, `SELECT data FROM file_blob WHERE key = $1 AND chunk = $2`, b.key, chunk).Scan(&b.data); err != nil {
			return 0, fmt.Errorf("postgres: read blob %s chunk %d: %w", b.key, chunk, dbErr(err))
		}
		b.cur = chunk
	}
	n := copy(p, b.data[b.off-int64(chunk)*blobChunk:])
	b.off += int64(n)
	return n, nil
}
