//! Target (4): the collab_tools domain's entry point on arbitrary structured input. The inputs
//! are built in `remit_fuzz::domains::collab_tools` through the domain's public constructors.
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use remit_fuzz::domains::collab_tools;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    if let Ok(Some(inputs)) = collab_tools::build(&mut u) {
        collab_tools::run(&inputs);
    }
});
