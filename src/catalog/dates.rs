//! Dates as sources print them: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
//!
//! A date given only as a year or a month counts from the end of that period: "published 2021-12"
//! means the figure was public by 2021-12-31, no earlier.

use chrono::{Datelike, NaiveDate};
use std::fmt;

/// A date with the precision it was given in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartialDate {
    /// As written.
    pub text: String,
    /// The last day of the period the text names.
    pub end: NaiveDate,
    /// The first day of that period.
    pub start: NaiveDate,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; the error says which forms are accepted.
    pub fn parse(text: &str) -> Result<Self, String> {
        let t = text.trim();
        let bad = || format!("'{t}' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY");
        // Up to four parts without collecting them (dates are parsed by the thousand on start).
        let mut it = t.split('-');
        let parts = [it.next(), it.next(), it.next(), it.next()];
        let num = |s: &str, len: usize| -> Result<u32, String> {
            if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse::<u32>().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let (start, end) = match parts {
            [Some(y), None, ..] => {
                let y = num(y, 4)? as i32;
                (
                    NaiveDate::from_ymd_opt(y, 1, 1).ok_or_else(bad)?,
                    NaiveDate::from_ymd_opt(y, 12, 31).ok_or_else(bad)?,
                )
            }
            [Some(y), Some(m), None, _] => {
                let (y, m) = (num(y, 4)? as i32, num(m, 2)?);
                let start = NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(bad)?;
                (start, month_end(y, m).ok_or_else(bad)?)
            }
            [Some(y), Some(m), Some(d), None] => {
                let date = NaiveDate::from_ymd_opt(num(y, 4)? as i32, num(m, 2)?, num(d, 2)?)
                    .ok_or_else(bad)?;
                (date, date)
            }
            _ => return Err(bad()),
        };
        Ok(PartialDate {
            text: t.to_string(),
            end,
            start,
        })
    }

    /// The year the date falls in.
    pub fn year(&self) -> i32 {
        self.end.year()
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// The last day of a month.
pub fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

/// Today's date, from the system clock.
pub fn today() -> NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|epoch| epoch.checked_add_days(chrono::Days::new(secs / 86_400)))
        .unwrap_or(NaiveDate::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_and_month_count_from_the_end_of_the_period() {
        let y = PartialDate::parse("2021").expect("year");
        assert_eq!(y.end, NaiveDate::from_ymd_opt(2021, 12, 31).expect("d"));
        let m = PartialDate::parse("2024-02").expect("month");
        assert_eq!(m.end, NaiveDate::from_ymd_opt(2024, 2, 29).expect("d"));
        assert_eq!(m.start, NaiveDate::from_ymd_opt(2024, 2, 1).expect("d"));
        let d = PartialDate::parse("2021-08-18").expect("day");
        assert_eq!(d.end, d.start);
    }

    #[test]
    fn malformed_dates_are_rejected() {
        for bad in [
            "",
            "21",
            "2021-13",
            "2021-02-30",
            "2021/08/18",
            "2021-8-1",
            "abcd",
        ] {
            assert!(PartialDate::parse(bad).is_err(), "{bad} accepted");
        }
    }
}
