//! The bad-input corpus for dataset folders, query files and command-line arguments (issue 12;
//! import files have their own corpus). Every case is generated here into a temporary folder:
//! a copy of the fixture countries plus one dataset `t` with one indicator `t.v`, altered by the
//! case. For each case: the exit code, the place named (`file:line:column`, or the option), and
//! for accepted input the exact ranking `t.v` gives for 2021.

use super::{bin, command, copy_dir, fixture_dir, Out, Table};
use std::path::Path;

/// `dataset.toml` of `t`; the line numbers of the expected places refer to this text.
const TOML: &str = "id = \"t\"
title = \"Test\"
publisher = \"innodex tests\"
licence = \"CC0-1.0\"
retrieved = \"2026-11-28\"

[[indicator]]
id = \"v\"
title = \"Value\"
unit = \"u\"
higher_is_better = true
year_kind = \"data\"
decimals = 2
file = \"v.csv\"
";

const CSV: &str = "iso3,year,value\nKOR,2021,4.5\nDEU,2021,3.25\nJPN,2021,2\n";

/// The ranking of the base files (by hand): KOR 4.5 > DEU 3.25 > JPN 2.
const BASE_RANKS: &[[&str; 3]] = &[["1", "KOR", "4.5"], ["2", "DEU", "3.25"], ["3", "JPN", "2"]];

/// What a case expects.
enum Expect {
    /// Exit code and a text the output must contain (the place and the message's start).
    Fails(i32, String),
    /// Exit 0 and these rank, iso3, value rows of `rank t.v --year 2021`.
    Ranks(Vec<[String; 3]>),
}

/// A change to the generated data folder.
type Setup = Box<dyn Fn(&Path)>;

struct Case {
    name: String,
    toml: Vec<u8>,
    csv: Vec<u8>,
    /// Further changes to the data folder (symlinks, permissions, more files).
    setup: Option<Setup>,
    /// A query file `q.toml` beside the data folder, for `run` cases.
    query: Option<String>,
    /// Arguments after `--data DIR`; default `rank t.v --year 2021 --format csv`.
    args: Option<Vec<String>>,
    as_nobody: bool,
    expect: Expect,
}

fn case(name: &str, expect: Expect) -> Case {
    Case {
        name: name.into(),
        toml: TOML.into(),
        csv: CSV.into(),
        setup: None,
        query: None,
        args: None,
        as_nobody: false,
        expect,
    }
}

fn fails(code: i32, text: &str) -> Expect {
    Expect::Fails(code, text.into())
}

fn ranks(rows: &[[&str; 3]]) -> Expect {
    Expect::Ranks(rows.iter().map(|r| r.map(String::from)).collect())
}

/// A case whose dataset.toml is the base with `from` replaced by `to`.
fn toml_case(name: &str, from: &str, to: &str, expect: Expect) -> Case {
    assert!(TOML.contains(from), "{name}: {from:?} not in the base TOML");
    Case {
        toml: TOML.replacen(from, to, 1).into(),
        ..case(name, expect)
    }
}

fn csv_case(name: &str, csv: impl Into<Vec<u8>>, expect: Expect) -> Case {
    Case {
        csv: csv.into(),
        ..case(name, expect)
    }
}

fn arg_case(name: &str, args: &[&str], expect: Expect) -> Case {
    Case {
        args: Some(args.iter().map(|s| s.to_string()).collect()),
        ..case(name, expect)
    }
}

fn query_case(name: &str, steps: &str, expect: Expect) -> Case {
    Case {
        query: Some(format!("title = \"q\"\ndescription = \"d\"\n\n{steps}")),
        args: Some(
            ["run", "q.toml", "--out-dir", "out", "-q"]
                .map(String::from)
                .to_vec(),
        ),
        ..case(name, expect)
    }
}

fn step(args: &str, output: &str) -> String {
    format!("[[step]]\nargs = {args}\noutput = \"{output}\"\n")
}

