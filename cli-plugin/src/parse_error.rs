//! clap's parser errors in the run's language.
//!
//! clap writes its errors in English only. For another language the error is written again from
//! what clap records about it (its kind and context: the argument, the value, the allowed
//! values, the suggestion, the usage line), in the same layout as clap's: the message, a tip,
//! the usage, and where to read more. A kind this module does not know keeps clap's English
//! (with the headings translated), so nothing is ever lost.

use clap::error::{ContextKind, ContextValue, Error, ErrorKind};
use rolling_update_core::i18n::{Lang, Text};
use rolling_update_core::t;

/// `err` as the plugin prints it in `lang`: `None` for English (clap's own text stays).
pub(crate) fn render(err: &Error, lang: Lang) -> Option<String> {
    if lang == Lang::En {
        return None;
    }
    let say = |text: Text| text.render(lang).into_owned();
    let Some(message) = message(err) else {
        return Some(crate::help::localize_rendered(&err.render().to_string(), lang));
    };
    let mut out = say(t!("clap.error", message: message));
    if let Some(tip) = tip(err) {
        out.push_str("\n\n  ");
        out.push_str(&say(tip));
    }
    if let Some(ContextValue::StyledStr(usage)) = err.get(ContextKind::Usage) {
        out.push_str("\n\n");
        out.push_str(&crate::help::localize_rendered(&usage.to_string(), lang));
    }
    out.push_str("\n\n");
    out.push_str(&say(t!("clap.more")));
    out.push('\n');
    Some(out)
}

fn string(err: &Error, kind: ContextKind) -> Option<String> {
    match err.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        _ => None,
    }
}

fn strings(err: &Error, kind: ContextKind) -> Vec<String> {
    match err.get(kind) {
        Some(ContextValue::Strings(list)) => list.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn number(err: &Error, kind: ContextKind) -> Option<isize> {
    match err.get(kind)? {
        ContextValue::Number(n) => Some(*n),
        _ => None,
    }
}

/// The allowed values after a message, as clap lists them: `[possible values: a, b]`.
fn with_values(message: Text, values: &[String]) -> Text {
    if values.is_empty() {
        return message;
    }
    t!("clap.with_values", message: message, values = values.join(", "))
}

/// What went wrong, from the error's kind and context; `None` when the context lacks what the
/// sentence needs.
fn message(err: &Error) -> Option<Text> {
    let arg = || string(err, ContextKind::InvalidArg);
    let value = || string(err, ContextKind::InvalidValue);
    Some(match err.kind() {
        ErrorKind::UnknownArgument => t!("clap.unknown_argument", arg = arg()?),
        ErrorKind::InvalidSubcommand => {
            t!("clap.unknown_subcommand", name = string(err, ContextKind::InvalidSubcommand)?)
        }
        ErrorKind::InvalidValue => {
            let (arg, value) = (arg()?, value()?);
            let message = if value.is_empty() {
                t!("clap.value_missing", arg = arg)
            } else {
                t!("clap.invalid_value", arg = arg, value = value)
            };
            with_values(message, &strings(err, ContextKind::ValidValue))
        }
        ErrorKind::ValueValidation => {
            let (arg, value) = (arg()?, value()?);
            match std::error::Error::source(err) {
                Some(reason) => {
                    t!("clap.invalid_value_because", arg = arg, value = value, reason = reason)
                }
                None => t!("clap.invalid_value", arg = arg, value = value),
            }
        }
        ErrorKind::MissingRequiredArgument => {
            let list = strings(err, ContextKind::InvalidArg);
            if list.is_empty() {
                return None;
            }
            t!("clap.missing_required", args = list.join(", "))
        }
        ErrorKind::ArgumentConflict => {
            let arg = arg()?;
            let prior = strings(err, ContextKind::PriorArg);
            if prior.is_empty() || prior == [arg.clone()] {
                t!("clap.used_twice", arg = arg)
            } else {
                t!("clap.conflict", arg = arg, other = prior.join(", "))
            }
        }
        ErrorKind::NoEquals => t!("clap.no_equals", arg = arg()?),
        ErrorKind::TooManyValues => t!("clap.too_many_values", arg = arg()?, value = value()?),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            let expected = number(err, ContextKind::MinValues)
                .or_else(|| number(err, ContextKind::ExpectedNumValues))?;
            let actual = number(err, ContextKind::ActualNumValues)?;
            t!("clap.value_count", arg = arg()?, expected = expected, actual = actual)
        }
        ErrorKind::MissingSubcommand => {
            let name = string(err, ContextKind::InvalidSubcommand)?;
            with_values(
                t!("clap.missing_subcommand", name = name),
                &strings(err, ContextKind::ValidSubcommand),
            )
        }
        ErrorKind::InvalidUtf8 => t!("clap.invalid_utf8"),
        _ => return None,
    })
}

/// clap's suggestion of a similar argument, verb or value, if it has one.
fn tip(err: &Error) -> Option<Text> {
    [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand, ContextKind::SuggestedValue]
        .into_iter()
        .map(|kind| strings(err, kind))
        .find(|list| !list.is_empty())
        .map(|list| {
            let quoted: Vec<String> = list.iter().map(|s| format!("'{s}'")).collect();
            t!("clap.tip", similar = quoted.join(", "))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(args: &[&str]) -> Error {
        let cmd = crate::help::localized(crate::cli::command(), Lang::ZhCn);
        match cmd.try_get_matches_from(args) {
            Err(err) => err,
            Ok(_) => panic!("{args:?} parsed"),
        }
    }

    fn chinese(args: &[&str]) -> String {
        render(&error_of(args), Lang::ZhCn).unwrap_or_default()
    }

    #[test]
    fn an_unknown_flag_is_said_in_chinese_with_the_flag_and_the_suggestion() {
        let text = chinese(&["x", "validate", "--templat", "image"]);
        assert!(text.starts_with("错误："), "{text}");
        assert!(text.contains("'--templat'"), "{text}");
        assert!(text.contains("提示") && text.contains("'--template'"), "{text}");
        assert!(text.contains("用法："), "{text}");
        assert!(!text.contains("unexpected argument"), "{text}");
    }

    #[test]
    fn a_bad_choice_lists_the_allowed_values() {
        let text = chinese(&["x", "completion", "tcsh"]);
        assert!(text.contains("'tcsh'") && text.contains("bash"), "{text}");
        assert!(text.contains("可选值"), "{text}");
    }

    #[test]
    fn a_missing_required_flag_is_named() {
        let text = chinese(&["x", "schema"]);
        assert!(text.contains("--template"), "{text}");
        assert!(text.contains("缺少"), "{text}");
    }

    #[test]
    fn an_unknown_verb_is_named() {
        let text = chinese(&["x", "strat"]);
        assert!(text.contains("'strat'") && text.contains("'start'"), "{text}");
    }

    #[test]
    fn english_keeps_clap_s_own_text() {
        assert_eq!(render(&error_of(&["x", "strat"]), Lang::En), None);
    }
}
