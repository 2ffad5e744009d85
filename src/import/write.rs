//! Writes the dataset folder whole or not at all: every file is written into a hidden staging
//! folder inside the datasets folder (removed if anything fails), then the folder is put in
//! place with one rename — with `--replace`, one atomic exchange with the old folder (Linux
//! `renameat2`), so a process killed at any point leaves the old dataset or the new one.

use super::extract::{Obs, Rejected, Series, YEAR_BASE};
use super::number::push_value;
use super::{exists_error, ImportOptions};
use crate::catalog::coverage::{write_coverage, CoverageRow, WHOLE_DATASET};
use crate::catalog::metadata::DatasetMeta;
use crate::error::{Error, Result};
use crate::output::neutralise_formula;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The file listing every cell that was not written.
pub const REJECTED_FILE: &str = "unmatched.csv";

/// One indicator file's observations, sorted by (country, year), duplicates removed.
pub struct IndicatorFile<'a> {
    pub id: &'a str,
    pub file: &'a str,
    pub series: &'a Series,
}

/// What one indicator file holds: aggregates are not counted as countries, nor in the years.
struct Counted {
    bytes: u64,
    /// The country indices with a value, in order.
    seen: Vec<u32>,
    first: Option<i32>,
    last: Option<i32>,
}

/// Lines are put together in blocks of about this many bytes.
const BLOCK: usize = 1 << 20;

/// The `iso3,year,value` text of sorted observations, handed to `emit` a block at a time (at
/// least one block: the header); stops early if `emit` returns false.
fn format_observations(
    obs: &[Obs],
    codes: &[String],
    aggregate: &[bool],
    emit: &mut dyn FnMut(Vec<u8>) -> bool,
) -> Counted {
    let capacity = BLOCK.min(16 + 32 * obs.len()) + 64;
    let mut out: Vec<u8> = Vec::with_capacity(capacity);
    out.extend_from_slice(b"iso3,year,value\n");
    let mut counted = Counted {
        bytes: 0,
        seen: Vec::new(),
        first: None,
        last: None,
    };
    let mut last_country = u32::MAX;
    for o in obs {
        let country = o.key >> 16;
        let year = (o.key & 0xffff) as i32 + YEAR_BASE;
        let is_aggregate = aggregate.get(country as usize).copied().unwrap_or(false);
        if country != last_country && !is_aggregate {
            counted.seen.push(country);
        }
        last_country = country;
        if !is_aggregate {
            counted.first = Some(counted.first.map_or(year, |f| f.min(year)));
            counted.last = Some(counted.last.map_or(year, |l| l.max(year)));
        }
        let code = codes.get(country as usize).map_or("", String::as_str);
        out.extend_from_slice(code.as_bytes());
        out.push(b',');
        out.extend_from_slice(itoa::Buffer::new().format(year).as_bytes());
        out.push(b',');
        push_value(&mut out, o.value);
        out.push(b'\n');
        if out.len() >= BLOCK {
            counted.bytes += out.len() as u64;
            let full = std::mem::replace(&mut out, Vec::with_capacity(capacity));
            if !emit(full) {
                return counted;
            }
        }
    }
    counted.bytes += out.len() as u64;
    emit(out);
    counted
}

fn write_rejected(path: &Path, rejected: &[Rejected]) -> Result<()> {
    let err = |e: csv::Error| Error::io(path, std::io::Error::other(e.to_string()));
    let mut w = csv::Writer::from_path(path).map_err(err)?;
    w.write_record([
        "line",
        "series",
        "name",
        "code",
        "year",
        "value",
        "reason",
        "suggestions",
    ])
    .map_err(err)?;
    for r in rejected {
        let line = r.line.to_string();
        let cells = [
            &r.series,
            &r.country,
            &r.code,
            &r.year,
            &r.value,
            &r.reason,
            &r.suggestions,
        ];
        let mut rec = vec![line];
        rec.extend(cells.iter().map(|c| neutralise_formula(c).into_owned()));
        w.write_record(&rec).map_err(err)?;
    }
    w.flush().map_err(|e| Error::io(path, e))
}

/// A block of an indicator file's text, or the file's end with what it holds.
enum Piece {
    Block(usize, Vec<u8>),
    Done(usize, Counted),
}

/// An indicator (by its place in the files) and its coverage row and countries.
type Written = (usize, (CoverageRow, Vec<u32>));

/// Creates and writes the indicator files as their blocks arrive; at most one file is open per
/// formatting thread.
fn write_pieces(
    rx: std::sync::mpsc::Receiver<Piece>,
    stage: &Path,
    files: &[IndicatorFile],
    coverage: &mut Vec<Written>,
) -> Result<()> {
    let mut open: Vec<(usize, std::fs::File)> = Vec::with_capacity(2);
    for piece in rx {
        match piece {
            Piece::Block(i, bytes) => {
                let path = stage.join(files[i].file);
                let at = match open.iter().position(|(k, _)| *k == i) {
                    Some(at) => at,
                    None => {
                        let f = std::fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
                        open.push((i, f));
                        open.len() - 1
                    }
                };
                let f = &mut open[at].1;
                f.write_all(&bytes).map_err(|e| Error::io(&path, e))?;
            }
            Piece::Done(i, counted) => {
                open.retain(|(k, _)| *k != i);
                let f = &files[i];
                let row = CoverageRow {
                    indicator: f.id.to_string(),
                    file: Path::new(f.file)
                        .file_name()
                        .map(|n| n.to_string_lossy().to_string())
                        .unwrap_or_default(),
                    bytes: counted.bytes,
                    observations: f.series.obs.len() as u64,
                    countries: counted.seen.len() as u64,
                    first_year: counted.first,
                    last_year: counted.last,
                };
                coverage.push((i, (row, counted.seen)));
            }
        }
    }
    Ok(())
}

