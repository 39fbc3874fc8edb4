//! Template knowledge lives in the core's parameter table: no source file of the core or the
//! plugin spells a template key or one of its allowed values or defaults as a string literal,
//! except the table itself, the typed model checked against it, tests, and the files listed
//! below with the reason each still does.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // A test reading the tree.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rolling_update_core::template::{DefaultValue, PARAMS};

/// Files that may spell the literals: where the table is declared, and the typed model whose
/// serde names a test in `schema.rs` checks against the table.
/// The instance refresh's own table declares a StartInstanceRefresh payload whose keys share
/// some spellings with the templates' (`scalingGroupId`, `imageId`) without being theirs.
const DECLARATIONS: &[&str] = &[
    "core/src/template/table.rs",
    "core/src/template/values.rs",
    "core/src/params.rs",
    "core/src/refresh/table.rs",
];

/// The simulator's own knowledge of the templates: it checks what the plugin sends against its
/// own copy on purpose, so that a mistake in the table is not also the simulator's.
const SIMULATOR: &[&str] = &[
    "sim/src/api.rs",
    "sim/src/model/engine/mod.rs",
    "sim/src/model/engine/invoke.rs",
    "sim/src/model/engine/batch.rs",
    "sim/src/model/ess.rs",
    "sim/src/model/oos.rs",
    "sim/src/model/refresh/start.rs",
    "sim/src/model/refresh/step.rs",
    "sim/src/templates.rs",
];

/// Files that still spell some, and why. Each is a file another part of issue 11 is rewriting
/// at the same time (the start preparation, the demo's move to the plugin, the health gate);
/// they read a payload by the key's spelling where `Key::...as_str()` belongs. The test fails
/// when one no longer needs its entry, so the list only shrinks.
const NOT_YET: &[(&str, &str)] = &[];

/// Literals that are a template's word only by coincidence in one file.
const UNRELATED: &[(&str, &str)] = &[
    // The API action of a signed request, not the package template's key.
    ("core/src/sign/mod.rs", "action"),
    // OOS's own execution Mode and LoopMode values (StartExecution arguments), not the
    // template's batchPauseOption, though LoopMode shares its spellings.
    ("core/src/api/oos/mod.rs", "Automatic"),
    ("core/src/api/oos/mod.rs", "FirstBatchPause"),
    ("core/src/api/oos/mod.rs", "EveryBatchPause"),
    // The API action a dry run prints (its JSON field), not the package template's key.
    ("cli-plugin/src/cmd/start.rs", "action"),
    // A RAM action (`oos:StartExecution`) in doctor's report, not the package template's key.
    ("cli-plugin/src/cmd/doctor.rs", "action"),
    // The API action a fault waits for, not the package template's key.
    ("sim/src/fault.rs", "action"),
    // The signature vectors' request action (a test module of the simulator).
    ("sim/src/vectors.rs", "action"),
];

/// Allowed values that are also ordinary words of the plugin (`rollback` is a verb, `install`
/// and `uninstall` are OOS package actions the package code names), so a literal of them is
/// not template knowledge by itself.
const COMMON_WORDS: &[&str] = &["invoke", "rollback", "install", "uninstall"];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The literals the table declares: every key, allowed value and string default.
fn literals() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for spec in &PARAMS {
        out.push(spec.key.to_owned());
        out.extend(spec.choices.iter().map(|c| c.value.to_owned()));
        match spec.default {
            DefaultValue::Str(s) if !s.is_empty() => out.push(s.to_owned()),
            DefaultValue::List(items) => out.extend(items.iter().map(|s| (*s).to_owned())),
            _ => {}
        }
    }
    out.retain(|l| !COMMON_WORDS.contains(&l.as_str()));
    out.sort();
    out.dedup();
    out
}

/// The code of a file without its test module and comments (doc examples name keys freely).
fn code_of(text: &str) -> String {
    let body = match text.find("#[cfg(test)]\nmod ") {
        Some(at) => &text[..at],
        None => text,
    };
    body.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

/// For each file outside the declarations, the table literals its code spells.
fn findings() -> BTreeMap<String, Vec<String>> {
    let root = workspace();
    let mut files = Vec::new();
    for dir in ["core/src", "cli-plugin/src", "sim/src"] {
        rust_files(&root.join(dir), &mut files);
    }
    let literals = literals();
    let mut found = BTreeMap::new();
    for path in files {
        let name = path.strip_prefix(&root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
        let is_test_file = name.ends_with("_tests.rs") || name.ends_with("/tests.rs");
        let simulator = name.starts_with("sim/") && SIMULATOR.contains(&name.as_str());
        if DECLARATIONS.contains(&name.as_str()) || is_test_file || simulator {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(&path).expect("a source file"));
        let unrelated = |l: &str| UNRELATED.contains(&(name.as_str(), l));
        let spelled: Vec<String> = literals
            .iter()
            .filter(|l| code.contains(&format!("\"{l}\"")) && !unrelated(l))
            .cloned()
            .collect();
        if !spelled.is_empty() {
            found.insert(name, spelled);
        }
    }
    found
}

#[test]
fn template_literals_appear_only_in_the_table() {
    let found = findings();
    let unexpected: Vec<_> =
        found.iter().filter(|(file, _)| !NOT_YET.iter().any(|(f, _)| f == file)).collect();
    assert!(
        unexpected.is_empty(),
        "template keys or values spelled outside the table (use Key::..., the value enums or \
         the spec's fields): {unexpected:#?}"
    );
    let done: Vec<_> = NOT_YET.iter().filter(|(file, _)| !found.contains_key(*file)).collect();
    assert!(done.is_empty(), "these files no longer spell template literals; drop them: {done:?}");
}

/// The check itself: a file that spells a key is found.
#[test]
fn a_spelled_key_is_found() {
    let code = code_of("fn f(p: &Map) { p.get(\"batchNumber\"); }\n#[cfg(test)]\nmod t {}\n");
    assert!(literals().iter().any(|l| code.contains(&format!("\"{l}\""))));
    let tests_only =
        code_of("fn f() {}\n#[cfg(test)]\nmod tests { const K: &str = \"imageId\"; }\n");
    assert!(!literals().iter().any(|l| tests_only.contains(&format!("\"{l}\""))));
}
