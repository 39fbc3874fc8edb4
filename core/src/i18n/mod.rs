//! Texts people read, in English and Simplified Chinese.
//!
//! Every sentence the product shows a person (finding messages and hints, errors, `--help`, the
//! page) is a [`Text`]: a key into one table per language ([`en`], [`zh_cn`]) and the values of
//! its `{placeholders}`. A `Text` carries its English rendering, which is what machine output
//! (JSON, logs other programs read) always uses; [`Text::render`] gives it in a [`Lang`] for a
//! person. Codes, JSON keys and exit codes never change with the language.
//!
//! Why a compile-time table and not an i18n crate: the texts are a few hundred short sentences
//! with named placeholders and no plural rules Chinese needs, the core builds for the browser
//! where every kilobyte counts, and the tables stay plain Rust that a test can check: the same
//! keys in both languages, the same placeholders in each pair, and every key the code uses
//! present (`core/tests/texts.rs`).
//!
//! ```
//! use rolling_update_core::i18n::{Lang, Text};
//! use rolling_update_core::t;
//!
//! let text: Text = t!("i18n.example", name = "asg-1");
//! assert_eq!(text.as_str(), "example for asg-1");
//! assert_eq!(text.render(Lang::ZhCn), "asg-1 的示例");
//! ```

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;

use serde::Serialize;

pub mod en;
pub mod zh_cn;

/// A language texts are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English, the default and the language of machine output.
    #[default]
    En,
    /// Simplified Chinese.
    ZhCn,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// The language's BCP 47 tag (`en`, `zh-CN`).
    pub const fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// Reads a language from a tag as people and systems write it: `zh`, `zh-CN`, `zh_CN.UTF-8`,
    /// `zh-Hans` give Chinese; `en`, `en_US.UTF-8`, `C`, `POSIX` give English; anything else (or
    /// an empty value) gives `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim();
        // `zh_CN.UTF-8@modifier` -> `zh_CN`
        let tag = tag.split(['.', '@']).next().unwrap_or("");
        let mut parts = tag.split(['-', '_']);
        let language = parts.next().unwrap_or("").to_ascii_lowercase();
        match language.as_str() {
            "zh" => {
                // Traditional scripts and regions still read Simplified Chinese better than
                // English for this product's texts; only the language decides.
                Some(Lang::ZhCn)
            }
            "en" | "c" | "posix" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language to use, from the first of these that names one: the `--language` flag,
    /// `ALIBABA_CLOUD_LANGUAGE`, `LC_ALL`, `LC_MESSAGES`, `LANG`; English otherwise. The caller
    /// reads the environment and passes the values (the core does no I/O).
    pub fn detect(
        flag: Option<&str>,
        alibaba_cloud_language: Option<&str>,
        lc_all: Option<&str>,
        lc_messages: Option<&str>,
        lang: Option<&str>,
    ) -> Lang {
        [flag, alibaba_cloud_language, lc_all, lc_messages, lang]
            .into_iter()
            .flatten()
            .find_map(Lang::from_tag)
            .unwrap_or_default()
    }

    /// The table of this language: `(key, text)` pairs.
    pub fn table(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Lang::En => en::TEXTS,
            Lang::ZhCn => zh_cn::TEXTS,
        }
    }

    /// The texts of this language only the plugin shows (empty without the feature
    /// `cli-texts`, as in the page's build, which keeps the page's download small).
    pub fn cli_table(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Lang::En => en::CLI_TEXTS,
            Lang::ZhCn => zh_cn::CLI_TEXTS,
        }
    }

    /// Every `(key, text)` of this language: [`Lang::table`], then [`Lang::cli_table`].
    pub fn entries(self) -> impl Iterator<Item = &'static (&'static str, &'static str)> {
        self.table().iter().chain(self.cli_table())
    }

    /// The text of `key` in this language, or `None` when the table lacks it.
    pub fn lookup(self, key: &str) -> Option<&'static str> {
        self.entries().find(|(k, _)| *k == key).map(|(_, text)| *text)
    }

    /// The text of `key` with no placeholders filled: this language, else English, else the
    /// key itself (never a panic).
    pub fn get(self, key: &'static str) -> &'static str {
        self.lookup(key).or_else(|| Lang::En.lookup(key)).unwrap_or(key)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// A sentence for a person: a key and its placeholders' values, with its English rendering
/// at hand. It reads as a `str` (the English) so that code and tests that compare messages keep
/// working; [`Text::render`] gives another language.
///
/// A `Text` made from a plain string ([`Text::raw`], or `From<String>`) is the same in every
/// language: for values that are not ours to translate (an API's own message, a user's input).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    english: Cow<'static, str>,
    key: Option<&'static str>,
    args: Vec<(&'static str, Text)>,
}

impl Text {
    /// The text of `key`, its `{name}` placeholders filled from `args`.
    pub fn new(key: &'static str, args: Vec<(&'static str, Cow<'static, str>)>) -> Text {
        Text::nested(key, args.into_iter().map(|(name, value)| (name, Text::raw(value))).collect())
    }

    /// The text of `key` whose placeholders are themselves texts, each rendered in the reader's
    /// language (`t!(KEY, name: text)`).
    pub fn nested(key: &'static str, args: Vec<(&'static str, Text)>) -> Text {
        let english: Vec<_> = args
            .iter()
            .map(|(name, value)| (*name, Cow::Owned(value.as_str().to_owned())))
            .collect();
        let english = Cow::Owned(fill(Lang::En.get(key), &english));
        Text { english, key: Some(key), args }
    }

    /// The table's text whose English is `english` under a key starting with `prefix` (the
    /// parameter table keeps its English for documentation; people read it from the tables),
    /// or the English as it is when no key has it (a test checks every one has).
    pub fn from_english(prefix: &str, english: &'static str) -> Text {
        let key = Lang::En
            .table()
            .iter()
            .find(|(key, text)| {
                key.starts_with(prefix)
                    && (*text == english || (text.contains('{') && fill(text, &[]) == english))
            })
            .map(|(key, _)| *key);
        Text { english: Cow::Borrowed(english), key, args: Vec::new() }
    }

    /// A text that is the same in every language.
    pub fn raw(text: impl Into<Cow<'static, str>>) -> Text {
        Text { english: text.into(), key: None, args: Vec::new() }
    }

    /// The English rendering.
    pub fn as_str(&self) -> &str {
        &self.english
    }

    /// The key, when the text is one of the tables' (not [`Text::raw`]).
    pub fn key(&self) -> Option<&'static str> {
        self.key
    }

    /// The text in `lang`.
    pub fn render(&self, lang: Lang) -> Cow<'_, str> {
        match (lang, self.key) {
            (Lang::En, _) | (_, None) => Cow::Borrowed(&self.english),
            (lang, Some(key)) => {
                let args: Vec<_> =
                    self.args.iter().map(|(name, value)| (*name, value.render(lang))).collect();
                Cow::Owned(fill(lang.get(key), &args))
            }
        }
    }
}

