//! Target (4): the assets domain's entry point on arbitrary structured input. The inputs
//! are built in `remit_fuzz::domains::assets` through the domain's public constructors.
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use remit_fuzz::domains::assets;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    if let Ok(Some(inputs)) = assets::build(&mut u) {
        assets::run(&inputs);
    }
});
