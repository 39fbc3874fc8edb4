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
    ("yaml.unexpected", "the YAML parser gave something this reader does not expect here"),
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
    (
        "update_file.not_an_object",
        "an update file must be a mapping (JSON object) with `template` and `parameters`",
    ),
    (
        "update_file.unknown_key",
        "`{key}` is not a key of an update file; it takes `template`, `parameters` and optionally `region` (and `$schema`)",
    ),
    ("update_file.no_template", "the update file has no `template`"),
    (
        "update_file.template_text",
        "`template` must be a template's name as text (image, command, package, file, oss-file, container, or a full ACS-ESS-... name)",
    ),
    ("update_file.no_parameters", "the update file has no `parameters`"),
    (
        "update_file.parameters_object",
        "`parameters` must be a mapping (JSON object) of the template's parameters",
    ),
    (
        "update_file.bad_region",
        "`region` must be a region ID such as cn-hangzhou (lowercase letters, digits and dashes)",
    ),
    (
        "update_file.conflicting_region",
        "the update file is for region {file}, but this run calls {run}; pass --region {file} or change the file",
    ),
    ("schema.snippet.invoke.label", "{template}: update (invoke)"),
    ("schema.snippet.rollback.label", "{template}: roll back (rollback)"),
    ("schema.snippet.invoke.description", "The fields an update with {template} requires"),
    (
        "schema.snippet.rollback.description",
        "The fields a rollback of an earlier {template} update requires",
    ),
    ("schema.update_file.title", "rolling-update update file"),
    (
        "schema.update_file.description",
        "A whole rolling update in one file, read by `aliyun rolling-update start --update-file` and `render --update-file`: the template, its parameters and optionally the region.",
    ),
    ("schema.update_file.schema_key", "The schema this file follows; ignored by the plugin."),
    (
        "schema.update_file.template",
        "The OOS public template: a short name or its full ACS-ESS-... name.",
    ),
    ("schema.update_file.region", "The region to run in (used when --region is not given)."),
    (
        "schema.update_file.parameters",
        "The template's parameters, as in a parameters file; checked against the template's schema.",
    ),
    ("error.start.no_template", "start needs --template ({names}) or --update-file"),
];