/// Fills `{name}` placeholders of `template` from `args`; `{{` and `}}` are literal braces. An
/// unknown placeholder is left as written.
pub fn fill(template: &str, args: &[(&'static str, Cow<'_, str>)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        if let (true, Some(end)) = (tail.starts_with('{'), tail.find('}')) {
            let name = &tail[1..end];
            match args.iter().find(|(k, _)| *k == name) {
                Some((_, value)) => out.push_str(value),
                None => out.push_str(&tail[..=end]),
            }
            rest = &tail[end + 1..];
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The placeholders a template names, in order (`{{`/`}}` skipped).
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        let tail = &rest[at..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            rest = &tail[2..];
        } else if let (true, Some(end)) = (tail.starts_with('{'), tail.find('}')) {
            names.push(&tail[1..end]);
            rest = &tail[end + 1..];
        } else {
            rest = &tail[1..];
        }
    }
    names
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.english
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.english
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.english)
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.english)
    }
}

impl From<&'static str> for Text {
    fn from(text: &'static str) -> Text {
        Text::raw(text)
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text::raw(text)
    }
}

impl From<Cow<'static, str>> for Text {
    fn from(text: Cow<'static, str>) -> Text {
        Text::raw(text)
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.english == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.english == *other
    }
}

/// Makes a [`Text`] from a key (a string literal) and, optionally, its placeholders' values:
/// `name = value` for anything that implements `Display` (the same in every language, such as
/// an ID), `name: text` for a [`Text`] (or anything `Into<Text>`) rendered in the reader's
/// language: `t!(KEY, group = id, got: json_type)`.
#[macro_export]
macro_rules! t {
    ($key:literal $(,)?) => {
        $crate::i18n::Text::new($key, ::std::vec::Vec::new())
    };
    ($key:literal, $($name:ident $op:tt $value:expr),+ $(,)?) => {
        $crate::i18n::Text::nested(
            $key,
            ::std::vec![$((::core::stringify!($name), $crate::t_arg!($op $value))),+],
        )
    };
}

