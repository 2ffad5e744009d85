//! Which value of each country a command uses: `--year`, `--latest`, `--max-age`, `--as-of`.
//!
//! `--as-of DATE` keeps only what had been published on or before DATE: per-row publication
//! dates where the data has them, otherwise the indicator's declared publication rule. Among
//! several publications of the same country-year, the latest one available wins (a revision
//! replaces the first figure).

use crate::catalog::dates::{month_end, PartialDate};
use crate::catalog::{Indicator, Observation};
use crate::error::{Error, Result};
use chrono::NaiveDate;
use polars::prelude::*;

/// The period options shared by every command.
#[derive(Debug, Clone, Default)]
pub struct Period {
    /// The indicator's own year (edition year for indices, data year otherwise).
    pub year: Option<i32>,
    /// Leave out values more than N years older than the newest one selected.
    pub max_age: Option<i32>,
    /// Use only what had been published by this date.
    pub as_of: Option<PartialDate>,
    /// Only values of this publication (as printed in the rows' `published` column).
    pub publication: Option<String>,
}

impl Period {
    /// The values of one year (edition or data year), as published by `as_of`.
    pub fn at_year(year: i32, as_of: Option<PartialDate>) -> Period {
        Period {
            year: Some(year),
            as_of,
            ..Default::default()
        }
    }

    /// The set of values a chosen value is best ranked against: the other values of the same
    /// publication where rows carry their publication (an IFR release, an NCSES table), else the
    /// values of the same year or edition.
    pub fn cohort_of(year: i32, published: Option<&str>, as_of: Option<PartialDate>) -> Period {
        match published {
            Some(p) => Period {
                publication: Some(p.to_string()),
                as_of,
                ..Default::default()
            },
            None => Period::at_year(year, as_of),
        }
    }

    /// A one-line description for notes: "latest values", "2019", "as of 2021-08-18".
    pub fn describe(&self, ind: &Indicator) -> String {
        let mut parts = Vec::new();
        match self.year {
            Some(y) => parts.push(format!("{} {y}", ind.meta.year_kind.label())),
            None => parts.push("each country's latest value".to_string()),
        }
        if let Some(n) = self.max_age {
            parts.push(format!("at most {n} years older than the newest"));
        }
        if let Some(p) = &self.publication {
            parts.push(format!("from the publication of {p}"));
        }
        if let Some(d) = &self.as_of {
            if d.end > crate::catalog::dates::today() {
                // A typo such as 2099 for 2019 must not pass unseen.
                parts.push(format!(
                    "as published by {} (a date after today: every value published so far)",
                    d.end
                ));
            } else {
                parts.push(format!("as published by {}", d.end));
            }
        }
        parts.join(", ")
    }
}

/// One country's chosen value.
#[derive(Debug, Clone, PartialEq)]
pub struct Selected {
    pub iso3: String,
    pub year: i32,
    pub value: f64,
    pub published_rank: Option<u32>,
    /// The publication the value comes from, as printed (`2021-01-27`, `2021-12`).
    pub published: Option<String>,
    pub note: Option<String>,
}

/// The outcome of applying a period to an indicator's observations.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub rows: Vec<Selected>,
    /// Countries whose value was left out by `--max-age`, with the year of that value.
    pub too_old: Vec<(String, i32)>,
    /// Countries that have only a published rank (no value) in the period: (code, year, rank).
    pub rank_only: Vec<(String, i32, u32)>,
}

impl Selection {
    /// The oldest year among the selected values.
    pub fn oldest_year(&self) -> Option<i32> {
        self.rows.iter().map(|r| r.year).min()
    }
    pub fn newest_year(&self) -> Option<i32> {
        self.rows.iter().map(|r| r.year).max()
    }
    pub fn get(&self, iso3: &str) -> Option<&Selected> {
        self.rows.iter().find(|r| r.iso3 == iso3)
    }
}

/// The date a row became public: its own `published` date, else the indicator's rule.
pub fn available_on(obs: &Observation, ind: &Indicator) -> Option<NaiveDate> {
    if let Some(p) = &obs.published {
        return Some(p.end);
    }
    let rule = ind.meta.publication.as_ref()?;
    month_end(obs.year + rule.year_offset, rule.month)
}

fn days(d: NaiveDate) -> i32 {
    (d - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or(NaiveDate::MIN)).num_days() as i32
}

