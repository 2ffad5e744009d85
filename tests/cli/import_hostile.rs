//! Regression tests for the import-file defects of issue 12, one per class, each named after
//! it, run against the real binary; plus `import --replace` killed with SIGKILL mid-write.

use super::{run, Out};
use std::path::{Path, PathBuf};

struct Tmp {
    _dir: tempfile::TempDir,
    file: PathBuf,
    data: PathBuf,
}

fn with_file(bytes: &[u8]) -> Tmp {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("in.csv");
    std::fs::write(&file, bytes).expect("write");
    let data = dir.path().join("data");
    Tmp {
        _dir: dir,
        file,
        data,
    }
}

fn import(t: &Tmp, extra: &[&str]) -> Out {
    let (f, d) = (t.file.display().to_string(), t.data.display().to_string());
    let mut args = vec![
        "import",
        &f,
        "--dataset",
        "d",
        "--data",
        &d,
        "--format",
        "csv",
    ];
    args.extend_from_slice(extra);
    run(&args)
}

fn unmatched_lines(t: &Tmp) -> Vec<u64> {
    let text = std::fs::read_to_string(t.data.join("d/unmatched.csv")).unwrap_or_default();
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .filter_map(|r| r.ok()?.get(0)?.parse().ok())
        .collect()
}

