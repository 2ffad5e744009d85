//! Property tests of the import readers on stable Rust, with a seeded generator of our own (no
//! shrinking needed: a failure prints its seed and file). Generated files mix the four layouts,
//! every line ending, quotes (escaped, unclosed, mid-field, with line breaks), ragged rows,
//! blank lines, BOM, Latin-1 and UTF-16 bytes, odd numbers, years and names, and tiny read
//! blocks and chunks so every boundary is crossed. For each file:
//! - no panic, no hang (each read well under a few seconds);
//! - the Polars path and the `csv`-crate reference reader give identical outcomes (errors,
//!   observations with their lines, rejections with their lines and reasons, counts);
//! - every row is accounted for: value cells = written + missing + rejected cells, and rows read
//!   = the records the `csv` crate finds after the header;
//! - every line named is a line of the file.
//!
//! Short run in `cargo test`. Long run (the executions and time are printed):
//! `IMPORT_FUZZ_CASES=250000 cargo test --release --test cli import_props -- --nocapture`
//! (`IMPORT_FUZZ_SEED` picks another start).

use innodex::catalog::{Countries, DataSource};
use innodex::import::number::{parse_value, Cell};
use innodex::import::{read_file, ImportOptions, ReadOutcome};
use std::time::{Duration, Instant};

/// splitmix64.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const HEADERS: &[&str] = &[
    "Country,Year,Value",
    "Country,Code,Year,Value",
    "Country Name,Country Code,Series Name,Series Code,2019 [YR2019],2020 [YR2020],2021",
    "Entity,Code,Year,gdp,Note",
    "REF_AREA,MEASURE,UNIT_MULT,TIME_PERIOD,OBS_VALUE",
    "Place,When,What",
    "Country,2019,2019,2020",
];
const NAMES: &[&str] = &[
    "Japan",
    "Korea, Rep.",
    "Germany",
    "JPN",
    "KOR",
    "DEU",
    "Atlantis",
    "Congo",
    "World",
    "",
    " ",
    "=cmd|' /C calc'!A0",
    "T\u{fc}rkiye",
    "T\u{c3}\u{bc}rkiye",
    "OECD",
    "XXX",
    "Niger",
    "NER",
    "Nigeria",
    "\u{1b}[31mRed",
    "Korea",
    "Euro area",
    "Ja\"pan",
];
const YEARS: &[&str] = &[
    "2019",
    "2020",
    "2021",
    "2019.0",
    "2019 [YR2019]",
    "19",
    "2019-Q1",
    "1799",
    "2201",
    "",
    "x",
];
const VALUES: &[&str] = &[
    "1",
    "10.5",
    "-0",
    "0",
    "1,234.5",
    "1.234,5",
    "\u{2212}3.2",
    "1e400",
    "NaN",
    "inf",
    "-inf",
    "12%",
    "+5",
    ".5",
    "5.",
    " 7 ",
    "..",
    "NA",
    "n/a",
    "-",
    "",
    "1 234",
    "0x10",
    "1e5",
    "1_000",
    "1e308",
    "3.14159",
    "abc",
    "=1+1",
    "2.50",
    ".",
    "e5",
    "1e",
    "--1",
    "0.1",
    "123456789012",
];
const EOLS: &[&str] = &["\n", "\r\n", "\r"];

fn field(rng: &mut Rng, header: &str, col: usize) -> String {
    let name = header.split(',').nth(col).unwrap_or("").to_lowercase();
    let base = if name.contains("country") && !name.contains("code") || name == "entity" {
        rng.pick(NAMES).to_string()
    } else if name.contains("code") || name == "ref_area" {
        rng.pick(&["JPN", "KOR", "DEU", "XXX", "", "WLD", "ja"])
            .to_string()
    } else if name.contains("year") || name == "time_period" || name == "when" {
        rng.pick(YEARS).to_string()
    } else if name.contains("series") || name == "measure" {
        rng.pick(&["A", "B", "GB.XPD", ""]).to_string()
    } else if name == "unit_mult" {
        rng.pick(&["0", "3", ""]).to_string()
    } else {
        rng.pick(VALUES).to_string()
    };
    let mut f = base;
    if rng.chance(3) {
        let at: Vec<usize> = (0..=f.len()).filter(|&i| f.is_char_boundary(i)).collect();
        let c = ['"', '\n', '\r', ',', '\u{7}'][rng.below(5)];
        f.insert(at[rng.below(at.len())], c);
    }
    if f.contains([',', '"', '\n', '\r']) || rng.chance(10) {
        let inner = f.replace('"', "\"\"");
        if rng.chance(2) {
            format!("\"{inner}")
        } else {
            format!("\"{inner}\"")
        }
    } else {
        f
    }
}

