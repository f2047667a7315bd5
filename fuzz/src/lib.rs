//! Shared code of remit's fuzz targets (`fuzz_targets/`), documented in `docs/TESTING.md`.
//!
//! - [`split`]: how a byte-level target cuts its input into several files.
//! - [`draw`]: bounded values (dates, amounts, ids, texts) built from `arbitrary` data, so
//!   that structured targets mostly reach the analysis instead of stopping at a
//!   constructor, while still producing the edge values (far dates, huge amounts, NaN).
//! - [`people`]: a workforce built through `remit_core`'s public constructors.
//! - [`domains`]: one module per domain, each building that domain's inputs through its
//!   public constructors and running its entry point.
//! - [`json`]: the registry of every public `Deserialize` type and the invariants a
//!   deserialised value must keep.

pub mod domains;
pub mod draw;
pub mod json;
pub mod people;

/// The byte that separates the files of one fuzz input (`NUL`: rare in real exports,
/// and one byte, so the fuzzer adds and removes files with single-byte mutations).
pub const FILE_SEPARATOR: u8 = 0;

/// Cuts `data` at every [`FILE_SEPARATOR`]: the `n`-th piece is the `n`-th file.
pub fn split(data: &[u8]) -> Vec<&[u8]> {
    data.split(|b| *b == FILE_SEPARATOR).collect()
}
