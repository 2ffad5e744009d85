//! `a|b` indicator alternatives (`msti.gerd_usd_current_ppp|msti.gerd_usd_const2015_ppp`),
//! parsed once and chosen by one rule, the same for `profile` and `compare`:
//!
//! **for each country, the first alternative that has a value for that country in the
//! period**; when none has one, the last alternative (so its reason is what is shown). The
//! alternatives passed over are kept with their reasons, so a row can say which basis it fell
//! back from and why.

use super::period::Period;
use super::rank::Ties;
use super::standing::{place, Missing, Placing};
use crate::catalog::{Catalog, Indicator};
use crate::error::Result;

/// One indicator or a list of alternatives, in order of preference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorSpec {
    alternatives: Vec<String>,
}

/// The alternative chosen for one country, and the ones passed over.
#[derive(Debug)]
pub struct Chosen {
    pub placing: Placing,
    /// Preferred alternatives without a value for the country, with the reason, in order.
    pub passed_over: Vec<(Indicator, Missing)>,
}

impl IndicatorSpec {
    /// Splits `a|b|c` on `|` (spaces around each id are ignored).
    pub fn parse(text: &str) -> IndicatorSpec {
        IndicatorSpec {
            alternatives: text.split('|').map(|s| s.trim().to_string()).collect(),
        }
    }

    /// The ids, in order of preference.
    pub fn alternatives(&self) -> &[String] {
        &self.alternatives
    }

    /// Places `iso3` on the first alternative with a value for it (see the module doc).
    pub fn place(
        &self,
        catalog: &Catalog,
        period: &Period,
        ties: Ties,
        group: Option<&str>,
        iso3: &str,
    ) -> Result<Chosen> {
        let mut passed_over = Vec::new();
        for (i, id) in self.alternatives.iter().enumerate() {
            let p = place(catalog, id, period, ties, group, iso3)?;
            let last = i + 1 == self.alternatives.len();
            match p.standing {
                Err(m) if !last => passed_over.push((p.indicator, m)),
                _ => {
                    return Ok(Chosen {
                        placing: p,
                        passed_over,
                    })
                }
            }
        }
        // `split` always yields at least one alternative, so the loop returns.
        Err(crate::error::Error::Usage(
            "an empty indicator spec; give an indicator id".into(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::catalog::fixture_catalog as fixtures;

    #[test]
    fn parse_splits_on_bars_and_trims() {
        let s = IndicatorSpec::parse(" demo.rd | demo3.patents");
        assert_eq!(s.alternatives(), ["demo.rd", "demo3.patents"]);
        assert_eq!(IndicatorSpec::parse("demo.rd").alternatives(), ["demo.rd"]);
    }

    #[test]
    fn each_country_gets_the_first_alternative_with_a_value_for_it() {
        // The fixture: JPN has demo.rd values; NGA has none, only demo3.patents (2020: 1).
        // Profile took the first alternative with a value for the country; compare took the
        // first with a value for *any* country shown, so NGA beside JPN got "no data". One
        // rule now: NGA gets its patents figure whoever it is shown with.
        let catalog = fixtures();
        let spec = IndicatorSpec::parse("demo.rd|demo3.patents");
        let p = Period::default();
        let jpn = spec
            .place(&catalog, &p, Ties::Min, None, "JPN")
            .expect("JPN");
        assert_eq!(jpn.placing.indicator.id, "demo.rd");
        assert!(jpn.passed_over.is_empty());
        let nga = spec
            .place(&catalog, &p, Ties::Min, None, "NGA")
            .expect("NGA");
        assert_eq!(nga.placing.indicator.id, "demo3.patents");
        let s = nga.placing.standing.as_ref().expect("a value");
        assert_eq!((s.value, s.year), (Some(1.0), 2020));
        assert_eq!(nga.passed_over.len(), 1);
        assert_eq!(nga.passed_over[0].0.id, "demo.rd");
        assert_eq!(nga.passed_over[0].1, Missing::NotCovered);
        // Compare applies the same rule cell by cell.
        let q = crate::analysis::compare::CompareQuery {
            countries: vec!["JPN".into(), "NGA".into()],
            indicators: vec!["demo.rd|demo3.patents".into()],
            ..Default::default()
        };
        let rows = crate::analysis::compare::compute(&catalog, &q).expect("compare");
        let ids: Vec<&str> = rows[0]
            .cells
            .iter()
            .map(|c| c.indicator.id.as_str())
            .collect();
        assert_eq!(ids, ["demo.rd", "demo3.patents"]);
        assert_eq!(rows[0].indicator.id, "demo.rd");
    }

    #[test]
    fn with_no_value_anywhere_the_last_alternative_and_its_reason_stand() {
        let catalog = fixtures();
        let spec = IndicatorSpec::parse("demo3.patents|demo.rd");
        let p = Period {
            year: Some(1990),
            ..Default::default()
        };
        let c = spec
            .place(&catalog, &p, Ties::Min, None, "JPN")
            .expect("JPN");
        assert_eq!(c.placing.indicator.id, "demo.rd");
        assert!(c.placing.standing.is_err());
        assert_eq!(c.passed_over[0].0.id, "demo3.patents");
    }
}
