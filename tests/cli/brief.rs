//! The briefing document (`run … --out-dir DIR` → `DIR/index.html`): byte-identical on a
//! rerun, self-contained, holding every table, note and chart of the pack (checked against the
//! reports the library returns for each step, not by eye), and rendered by a real headless
//! Chromium to PNG and PDF. Chromium must be installed (`/usr/bin/chromium`, or `CHROMIUM`):
//! without it these tests fail, they do not skip; `.ci/run` installs it.

mod browser;

use crate::{ok, run};
use clap::Parser;
use innodex::cli::{execute, Cli, Outcome};
use innodex::report::Report;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// HTML-escaped text, as the document writes it (written here independently).
fn esc(t: &str) -> String {
    t.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn run_pack(dir: &Path, extra: &[&str]) -> String {
    let mut args = vec!["-q", "run"];
    args.extend_from_slice(extra);
    let out_dir = dir.display().to_string();
    args.extend_from_slice(&["--out-dir", &out_dir]);
    ok(run(&args));
    std::fs::read_to_string(dir.join("index.html")).expect("index.html written")
}

/// The one rank basis shared by every row, if the report has a rank_basis column.
fn uniform_basis(r: &Report) -> Option<String> {
    let i = r.columns.iter().position(|c| c.name == "rank_basis")?;
    let first = r.rows.first()?[i].display();
    r.rows
        .iter()
        .all(|row| row[i].display() == first)
        .then_some(first)
}

#[test]
fn the_pack_writes_a_self_contained_document_identical_on_a_rerun() {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = run_pack(dir.path(), &["--all"]);
    let again = run_pack(dir.path(), &["--all"]);
    assert!(first == again, "index.html differs between two runs");
    for reference in [
        "http://", "https://", "file:", "<script", "<link", "<img", "<iframe",
    ] {
        assert!(
            !first.contains(reference),
            "index.html contains {reference:?}"
        );
    }
    // The manifest names it with its hash, like every output.
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("manifest.json")).expect("manifest"))
            .expect("json");
    assert_eq!(manifest["brief"]["file"], "index.html");
    assert_eq!(manifest["brief"]["bytes"], first.len());
    assert_eq!(manifest["brief"]["sha256"].as_str().map(str::len), Some(64));
    // The Markdown index stays beside it and points at it.
    let readme = std::fs::read_to_string(dir.path().join("README.md")).expect("README.md");
    assert!(readme.contains("[index.html](index.html)"), "{readme}");
    // --brief names the file instead.
    let other = tempfile::tempdir().expect("tempdir");
    let named = other.path().join("committee.html");
    let out_dir = other.path().join("pack").display().to_string();
    ok(run(&[
        "-q",
        "run",
        "top-ten",
        "--out-dir",
        &out_dir,
        "--brief",
        &named.display().to_string(),
    ]));
    let text = std::fs::read_to_string(&named).expect("--brief file written");
    assert!(text.contains("<h1>Top ten of each source</h1>"));
    assert!(!other.path().join("pack/index.html").exists());
    let nowhere = other.path().join("no-such-folder/b.html");
    let missing = run(&[
        "run",
        "top-ten",
        "--out-dir",
        &out_dir,
        "--brief",
        &nowhere.display().to_string(),
    ]);
    assert_eq!(missing.code, 1, "{}", missing.stderr);
    assert!(
        missing.stderr.contains("does not exist"),
        "{}",
        missing.stderr
    );
    let bad = run(&["run", "top-ten", "--out-dir", &out_dir, "--brief", "x.pdf"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(
        bad.stderr.contains("give a file name ending in .html"),
        "{}",
        bad.stderr
    );
}

#[test]
fn every_table_note_and_chart_of_the_pack_is_in_the_document() {
    let dir = tempfile::tempdir().expect("tempdir");
    let html = run_pack(dir.path(), &["--all"]);
    let lines: Vec<&str> = html.lines().collect();
    let (mut tables, mut charts) = (0, 0);
    let mut distinct_charts: BTreeSet<String> = BTreeSet::new();
    for q in innodex::queries::embedded().expect("queries") {
        assert!(html.contains(&format!(
            "<h2 id=\"q-{}-h\">{}</h2>",
            q.name,
            esc(&q.file.title)
        )));
        assert!(html.contains(&esc(&q.file.description)));
        for step in &q.file.steps {
            let command = format!("innodex {}", step.args.join(" "));
            assert!(
                html.contains(&format!("<code>{}</code>", esc(&command))),
                "{command}"
            );
            // The step's result as the library returns it, with the output it is written to.
            let argv = std::iter::once("innodex").chain(step.args.iter().map(String::as_str));
            let mut cli = Cli::try_parse_from(argv).expect("step parses");
            cli.global.output = Some(PathBuf::from(&step.output));
            match execute(&cli).expect("step runs") {
                Outcome::Report(r, _) => {
                    tables += 1;
                    assert!(html.contains(&format!("<caption>{}</caption>", esc(&r.title))));
                    for note in &r.notes {
                        assert!(
                            html.contains(&format!("<li>{}</li>", esc(note))),
                            "note of {command} missing: {note}"
                        );
                    }
                    // Quick facts, their `**label:**` markers shown as strong text.
                    let plain = html.replace("<strong>", "").replace("</strong>", "");
                    for fact in &r.facts {
                        let text = esc(&fact.replace("**", ""));
                        assert!(plain.contains(&format!("<li>{text}</li>")), "{fact}");
                        assert!(!html.contains(&format!("<li>{}", esc(fact))), "{fact}");
                    }
                    if let Some(basis) = uniform_basis(&r) {
                        // The rank column's header says the basis the rank_basis column had.
                        let header = format!("Rank<span class=\"basis\">{}", esc(&basis));
                        assert!(html.contains(&header), "rank basis {basis} of {command}");
                        if basis.starts_with("within") {
                            assert!(html.contains(&format!("{header}, not the published rank")));
                        }
                    }
                    // Each row: one <tr> line with the row's shown cells in order.
                    let shown = r.shown_columns();
                    for row in &r.rows {
                        let cells: Vec<String> = shown
                            .iter()
                            .filter(|&&c| {
                                r.columns[c].name != "rank_basis" || uniform_basis(&r).is_none()
                            })
                            .map(|&c| row[c].display())
                            .filter(|t| !t.is_empty())
                            .map(|t| format!(">{}<", esc(&t)))
                            .collect();
                        let found = lines.iter().any(|l| {
                            l.starts_with("<tr>") && {
                                let mut at = 0;
                                cells.iter().all(|c| match l[at..].find(c.as_str()) {
                                    Some(i) => {
                                        at += i + c.len() - 1;
                                        true
                                    }
                                    None => false,
                                })
                            }
                        });
                        assert!(found, "row of {command} not in a table: {cells:?}");
                    }
                }
                Outcome::Chart(fig) => {
                    charts += 1;
                    distinct_charts.insert(format!("{:?}", fig.spec));
                    // The chart's text alternative: its title inside the SVG, and in the caption.
                    let title = format!("-t\">{}</title>", esc(&fig.spec.title));
                    assert!(html.contains(&title), "no SVG title for {command}");
                    assert!(html.contains(&format!("<strong>{}</strong>", esc(&fig.spec.title))));
                    for line in &fig.spec.footer_lines {
                        assert!(
                            html.contains(&format!("<span class=\"source\">{}</span>", esc(line))),
                            "chart source line missing: {line}"
                        );
                    }
                }
                Outcome::Summary(_) => panic!("a step wrote its own files"),
            }
        }
    }
    assert!(
        tables >= 15 && charts >= 3,
        "{tables} tables, {charts} charts"
    );
    // Ids are unique, and every aria-labelledby names one of them.
    let attr_values = |attr: &str| -> Vec<String> {
        html.split(attr)
            .skip(1)
            .map(|rest| rest[..rest.find('"').expect("closing quote")].to_string())
            .collect()
    };
    let ids = attr_values(" id=\"");
    let unique: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids in the document");
    for refs in attr_values("aria-labelledby=\"") {
        for id in refs.split(' ') {
            assert!(
                unique.contains(&id.to_string()),
                "aria-labelledby names no element: {id}"
            );
        }
    }
    // One result written in two formats is one item naming both files.
    for both in [
        "gii-nato-and-partners.csv, gii-nato-and-partners.md</h3>",
        "rd-vs-robots.png, rd-vs-robots.svg</h3>",
    ] {
        assert!(html.contains(both), "{both}");
    }
    // The provenance: each dataset's content hash and each output's SHA-256 as the manifest has
    // them, and the output hashes are those of the files; the date is the data's.
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("manifest.json")).expect("manifest"))
            .expect("json");
    let mut newest = String::new();
    for d in manifest["datasets"].as_array().expect("datasets") {
        let sha = d["sha256"].as_str().expect("sha");
        assert!(
            html.contains(&format!("<code>{sha}</code>")),
            "dataset {}",
            d["id"]
        );
        newest = newest.max(d["retrieved"].as_str().expect("retrieved").to_string());
    }
    assert!(html.contains(&format!("Data as collected on <strong>{newest}</strong>")));
    for q in manifest["queries"].as_array().expect("queries") {
        for step in q["steps"].as_array().expect("steps") {
            let file = step["output"].as_str().expect("output");
            let sha = step["sha256"].as_str().expect("sha256");
            let bytes = std::fs::read(dir.path().join(file)).expect("output");
            let actual: String = sha2::Digest::finalize(sha2::Digest::chain_update(
                <sha2::Sha256 as sha2::Digest>::new(),
                &bytes,
            ))
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
            assert_eq!(actual, sha, "{file}");
            let row = format!("<tr><th scope=\"row\"><code>{}</code></th>", esc(file));
            assert!(html.contains(&row), "{file} not in the files of the run");
            assert!(html.contains(&format!("<code>{sha}</code>")), "{file}");
        }
    }
    // Every chart is inline SVG with the data table one click away; charts written as PNG and
    // SVG by the same command are one figure (one per distinct chart of the shipped queries).
    let n = distinct_charts.len();
    assert!(n >= 3, "{n} distinct charts");
    assert_eq!(html.matches("<svg ").count(), n);
    assert_eq!(html.matches("<figure class=\"chart\"").count(), n);
    assert_eq!(html.matches("<details class=\"chart-data\">").count(), n);
    assert_eq!(html.matches("role=\"img\" aria-labelledby=").count(), n);
    assert_font_covers(&html, &html, true);
    // The SVG file of the pack carries its own font.
    let svg = std::fs::read_to_string(dir.path().join("rd-vs-robots.svg")).expect("svg");
    assert_font_covers(&svg, &svg, false);
}

