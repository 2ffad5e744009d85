//! The period in words: the one-line description in notes ("each country's latest value, as
//! published by 2021-08-18") and the short label in titles ("as of 2021-08-18").

use crate::analysis::period::Period;
use crate::catalog::{Indicator, YearKind};

/// A one-line description for notes: "latest values", "2019", "as of 2021-08-18".
pub fn describe(period: &Period, ind: &Indicator) -> String {
    let today = period.today;
    let mut parts = Vec::new();
    match period.year {
        Some(y) => parts.push(format!("{} {y}", ind.meta.year_kind.label())),
        None if ind.meta.year_kind == YearKind::Edition => {
            parts.push("the latest edition".to_string())
        }
        None => parts.push("each country's latest value".to_string()),
    }
    if let Some(n) = period.max_age {
        parts.push(format!(
            "at most {n} years before {}",
            period.reference_year(today)
        ));
    }
    if let Some(p) = &period.publication {
        parts.push(format!("from the publication of {p}"));
    }
    if let Some(v) = &period.vintage {
        parts.push(format!("vintage {v}"));
    }
    if let Some(d) = &period.as_of {
        if d.end > today {
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

/// "as of 2021-08-18", "2019", "latest values".
pub fn label(period: &Period) -> String {
    match (&period.as_of, period.year) {
        (Some(d), Some(y)) => format!("{y}, as of {d}"),
        (Some(d), None) => format!("as of {d}"),
        (None, Some(y)) => format!("{y}"),
        (None, None) => "latest values".into(),
    }
}
