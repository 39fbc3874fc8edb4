//! Round trips (`parse(render(x, s), s) == x`) for every shell, and the Windows shells checked
//! against independent test-only models of their documented rules, since neither PowerShell
//! nor cmd.exe can run here.

#![allow(clippy::panic)] // Test code: a panic with the shell and text is the clearest failure.

use proptest::prelude::*;
use serde_json::{Map, Value};

use super::*;
use crate::template::{ParamKind, Template};

// ---- test-only reference models, written from Microsoft's documentation ----

/// "Parsing C++ command-line arguments": blanks separate arguments outside `"`; 2n backslashes
/// before `"` give n and the `"` delimits; 2n+1 give n and a literal `"`; other backslashes are
/// literal.
fn reference_argv(line: &str) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut args = Vec::new();
    let mut current: Option<String> = None;
    let mut in_quotes = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if (c == ' ' || c == '\t') && !in_quotes {
            if let Some(arg) = current.take() {
                args.push(arg);
            }
            i += 1;
            continue;
        }
        let arg = current.get_or_insert_with(String::new);
        if c == '\\' {
            let mut n = 0;
            while i < chars.len() && chars[i] == '\\' {
                n += 1;
                i += 1;
            }
            if i < chars.len() && chars[i] == '"' {
                arg.push_str(&"\\".repeat(n / 2));
                if n % 2 == 1 {
                    arg.push('"');
                    i += 1;
                }
            } else {
                arg.push_str(&"\\".repeat(n));
            }
            continue;
        }
        if c == '"' {
            in_quotes = !in_quotes;
        } else {
            arg.push(c);
        }
        i += 1;
    }
    args.extend(current);
    args
}

/// cmd.exe at its prompt, phases 1 and 2: `%NAME%` is replaced when NAME is defined (assume
/// every name without a trailing `^` is); then `^` escapes the next character and `"` flips
/// the quote state, and `& | < >` outside quotes end the command (an error here).
fn reference_cmd(text: &str) -> Result<String, String> {
    let mut expanded = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('%') {
        expanded.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('%') {
            Some(end) if end > 0 && !after[..end].ends_with('^') => {
                expanded.push_str("@EXPANDED@");
                rest = &after[end + 1..];
            }
            _ => {
                expanded.push('%');
                rest = after;
            }
        }
    }
    expanded.push_str(rest);
    let mut line = String::new();
    let mut quoted = false;
    let mut chars = expanded.chars();
    while let Some(c) = chars.next() {
        match c {
            '^' if !quoted => line.extend(chars.next()),
            '"' => {
                quoted = !quoted;
                line.push(c);
            }
            '&' | '|' | '<' | '>' if !quoted => return Err(format!("operator {c} leaked")),
            '\n' => return Err("line break".to_owned()),
            _ => line.push(c),
        }
    }
    Ok(line)
}

/// PowerShell's reading of text made of bare words and single-quoted strings (a doubled
/// single-quote character is one), as the renderer writes it.
fn reference_powershell_strings(text: &str) -> Vec<String> {
    let quote = |c: char| matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}');
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == ' ' {
            i += 1;
            continue;
        }
        let mut s = String::new();
        if quote(chars[i]) {
            i += 1;
            while i < chars.len() {
                if quote(chars[i]) {
                    if i + 1 < chars.len() && quote(chars[i + 1]) {
                        s.push(chars[i]);
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                s.push(chars[i]);
                i += 1;
            }
        } else {
            while i < chars.len() && chars[i] != ' ' {
                s.push(chars[i]);
                i += 1;
            }
        }
        out.push(s);
    }
    out
}

/// Legacy PowerShell's native command line: empty strings dropped, a string wrapped in `"` when
/// it has whitespace outside `"`-delimited parts (a `"` right after `\` does not count), and
/// nothing escaped.
fn reference_legacy_line(strings: &[String]) -> String {
    let mut parts = Vec::new();
    for s in strings.iter().filter(|s| !s.is_empty()) {
        let mut quotes = 0_usize;
        let mut previous = '\0';
        let mut wrap = false;
        for c in s.chars() {
            if c == '"' && previous != '\\' {
                quotes += 1;
            } else if c.is_whitespace() && quotes.is_multiple_of(2) {
                wrap = true;
            }
            previous = c;
        }
        parts.push(if wrap { format!("\"{s}\"") } else { s.clone() });
    }
    parts.join(" ")
}

/// The arguments a program receives when `text` is pasted into `shell`, by the models above.
fn reference_program_argv(text: &str, shell: Shell) -> Result<Vec<String>, String> {
    match shell {
        Shell::PowerShell => Ok(reference_powershell_strings(text)),
        Shell::PowerShellLegacy => {
            Ok(reference_argv(&reference_legacy_line(&reference_powershell_strings(text))))
        }
        Shell::Cmd => Ok(reference_argv(&reference_cmd(text)?)),
        Shell::Bash | Shell::Fish => {
            Err("run in the real shell (tests/integration/shells.rs)".into())
        }
    }
}

// ---- strategies ----

