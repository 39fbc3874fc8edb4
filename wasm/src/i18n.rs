//! The page's languages: the `page.*` texts of the core's tables, and findings rendered in the
//! language asked for.

use std::borrow::Cow;

use rolling_update_core::i18n::{Lang, Text};
use rolling_update_core::shell::GateField;
use rolling_update_core::template::ParamSpec;
use serde_json::Value;

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
///
/// Read through [`Lang::entries`], never [`Lang::table`]: that small function is inlined into
/// this crate, which then holds a second copy of the English table (14 KB of the page's
/// download, gzipped).
pub(crate) fn page_texts(lang: Lang) -> impl Iterator<Item = (&'static str, &'static str)> {
    Lang::En.entries().filter_map(move |(key, _)| Some((key.strip_prefix("page.")?, lang.get(key))))
}

/// The table's text whose English is `english` under a key starting with `prefix`, in `lang`
/// (the English itself when no key has it; the tests below check every one has).
pub(crate) fn from_english(prefix: &str, english: &'static str, lang: Lang) -> String {
    Text::from_english(prefix, english).localize(lang)
}

/// Replaces the `label` and `description` of a serialized table row, and each choice's
/// `description`, with their texts in `lang`.
fn localize_row(
    mut row: Value,
    prefix: &str,
    label: &'static str,
    description: &'static str,
    choices: &[rolling_update_core::template::Choice],
    lang: Lang,
) -> Value {
    row["label"] = from_english(prefix, label, lang).into();
    row["description"] = from_english(prefix, description, lang).into();
    if let Some(list) = row.get_mut("choices").and_then(Value::as_array_mut) {
        for (item, choice) in list.iter_mut().zip(choices) {
            item["description"] = from_english(prefix, choice.description, lang).into();
        }
    }
    row
}

/// A template parameter as the page reads it, its texts in `lang`.
pub(crate) fn param(spec: &ParamSpec, lang: Lang) -> Result<Value, serde_json::Error> {
    let row = serde_json::to_value(spec)?;
    Ok(localize_row(row, "param.", spec.label, spec.description, spec.choices, lang))
}

/// A gate option as the page reads it, its texts in `lang`.
pub(crate) fn gate_field(field: &GateField, lang: Lang) -> Result<Value, serde_json::Error> {
    let row = serde_json::to_value(field)?;
    Ok(localize_row(row, "gate.", field.label, field.description, field.choices, lang))
}

#[cfg(test)]
mod tests {
    use rolling_update_core::shell::GATE_FIELDS;
    use rolling_update_core::template::Template;

    use super::*;

    fn keyed(prefix: &str, english: &'static str) -> bool {
        Text::from_english(prefix, english).key().is_some()
    }

    #[test]
    fn every_template_and_gate_text_has_a_key() {
        for t in Template::ALL {
            assert!(keyed("template.", t.title()), "{}: title", t.short_name());
            assert!(keyed("template.", t.description()), "{}: description", t.short_name());
        }
        for f in &GATE_FIELDS {
            assert!(keyed("gate.", f.label) && keyed("gate.", f.description), "{}", f.key);
            assert!(f.choices.iter().all(|c| keyed("gate.", c.description)), "{}", f.key);
        }
    }

    #[test]
    fn a_parameter_and_a_gate_option_read_in_chinese() -> Result<(), serde_json::Error> {
        let spec = Template::Image.params().find(|p| p.key == "scalingGroupId");
        let spec = spec.ok_or_else(|| serde::de::Error::custom("no scalingGroupId"))?;
        let zh = param(spec, Lang::ZhCn)?;
        assert_eq!(zh["description"], Lang::ZhCn.get("param.scalingGroupId.description"));
        assert_ne!(zh["description"], param(spec, Lang::En)?["description"]);
        let gate = gate_field(&GATE_FIELDS[4], Lang::ZhCn)?;
        assert_eq!(gate["label"], "检查不通过时");
        assert_eq!(
            gate["choices"][0]["description"],
            Lang::ZhCn.get("gate.onUnhealthy.choice.pause")
        );
        Ok(())
    }
}
