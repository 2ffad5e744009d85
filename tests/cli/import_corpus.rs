//! The bad-input corpus for `innodex import`: small files generated here, each imported by the
//! real binary into a fresh folder. For every case: the exit code; for refused input, the place
//! named (`file:line[:column]`) and that nothing was written; for accepted input, the exact
//! observations written and the exact lines listed in `unmatched.csv`. Values were worked out by
//! hand from the bytes below.

use super::run;

/// What a case must give.
enum Expect {
    /// Exit 0; `value.csv` rows (`iso3,year,value`) and the lines in `unmatched.csv`.
    Ok(&'static [&'static str], &'static [u64]),
    /// Exit 1 with this place (`:line:column` or `:line`, after the file name) in the message;
    /// nothing written. An empty place: the message names the file only.
    Refused(&'static str),
}

struct Case {
    name: &'static str,
    bytes: Vec<u8>,
    expect: Expect,
}

fn long(rows: &str) -> Vec<u8> {
    format!("Country,Year,Value\n{rows}").into_bytes()
}

fn case(name: &'static str, bytes: Vec<u8>, expect: Expect) -> Case {
    Case {
        name,
        bytes,
        expect,
    }
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = vec![];
    if bom {
        out.extend(if big_endian {
            [0xfe, 0xff]
        } else {
            [0xff, 0xfe]
        });
    }
    for u in text.encode_utf16() {
        out.extend(if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

const JPN: &[&str] = &["JPN,2020,10.5"];

/// One value cell, in a file with Japan 2020.
fn number(name: &'static str, cell: &str, written: Option<&'static str>) -> Case {
    let bytes = long(&format!("Japan,2020,{cell}\nKorea,2020,1\n"));
    let expect = match written {
        Some(v) => Expect::Ok(Box::leak(vec![v, "KOR,2020,1"].into_boxed_slice()), &[]),
        None => Expect::Ok(&["KOR,2020,1"], &[2]),
    };
    case(name, bytes, expect)
}

/// One year cell.
fn year(name: &'static str, cell: &str, ok: bool) -> Case {
    let bytes = long(&format!("Japan,{cell},5\nKorea,2020,1\n"));
    let expect = if ok {
        Expect::Ok(&["JPN,2019,5", "KOR,2020,1"], &[])
    } else {
        Expect::Ok(&["KOR,2020,1"], &[2])
    };
    case(name, bytes, expect)
}

fn cases() -> Vec<Case> {
    use Expect::*;
    let mut c = vec![
        case("empty", vec![], Refused("")),
        case("blank_lines_only", b"\n\n\r\n\n".to_vec(), Refused("")),
        case("header_only", long(""), Refused("")),
        case("header_only_crlf", b"Country,Year,Value\r\n".to_vec(), Refused("")),
        case("bom_only", b"\xef\xbb\xbf".to_vec(), Refused("")),
        case("bom", [&b"\xef\xbb\xbf"[..], &long("Japan,2020,10.5\n")].concat(), Ok(JPN, &[])),
        case("utf16le_bom", utf16("Country,Year,Value\nJapan,2020,10.5\n", false, true), Ok(JPN, &[])),
        case("utf16be_bom", utf16("Country,Year,Value\nJapan,2020,10.5\n", true, true), Ok(JPN, &[])),
        case("utf16le_no_bom", utf16("Country,Year,Value\nJapan,2020,10.5\n", false, false), Ok(JPN, &[])),
        case("utf16be_no_bom", utf16("Country,Year,Value\nJapan,2020,10.5\n", true, false), Ok(JPN, &[])),
        case("latin1", b"Country,Year,Value\nT\xfcrkiye,2020,3\n".to_vec(), Ok(&["TUR,2020,3"], &[])),
        case("windows1252_quote_marks", [&b"Country,Year,Value,Note\nC\xf4te d'Ivoire,2020,2,\x93ok\x94\n"[..]].concat(), Ok(&["CIV,2020,2"], &[])),
        case("undefined_cp1252_byte", b"Country,Year,Value\nJapan,2020,1\nKo\x81rea,2020,2\n".to_vec(), Refused(":3:3:")),
        case("crlf", b"Country,Year,Value\r\nJapan,2020,10.5\r\n".to_vec(), Ok(JPN, &[])),
        case("lone_cr", b"Country,Year,Value\rJapan,2020,10.5\rKorea,2020,abc\r".to_vec(), Ok(JPN, &[3])),
        case("mixed_endings", b"Country,Year,Value\r\nJapan,2020,10.5\rAtlantis,2020,1\nKorea,2020,x\r\n".to_vec(), Ok(JPN, &[3, 4])),
        case("no_final_newline", b"Country,Year,Value\nJapan,2020,10.5".to_vec(), Ok(JPN, &[])),
        case("ragged_long", long("Japan,2020,10.5\nKorea,2020,1,extra\n"), Ok(JPN, &[3])),
        case("ragged_short", long("Japan,2020,10.5\nKorea,2020\n"), Ok(JPN, &[3])),
        case("ragged_after_blank_lines", long("Japan,2020,10.5\n\n\n\nKorea,2020,1,2\n"), Ok(JPN, &[6])),
        case("unterminated_quote", long("Japan,2020,10.5\nKorea,2020,\"12\nGermany,2020,7\nFrance,2020,4\n"), Refused(":3:12:")),
        case("unterminated_quote_in_header", b"Country,\"Year,Value\nJapan,2020,1\n".to_vec(), Refused(":1:9:")),
        case("embedded_newline_name", long("\"Ja\npan\",2020,1\nKorea,2020,x\nJapan,2020,10.5\n"), Ok(JPN, &[2, 4])),
        case("embedded_newline_then_bad_row", long("\"Korea,\nRep.\",2020,1\nJapan,2020,10.5\nAtlantis,2020,3\n"), Ok(&["JPN,2020,10.5", "KOR,2020,1"], &[5])),
        case("quoted_comma_name", long("\"Korea, Rep.\",2020,4\n"), Ok(&["KOR,2020,4"], &[])),
        case("escaped_quotes_in_field", long("Japan,2020,10.5\n\"Say \"\"hi\"\"\",2020,1\n"), Ok(JPN, &[3])),
        case("text_after_closing_quote", long("\"Japan\"x,2020,1\nJapan,2020,10.5\n"), Ok(JPN, &[2])),
        case("quote_inside_unquoted_field", long("Ja\"pan,2020,1\nJapan,2020,10.5\n"), Ok(JPN, &[2])),
        case("nul_byte", b"Country,Year,Value\nJapan,2020,1\0\n".to_vec(), Refused(":2:13:")),
        case("binary_junk", (0u8..=255).cycle().take(4096).collect(), Refused(":1:1:")),
        case("png_header", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(), Refused(":3:1:")),
        case("junk_without_nul", b"\xfe\xfd\x81,\x90\n".to_vec(), Refused(":1:3:")),
        case("all_empty_fields_rows", long(",,\n\"\",,\nJapan,2020,10.5\n"), Ok(JPN, &[])),
        case("whitespace_only_name", long("   ,2020,1\nJapan,2020,10.5\n"), Ok(JPN, &[2])),
        case("no_country_column", b"Place,Year,Value\nJapan,2020,1\n".to_vec(), Refused(":1:1:")),
        case("tab_separated", b"Country\tYear\tValue\nJapan\t2020\t1\n".to_vec(), Refused(":1:1:")),
        case("duplicate_row", long("Japan,2020,10.5\nJapan,2020,11\n"), Ok(JPN, &[3])),
        case("duplicate_by_alias", long("Japan,2020,10.5\nJPN,2020,11\n"), Ok(JPN, &[3])),
        case("unknown_name", long("Atlantis,2020,1\nJapan,2020,10.5\n"), Ok(JPN, &[2])),
        case("ambiguous_name", long("Congo,2020,1\nJapan,2020,10.5\n"), Ok(JPN, &[2])),
        case("aggregate_world", long("World,2020,3\nJapan,2020,10.5\n"), Ok(&["JPN,2020,10.5", "WLD,2020,3"], &[])),
        case("code_and_name_disagree", b"Country,Code,Year,Value\nNigeria,NER,2020,1\nJapan,JPN,2020,10.5\n".to_vec(), Ok(JPN, &[2])),
        case("formula_name", long("\"=cmd|' /C calc'!A0\",2020,1\nJapan,2020,10.5\n"), Ok(JPN, &[2])),
        case("formula_value", long("Japan,2020,=1+1\nJapan,2021,10.5\n"), Ok(&["JPN,2021,10.5"], &[2])),
        case("at_sign_name", long("@SUM(A1),2020,1\nJapan,2020,10.5\n"), Ok(JPN, &[2])),
        case("escape_in_name", long("Ja\x1b[31mpan,2020,1\nJapan,2020,10.5\n"), Ok(JPN, &[2])),
        case("bell_in_value", long("Japan,2020,1\x07\nJapan,2021,10.5\n"), Ok(&["JPN,2021,10.5"], &[2])),
        case("wide_databank", b"Country Name,Country Code,2019 [YR2019],2020 [YR2020]\nJapan,JPN,..,10.5\nKorea,KOR,1,..\n\nData from database: WDI\nLast Updated: 01/01/2025\n".to_vec(), Ok(&["JPN,2020,10.5", "KOR,2019,1"], &[])),
        case("wide_bad_cell", b"Country,2019,2020\nJapan,x,10.5\n".to_vec(), Ok(JPN, &[2])),
        case("wide_duplicate_year_headers", b"Country,2020,2020 [YR2020]\nJapan,10.5,11\n".to_vec(), Ok(JPN, &[2])),
        case("long_with_note_column", b"Entity,Code,Year,Value,Note\nJapan,JPN,2020,10.5,estimate\n".to_vec(), Ok(JPN, &[])),
        case("sdmx_minimal", b"REF_AREA,TIME_PERIOD,OBS_VALUE\nJPN,2020,10.5\n".to_vec(), Ok(JPN, &[])),
        case("long_year_dot_zero", long("Japan,2020.0,10.5\n"), Ok(JPN, &[])),
    ];
    c.extend([
        number("thousands_grouped", "\"1,234.5\"", Some("JPN,2020,1234.5")),
        number("decimal_comma", "\"1.234,5\"", None),
        number("unicode_minus", "\u{2212}3.2", Some("JPN,2020,-3.2")),
        number("overflow_1e400", "1e400", None),
        number("nan", "NaN", None),
        number("inf", "inf", None),
        number("minus_inf", "-inf", None),
        number("percent", "12%", None),
        number("minus_zero", "-0", Some("JPN,2020,0")),
        number("plus_sign", "+5", Some("JPN,2020,5")),
        number("leading_dot", ".5", Some("JPN,2020,0.5")),
        number("trailing_dot", "5.", Some("JPN,2020,5")),
        number("spaces_around", " 7 ", Some("JPN,2020,7")),
        number("missing_dots", "..", None),
        number("missing_na", "NA", None),
        number("missing_slash", "n/a", None),
        number("missing_dash", "-", None),
        number("space_grouped", "1 234", Some("JPN,2020,1234")),
        number("hex", "0x10", None),
        number("exponent", "1e5", Some("JPN,2020,100000")),
        number("underscore", "1_000", None),
        number(
            "near_max",
            "1e308",
            Some(Box::leak(
                format!("JPN,2020,1{}", "0".repeat(308)).into_boxed_str(),
            )),
        ),
        number("many_decimals", "3.14159", Some("JPN,2020,3.14159")),
        number("word", "abc", None),
        year("year_short", "19", false),
        year("year_quarter", "2019-Q1", false),
        year("year_too_early", "1799", false),
        year("year_too_late", "2201", false),
        year("year_empty", "", false),
        year("year_databank_header_style", "2019 [YR2019]", true),
        year("year_dot_zero", "2019.0", true),
    ]);
    c.extend([
        case(
            "ten_mb_name",
            long(&format!(
                "{},2020,1\nJapan,2020,10.5\n",
                "x".repeat(10 << 20)
            )),
            Expect::Ok(JPN, &[2]),
        ),
        case(
            "ten_mb_header",
            format!("{},Year,Value\nJapan,2020,1\n", "h".repeat(10 << 20)).into_bytes(),
            Expect::Refused(":1:1:"),
        ),
        case(
            "million_blank_lines",
            long(&format!(
                "Japan,2020,10.5\n{}Atlantis,2020,1\n",
                "\n".repeat(1_000_000)
            )),
            Expect::Ok(JPN, &[1_000_003]),
        ),
        case(
            "million_blank_lines_only",
            long(&"\n".repeat(1_000_000)),
            Expect::Refused(""),
        ),
        case(
            "owid_two_indicators_and_note",
            b"Entity,Code,Year,value,Note\nJapan,JPN,2020,10.5,est.\nKorea,KOR,2020,,\n".to_vec(),
            Expect::Ok(JPN, &[]),
        ),
    ]);
    // Missing markers are not rejected: they are simply not written.
    for m in [
        "missing_dots",
        "missing_na",
        "missing_slash",
        "missing_dash",
    ] {
        if let Some(x) = c.iter_mut().find(|x| x.name == m) {
            x.expect = Expect::Ok(&["KOR,2020,1"], &[]);
        }
    }
    c
}

fn listing(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|r| {
            r.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().to_string())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn check(c: &Case) -> Result<(), String> {
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let file = tmp.path().join("c.csv");
    std::fs::write(&file, &c.bytes).map_err(|e| e.to_string())?;
    let data = tmp.path().join("data");
    let (f, d) = (file.display().to_string(), data.display().to_string());
    let out = run(&[
        "import",
        &f,
        "--dataset",
        "c",
        "--data",
        &d,
        "--format",
        "csv",
    ]);
    if out.stderr.len() > 4000 {
        return Err(format!("stderr is {} bytes", out.stderr.len()));
    }
    if out.stderr.contains('\u{1b}') || out.stdout.contains('\u{1b}') {
        return Err("a raw ESC reached the terminal".into());
    }
    match &c.expect {
        Expect::Refused(place) => {
            if out.code != 1 {
                return Err(format!("exit {} (want 1): {}", out.code, out.stderr));
            }
            let want = format!("{f}{place}");
            if !out.stderr.contains(&want) {
                return Err(format!("stderr does not name {want}: {}", out.stderr));
            }
            if !listing(&data).is_empty() {
                return Err(format!("wrote {:?}", listing(&data)));
            }
        }
        Expect::Ok(values, lines) => {
            if out.code != 0 {
                return Err(format!("exit {}: {}", out.code, out.stderr));
            }
            let text = std::fs::read_to_string(data.join("c/value.csv")).unwrap_or_default();
            let got: Vec<&str> = text.lines().skip(1).collect();
            if got != *values {
                return Err(format!("values {got:?}, want {values:?}"));
            }
            let um = std::fs::read_to_string(data.join("c/unmatched.csv")).unwrap_or_default();
            let mut r = csv::Reader::from_reader(um.as_bytes());
            let got: Vec<u64> = r
                .records()
                .filter_map(|x| x.ok()?.get(0)?.parse().ok())
                .collect();
            if got != *lines {
                return Err(format!("unmatched lines {got:?}, want {lines:?}\n{um}"));
            }
            if um.lines().skip(1).any(|l| {
                l.split(',')
                    .any(|cell| cell.starts_with('=') || cell.starts_with('@'))
            }) {
                return Err(format!("formula-like cell written raw:\n{um}"));
            }
            let hidden = listing(&data)
                .into_iter()
                .filter(|n| n.starts_with('.'))
                .count();
            if hidden > 0 {
                return Err("a temporary folder was left behind".into());
            }
        }
    }
    Ok(())
}

#[test]
fn import_corpus_of_bad_and_odd_files() {
    let cases = cases();
    assert!(cases.len() >= 70, "{} cases", cases.len());
    // Two workers: the cases are independent processes.
    let (even, odd): (Vec<_>, Vec<_>) = cases.iter().enumerate().partition(|(i, _)| i % 2 == 0);
    let failures: Vec<String> = std::thread::scope(|s| {
        let work = |part: Vec<(usize, &Case)>| {
            part.into_iter()
                .filter_map(|(_, c)| check(c).err().map(|e| format!("{}: {e}", c.name)))
                .collect::<Vec<_>>()
        };
        let a = s.spawn(move || work(even));
        let b = work(odd);
        let mut all = a.join().expect("worker");
        all.extend(b);
        all
    });
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
