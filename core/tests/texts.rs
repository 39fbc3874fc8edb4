//! The text tables agree: every key is in both languages with the same placeholders, no key is
//! there twice, and every key the code names (`t!("key"...)`) exists. A text added in one
//! language only fails here.

// This test reads the project's sources to find the keys they name; the core itself reads no
// file.
#![allow(clippy::disallowed_methods)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rolling_update_core::i18n::{Lang, placeholders};

fn keys(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    let mut seen = BTreeMap::new();
    for (key, text) in lang.entries() {
        assert!(seen.insert(*key, *text).is_none(), "{lang}: the key {key} is there twice");
        assert!(!text.trim().is_empty(), "{lang}: the key {key} has an empty text");
    }
    seen
}

#[test]
fn both_languages_have_the_same_keys_and_placeholders() {
    let en = keys(Lang::En);
    let zh = keys(Lang::ZhCn);
    let only_en: Vec<_> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
    let only_zh: Vec<_> = zh.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(only_en.is_empty(), "in English only: {only_en:?}");
    assert!(only_zh.is_empty(), "in Chinese only: {only_zh:?}");
    for (key, english) in &en {
        let mut a = placeholders(english);
        let mut b = placeholders(zh[key]);
        a.sort_unstable();
        b.sort_unstable();
        assert_eq!(a, b, "the placeholders of {key} differ between the languages");
    }
}

#[test]
fn the_chinese_texts_are_chinese() {
    // A text copied over untranslated reads as English to a Chinese reader.
    let untranslated: Vec<_> = Lang::ZhCn
        .entries()
        .filter(|(_, text)| !text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
        .map(|(key, _)| *key)
        .collect();
    assert!(untranslated.is_empty(), "Chinese texts without Chinese: {untranslated:?}");
}

/// Every `t!("key"` in the project's Rust sources.
fn keys_in_sources() -> BTreeSet<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut found = BTreeSet::new();
    for dir in ["core/src", "cli-plugin/src", "wasm/src"] {
        walk(&root.join(dir), &mut |path, text| {
            let mut rest = text;
            while let Some(at) = rest.find("t!(\"") {
                let after = &rest[at + 4..];
                let end = after.find('"').unwrap_or(after.len());
                let before = rest[..at].chars().last();
                // `t!(` alone, not the end of another macro's name (`print!(`).
                if !before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    found.insert((after[..end].to_owned(), path.display().to_string()));
                }
                rest = &after[end..];
            }
        });
    }
    found
}

fn walk(dir: &Path, visit: &mut dyn FnMut(&Path, &str)) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, visit);
        } else if path.extension().is_some_and(|e| e == "rs")
            && let Ok(text) = std::fs::read_to_string(&path)
        {
            visit(&path, &text);
        }
    }
}

#[test]
fn every_key_the_code_names_is_in_the_tables() {
    let en = keys(Lang::En);
    let missing: Vec<_> =
        keys_in_sources().into_iter().filter(|(key, _)| !en.contains_key(key.as_str())).collect();
    assert!(missing.is_empty(), "keys used but not in the tables: {missing:?}");
}

/// Every text of the parameter table a person reads: `(parameter, field, English)`.
fn parameter_texts() -> Vec<(&'static str, String, &'static str)> {
    use rolling_update_core::template::PARAMS;
    let mut texts = Vec::new();
    for spec in PARAMS.iter() {
        let mut add = |field: &str, text: Option<&'static str>| {
            if let Some(text) = text.filter(|t| !t.is_empty()) {
                texts.push((spec.key, field.to_owned(), text));
            }
        };
        add("label", Some(spec.label));
        add("description", Some(spec.description));
        add("flag", Some(spec.flag_help.help));
        add("file_flag", spec.flag_help.file.map(|f| f.help));
        add("required_hint", Some(spec.required_hint));
        add("find_hint", spec.find_hint);
        add("ignored_hint", spec.ignored_by_rollback_hint);
        add("empty_message", spec.empty_list.map(|a| a.message));
        add("empty_hint", spec.empty_list.map(|a| a.hint));
        for choice in spec.choices {
            add(&format!("choice.{}", choice.value), Some(choice.description));
        }
    }
    texts
}

#[test]
fn every_text_of_the_parameter_table_is_in_the_tables() {
    use rolling_update_core::i18n::Text;
    let missing: Vec<_> = parameter_texts()
        .into_iter()
        .filter(|(_, _, english)| Text::from_english("param.", english).key().is_none())
        .collect();
    let listed: Vec<String> =
        missing.iter().map(|(key, field, text)| format!("{key}\t{field}\t{text}")).collect();
    assert!(missing.is_empty(), "parameter texts with no param.* key:\n{}", listed.join("\n"));
}
