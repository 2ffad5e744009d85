//! Hostile values and text through every chart kind: ±1.8e308 and values near 1e300 on log axes
//! render (no panic, no hang), and control characters in titles and labels leave SVG output
//! well-formed XML with no control character in it.

use super::*;

const HUGE: f64 = 1.797e308;

fn axis(log: bool) -> Axis {
    Axis {
        title: "value".into(),
        log,
    }
}

fn point(label: &str, x: f64, y: f64) -> ScatterPoint {
    ScatterPoint {
        label: label.into(),
        code: label.to_uppercase(),
        x,
        y,
        group: None,
    }
}

fn scatter(points: Vec<ScatterPoint>, log_x: bool) -> ChartKind {
    ChartKind::Scatter(ScatterSpec {
        points,
        x_axis: axis(log_x),
        y_axis: axis(false),
        labels: LabelMode::All,
        fit: None,
    })
}

fn bars(values: &[f64]) -> ChartKind {
    ChartKind::Bar(BarSpec {
        items: values
            .iter()
            .enumerate()
            .map(|(i, &v)| BarItem {
                label: format!("{}. C{i}", i + 1),
                code: format!("C{i}"),
                value: v,
                highlight: i == 1,
                year: Some(2019 + i as i32),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    })
}

fn line(values: &[f64], log: bool) -> ChartKind {
    ChartKind::Line(LineSpec {
        series: values
            .iter()
            .enumerate()
            .map(|(i, &v)| LineSeries {
                label: format!("C{i}"),
                code: format!("C{i}"),
                points: vec![(2000, v), (2001, v / 2.0), (2003, v)],
                highlight: i == 0,
            })
            .collect(),
        y_axis: axis(log),
        ..Default::default()
    })
}

fn slope(values: &[f64]) -> ChartKind {
    ChartKind::Slope(SlopeSpec {
        items: values
            .iter()
            .enumerate()
            .map(|(i, &v)| SlopeItem {
                label: format!("C{i}"),
                code: format!("C{i}"),
                start: v,
                end: -v,
                highlight: i == 0,
            })
            .collect(),
        start_year: 2015,
        end_year: 2020,
        measure: SlopeMeasure::Value(axis(false)),
        ..Default::default()
    })
}

fn render_both(kind: ChartKind) -> Vec<String> {
    render_at(kind, (800, 450))
}

fn render_at(kind: ChartKind, size: (u32, u32)) -> Vec<String> {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut spec = ChartSpec::new("Extreme values", kind);
    spec.size = size;
    let mut svgs = Vec::new();
    for ext in ["png", "svg"] {
        let path = dir.path().join(format!("c.{ext}"));
        render(&spec, &path).unwrap_or_else(|e| panic!("{ext}: {e}"));
        if ext == "svg" {
            svgs.push(std::fs::read_to_string(&path).expect("svg"));
        }
    }
    svgs
}

#[test]
fn extreme_values_render_in_every_chart_kind() {
    let extremes = [HUGE, -HUGE, 0.0, 1.0];
    render_both(scatter(
        extremes
            .iter()
            .enumerate()
            .map(|(i, &v)| point(&format!("p{i}"), v, -v))
            .collect(),
        false,
    ));
    render_both(bars(&extremes));
    render_both(bars(&[HUGE, HUGE]));
    render_both(bars(&[-HUGE]));
    render_both(line(&extremes, false));
    render_both(slope(&extremes));
}

#[test]
fn every_chart_kind_renders_at_small_sizes() {
    // `chart bar … --size 640x360` panicked: its label font's floor (9 px) was above its
    // ceiling (the tick size, 8 px at that size); the interval chart's dots likewise.
    let intervals = ChartKind::Intervals(IntervalSpec {
        items: (0..30)
            .map(|i| IntervalItem {
                label: format!("C{i}"),
                code: format!("C{i}"),
                nominal: Some(f64::from(i + 1)),
                median: f64::from(i + 1),
                low: f64::from(i),
                high: f64::from(i + 3),
                highlight: i == 2,
            })
            .collect(),
        axis_title: "rank".into(),
    });
    let values: Vec<f64> = (1..=40).map(f64::from).collect();
    for size in [(200, 150), (640, 360), (300, 900), (1200, 150)] {
        render_at(bars(&values), size);
        render_at(line(&values[..8], false), size);
        render_at(slope(&values[..12]), size);
        render_at(intervals.clone(), size);
        let points = values
            .iter()
            .map(|&v| point(&format!("p{v}"), v, v * v))
            .collect();
        render_at(scatter(points, false), size);
    }
}

#[test]
fn log_axes_near_the_top_of_f64_end() {
    // `--log-x` with a value near 1e300 used to loop for ever in tick generation.
    for xs in [
        vec![1e300, 2e300],
        vec![1e300],
        vec![1e-300, 1.7e308],
        vec![5e-324, 1.0],
    ] {
        let points = xs
            .iter()
            .enumerate()
            .map(|(i, &x)| point(&format!("p{i}"), x, i as f64))
            .collect();
        let started = std::time::Instant::now();
        render_both(scatter(points, true));
        let ys: Vec<f64> = xs.iter().map(|x| x.max(1e-300)).collect();
        render_both(line(&ys, true));
        assert!(started.elapsed().as_secs() < 20, "{xs:?} took too long");
    }
}

#[test]
fn control_characters_never_reach_an_svg() {
    let evil = "Ja\u{1b}[31mpan\u{7}\u{b}<&>\u{9b}";
    let mut pts = vec![point(evil, 1.0, 2.0), point("Korea", 2.0, 3.0)];
    pts[1].group = Some("G7\u{1b}".to_string());
    let kinds = [
        scatter(pts, false),
        bars(&[1.0, 2.0]),
        line(&[1.0, 2.0], false),
        slope(&[1.0, 2.0]),
    ];
    for mut kind in kinds {
        match &mut kind {
            ChartKind::Bar(b) => b.items[0].label = evil.into(),
            ChartKind::Line(l) => l.series[0].label = evil.into(),
            ChartKind::Slope(s) => s.items[0].label = evil.into(),
            ChartKind::Scatter(_) | ChartKind::Intervals(_) | ChartKind::Map(_) => {}
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let mut spec = ChartSpec::new(format!("Title {evil}"), kind);
        spec.subtitle = Some("Sub\u{7}title".to_string());
        spec.footer_lines = vec![format!("Source: {evil}")];
        let path = dir.path().join("c.svg");
        render(&spec, &path).expect("render");
        let svg = std::fs::read_to_string(&path).expect("svg");
        crate::output::text::assert_well_formed_xml(&svg);
        assert!(
            svg.contains("Ja\\x1B[31mpan\\x07\\x0B&lt;&amp;&gt;\\x9B"),
            "{svg}"
        );
    }
}
