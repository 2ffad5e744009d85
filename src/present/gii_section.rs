//! The `profile COUNTRY --section gii` report: the GII pillars and sub-pillars with score, rank,
//! percentile and assessment, and notes stating the edition and the strengths rule.

use super::standing::ordinal;
use crate::analysis::gii_section::{assess, standings, Assessment, Level};
use crate::analysis::period::Period;
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::report::{Cell, Report};

/// The GII section as a report.
pub fn gii_section_report(
    catalog: &Catalog,
    iso3: &str,
    period: &Period,
    k: usize,
) -> Result<Report> {
    let countries = catalog.countries()?;
    let name = countries.display_name(iso3);
    let items = standings(catalog, iso3, period)?;
    if items.is_empty() {
        return Err(Error::Findings(format!(
            "{name} has no GII pillar rank for {}; `innodex rank gii.institutions` lists the economies ranked",
            super::period::label(period)
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
            Cell::text(match s.level {
                Level::Pillar => "pillar",
                Level::SubPillar => "sub-pillar",
            }),
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
        ordinal(k as f64),
        ordinal(k as f64)
    ));
    r.note("Caveat: GII ranks and scores are not comparable between editions.".to_string());
    let d = catalog.dataset("gii")?;
    r.note(format!("Source: {}; licence: {}.", d.publisher, d.licence));
    Ok(r)
}