/// Applies a period: one value per country (see the module doc for the rules).
pub fn select(obs: &[Observation], ind: &Indicator, period: &Period) -> Result<Selection> {
    if let Some(as_of) = &period.as_of {
        if let Some(o) = obs.iter().find(|o| available_on(o, ind).is_none()) {
            return Err(Error::Usage(format!(
                "--as-of {as_of}: {} has no publication dates (e.g. {} {}) and no publication rule in its dataset.toml, so what was known on a date cannot be told; drop --as-of or use --year",
                ind.id, o.iso3, o.year
            )));
        }
    }
    let n = obs.len();
    let df = df!(
        "row" => (0..n as u32).collect::<Vec<u32>>(),
        "iso3" => obs.iter().map(|o| o.iso3.as_str()).collect::<Vec<_>>(),
        "year" => obs.iter().map(|o| o.year).collect::<Vec<i32>>(),
        "has_value" => obs.iter().map(|o| o.value.is_some()).collect::<Vec<bool>>(),
        "available" => obs.iter().map(|o| available_on(o, ind).map(days)).collect::<Vec<Option<i32>>>(),
        "published" => obs.iter().map(|o| o.published.as_ref().map(|p| p.text.as_str())).collect::<Vec<Option<&str>>>(),
    )?;
    let mut lf = df.lazy();
    if let Some(as_of) = &period.as_of {
        lf = lf.filter(col("available").lt_eq(lit(days(as_of.end))));
    }
    if let Some(y) = period.year {
        lf = lf.filter(col("year").eq(lit(y)));
    }
    if let Some(p) = &period.publication {
        lf = lf.filter(col("published").eq(lit(p.as_str())));
    }
    // Latest publication first within a country-year; the row index makes the order total.
    let sorted = lf.sort_by_exprs(
        [col("iso3"), col("year"), col("available"), col("row")],
        SortMultipleOptions::default()
            .with_order_descending_multi([false, true, true, false])
            .with_nulls_last(true),
    );
    // Per country: the newest year, and in it the latest publication.
    let pick = |lf: LazyFrame| -> Result<Vec<u32>> {
        let df = lf
            .filter(col("row").eq(col("row").first().over([col("iso3"), col("year")])?))
            .filter(col("year").eq(col("year").max().over([col("iso3")])?))
            .collect()?;
        Ok(df.column("row")?.u32()?.iter().flatten().collect())
    };
    let mut selection = Selection::default();
    for r in pick(sorted.clone().filter(col("has_value")))? {
        let o = &obs[r as usize];
        selection.rows.push(Selected {
            iso3: o.iso3.clone(),
            year: o.year,
            value: o.value.unwrap_or(f64::NAN),
            published_rank: o.published_rank,
            published: o.published.as_ref().map(|p| p.text.clone()),
            note: o.note.clone(),
        });
    }
    // Countries with a published rank but no value in the period.
    for r in pick(sorted.filter(col("has_value").not()))? {
        let o = &obs[r as usize];
        if selection.get(&o.iso3).is_none() {
            if let Some(rank) = o.published_rank {
                selection.rank_only.push((o.iso3.clone(), o.year, rank));
            }
        }
    }
    if let (Some(max_age), Some(newest)) = (period.max_age, selection.newest_year()) {
        let (keep, drop): (Vec<Selected>, Vec<Selected>) = selection
            .rows
            .into_iter()
            .partition(|s| s.year >= newest - max_age);
        selection.rows = keep;
        selection.too_old = drop.into_iter().map(|s| (s.iso3, s.year)).collect();
    }
    selection.rows.sort_by(|a, b| a.iso3.cmp(&b.iso3));
    Ok(selection)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::metadata::{IndicatorMeta, PublicationRule, YearKind};

    fn ind(rule: Option<PublicationRule>) -> Indicator {
        Indicator {
            id: "t.x".into(),
            dataset: "t".into(),
            meta: IndicatorMeta {
                id: "x".into(),
                title: "X".into(),
                unit: "u".into(),
                higher_is_better: true,
                year_kind: YearKind::Data,
                decimals: 0,
                file: "x.csv".into(),
                caveats: vec![],
                publication: rule,
                source_code: None,
                attribution: None,
                size_measure: false,
                kind: Default::default(),
                ranks: None,
                list: Default::default(),
                vintage_threshold_pct: None,
            },
        }
    }

    fn o(iso3: &str, year: i32, value: Option<f64>, published: Option<&str>) -> Observation {
        Observation {
            iso3: iso3.into(),
            year,
            value,
            published_rank: value.is_none().then_some(5),
            published: published.map(|p| PartialDate::parse(p).expect("date")),
            source_name: None,
            note: None,
            vintage: None,
            flags: Vec::new(),
        }
    }

    fn values(s: &Selection) -> Vec<(String, i32, f64)> {
        s.rows
            .iter()
            .map(|r| (r.iso3.clone(), r.year, r.value))
            .collect()
    }

    #[test]
    fn as_of_uses_what_was_published_and_the_latest_revision() {
        // KOR 2019: 855 published 2020-09, revised to 868 on 2021-01-27; 2020 data in 2021-12.
        let obs = vec![
            o("KOR", 2019, Some(855.0), Some("2020-09")),
            o("KOR", 2019, Some(868.0), Some("2021-01-27")),
            o("KOR", 2020, Some(932.0), Some("2021-12")),
            o("SGP", 2019, Some(918.0), Some("2021-01-27")),
        ];
        let p = |d: &str| Period {
            as_of: Some(PartialDate::parse(d).expect("d")),
            ..Default::default()
        };
        let s = select(&obs, &ind(None), &p("2021-08-18")).expect("select");
        assert_eq!(
            values(&s),
            vec![("KOR".into(), 2019, 868.0), ("SGP".into(), 2019, 918.0)]
        );
        let s = select(&obs, &ind(None), &p("2020-12-31")).expect("select");
        assert_eq!(values(&s), vec![("KOR".into(), 2019, 855.0)]);
        // A month counts from its end: "2021-12" is not yet public on 2021-12-30.
        let s = select(&obs, &ind(None), &p("2021-12-30")).expect("select");
        assert_eq!(s.get("KOR").map(|r| r.year), Some(2019));
        let s = select(&obs, &ind(None), &p("2021-12")).expect("select");
        assert_eq!(s.get("KOR").map(|r| r.value), Some(932.0));
    }

    #[test]
    fn publication_rule_applies_where_rows_have_no_date() {
        let rule = PublicationRule {
            year_offset: 2,
            month: 3,
            basis: "test".into(),
        };
        let obs = vec![
            o("JPN", 2019, Some(3.2), None),
            o("JPN", 2020, Some(3.3), None),
        ];
        let p = Period {
            as_of: Some(PartialDate::parse("2021-08-18").expect("d")),
            ..Default::default()
        };
        let s = select(&obs, &ind(Some(rule)), &p).expect("select");
        assert_eq!(values(&s), vec![("JPN".into(), 2019, 3.2)]);
        let err = select(&obs, &ind(None), &p).expect_err("no rule");
        assert_eq!(err.exit_code(), 2);
    }

    #[test]
    fn a_publication_cohort_keeps_only_that_publication() {
        let obs = vec![
            o("KOR", 2019, Some(855.0), Some("2020-09")),
            o("KOR", 2019, Some(868.0), Some("2021-01-27")),
            o("SGP", 2019, Some(918.0), Some("2021-01-27")),
            o("SGP", 2018, Some(831.0), Some("2021-01-27")),
            o("USA", 2019, Some(228.0), Some("2020-09")),
        ];
        let s = select(
            &obs,
            &ind(None),
            &Period::cohort_of(2019, Some("2021-01-27"), None),
        )
        .expect("select");
        assert_eq!(
            values(&s),
            vec![("KOR".into(), 2019, 868.0), ("SGP".into(), 2019, 918.0)]
        );
    }

    #[test]
    fn latest_year_max_age_and_rank_only_rows() {
        let obs = vec![
            o("AAA", 2018, Some(1.0), None),
            o("AAA", 2020, Some(2.0), None),
            o("BBB", 2015, Some(3.0), None),
            o("CCC", 2020, None, None),
        ];
        let s = select(&obs, &ind(None), &Period::default()).expect("select");
        assert_eq!(
            values(&s),
            vec![("AAA".into(), 2020, 2.0), ("BBB".into(), 2015, 3.0)]
        );
        assert_eq!(s.rank_only, vec![("CCC".into(), 2020, 5)]);
        let s = select(
            &obs,
            &ind(None),
            &Period {
                max_age: Some(3),
                ..Default::default()
            },
        )
        .expect("select");
        assert_eq!(values(&s), vec![("AAA".into(), 2020, 2.0)]);
        assert_eq!(s.too_old, vec![("BBB".into(), 2015)]);
        let s = select(
            &obs,
            &ind(None),
            &Period {
                year: Some(2018),
                ..Default::default()
            },
        )
        .expect("select");
        assert_eq!(values(&s), vec![("AAA".into(), 2018, 1.0)]);
    }
}
