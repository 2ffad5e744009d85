//! The briefing document in a real browser: headless Chromium renders it to a PNG screenshot
//! (not blank: text and chart colours drawn) and to PDF (the page count the print stylesheet
//! implies), and draws its text with the embedded font. Chromium is required: these tests fail
//! with a message saying how to install it, they never skip.

use super::run_pack;
use crate::{ok, run};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Chromium, which these tests need: they fail (never skip) without it.
fn chromium() -> PathBuf {
    let path = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    assert!(
        path.is_file(),
        "Chromium is needed to check the briefing document and is not at {}: install it \
         (Debian: apt-get install -y chromium; .ci/run does) or set CHROMIUM to its path",
        path.display()
    );
    path
}

/// Runs headless Chromium on a page with a fresh profile, offline in effect (no background
/// networking, sync, component updates or QUIC), and insists that it wrote `out`.
fn chromium_to(page: &Path, args: &[String], out: &Path) {
    let profile = tempfile::tempdir().expect("profile dir");
    let log = tempfile::NamedTempFile::new().expect("log file");
    let mut child = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log.reopen().expect("log"))
        .spawn()
        .expect("chromium starts");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium took over 120 s on {}", page.display());
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let stderr = std::fs::read_to_string(log.path()).unwrap_or_default();
    assert!(status.success(), "chromium failed ({status}): {stderr}");
    assert!(
        out.is_file(),
        "chromium wrote no {}: {stderr}",
        out.display()
    );
}

fn screenshot(page: &Path, out: &Path, size: &str) -> image::RgbImage {
    chromium_to(
        page,
        &[
            format!("--window-size={size}"),
            format!("--screenshot={}", out.display()),
        ],
        out,
    );
    image::open(out).expect("screenshot is a PNG").to_rgb8()
}

/// The page count of a PDF Chromium wrote: its page tree root's /Count (the largest /Count;
/// there is no outline, whose /Count could be larger).
fn pdf_pages(page: &Path, out: &Path) -> usize {
    chromium_to(
        page,
        &[
            "--no-pdf-header-footer".into(),
            format!("--print-to-pdf={}", out.display()),
        ],
        out,
    );
    let pdf = std::fs::read(out).expect("pdf");
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    let text = String::from_utf8_lossy(&pdf);
    text.match_indices("/Count ")
        .filter_map(|(i, _)| {
            let digits: String = text[i + 7..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse().ok()
        })
        .max()
        .expect("a page tree with /Count")
}

#[test]
fn chromium_renders_the_document_to_a_screenshot_and_to_pdf_pages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let html = run_pack(dir.path(), &["--all"]);
    let page = dir.path().join("index.html");
    let png = screenshot(&page, &dir.path().join("shot.png"), "1280,2400");
    let total = png.pixels().len();
    let ink = png
        .pixels()
        .filter(|p| p.0.iter().any(|&v| v < 235))
        .count();
    let dark = png.pixels().filter(|p| p.0.iter().all(|&v| v < 90)).count();
    // The first chart (the slope chart of gii-movement) is in the first 2,400 pixels: its lines
    // are drawn in the Okabe-Ito blue #0072B2, which nothing but a chart uses.
    let blue = png
        .pixels()
        .filter(|p| {
            let [r, g, b] = p.0;
            r < 40 && (95..=135).contains(&g) && (160..=200).contains(&b)
        })
        .count();
    assert!(
        ink * 20 > total,
        "screenshot nearly blank: {ink} of {total} pixels not white"
    );
    assert!(
        dark * 200 > total,
        "no text drawn: {dark} dark pixels of {total}"
    );
    assert!(blue > 200, "no chart drawn: {blue} chart-blue pixels");
    // Print: the stylesheet starts each saved query, and the provenance, on a new page (and the
    // title page holds the title and contents), so there are at least 2 + queries pages; each
    // query's items (a table, its notes, a chart) are kept whole where they fit on a page and
    // the longest table (the 40-odd economies of NATO and partners) fits one, so no item takes
    // more than two pages (itself, and its notes running over): at most 2 + queries + 2·items.
    let queries = html.matches("<section class=\"query\"").count();
    let items = html.matches("<article class=\"item\"").count();
    let pages = pdf_pages(&page, &dir.path().join("brief.pdf"));
    let shipped = std::fs::read_dir(crate::root().join("queries"))
        .expect("queries/")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "toml"))
        })
        .count();
    assert_eq!(queries, shipped, "one section per shipped query");
    assert!(
        (2 + queries..=2 + queries + 2 * items).contains(&pages),
        "{pages} pages for {queries} queries and {items} items"
    );
}

#[test]
fn a_pack_of_small_results_prints_one_query_per_page() {
    // Three queries whose results are each far shorter than an A4 page (a three-row table with
    // its notes; a 1600×900 chart printed 186 mm wide, so 105 mm tall, with its caption): the
    // title page, one page per query and the provenance page make exactly 5 pages.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut files = Vec::new();
    for (name, args, output) in [
        ("a", "'rank', 'gii.score', '--top', '3'", "a.csv"),
        ("b", "'chart', 'bar', 'gii.score', '--top', '5'", "b.svg"),
        ("c", "'rank', 'bii.score', '--top', '3'", "c.md"),
    ] {
        let path = dir.path().join(format!("{name}.toml"));
        let text = format!("title = 'Query {name}'\ndescription = 'Small.'\n[[step]]\nargs = [{args}]\noutput = '{output}'\n");
        std::fs::write(&path, text).expect("query file");
        files.push(path.display().to_string());
    }
    let out = dir.path().join("pack");
    let mut args = vec!["-q".to_string(), "run".into()];
    args.extend(files);
    args.extend(["--out-dir".into(), out.display().to_string()]);
    ok(run(&args.iter().map(String::as_str).collect::<Vec<_>>()));
    let pages = pdf_pages(&out.join("index.html"), &dir.path().join("small.pdf"));
    assert_eq!(pages, 5, "title page + 3 queries + provenance");
}

#[test]
fn chromium_draws_the_text_with_the_embedded_font() {
    // The document's own @font-face rules under a name no system font has, with monospace as
    // the fallback: if Chromium rejected the embedded font the text would be monospace.
    let dir = tempfile::tempdir().expect("tempdir");
    let html = run_pack(dir.path(), &["top-ten"]);
    let faces: String = html
        .lines()
        .filter(|l| l.starts_with("@font-face{"))
        .map(|l| {
            l.replace(
                "font-family:\"DejaVu Sans\"",
                "font-family:\"innodex-probe\"",
            )
        })
        .collect();
    assert_eq!(
        faces.matches("innodex-probe").count(),
        2,
        "regular and bold faces"
    );
    let text = "Robot density 1,220 Korea";
    for (name, family) in [
        ("probe", "'innodex-probe', monospace"),
        ("mono", "monospace"),
    ] {
        let page = format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>{faces}p{{font:48px {family}}}</style></head><body><p>{text}</p></body></html>"
        );
        std::fs::write(dir.path().join(format!("{name}.html")), page).expect("page");
    }
    let probe = screenshot(
        &dir.path().join("probe.html"),
        &dir.path().join("probe.png"),
        "900,200",
    );
    let mono = screenshot(
        &dir.path().join("mono.html"),
        &dir.path().join("mono.png"),
        "900,200",
    );
    let ink = |img: &image::RgbImage| img.pixels().filter(|p| p.0[0] < 128).count();
    assert!(ink(&probe) > 500, "nothing drawn with the embedded font");
    assert!(
        probe != mono,
        "the embedded font was not used: the text fell back to monospace"
    );
}
