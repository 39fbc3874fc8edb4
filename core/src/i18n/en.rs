//! English texts: `(key, text)`, `{name}` for a placeholder. Every key here is in
//! [`super::zh_cn`] too, with the same placeholders (`core/tests/texts.rs`).
//!
//! Keys are dotted, by where the text appears: `finding.<code>.<case>` and `hint.<...>` for
//! validation, `param.<key>.<what>` for a parameter of the table, `help.<verb>.about`,
//! `help.<verb>.<arg-id>`, `help.global.<arg-id>` and `help.<verb>.examples` for `--help`,
//! `error.<...>` for the plugin's errors, `wait.<...>` for following an update, `page.<...>` for
//! the page's interface.

/// The English table.
pub const TEXTS: &[(&str, &str)] = &[
    // i18n itself
    ("i18n.example", "example for {name}"),
];
