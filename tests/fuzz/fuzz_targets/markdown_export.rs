//! Fuzz target `markdown_export`: see `debrief_fuzz::markdown_export`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| debrief_fuzz::markdown_export(data));
