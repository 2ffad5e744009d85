//! The briefing document: one self-contained HTML file (no external reference of any kind)
//! built from the results of a run held in memory — per saved query its title, question and
//! exact commands, its tables as HTML tables, its charts as inline SVG with a data table one
//! click away, its notes, caveats and sources; the provenance at the end. A print stylesheet
//! makes "Print to PDF" give clean pages. The same [`Brief`] gives the same bytes.
//!
//! This module knows no chart types: the caller hands in each chart's SVG text and its data as
//! a [`Report`], and a function that returns the `@font-face` CSS for the characters used.

mod table;

use crate::error::Result;
use crate::report::Report;
use std::collections::BTreeSet;
use std::fmt::Write;

/// Everything the document says.
#[derive(Debug, Clone)]
pub struct Brief {
    pub title: String,
    /// When the data were collected: "2026-11-28", or a range.
    pub data_date: String,
    /// "the embedded datasets", "datasets in my-data/".
    pub data_source: String,
    pub sections: Vec<Section>,
    pub provenance: Provenance,
}

/// One saved query.
#[derive(Debug, Clone)]
pub struct Section {
    pub name: String,
    pub title: String,
    pub description: String,
    pub items: Vec<Item>,
}

/// One distinct result of a query (steps that wrote the same result in several formats are
/// one item listing every file).
#[derive(Debug, Clone)]
pub struct Item {
    pub outputs: Vec<String>,
    pub command: String,
    pub content: Content,
}

#[derive(Debug, Clone)]
pub enum Content {
    /// A table, with its notes (and facts, for a quick-facts box).
    Table(Report),
    /// A chart: its SVG (without a font: the document embeds one for all), title, subtitle,
    /// footer lines (sources, years, left-out countries) and the data it draws.
    Chart {
        svg: String,
        title: String,
        subtitle: Option<String>,
        footer: Vec<String>,
        data: Report,
    },
}

/// Where the figures come from and what the run wrote.
#[derive(Debug, Clone, Default)]
pub struct Provenance {
    pub innodex_version: String,
    pub datasets: Vec<DatasetProvenance>,
    /// (file, bytes, SHA-256) of every output of the run, in the order written.
    pub outputs: Vec<(String, usize, String)>,
}

#[derive(Debug, Clone, Default)]
pub struct DatasetProvenance {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub licence: String,
    pub retrieved: String,
    /// (id, published, title) of each declared vintage.
    pub vintages: Vec<(String, String, String)>,
    pub sha256: String,
}

