//! Rendering tests for the four chart kinds: PNG decodes at the requested size and is
//! not blank, text renders without system fonts, output is deterministic, SVG snapshot (insta).

use std::path::{Path, PathBuf};

use innodex::chart::{
    render, Axis, BarItem, BarSpec, ChartKind, ChartSpec, LabelMode, LineSeries, LineSpec,
    ScatterPoint, ScatterSpec, SlopeItem, SlopeMeasure, SlopeSpec,
};

/// Where tests write their charts; kept after the run so they can be looked at.
fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("charts");
    std::fs::create_dir_all(&dir).expect("create output dir");
    dir
}

const COUNTRIES: [(&str, &str, f64, f64); 24] = [
    ("Israel", "ISR", 6.02, 1_830.0),
    ("Korea", "KOR", 4.93, 1_350.0),
    ("Sweden", "SWE", 3.40, 1_480.0),
    ("Belgium", "BEL", 3.43, 1_120.0),
    ("United States", "USA", 3.46, 1_360.0),
    ("Japan", "JPN", 3.41, 1_010.0),
    ("Austria", "AUT", 3.22, 1_280.0),
    ("Switzerland", "CHE", 3.31, 1_720.0),
    ("Germany", "DEU", 3.13, 1_170.0),
    ("Finland", "FIN", 2.99, 1_560.0),
    ("Denmark", "DNK", 2.87, 1_610.0),
    ("Iceland", "ISL", 2.65, 1_390.0),
    ("France", "FRA", 2.22, 960.0),
    ("Netherlands", "NLD", 2.29, 1_110.0),
    ("Norway", "NOR", 1.56, 1_330.0),
    ("Czechia", "CZE", 1.96, 780.0),
    ("United Kingdom", "GBR", 2.91, 1_020.0),
    ("Italy", "ITA", 1.33, 540.0),
    ("Spain", "ESP", 1.44, 620.0),
    ("Poland", "POL", 1.46, 530.0),
    ("Portugal", "PRT", 1.73, 720.0),
    ("Greece", "GRC", 1.49, 690.0),
    ("Mexico", "MEX", 0.27, 90.0),
    ("Chile", "CHL", 0.39, 150.0),
];

fn scatter_spec(n: usize, log_y: bool) -> ChartSpec {
    let points: Vec<ScatterPoint> = COUNTRIES
        .iter()
        .take(n)
        .map(|&(name, code, x, y)| ScatterPoint {
            label: name.to_string(),
            code: code.to_string(),
            x,
            y,
            group: match code {
                "DEU" | "FRA" | "ITA" => Some("Selected EU".to_string()),
                "USA" | "KOR" => Some("Comparators".to_string()),
                _ => None,
            },
        })
        .collect();
    let mut s = ScatterSpec {
        points,
        x_axis: Axis::linear("Gross domestic R&D expenditure (% of GDP)"),
        y_axis: if log_y {
            Axis::log("Researchers per million inhabitants (FTE, log scale)")
        } else {
            Axis::linear("Researchers per million inhabitants (FTE)")
        },
        labels: LabelMode::All,
        fit: None,
    };
    s.fit = innodex::figures::fit_least_squares(&s);
    ChartSpec {
        title: "R&D spending and researcher density".into(),
        subtitle: Some("OECD countries, latest year 2019–2022".into()),
        footer_lines: vec![
            "Source: OECD Main Science and Technology Indicators (MSTI), CC BY 4.0. Test fixture values, not real data.".into(),
            format!("n = {n}; latest available year per country"),
        ],
        size: (1600, 900),
        kind: ChartKind::Scatter(s),
    }
}

fn bar_spec() -> ChartSpec {
    let mut items: Vec<BarItem> = COUNTRIES
        .iter()
        .map(|&(name, code, x, _)| BarItem {
            label: name.into(),
            code: code.into(),
            value: x,
            highlight: code == "DEU",
            ..Default::default()
        })
        .collect();
    items.sort_by(|a, b| b.value.total_cmp(&a.value));
    let mut spec = ChartSpec::new(
        "Gross domestic R&D expenditure",
        ChartKind::Bar(BarSpec {
            items,
            value_axis: Axis::linear("% of GDP"),
            decimals: Some(2),
            ..Default::default()
        }),
    );
    spec.subtitle = Some("Ranked, latest year".into());
    spec.footer_lines = vec!["Source: test fixture.".into()];
    spec
}

fn line_spec() -> ChartSpec {
    let series = COUNTRIES
        .iter()
        .take(6)
        .enumerate()
        .map(|(i, &(name, code, x, _))| LineSeries {
            label: name.into(),
            code: code.into(),
            points: (2010..=2022)
                .map(|year| {
                    let t = (year - 2010) as f64;
                    (
                        year,
                        x * (0.8 + 0.02 * t) + 0.05 * ((t + i as f64) * 1.3).sin(),
                    )
                })
                .collect(),
            highlight: code == "DEU",
        })
        .collect();
    let mut spec = ChartSpec::new(
        "R&D intensity over time",
        ChartKind::Line(LineSpec {
            series,
            y_axis: Axis::linear("GERD (% of GDP)"),
            decimals: None,
            ..Default::default()
        }),
    );
    spec.footer_lines = vec!["Source: test fixture.".into()];
    spec
}

