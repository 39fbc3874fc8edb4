//! `--help` in the run's language. The command line is declared once (clap derive in `cli.rs`,
//! the parameter flags from the core's table); after clap has built it, every verb's `about`
//! and every shown argument's `help` is set from the text tables, in English too, so that the
//! English `--help` reads exactly from `en.rs`:
//!
//! - a verb: `help.<verb>.about` (and `help.<verb>.long_about` when it has a longer one; a
//!   nested verb is `help.<verb>.<sub>.about`), the root `help.rolling-update.*`;
//! - an argument of one verb: `help.<verb>.<arg-id>` (and `.long` for its longer help);
//! - a global argument (the same on every verb): `help.global.<arg-id>`;
//! - a parameter flag: its parameter's text in the table (`param.<key>.flag`, `.file_flag`).
//!
//! clap's own headings (`Usage:`, `Options:`, ...) are fixed strings in clap; for Chinese the
//! rendered help has them replaced ([`localize_rendered`]), and its `[default: ..]` and
//! `[possible values: ..]` are written from the tables; its parser errors are written again by
//! `parse_error.rs`.

use clap::{Arg, Command};
use rolling_update_core::i18n::{Lang, Text};
use rolling_update_core::refresh::table::REFRESH_PARAMS;
use rolling_update_core::t;
use rolling_update_core::template::PARAMS;

/// The name `help.<path>` uses for the root command.
const ROOT: &str = "rolling-update";

/// `cmd`, built, with every text from the tables in `lang`.
pub(crate) fn localized(mut cmd: Command, lang: Lang) -> Command {
    cmd.build();
    localize(cmd, ROOT, lang)
}

fn localize(cmd: Command, path: &str, lang: Lang) -> Command {
    let path = path.to_owned();
    let mut cmd = cmd;
    for (what, english) in command_texts(&cmd) {
        let key = format!("help.{}.{what}", text_path(&path));
        let text = lookup(&key, lang).unwrap_or(english);
        cmd = match what {
            "about" => cmd.about(text),
            "long_about" => cmd.long_about(text),
            "after_help" => cmd.after_help(text),
            _ => cmd.after_long_help(text),
        };
    }
    let verb = path.clone();
    cmd = cmd.mut_args(|arg| localize_arg(arg, &verb, lang));
    cmd.mut_subcommands(|sub| {
        let sub_path = child_path(&path, sub.get_name());
        localize(sub, &sub_path, lang)
    })
}

fn child_path(parent: &str, name: &str) -> String {
    if parent == ROOT { name.to_owned() } else { format!("{parent}.{name}") }
}

/// Where a command's own texts are: `help <verb>` (clap's help subcommand lists the verbs
/// again) reads the verb's.
fn text_path(path: &str) -> &str {
    match path.strip_prefix("help.") {
        Some(verb) if verb != "help" => verb,
        Some(_) => "help",
        None => path,
    }
}

/// The texts of a command itself: `(what, English)`.
fn command_texts(cmd: &Command) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let mut add = |what, text: Option<&clap::builder::StyledStr>| {
        if let Some(text) = text {
            out.push((what, text.to_string()));
        }
    };
    add("about", cmd.get_about());
    add("long_about", cmd.get_long_about());
    add("after_help", cmd.get_after_help());
    add("after_long_help", cmd.get_after_long_help());
    out
}

fn localize_arg(arg: Arg, verb: &str, lang: Lang) -> Arg {
    if arg.is_hide_set() {
        return arg;
    }
    let (short, long) = arg_keys(&arg, verb);
    let mut arg = arg;
    if let Some(text) = short.and_then(|key| key.render(lang)) {
        arg = arg.help(text);
    }
    if let Some(text) = long.and_then(|key| key.render(lang)) {
        arg = arg.long_help(text);
    }
    if lang == Lang::En { arg } else { with_values_in(arg, verb, lang) }
}