/// Characters that mean something to at least one shell, plus blanks, line breaks and
/// non-ASCII (typographic quotes included).
fn nasty_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::sample::select(vec![
            '"', '\'', '$', '`', '!', '%', '^', '&', '|', '<', '>', '\\', '\n', '\r', '\t', ' ',
            '#', '(', ')', '{', '}', ',', '=', ';', '*', '~', '-', '@',
            '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}', '\u{a0}', '€', '中', '😀',
        ]),
        3 => prop::char::range('a', 'z'),
        1 => any::<char>().prop_filter("no NUL", |c| *c != '\0'),
    ]
}

fn nasty_string() -> impl Strategy<Value = String> {
    prop::collection::vec(nasty_char(), 0..24).prop_map(|cs| cs.into_iter().collect())
}

/// An item a comma-separated list flag can carry.
fn list_item() -> impl Strategy<Value = String> {
    "[A-Za-z0-9$%^&|<>\"'`!\\\\()\u{4e2d}]([A-Za-z0-9 $%^&|<>\"'`!\\\\()]{0,8}[A-Za-z0-9$%\"'\\\\])?"
}

fn payload(template: Template, item: BoxedStrategy<String>) -> impl Strategy<Value = Value> {
    let specs: Vec<_> = template.params().collect();
    let n = specs.len();
    prop::sample::subsequence(specs, 0..=n).prop_flat_map(move |chosen| {
        let values: Vec<BoxedStrategy<(String, Value)>> = chosen
            .into_iter()
            .map(|spec| {
                let key = spec.key.to_owned();
                match spec.kind {
                    ParamKind::String => {
                        nasty_string().prop_map(move |s| (key.clone(), Value::String(s))).boxed()
                    }
                    ParamKind::Integer => {
                        any::<i64>().prop_map(move |n| (key.clone(), Value::from(n))).boxed()
                    }
                    ParamKind::StringList => prop::collection::vec(item.clone(), 0..4)
                        .prop_map(move |items| (key.clone(), Value::from(items)))
                        .boxed(),
                    ParamKind::Boolean => {
                        any::<bool>().prop_map(move |b| (key.clone(), Value::from(b))).boxed()
                    }
                    ParamKind::Json => {
                        prop::collection::vec((nasty_string(), nasty_string()), 0..3)
                            .prop_map(move |pairs| {
                                let containers: Vec<Value> = pairs
                            .into_iter()
                            .map(|(name, image)| serde_json::json!({"Name": name, "Image": image}))
                            .collect();
                                (key.clone(), Value::from(containers))
                            })
                            .boxed()
                    }
                }
            })
            .collect();
        values.prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>()))
    })
}

fn start_command(item: BoxedStrategy<String>) -> impl Strategy<Value = StartCommand> {
    prop::sample::select(Template::ALL.to_vec()).prop_flat_map(move |template| {
        (payload(template, item.clone()), prop::option::of("[a-z]{2}-[a-z0-9-]{1,12}")).prop_map(
            move |(parameters, region)| StartCommand {
                template,
                parameters,
                region,
                parameters_file: None,
            },
        )
    })
}

fn has_line_break(value: &Value) -> bool {
    match value {
        Value::String(s) => s.contains(['\n', '\r']),
        Value::Array(items) => items.iter().any(has_line_break),
        Value::Object(map) => map.values().any(has_line_break),
        _ => false,
    }
}