fn slope_spec(rank: bool) -> ChartSpec {
    let items = COUNTRIES
        .iter()
        .take(12)
        .enumerate()
        .map(|(i, &(name, code, x, _))| SlopeItem {
            label: name.into(),
            code: code.into(),
            start: if rank {
                ((i * 7) % 12 + 1) as f64
            } else {
                x * 0.85
            },
            end: if rank { (i + 1) as f64 } else { x },
            highlight: code == "DEU",
        })
        .collect();
    let mut spec = ChartSpec::new(
        if rank {
            "Rank change in R&D intensity"
        } else {
            "R&D intensity, 2012 and 2022"
        },
        ChartKind::Slope(SlopeSpec {
            items,
            start_year: 2012,
            end_year: 2022,
            measure: if rank {
                SlopeMeasure::Rank
            } else {
                SlopeMeasure::Value(Axis::linear("GERD (% of GDP)"))
            },
            decimals: None,
            ..Default::default()
        }),
    );
    spec.subtitle = Some("Twelve countries".into());
    spec.footer_lines = vec!["Source: test fixture.".into()];
    spec
}

fn decode(path: &Path) -> image::RgbImage {
    image::open(path).expect("decode png").to_rgb8()
}

fn distinct_colours(img: &image::RgbImage) -> usize {
    let mut set = std::collections::BTreeSet::new();
    for p in img.pixels() {
        set.insert(p.0);
    }
    set.len()
}

#[test]
fn every_kind_renders_png_of_requested_size() {
    let dir = out_dir();
    let cases = [
        ("scatter.png", scatter_spec(24, false)),
        ("scatter_log.png", scatter_spec(24, true)),
        ("bar.png", bar_spec()),
        ("line.png", line_spec()),
        ("slope_value.png", slope_spec(false)),
        ("slope_rank.png", slope_spec(true)),
    ];
    for (name, spec) in cases {
        let path = dir.join(name);
        render(&spec, &path).expect(name);
        let img = decode(&path);
        assert_eq!(img.dimensions(), (1600, 900), "{name}");
        assert!(distinct_colours(&img) > 50, "{name} looks blank");
    }
}

#[test]
fn custom_size_is_respected() {
    let mut spec = bar_spec();
    spec.size = (800, 450);
    let path = out_dir().join("bar_small.png");
    render(&spec, &path).expect("render");
    assert_eq!(decode(&path).dimensions(), (800, 450));
}

#[test]
fn text_renders_without_system_fonts() {
    // The bundled DejaVu Sans must draw the title: the renderer links no fontconfig and asks
    // the system for no font. (`chart::chart_renders_without_system_fonts` runs the binary with
    // fontconfig pointed nowhere; setting those variables here would leak into every process
    // the other tests of this binary start, Chromium among them.)
    let spec = scatter_spec(5, false);
    let path = out_dir().join("nofonts.png");
    render(&spec, &path).expect("render");
    let img = decode(&path);
    // Title band: 40 px text starting at y ≈ 24, x from the 40 px margin.
    let mut dark = 0;
    for y in 20..70 {
        for x in 40..700 {
            let p = img.get_pixel(x, y).0;
            if p.iter().all(|&c| c < 90) {
                dark += 1;
            }
        }
    }
    assert!(dark > 2000, "only {dark} dark pixels in the title area");
    // And nothing dark in the blank band right of the title.
    let mut stray = 0;
    for y in 20..70 {
        for x in 1300..1560 {
            if img.get_pixel(x, y).0.iter().all(|&c| c < 90) {
                stray += 1;
            }
        }
    }
    assert_eq!(stray, 0);
}

#[test]
fn output_is_deterministic() {
    let dir = out_dir();
    for ext in ["png", "svg"] {
        let a = dir.join(format!("det_a.{ext}"));
        let b = dir.join(format!("det_b.{ext}"));
        render(&scatter_spec(24, true), &a).expect("render a");
        render(&scatter_spec(24, true), &b).expect("render b");
        let (a, b) = (
            std::fs::read(a).expect("read"),
            std::fs::read(b).expect("read"),
        );
        assert!(a == b, "{ext} output differs between runs");
    }
}

#[test]
fn unknown_extension_is_an_error() {
    let err = render(&bar_spec(), &out_dir().join("chart.jpg")).expect_err("jpg must fail");
    assert!(err.to_string().contains(".png or .svg"), "{err}");
    assert!(render(&bar_spec(), &out_dir().join("noext")).is_err());
}