/// Implements `Display` for types that say themselves as a [`Text`] through a `text()` method:
/// `Display` writes that text's English (for logs and machine output), the one place the
/// sentence lives being the tables.
#[macro_export]
macro_rules! display_as_text {
    ($ty:ty) => {
        impl ::core::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.text().as_str())
            }
        }
    };
}

/// One placeholder value of [`t!`]: `= value` (shown as it is) or `: text` (translated).
#[doc(hidden)]
#[macro_export]
macro_rules! t_arg {
    (= $value:expr) => {
        $crate::i18n::Text::raw(::std::string::ToString::to_string(&$value))
    };
    (: $value:expr) => {
        ::core::convert::Into::<$crate::i18n::Text>::into($value)
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_read_from_the_forms_people_write() {
        for tag in ["zh", "zh-CN", "zh_CN.UTF-8", "ZH_cn", "zh-Hans", "zh_TW.Big5"] {
            assert_eq!(Lang::from_tag(tag), Some(Lang::ZhCn), "{tag}");
        }
        for tag in ["en", "en_US.UTF-8", "en-GB", "C", "POSIX", "C.UTF-8"] {
            assert_eq!(Lang::from_tag(tag), Some(Lang::En), "{tag}");
        }
        for tag in ["", "fr_FR.UTF-8", "ja", "   "] {
            assert_eq!(Lang::from_tag(tag), None, "{tag:?}");
        }
    }

    #[test]
    fn the_flag_wins_then_the_cli_variable_then_the_locale() {
        let zh = Some("zh_CN.UTF-8");
        let en = Some("en_US.UTF-8");
        assert_eq!(Lang::detect(Some("en"), zh, zh, zh, zh), Lang::En);
        assert_eq!(Lang::detect(None, Some("zh"), en, en, en), Lang::ZhCn);
        assert_eq!(Lang::detect(None, None, zh, en, en), Lang::ZhCn);
        assert_eq!(Lang::detect(None, None, None, None, zh), Lang::ZhCn);
        // A value that names no language is skipped, not taken as English.
        assert_eq!(Lang::detect(Some("fr"), None, None, None, zh), Lang::ZhCn);
        assert_eq!(Lang::detect(None, None, None, None, None), Lang::En);
    }

    #[test]
    fn placeholders_are_filled_and_braces_kept() {
        let args = vec![("a", Cow::Borrowed("1")), ("b", Cow::Borrowed("2"))];
        assert_eq!(fill("{a} and {b}", &args), "1 and 2");
        assert_eq!(fill("{{a}} {a}", &args), "{a} 1");
        assert_eq!(fill("{missing} {a", &args), "{missing} {a");
        assert_eq!(placeholders("{a} {{b}} {c}"), vec!["a", "c"]);
    }

    #[test]
    fn a_text_renders_in_each_language_and_serializes_in_english() {
        let text = crate::t!("i18n.example", name = "asg-1");
        assert_eq!(text, "example for asg-1");
        assert_eq!(text.render(Lang::ZhCn), "asg-1 的示例");
        assert_eq!(serde_json::to_string(&text).ok().as_deref(), Some("\"example for asg-1\""));
        let nested = crate::t!("i18n.example", name: crate::t!("i18n.example", name = "x"));
        assert_eq!(nested, "example for example for x");
        assert_eq!(nested.render(Lang::ZhCn), "x 的示例 的示例");
        let raw = Text::raw("as the API said");
        assert_eq!(raw.render(Lang::ZhCn), "as the API said");
    }

    #[test]
    fn an_unknown_key_falls_back_to_the_key() {
        assert_eq!(Lang::ZhCn.get("no.such.key"), "no.such.key");
    }
}