/// Every file below `dir` with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = vec![];
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read_dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).expect("prefix").to_path_buf();
                out.push((rel, std::fs::read(&p).expect("read")));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn unterminated_quote_swallowing_the_rest_of_the_file() {
    let t = with_file(
        b"Country,Year,Value,Note\nJapan,2020,10.5,ok\nKorea,2020,12,\"oops\nGermany,2020,7,ok\nFrance,2020,4,ok\n",
    );
    let out = import(&t, &[]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let place = format!("{}:3:15:", t.file.display());
    assert!(out.stderr.contains(&place), "{}", out.stderr);
    assert!(out.stderr.contains("never closed"), "{}", out.stderr);
    assert!(!t.data.join("d").exists());
}

#[test]
fn lone_cr_files_report_each_problem_at_its_own_line() {
    let t = with_file(
        b"Country,Year,Value\rJapan,2020,1\rAtlantis,2020,2\rKorea,2020,x\rGermany,2020,3,4\r",
    );
    let out = import(&t, &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(unmatched_lines(&t), vec![3, 4, 5]);
}

#[test]
fn ragged_row_after_blank_lines_is_reported_at_its_own_line() {
    let t = with_file(b"Country,Year,Value\nJapan,2020,1\n\n\nKorea,2020,2,3\n\nGermany,2020\n");
    let out = import(&t, &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(unmatched_lines(&t), vec![5, 7]);
    assert!(out.stdout.contains("line 5"), "{}", out.stdout);
}

#[test]
fn failed_import_prints_the_findings_it_refers_to() {
    let t = with_file(b"Country,Year,Value\nAtlantis,2020,1\nNarnia,2020,abc\n");
    let out = import(&t, &[]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("line 2") && out.stderr.contains("unknown country 'Atlantis'"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("line 3") && out.stderr.contains("'abc' is not a number"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("see the findings"), "{}", out.stderr);
}

#[test]
fn no_country_column_names_the_file_and_shortens_the_header() {
    let mut header = "H".repeat(10 << 20);
    header.push_str(",Year,Value\nJapan,2020,1\n");
    let t = with_file(header.as_bytes());
    let out = import(&t, &[]);
    assert_eq!(out.code, 1, "{}", &out.stderr[..out.stderr.len().min(300)]);
    assert!(
        out.stderr.len() < 2000,
        "{} bytes of stderr",
        out.stderr.len()
    );
    assert!(
        out.stderr
            .contains(&format!("{}:1:1: no country column", t.file.display())),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("…"), "{}", out.stderr);
}

#[test]
fn messages_never_echo_megabytes_of_input() {
    let big = "9".repeat(3 << 20);
    let text = format!(
        "Country,Year,Value\n{big}x,2020,1\nJapan,2020,{big}x\nJapan,{big},1\nKorea,2020,1\n"
    );
    let t = with_file(text.as_bytes());
    let out = import(&t, &[]);
    assert_eq!(out.code, 0, "{}", &out.stderr[..out.stderr.len().min(300)]);
    assert!(
        out.stdout.len() + out.stderr.len() < 20_000,
        "{} bytes printed",
        out.stdout.len() + out.stderr.len()
    );
    assert_eq!(unmatched_lines(&t), vec![2, 3, 4]);
}

#[test]
fn invalid_utf8_is_located_by_line_and_column_not_byte_offset() {
    let t = with_file(b"Country,Year,Value\nJapan,2020,1\nKorea,2020,2\x81\n");
    let out = import(&t, &[]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!("{}:3:13:", t.file.display())),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("offset"), "{}", out.stderr);
    let t = with_file(b"Country,Year,Value\nJapan,2020,1\nT\xfcrkiye,2020,2\n");
    let out = import(&t, &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("line 3, column 2"), "{}", out.stdout);
}

#[test]
fn unmatched_csv_neutralises_formula_like_cells() {
    let t = with_file(
        b"Country,Year,Value\n\"=cmd|' /C calc'!A0\",2020,1\n@SUM(A1),2020,2\nJapan,2020,+1+1\nJapan,2021,-2-2\nJapan,2019,3\n",
    );
    let out = import(&t, &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(t.data.join("d/unmatched.csv")).expect("unmatched.csv");
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("row"))
        .collect();
    assert_eq!(rows.len(), 4, "{text}");
    for r in &rows {
        for cell in r.iter().skip(1) {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "raw formula cell {cell:?} in {text}"
            );
        }
    }
    assert_eq!(&rows[0][2], "'=cmd|' /C calc'!A0");
    assert_eq!(&rows[2][5], "'+1+1");
}

#[test]
fn failed_import_leaves_the_existing_dataset_byte_identical_and_no_temporary_folders() {
    let t = with_file(b"Country,Year,Value\nJapan,2020,1\n");
    assert_eq!(import(&t, &[]).code, 0);
    let before = snapshot(&t.data);
    for bad in [
        &b"Country,Year,Value\nAtlantis,2020,1\n"[..],
        b"Country,Year,Value\nJapan,2020,\"1\n",
        b"",
        b"Place,Year\nx,1\n",
    ] {
        std::fs::write(&t.file, bad).expect("write");
        let out = import(&t, &["--replace"]);
        assert_eq!(out.code, 1, "{}", out.stderr);
        assert_eq!(snapshot(&t.data), before);
        let names: Vec<String> = std::fs::read_dir(&t.data)
            .expect("read_dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .collect();
        assert_eq!(names, vec!["d"]);
    }
}

/// A WDI-shaped wide file of about `rows` rows × 65 years.
fn big_wide_file(rows: usize) -> String {
    let names = [
        ("Japan", "JPN"),
        ("Korea, Rep.", "KOR"),
        ("Germany", "DEU"),
        ("France", "FRA"),
        ("United States", "USA"),
        ("Brazil", "BRA"),
        ("India", "IND"),
        ("China", "CHN"),
        ("World", "WLD"),
        ("Canada", "CAN"),
    ];
    let mut s = String::from("Country Name,Country Code,Indicator Name,Indicator Code");
    for y in 1960..=2024 {
        s.push_str(&format!(",{y}"));
    }
    s.push('\n');
    for r in 0..rows {
        let (n, c) = names[r % names.len()];
        let ind = r / names.len();
        s.push_str(&format!("\"{n}\",{c},Indicator {ind},IND.{ind}"));
        for y in 0..65 {
            let v = (r * 65 + y) % 1000;
            if v % 5 == 0 {
                s.push(',');
            } else {
                s.push_str(&format!(",{}.{}", v, y));
            }
        }
        s.push('\n');
    }
    s
}

#[test]
fn import_replace_killed_with_sigkill_mid_write_leaves_the_old_dataset_intact() {
    let t = with_file(b"Country,Year,Value\nJapan,2020,1\n");
    assert_eq!(import(&t, &[]).code, 0);
    let old = snapshot(&t.data.join("d"));
    let big = t.file.with_file_name("big.csv");
    std::fs::write(&big, big_wide_file(6_000)).expect("write big");
    // The complete new dataset, for comparison, and how long a whole import takes.
    let reference = t.data.with_file_name("reference");
    let (b, r) = (big.display().to_string(), reference.display().to_string());
    let started = std::time::Instant::now();
    let out = run(&[
        "import",
        &b,
        "--dataset",
        "d",
        "--data",
        &r,
        "--format",
        "csv",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let whole = started.elapsed();
    let new = snapshot(&reference.join("d"));
    let d = t.data.display().to_string();
    let mut killed_mid_run = 0;
    for step in 0..12 {
        let delay = whole.mul_f64(0.05 + 0.085 * f64::from(step));
        let mut child = crate::command()
            .args([
                "import",
                &b,
                "--dataset",
                "d",
                "--data",
                &d,
                "--replace",
                "--format",
                "csv",
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(delay);
        if child.try_wait().expect("try_wait").is_none() {
            killed_mid_run += 1;
        }
        child.kill().ok(); // SIGKILL
        child.wait().expect("wait");
        let now = snapshot(&t.data.join("d"));
        assert!(
            now == old || now == new,
            "after a kill at {delay:?} the dataset is neither the old nor the new one"
        );
        let listed = run(&["datasets", "--data", &d, "--format", "csv"]);
        assert_eq!(listed.code, 0, "{}", listed.stderr);
        if now == new {
            // Put the old dataset back for the next kill.
            std::fs::remove_dir_all(t.data.join("d")).expect("rm");
            for (rel, bytes) in &old {
                let p = t.data.join("d").join(rel);
                std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
                std::fs::write(p, bytes).expect("restore");
            }
        }
    }
    assert!(
        killed_mid_run >= 6,
        "only {killed_mid_run} kills landed while the import ran"
    );
}
