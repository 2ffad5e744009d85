//! `chart map` by region, group and class rule: the Europe extent, the Natural Earth join
//! against SOURCES.md, given and centred breaks with a group's extent, and usage errors.

use super::map::{area, parse_svg, render, subpaths};
use crate::{csv_of, run, run_in};
use std::collections::BTreeSet;

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

/// The fixture `demo3.growth` (tests/fixtures/datasets, 1 decimal, %): FIN −0.5, JPN 0.8,
/// DEU 1.2, KOR 2.1, SGP 3.0. `--centre 0 --n-classes 4 --classes equal`: two equal classes on
/// each side of 0, from −0.5 to 0 (break −0.25, rounded half away from zero to −0.3) and from 0
/// to 3.0 (break 1.5): breaks −0.3, 0, 1.5, so FIN is in class 0, JPN and DEU in class 2, KOR
/// and Singapore (a dot) in class 3, and class 1 is empty.
#[test]
fn a_centred_map_of_a_hand_checked_fixture() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = crate::fixture_dir();
    let data = data.to_str().expect("UTF-8 path");
    render(
        dir.path(),
        &[
            "--data",
            data,
            "chart",
            "map",
            "demo3.growth",
            "--centre",
            "0",
            "--n-classes",
            "4",
            "--classes",
            "equal",
            "-o",
            "g.svg",
        ],
    );
    let svg = parse_svg(&std::fs::read_to_string(dir.path().join("g.svg")).expect("svg"));
    let legend = |i: usize| svg.els[&format!("legend-class-{i}")].attrs["fill"].clone();
    for (code, class) in [("FIN", 0), ("JPN", 2), ("DEU", 2), ("KOR", 3)] {
        assert_eq!(
            svg.els[&format!("area-{code}")].attrs["fill"],
            legend(class),
            "{code}"
        );
    }
    assert_eq!(svg.els["dot-SGP"].attrs["fill"], legend(3));
    for label in [
        "under -0.3 (1)",
        "-0.3 to under 0.0 (0)",
        "0.0 to under 1.5 (2)",
        "1.5 or more (2)",
    ] {
        assert!(
            svg.texts.iter().any(|t| t == label),
            "{label}: {:?}",
            svg.texts
        );
    }
}
