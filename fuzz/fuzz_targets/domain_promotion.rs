//! Target (4): the promotion domain's entry point on arbitrary structured input. The inputs
//! are built in `remit_fuzz::domains::promotion` through the domain's public constructors.
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use remit_fuzz::domains::promotion;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    if let Ok(Some(inputs)) = promotion::build(&mut u) {
        promotion::run(&inputs);
    }
});
