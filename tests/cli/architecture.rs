//! The architecture stays one-way: no cycle among the crate's top-level modules (an edge is a
//! `crate::MODULE` path in a module's source), the engine (`analysis`) never reaches the
//! wording (`present`) or the figures, and the renderer (`chart`) imports nothing above it.
//! Run: `cargo test --test cli architecture`.

use crate::root;
use std::collections::{BTreeMap, BTreeSet};

fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).expect("src") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Top-level module → the top-level modules its files name with `crate::`.
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = root().join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let top_of = |p: &std::path::Path| {
        let rel = p.strip_prefix(&src).expect("under src");
        let first = rel.components().next().expect("component");
        first
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string()
    };
    let modules: BTreeSet<String> = files.iter().map(|f| top_of(f)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        let top = top_of(f);
        if top == "lib" || top == "main" {
            continue;
        }
        let text = std::fs::read_to_string(f).expect("read");
        for (i, _) in text.match_indices("crate::") {
            let name: String = text[i + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // `crate::queries` is the re-export of `cli::queries`.
            let name = if name == "queries" {
                "cli".into()
            } else {
                name
            };
            if name != top && modules.contains(&name) {
                graph.entry(top.clone()).or_default().insert(name);
            }
        }
    }
    graph
}

fn cycle_from(
    graph: &BTreeMap<String, BTreeSet<String>>,
    path: &mut Vec<String>,
) -> Option<Vec<String>> {
    let last = path.last().expect("path").clone();
    for next in graph.get(&last).into_iter().flatten() {
        if let Some(at) = path.iter().position(|m| m == next) {
            let mut c = path[at..].to_vec();
            c.push(next.clone());
            return Some(c);
        }
        path.push(next.clone());
        if let Some(c) = cycle_from(graph, path) {
            return Some(c);
        }
        path.pop();
    }
    None
}

/// Every module `from` reaches through its imports (not counting itself).
fn reachable(graph: &BTreeMap<String, BTreeSet<String>>, from: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![from.to_string()];
    while let Some(m) = todo.pop() {
        for next in graph.get(&m).into_iter().flatten() {
            if seen.insert(next.clone()) {
                todo.push(next.clone());
            }
        }
    }
    seen.remove(from);
    seen
}

#[test]
fn top_level_modules_import_each_other_one_way_only() {
    let graph = module_graph();
    // The graph is real: the CLI is above the library, the presentation and the figures above
    // the engine, the renderer below the figures.
    assert!(graph["cli"].contains("analysis"));
    assert!(graph["cli"].contains("present"));
    assert!(graph["cli"].contains("figures"));
    assert!(graph["present"].contains("analysis"));
    assert!(graph["figures"].contains("analysis"));
    assert!(graph["figures"].contains("chart"));
    for m in graph.keys() {
        let cycle = cycle_from(&graph, &mut vec![m.clone()]);
        assert_eq!(cycle, None, "import cycle: {cycle:?}");
    }
}

#[test]
fn the_engine_words_nothing_and_the_renderer_imports_nothing_above_it() {
    let graph = module_graph();
    let engine = reachable(&graph, "analysis");
    for above in ["present", "figures", "chart", "output", "cli", "index"] {
        assert!(
            !engine.contains(above),
            "analysis reaches {above}: {engine:?}"
        );
    }
    // The renderer writes files through `output` (atomic writes, visible text) and nothing else.
    let renderer = reachable(&graph, "chart");
    let allowed: BTreeSet<String> = ["error", "output", "report", "suggest"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert!(
        renderer.is_subset(&allowed),
        "chart reaches {:?}",
        renderer.difference(&allowed).collect::<Vec<_>>()
    );
}
