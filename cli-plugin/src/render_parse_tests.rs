//! Every plugin command the core renders (the page writes the same text) is read back by the
//! plugin's real argument parser: rendered for each shell, split into arguments by the core's
//! lexer for that shell, parsed by [`Cli`], and compared with what was rendered.
//!
//! bash and fish also run for real in the integration tests (`tests/integration/shells.rs`);
//! the PowerShell and cmd.exe lexers are the core's models of their documented rules.

use clap::{CommandFactory, Parser};
use rolling_update_core::shell::{
    GateOptions, RenderError, Shell, StartCommand, apply_flag, flag_spec, render_plugin_gated,
    split,
};
use rolling_update_core::template::{InvokeType, ParamKind, ParamSpec, Relevance, Template};
use serde_json::{Map, Value};

use crate::cli::{Cli, GateFlags, StartArgs, Unhealthy, Verb, host_args};

/// Texts that mean something to some shell, or to the argument parser.
const ODD: &[&str] = &[
    "it's \"quoted\" $HOME ${X} $(id) `id` !! \\ %PATH% ^ & | < > ( ) ; # * ? [a] ~ {a,b}",
    "-rf /",
    "=zsh equals",
    "--flag=value",
    "",
    "中文 😀 é \u{2019}typographic\u{2019}",
    "df -h\nifconfig",
    "tab\there ",
];

/// A value for `spec`: plain ones (first choices, smallest numbers, a name) when `odd` is 0,
/// otherwise the last choices, the largest numbers and `ODD[odd - 1]`.
fn value(spec: &ParamSpec, mode: InvokeType, odd: usize) -> Value {
    if spec.key == "invokeType" {
        return Value::from(mode.as_str());
    }
    let text = if odd == 0 { "name-1" } else { ODD[(odd - 1) % ODD.len()] };
    match spec.kind {
        ParamKind::String if !spec.choices.is_empty() => {
            let pick = if odd == 0 { spec.choices.first() } else { spec.choices.last() };
            Value::from(pick.map_or("", |c| c.value))
        }
        ParamKind::String => Value::from(format!("{}{text}", spec.id_prefix.unwrap_or_default())),
        ParamKind::Integer => {
            let n = if odd == 0 { spec.min.unwrap_or(0) } else { spec.max.unwrap_or(-3) };
            Value::from(n)
        }
        ParamKind::StringList if odd == 0 => Value::Array(Vec::new()),
        ParamKind::StringList if spec.choices.is_empty() => Value::from(vec!["a b", "=c", "-d"]),
        ParamKind::StringList => {
            Value::from(spec.choices.iter().map(|c| c.value).collect::<Vec<_>>())
        }
        ParamKind::Boolean => Value::from(odd == 0),
        ParamKind::Json if odd == 0 => serde_json::json!([{"Name": "web", "Image": "nginx"}]),
        ParamKind::Json => serde_json::json!([{"Name": text, "Image": "r/i:1", "Cpu": 0.5}]),
    }
}

/// The payload of every parameter `mode` reads (or records).
fn payload(template: Template, mode: InvokeType, odd: usize) -> Value {
    let params = template
        .params()
        .filter(|spec| spec.relevance(mode) != Relevance::Ignored)
        .map(|spec| (spec.key.to_owned(), value(spec, mode, odd)))
        .collect::<Map<String, Value>>();
    Value::Object(params)
}

/// No gate, every gate option, and values that are easy to get wrong.
fn gates() -> Vec<GateOptions> {
    let full = GateOptions {
        check: Some(ODD[0].to_owned()),
        check_timeout: Some("90s".to_owned()),
        alarms: vec!["rule-1".to_owned(), "=rule-2".to_owned()],
        bake: Some("1h30m".to_owned()),
        on_unhealthy: Some("rollback".to_owned()),
        insufficient_data_ok: true,
    };
    vec![
        GateOptions::default(),
        full,
        GateOptions {
            check: Some("-x; exit 1".to_owned()),
            on_unhealthy: Some("cancel".to_owned()),
            ..GateOptions::default()
        },
        GateOptions {
            alarms: vec!["-starts-with-a-dash".to_owned()],
            bake: Some("0".to_owned()),
            on_unhealthy: Some("pause".to_owned()),
            ..GateOptions::default()
        },
        GateOptions {
            check: Some("curl -fsS \"http://$RU_INSTANCE_IPS/health\"\nexit $?".to_owned()),
            ..GateOptions::default()
        },
    ]
}

/// Every command of the matrix: each template, both modes, plain and odd values, with and
/// without a region and a parameters file, with each set of gate options.
fn commands() -> Vec<(StartCommand, GateOptions)> {
    let mut all = Vec::new();
    let gates = gates();
    for template in Template::ALL {
        for mode in InvokeType::ALL {
            for odd in 0..=ODD.len() {
                let command = StartCommand {
                    template,
                    parameters: payload(template, mode, odd),
                    region: (odd % 2 == 0).then(|| "cn-hangzhou".to_owned()),
                    parameters_file: (odd == 3).then(|| "my params $X.json".to_owned()),
                };
                all.push((command, gates[odd % gates.len()].clone()));
            }
        }
    }
    all
}

