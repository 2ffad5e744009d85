//! `profile COUNTRY --section gii`: the country's GII pillars and sub-pillars in one edition, as
//! WIPO's economy profiles show them — score, WIPO's published rank, of how many — with its
//! strengths and weaknesses by a rule modelled on WIPO's, stated in the notes.
//!
//! The rule: each item's percentile rank among the economies ranked on it,
//! 100 × (N − rank) / (N − 1); a strength is an item at or above the economy's own k-th highest
//! percentile, and an item ranked 1st to 3rd is always one; a weakness is at or below its k-th
//! lowest. Items WIPO flags for low data coverage are shown but never assessed (WIPO does not
//! call them strengths or weaknesses either).

use super::period::Period;
use super::rank::{compute, display_name, RankQuery};
use crate::catalog::metadata::IndicatorKind;
use crate::catalog::{Catalog, Indicator};
use crate::error::{Error, Result};
use crate::report::{Cell, Report};

/// One pillar or sub-pillar of one economy.
#[derive(Debug, Clone)]
pub struct PillarStanding {
    pub indicator: Indicator,
    /// "pillar" or "sub-pillar" (from the source code WIPO gives it, e.g. "GII sub-pillar 1.1").
    pub level: &'static str,
    pub edition: i32,
    pub score: f64,
    pub rank: u32,
    pub of: usize,
    pub low_data: bool,
    pub percentile: f64,
}

/// Strength or weakness, by the rule in the module doc.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assessment {
    Strength,
    Weakness,
    Neither,
    /// Low data coverage: not assessed.
    NotAssessed,
}

/// The GII pillars and sub-pillars declared in the catalog, in dataset order.
fn pillars(catalog: &Catalog) -> Vec<(Indicator, &'static str)> {
    catalog
        .indicators()
        .into_iter()
        .filter(|i| i.dataset == "gii" && i.meta.kind == IndicatorKind::Score)
        .filter_map(|i| {
            let code = i.meta.source_code.clone().unwrap_or_default();
            let level = if code.starts_with("GII sub-pillar") {
                "sub-pillar"
            } else if code.starts_with("GII pillar") {
                "pillar"
            } else {
                return None;
            };
            Some((i, level))
        })
        .collect()
}

/// The economy's standing on every pillar and sub-pillar it is ranked on, in the period's
/// edition (by default the latest).
pub fn standings(catalog: &Catalog, iso3: &str, period: &Period) -> Result<Vec<PillarStanding>> {
    let mut out = Vec::new();
    for (ind, level) in pillars(catalog) {
        let ranking = compute(
            catalog,
            &RankQuery {
                indicator: ind.id.clone(),
                period: period.clone(),
                ..Default::default()
            },
        )?;
        let Some(me) = ranking.rows.iter().find(|r| r.iso3 == iso3) else {
            continue;
        };
        let Some(rank) = me.published_rank else {
            continue;
        };
        let of = ranking.rows.len();
        out.push(PillarStanding {
            indicator: ind,
            level,
            edition: me.year,
            score: me.value,
            rank,
            of,
            low_data: me.flag.as_deref().is_some_and(|f| f.contains("low_data")),
            percentile: super::profile::percentile(f64::from(rank), of),
        });
    }
    Ok(out)
}

/// Assesses each standing with the economy's own k-th highest and lowest percentile as cut-offs.
pub fn assess(items: &[PillarStanding], k: usize) -> Vec<Assessment> {
    let mut assessed: Vec<f64> = items
        .iter()
        .filter(|s| !s.low_data)
        .map(|s| s.percentile)
        .collect();
    assessed.sort_by(|a, b| b.total_cmp(a));
    let k = k.max(1);
    let high = assessed.get(k - 1).or(assessed.last()).copied();
    let low = assessed
        .iter()
        .rev()
        .nth(k - 1)
        .or(assessed.first())
        .copied();
    items
        .iter()
        .map(|s| match (high, low) {
            _ if s.low_data => Assessment::NotAssessed,
            _ if s.rank <= 3 => Assessment::Strength,
            (Some(h), _) if s.percentile >= h => Assessment::Strength,
            (_, Some(l)) if s.percentile <= l => Assessment::Weakness,
            _ => Assessment::Neither,
        })
        .collect()
}

