//! The page's languages: the `page.*` texts of the core's tables, and findings rendered in the
//! language asked for.

use std::borrow::Cow;

use rolling_update_core::i18n::{Lang, Text};

/// The language a JS caller names (`en`, `zh-CN`, `zh`, a browser's `navigator.language`);
/// English when it names none or nothing.
pub(crate) fn lang(tag: Option<&str>) -> Lang {
    tag.and_then(Lang::from_tag).unwrap_or_default()
}

/// A text for a person in `lang`: a core [`Text`] is rendered in it, a plain string (the
/// core's older texts) is what it is.
pub(crate) trait Localize {
    fn localize(&self, lang: Lang) -> String;
}

impl Localize for Text {
    fn localize(&self, lang: Lang) -> String {
        self.render(lang).into_owned()
    }
}

impl Localize for Cow<'_, str> {
    fn localize(&self, _: Lang) -> String {
        self.to_string()
    }
}

impl Localize for String {
    fn localize(&self, _: Lang) -> String {
        self.clone()
    }
}

/// Every `page.<name>` text of `lang` as `(name, text)`, placeholders left as `{name}`.
pub(crate) fn page_texts(lang: Lang) -> impl Iterator<Item = (&'static str, &'static str)> {
    Lang::En
        .table()
        .iter()
        .filter_map(move |(key, _)| Some((key.strip_prefix("page.")?, lang.get(key))))
}
