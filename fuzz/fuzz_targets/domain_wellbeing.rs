//! Target (4): the wellbeing domain's entry point on arbitrary structured input. The inputs
//! are built in `remit_fuzz::domains::wellbeing` through the domain's public constructors.
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use remit_fuzz::domains::wellbeing;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    if let Ok(Some(inputs)) = wellbeing::build(&mut u) {
        wellbeing::run(&inputs);
    }
});