/// The payload the parsed parameter flags build, read from clap's matches by each flag's long
/// name, so that it holds whatever arguments the definition declares.
fn parsed_payload(argv: &[String]) -> Map<String, Value> {
    let matches = Cli::command().try_get_matches_from(argv).expect("parsed once already");
    let (verb, start) = matches.subcommand().expect("a verb");
    assert_eq!(verb, "start");
    let mut payload = Map::new();
    let command = Cli::command();
    let definition = command.find_subcommand("start").expect("start is a verb");
    for arg in definition.get_arguments() {
        let Some(spec) = arg.get_long().and_then(flag_spec) else { continue };
        let Ok(Some(raw)) = start.try_get_raw(arg.get_id().as_str()) else { continue };
        for text in raw {
            let text = text.to_str().expect("UTF-8 argument");
            apply_flag(&mut payload, spec, text).expect("a value the flag takes");
        }
    }
    payload
}

fn assert_gate(parsed: &GateFlags, given: &GateOptions, context: &str) {
    let trimmed = |v: &Option<String>| v.as_deref().map(str::trim).map(str::to_owned);
    assert_eq!(parsed.check, given.check, "--check of {context}");
    assert_eq!(parsed.check_timeout, trimmed(&given.check_timeout), "--check-timeout of {context}");
    let alarms: Vec<String> = given.alarms.iter().map(|a| a.trim().to_owned()).collect();
    assert_eq!(parsed.alarms, alarms, "--alarm of {context}");
    assert_eq!(parsed.bake, trimmed(&given.bake), "--bake of {context}");
    let on_unhealthy = match given.on_unhealthy.as_deref().map(str::trim) {
        None => None,
        Some("pause") => Some(Unhealthy::Pause),
        Some("rollback") => Some(Unhealthy::Rollback),
        Some("cancel") => Some(Unhealthy::Cancel),
        Some(other) => panic!("the matrix holds only valid values, not {other}"),
    };
    assert_eq!(parsed.on_unhealthy, on_unhealthy, "--on-unhealthy of {context}");
    assert_eq!(parsed.insufficient_data_ok, given.insufficient_data_ok, "{context}");
}

fn assert_start(args: &StartArgs, cli: &Cli, command: &StartCommand, argv: &[String], text: &str) {
    assert_eq!(cli.host.region, command.region, "--region of {text}");
    assert_eq!(args.params.template.as_deref(), Some(command.template.short_name()), "{text}");
    let file = args.params.parameters_file.as_ref().map(|p| p.display().to_string());
    assert_eq!(file, command.parameters_file, "--parameters-file of {text}");
    let expected = match command.parameters_file {
        Some(_) => Value::Object(Map::new()),
        None => command.parameters.clone(),
    };
    assert_eq!(Value::Object(parsed_payload(argv)), expected, "parameter flags of {text}");
}

/// Whether `err` is the one thing a shell may refuse: a line break for cmd.exe.
fn is_cmd_line_break(err: &RenderError) -> bool {
    match err {
        RenderError::CmdNewline { .. } => true,
        RenderError::Gate { message, .. } => message.contains("cannot pass a line break"),
        _ => false,
    }
}

#[test]
fn every_rendered_plugin_command_parses_to_its_inputs_with_the_real_definition() {
    let mut parsed_count = 0;
    for (command, gate) in commands() {
        for shell in Shell::ALL {
            let text = match render_plugin_gated(&command, &gate, shell) {
                Ok(text) => text,
                Err(err) if shell == Shell::Cmd && is_cmd_line_break(&err) => continue,
                Err(err) => panic!("{shell}: {err}: {command:?} {gate:?}"),
            };
            let words = split(&text, shell).unwrap_or_else(|e| panic!("{shell}: {e}: {text}"));
            let argv: Vec<String> = host_args(words.iter().map(Into::into))
                .into_iter()
                .map(|a| a.into_string().expect("UTF-8"))
                .collect();
            let cli = Cli::try_parse_from(&argv)
                .unwrap_or_else(|e| panic!("{shell}: clap refuses {text}:\n{e}"));
            let Verb::Start(args) = &cli.verb else { panic!("{shell}: not start: {text}") };
            let context = format!("{shell}: {text}");
            assert_start(args, &cli, &command, &argv, &context);
            assert_gate(&args.gate, &gate, &context);
            parsed_count += 1;
        }
    }
    // 3 templates x 2 modes x 9 value sets x 5 shells, less what cmd.exe cannot carry.
    assert!(parsed_count > 200, "only {parsed_count} commands were parsed");
}

#[test]
fn the_matrix_fills_every_gate_option_and_every_parameter_flag() {
    let commands = commands();
    for spec in Template::ALL.iter().flat_map(|t| t.params()) {
        assert!(
            commands.iter().any(|(c, _)| c.parameters.get(spec.key).is_some()),
            "{} is never rendered",
            spec.key
        );
    }
    let gates: Vec<&GateOptions> = commands.iter().map(|(_, g)| g).collect();
    assert!(gates.iter().any(|g| g.check.is_some() && g.check_timeout.is_some()));
    assert!(gates.iter().any(|g| g.alarms.len() > 1 && g.insufficient_data_ok));
    for choice in ["pause", "rollback", "cancel"] {
        assert!(gates.iter().any(|g| g.on_unhealthy.as_deref() == Some(choice)), "{choice}");
    }
}
