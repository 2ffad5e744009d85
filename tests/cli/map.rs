//! `chart map` on the world: each economy's fill read back from the SVG (and from the PNG at an
//! interior point) is the class of the value `rank` gives it, legend counts, antimeridian cuts,
//! footer notes, deterministic bytes; and the SVG reading helpers `map_regions` shares.

use crate::{csv_of, ok, run, run_in};
use std::collections::BTreeMap;
use std::path::Path;

/// One SVG element with an id: its tag, attributes and `<title>` text.
#[derive(Debug, Default, Clone)]
pub(crate) struct El {
    pub tag: String,
    pub attrs: BTreeMap<String, String>,
    pub title: String,
}

/// The parts of a rendered map the tests read: elements by id, every `<text>`, the clip rect.
pub(crate) struct Svg {
    pub els: BTreeMap<String, El>,
    pub texts: Vec<String>,
    pub clip: (f64, f64, f64, f64),
}

pub(crate) fn parse_svg(text: &str) -> Svg {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut els = BTreeMap::new();
    let mut texts = Vec::new();
    let mut text = String::new();
    let mut clip = None;
    let mut open_id: Option<String> = None;
    let (mut in_text, mut in_title, mut in_clip) = (false, false, false);
    loop {
        match reader.read_event().expect("well-formed SVG") {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let tag = String::from_utf8_lossy(e.name().as_ref()).to_string();
                let attrs: BTreeMap<String, String> = e
                    .attributes()
                    .map(|a| {
                        let a = a.expect("attribute");
                        (
                            String::from_utf8_lossy(a.key.as_ref()).to_string(),
                            String::from_utf8_lossy(&a.value).to_string(),
                        )
                    })
                    .collect();
                let num = |k: &str| attrs[k].parse::<f64>().expect("number");
                if in_clip && tag == "rect" {
                    clip = Some((
                        num("x"),
                        num("y"),
                        num("x") + num("width"),
                        num("y") + num("height"),
                    ));
                }
                match tag.as_str() {
                    "text" => in_text = true,
                    "title" => in_title = true,
                    "clipPath" => in_clip = true,
                    _ => {}
                }
                if let Some(id) = attrs.get("id").cloned() {
                    if matches!(tag.as_str(), "path" | "circle") {
                        open_id = Some(id.clone());
                    }
                    els.insert(
                        id,
                        El {
                            tag,
                            attrs,
                            title: String::new(),
                        },
                    );
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"text" => {
                    in_text = false;
                    texts.push(std::mem::take(&mut text).trim().to_string());
                }
                b"title" => in_title = false,
                b"clipPath" => in_clip = false,
                b"path" | b"circle" => open_id = None,
                _ => {}
            },
            ev @ (Event::Text(_) | Event::GeneralRef(_)) => {
                // Entities (&apos;, &amp;) come as their own events: resolved here.
                let s = match ev {
                    Event::Text(t) => t.decode().expect("text").to_string(),
                    Event::GeneralRef(r) => {
                        quick_xml::escape::unescape(&format!("&{};", r.decode().expect("entity")))
                            .expect("known entity")
                            .to_string()
                    }
                    _ => unreachable!(),
                };
                if in_title {
                    if let Some(id) = &open_id {
                        els.get_mut(id).expect("element").title.push_str(&s);
                    }
                } else if in_text {
                    text.push_str(&s);
                }
            }
            _ => {}
        }
    }
    Svg {
        els,
        texts,
        clip: clip.expect("a map clip rectangle"),
    }
}

/// The subpaths of an SVG path's `d` ("M x yL x y…Z").
pub(crate) fn subpaths(d: &str) -> Vec<Vec<(f64, f64)>> {
    d.split('Z')
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.trim_start_matches('M')
                .split('L')
                .map(|p| {
                    let (x, y) = p.trim().split_once(' ').expect("x y");
                    (x.parse().expect("x"), y.parse().expect("y"))
                })
                .collect()
        })
        .collect()
}

pub(crate) fn area(r: &[(f64, f64)]) -> f64 {
    (0..r.len())
        .map(|i| {
            let (a, b) = (r[i], r[(i + 1) % r.len()]);
            a.0 * b.1 - b.0 * a.1
        })
        .sum::<f64>()
        .abs()
        / 2.0
}