/// The GII section as a report.
pub fn gii_section_report(
    catalog: &Catalog,
    iso3: &str,
    period: &Period,
    k: usize,
) -> Result<Report> {
    let countries = catalog.countries()?;
    let name = display_name(countries, iso3);
    let items = standings(catalog, iso3, period)?;
    if items.is_empty() {
        return Err(Error::Findings(format!(
            "{name} has no GII pillar rank for {}; `innodex rank gii.institutions` lists the economies ranked",
            super::profile::period_label(period)
        )));
    }
    let assessments = assess(&items, k);
    let editions: std::collections::BTreeSet<i32> = items.iter().map(|s| s.edition).collect();
    let edition = editions.iter().map(i32::to_string).collect::<Vec<_>>();
    let mut r = Report::new(format!(
        "{name} — GII {} pillars and sub-pillars",
        edition.join("/")
    ))
    .text_column("level")
    .text_column("indicator")
    .optional()
    .text_column("title")
    .number_column("score", 1)
    .number_column("rank", 0)
    .number_column("of", 0)
    .number_column("percentile", 0)
    .text_column("assessment")
    .text_column("flag")
    .text_column("edition")
    .detail();
    for (s, a) in items.iter().zip(&assessments) {
        let title = s
            .indicator
            .meta
            .title
            .trim_end_matches(" (score)")
            .trim_start_matches("GII ")
            .to_string();
        r.push_row(vec![
            Cell::text(s.level),
            Cell::text(&s.indicator.id),
            Cell::text(title),
            Cell::num(s.score, 1),
            Cell::int(i64::from(s.rank)),
            Cell::int(s.of as i64),
            Cell::num(s.percentile, 0),
            Cell::text(match a {
                Assessment::Strength => "strength",
                Assessment::Weakness => "weakness",
                Assessment::Neither => "",
                Assessment::NotAssessed => "not assessed (low data)",
            }),
            Cell::text(if s.low_data { "low_data" } else { "" }),
            Cell::text(s.edition.to_string()),
        ]);
    }
    r.note(format!(
        "GII edition {}: score (0–100) and rank as WIPO published them for each of the 7 pillars and 21 sub-pillars; \"of\" = economies WIPO ranked on the item.",
        edition.join("/")
    ));
    r.note(format!(
        "Strengths and weaknesses (a rule modelled on WIPO's economy profiles): percentile rank = 100 × (of − rank) / (of − 1); a strength is an item at or above {name}'s own {}-highest percentile, and a rank of 1st–3rd is always one; a weakness is at or below its {}-lowest; items with WIPO's low-data flag are not assessed.",
        super::profile::ordinal(k as f64),
        super::profile::ordinal(k as f64)
    ));
    r.note("Caveat: GII ranks and scores are not comparable between editions.".to_string());
    let d = catalog.dataset("gii")?;
    r.note(format!("Source: {}; licence: {}.", d.publisher, d.licence));
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(rank: u32, of: usize, low_data: bool) -> PillarStanding {
        PillarStanding {
            indicator: Indicator {
                id: "gii.x".into(),
                dataset: "gii".into(),
                meta: toml::from_str(
                    "id='x'\ntitle='X'\nunit='u'\nhigher_is_better=true\nyear_kind='edition'\ndecimals=1\nfile='x.csv'",
                )
                .expect("meta"),
            },
            level: "pillar",
            edition: 2025,
            score: 50.0,
            rank,
            of,
            low_data,
            percentile: super::super::profile::percentile(f64::from(rank), of),
        }
    }

    #[test]
    fn cut_offs_are_the_economys_own_kth_percentiles_and_top_three_always_count() {
        // Ranks of 101: 2 (99), 10 (91), 20 (81), 50 (51), 90 (11), 100 (1); k = 2.
        let items: Vec<_> = [2, 10, 20, 50, 90, 100]
            .iter()
            .map(|&r| item(r, 101, false))
            .collect();
        let a = assess(&items, 2);
        use Assessment::*;
        assert_eq!(
            a,
            vec![Strength, Strength, Neither, Neither, Weakness, Weakness]
        );
        // With k = 1 only the best is a strength by percentile, but rank 2 is top three anyway.
        assert_eq!(assess(&items, 1)[0], Strength);
        assert_eq!(assess(&items, 1)[1], Neither);
    }

    #[test]
    fn low_data_items_are_shown_but_never_assessed() {
        let items = vec![item(1, 50, true), item(10, 50, false), item(40, 50, false)];
        let a = assess(&items, 1);
        assert_eq!(
            a,
            vec![
                Assessment::NotAssessed,
                Assessment::Strength,
                Assessment::Weakness
            ]
        );
    }
}
