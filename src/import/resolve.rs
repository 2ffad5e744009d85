//! A row's country name and code to a reference code, or the reason it is not one — done once
//! per distinct (name, code) pair of the file.

use super::text::quote;
use super::FindingKind;
use crate::catalog::countries::{Countries, MatchKind, Resolution};

/// Longer names are not looked up (a "did you mean" over megabytes of text would hang).
const MAX_NAME: usize = 200;

/// Where a (name, code) pair led.
#[derive(Debug, Clone)]
pub struct Place {
    pub name: String,
    pub code: String,
    /// The iso3 code and whether it is an aggregate.
    pub found: Option<(String, bool)>,
    /// Its index among the extractor's codes.
    pub index: Option<u16>,
    /// Why it was not found (Unmatched or Ambiguous).
    pub kind: FindingKind,
    pub reason: String,
    pub suggestions: String,
    /// Findings for every row with this pair (aggregate, repaired text).
    pub notes: Vec<(FindingKind, String)>,
}

fn matched(r: &Option<Resolution>) -> Option<(String, bool, MatchKind)> {
    match r {
        Some(Resolution::Matched {
            code,
            aggregate,
            how,
        }) => Some((code.clone(), *aggregate, how.clone())),
        _ => None,
    }
}

/// Resolves a pair (either may be empty).
pub fn resolve_place(countries: &Countries, name: &str, code: &str) -> Place {
    let mut place = Place {
        name: name.to_string(),
        code: code.to_string(),
        found: None,
        index: None,
        kind: FindingKind::Unmatched,
        reason: String::new(),
        suggestions: String::new(),
        notes: vec![],
    };
    let shown = quote(if name.is_empty() { code } else { name });
    if name.chars().count() > MAX_NAME || code.chars().count() > MAX_NAME {
        place.reason = format!("'{shown}' is too long to be a country name or code");
        return place;
    }
    let by_code = (!code.is_empty()).then(|| countries.resolve(code));
    let by_name = (!name.is_empty()).then(|| countries.resolve(name));
    let chosen = match (matched(&by_code), matched(&by_name)) {
        (Some((a, _, _)), Some((b, _, _))) if a != b => {
            place.reason = format!(
                "code '{}' is {a} but name '{}' is {b}; fix one of them",
                quote(code),
                quote(name)
            );
            return place;
        }
        (Some(m), _) | (None, Some(m)) => m,
        (None, None) => {
            let ambiguous = [&by_code, &by_name].into_iter().find_map(|r| match r {
                Some(Resolution::Ambiguous { candidates, note }) => {
                    Some((candidates.join(";"), note.clone()))
                }
                _ => None,
            });
            if let Some((candidates, note)) = ambiguous {
                place.kind = FindingKind::Ambiguous;
                place.reason =
                    format!("ambiguous name '{shown}' ({note}); add a code column or fix the name");
                place.suggestions = candidates;
                return place;
            }
            place.suggestions = [&by_name, &by_code]
                .into_iter()
                .find_map(|r| match r {
                    Some(Resolution::Unmatched { suggestions }) if !suggestions.is_empty() => {
                        Some(suggestions.join("; "))
                    }
                    _ => None,
                })
                .unwrap_or_default();
            place.reason = if shown.is_empty() {
                "no country name or code".to_string()
            } else {
                format!("unknown country '{shown}'")
            };
            return place;
        }
    };
    let (iso3, aggregate, how) = chosen;
    if aggregate {
        place.notes.push((
            FindingKind::Aggregate,
            format!("'{shown}' is the aggregate {iso3}, not a country; kept and flagged"),
        ));
    }
    if let MatchKind::RepairedEncoding(fixed) = how {
        place.notes.push((
            FindingKind::Repaired,
            format!(
                "'{shown}' read as '{}' (mis-encoded text repaired) → {iso3}",
                quote(&fixed)
            ),
        ));
    }
    place.found = Some((iso3, aggregate));
    place
}
