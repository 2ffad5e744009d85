//! `profile COUNTRY --section gii`: the country's GII pillars and sub-pillars in one edition, as
//! WIPO's economy profiles show them — score, WIPO's published rank, of how many — with its
//! strengths and weaknesses by a rule modelled on WIPO's (`present::gii_section` lays
//! it out and states the rule in the notes).
//!
//! The rule: each item's percentile rank among the economies ranked on it,
//! 100 × (N − rank) / (N − 1); a strength is an item at or above the economy's own k-th highest
//! percentile, and an item ranked 1st to 3rd is always one; a weakness is at or below its k-th
//! lowest. Items WIPO flags for low data coverage are shown but never assessed (WIPO does not
//! call them strengths or weaknesses either).

use super::period::Period;
use super::rank::{compute, RankQuery};
use crate::catalog::metadata::IndicatorKind;
use crate::catalog::{Catalog, Indicator};
use crate::error::Result;

/// One pillar or sub-pillar of one economy.
#[derive(Debug, Clone)]
pub struct PillarStanding {
    pub indicator: Indicator,
    /// Pillar or sub-pillar (from the source code WIPO gives it, e.g. "GII sub-pillar 1.1").
    pub level: Level,
    pub edition: i32,
    pub score: f64,
    pub rank: u32,
    pub of: usize,
    pub low_data: bool,
    pub percentile: f64,
}

/// Where an item sits in the GII's tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Pillar,
    SubPillar,
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
fn pillars(catalog: &Catalog) -> Vec<(Indicator, Level)> {
    catalog
        .indicators()
        .into_iter()
        .filter(|i| i.dataset == "gii" && i.meta.kind == IndicatorKind::Score)
        .filter_map(|i| {
            let code = i.meta.source_code.clone().unwrap_or_default();
            let level = if code.starts_with("GII sub-pillar") {
                Level::SubPillar
            } else if code.starts_with("GII pillar") {
                Level::Pillar
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
            percentile: super::standing::percentile(f64::from(rank), of),
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
            level: Level::Pillar,
            edition: 2025,
            score: 50.0,
            rank,
            of,
            low_data,
            percentile: crate::analysis::standing::percentile(f64::from(rank), of),
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
