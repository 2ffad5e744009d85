//! Observation files as curation writes them: one row per (iso3, year, published, vintage)
//! with the values as printed, sorted, keys unique, optional columns chosen per dataset.

use super::CsvOut;
use crate::error::{Error, Result};

/// One observation row before writing; `value` and `published_rank` are strings as printed.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Obs {
    pub iso3: String,
    pub year: i32,
    pub value: String,
    pub published_rank: String,
    pub published: String,
    pub source_name: String,
    pub note: String,
    /// `;`-separated tokens of `OBS_FLAGS`.
    pub flag: String,
    /// A declared vintage id of the dataset.
    pub vintage: String,
}

/// Optional observation columns to write.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Col {
    Rank,
    Published,
    Vintage,
    SourceName,
    Flag,
    Note,
}

/// The optional columns of an index's observation file: its published rank when the series has
/// one, then the name as printed and the row note.
pub(crate) fn index_cols(rank_col: &str) -> Vec<Col> {
    if rank_col.is_empty() {
        vec![Col::SourceName, Col::Note]
    } else {
        vec![Col::Rank, Col::SourceName, Col::Note]
    }
}

/// Sorts rows by iso3, year, published, vintage and makes the observation file; a repeated
/// (iso3, year, published, vintage) is an error (callers merge legitimate repeats first).
pub(crate) fn obs_file(name: &str, mut rows: Vec<Obs>, cols: &[Col]) -> Result<CsvOut> {
    let key = |o: &Obs| {
        (
            o.iso3.clone(),
            o.year,
            o.published.clone(),
            o.vintage.clone(),
        )
    };
    rows.sort_by_key(key);
    for pair in rows.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if key(a) == key(b) {
            return Err(Error::DataFile {
                file: name.into(),
                message: format!(
                    "two rows for {} {} (published '{}', vintage '{}'): '{}' ({}) and '{}' ({}); a key may appear once",
                    a.iso3, a.year, a.published, a.vintage, a.value, a.source_name, b.value, b.source_name
                ),
            });
        }
    }
    if let Some(o) = rows
        .iter()
        .find(|o| o.value.is_empty() && o.published_rank.is_empty())
    {
        return Err(Error::DataFile {
            file: name.into(),
            message: format!("row {} {} has neither value nor rank", o.iso3, o.year),
        });
    }
    let mut header: Vec<String> = vec!["iso3".into(), "year".into(), "value".into()];
    for c in cols {
        header.push(
            match c {
                Col::Rank => "published_rank",
                Col::Published => "published",
                Col::Vintage => "vintage",
                Col::SourceName => "source_name",
                Col::Flag => "flag",
                Col::Note => "note",
            }
            .into(),
        );
    }
    let rows = rows
        .into_iter()
        .map(|o| {
            let mut r = vec![o.iso3, o.year.to_string(), o.value];
            for c in cols {
                r.push(match c {
                    Col::Rank => o.published_rank.clone(),
                    Col::Published => o.published.clone(),
                    Col::Vintage => o.vintage.clone(),
                    Col::SourceName => o.source_name.clone(),
                    Col::Flag => o.flag.clone(),
                    Col::Note => o.note.clone(),
                });
            }
            r
        })
        .collect();
    Ok(CsvOut {
        name: name.into(),
        header,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::curate::csv_bytes;
    use std::path::Path;

    #[test]
    fn observation_files_are_sorted_and_keys_unique() {
        let row = |iso3: &str, year: i32, value: &str| Obs {
            iso3: iso3.into(),
            year,
            value: value.into(),
            ..Obs::default()
        };
        let f = obs_file(
            "t.csv",
            vec![row("KOR", 2020, "2"), row("DEU", 2021, "1")],
            &[],
        )
        .expect("unique keys");
        assert_eq!(f.rows[0][0], "DEU");
        let err = obs_file(
            "t.csv",
            vec![row("KOR", 2020, "2"), row("KOR", 2020, "3")],
            &[],
        )
        .expect_err("repeated key");
        assert!(err.to_string().contains("two rows for KOR 2020"), "{err}");
        let bytes = csv_bytes(&f, Path::new("t.csv")).expect("writes");
        assert_eq!(
            String::from_utf8(bytes).expect("utf8"),
            "iso3,year,value\nDEU,2021,1\nKOR,2020,2\n"
        );
    }
}
