//! Fuzz target `import`: see `debrief_fuzz::import`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| debrief_fuzz::import(data));