#[test]
fn non_positive_value_on_log_axis_is_an_error() {
    let mut spec = scatter_spec(5, true);
    if let ChartKind::Scatter(s) = &mut spec.kind {
        s.points[2].y = 0.0;
    }
    let path = out_dir().join("log_error.png");
    let _ = std::fs::remove_file(&path);
    let err = render(&spec, &path).expect_err("must fail");
    assert!(err.to_string().contains("SWE"), "{err}");
    assert!(!path.exists(), "no partial file may be left");
}

#[test]
fn failed_render_leaves_no_temporary_files() {
    let dir = out_dir().join("atomic");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("mkdir");
    let mut spec = bar_spec();
    if let ChartKind::Bar(b) = &mut spec.kind {
        b.items[0].value = f64::NAN;
    }
    assert!(render(&spec, &dir.join("x.png")).is_err());
    assert!(render(&bar_spec(), &dir.join("ok.svg")).is_ok());
    let names: Vec<String> = std::fs::read_dir(&dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["ok.svg".to_string()]);
}

#[test]
fn crowded_scatter_reports_omitted_labels() {
    // 300 points in a tight cloud (plus two far points stretching the axes) cannot all
    // be labelled.
    let mut points: Vec<ScatterPoint> = (0..300)
        .map(|i| {
            let t = i as f64;
            ScatterPoint {
                label: format!("Country number {i}"),
                code: format!("C{i:03}"),
                x: 4.0 + (t * 0.61803).fract() * 2.0,
                y: 4.0 + (t * 0.41421).fract() * 2.0,
                group: None,
            }
        })
        .collect();
    for (i, v) in [0.0, 10.0].into_iter().enumerate() {
        points.push(ScatterPoint {
            label: format!("Far {i}"),
            code: format!("F{i}"),
            x: v,
            y: v,
            group: Some("Far".into()),
        });
    }
    let spec = ChartSpec::new(
        "Crowded",
        ChartKind::Scatter(ScatterSpec {
            points,
            x_axis: Axis::linear("x"),
            y_axis: Axis::linear("y"),
            labels: LabelMode::All,
            fit: None,
        }),
    );
    render(&spec, &out_dir().join("crowded.png")).expect("render png");
    let path = out_dir().join("crowded.svg");
    let report = render(&spec, &path).expect("render");
    assert!(report.labels_omitted > 0);
    let svg = std::fs::read_to_string(&path).expect("read");
    assert!(svg.contains(&format!("{} labels omitted", report.labels_omitted)));

    if let ChartKind::Scatter(s) = &spec.kind {
        let mut none = spec.clone();
        none.kind = ChartKind::Scatter(ScatterSpec {
            labels: LabelMode::None,
            ..s.clone()
        });
        assert_eq!(render(&none, &path).expect("render").labels_omitted, 0);
        let mut top = spec.clone();
        top.kind = ChartKind::Scatter(ScatterSpec {
            labels: LabelMode::Top(5),
            ..s.clone()
        });
        // In a 300-point cloud a label may find no spot nearer its own point than any other
        // (the rule since labels stopped sitting beside a neighbour's point): the far points
        // are labelled, most of the five are, and any left out are counted.
        let omitted = render(&top, &path).expect("render").labels_omitted;
        assert!(omitted <= 2, "{omitted} of the top 5 omitted");
        let svg = std::fs::read_to_string(&path).expect("read");
        assert!(
            svg.contains("Far 0\n") && svg.contains("Far 1\n"),
            "far points labelled"
        );
        let mut list = spec.clone();
        list.kind = ChartKind::Scatter(ScatterSpec {
            labels: LabelMode::List(vec!["C007".into(), "C100".into()]),
            ..s.clone()
        });
        let report = render(&list, &path).expect("render");
        let svg = std::fs::read_to_string(&path).expect("read");
        // Each listed point is labelled by its name (never its code) or counted as omitted;
        // inside the cloud no spot is nearer its own point than every other.
        let shown = ["Country number 7", "Country number 100"]
            .iter()
            .filter(|l| svg.contains(&format!("\n{l}\n")))
            .count();
        assert_eq!(shown + report.labels_omitted, 2);
        assert!(!svg.contains("\nC007\n") && !svg.contains("\nC100\n"));
        assert!(!svg.contains("\nCountry number 8\n") && !svg.contains("\nC008\n"));
    }
}

#[test]
fn svg_snapshot_of_small_scatter() {
    let mut spec = scatter_spec(8, false);
    spec.size = (1000, 600);
    let path = out_dir().join("snapshot_scatter.svg");
    render(&spec, &path).expect("render");
    let actual = std::fs::read_to_string(&path).expect("read");
    assert!(crate::ends_in_one_newline(&actual), "SVG ending");
    insta::assert_snapshot!("scatter_small_svg", actual);
}
