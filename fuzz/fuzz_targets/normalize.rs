//! Cell and header normalisation and status words: never a panic, and
//! normalising twice changes nothing.
#![no_main]
use complaints::ingest::cells::{normalize_header, normalize_key, normalize_text, text_cell};
use complaints::ingest::layout::status_word;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let once = normalize_text(&text);
    assert_eq!(normalize_text(&once), once);
    let key = normalize_key(&text);
    assert_eq!(normalize_key(&key), key);
    let _ = normalize_header(&text);
    let _ = status_word(&text);
    let _ = text_cell(&text).display();
});
