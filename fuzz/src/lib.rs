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

/// The first UUID of version 5 in `text` that the caller's `input` does not contain
/// (compared case-insensitively), if any: the form of every id remit derives from a
/// caller's own (`EmployeeId::from_external` and its siblings). A message for the caller
/// must name records by the caller's ids, so when the caller's ids are not UUIDs, a
/// version-5 UUID in a message is an internal id that leaked, unless the message echoes
/// it from the caller's own data (found: a department name containing the text of an
/// internal id, quoted back in its error, is the caller's text, not a leak). Escapes
/// of a quoted value (`\0`, `\t`, `\u{..}`) are read as a gap first: the `0` of a NUL
/// written `\0` before the caller's `8caaa04-…` is not the start of an id (found by
/// `promotion_csv`).
pub fn internal_id_in(text: &str, input: &[u8]) -> Option<String> {
    let text = without_escapes(text);
    scan(&text, input).map(str::to_owned)
}

/// `text` with each backslash escape of `str`'s `Debug` replaced by a space.
fn without_escapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('u') if chars.peek() == Some(&'{') => {
                for c in chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                }
            }
            Some(_) | None => {}
        }
        out.push(' ');
    }
    out
}

fn scan<'t>(text: &'t str, input: &[u8]) -> Option<&'t str> {
    let bytes = text.as_bytes();
    let input = input.to_ascii_lowercase();
    (0..bytes.len().saturating_sub(35)).find_map(|start| {
        let candidate = text.get(start..start + 36)?;
        let shape_ok = candidate.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        });
        let echoed = || {
            let needle = candidate.to_ascii_lowercase();
            input.windows(needle.len()).any(|w| w == needle.as_bytes())
        };
        (shape_ok && candidate.as_bytes()[14] == b'5' && !echoed()).then_some(candidate)
    })
}

#[cfg(test)]
mod internal_id_tests {
    use super::internal_id_in;

    /// Finding 4 (`promotion_csv`, 2026-12-07 14:07): a level cell of NULs followed by
    /// the caller's own UUID-like text, quoted back with `Debug`'s `\0` escapes, read as
    /// an internal id starting with the escape's `0`.
    #[test]
    fn an_escape_before_the_callers_text_is_not_an_id() {
        let input = b"E-06`\0\0\08caaa04-56e9-51ce-bf9f-1af707c8820036";
        let message = r#"invalid job level "E-06`\0\0\08caaa04-56e9-51ce-bf9f-1af707c8820036""#;
        assert_eq!(internal_id_in(message, input), None);
        // An id the input does not hold is still found, escapes or not.
        let leaked = r#"employee "\t" is 0d3e9a4c-1b2f-5c6d-8e7f-0a1b2c3d4e5f"#;
        assert_eq!(
            internal_id_in(leaked, input).as_deref(),
            Some("0d3e9a4c-1b2f-5c6d-8e7f-0a1b2c3d4e5f")
        );
    }
}