fn assert_round_trip(cmd: &StartCommand, parsed: &ParsedCommand, shell: Shell, text: &str) {
    assert_eq!(parsed.template, cmd.template, "{shell}: template of {text}");
    assert_eq!(parsed.parameters, cmd.parameters, "{shell}: parameters of {text}");
    assert_eq!(parsed.region, cmd.region, "{shell}: region of {text}");
    assert_eq!(parsed.parameters_file, cmd.parameters_file, "{shell}: file of {text}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn start_execution_form_round_trips_in_every_shell(
        cmd in start_command(nasty_string().boxed()),
    ) {
        for shell in Shell::ALL {
            let text = render(&cmd, shell);
            let parsed = parse(&text, shell).unwrap_or_else(|e| panic!("{shell}: {e}\n{text}"));
            assert_round_trip(&cmd, &parsed, shell, &text);
        }
    }

    #[test]
    fn plugin_form_round_trips_and_cmd_refuses_only_line_breaks(
        cmd in start_command(list_item().boxed()),
    ) {
        for shell in Shell::ALL {
            match render_plugin(&cmd, shell) {
                Ok(text) => {
                    let parsed =
                        parse(&text, shell).unwrap_or_else(|e| panic!("{shell}: {e}\n{text}"));
                    assert_round_trip(&cmd, &parsed, shell, &text);
                }
                Err(RenderError::CmdNewline { .. }) if shell == Shell::Cmd => {
                    prop_assert!(has_line_break(&cmd.parameters));
                }
                Err(err) => panic!("{shell}: {err}"),
            }
        }
    }

    #[test]
    fn windows_shells_deliver_the_json_by_their_documented_rules(
        cmd in start_command(nasty_string().boxed()),
    ) {
        for shell in [Shell::PowerShell, Shell::PowerShellLegacy, Shell::Cmd] {
            let text = render(&cmd, shell);
            let argv = reference_program_argv(&text, shell)
                .unwrap_or_else(|e| panic!("{shell}: {e}\n{text}"));
            let json = argv.iter().position(|a| a == "--Parameters").map(|i| &argv[i + 1]);
            let json = json.unwrap_or_else(|| panic!("{shell}: no --Parameters in {argv:?}"));
            let received: Value = serde_json::from_str(json)
                .unwrap_or_else(|e| panic!("{shell}: {e}: {json}\n{text}"));
            prop_assert_eq!(&received, &cmd.parameters, "{}: {}", shell, text);
            prop_assert_eq!(&argv[..3], ["aliyun", "oos", "StartExecution"]);
        }
    }

    #[test]
    fn windows_shells_deliver_plugin_flags_by_their_documented_rules(
        cmd in start_command(list_item().boxed()),
    ) {
        for shell in [Shell::PowerShell, Shell::PowerShellLegacy, Shell::Cmd] {
            let Ok(text) = render_plugin(&cmd, shell) else { continue };
            let argv = reference_program_argv(&text, shell)
                .unwrap_or_else(|e| panic!("{shell}: {e}\n{text}"));
            let parsed = parse_argv(&argv).unwrap_or_else(|e| panic!("{shell}: {e}\n{argv:?}"));
            assert_round_trip(&cmd, &parsed, shell, &text);
        }
    }

    #[test]
    fn parse_never_panics(text in prop::collection::vec(nasty_char(), 0..80)) {
        let text: String = text.into_iter().collect();
        for shell in Shell::ALL {
            let _ = parse(&text, shell);
        }
    }
}

#[test]
fn reference_argv_matches_the_documented_examples() {
    // The table of "Parsing C++ command-line arguments".
    let cases: [(&str, &[&str]); 5] = [
        (r#""a b c" d e"#, &["a b c", "d", "e"]),
        (r#""ab\"c" "\\" d"#, &["ab\"c", "\\", "d"]),
        (r#"a\\\b d"e f"g h"#, &[r"a\\\b", "de fg", "h"]),
        (r#"a\\\"b c d"#, &[r#"a\"b"#, "c", "d"]),
        (r#"a\\\\"b c" d e"#, &[r"a\\b c", "d", "e"]),
    ];
    for (line, expected) in cases {
        assert_eq!(reference_argv(line), expected, "{line}");
    }
}

#[test]
fn cmd_model_expands_percent_names_and_leaks_operators_outside_quotes() {
    assert_eq!(reference_cmd("a %x% \"%y%\"").unwrap(), "a @EXPANDED@ \"@EXPANDED@\"");
    assert_eq!(reference_cmd("a ^%x^% ^\"b&^\"").unwrap_err(), "operator & leaked");
    assert_eq!(reference_cmd("a ^%x^% \"b&\"").unwrap(), "a %x% \"b&\"");
}

#[test]
fn cmd_rule_percent_and_operators_survive_in_json() {
    let cmd = StartCommand {
        template: Template::Command,
        parameters: serde_json::json!({"invokeScript": "echo %PATH% & dir > \"x y\" | more ^"}),
        region: None,
        parameters_file: None,
    };
    let text = render(&cmd, Shell::Cmd);
    let argv = reference_program_argv(&text, Shell::Cmd).unwrap();
    assert_eq!(serde_json::from_str::<Value>(&argv[6]).unwrap(), cmd.parameters, "{text}");
}

#[test]
fn parameters_file_path_survives_every_shell() {
    let cmd = StartCommand {
        template: Template::Image,
        parameters: Value::Object(Map::new()),
        region: Some("cn-hangzhou".to_owned()),
        parameters_file: Some("C:\\My Files\\100% p&q's.json".to_owned()),
    };
    for shell in Shell::ALL {
        let text = render(&cmd, shell);
        assert_round_trip(&cmd, &parse(&text, shell).unwrap(), shell, &text);
        let text = render_plugin(&cmd, shell).unwrap();
        assert_round_trip(&cmd, &parse(&text, shell).unwrap(), shell, &text);
    }
}

/// Found by the `render_roundtrip` fuzz target: without serde_json's `float_roundtrip`, an
/// integer too large for 64 bits became a float that, written back as `7.777777769999999e45`,
/// was read as a neighbouring float, so the rendered payload did not parse back the same.
#[test]
fn a_float_in_the_payload_survives_the_round_trip() {
    let parameters: Value =
        serde_json::from_str(r#"{"batchNumber":7777777770000000000000000016450570252850764905}"#)
            .unwrap();
    let cmd = StartCommand {
        template: Template::Package,
        parameters,
        region: None,
        parameters_file: None,
    };
    for shell in Shell::ALL {
        let text = render(&cmd, shell);
        assert_round_trip(&cmd, &parse(&text, shell).unwrap(), shell, &text);
    }
}
