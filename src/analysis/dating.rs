//! When a figure became public: a row's own date, its edition's real release date, the
//! indicator's month rule, or its vintage's date; and which vintage of a figure to show.

use crate::catalog::dates::{month_end, PartialDate};
use crate::catalog::metadata::DatasetMeta;
use crate::catalog::Indicator;
use chrono::NaiveDate;
use foldhash::HashMap;

/// How a row's publication date is found: the dates an indicator's dataset declares.
#[derive(Debug, Clone, Default)]
pub struct Dating {
    pub releases: HashMap<i32, NaiveDate>,
    pub vintages: HashMap<String, NaiveDate>,
    pub rule: Option<crate::catalog::metadata::PublicationRule>,
    pub edition: bool,
    pub vintage_threshold_pct: Option<f64>,
}

/// What a publication date rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateBasis {
    Row,
    Vintage,
    Release,
    MonthRule,
}

impl Dating {
    pub fn of(ind: &Indicator, dataset: &DatasetMeta) -> Dating {
        Dating {
            releases: dataset
                .releases
                .iter()
                .filter_map(|r| Some((r.year, PartialDate::parse(&r.date).ok()?.end)))
                .collect(),
            vintages: dataset
                .vintages
                .iter()
                .filter_map(|v| Some((v.id.clone(), PartialDate::parse(&v.published).ok()?.end)))
                .collect(),
            rule: ind.meta.publication.clone(),
            edition: ind.meta.year_kind == crate::catalog::YearKind::Edition,
            vintage_threshold_pct: ind.meta.vintage_threshold_pct,
        }
    }

    /// The date a row's figure first became public, and what that date rests on: the row's own
    /// date, else its edition's or year's release, else the month rule, else (nothing else
    /// known) its vintage's date. A vintage is the state of revision of a figure, not its
    /// first publication: which vintage is shown is chosen separately ([`Dating::vintage_key`]).
    pub fn available(
        &self,
        year: i32,
        published: Option<&str>,
        vintage: Option<&str>,
    ) -> Option<(NaiveDate, DateBasis)> {
        if let Some(p) = published.and_then(|p| PartialDate::parse(p).ok()) {
            return Some((p.end, DateBasis::Row));
        }
        if let Some(d) = self.releases.get(&year) {
            return Some((*d, DateBasis::Release));
        }
        if let Some(rule) = self.rule.as_ref() {
            if let Some(d) = month_end(year + rule.year_offset, rule.month) {
                return Some((d, DateBasis::MonthRule));
            }
        }
        vintage
            .and_then(|v| self.vintages.get(v))
            .map(|d| (*d, DateBasis::Vintage))
    }

    /// The order among vintages of one figure (larger first): the newest vintage published by
    /// `as_of` (or today), then rows without a vintage, then vintages published after `as_of`,
    /// the earliest of them first (the closest to what was known on that date).
    pub fn vintage_key(&self, vintage: Option<&str>, as_of: Option<NaiveDate>) -> i64 {
        let Some(d) = vintage.and_then(|v| self.vintages.get(v)) else {
            return 0;
        };
        let n = i64::from(days(*d)) + 1;
        match as_of {
            Some(a) if *d > a => -n,
            _ => n,
        }
    }
}

pub(super) fn days(d: NaiveDate) -> i32 {
    (d - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or(NaiveDate::MIN)).num_days() as i32
}