/// Text for HTML: control characters made visible, the five special characters escaped.
pub(crate) fn esc(text: &str) -> String {
    let text = crate::output::text::visible(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A quick-facts line, whose label the report marks Markdown-style (`**label:** text`), with
/// the marked spans in `<strong>`; unpaired markers stay as text.
fn strong_spans(text: &str) -> String {
    let parts: Vec<&str> = text.split("**").collect();
    if parts.len().is_multiple_of(2) {
        return esc(text);
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| match i % 2 {
            1 => format!("<strong>{}</strong>", esc(p)),
            _ => esc(p),
        })
        .collect()
}

/// A fragment id from a query name: letters, digits and hyphens only.
fn slug(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

const STYLE: &str = include_str!("brief.css");

/// The document's bytes. `fonts` returns the `@font-face` rules for a set of characters (all
/// the characters of the document's text and charts), so the page renders the same without
/// the font installed.
pub fn render(brief: &Brief, fonts: &dyn Fn(&BTreeSet<char>) -> Result<String>) -> Result<Vec<u8>> {
    let mut body = String::new();
    let w = &mut body;
    let _ = write!(
        w,
        "<header>\n<h1>{}</h1>\n<p class=\"dateline\">Data as collected on <strong>{}</strong> · {} · made by innodex {}</p>\n",
        esc(&brief.title),
        esc(&brief.data_date),
        esc(&brief.data_source),
        esc(&brief.provenance.innodex_version)
    );
    let _ = write!(
        w,
        "<p>Every table and chart below was made by the command shown with it; the notes under each give its period, universe, caveats and sources. The provenance at the end lists the datasets with their vintages and content hashes and each output file's SHA-256.</p>\n</header>\n"
    );
    let _ = write!(
        w,
        "<nav aria-labelledby=\"contents\">\n<h2 id=\"contents\">Contents</h2>\n<ol>\n"
    );
    for s in &brief.sections {
        let _ = writeln!(
            w,
            "<li><a href=\"#q-{}\">{}</a></li>",
            slug(&s.name),
            esc(&s.title)
        );
    }
    let _ = write!(
        w,
        "<li><a href=\"#provenance\">Provenance</a></li>\n</ol>\n</nav>\n<main>\n"
    );
    let mut n = 0;
    for s in &brief.sections {
        let _ = write!(
            w,
            "<section class=\"query\" id=\"q-{id}\" aria-labelledby=\"q-{id}-h\">\n<h2 id=\"q-{id}-h\">{}</h2>\n<p class=\"question\">{}</p>\n",
            esc(&s.title),
            esc(&s.description),
            id = slug(&s.name)
        );
        for item in &s.items {
            n += 1;
            write_item(w, item, n);
        }
        w.push_str("</section>\n");
    }
    w.push_str("</main>\n");
    write_provenance(w, &brief.provenance);
    // One font for the whole document: every character of its text and of its charts.
    let mut chars: BTreeSet<char> = body.chars().collect();
    chars.extend(['&', '<', '>', '"', '\'']);
    let font_css = fonts(&chars)?;
    let mut doc = String::with_capacity(body.len() + font_css.len() + STYLE.len() + 512);
    let _ = write!(
        doc,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"innodex {}\">\n<title>{}</title>\n<style>\n{font_css}{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        esc(&brief.provenance.innodex_version),
        esc(&brief.title)
    );
    Ok(doc.into_bytes())
}

fn write_item(w: &mut String, item: &Item, n: usize) {
    let _ = write!(
        w,
        "<article class=\"item\" id=\"item-{n}\" aria-labelledby=\"item-{n}-h\">\n<h3 id=\"item-{n}-h\">{}</h3>\n<p class=\"command\">Made by <code>{}</code></p>\n",
        esc(&item.outputs.join(", ")),
        esc(&item.command)
    );
    match &item.content {
        Content::Table(r) => {
            if !r.facts.is_empty() {
                w.push_str("<ul class=\"facts\">\n");
                for f in &r.facts {
                    let _ = writeln!(w, "<li>{}</li>", strong_spans(f));
                }
                w.push_str("</ul>\n");
            }
            table::write_table(w, r, &format!("item-{n}-table"));
            write_notes(w, &r.notes);
        }
        Content::Chart {
            svg,
            title,
            subtitle,
            footer,
            data,
        } => {
            let desc = format!(
                "{}The chart's data are in the table that follows it.",
                subtitle
                    .as_ref()
                    .map(|s| format!("{s}. "))
                    .unwrap_or_default()
            );
            let _ = write!(
                w,
                "<figure class=\"chart\" aria-labelledby=\"item-{n}-cap\">\n{}\n<figcaption id=\"item-{n}-cap\"><strong>{}</strong>{}",
                inline_svg(svg, &format!("item-{n}"), title, &desc),
                esc(title),
                subtitle
                    .as_ref()
                    .map(|s| format!(" — {}", esc(s)))
                    .unwrap_or_default()
            );
            for line in footer {
                let _ = write!(w, "<span class=\"source\">{}</span>", esc(line));
            }
            w.push_str("</figcaption>\n</figure>\n");
            let _ = write!(
                w,
                "<details class=\"chart-data\">\n<summary>The data of this chart as a table</summary>\n"
            );
            table::write_table(w, data, &format!("item-{n}-data"));
            w.push_str("</details>\n");
        }
    }
    w.push_str("</article>\n");
}

/// The SVG made ready to sit in HTML: no XML namespace attribute (the HTML parser puts `<svg>`
/// in the SVG namespace itself), its own ids (a map's `area-FRA`, `nodata` pattern) and the
/// references to them prefixed with the item's id so that two charts never share one, an image
/// role with a title and description for screen readers.
fn inline_svg(svg: &str, id: &str, title: &str, desc: &str) -> String {
    let svg = svg
        .replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1)
        .replace(" id=\"", &format!(" id=\"{id}-"))
        .replace("url(#", &format!("url(#{id}-"))
        .replace("href=\"#", &format!("href=\"#{id}-"));
    let Some(open_end) = svg
        .find("<svg")
        .and_then(|s| svg[s..].find('>').map(|e| s + e))
    else {
        return svg;
    };
    format!(
        "{} role=\"img\" aria-labelledby=\"{id}-t {id}-d\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>{}",
        &svg[..open_end],
        esc(title),
        esc(desc),
        &svg[open_end + 1..]
    )
}

fn write_notes(w: &mut String, notes: &[String]) {
    if notes.is_empty() {
        return;
    }
    w.push_str("<div class=\"notes\">\n<h4>Notes, caveats and sources</h4>\n<ul>\n");
    for note in notes {
        let _ = writeln!(w, "<li>{}</li>", esc(note));
    }
    w.push_str("</ul>\n</div>\n");
}

fn write_provenance(w: &mut String, p: &Provenance) {
    let _ = write!(
        w,
        "<footer class=\"provenance\" id=\"provenance\" aria-labelledby=\"provenance-h\">\n<h2 id=\"provenance-h\">Provenance</h2>\n<p>Made by innodex {}. The same command on the same data gives this document byte for byte.</p>\n<table>\n<caption>Datasets used</caption>\n<thead><tr><th scope=\"col\">Dataset</th><th scope=\"col\">Publisher and licence</th><th scope=\"col\">Collected</th><th scope=\"col\">Vintages</th><th scope=\"col\">Content hash (SHA-256)</th></tr></thead>\n<tbody>\n",
        esc(&p.innodex_version)
    );
    for d in &p.datasets {
        let vintages = if d.vintages.is_empty() {
            "one vintage".to_string()
        } else {
            d.vintages
                .iter()
                .map(|(id, published, title)| {
                    format!(
                        "<code>{}</code> ({}): {}",
                        esc(id),
                        esc(published),
                        esc(title)
                    )
                })
                .collect::<Vec<_>>()
                .join("<br>")
        };
        let _ = writeln!(
            w,
            "<tr><th scope=\"row\"><code>{}</code> {}</th><td>{}; {}</td><td class=\"num\">{}</td><td>{vintages}</td><td class=\"hash\"><code>{}</code></td></tr>",
            esc(&d.id),
            esc(&d.title),
            esc(&d.publisher),
            esc(&d.licence),
            esc(&d.retrieved),
            esc(&d.sha256)
        );
    }
    w.push_str("</tbody>\n</table>\n<table>\n<caption>Files of the run</caption>\n<thead><tr><th scope=\"col\">File</th><th scope=\"col\" class=\"num\">Bytes</th><th scope=\"col\">SHA-256</th></tr></thead>\n<tbody>\n");
    for (file, bytes, sha) in &p.outputs {
        let _ = writeln!(
            w,
            "<tr><th scope=\"row\"><code>{}</code></th><td class=\"num\">{}</td><td class=\"hash\"><code>{}</code></td></tr>",
            esc(file),
            crate::report::Cell::int(*bytes as i64).display(),
            esc(sha)
        );
    }
    w.push_str("</tbody>\n</table>\n</footer>\n");
}

#[cfg(test)]
mod tests;
