//! bytes → documents: decoding, YAML/JSON parsing, spans.
#![no_main]

use everynode_core::source::{self, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (file, _) = source::decode_text("fuzz", data);
    let parsed = source::parse(file, &Limits::default());
    let len = parsed.file.text.len();
    for p in &parsed.problems {
        assert!(p.span.start <= p.span.end && p.span.end <= len, "problem span {:?} outside {len}", p.span);
        assert!(parsed.file.text.is_char_boundary(p.span.start) && parsed.file.text.is_char_boundary(p.span.end));
    }
    for d in &parsed.documents {
        assert!(d.span.end <= len, "document span {:?} outside {len}", d.span);
        // the tree survives JSON and YAML emission
        let _ = d.root.to_json().to_string();
        let _ = source::emit::emit(&d.root);
    }
});
