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
    // --- editors ---
    ("yaml.syntax", "{reason}"),
    ("yaml.empty", "the file holds no YAML document"),
    ("yaml.second_document", "only one YAML document is read; remove the second one (after `---`)"),
    ("yaml.too_deep", "nested deeper than {max} levels"),
    (
        "yaml.alias",
        "YAML aliases (`*name`) are not accepted in a parameters file; write the value out",
    ),
    (
        "yaml.anchor",
        "YAML anchors (`&name`) are not accepted in a parameters file; remove the anchor",
    ),
    ("yaml.tag", "the YAML tag `{tag}` is not accepted; only `!!str` is (to force text)"),
    ("yaml.complex_key", "a key must be plain text, not a list or a mapping"),
    ("yaml.duplicate_key", "the key `{key}` is given twice in the same mapping"),
    (
        "yaml.leading_zero",
        "`{text}` has a leading zero, which YAML 1.1 reads as octal and YAML 1.2 as decimal; quote it ('{text}') to keep it as text, or drop the zero for a number",
    ),
    ("yaml.not_a_json_number", "`{text}` is not a number JSON can hold"),
    (
        "yaml.number_too_large",
        "`{text}` is too large for a whole number; quote it to keep it as text",
    ),
    (
        "yaml.hint.quote",
        "YAML reads the unquoted `{text}` as a number, a boolean or null; quote it ('{text}') to keep it as text",
    ),
    ("yaml.hint.boolean", "YAML 1.2 reads `{text}` as text, not a boolean: write true or false"),
    ("document.not_json", "not valid JSON: {reason} at line {line} column {column}"),
    ("document.not_yaml", "not valid YAML: {reason} at line {line} column {column}"),
    (
        "document.hint.yaml_syntax",
        "check the indentation (spaces, not tabs), the colons and the quotes near that position",
    ),
];
