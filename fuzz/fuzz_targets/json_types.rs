//! Target (3): JSON deserialisation of every public input type of every crate
//! (`remit_fuzz::json`): the first byte picks the type, the rest is the JSON.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use remit_fuzz::json::{Entry, types};

static TYPES: OnceLock<Vec<&'static Entry>> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let types = TYPES.get_or_init(types);
    let Some((&pick, json)) = data.split_first() else {
        return;
    };
    if let Some(entry) = types.get(usize::from(pick) % types.len()) {
        (entry.check)(json);
    }
});