/// `arg` with clap's `[default: ..]` and `[possible values: ..]` written in `lang` instead
/// (clap writes them in English). Values that carry their own help are left to clap, which
/// lists them one per line.
fn with_values_in(arg: Arg, verb: &str, lang: Lang) -> Arg {
    if !arg.get_action().takes_values() {
        return arg;
    }
    let say = |text: Text| text.render(lang).into_owned();
    let defaults: Vec<String> =
        arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    let default = (!defaults.is_empty() && !arg.is_hide_default_value_set())
        .then(|| say(t!("help.default_value", value = defaults.join(", "))));
    let values: Vec<_> =
        arg.get_possible_values().into_iter().filter(|v| !v.is_hide_set()).collect();
    let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
    let listed = !names.is_empty() && !arg.is_hide_possible_values_set();
    let possible = listed.then(|| say(t!("help.possible_values", values = names.join(", "))));
    if default.is_none() && possible.is_none() {
        return arg;
    }
    let plain = arg.get_help().map(ToString::to_string).unwrap_or_default();
    let notes = notes_of(&default, &possible);
    let help = if plain.is_empty() { notes.clone() } else { format!("{plain} {notes}") };
    // Values with their own help are listed under the long help, one per line, as clap does;
    // the default follows them.
    let described: Vec<String> = values
        .iter()
        .filter(|v| v.get_help().is_some())
        .map(|v| {
            let key = value_key(&arg, verb, v.get_name());
            let english = v.get_help().map(ToString::to_string).unwrap_or_default();
            format!("- {}: {}", v.get_name(), lookup(&key, lang).unwrap_or(english))
        })
        .collect();
    let long = if described.is_empty() {
        arg.get_long_help().map(|long| format!("{long}\n\n{notes}"))
    } else {
        let long = arg.get_long_help().map(ToString::to_string).unwrap_or(plain);
        let heading = lang.get("help.possible_values.heading");
        let mut text = format!("{long}\n\n{heading}\n{}", described.join("\n"));
        if let Some(default) = &default {
            text.push_str(&format!("\n\n{default}"));
        }
        Some(text)
    };
    let arg = arg.help(help).hide_default_value(true).hide_possible_values(listed);
    match long {
        Some(long) => arg.long_help(long),
        None => arg,
    }
}

fn notes_of(default: &Option<String>, possible: &Option<String>) -> String {
    [default, possible].into_iter().flatten().map(String::as_str).collect::<Vec<_>>().join(" ")
}

/// The key of the help of value `value` of `arg` on `verb`: `help.value.<verb>.<arg-id>.<value>`
/// (`global` for a global argument), as an argument's own help is keyed.
pub(crate) fn value_key(arg: &Arg, verb: &str, value: &str) -> String {
    let owner = if arg.is_global_set() { "global" } else { verb };
    format!("help.value.{owner}.{}.{value}", arg.get_id())
}

/// Where an argument's help comes from: a key of the tables, or a text of the parameter table.
#[derive(Debug, Clone)]
pub(crate) enum Source {
    /// `help.*` in the tables.
    Key(String),
    /// The parameter table's own text (found in the tables by its English).
    Param(Text),
}

impl Source {
    fn render(&self, lang: Lang) -> Option<String> {
        match self {
            Source::Key(key) => lookup(key, lang),
            Source::Param(text) => text.key().map(|_| text.render(lang).into_owned()),
        }
    }

    /// The key, for the completeness test.
    #[cfg(test)]
    pub(crate) fn key(&self) -> Option<String> {
        match self {
            Source::Key(key) => Some(key.clone()),
            Source::Param(text) => text.key().map(str::to_owned),
        }
    }
}

/// The sources of an argument's help and long help (none when clap shows none).
pub(crate) fn arg_keys(arg: &Arg, verb: &str) -> (Option<Source>, Option<Source>) {
    let id = arg.get_id().as_str();
    let english = arg.get_help().map(ToString::to_string).unwrap_or_default();
    if let Some(text) = param_text(id, &english) {
        return (Some(Source::Param(text)), None);
    }
    // A flag of `--template refresh` has its help in the refresh table.
    let refresh = REFRESH_PARAMS.iter().find(|spec| spec.flag == id && !spec.help.is_empty());
    if let Some(spec) = refresh {
        return (Some(Source::Key(spec.help.to_owned())), None);
    }
    // clap's own `-h` says "see more" only where a long help exists; so does ours.
    if id == "help" && arg.get_long_help().is_none() {
        return (Some(Source::Key("help.global.help.plain".to_owned())), None);
    }
    let base = if arg.is_global_set() || id == "help" || id == "version" {
        format!("help.global.{id}")
    } else {
        format!("help.{verb}.{id}")
    };
    // Every shown argument has a help (`help_expected`); a missing one is a missing key.
    let long = arg.get_long_help().map(|_| Source::Key(format!("{base}.long")));
    (Some(Source::Key(base)), long)
}