/// A point well inside a path (even–odd): on the horizontal line through the middle of its
/// largest subpath, the middle of the widest inside stretch, if at least 10 px wide.
pub(crate) fn interior(d: &str) -> Option<(f64, f64)> {
    let subs = subpaths(d);
    let big = subs.iter().max_by(|a, b| area(a).total_cmp(&area(b)))?;
    let (lo, hi) = big
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), p| {
            (l.min(p.1), h.max(p.1))
        });
    let y = ((lo + hi) / 2.0).floor() + 0.5;
    let mut xs: Vec<f64> = Vec::new();
    for s in &subs {
        for i in 0..s.len() {
            let (a, b) = (s[i], s[(i + 1) % s.len()]);
            if (a.1 <= y) != (b.1 <= y) {
                xs.push(a.0 + (y - a.1) / (b.1 - a.1) * (b.0 - a.0));
            }
        }
    }
    xs.sort_by(f64::total_cmp);
    let best = xs
        .chunks_exact(2)
        .max_by(|a, b| (a[1] - a[0]).total_cmp(&(b[1] - b[0])))?;
    (best[1] - best[0] >= 10.0).then(|| ((best[0] + best[1]) / 2.0, y))
}

pub(crate) fn hex_of(p: &image::Rgba<u8>) -> String {
    format!("#{:02X}{:02X}{:02X}", p[0], p[1], p[2])
}

/// Type-7 quantile (linear between order statistics), written here independently of the
/// program.
pub(crate) fn quantile(sorted: &[f64], p: f64) -> f64 {
    let h = p * (sorted.len() - 1) as f64;
    let (a, b) = (h.floor() as usize, h.ceil() as usize);
    sorted[a] + (h - a as f64) * (sorted[b] - sorted[a])
}

pub(crate) fn render(dir: &Path, args: &[&str]) {
    ok(run_in(dir, args));
}

pub(crate) fn fill(svg: &Svg, code: &str) -> String {
    let el = svg
        .els
        .get(&format!("area-{code}"))
        .or_else(|| svg.els.get(&format!("dot-{code}")))
        .unwrap_or_else(|| panic!("{code} is not drawn"));
    el.attrs["fill"].clone()
}

