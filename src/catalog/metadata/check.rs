//! What serde cannot check in a `dataset.toml`: unique indicator and vintage ids, `ranks`
//! naming a score of the same dataset, release and vintage dates, each error with its line.

use super::{DatasetMeta, IndicatorKind};
use crate::catalog::dates::PartialDate;
use crate::error::{Error, Result};
use std::collections::HashSet;

impl DatasetMeta {
    /// Checks what deserialisation cannot: dates, unique ids, references between fields.
    /// `file` names the `dataset.toml` in messages; `text` (its contents) gives line numbers.
    pub fn check(&self, file: &str, text: &str) -> Result<()> {
        let err = |needle: &str, message: String| {
            let line = find_line(text, needle);
            Error::Data {
                file: file.into(),
                line,
                column: if line == 0 { 0 } else { 1 },
                message,
            }
        };
        let mut ids = HashSet::new();
        for ind in &self.indicators {
            let at = format!("id = \"{}\"", ind.id);
            if !ids.insert(ind.id.as_str()) {
                return Err(err(
                    &at,
                    format!(
                        "indicator id '{}' is declared twice; ids must be unique",
                        ind.id
                    ),
                ));
            }
        }
        for ind in &self.indicators {
            let at = format!("id = \"{}\"", ind.id);
            match (&ind.kind, &ind.ranks) {
                (IndicatorKind::Rank, Some(score)) => {
                    let target = self.indicators.iter().find(|i| &i.id == score);
                    match target {
                        None => return Err(err(&at, format!("indicator '{}': ranks = \"{score}\" names no indicator of this dataset; give the short id of the score it ranks", ind.id))),
                        Some(t) if t.kind == IndicatorKind::Rank => return Err(err(&at, format!("indicator '{}': ranks = \"{score}\" is itself a rank; name the score indicator", ind.id))),
                        Some(_) => {}
                    }
                }
                (_, Some(_)) => return Err(err(&at, format!("indicator '{}': `ranks` is only for kind = \"rank\" (this one is kind = \"{}\")", ind.id, ind.kind.label()))),
                _ => {}
            }
            if let Some(t) = ind.vintage_threshold_pct {
                if !(t.is_finite() && t > 0.0) {
                    return Err(err(&at, format!("indicator '{}': vintage_threshold_pct = {t} must be a positive percentage", ind.id)));
                }
            }
        }
        let mut years = HashSet::new();
        for r in &self.releases {
            let at = format!("date = \"{}\"", r.date);
            let d = PartialDate::parse(&r.date)
                .map_err(|m| err(&at, format!("release {}: {m}", r.year)))?;
            if d.start != d.end {
                return Err(err(&at, format!("release {}: date '{}' must be a day (YYYY-MM-DD); leave out an edition whose day is unknown", r.year, r.date)));
            }
            if !years.insert(r.year) {
                return Err(err(
                    &at,
                    format!(
                        "release year {} is listed twice; one date per edition",
                        r.year
                    ),
                ));
            }
            if r.basis.trim().is_empty() {
                return Err(err(
                    &at,
                    format!(
                        "release {}: give the basis (where the date comes from)",
                        r.year
                    ),
                ));
            }
        }
        let mut vids = HashSet::new();
        for v in &self.vintages {
            let at = format!("id = \"{}\"", v.id);
            if v.id.trim().is_empty() || v.id.contains(',') {
                return Err(err(
                    &at,
                    format!(
                        "vintage id '{}' must be non-empty text without commas",
                        v.id
                    ),
                ));
            }
            if !vids.insert(v.id.as_str()) {
                return Err(err(&at, format!("vintage '{}' is declared twice", v.id)));
            }
            let d = PartialDate::parse(&v.published)
                .map_err(|m| err(&at, format!("vintage '{}': published: {m}", v.id)))?;
            if d.text.len() < 7 {
                return Err(err(
                    &at,
                    format!(
                        "vintage '{}': published '{}' must be YYYY-MM-DD or YYYY-MM",
                        v.id, v.published
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// The 1-based line of the first occurrence of `needle` in `text`, 0 when absent.
fn find_line(text: &str, needle: &str) -> u64 {
    text.find(needle)
        .map(|at| text[..at].matches('\n').count() as u64 + 1)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::metadata::ListCoverage;

    const HEAD: &str = "id = \"d\"\ntitle = \"t\"\npublisher = \"p\"\nlicence = \"l\"\nretrieved = \"2026-11-28\"\n";
    const SCORE: &str = "[[indicator]]\nid = \"score\"\ntitle = \"S\"\nunit = \"u\"\nhigher_is_better = true\nyear_kind = \"edition\"\ndecimals = 1\nfile = \"score.csv\"\nkind = \"score\"\n";

    fn meta(text: &str) -> Result<DatasetMeta> {
        let m: DatasetMeta = toml::from_str(text).map_err(|e| Error::DataFile {
            file: "t".into(),
            message: e.to_string(),
        })?;
        m.check("dataset.toml", text)?;
        Ok(m)
    }

    #[test]
    fn kinds_ranks_releases_and_vintages_parse_with_defaults() {
        let rank = "[[indicator]]\nid = \"rank\"\ntitle = \"R\"\nunit = \"rank\"\nhigher_is_better = false\nyear_kind = \"edition\"\ndecimals = 0\nfile = \"rank.csv\"\nkind = \"rank\"\nranks = \"score\"\nlist = \"partial\"\nvintage_threshold_pct = 10.0\n";
        let rest = "[[release]]\nyear = 2019\ndate = \"2019-07-24\"\nbasis = \"b\"\n\n[[vintage]]\nid = \"2025-04\"\npublished = \"2025-04\"\ntitle = \"WDI\"\nbasis = \"b\"\n";
        let m = meta(&format!("{HEAD}{SCORE}{rank}{rest}")).expect("valid");
        assert_eq!(m.indicators[0].kind, IndicatorKind::Score);
        assert_eq!(m.indicators[0].list, ListCoverage::Complete, "default");
        assert_eq!(m.indicators[1].ranks.as_deref(), Some("score"));
        assert_eq!(m.indicators[1].list, ListCoverage::Partial);
        assert_eq!(m.releases[0].date, "2019-07-24");
        assert_eq!(m.vintage_ids(), vec!["2025-04"]);
        let plain = SCORE.replace("kind = \"score\"\n", "");
        let m = meta(&format!("{HEAD}{plain}")).expect("no kind");
        assert_eq!(m.indicators[0].kind, IndicatorKind::Value, "default");
    }

    #[test]
    fn bad_references_and_dates_name_the_line() {
        let rank = "[[indicator]]\nid = \"rank\"\ntitle = \"R\"\nunit = \"rank\"\nhigher_is_better = false\nyear_kind = \"edition\"\ndecimals = 0\nfile = \"rank.csv\"\nkind = \"rank\"\nranks = \"scor\"\n";
        let err = meta(&format!("{HEAD}{SCORE}{rank}")).expect_err("unknown score");
        let text = err.to_string();
        assert!(text.starts_with("dataset.toml:16:"), "{text}");
        assert!(
            text.contains("ranks = \"scor\" names no indicator"),
            "{text}"
        );

        let on_score = SCORE.replace(
            "kind = \"score\"\n",
            "kind = \"score\"\nranks = \"score\"\n",
        );
        let err = meta(&format!("{HEAD}{on_score}")).expect_err("ranks on a score");
        assert!(
            err.to_string().contains("only for kind = \"rank\""),
            "{err}"
        );

        let month = "[[release]]\nyear = 2021\ndate = \"2021-09\"\nbasis = \"b\"\n";
        let err = meta(&format!("{HEAD}{SCORE}{month}")).expect_err("month only");
        assert!(err.to_string().starts_with("dataset.toml:17:"), "{err}");
        assert!(err.to_string().contains("must be a day"), "{err}");

        let year = "[[vintage]]\nid = \"v\"\npublished = \"2024\"\ntitle = \"t\"\nbasis = \"b\"\n";
        let err = meta(&format!("{HEAD}{SCORE}{year}")).expect_err("year only");
        assert!(err.to_string().contains("YYYY-MM-DD or YYYY-MM"), "{err}");

        let typo = format!(
            "{HEAD}{}",
            SCORE.replace("kind = \"score\"", "kind = \"scores\"")
        );
        assert!(meta(&typo).is_err(), "unknown kind spelling");
    }
}
