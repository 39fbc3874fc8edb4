//! The language people read this run's texts in: `--language`, then `ALIBABA_CLOUD_LANGUAGE`,
//! then the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), then English (the core decides:
//! [`Lang::detect`]). It is read once, before the arguments are parsed, so that `--help` and the
//! parser's own errors are in that language too. Machine output never depends on it.

use std::ffi::OsString;
use std::sync::OnceLock;

use rolling_update_core::i18n::Lang;

static CURRENT: OnceLock<Lang> = OnceLock::new();
static FLAG: OnceLock<Option<Lang>> = OnceLock::new();

/// Decides the run's language from `args` (the whole argument list) and the environment.
pub(crate) fn init(args: &[OsString]) -> Lang {
    let flag = language_flag(args);
    let _ = FLAG.set(flag.as_deref().and_then(Lang::from_tag));
    let var = |name: &str| std::env::var(name).ok();
    let lang = Lang::detect(
        flag.as_deref(),
        var("ALIBABA_CLOUD_LANGUAGE").as_deref(),
        var("LC_ALL").as_deref(),
        var("LC_MESSAGES").as_deref(),
        var("LANG").as_deref(),
    );
    *CURRENT.get_or_init(|| lang)
}

/// The run's language (English before [`init`]).
pub(crate) fn current() -> Lang {
    CURRENT.get().copied().unwrap_or_default()
}

/// The language `--language` names, if it names one (the environment aside): for output that
/// is a file to keep, such as a schema, which only an explicit choice changes.
pub(crate) fn from_flag() -> Option<Lang> {
    FLAG.get().copied().flatten()
}

/// The value of `--language X` or `--language=X`, the last one given, before any `--`.
fn language_flag(args: &[OsString]) -> Option<String> {
    let mut found = None;
    let mut args = args.iter().map(|a| a.to_string_lossy());
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        if arg == "--language" {
            found = args.next().map(|v| v.into_owned());
        } else if let Some(value) = arg.strip_prefix("--language=") {
            found = Some(value.to_owned());
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_flag_is_found_in_both_spellings_and_the_last_wins() {
        assert_eq!(
            language_flag(&args(&["x", "status", "--language", "zh"])).as_deref(),
            Some("zh")
        );
        assert_eq!(
            language_flag(&args(&["x", "--language=en", "--language=zh"])).as_deref(),
            Some("zh")
        );
        assert_eq!(language_flag(&args(&["x", "--", "--language=zh"])), None);
        assert_eq!(language_flag(&args(&["x", "--language"])), None);
    }
}
