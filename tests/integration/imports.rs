//! The module graph of each crate has no cycle: data flows one way (ARCHITECTURE.md).
//!
//! A module is a file or folder of a crate's `src/`, two levels deep at most
//! (`core/src/waiter.rs` is `waiter`, `sim/src/model/engine/` is `model::engine`). It depends on
//! another when its code names it by a path, `crate::<m>` or `super::<m>`. Test modules are
//! left out: a test may reach anywhere. A cycle is reported with the lines that close it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rolling_update_tests::root;

/// Every `.rs` file under `dir`, recursively.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("reading a source folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// A file's full module path (`model/engine/batch.rs` is `["model", "engine", "batch"]`; the
/// crate root files are `[]`).
fn full_path(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap_or(file);
    let mut parts: Vec<String> =
        rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    if let Some(last) = parts.pop() {
        let stem = last.strip_suffix(".rs").unwrap_or(&last).to_owned();
        if !["mod", "lib", "main"].contains(&stem.as_str()) {
            parts.push(stem);
        }
    }
    parts
}

/// A module path cut to the graph's depth (two levels), `None` for the crate root.
fn module_id(path: &[String]) -> Option<String> {
    (!path.is_empty()).then(|| path[..path.len().min(2)].join("::"))
}

/// The most precise known module a path names (`a::b` when known, else `a`).
fn known(path: &[String], modules: &BTreeSet<String>) -> Option<String> {
    (1..=path.len().min(2)).rev().map(|n| path[..n].join("::")).find(|m| modules.contains(m))
}

/// Whether a file is a test module (by name), or the line is inside `#[cfg(test)] mod tests`.
fn is_test_file(file: &Path) -> bool {
    let name = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    name.ends_with("tests") || name == "tests" || name.ends_with("_tests")
}

/// The modules `text` (the file at module path `me`) names by a path, each with its first
/// line.
fn named_modules(
    text: &str,
    me: &[String],
    modules: &BTreeSet<String>,
) -> BTreeMap<String, String> {
    // `super` of `a/b.rs` is `a`; of `a/b/mod.rs` it is `a` too (its own path is `a::b`).
    let parent: Vec<String> = me[..me.len().saturating_sub(1)].to_vec();
    let mut found = BTreeMap::new();
    for line in text.lines() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            // Everything after a test module's attribute is test code (by the crate's habit,
            // test modules come last in a file).
            break;
        }
        if line.trim_start().starts_with("//") {
            continue;
        }
        for (marker, base) in [("crate::", Vec::new()), ("super::", parent.clone())] {
            let mut rest = line;
            while let Some(at) = rest.find(marker) {
                let after = &rest[at + marker.len()..];
                let mut path = base.clone();
                path.extend(
                    after
                        .split("::")
                        .map(|seg| {
                            seg.chars()
                                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                                .collect::<String>()
                        })
                        .take_while(|seg| !seg.is_empty())
                        .take(2),
                );
                if let Some(m) = known(&path, modules) {
                    found.entry(m).or_insert_with(|| line.trim().to_owned());
                }
                rest = after;
            }
        }
    }
    found
}

/// One edge per (from, to), with the line that makes it. A module naming its own parent or
/// child is not an edge: that is the module tree, not an import.
fn graph(crate_dir: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let src = root().join(crate_dir).join("src");
    let files = sources(&src);
    let modules: BTreeSet<String> =
        files.iter().filter_map(|f| module_id(&full_path(&src, f))).collect();
    let mut edges: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for file in files.iter().filter(|f| !is_test_file(f)) {
        let me = full_path(&src, file);
        let Some(from) = module_id(&me) else { continue };
        let text = std::fs::read_to_string(file).expect("reading a source file");
        for (to, line) in named_modules(&text, &me, &modules) {
            let nested =
                to.starts_with(&format!("{from}::")) || from.starts_with(&format!("{to}::"));
            if to != from && !nested {
                let shown = file.strip_prefix(root()).unwrap_or(file).display().to_string();
                edges
                    .entry(from.clone())
                    .or_default()
                    .entry(to)
                    .or_insert(format!("{shown}: {line}"));
            }
        }
    }
    edges
}

/// A cycle of the graph, as the modules along it, if there is one.
fn cycle(edges: &BTreeMap<String, BTreeMap<String, String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeMap<String, String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut found = path[at..].to_vec();
            found.push(node.to_owned());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in edges.get(node).into_iter().flat_map(|e| e.keys()) {
            if let Some(found) = visit(next, edges, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    edges.keys().find_map(|n| visit(n, edges, &mut Vec::new(), &mut done))
}

fn assert_acyclic(crate_dir: &str) {
    let edges = graph(crate_dir);
    assert!(!edges.is_empty(), "{crate_dir}: no module names another; the scan is broken");
    if let Some(found) = cycle(&edges) {
        let lines: Vec<String> = found
            .windows(2)
            .map(|w| format!("  {} -> {}   ({})", w[0], w[1], edges[&w[0]][&w[1]]))
            .collect();
        panic!("{crate_dir}: the modules import each other in a cycle:\n{}", lines.join("\n"));
    }
}

#[test]
fn the_core_has_no_import_cycle() {
    assert_acyclic("core");
}

#[test]
fn the_simulator_has_no_import_cycle() {
    assert_acyclic("sim");
}

#[test]
fn the_plugin_has_no_import_cycle() {
    assert_acyclic("cli-plugin");
}

#[test]
fn a_cycle_is_found() {
    let mut edges: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for (from, to) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
        edges.entry(from.into()).or_default().insert(to.into(), String::new());
    }
    assert_eq!(cycle(&edges), Some(vec!["a".into(), "b".into(), "c".into(), "a".into()]));
    edges.get_mut("c").map(|e| e.remove("a"));
    assert_eq!(cycle(&edges), None);
}
