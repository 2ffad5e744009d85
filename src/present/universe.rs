//! The universe in words: what a computed rank is within ("OECD", "the listed countries") and
//! the line for notes ("members of OECD (…) at the end of each value's year; aggregates left
//! out"), and lists of countries named with their codes.

use crate::analysis::universe::Universe;
use crate::catalog::Countries;

/// What a computed rank is within, in a few words: "OECD", "NATO or OECD", "the listed
/// countries", "each wb-region group".
pub fn short(universe: &Universe) -> String {
    if let Some(k) = &universe.within {
        return format!("each {k} group");
    }
    let mut parts: Vec<String> = universe.groups.clone();
    if !universe.countries.is_empty() {
        parts.push("the listed countries".into());
    }
    if parts.is_empty() {
        "all countries with a value".into()
    } else {
        parts.join(" or ")
    }
}

/// One line for notes: "all countries with a value", "NATO members (at each value's year)".
pub fn describe(universe: &Universe, countries: &Countries) -> String {
    let mut parts = Vec::new();
    if !universe.groups.is_empty() {
        let names: Vec<String> = universe
            .groups
            .iter()
            .map(|g| {
                countries
                    .groups
                    .get(g)
                    .map_or(g.clone(), |g| format!("{} ({})", g.id, g.name))
            })
            .collect();
        parts.push(format!(
            "members of {} at the end of each value's year",
            names.join(" or ")
        ));
    }
    if !universe.countries.is_empty() {
        parts.push(format!("the countries {}", universe.countries.join(", ")));
    }
    let mut s = if parts.is_empty() {
        "all countries with a value".to_string()
    } else {
        parts.join(", plus ")
    };
    if !universe.include_aggregates {
        s.push_str("; aggregates left out");
    }
    if let Some(k) = &universe.within {
        s.push_str(&format!("; ranked within each {k} group"));
    }
    s
}

/// "Japan (JPN), Korea (KOR)" — names with codes, for notes.
pub fn name_list(countries: &Countries, codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| format!("{} ({c})", countries.display_name(c)))
        .collect::<Vec<_>>()
        .join(", ")
}