/// The parameter table's help of a parameter flag or its file flag (a verb's own flag of the
/// same name, such as `rollback --action`, has its own help and key).
fn param_text(id: &str, english: &str) -> Option<Text> {
    PARAMS.iter().find_map(|spec| {
        if spec.flag == id && spec.flag_help.help == english {
            return Some(spec.flag_help_text());
        }
        let file = spec.flag_help.file.filter(|f| f.name == id && f.help == english)?;
        Some(Text::from_english("param.", file.help))
    })
}

/// The text of a `help.*` key in `lang` (English when Chinese lacks it).
fn lookup(key: &str, lang: Lang) -> Option<String> {
    lang.lookup(key).or_else(|| Lang::En.lookup(key)).map(|text| {
        // The tables write literal braces doubled.
        rolling_update_core::i18n::fill(text, &[])
    })
}

/// clap's own words in a rendered help or usage, for `lang` (English as clap writes them).
pub(crate) fn localize_rendered(rendered: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return rendered.to_owned();
    }
    let heading = |key: &'static str| Lang::ZhCn.get(key);
    let mut out = String::with_capacity(rendered.len());
    for line in rendered.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let replaced = match body {
            "Options:" => heading("help.heading.options").to_owned(),
            "Commands:" => heading("help.heading.commands").to_owned(),
            "Arguments:" => heading("help.heading.arguments").to_owned(),
            "Global options:" | "Global options" => heading("help.heading.global").to_owned(),
            "Health gates:" => heading("help.heading.gates").to_owned(),
            _ => match body.strip_prefix("Usage: ") {
                Some(rest) => format!("{}{rest}", heading("help.heading.usage")),
                None => body
                    .replace("(see more with '--help')", heading("help.see_more"))
                    .replace("(see a summary with '-h')", heading("help.see_summary")),
            },
        };
        out.push_str(&replaced);
        out.push_str(end);
    }
    out
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    /// Every key the built command needs: `(key, what it is for)`.
    fn needed(cmd: &Command, path: &str, out: &mut Vec<(String, String)>) {
        for (what, english) in command_texts(cmd) {
            out.push((format!("help.{}.{what}", text_path(path)), english));
        }
        for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
            let (short, long) = arg_keys(arg, path);
            for (source, text) in [(short, arg.get_help()), (long, arg.get_long_help())] {
                let Some(source) = source else { continue };
                let english = text.map(ToString::to_string).unwrap_or_default();
                match source.key() {
                    Some(key) => out.push((key, english)),
                    None => out.push((format!("<no key for --{}>", arg.get_id()), english)),
                }
            }
        }
        for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
            for value in arg.get_possible_values().iter().filter(|v| !v.is_hide_set()) {
                if let Some(help) = value.get_help() {
                    let key = value_key(arg, path, value.get_name());
                    out.push((key, help.to_string()));
                }
            }
        }
        for sub in cmd.get_subcommands() {
            needed(sub, &child_path(path, sub.get_name()), out);
        }
    }

    fn built() -> Command {
        let mut cmd = crate::cli::Cli::command();
        cmd.build();
        cmd
    }

    #[test]
    fn every_verb_and_argument_has_its_help_in_both_languages() {
        let mut keys = Vec::new();
        needed(&built(), ROOT, &mut keys);
        assert!(keys.len() > 50, "the walk found the command line: {}", keys.len());
        let missing: Vec<String> = keys
            .iter()
            .filter(|(key, _)| Lang::ALL.iter().any(|lang| lang.lookup(key).is_none()))
            .map(|(key, english)| format!("{key}\t{}", english.replace('\n', "\\n")))
            .collect();
        assert!(missing.is_empty(), "help texts missing from a table:\n{}", missing.join("\n"));
    }

    #[test]
    fn the_english_help_reads_from_the_tables_and_the_chinese_help_is_chinese() {
        let english = localized(crate::cli::Cli::command(), Lang::En);
        let mut cmd = english.find_subcommand("validate").cloned().unwrap_or_else(built);
        let about = cmd.get_about().map(ToString::to_string).unwrap_or_default();
        assert_eq!(Some(about.as_str()), Lang::En.lookup("help.validate.about"));
        let chinese = localized(crate::cli::Cli::command(), Lang::ZhCn);
        let mut zh = chinese.find_subcommand("validate").cloned().unwrap_or_else(built);
        let rendered = localize_rendered(&zh.render_help().to_string(), Lang::ZhCn);
        assert!(rendered.contains("用法："), "{rendered}");
        assert!(rendered.contains(Lang::ZhCn.get("help.validate.about")), "{rendered}");
        assert!(!cmd.render_help().to_string().contains("用法"));
    }
}
