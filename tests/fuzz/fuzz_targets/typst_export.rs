//! Fuzz target `typst_export`: see `debrief_fuzz::typst_export`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| debrief_fuzz::typst_export(data));
