//! Parameter JSON parsing plus validation, for each template.
//!
//! Input: one byte choosing the template, then the payload text. Properties: no panic; typed
//! parameters exist exactly when no finding is an error; `check` finds what `validate` finds;
//! every finding points at a field that exists and says something; text that is JSON validates
//! as its value does; typed parameters written back as JSON validate again, to the same
//! parameters and with no error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolling_update_core::template::Template;
use rolling_update_core::validate::{check, validate, validate_str};
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let template = Template::ALL[usize::from(selector) % Template::ALL.len()];
    let text = String::from_utf8_lossy(rest);

    let from_text = validate_str(template, &text);
    assert_eq!(from_text.params.is_some(), !from_text.has_errors(), "{text}");
    let Ok(payload) = serde_json::from_str::<Value>(&text) else {
        assert!(from_text.has_errors(), "text that is not JSON passed: {text}");
        return;
    };
    let checked = validate(template, &payload);
    assert_eq!(checked, from_text, "validate_str and validate differ on {text}");
    assert_eq!(check(template, &payload), checked.findings, "check and validate differ on {text}");
    for finding in &checked.findings {
        assert!(!finding.message.is_empty(), "a finding without a message: {finding:?}");
        assert!(
            finding.pointer.is_empty()
                || payload.pointer(&finding.pointer).is_some()
                || finding.field().is_some_and(|f| template.param(&f).is_some()),
            "{finding:?} points at nothing in {text}"
        );
        let _ = finding.to_string();
    }
    if let Some(params) = &checked.params {
        assert_eq!(params.template(), template);
        let written = params.to_json();
        let again = validate(template, &written);
        assert!(
            !again.has_errors(),
            "typed parameters {written} do not validate: {:?}",
            again.findings
        );
        assert_eq!(again.params.as_ref(), Some(params), "{written} reads back differently");
    }
});
