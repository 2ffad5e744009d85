//! `chart map` end to end: the embedded Natural Earth join covers every economy or names it,
//! each economy's fill read back from the SVG (and the PNG at an interior point) is the class
//! of the value `rank` gives it, classes by hand-checkable rules, extents, antimeridian cuts,
//! deterministic bytes, and errors.

use crate::{csv_of, ok, run, run_in};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// One SVG element with an id: its tag, attributes and `<title>` text.
#[derive(Debug, Default, Clone)]
struct El {
    tag: String,
    attrs: BTreeMap<String, String>,
    title: String,
}

/// The parts of a rendered map the tests read: elements by id, every `<text>`, the clip rect.
struct Svg {
    els: BTreeMap<String, El>,
    texts: Vec<String>,
    clip: (f64, f64, f64, f64),
}

fn parse_svg(text: &str) -> Svg {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut els = BTreeMap::new();
    let mut texts = Vec::new();
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
                b"text" => in_text = false,
                b"title" => in_title = false,
                b"clipPath" => in_clip = false,
                b"path" | b"circle" => open_id = None,
                _ => {}
            },
            Event::Text(t) => {
                let s = t.decode().expect("text").to_string();
                if in_title {
                    if let Some(id) = &open_id {
                        els.get_mut(id).expect("element").title.push_str(&s);
                    }
                } else if in_text {
                    texts.push(s.trim().to_string());
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
fn subpaths(d: &str) -> Vec<Vec<(f64, f64)>> {
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

fn area(r: &[(f64, f64)]) -> f64 {
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
fn interior(d: &str) -> Option<(f64, f64)> {
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

fn hex_of(p: &image::Rgba<u8>) -> String {
    format!("#{:02X}{:02X}{:02X}", p[0], p[1], p[2])
}

/// Type-7 quantile (linear between order statistics), written here independently of the
/// program.
fn quantile(sorted: &[f64], p: f64) -> f64 {
    let h = p * (sorted.len() - 1) as f64;
    let (a, b) = (h.floor() as usize, h.ceil() as usize);
    sorted[a] + (h - a as f64) * (sorted[b] - sorted[a])
}

fn render(dir: &Path, args: &[&str]) {
    ok(run_in(dir, args));
}

fn fill(svg: &Svg, code: &str) -> String {
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
    // Footer: the aggregate rank leaves out, the partial-list and boundaries caveats.
    let all = svg.texts.join(" ");
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
fn group(raw: &str) -> String {
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

#[test]
fn a_europe_map_fits_europe() {
    let dir = tempfile::tempdir().expect("tempdir");
    render(
        dir.path(),
        &[
            "chart",
            "map",
            "msti.gerd_pct_gdp",
            "--region",
            "Europe",
            "-o",
            "e.svg",
        ],
    );
    render(
        dir.path(),
        &[
            "chart",
            "map",
            "msti.gerd_pct_gdp",
            "--region",
            "Europe",
            "-o",
            "e.png",
        ],
    );
    let svg = parse_svg(&std::fs::read_to_string(dir.path().join("e.svg")).expect("svg"));
    let (x0, y0, x1, y1) = svg.clip;
    // The corners of Europe are on the map: each one's largest outline wholly inside.
    for code in [
        "PRT", "ISL", "IRL", "NOR", "FIN", "GRC", "CYP", "DEU", "POL", "ITA",
    ] {
        let el = &svg.els[&format!("area-{code}")];
        let subs = subpaths(&el.attrs["d"]);
        let big = subs
            .iter()
            .max_by(|a, b| area(a).total_cmp(&area(b)))
            .expect("outline");
        assert!(
            big.iter()
                .all(|p| p.0 >= x0 && p.0 <= x1 && p.1 >= y0 && p.1 <= y1),
            "{code} cut off"
        );
    }
    // …and the map is Europe, not the world: Germany spans a tenth of its width or more, and
    // shapes wholly outside it are not drawn.
    let de = subpaths(&svg.els["area-DEU"].attrs["d"]).concat();
    let (lo, hi) = de
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), p| {
            (l.min(p.0), h.max(p.0))
        });
    assert!(
        (hi - lo) / (x1 - x0) > 0.08,
        "Germany is {:.3} of the width",
        (hi - lo) / (x1 - x0)
    );
    for code in ["USA", "BRA", "AUS", "JPN", "ZAF"] {
        assert!(
            !svg.els.contains_key(&format!("area-{code}")),
            "{code} drawn on a Europe map"
        );
    }
    let all = svg.texts.join(" ");
    assert!(all.contains("map of Europe"));
    assert!(all.contains("With a value but outside this map:") && all.contains("USA"));
    assert!(dir.path().join("e.png").is_file());
}

/// SOURCES.md (sources/natural_earth) lists, for the 251 codes of the countries reference, 175
/// with a polygon, 28 with only a tiny-country point, 22 with only a capital point plus Åland
/// (ALD mapped to ALA), and these 25 with none.
const NOT_DRAWABLE: [&str; 25] = [
    "AIA", "BES", "BLM", "BVT", "CCK", "CHI", "CXR", "GGY", "GLP", "GUF", "HMD", "JEY", "MAF",
    "MSR", "MTQ", "MYT", "NFK", "NIU", "REU", "SXM", "TKL", "UMI", "VGB", "VIR", "WLF",
];

#[test]
fn the_join_covers_every_economy_or_names_it_as_not_drawable() {
    let codes: BTreeSet<String> = csv_of(run(&["countries", "--format", "csv"]))
        .col("iso3")
        .into_iter()
        .collect();
    assert_eq!(codes.len(), 251);
    let world = innodex::geo::world().expect("embedded geometry");
    let (mut polygon, mut tiny, mut capital, mut none) = (0, 0, 0, BTreeSet::new());
    for c in &codes {
        match world.shape(c) {
            Some(s) if !s.polygons.is_empty() => polygon += 1,
            Some(s) => match s.point.expect("a point").2 {
                innodex::geo::PointKind::Tiny => tiny += 1,
                innodex::geo::PointKind::Capital => capital += 1,
            },
            None => {
                none.insert(c.as_str());
            }
        }
    }
    assert_eq!((polygon, tiny, capital), (175, 28, 23));
    assert_eq!(none, NOT_DRAWABLE.into_iter().collect::<BTreeSet<_>>());
    for c in world.shapes.keys() {
        assert!(
            codes.contains(c),
            "{c} in the geometry is not a country code"
        );
    }
    // The economies the issue names: dots for the smallest, outlines for France and Norway
    // (ISO_A3 -99 in the source) and Kosovo (XKX).
    for c in [
        "SGP", "MLT", "BHR", "MDV", "HKG", "MAC", "LIE", "MCO", "SMR", "AND",
    ] {
        assert!(
            world
                .shape(c)
                .is_some_and(|s| s.polygons.is_empty() && s.point.is_some()),
            "{c}"
        );
    }
    for c in [
        "FRA", "NOR", "XKX", "PSE", "SSD", "ESH", "TWN", "CYP", "SOM",
    ] {
        assert!(
            world.shape(c).is_some_and(|s| !s.polygons.is_empty()),
            "{c}"
        );
    }
    // South Africa's outline keeps its hole for Lesotho.
    assert!(world
        .shape("ZAF")
        .expect("ZAF")
        .polygons
        .iter()
        .any(|p| p.rings.len() == 2));
}

#[test]
fn classes_given_or_centred_and_groups_as_regions() {
    let dir = tempfile::tempdir().expect("tempdir");
    render(
        dir.path(),
        &[
            "chart",
            "map",
            "gii.score",
            "--breaks",
            "30,40,50",
            "--centre",
            "40",
            "--region",
            "NATO",
            "--highlight",
            "JPN,KOR",
            "-o",
            "d.svg",
        ],
    );
    let svg = parse_svg(&std::fs::read_to_string(dir.path().join("d.svg")).expect("svg"));
    let legend: Vec<String> = (0..4)
        .map(|i| svg.els[&format!("legend-class-{i}")].attrs["fill"].clone())
        .collect();
    let rgb = |h: &str| {
        (
            u8::from_str_radix(&h[1..3], 16).expect("r"),
            u8::from_str_radix(&h[3..5], 16).expect("g"),
            u8::from_str_radix(&h[5..7], 16).expect("b"),
        )
    };
    // Orange below the centre, purple above, darker away from it.
    let (c0, c1, c2, c3) = (
        rgb(&legend[0]),
        rgb(&legend[1]),
        rgb(&legend[2]),
        rgb(&legend[3]),
    );
    assert!(
        c0.0 > c0.2 && c1.0 > c1.2 && c2.2 > c2.1 && c3.2 > c3.1,
        "{legend:?}"
    );
    assert!(u32::from(c0.0) + u32::from(c0.1) < u32::from(c1.0) + u32::from(c1.1));
    let ranked = csv_of(run(&["rank", "gii.score", "--format", "csv"]));
    for r in ranked.cols(&["iso3", "value"]) {
        let v: f64 = r[1].parse().expect("value");
        let class = [30.0, 40.0, 50.0].iter().filter(|b| **b <= v).count();
        if let Some(el) = svg.els.get(&format!("area-{}", r[0])) {
            assert_eq!(el.attrs["fill"], legend[class], "{} {v}", r[0]);
        }
    }
    let all = svg.texts.join(" ");
    assert!(
        all.contains("map of NATO members") && all.contains("diverging around 40"),
        "{all}"
    );
    for c in ["USA", "TUR", "NOR"] {
        assert!(svg.els.contains_key(&format!("area-{c}")));
    }
    assert!(!svg.els.contains_key("area-AUS"));
}

#[test]
fn bad_map_arguments_are_usage_errors() {
    let cases: [(&[&str], &str); 5] = [
        (
            &[
                "chart",
                "map",
                "ifr.robot_density",
                "--region",
                "Atlantis",
                "-o",
                "x.png",
            ],
            "not a continent (Europe, Asia",
        ),
        (
            &[
                "chart",
                "map",
                "ifr.robot_density",
                "--breaks",
                "300,200",
                "-o",
                "x.png",
            ],
            "strictly increasing",
        ),
        (
            &[
                "chart",
                "map",
                "ifr.robot_density",
                "--breaks",
                "1,x",
                "-o",
                "x.png",
            ],
            "'x' is not a number",
        ),
        (
            &[
                "chart",
                "map",
                "ifr.robot_density",
                "--breaks",
                "100,200",
                "--centre",
                "150",
                "-o",
                "x.png",
            ],
            "must be one of the --breaks",
        ),
        (
            &["chart", "map", "ifr.robot_density", "-o", "x.txt"],
            "charts are written as .png or .svg",
        ),
    ];
    for (args, needle) in cases {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = run_in(dir.path(), args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains(needle), "{args:?}: {}", out.stderr);
        assert_eq!(
            std::fs::read_dir(dir.path()).expect("dir").count(),
            0,
            "{args:?} wrote a file"
        );
    }
}