#[test]
fn robot_density_world_map_fills_each_economy_with_its_class() {
    let dir = tempfile::tempdir().expect("tempdir");
    render(
        dir.path(),
        &["chart", "map", "ifr.robot_density", "-o", "m.svg"],
    );
    render(
        dir.path(),
        &["chart", "map", "ifr.robot_density", "-o", "m.png"],
    );
    let text = std::fs::read_to_string(dir.path().join("m.svg")).expect("svg");
    let svg = parse_svg(&text);
    let ranked = csv_of(run(&["rank", "ifr.robot_density", "--format", "csv"]));
    let rows = ranked.cols(&["iso3", "country", "value", "year"]);
    let mut values: Vec<f64> = rows.iter().map(|r| r[2].parse().expect("value")).collect();
    values.sort_by(f64::total_cmp);
    // Quintile breaks of the ranked values, rounded to the indicator's 0 decimals.
    let breaks: Vec<f64> = (1..5)
        .map(|i| quantile(&values, i as f64 / 5.0).round())
        .collect();
    let class_of = |v: f64| breaks.iter().filter(|b| **b <= v).count();
    let legend: Vec<String> = (0..5)
        .map(|i| svg.els[&format!("legend-class-{i}")].attrs["fill"].clone())
        .collect();
    assert_eq!(svg.els["legend-nodata"].attrs["fill"], "url(#nodata)");
    // Every ranked economy is drawn in its class colour, its tooltip saying rank's value and year.
    for r in &rows {
        let v: f64 = r[2].parse().expect("value");
        assert_eq!(fill(&svg, &r[0]), legend[class_of(v)], "{} {v}", r[0]);
        let el = svg
            .els
            .get(&format!("area-{}", r[0]))
            .or_else(|| svg.els.get(&format!("dot-{}", r[0])))
            .expect("drawn");
        assert_eq!(el.title, format!("{}: {} ({})", r[1], group(&r[2]), r[3]));
    }
    // Singapore (a dot), Korea and Japan in the top class and visible; France and Norway filled.
    for code in ["SGP", "KOR", "JPN"] {
        assert_eq!(fill(&svg, code), legend[4], "{code}");
    }
    assert_eq!(svg.els["dot-SGP"].tag, "circle");
    for code in ["FRA", "NOR"] {
        assert_ne!(fill(&svg, code), "url(#nodata)", "{code}");
        assert!(svg.els.contains_key(&format!("area-{code}")));
    }
    // Legend counts are the shapes of each fill; "no data" is counted too.
    let count = |f: &str| {
        svg.els
            .iter()
            .filter(|(id, e)| {
                !id.starts_with("legend") && e.attrs.get("fill").map(String::as_str) == Some(f)
            })
            .count()
    };
    let labels: Vec<&String> = svg
        .texts
        .iter()
        .filter(|t| t.ends_with(')') && t.contains(" ("))
        .collect();
    let no_data = count("url(#nodata)");
    assert!(no_data > 100, "{no_data}");
    assert!(
        svg.texts
            .iter()
            .any(|t| *t == format!("No data ({no_data})")),
        "{labels:?}"
    );
    for (i, colour) in legend.iter().enumerate() {
        let n = rows
            .iter()
            .filter(|r| class_of(r[2].parse().expect("v")) == i)
            .count();
        assert_eq!(count(colour), n, "class {i}");
    }
    // No outline runs across the map: every edge is shorter than half the map's width (Russia,
    // Fiji and the US are cut at 180°).
    let width = svg.clip.2 - svg.clip.0;
    for (id, el) in svg.els.iter().filter(|(id, _)| id.starts_with("area-")) {
        for s in subpaths(&el.attrs["d"]) {
            for i in 0..s.len() {
                let (a, b) = (s[i], s[(i + 1) % s.len()]);
                assert!((a.0 - b.0).abs() < width / 2.0, "{id}: {a:?} → {b:?}");
            }
        }
    }
    // Footer: every note `rank` gives, word for word (but those about rank numbers and the
    // source line, which the map words itself), then the partial-list and boundaries caveats.
    let all = quick_xml::escape::unescape(&svg.texts.join(" "))
        .expect("entities")
        .to_string();
    let (_, notes) = crate::json_of(run(&["rank", "ifr.robot_density", "--format", "json"]));
    let kept: Vec<&String> = notes
        .iter()
        .skip(1)
        .filter(|n| {
            !["Ties:", "rank is ", "Partial list:", "Source:"]
                .iter()
                .any(|p| n.starts_with(p))
        })
        .collect();
    assert!(kept.len() >= 6, "{kept:?}");
    for n in kept {
        assert!(
            all.contains(n.as_str()),
            "rank's note missing from the map: {n}"
        );
    }
    for needle in ["(BEL+LUX)", "Natural Earth 1:110m", "not reported, not low"] {
        assert!(all.contains(needle), "{needle}");
    }

    // The PNG: the same colour at each economy's interior point (and Singapore's dot centre).
    let png = image::open(dir.path().join("m.png"))
        .expect("png")
        .to_rgba8();
    assert_eq!(png.dimensions(), (1600, 900));
    let dots: Vec<(f64, f64)> = svg
        .els
        .values()
        .filter(|e| e.tag == "circle")
        .map(|e| {
            (
                e.attrs["cx"].parse().expect("cx"),
                e.attrs["cy"].parse().expect("cy"),
            )
        })
        .collect();
    let mut checked = 0;
    for r in &rows {
        let expected = fill(&svg, &r[0]);
        let at = match svg.els.get(&format!("area-{}", r[0])) {
            Some(el) => interior(&el.attrs["d"]),
            None => Some((
                svg.els[&format!("dot-{}", r[0])].attrs["cx"]
                    .parse()
                    .expect("cx"),
                svg.els[&format!("dot-{}", r[0])].attrs["cy"]
                    .parse()
                    .expect("cy"),
            )),
        };
        let Some((x, y)) = at else { continue };
        if svg.els.contains_key(&format!("area-{}", r[0]))
            && dots.iter().any(|d| (d.0 - x).hypot(d.1 - y) < 10.0)
        {
            continue;
        }
        assert_eq!(
            hex_of(png.get_pixel(x as u32, y as u32)),
            expected,
            "{} at {x},{y}",
            r[0]
        );
        checked += 1;
    }
    assert!(checked >= 20, "{checked} economies checked in the PNG");

    // The same inputs give the same bytes.
    let again = tempfile::tempdir().expect("tempdir");
    render(
        again.path(),
        &["chart", "map", "ifr.robot_density", "-o", "m.svg"],
    );
    render(
        again.path(),
        &["chart", "map", "ifr.robot_density", "-o", "m.png"],
    );
    for f in ["m.svg", "m.png"] {
        assert!(
            std::fs::read(dir.path().join(f)).expect("a")
                == std::fs::read(again.path().join(f)).expect("b"),
            "{f} differs"
        );
    }
}

/// "1,220" from "1220": the tooltip's number format.
pub(crate) fn group(raw: &str) -> String {
    let (int, frac) = raw
        .split_once('.')
        .map_or((raw, None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    frac.map_or(out.clone(), |f| format!("{out}.{f}"))
}
