// Package vector is the in-memory vector index behind sweet's semantic
// search.
//
// The store keeps every embedding in SQLite as a little-endian float32 BLOB
// ([EncodeFloat32LE], [DecodeFloat32LE]); that is the source of truth. At
// open the memory engine loads those BLOBs into an [Index], and on every
// write it calls [Index.Upsert] or [Index.Delete] so the two stay in step.
// Searching memory rather than SQL matters: scoring 10,000 384-d vectors
// through a SQL function took 41 ms here, the same scan over a contiguous
// matrix about 1 ms, and under 0.5 ms through the int8 copy.
//
// # Scoring
//
// Vectors are normalised when stored and queries when searched, so the
// cosine similarity is a plain dot product. On amd64 the dot product is
// hand-written AVX2+FMA assembly, chosen at start-up through
// golang.org/x/sys/cpu; other architectures, older CPUs and builds with the
// purego tag use an unrolled pure-Go loop. Both are tested against each
// other.
//
// # Large indexes
//
// A search is exhaustive. From [DefaultQuantizeThreshold] (10,000) rows,
// on CPUs where the int8 kernel runs in assembly, the index also keeps an
// int8 copy of the matrix (one scale per vector, a quarter of the memory
// traffic) and scans that first, re-scoring the best max(8k, 64)
// candidates in float32; top-10 recall against the exact scan is tested to
// stay at or above 0.95. Scans of more than 20,000 rows are split across
// GOMAXPROCS goroutines.
package vector