/// A generated file: bytes, and whether it is UTF-8 text as written (no re-encoding).
fn file(rng: &mut Rng) -> (Vec<u8>, bool) {
    let header = rng.pick(HEADERS);
    let width = header.split(',').count();
    let eol = rng.pick(EOLS);
    let mut text = String::new();
    if rng.chance(5) {
        text.push('\u{feff}');
    }
    text.push_str(header);
    for _ in 0..rng.below(25) {
        text.push_str(if rng.chance(10) { rng.pick(EOLS) } else { eol });
        if rng.chance(5) {
            continue; // a blank line
        }
        let n = if rng.chance(5) {
            rng.below(width + 3)
        } else {
            width
        };
        let fields: Vec<String> = (0..n.max(1)).map(|c| field(rng, header, c)).collect();
        text.push_str(&fields.join(","));
    }
    if rng.chance(80) {
        text.push_str(eol);
    }
    match rng.below(40) {
        0 => (
            text.chars()
                .map(|c| if (c as u32) < 256 { c as u8 } else { b'?' })
                .collect(),
            false,
        ),
        1 => (
            text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
            false,
        ),
        2 => {
            let mut b = text.into_bytes();
            if !b.is_empty() {
                let at = rng.below(b.len());
                b[at] = (rng.next() & 0xff) as u8;
            }
            (b, false)
        }
        _ => (text.into_bytes(), true),
    }
}

/// What must agree between the two readers.
fn summary(r: &ReadOutcome) -> String {
    let mut s = format!(
        "rows {} missing {} unmatched {} aggregates {} duplicates {} cells {}\n",
        r.rows_read, r.missing, r.unmatched, r.aggregates, r.duplicates, r.cells
    );
    for x in &r.series {
        s.push_str(&format!("series {:?} dec {}:", x.key, x.max_decimals));
        for o in &x.obs {
            s.push_str(&format!(" {}/{}/{}", o.key, o.line, o.value.to_bits()));
        }
        s.push('\n');
    }
    for x in &r.rejected {
        s.push_str(&format!("rejected {} {} {}\n", x.line, x.column, x.reason));
    }
    for f in &r.findings {
        s.push_str(&format!(
            "finding {:?} {:?} {}\n",
            f.kind, f.lines, f.message
        ));
    }
    s
}

fn check(
    bytes: &[u8],
    utf8: bool,
    opts: &ImportOptions,
    countries: &Countries,
) -> Result<(), String> {
    let timed = |o: &ImportOptions| {
        let t = Instant::now();
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            read_file(o, countries, None)
        }))
        .map_err(|_| "panicked".to_string())?;
        if t.elapsed() > Duration::from_secs(5) {
            return Err(format!("took {:?}", t.elapsed()));
        }
        Ok(r)
    };
    let fast = timed(opts)?;
    let mut slow_opts = opts.clone();
    slow_opts.record_reader_only = true;
    let slow = timed(&slow_opts)?;
    let (fast, slow) = match (fast, slow) {
        (Err(a), Err(b)) if a.to_string() == b.to_string() => return Ok(()),
        (Ok(a), Ok(b)) => (a, b),
        (a, b) => {
            return Err(format!(
                "readers disagree: {:?} vs {:?}",
                a.err().map(|e| e.to_string()),
                b.err().map(|e| e.to_string())
            ))
        }
    };
    let (sf, ss) = (summary(&fast), summary(&slow));
    if sf != ss {
        return Err(format!("readers disagree:\nPolars:\n{sf}\ncsv:\n{ss}"));
    }
    let written: u64 = fast.series.iter().map(|s| s.obs.len() as u64).sum();
    let ragged = fast
        .rejected
        .iter()
        .filter(|r| r.reason.starts_with("row has"))
        .count() as u64;
    if fast.cells != written + fast.missing + fast.rejected.len() as u64 - ragged {
        return Err(format!("cells not accounted for: {sf}"));
    }
    let lines = bytes.iter().filter(|&&b| b == b'\n').count()
        + bytes.iter().filter(|&&b| b == b'\r').count()
        + 1;
    let max_line = fast
        .rejected
        .iter()
        .map(|r| r.line)
        .chain(
            fast.series
                .iter()
                .flat_map(|s| s.obs.iter().map(|o| u64::from(o.line))),
        )
        .max()
        .unwrap_or(0);
    if max_line as usize > lines {
        return Err(format!("line {max_line} named in a file of {lines} lines"));
    }
    if utf8 {
        let text = String::from_utf8_lossy(bytes);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let n = r.records().filter(|x| x.is_ok()).count() as u64;
        if fast.rows_read + 1 != n {
            return Err(format!(
                "rows read {} but the csv crate finds {} records after the header",
                fast.rows_read,
                n.saturating_sub(1)
            ));
        }
    }
    Ok(())
}

