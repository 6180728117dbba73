//! bytes → report (+ every renderer); spans inside the input.
#![no_main]

use everynode_core::render::{Format, render};
use everynode_core::{Input, Options, check};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let report = check(&[Input::new("fuzz.yaml", data)], &[], &[], &Options::default());
    for (obj, d) in report.all_diagnostics() {
        let Some(span) = d.span else { continue };
        let name = obj.map(|o| o.file.clone()).or_else(|| d.file.clone()).unwrap_or_default();
        let text = &report.source(&name).expect("diagnostic source").text;
        assert!(span.start <= span.end && span.end <= text.len(), "{} span {span:?} outside {}", d.code, text.len());
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "{} span {span:?} splits a char", d.code);
    }
    for f in [Format::Text, Format::Json, Format::Junit, Format::Sarif] {
        let _ = render(&report, f, false);
    }
});
