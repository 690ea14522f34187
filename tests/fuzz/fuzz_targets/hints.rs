//! Fuzz target `hints`: see `debrief_fuzz::hints`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| debrief_fuzz::hints(data));