fn dataset_toml_cases() -> Vec<Case> {
    let t = "/t/dataset.toml";
    let at = |place: &str, msg: &str| fails(1, &format!("{t}:{place}: {msg}"));
    let mut v = Vec::new();
    // Every key missing: top-level keys are reported at 1:1, indicator keys at its [[indicator]].
    for (key, line) in [
        ("id = \"t\"\n", "1:1"),
        ("title = \"Test\"\n", "1:1"),
        ("publisher = \"innodex tests\"\n", "1:1"),
        ("licence = \"CC0-1.0\"\n", "1:1"),
        ("retrieved = \"2026-11-28\"\n", "1:1"),
    ] {
        let k = key.split(' ').next().unwrap_or_default();
        v.push(toml_case(
            &format!("missing {k}"),
            key,
            "",
            at(line, &format!("missing field `{k}`; add the key")),
        ));
    }
    for key in [
        "id = \"v\"\n",
        "title = \"Value\"\n",
        "unit = \"u\"\n",
        "higher_is_better = true\n",
        "year_kind = \"data\"\n",
        "decimals = 2\n",
        "file = \"v.csv\"\n",
    ] {
        let k = key.split(' ').next().unwrap_or_default();
        v.push(toml_case(
            &format!("missing indicator {k}"),
            &format!("\n{key}"),
            "\n",
            at("7:1", &format!("missing field `{k}`; add the key")),
        ));
    }
    // Every key with a value of the wrong type.
    for (from, to, place, what) in [
        ("id = \"t\"", "id = 1", "1:6", "invalid type: integer `1`, expected a string"),
        ("title = \"Test\"", "title = 1", "2:9", "invalid type: integer `1`"),
        ("publisher = \"innodex tests\"", "publisher = []", "3:13", "invalid type: sequence"),
        ("licence = \"CC0-1.0\"", "licence = true", "4:11", "invalid type: boolean `true`"),
        ("retrieved = \"2026-11-28\"", "retrieved = 2026-11-28", "5:13", "invalid type"),
        ("\n\n[[", "\nattribution = 1\n[[", "6:15", "invalid type: integer `1`"),
        ("\n\n[[", "\nsource_urls = \"x\"\n[[", "6:15", "invalid type: string \"x\", expected a sequence"),
        ("\n\n[[", "\nnotes = [1]\n[[", "6:10", "invalid type: integer `1`, expected a string"),
        ("\n\n[[", "\ncolour = \"red\"\n[[", "6:1", "unknown field `colour`"),
        ("id = \"v\"", "id = 1", "8:6", "invalid type: integer `1`"),
        ("title = \"Value\"", "title = []", "9:9", "invalid type: sequence"),
        ("unit = \"u\"", "unit = 1", "10:8", "invalid type: integer `1`"),
        ("higher_is_better = true", "higher_is_better = \"yes\"", "11:20", "invalid type: string \"yes\", expected a boolean"),
        ("year_kind = \"data\"", "year_kind = \"month\"", "12:13", "unknown variant `month`, expected `data` or `edition`; use one of the values listed"),
        ("decimals = 2", "decimals = -1", "13:12", "invalid value: integer `-1`, expected u8"),
        ("decimals = 2", "decimals = 300", "13:12", "invalid value: integer `300`, expected u8"),
        ("decimals = 2", "decimals = \"2\"", "13:12", "invalid type: string \"2\""),
        ("file = \"v.csv\"", "file = 1", "14:8", "invalid type: integer `1`"),
        ("file = \"v.csv\"\n", "file = \"v.csv\"\ncaveats = \"x\"\n", "15:11", "invalid type: string \"x\", expected a sequence"),
        ("file = \"v.csv\"\n", "file = \"v.csv\"\nsize_measure = \"no\"\n", "15:16", "invalid type: string \"no\", expected a boolean"),
        ("file = \"v.csv\"\n", "file = \"v.csv\"\nsource_code = 1\n", "15:15", "invalid type: integer `1`"),
        ("file = \"v.csv\"\n", "file = \"v.csv\"\nrank_file = \"r.csv\"\n", "15:1", "unknown field `rank_file`"),
        ("file = \"v.csv\"\n", "file = \"v.csv\"\n[indicator.publication]\nyear_offset = 1.5\nmonth = 6\nbasis = \"b\"\n", "16:15", "invalid type: floating point `1.5`, expected i32"),
        ("file = \"v.csv\"\n", "file = \"v.csv\"\n[indicator.publication]\nyear_offset = 1\nbasis = \"b\"\n", "15:1", "missing field `month`"),
        ("file = \"v.csv\"\n", "file = \"v.csv\"\n[indicator.publication]\nyear_offset = 1\nmonth = \"6\"\nbasis = \"b\"\n", "17:9", "invalid type: string \"6\""),
        ("file = \"v.csv\"\n", "file = \"v.csv\"\n[indicator.publication]\nyear_offset = 1\nmonth = 0\nbasis = \"b\"\n", "17:9", "indicator 'v': publication.month = 0 is not a month; give 1–12"),
        ("file = \"v.csv\"\n", "file = \"v.csv\"\n[indicator.publication]\nyear_offset = 1\nmonth = 13\nbasis = \"b\"\n", "17:9", "indicator 'v': publication.month = 13 is not a month"),
        ("title = \"Test\"", "title = \"Test", "2:14", "invalid basic string, expected `\"`; fix the TOML syntax there"),
        ("[[indicator]]", "[[indicator]", "7:13", "unclosed array table, expected `]`; fix the TOML syntax there"),
        ("id = \"v\"", "id = \"\"", "8:6", "indicator id '' must be"),
        ("id = \"v\"", "id = \"v w\"", "8:6", "indicator id 'v w' must be"),
    ] {
        v.push(toml_case(&format!("wrong type: {to}"), from, to, at(place, what)));
    }
    // Paths: every way out of the folder, at the `file` key.
    for file in [
        "../../x.csv",
        "/etc/passwd",
        "sub/v.csv",
        "./v.csv",
        ".v.csv",
        "",
        "..",
        "v\\\\..\\\\x.csv",
    ] {
        v.push(toml_case(
            &format!("file = {file:?}"),
            "file = \"v.csv\"",
            &format!("file = \"{file}\""),
            at(
                "14:8",
                &format!(
                    "indicator 'v': file = \"{}\" is not a plain file name",
                    file.replace("\\\\", "\\")
                ),
            ),
        ));
    }
    v.push(toml_case(
        "file = v.txt",
        "file = \"v.csv\"",
        "file = \"v.txt\"",
        at("14:8", "indicator 'v': file = \"v.txt\" is not a .csv file"),
    ));
    v.push(Case {
        setup: Some(Box::new(|d: &Path| {
            std::fs::remove_file(d.join("t/v.csv")).ok();
            std::os::unix::fs::symlink("/etc/hostname", d.join("t/v.csv")).ok();
        })),
        ..case("symlinked CSV outside the folder", at("14:8", "indicator 'v': file = \"v.csv\" is a symbolic link to /etc/hostname, outside the dataset folder"))
    });
    v.push(Case {
        setup: Some(Box::new(|d: &Path| {
            std::fs::rename(d.join("t/v.csv"), d.join("t/real.csv")).ok();
            std::os::unix::fs::symlink("real.csv", d.join("t/v.csv")).ok();
        })),
        ..case("symlinked CSV inside the folder", ranks(BASE_RANKS))
    });
    v.push(Case {
        setup: Some(Box::new(|d: &Path| {
            let out = d.parent().expect("parent").join("elsewhere.toml");
            std::fs::rename(d.join("t/dataset.toml"), &out).ok();
            std::os::unix::fs::symlink(&out, d.join("t/dataset.toml")).ok();
        })),
        ..case(
            "symlinked dataset.toml outside the folder",
            fails(1, "/t/dataset.toml: is a symbolic link to"),
        )
    });
    // Ids.
    v.push(toml_case(
        "id differs from the folder",
        "id = \"t\"",
        "id = \"u\"",
        fails(
            1,
            "/t/dataset.toml: id = \"u\" but the folder is named 't'; make them equal",
        ),
    ));
    v.push(toml_case(
        "two indicators with one id",
        "file = \"v.csv\"\n",
        "file = \"v.csv\"\n\n[[indicator]]\nid = \"v\"\ntitle = \"Again\"\nunit = \"u\"\nhigher_is_better = true\nyear_kind = \"data\"\ndecimals = 2\nfile = \"v.csv\"\n",
        at("17:6", "indicator id 'v' is declared twice (first at "),
    ));
    v.push(Case {
        setup: Some(Box::new(|d: &Path| {
            copy_dir(&d.join("t"), &d.join("t.x"));
            let toml = std::fs::read_to_string(d.join("t/dataset.toml")).unwrap_or_default();
            std::fs::write(d.join("t.x/dataset.toml"), toml.replace("id = \"t\"", "id = \"t.x\"")).ok();
            std::fs::write(d.join("t/dataset.toml"), toml.replace("id = \"v\"", "id = \"x.v\"")).ok();
        })),
        args: Some(["rank", "t.x.v"].map(String::from).to_vec()),
        ..case("a + b.c against a.b + c", fails(1, "/t.x/dataset.toml:8:6: indicator 'v' of dataset 't.x' has the full id 't.x.v', as has indicator 'x.v' of dataset 't' at "))
    });
    // Control characters and huge arrays are accepted (the output layer escapes the former).
    v.push(toml_case(
        "control characters in the title",
        "title = \"Value\"",
        "title = \"Va\\u001b[2Jl\\u0007ue\"",
        ranks(BASE_RANKS),
    ));
    let many: Vec<String> = (0..100_000).map(|i| format!("\"caveat {i}\"")).collect();
    v.push(toml_case(
        "100,000 caveats",
        "file = \"v.csv\"\n",
        &format!("file = \"v.csv\"\ncaveats = [{}]\n", many.join(",")),
        ranks(BASE_RANKS),
    ));
    v.push(Case {
        toml: [&[0xEF, 0xBB, 0xBF][..], TOML.as_bytes()].concat(),
        ..case("dataset.toml with a BOM", ranks(BASE_RANKS))
    });
    v.push(Case {
        toml: Vec::new(),
        ..case("empty dataset.toml", at("1:1", "missing field `id`"))
    });
    v.push(Case {
        toml: vec![0xFF, 0xFE, b'i', 0],
        ..case(
            "UTF-16 dataset.toml",
            fails(1, "/t/dataset.toml: is UTF-16 text"),
        )
    });
    v.push(Case {
        toml: TOML
            .replace("Test", "T\u{e9}st")
            .replace('\u{e9}', "\u{0}")
            .into(),
        ..case("NUL in dataset.toml", at("2:11", "contains a NUL byte"))
    });
    v.push(Case {
        toml: TOML
            .replace("Test", "T\u{e9}st")
            .into_bytes()
            .into_iter()
            .flat_map(|b| {
                if b == 0xC3 {
                    vec![]
                } else if b == 0xA9 {
                    vec![0xE9]
                } else {
                    vec![b]
                }
            })
            .collect(),
        ..case(
            "Latin-1 dataset.toml",
            at("2:11", "not valid UTF-8 (byte 0xE9"),
        )
    });
    v.push(Case {
        setup: Some(Box::new(|d: &Path| {
            std::fs::create_dir_all(d.join("u/dataset.toml")).ok();
        })),
        ..case(
            "dataset.toml is a folder",
            fails(1, "/u/dataset.toml: is not a file (a folder?)"),
        )
    });
    v.push(Case {
        setup: Some(Box::new(|d: &Path| chmod(&d.join("t/dataset.toml"), 0o000))),
        as_nobody: true,
        ..case(
            "unreadable dataset.toml",
            fails(
                1,
                "/t/dataset.toml: Permission denied (os error 13); innodex may not read",
            ),
        )
    });
    v.push(Case {
        setup: Some(Box::new(|d: &Path| chmod(&d.join("t/v.csv"), 0o000))),
        as_nobody: true,
        ..case(
            "unreadable observation file",
            fails(
                1,
                "/t/v.csv: Permission denied (os error 13); innodex may not read",
            ),
        )
    });
    v.push(Case {
        setup: Some(Box::new(|d: &Path| chmod(&d.join("t"), 0o000))),
        as_nobody: true,
        ..case(
            "unreadable dataset folder",
            fails(1, "/t/dataset.toml: Permission denied"),
        )
    });
    v
}

fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).ok();
}

fn csv_cases() -> Vec<Case> {
    let at = |place: &str, msg: &str| fails(1, &format!("/t/v.csv:{place}: {msg}"));
    let h = "iso3,year,value\n";
    let mut v = vec![
        csv_case(
            "empty CSV",
            "",
            at("1:1", "required column 'iso3' is missing"),
        ),
        csv_case("header only", h, fails(1, "/t/v.csv: a header but no rows")),
        csv_case(
            "BOM",
            [&[0xEF, 0xBB, 0xBF][..], CSV.as_bytes()].concat(),
            ranks(BASE_RANKS),
        ),
        csv_case("CRLF", CSV.replace('\n', "\r\n"), ranks(BASE_RANKS)),
        csv_case("lone CR", CSV.replace('\n', "\r"), ranks(BASE_RANKS)),
        csv_case(
            "mixed endings",
            "iso3,year,value\r\nKOR,2021,4.5\rDEU,2021,3.25\nJPN,2021,2",
            ranks(BASE_RANKS),
        ),
        csv_case(
            "lone CR, bad row on line 3",
            "iso3,year,value\rKOR,2021,4.5\rDEU,2021,x\r",
            at("3:3", "value 'x' is not a number"),
        ),
        csv_case(
            "ragged: a field too many",
            "iso3,year,value\nKOR,2021,4.5\nDEU,2021,3,25\n",
            at("3:1", "this row has 4 fields but the header has 3"),
        ),
        csv_case(
            "ragged: a field short",
            "iso3,year,value\nKOR,2021,4.5\nDEU,2021\n",
            at("3:1", "this row has 2 fields but the header has 3"),
        ),
        csv_case(
            "ragged after blank lines",
            "iso3,year,value\nKOR,2021,4.5\n\n\nDEU,2021,3,25\n",
            at("5:1", "this row has 4 fields"),
        ),
        csv_case(
            "unterminated quote",
            "iso3,year,value,note\nKOR,2021,4.5,\"oops\nDEU,2021,3.25,ok\nJPN,2021,2,ok\n",
            at(
                "2:4",
                "column 'note' holds a line break (3 line(s) run into this field)",
            ),
        ),
        csv_case(
            "embedded newline in a quoted note",
            "iso3,year,value,note\nKOR,2021,4.5,\"two\nlines\"\n",
            at("2:4", "column 'note' holds a line break"),
        ),
        csv_case(
            "NUL byte",
            "iso3,year,value\nKOR,2021,4.5\nDEU,2021,3.\u{0}25\n",
            at("3:12", "contains a NUL byte"),
        ),
        csv_case(
            "Latin-1 byte",
            [
                &b"iso3,year,value,note\nKOR,2021,4.5,caf"[..],
                &[0xE9],
                b"\n",
            ]
            .concat(),
            at("2:17", "not valid UTF-8 (byte 0xE9"),
        ),
        csv_case(
            "UTF-16 with BOM",
            [&[0xFF, 0xFE][..], b"i\0s\0"].concat(),
            fails(1, "/t/v.csv: is UTF-16 text"),
        ),
        csv_case(
            "binary junk",
            (0u8..=255).cycle().take(4096).collect::<Vec<u8>>(),
            at("1:1", "contains a NUL byte"),
        ),
        csv_case(
            "quoted thousands separator",
            format!("{h}KOR,2021,\"1,234.5\"\n"),
            at("2:3", "value '1,234.5' is not a number"),
        ),
        csv_case(
            "decimal comma",
            format!("{h}KOR,2021,\"1.234,5\"\n"),
            at("2:3", "value '1.234,5' is not a number"),
        ),
        csv_case(
            "Unicode minus",
            format!("{h}KOR,2021,\u{2212}3.2\n"),
            at("2:3", "value '\u{2212}3.2' is not a number"),
        ),
        csv_case(
            "1e400",
            format!("{h}KOR,2021,1e400\n"),
            at("2:3", "value '1e400' is not a finite number"),
        ),
        csv_case(
            "NaN",
            format!("{h}KOR,2021,NaN\n"),
            at("2:3", "value 'NaN' is not a finite number"),
        ),
        csv_case(
            "inf",
            format!("{h}KOR,2021,inf\n"),
            at("2:3", "value 'inf' is not a finite number"),
        ),
        csv_case(
            "percent",
            format!("{h}KOR,2021,12%\n"),
            at("2:3", "value '12%' is not a number"),
        ),
        csv_case(
            "-0 is zero",
            format!("{h}KOR,2021,-0\nDEU,2021,1\n"),
            ranks(&[["1", "DEU", "1"], ["2", "KOR", "0"]]),
        ),
        csv_case(
            "year with a decimal",
            format!("{h}KOR,2021.0,1\n"),
            at("2:2", "year '2021.0' is not a whole number"),
        ),
        csv_case(
            "year out of range",
            format!("{h}KOR,99999,1\n"),
            at("2:2", "year 99999 is out of range 1800–2200"),
        ),
        csv_case(
            "empty year",
            format!("{h}KOR,,1\n"),
            at("2:2", "year '' is not a whole number"),
        ),
        csv_case(
            "empty code",
            format!("{h},2021,1\n"),
            at("2:1", "empty country code"),
        ),
        csv_case(
            "duplicate row",
            format!("{h}KOR,2021,4.5\nKOR,2021,4.6\n"),
            at("3:1", "duplicate: KOR 2021 already has a value on line 2"),
        ),
        csv_case(
            "unknown code",
            format!("{h}KOR,2021,4.5\nXXX,2021,9\n"),
            at("3:1", "unknown country code 'XXX'"),
        ),
        csv_case(
            "lower-case code",
            format!("{h}kor,2021,4.5\n"),
            at("2:1", "unknown country code 'kor'; did you mean KOR?"),
        ),
        csv_case(
            "unknown column",
            "iso3,year,value,rank\nKOR,2021,1,1\n",
            at("1:4", "unknown column 'rank'"),
        ),
        csv_case(
            "column twice",
            "iso3,year,value,value\nKOR,2021,1,1\n",
            at("1:4", "column 'value' appears twice in the header"),
        ),
        csv_case(
            "no value and no rank",
            format!("{h}KOR,2021,\n"),
            at("2:3", "empty value and no published rank"),
        ),
        csv_case(
            "published rank 0",
            "iso3,year,value,published_rank\nKOR,2021,1,0\n",
            at("2:4", "published rank '0' is not a whole number from 1"),
        ),
        csv_case(
            "bad published date",
            "iso3,year,value,published\nKOR,2021,1,2021-13-01\n",
            at("2:4", ""),
        ),
        csv_case(
            "a 10 MB value",
            format!("{h}KOR,2021,{}\n", "9".repeat(10_000_000) + "x"),
            at(
                "2:3",
                &format!("value '{}…' is not a number", "9".repeat(80)),
            ),
        ),
        csv_case(
            "100,000 blank lines then a bad row",
            format!("{h}KOR,2021,4.5\n{}DEU,2021,x\n", "\n".repeat(100_000)),
            at("100003:3", "value 'x' is not a number"),
        ),
    ];
    v.push(Case {
        setup: Some(Box::new(|d: &Path| {
            std::fs::write(d.join("t/v.csv"), "iso3,year,value\nKOR,2021,4.5\n").ok();
            std::fs::write(d.join("t/other.csv"), "not,a,dataset\n").ok();
        })),
        ..case(
            "an undeclared CSV beside is ignored",
            ranks(&[["1", "KOR", "4.5"]]),
        )
    });
    v
}

