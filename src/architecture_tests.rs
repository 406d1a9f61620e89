//! The pipeline's layering as a test: no import cycle between the crate's
//! top-level modules, nor between the rooms of one module (`metrics::trend`
//! ↔ `metrics::resolution` …). A cycle fails with the modules it runs
//! through. `#[cfg(test)]` parts of a file are not counted.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module's path below `src/`: `src/metrics/trend.rs` → `["metrics", "trend"]`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap_or(file).with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib" || p == "main") {
        parts.pop();
    }
    parts
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The longest prefix of `path` that is a module (a file or a folder).
fn existing(src: &Path, mut path: Vec<String>) -> Vec<String> {
    while !path.is_empty() {
        let p = path.iter().fold(src.to_path_buf(), |p, c| p.join(c));
        if p.with_extension("rs").is_file() || p.is_dir() {
            break;
        }
        path.pop();
    }
    path
}

/// The module paths a file's code names: `crate::a::b…` and `super::x…`.
fn references(src: &Path, file: &Path, text: &str) -> Vec<Vec<String>> {
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    let me = module_of(src, file);
    let mut out = Vec::new();
    for (prefix, base) in [("crate::", Vec::new()), ("super::", me[..me.len().saturating_sub(1)].to_vec())] {
        for (i, _) in code.match_indices(prefix) {
            let before = code[..i].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':' || c == '$') {
                continue;
            }
            let rest = &code[i + prefix.len()..];
            let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).unwrap_or(rest.len());
            let mut path = base.clone();
            path.extend(rest[..end].split("::").filter(|s| !s.is_empty()).map(str::to_string));
            out.push(existing(src, path));
        }
    }
    out
}

/// The cycles of a graph (its strongly connected parts of more than one node).
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // node → the nodes it reaches; a cycle is a set of nodes reaching each other
    let reach = |from: &String| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(n) = stack.pop() {
            for m in edges.get(&n).into_iter().flatten() {
                if seen.insert(m.clone()) {
                    stack.push(m.clone());
                }
            }
        }
        seen
    };
    let reached: BTreeMap<&String, BTreeSet<String>> = edges.keys().map(|k| (k, reach(k))).collect();
    let mut found: BTreeSet<Vec<String>> = BTreeSet::new();
    for (k, r) in &reached {
        let members: Vec<String> =
            r.iter().filter(|m| reached.get(m).is_some_and(|back| back.contains(*k))).cloned().collect();
        if members.len() > 1 {
            found.insert(members);
        }
    }
    found.into_iter().collect()
}

#[test]
fn no_import_cycles() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    // level 1: the top-level modules; level 2: the rooms of each module
    let mut graphs: [BTreeMap<String, BTreeSet<String>>; 2] = Default::default();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("read");
        let me = module_of(&src, file);
        for to in references(&src, file, &text) {
            for depth in 1..=2 {
                let (a, b) = (&me[..me.len().min(depth)], &to[..to.len().min(depth)]);
                // a module and its own parent or child are one room
                if a.len() < depth || b.len() < depth || a == b || a[..depth - 1] != b[..depth - 1] {
                    continue;
                }
                graphs[depth - 1].entry(a.join("::")).or_default().insert(b.join("::"));
            }
        }
    }
    for (level, graph) in graphs.iter().enumerate() {
        let found = cycles(graph);
        assert!(found.is_empty(), "import cycles between modules (level {}): {found:?}", level + 1);
    }
    // the test sees the modules it guards
    assert!(graphs[0].get("report").is_some_and(|to| to.contains("metrics")), "{:?}", graphs[0].get("report"));
    assert!(graphs[1].contains_key("metrics::trend"));
}