/// The embedded DejaVu Sans faces (regular, then bold, as `data:` URLs) have a glyph for every
/// character of the SVG text in `svg_text` that DejaVu Sans itself has: in the document each face
/// covers all its text (`whole`), in an SVG file each covers the text drawn in its weight.
fn assert_font_covers(with_fonts: &str, svg_text: &str, whole: bool) {
    let fonts: Vec<Vec<u8>> = with_fonts
        .split("url(data:font/ttf;base64,")
        .skip(1)
        .map(|s| decode_base64(&s[..s.find(')').expect("end of url")]))
        .collect();
    assert_eq!(fonts.len(), 2, "regular and bold embedded once");
    let full = ttf_parser::Face::parse(dejavu::sans::regular(), 0).expect("dejavu");
    let mut chars = [BTreeSet::new(), BTreeSet::new()];
    for part in svg_text.split("<text").skip(1) {
        let tag_end = part.find('>').expect("tag end");
        let bold = part[..tag_end].contains("font-weight=\"bold\"");
        let body = &part[tag_end + 1..];
        let body = &body[..body.find("</text>").expect("text end")];
        let body = body
            .replace("&apos;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&amp;", "&");
        let weight = usize::from(bold && !whole);
        chars[weight].extend(body.chars().filter(|c| !c.is_control()));
    }
    if whole {
        chars[1] = chars[0].clone();
    }
    assert!(chars[0].len() > 30, "charts have text");
    for (font, chars) in fonts.iter().zip(&chars) {
        let face = ttf_parser::Face::parse(font, 0).expect("embedded font parses");
        for &c in chars {
            if full.glyph_index(c).is_some() {
                assert!(
                    face.glyph_index(c).is_some(),
                    "{c:?} missing from the embedded font"
                );
            }
        }
    }
}

fn decode_base64(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let bytes: Vec<u8> = s.bytes().filter(|&c| c != b'=').collect();
    let mut out = Vec::new();
    for chunk in bytes.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &c)| n | (u32::from(val(c)) << (18 - 6 * i)));
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}