/// Writes `dataset.toml`, the indicator files, `coverage.csv` and `unmatched.csv` (if any);
/// returns the final paths.
pub fn write_dataset(
    opts: &ImportOptions,
    meta: &DatasetMeta,
    files: &[IndicatorFile],
    codes: &[String],
    aggregate: &[bool],
    rejected: &[Rejected],
) -> Result<Vec<PathBuf>> {
    let dir = &opts.data_dir;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let staging = tempfile::Builder::new()
        .prefix(&format!(".import-{}-", meta.id))
        .tempdir_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    let stage = staging.path();
    // Two threads put the indicator files' text together (split by observation count); this
    // one creates and writes the files, so that they do not contend for the folder's lock.
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(files[i].series.obs.len()));
    let mut halves: [Vec<usize>; 2] = [vec![], vec![]];
    let mut load = [0usize; 2];
    for i in order {
        let h = usize::from(load[1] < load[0]);
        load[h] += files[i].series.obs.len();
        halves[h].push(i);
    }
    let mut coverage: Vec<Written> = Vec::with_capacity(files.len());
    std::thread::scope(|s| -> Result<()> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Piece>(8);
        let handles: Vec<_> = halves
            .iter()
            .map(|part| {
                let tx = tx.clone();
                s.spawn(move || {
                    for &i in part {
                        let obs = &files[i].series.obs;
                        let mut emit = |b: Vec<u8>| tx.send(Piece::Block(i, b)).is_ok();
                        let counted = format_observations(obs, codes, aggregate, &mut emit);
                        if tx.send(Piece::Done(i, counted)).is_err() {
                            return;
                        }
                    }
                })
            })
            .collect();
        drop(tx);
        let written = write_pieces(rx, stage, files, &mut coverage);
        let stopped = handles.into_iter().filter_map(|h| h.join().err()).count();
        written?;
        if stopped > 0 || coverage.len() != files.len() {
            return Err(Error::Compute(
                "a thread putting the indicator files together stopped; nothing was written".into(),
            ));
        }
        Ok(())
    })?;
    coverage.sort_by_key(|(i, _)| *i);
    let mut names: Vec<String> = vec!["dataset.toml".into()];
    names.extend(files.iter().map(|f| f.file.to_string()));
    if !rejected.is_empty() {
        write_rejected(&stage.join(REJECTED_FILE), rejected)?;
        names.push(REJECTED_FILE.into());
    }
    // One row per indicator, then the whole dataset (the union of countries).
    let mut all: std::collections::BTreeSet<u32> = Default::default();
    let mut rows: Vec<CoverageRow> = Vec::new();
    for (_, (row, seen)) in coverage {
        all.extend(seen);
        rows.push(row);
    }
    let whole = CoverageRow {
        indicator: WHOLE_DATASET.into(),
        file: WHOLE_DATASET.into(),
        bytes: rows.iter().map(|r| r.bytes).sum(),
        observations: rows.iter().map(|r| r.observations).sum(),
        countries: all.len() as u64,
        first_year: rows.iter().filter_map(|r| r.first_year).min(),
        last_year: rows.iter().filter_map(|r| r.last_year).max(),
    };
    rows.push(whole);
    write_coverage(stage, &rows)?;
    names.push(crate::catalog::coverage::COVERAGE_FILE.into());
    let toml_text = toml::to_string(meta).map_err(|e| Error::DataFile {
        file: "dataset.toml".into(),
        message: e.to_string(),
    })?;
    let toml_path = stage.join("dataset.toml");
    std::fs::write(&toml_path, toml_text).map_err(|e| Error::io(&toml_path, e))?;

    let target = dir.join(&meta.id);
    if target.exists() {
        if !opts.replace {
            return Err(exists_error(&target));
        }
        exchange(stage, &target)?;
        // `staging` now holds the old dataset and is removed when dropped.
        staging.close().map_err(|e| Error::io(dir, e))?;
    } else {
        std::fs::rename(stage, &target).map_err(|e| Error::io(&target, e))?;
        let _ = staging.keep();
    }
    Ok(names.iter().map(|n| target.join(n)).collect())
}

/// Swaps two folders in one step (also `fetch`'s last step).
#[cfg(target_os = "linux")]
pub(crate) fn exchange(a: &Path, b: &Path) -> Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        std::ffi::CString::new(p.as_os_str().as_bytes())
            .map_err(|e| Error::io(p, std::io::Error::other(e)))
    };
    let (ca, cb) = (c(a)?, c(b)?);
    // SAFETY: both are valid NUL-terminated paths that live across the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(Error::io(b, std::io::Error::last_os_error()))
    }
}

/// Without an atomic exchange: the old folder is moved aside, then the new one in.
#[cfg(not(target_os = "linux"))]
pub(crate) fn exchange(a: &Path, b: &Path) -> Result<()> {
    let aside = a.with_extension("old");
    std::fs::rename(b, &aside).map_err(|e| Error::io(b, e))?;
    if let Err(e) = std::fs::rename(a, b) {
        let _ = std::fs::rename(&aside, b);
        return Err(Error::io(b, e));
    }
    std::fs::rename(&aside, a).map_err(|e| Error::io(a, e))
}

/// The file's modification date as YYYY-MM-DD (UTC).
pub fn modified_date(path: &Path) -> Result<String> {
    let modified = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .map_err(|e| Error::io(path, e))?;
    let days = modified
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0);
    let date = chrono::NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|d| d.checked_add_days(chrono::Days::new(days)))
        .ok_or_else(|| Error::DataFile {
            file: path.display().to_string(),
            message: "modification date out of range; pass the retrieved date".into(),
        })?;
    Ok(date.format("%Y-%m-%d").to_string())
}
