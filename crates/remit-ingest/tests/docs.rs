//! `docs/data-formats.md` documents every canonical column exactly as the code defines
//! it, and names every built-in profile.
#![expect(
    clippy::disallowed_methods,
    reason = "the test reads files from disk, which clippy.toml bans in library crates only"
)]

#[test]
fn schema_is_documented() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/data-formats.md");
    let doc = std::fs::read_to_string(path).unwrap_or_default();
    let schema = remit_ingest::canonical::schema_markdown();
    assert!(
        doc.contains(&schema),
        "docs/data-formats.md must hold the schema section verbatim:\n{schema}"
    );
    for profile in remit_ingest::profiles::PROFILES {
        assert!(
            doc.contains(&format!("`{}`", profile.name)),
            "{}",
            profile.name
        );
    }
}