fn query_cases() -> Vec<Case> {
    let q = |m: &str| fails(1, &format!("q.toml: step 1: {m}"));
    let ok = r#"["rank", "t.v", "--year", "2021"]"#;
    vec![
        query_case(
            "query: run anywhere in args",
            &step(r#"["--format", "csv", "run", "q.toml"]"#, "a.csv"),
            q("a query cannot run queries"),
        ),
        query_case(
            "query: curate",
            &step(r#"["curate", "--out", "x"]"#, "a.csv"),
            q("a query step cannot curate or import"),
        ),
        query_case(
            "query: import",
            &step(r#"["import", "x.csv", "--dataset", "x"]"#, "a.csv"),
            q("a query step cannot curate or import"),
        ),
        query_case(
            "query: -o",
            &step(r#"["rank", "t.v", "-o", "/tmp/x.csv"]"#, "a.csv"),
            q("args must not set -o/--output"),
        ),
        query_case(
            "query: --data",
            &step(r#"["rank", "t.v", "--data", "/"]"#, "a.csv"),
            q("args must not set --data"),
        ),
        query_case(
            "query: --out-dir",
            &step(r#"["rank", "t.v", "--out-dir", "/"]"#, "a.csv"),
            q("args are not an innodex command line: unexpected argument '--out-dir'"),
        ),
        query_case(
            "query: output manifest.json",
            &step(ok, "manifest.json"),
            q("output 'manifest.json' is the manifest"),
        ),
        query_case(
            "query: output with ..",
            &step(ok, "../a.csv"),
            q("output '../a.csv' is a path"),
        ),
        query_case(
            "query: absolute output",
            &step(ok, "/tmp/a.csv"),
            q("output '/tmp/a.csv' is a path"),
        ),
        query_case(
            "query: output without extension",
            &step(ok, "a"),
            q("output 'a' has no known extension"),
        ),
        query_case(
            "query: empty args",
            &step("[]", "a.csv"),
            q("args are not an innodex command line"),
        ),
        query_case(
            "query: two steps, one output",
            &format!("{}{}", step(ok, "a.csv"), step(ok, "a.csv")),
            fails(
                1,
                "q.toml: step 2: output 'a.csv' is already written by step 1",
            ),
        ),
        query_case(
            "query: no steps",
            "step = []\n",
            fails(1, "q.toml: a query needs at least one [[step]]"),
        ),
        query_case(
            "query: missing step key",
            "",
            fails(1, "q.toml:1:1: missing field `step`"),
        ),
        query_case(
            "query: unknown key in a step",
            &format!("{}format = \"csv\"\n", step(ok, "a.csv")),
            fails(1, "q.toml:7:1: unknown field `format`"),
        ),
        query_case(
            "query: args not a list",
            &step("\"rank t.v\"", "a.csv"),
            fails(
                1,
                "q.toml:5:8: invalid type: string \"rank t.v\", expected a sequence",
            ),
        ),
        query_case(
            "query: unknown indicator at run time",
            &step(r#"["rank", "t.nope"]"#, "a.csv"),
            fails(2, "q.toml step 1: unknown indicator 't.nope'"),
        ),
        query_case(
            "query: bad data at run time",
            &step(ok, "a.csv"),
            fails(1, "q.toml: step 1: "),
        )
        .with_csv("iso3,year,value\nKOR,2021,x\n".to_string()),
    ]
}

impl Case {
    fn with_csv(mut self, csv: String) -> Self {
        self.csv = csv.into();
        self
    }
}

fn arg_cases() -> Vec<Case> {
    let r = |extra: &[&str]| -> Vec<String> {
        let mut a = vec!["rank", "t.v", "--format", "csv"];
        a.extend_from_slice(extra);
        a.into_iter().map(String::from).collect()
    };
    let arg = |name: &str, extra: &[&str], expect: Expect| Case {
        args: Some(r(extra)),
        ..case(name, expect)
    };
    vec![
        arg(
            "--year abc",
            &["--year", "abc"],
            fails(2, "invalid value 'abc' for '--year <YEAR>'"),
        ),
        arg(
            "--year huge",
            &["--year", "99999999999"],
            fails(2, "invalid value '99999999999' for '--year <YEAR>'"),
        ),
        arg(
            "--top 0",
            &["--top", "0"],
            fails(2, "for '--top <N>': must be at least 1"),
        ),
        arg(
            "--top huge",
            &["--top", "99999999999999999999999"],
            fails(2, "for '--top <N>'"),
        ),
        arg(
            "--top larger than the list",
            &["--year", "2021", "--top", "1000000"],
            ranks(BASE_RANKS),
        ),
        arg(
            "--top 1",
            &["--year", "2021", "--top", "1"],
            ranks(&[["1", "KOR", "4.5"]]),
        ),
        arg(
            "--as-of bad month",
            &["--as-of", "2021-13-01"],
            fails(2, "2021-13-01"),
        ),
        arg(
            "--as-of 30 February",
            &["--as-of", "2021-02-30"],
            fails(2, "2021-02-30"),
        ),
        arg("--as-of empty", &["--as-of", ""], fails(2, "--as-of")),
        arg(
            "--countries empty",
            &["--countries", ""],
            fails(2, "no country named in ''; give names or codes"),
        ),
        arg(
            "--countries unknown",
            &["--countries", "KOR,XXZ"],
            fails(2, "XXZ"),
        ),
        arg(
            "--group unknown",
            &["--group", "NOPE"],
            fails(2, "unknown group 'NOPE'"),
        ),
        arg(
            "--max-age negative",
            &["--max-age", "-1"],
            fails(2, "unexpected argument '-1' found"),
        ),
        arg_case(
            "unknown indicator",
            &["rank", "t.w"],
            fails(2, "unknown indicator 't.w'"),
        ),
        arg_case(
            "huge unknown indicator",
            &["rank", &"w".repeat(100_000)],
            fails(2, &format!("unknown indicator '{}…'", "w".repeat(80))),
        ),
        arg_case(
            "chart size 0x0",
            &["chart", "bar", "t.v", "-o", "c.png", "--size", "0x0"],
            fails(2, "0x0 is out of range"),
        ),
        arg_case(
            "-o unknown extension",
            &["rank", "t.v", "-o", "x.exe"],
            fails(2, "-o x.exe: cannot tell the format from the extension"),
        ),
    ]
}

fn run_case(c: &Case) -> Out {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("d");
    copy_dir(&fixture_dir().join("countries"), &data.join("countries"));
    std::fs::create_dir_all(data.join("t")).expect("mkdir");
    std::fs::write(data.join("t/dataset.toml"), &c.toml).expect("write");
    std::fs::write(data.join("t/v.csv"), &c.csv).expect("write");
    if let Some(q) = &c.query {
        std::fs::write(tmp.path().join("q.toml"), q).expect("write");
    }
    chmod(tmp.path(), 0o755);
    if let Some(setup) = &c.setup {
        setup(&data);
    }
    let default: Vec<String> = ["rank", "t.v", "--year", "2021", "--format", "csv"]
        .map(String::from)
        .to_vec();
    let mut argv = vec!["--data".to_string(), data.display().to_string()];
    argv.extend(c.args.clone().unwrap_or(default));
    let mut cmd = if c.as_nobody {
        let mut cmd = std::process::Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(bin())
            .env_remove("COLUMNS");
        cmd
    } else {
        command()
    };
    let out = Out::of(cmd.args(&argv).current_dir(tmp.path()));
    chmod(&data.join("t"), 0o755);
    out
}

#[test]
fn bad_input_corpus() {
    let cases: Vec<Case> = [
        dataset_toml_cases(),
        csv_cases(),
        query_cases(),
        arg_cases(),
    ]
    .into_iter()
    .flatten()
    .collect();
    assert!(cases.len() >= 60, "{} cases", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        let out = run_case(c);
        let problem = match &c.expect {
            Expect::Fails(code, text) => {
                let all = format!("{}{}", out.stdout, out.stderr);
                if out.code != *code || !all.contains(text.as_str()) {
                    Some(format!("expected exit {code} and {text:?}"))
                } else if out.stderr.len() > 3000 || all.contains('\u{1b}') {
                    Some("the message is too long or holds a raw control character".into())
                } else {
                    None
                }
            }
            Expect::Ranks(rows) => {
                if out.code != 0 {
                    Some("expected success".into())
                } else {
                    let t = Table::parse(&out.stdout);
                    let got: Vec<Vec<String>> = t.cols(&["rank", "iso3", "value"]);
                    let want: Vec<Vec<String>> = rows.iter().map(|r| r.to_vec()).collect();
                    (got != want).then(|| format!("expected ranks {want:?}, got {got:?}"))
                }
            }
        };
        if let Some(p) = problem {
            let head: String = out.stderr.chars().take(400).collect();
            failures.push(format!("{}: {p}\n    exit {}: {head}", c.name, out.code));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
