//! Where a figure comes from, in words: the attribution line with the years used ("Source:
//! WIPO, Global Innovation Index (edition 2021)"), and the source-and-licence line of chart
//! footers.

use crate::catalog::{Catalog, Indicator};
use crate::error::Result;

/// The attribution line of an indicator's dataset for a year.
pub fn attribution(catalog: &Catalog, ind: &Indicator, year: Option<i32>) -> Result<String> {
    attribution_years(catalog, ind, &year.into_iter().collect::<Vec<_>>())
}

/// The attribution line for several years ("edition 2019/2020"); none: the template unfilled.
pub fn attribution_years(catalog: &Catalog, ind: &Indicator, years: &[i32]) -> Result<String> {
    let mut years = years.to_vec();
    years.sort();
    years.dedup();
    let year = (!years.is_empty()).then(|| {
        years
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join("/")
    });
    let text = catalog.attribution_template(ind)?;
    Ok(match year {
        Some(y) => text.replace("{year}", &y),
        None => drop_year(&text),
    })
}

/// The attribution without its year: "Source: X (edition {year})" becomes "Source: X".
pub(super) fn drop_year(text: &str) -> String {
    let Some(at) = text.find("{year}") else {
        return text.to_string();
    };
    let open = text[..at].rfind('(');
    let close = text[at..].find(')').map(|c| at + c + 1);
    match (open, close) {
        (Some(o), Some(c)) => format!("{}{}", text[..o].trim_end(), &text[c..]),
        _ => text.replace("{year}", ""),
    }
}

/// "2020", "2017–2021", or "" for no years.
pub fn years_text(years: &[i32]) -> String {
    match (years.iter().min(), years.iter().max()) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a}–{b}"),
        _ => String::new(),
    }
}

/// `Source: ATTRIBUTION (YEARS). Licence: LICENCE.` for one indicator's dataset.
pub fn source_note(catalog: &Catalog, ind: &Indicator, years: &str) -> Result<String> {
    let d = catalog.dataset(&ind.dataset)?;
    let mut s = catalog.attribution_template(ind)?.replace("{year}", years);
    if !s.ends_with('.') {
        s.push('.');
    }
    Ok(format!("{s} Licence: {}.", d.licence.trim_end_matches('.')))
}
