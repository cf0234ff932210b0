//! Fuzz target: see `checks::sensitivity`.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::sensitivity(data));
