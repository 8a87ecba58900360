// Package compression is Folio's content coding: which encoding a request
// accepts (Negotiate, with q-values), compressing a body whole (Compress,
// with pooled encoders), and splicing compressed pieces into one stream
// (Splicer), so that a page view's finished text is compressed once per
// revision and only what a reader fills in is compressed per reader.
//
// Three encodings are offered, in this order of preference: zstd, br
// (Brotli) and gzip. Two of them splice: gzip (raw deflate pieces, each
// ended by a sync flush so that it ends on a byte boundary, concatenate
// into one deflate stream; the gzip trailer's CRC-32 and length combine
// from the pieces') and zstd (frames concatenate by the format's own
// rule). Brotli does not: a Brotli meta-block's decoding depends on the
// state the stream before it left (the last distances, the last two bytes
// for the literal contexts), so pieces made apart do not join. Brotli is
// used where a response is compressed whole and kept.
package compression