fn number_properties(rng: &mut Rng) -> Result<(), String> {
    let x = f64::from_bits(rng.next());
    if x.is_finite() {
        let t = x.to_string();
        match parse_value(&t) {
            Cell::Number(v, _) if v == x => {}
            other => return Err(format!("{t} read as {other:?}")),
        }
    }
    let alphabet: Vec<char> = "0123456789.,eE+-\u{2212} %naifNA\u{a0}x".chars().collect();
    let s: String = (0..rng.below(12))
        .map(|_| alphabet[rng.below(alphabet.len())])
        .collect();
    match std::panic::catch_unwind(|| parse_value(&s)) {
        Ok(Cell::Number(v, _)) if !v.is_finite() => Err(format!("'{s}' gave {v}")),
        Ok(_) => Ok(()),
        Err(_) => Err(format!("'{s}' panicked")),
    }
}

#[test]
#[allow(clippy::print_stdout)] // the long run reports its executions
fn import_readers_agree_account_for_every_row_and_never_panic() {
    let cases: usize = std::env::var("IMPORT_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(120);
    let seed: u64 = std::env::var("IMPORT_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_261_201);
    let countries = Countries::load(&DataSource::Embedded).expect("countries");
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("f.csv");
    let start = Instant::now();
    let mut executions = 0u64;
    for i in 0..cases {
        let case_seed = seed.wrapping_add(i as u64);
        let mut rng = Rng(case_seed);
        let (bytes, utf8) = file(&mut rng);
        std::fs::write(&path, &bytes).expect("write");
        let mut opts = ImportOptions::new(&path, "f", dir.path().join("out"));
        if rng.chance(70) {
            let most = if rng.chance(50) { 200 } else { 4000 };
            opts.tuning = Some((1 + rng.below(64), 1 + rng.below(most)));
        }
        if let Err(e) = check(&bytes, utf8, &opts, &countries) {
            panic!(
                "case seed {case_seed}: {e}\nfile bytes: {:?}",
                String::from_utf8_lossy(&bytes)
            );
        }
        for _ in 0..20 {
            if let Err(e) = number_properties(&mut rng) {
                panic!("case seed {case_seed}: {e}");
            }
        }
        executions += 2;
    }
    println!(
        "import fuzz: {cases} files, {executions} reader executions, {} number parses, {:?}, 0 failures",
        cases * 40,
        start.elapsed()
    );
}

/// Polars reads each chunk one ahead of the rows being taken from it, with the text modes of
/// that moment; here the 2001 column turns to text in the second chunk, so the chunks read
/// ahead with it typed are read again. Every value still lands as the `csv` reader puts it.
#[test]
fn a_column_that_turns_to_text_mid_file_is_read_as_the_record_reader_reads_it() {
    let countries = Countries::load(&DataSource::Embedded).expect("countries");
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("wide.csv");
    let mut text = String::from("Country Name,Country Code,Series Name,Series Code,2000,2001\n");
    for i in 0..400 {
        let code = ["JPN", "KOR", "SGP", "USA"][i % 4];
        let cell = if (120..130).contains(&i) {
            "x12".to_string()
        } else {
            format!("{i}.5")
        };
        text.push_str(&format!("{code},{code},S{i},S.{i},{i},{cell}\n"));
    }
    std::fs::write(&path, &text).expect("write");
    let mut opts = ImportOptions::new(&path, "w", dir.path().join("out"));
    opts.tuning = Some((64, 600));
    check(text.as_bytes(), true, &opts, &countries).expect("readers agree");
    let read = read_file(&opts, &countries, None).expect("read");
    let written: usize = read.series.iter().map(|s| s.obs.len()).sum();
    assert_eq!(
        written,
        800 - 10,
        "every number written, the ten x12 cells not"
    );
    assert_eq!(read.rejected.len(), 10);
}
