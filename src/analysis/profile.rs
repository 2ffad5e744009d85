//! `profile`: one country's standing on a set of indicators — value, year, rank among all countries
//! with data in the period ("5th of 44"), rank within a group, source — and `--strengths`, its
//! best and worst indicators by percentile rank.
//!
//! Every rank comes from [`rank::compute`], one query per indicator, with the tie and universe
//! rules of `innodex rank`. The country's value is found with the query's period, then ranked
//! among the values of the same publication (where rows carry one: an IFR release, an NCSES
//! table) or else the same year or edition — so "of N" counts comparable values, not every
//! country's latest figure. A country without a value gets a row saying why (never a zero, never
//! a dropped row).

use super::period::Period;
use super::rank::{self, display_name, RankBasis, Ranking, Ties};
use super::universe::Universe;
use crate::catalog::metadata::ListCoverage;
use crate::catalog::{Catalog, Indicator, YearKind};
use crate::error::Result;
use crate::report::{Cell, Report};
use std::collections::BTreeSet;

/// The default headline indicators; `a|b` takes `a` where the country has a value, else `b`.
pub const HEADLINE: &[&str] = &[
    "gii.rank",
    "ifr.robot_density",
    "bii.rank",
    "msti.gerd_usd_current_ppp|msti.gerd_usd_const2015_ppp",
    "msti.gerd_pct_gdp",
];

/// What to profile.
#[derive(Debug, Clone, Default)]
pub struct ProfileQuery {
    /// ISO3 code (already resolved).
    pub country: String,
    /// Indicator specs: ids, or `a|b` alternatives (the first with a value for the country).
    pub indicators: Vec<String>,
    pub period: Period,
    /// Also rank within this group.
    pub group: Option<String>,
    pub ties: Ties,
}

/// Why a country has no value.
#[derive(Debug, Clone, PartialEq)]
pub enum Missing {
    /// The source has values for the country, but none in the period (`latest`: its newest year).
    NoValueInPeriod { latest: Option<i32> },
    /// The source has never had a value for the country.
    NotCovered,
    /// The source gives only a rank in the period.
    RankOnly { year: i32, rank: u32 },
    /// Every value the source has for the country was published after the `--as-of` date.
    NotYetPublished { first: chrono::NaiveDate },
    /// An index economy absent from the edition shown (`last`: its last edition so far).
    NotInEdition { edition: i32, last: i32 },
}

impl Missing {
    pub fn describe(&self, ind: &Indicator) -> String {
        match self {
            Missing::NoValueInPeriod { latest: Some(y) } => format!(
                "no value for the period (latest {} {y})",
                ind.meta.year_kind.label()
            ),
            Missing::NoValueInPeriod { latest: None } => "no value for the period".into(),
            Missing::NotCovered => "not covered by the source".into(),
            Missing::NotYetPublished { first } => {
                format!("not yet published on the --as-of date (first value published by {first})")
            }
            Missing::NotInEdition { edition, last } => {
                format!("not in the {edition} edition (last ranked in the {last} edition)")
            }
            Missing::RankOnly { year, rank } => {
                format!("published rank only: {rank} ({year}), no value")
            }
        }
    }
}

/// A country's place in one ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    /// `None` where the source published only a rank (a rank-only row newer than any value).
    pub value: Option<f64>,
    pub year: i32,
    pub rank: f64,
    /// What `rank` is (published, computed within a subset, a position among values held).
    pub basis: RankBasis,
    /// Countries ranked (for a partial list: the values innodex holds from that release).
    pub of: usize,
    /// A partial list: the highest published rank in the country's release, so the source
    /// ranked at least this many (`None` for complete lists).
    pub at_least: Option<u32>,
    /// Another country shares the rank.
    pub tied: bool,
    pub published_rank: Option<u32>,
    pub published: Option<String>,
    /// Oldest and newest year among the values ranked.
    pub ranked_years: (i32, i32),
}

/// One indicator of a profile.
#[derive(Debug, Clone)]
pub struct ProfileRow {
    pub indicator: Indicator,
    pub standing: std::result::Result<Standing, Missing>,
    /// Rank within the query's group: `None` without a group or when not ranked in it.
    pub group: Option<Standing>,
    /// Preferred indicators passed over (no value for the country), with the reason.
    pub fallback_from: Vec<(Indicator, Missing)>,
    /// The dataset's attribution with `{year}` filled in.
    pub source: String,
}

impl ProfileRow {
    /// Whether the value is itself a published rank (GII, Bloomberg).
    pub fn is_rank_type(&self) -> bool {
        is_rank_type(&self.indicator)
    }
    /// Percentile rank among the economies ranked; none for a partial list (no "of N" to
    /// take it from).
    pub fn percentile(&self) -> Option<f64> {
        self.standing
            .as_ref()
            .ok()
            .filter(|s| s.at_least.is_none() && s.basis != RankBasis::Held)
            .map(|s| percentile(s.rank, s.of))
    }
}

/// A computed profile.
#[derive(Debug, Clone)]
pub struct Profile {
    pub iso3: String,
    pub name: String,
    pub rows: Vec<ProfileRow>,
}

/// Whether an indicator's values are published ranks (declared `kind = "rank"`).
pub fn is_rank_type(ind: &Indicator) -> bool {
    ind.meta.kind == crate::catalog::metadata::IndicatorKind::Rank
}

/// Percentile rank: 100 × (of − rank) / (of − 1); 100 when only one country is ranked.
pub fn percentile(rank: f64, of: usize) -> f64 {
    if of <= 1 {
        100.0
    } else {
        100.0 * (of as f64 - rank) / (of as f64 - 1.0)
    }
}

/// "1st", "2nd", "3rd", "11th", "22nd"; fractional ranks (average ties) as "2.5th".
pub fn ordinal(rank: f64) -> String {
    if rank.fract() != 0.0 {
        return format!("{rank}th");
    }
    let n = rank as i64;
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// "2020 edition" or "2019 data".
pub fn year_phrase(ind: &Indicator, year: i32) -> String {
    match ind.meta.year_kind {
        YearKind::Edition => format!("{year} edition"),
        YearKind::Data => format!("{year} data"),
    }
}

/// A readable label: "Global Innovation Index rank" becomes "WIPO Global Innovation Index rank"
/// when the dataset's title names the publisher.
pub fn label(ind: &Indicator, dataset_title: &str) -> String {
    let title = &ind.meta.title;
    if let Some(base) = title.strip_suffix(" rank") {
        if dataset_title.ends_with(base) && dataset_title.len() > base.len() {
            return format!("{dataset_title} rank");
        }
    }
    title.clone()
}

/// The ranking of an indicator over all countries, and within `group` when given.
pub struct Rankings {
    pub all: Ranking,
    pub group: Option<Ranking>,
}

/// Ranks one indicator through [`rank::compute`] (all countries, and within the group).
pub fn rank_indicator(
    catalog: &Catalog,
    id: &str,
    period: &Period,
    ties: Ties,
    group: Option<&str>,
) -> Result<Rankings> {
    let mut q = rank::RankQuery {
        indicator: id.to_string(),
        period: period.clone(),
        ties,
        ..Default::default()
    };
    let all = rank::compute(catalog, &q)?;
    let group = match group {
        Some(g) => {
            q.universe = Universe {
                groups: vec![g.to_string()],
                ..Default::default()
            };
            Some(rank::compute(catalog, &q)?)
        }
        None => None,
    };
    Ok(Rankings { all, group })
}

/// A country's place in a ranking, if it is ranked (a value, or for a partial list a published
/// rank without a value).
pub fn standing_in(ranking: &Ranking, iso3: &str) -> Option<Standing> {
    let partial = ranking.indicator.meta.list == ListCoverage::Partial;
    let years = ranking.rows.iter().map(|r| r.year);
    let ranked_years = |y: i32| {
        (
            years.clone().min().unwrap_or(y),
            years.clone().max().unwrap_or(y),
        )
    };
    // The highest rank the source published in the release: it ranked at least that many.
    let at_least = || {
        ranking
            .rows
            .iter()
            .filter_map(|r| r.published_rank)
            .chain(ranking.selection.rank_only.iter().map(|r| r.rank))
            .max()
    };
    if let Some(me) = ranking.rows.iter().find(|r| r.iso3 == iso3) {
        return Some(Standing {
            value: Some(me.value),
            year: me.year,
            rank: me.rank,
            basis: me.basis,
            of: ranking.rows.len(),
            at_least: if partial { at_least() } else { None },
            tied: ranking
                .rows
                .iter()
                .any(|r| r.iso3 != iso3 && r.rank == me.rank),
            published_rank: me.published_rank,
            published: me.published.clone(),
            ranked_years: ranked_years(me.year),
        });
    }
    let only = ranking
        .selection
        .rank_only
        .iter()
        .find(|r| r.iso3 == iso3 && partial)?;
    Some(Standing {
        value: None,
        year: only.year,
        rank: f64::from(only.rank),
        basis: RankBasis::Published,
        of: ranking.rows.len() + ranking.selection.rank_only.len(),
        at_least: at_least(),
        tied: false,
        published_rank: Some(only.rank),
        published: only.published.clone(),
        ranked_years: ranked_years(only.year),
    })
}

/// Why a country is not in a ranking; `as_of` is the period's `--as-of` date, if any.
pub fn why_missing(
    catalog: &Catalog,
    ranking: &Ranking,
    iso3: &str,
    as_of: Option<&crate::catalog::dates::PartialDate>,
) -> Result<Missing> {
    if let Some((_, last)) = ranking
        .selection
        .not_in_edition
        .iter()
        .find(|(c, _)| c == iso3)
    {
        return Ok(Missing::NotInEdition {
            edition: ranking.selection.edition.unwrap_or(*last),
            last: *last,
        });
    }
    if let Some(r) = ranking.selection.rank_only.iter().find(|r| r.iso3 == iso3) {
        return Ok(Missing::RankOnly {
            year: r.year,
            rank: r.rank,
        });
    }
    let dating = super::period::Dating::of(
        &ranking.indicator,
        catalog.dataset(&ranking.indicator.dataset)?,
    );
    let obs = catalog.observations(&ranking.indicator)?;
    let available = |o: &crate::catalog::Observation| {
        dating
            .available(
                o.year,
                o.published.as_ref().map(|p| p.text.as_str()),
                o.vintage.as_deref(),
            )
            .map(|(d, _)| d)
    };
    let valued: Vec<_> = obs
        .iter()
        .filter(|o| o.iso3 == iso3 && o.value.is_some())
        .collect();
    let public = |o: &&crate::catalog::Observation| match as_of {
        Some(d) => available(o).is_some_and(|a| a <= d.end),
        None => true,
    };
    let latest = valued
        .iter()
        .copied()
        .filter(|o| public(o))
        .map(|o| o.year)
        .max();
    Ok(match latest {
        Some(y) => Missing::NoValueInPeriod { latest: Some(y) },
        None => match valued.iter().filter_map(|o| available(o)).min() {
            Some(first) if as_of.is_some() => Missing::NotYetPublished { first },
            _ => Missing::NotCovered,
        },
    })
}

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
fn drop_year(text: &str) -> String {
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

/// A country's place on one indicator: its value in the period, ranked among the countries
/// with a value for the same year (or edition), all of them and within `group`.
pub struct Placing {
    pub indicator: Indicator,
    pub standing: std::result::Result<Standing, Missing>,
    pub group: Option<Standing>,
}

/// Finds the country's value with the query's period, then ranks it among the values of that
/// same year (as published by the `--as-of` date), so an edition is never ranked against older
/// editions. Both steps go through [`rank::compute`].
pub fn place(
    catalog: &Catalog,
    id: &str,
    period: &Period,
    ties: Ties,
    group: Option<&str>,
    iso3: &str,
) -> Result<Placing> {
    let mut r = rank_indicator(catalog, id, period, ties, group)?;
    let Some(first) = standing_in(&r.all, iso3) else {
        return Ok(Placing {
            standing: Err(why_missing(catalog, &r.all, iso3, period.as_of.as_ref())?),
            indicator: r.all.indicator,
            group: None,
        });
    };
    // Rank against the values of the same publication (or year): never a 2025 edition against
    // 2013's, nor a 2020 figure against a handful of countries that happen to share its year.
    let published = first.published.clone();
    let cohort = Period::cohort_of(first.year, published.as_deref(), period.as_of.clone());
    if first.ranked_years.0 != first.ranked_years.1 || published.is_some() {
        r = rank_indicator(catalog, id, &cohort, ties, group)?;
    }
    let standing = standing_in(&r.all, iso3).ok_or_else(|| {
        crate::error::Error::Compute(format!("{iso3} lost its {id} value when re-ranked"))
    })?;
    Ok(Placing {
        group: r.group.as_ref().and_then(|g| standing_in(g, iso3)),
        indicator: r.all.indicator,
        standing: Ok(standing),
    })
}

/// Computes a profile: one row per indicator spec.
pub fn compute(catalog: &Catalog, query: &ProfileQuery) -> Result<Profile> {
    let countries = catalog.countries()?;
    let group = match &query.group {
        Some(g) => Some(countries.group(g)?.id.clone()),
        None => None,
    };
    let mut rows = Vec::new();
    for spec in &query.indicators {
        let mut fallback_from = Vec::new();
        let alternatives: Vec<&str> = spec.split('|').map(str::trim).collect();
        for (i, id) in alternatives.iter().enumerate() {
            let p = place(
                catalog,
                id,
                &query.period,
                query.ties,
                group.as_deref(),
                &query.country,
            )?;
            let last = i + 1 == alternatives.len();
            match p.standing {
                Err(m) if !last => fallback_from.push((p.indicator, m)),
                standing => {
                    let year = standing.as_ref().ok().map(|s| s.year);
                    rows.push(ProfileRow {
                        source: attribution(catalog, &p.indicator, year)?,
                        indicator: p.indicator,
                        group: p.group,
                        standing,
                        fallback_from,
                    });
                    break;
                }
            }
        }
    }
    Ok(Profile {
        name: display_name(countries, &query.country),
        iso3: query.country.clone(),
        rows,
    })
}

/// The value as a phrase: "3.21% of GDP", "USD 171.8 billion (constant 2015 prices and PPPs)".
pub fn value_phrase(ind: &Indicator, value: f64) -> String {
    let unit = &ind.meta.unit;
    let d = ind.meta.decimals;
    if let Some(rest) = unit.strip_prefix("million USD") {
        let basis = rest.trim_start_matches([',', ' ']);
        let amount = crate::report::format_display(value / 1000.0, 1);
        return if basis.is_empty() {
            format!("USD {amount} billion")
        } else {
            format!("USD {amount} billion in {basis}")
        };
    }
    let v = crate::report::format_display(value, d);
    if unit.starts_with('%') {
        format!("{v}{unit}")
    } else {
        format!("{v} {unit}")
    }
}

/// "3rd of 14", or for a partial list "3rd in the release of 2021-01-27, which ranked at least
/// 24" — never "Nth of N" over the part of a list that innodex holds.
pub fn standing_phrase(s: &Standing, tied: &str) -> String {
    let release = s
        .published
        .as_ref()
        .map(|p| format!("the source's release of {p}"))
        .unwrap_or_else(|| format!("the source's list for {}", s.year));
    match (s.at_least, s.basis) {
        (Some(n), RankBasis::Published) => format!(
            "{}{tied} in {release}, which ranked at least {n}",
            ordinal(s.rank)
        ),
        (_, RankBasis::Held) | (Some(_), _) => format!(
            "no rank: innodex holds only part of the source's list ({} values from {release})",
            s.of
        ),
        _ => format!("{}{tied} of {}", ordinal(s.rank), s.of),
    }
}

/// A standing's value cell: the number, or empty where only a rank was published.
pub fn value_cell(s: &Standing, ind: &Indicator) -> Cell {
    s.value
        .map_or(Cell::Missing, |v| Cell::num(v, ind.meta.decimals))
}

/// A standing's rank cell: empty for a position among the values held of a partial list.
pub fn rank_cell(s: &Standing) -> Cell {
    if s.basis == RankBasis::Held || (s.at_least.is_some() && s.basis != RankBasis::Published) {
        Cell::Empty
    } else {
        Cell::num(s.rank, 0)
    }
}

/// A standing's "of N" cell: empty for a partial list (see `ranked_at_least`).
pub fn of_cell(s: &Standing) -> Cell {
    if s.at_least.is_some() || s.basis == RankBasis::Held {
        Cell::Empty
    } else {
        Cell::plain(s.of as i64)
    }
}

/// One quick-facts sentence for a row.
pub fn fact(row: &ProfileRow, dataset_title: &str, group: Option<&str>) -> String {
    let ind = &row.indicator;
    let label = label(ind, dataset_title);
    let s = match &row.standing {
        Err(m) => return format!("**{label}:** no data ({})", m.describe(ind)),
        Ok(s) => s,
    };
    let tied = if s.tied { " (tied)" } else { "" };
    let mut text = match s.value {
        None => format!(
            "**{label}:** {} ({}; value not published)",
            standing_phrase(s, tied),
            year_phrase(ind, s.year)
        ),
        Some(_) if row.is_rank_type() => format!(
            "**{label}:** {}{tied} of {} ({})",
            ordinal(s.rank),
            s.of,
            year_phrase(ind, s.year)
        ),
        Some(v) => format!(
            "**{label}:** {} ({}), {}",
            value_phrase(ind, v),
            year_phrase(ind, s.year),
            standing_phrase(s, tied)
        ),
    };
    if let (Some(g), Some(gs)) = (group, &row.group) {
        if gs.at_least.is_none() {
            text.push_str(&format!("; {} of {} in {g}", ordinal(gs.rank), gs.of));
        }
    }
    text.push_str(&format!(" — {}", row.source));
    text
}

/// A short remark for the row's `note` column (the notes below the table explain it in full).
fn row_note(row: &ProfileRow) -> String {
    let mut parts = Vec::new();
    if let Some((ind, _)) = row.fallback_from.first() {
        parts.push(format!(
            "{} (no {} value)",
            price_basis(&row.indicator),
            short_basis(ind)
        ));
    }
    if let Err(m) = &row.standing {
        parts.push(m.describe(&row.indicator));
    }
    parts.join("; ")
}

/// "current-PPP" from "million USD, current PPPs"; the id otherwise.
fn short_basis(ind: &Indicator) -> String {
    match ind.meta.unit.split_once(", ") {
        Some((_, b)) => b.trim_end_matches('s').replace(' ', "-"),
        None => ind.id.clone(),
    }
}

/// "constant 2015 prices and PPPs" from a money unit, else the unit.
fn price_basis(ind: &Indicator) -> String {
    let u = &ind.meta.unit;
    u.split_once(", ").map_or(u.clone(), |(_, b)| b.to_string())
}

/// "as of 2021-08-18", "2019", "latest values".
pub fn period_label(period: &Period) -> String {
    match (&period.as_of, period.year) {
        (Some(d), Some(y)) => format!("{y}, as of {d}"),
        (Some(d), None) => format!("as of {d}"),
        (None, Some(y)) => format!("{y}"),
        (None, None) => "latest values".into(),
    }
}

/// The profile as a report: one row per indicator, a quick-facts box, notes.
pub fn profile_report(catalog: &Catalog, query: &ProfileQuery) -> Result<Report> {
    let p = compute(catalog, query)?;
    let countries = catalog.countries()?;
    let group = match &query.group {
        Some(g) => Some(countries.group(g)?.id.clone()),
        None => None,
    };
    let mut r = Report::new(format!(
        "{} — quick facts ({})",
        p.name,
        period_label(&query.period)
    ))
    .text_column("indicator")
    .detail()
    .text_column("title")
    .number_column("value", 2)
    .text_column("unit")
    .number_column("year", 0)
    .text_column("year_kind")
    .detail()
    .number_column("rank", 0)
    .number_column("of", 0)
    .number_column("ranked_at_least", 0)
    .number_column("published_rank", 0)
    .detail();
    if group.is_some() {
        r = r
            .text_column("group")
            .detail()
            .number_column("group_rank", 0)
            .number_column("group_of", 0);
    }
    r = r
        .text_column("source")
        .detail()
        .text_column("published")
        .detail()
        .text_column("note");
    let mut years = BTreeSet::new();
    for row in &p.rows {
        let ind = &row.indicator;
        let dataset = catalog.dataset(&ind.dataset)?;
        let title = label(ind, &dataset.title);
        let s = row.standing.as_ref().ok();
        if let Some(s) = s {
            years.insert((s.year, ind.meta.year_kind.label()));
        }
        let mut cells = vec![
            Cell::text(&ind.id),
            Cell::text(title),
            s.map_or(Cell::Missing, |s| value_cell(s, ind)),
            Cell::text(&ind.meta.unit),
            s.map_or(Cell::Empty, |s| Cell::plain(s.year as i64)),
            Cell::text(ind.meta.year_kind.label()),
            s.map_or(Cell::Empty, rank_cell),
            s.map_or(Cell::Empty, of_cell),
            s.and_then(|s| s.at_least)
                .map_or(Cell::Empty, |n| Cell::plain(n as i64)),
            s.and_then(|s| s.published_rank)
                .map_or(Cell::Empty, |v| Cell::plain(v as i64)),
        ];
        if let Some(g) = &group {
            cells.push(Cell::text(g));
            cells.push(
                row.group
                    .as_ref()
                    .map_or(Cell::Empty, |g| Cell::num(g.rank, 0)),
            );
            cells.push(
                row.group
                    .as_ref()
                    .map_or(Cell::Empty, |g| Cell::plain(g.of as i64)),
            );
        }
        cells.push(Cell::text(&row.source));
        cells.push(Cell::text(
            s.and_then(|s| s.published.clone()).unwrap_or_default(),
        ));
        cells.push(Cell::text(row_note(row)));
        r.push_row(cells);
        r.facts.push(fact(row, &dataset.title, group.as_deref()));
    }
    // Tables show the note column only when some row has a note; CSV and JSON always have it.
    let note_col = r.columns.len() - 1;
    if r.rows.iter().all(|row| row[note_col] == Cell::text("")) {
        r.columns[note_col].detail = true;
    }
    add_profile_notes(&mut r, catalog, &p, query, &years)?;
    Ok(r)
}

fn add_profile_notes(
    r: &mut Report,
    catalog: &Catalog,
    p: &Profile,
    query: &ProfileQuery,
    years: &BTreeSet<(i32, &str)>,
) -> Result<()> {
    r.note(format!(
        "Period: each indicator's {} (an index: its latest edition); rank = the source's published rank where it publishes one, else the place among all countries with a value in the same publication (NCSES table) or year (aggregates left out); \"of\" = how many were ranked; a partial list (IFR) gives the release's rank and how many it ranked at least, never \"of N\" over the part innodex holds; ties: {}.",
        match (&query.period.as_of, query.period.year) {
            (_, Some(y)) => format!("values for {y}"),
            (Some(d), None) => format!("latest value published by {d}"),
            (None, None) => "latest value".to_string(),
        },
        query.ties.describe()
    ));
    if p.rows.iter().any(|r| r.is_rank_type()) {
        r.note("Rows of a published rank (GII, Bloomberg): the value is the source's rank in that edition and \"of\" the number of economies the edition ranked.");
    }
    if years.len() > 1 {
        let list: Vec<String> = p
            .rows
            .iter()
            .filter_map(|row| {
                let s = row.standing.as_ref().ok()?;
                Some(format!(
                    "{} {}",
                    row.indicator.id,
                    year_phrase(&row.indicator, s.year)
                ))
            })
            .collect();
        r.note(format!(
            "Mixed years: the figures come from different years ({}).",
            list.join(", ")
        ));
    }
    for row in &p.rows {
        if let Ok(s) = &row.standing {
            if s.ranked_years.0 != s.ranked_years.1 {
                r.note(format!(
                    "{}: ranked against each country's latest value, from {} to {}.",
                    row.indicator.id, s.ranked_years.0, s.ranked_years.1
                ));
            }
        }
        for (ind, m) in &row.fallback_from {
            r.note(format!(
                "Price basis: {} is in {} — {} for {}{}: {}.",
                row.indicator.id,
                price_basis(&row.indicator),
                ind.id,
                p.name,
                query
                    .period
                    .as_of
                    .as_ref()
                    .map_or(String::new(), |d| format!(" as of {d}")),
                m.describe(ind),
            ));
        }
        if let Err(m) = &row.standing {
            r.note(format!(
                "No data for {} on {}: {}.",
                p.name,
                row.indicator.id,
                m.describe(&row.indicator)
            ));
        }
    }
    let mut seen = BTreeSet::new();
    for row in &p.rows {
        if seen.insert(row.indicator.dataset.clone()) {
            let d = catalog.dataset(&row.indicator.dataset)?;
            r.note(format!(
                "{}: {}; licence: {}.",
                d.title, d.publisher, d.licence
            ));
        }
    }
    Ok(())
}

/// `--strengths`: every indicator with a value for the country, ordered by percentile rank.
pub fn strengths_report(catalog: &Catalog, query: &ProfileQuery, n: usize) -> Result<Report> {
    // Default set: every indicator except totals that grow with the economy's size, and except
    // a published rank whose score is also in the dataset (the same standing counted twice).
    let all = catalog.indicators();
    let mut skipped = Vec::new();
    let specs = if query.indicators.is_empty() {
        all.iter()
            .filter(|i| {
                // Declared in dataset.toml: `kind = "rank"` with `ranks = "<score id>"`.
                let twin = i.meta.ranks.as_ref().map(|s| format!("{}.{s}", i.dataset));
                let duplicate =
                    is_rank_type(i) && twin.is_some_and(|t| all.iter().any(|o| o.id == t));
                if i.meta.size_measure || duplicate {
                    skipped.push(i.id.clone());
                }
                !i.meta.size_measure && !duplicate
            })
            .map(|i| i.id.clone())
            .collect()
    } else {
        query.indicators.clone()
    };
    // One indicator at a time: one that cannot answer the period (no publication dates for
    // --as-of) is named in the notes instead of stopping the whole assessment.
    let mut p = Profile {
        iso3: query.country.clone(),
        name: display_name(catalog.countries()?, &query.country),
        rows: vec![],
    };
    let mut failed = Vec::new();
    for spec in specs {
        let q = ProfileQuery {
            indicators: vec![spec.clone()],
            ..query.clone()
        };
        match compute(catalog, &q) {
            Ok(one) => p.rows.extend(one.rows),
            Err(e) if query.indicators.is_empty() => failed.push((spec, e.to_string())),
            Err(e) => return Err(e),
        }
    }
    let mut ranked: Vec<(&ProfileRow, f64)> = p
        .rows
        .iter()
        .filter_map(|r| Some((r, r.percentile()?)))
        .filter(|(r, _)| r.standing.as_ref().is_ok_and(|s| s.of > 1))
        .collect();
    ranked.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then(a.0.indicator.id.cmp(&b.0.indicator.id))
    });
    let len = ranked.len();
    let mut r = Report::new(format!(
        "{} — strengths and weaknesses ({})",
        p.name,
        period_label(&query.period)
    ))
    .text_column("assessment")
    .number_column("percentile", 0)
    .text_column("indicator")
    .number_column("value", 2)
    .text_column("unit")
    .detail()
    .number_column("year", 0)
    .number_column("rank", 0)
    .number_column("of", 0)
    .text_column("source")
    .detail();
    for (i, (row, pct)) in ranked.iter().enumerate() {
        let Ok(s) = &row.standing else { continue };
        let assessment = if i < n || s.rank <= 3.0 {
            "strength"
        } else if i + n >= len {
            "weakness"
        } else {
            ""
        };
        r.push_row(vec![
            Cell::text(assessment),
            Cell::num(*pct, 0),
            Cell::text(&row.indicator.id),
            value_cell(s, &row.indicator),
            Cell::text(&row.indicator.meta.unit),
            Cell::plain(s.year as i64),
            Cell::num(s.rank, 0),
            Cell::plain(s.of as i64),
            Cell::text(&row.source),
        ]);
        if !assessment.is_empty() {
            let dataset = catalog.dataset(&row.indicator.dataset)?;
            r.facts.push(format!(
                "{assessment}: {}",
                fact(row, &dataset.title, None).replacen("**", "", 2)
            ));
        }
    }
    r.note(format!(
        "Percentile rank = 100 × (of − rank) / (of − 1): 100 = 1st, 0 = last. Strengths: the {n} highest percentile ranks and any rank 1–3; weaknesses: the {n} lowest (ties in percentile broken by indicator id). Indicators ranking a single country are left out."
    ));
    if !skipped.is_empty() {
        r.note(format!(
            "Left out of the default set: totals that grow with the size of the economy, and published ranks whose score is assessed: {}. Name them with --indicators to include them.",
            skipped.join(", ")
        ));
    }
    let without: Vec<String> = p
        .rows
        .iter()
        .filter_map(|r| {
            let m = r.standing.as_ref().err()?;
            matches!(
                m,
                Missing::NoValueInPeriod { .. } | Missing::RankOnly { .. }
            )
            .then(|| format!("{} ({})", r.indicator.id, m.describe(&r.indicator)))
        })
        .collect();
    if !without.is_empty() {
        r.note(format!(
            "Not assessed, no value in the period: {}.",
            without.join("; ")
        ));
    }
    if !failed.is_empty() {
        let ids: Vec<&str> = failed.iter().map(|(id, _)| id.as_str()).collect();
        r.note(format!(
            "Not assessed, the period cannot be applied: {} (e.g. {}).",
            ids.join(", "),
            failed[0].1
        ));
    }
    let uncovered = p
        .rows
        .iter()
        .filter(|r| r.standing == Err(Missing::NotCovered))
        .count();
    if uncovered > 0 {
        r.note(format!(
            "{uncovered} indicators do not cover {} at all and are left out.",
            p.name
        ));
    }
    r.note(format!(
        "Period: {}; ranks among all countries with a value (aggregates left out); ties: {}.",
        period_label(&query.period),
        query.ties.describe()
    ));
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixtures() -> Catalog {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/datasets");
        Catalog::open(crate::catalog::DataSource::Dir(dir)).expect("fixtures open")
    }

    fn query(country: &str, specs: &[&str], year: Option<i32>) -> ProfileQuery {
        ProfileQuery {
            country: country.into(),
            indicators: specs.iter().map(|s| s.to_string()).collect(),
            period: Period {
                year,
                ..Default::default()
            },
            group: None,
            ties: Ties::Min,
        }
    }

    #[test]
    fn ties_share_a_rank_and_groups_rank_again() {
        let c = fixtures();
        let mut q = query("JPN", &["demo.rd"], Some(2021));
        q.group = Some("asia".into());
        let p = compute(&c, &q).expect("profile");
        let s = p.rows[0].standing.clone().expect("value");
        // DEU = JPN = 3.30 in 2021: both 2nd of 4 (SGP has no 2021 value).
        assert_eq!(
            (s.value, s.year, s.rank, s.of, s.tied),
            (Some(3.3), 2021, 2.0, 4, true)
        );
        let g = p.rows[0].group.clone().expect("group rank");
        assert_eq!((g.rank, g.of), (2.0, 2));
    }

    #[test]
    fn missing_values_say_why() {
        let c = fixtures();
        let p = compute(
            &c,
            &query("SGP", &["demo.rd", "demo.index_rank"], Some(2021)),
        )
        .expect("profile");
        assert_eq!(
            p.rows[0].standing,
            Err(Missing::NoValueInPeriod { latest: Some(2020) })
        );
        assert_eq!(
            p.rows[1].standing,
            Err(Missing::RankOnly {
                year: 2021,
                rank: 4
            })
        );
        let p = compute(&c, &query("TUR", &["demo.index_rank"], None)).expect("profile");
        assert_eq!(p.rows[0].standing, Err(Missing::NotCovered));
    }

    #[test]
    fn alternatives_fall_back_and_latest_ranks_within_the_same_year() {
        let c = fixtures();
        let p =
            compute(&c, &query("SGP", &["demo.index_rank|demo.rd"], Some(2020))).expect("profile");
        assert_eq!(p.rows[0].indicator.id, "demo.rd");
        assert_eq!(p.rows[0].fallback_from[0].0.id, "demo.index_rank");
        let s = p.rows[0].standing.clone().expect("value");
        assert_eq!((s.value, s.rank, s.of), (Some(2.16), 5.0, 5));
        // Latest: TUR's newest value is 2019, ranked among the six 2019 values (not FIN 2023).
        let p = compute(&c, &query("TUR", &["demo.rd"], None)).expect("profile");
        let s = p.rows[0].standing.clone().expect("value");
        assert_eq!((s.year, s.rank, s.of), (2019, 6.0, 6));
    }

    #[test]
    fn labels_phrases_and_attribution() {
        assert_eq!(
            drop_year("Source: WIPO, GII (edition {year})"),
            "Source: WIPO, GII"
        );
        assert_eq!(drop_year("Source: X ({year}); more"), "Source: X; more");
        let c = fixtures();
        let ind = c.indicator("demo.rd").expect("ind");
        assert_eq!(value_phrase(&ind, 3.3), "3.30% of GDP");
        assert_eq!(label(&ind, "Demo"), "R&D spending");
        let mut gii = ind.clone();
        gii.meta.title = "Global Innovation Index rank".into();
        assert_eq!(
            label(&gii, "WIPO Global Innovation Index"),
            "WIPO Global Innovation Index rank"
        );
        gii.meta.unit = "million USD, constant 2015 prices and PPPs".into();
        gii.meta.decimals = 0;
        assert_eq!(
            value_phrase(&gii, 171839.9),
            "USD 171.8 billion in constant 2015 prices and PPPs"
        );
    }

    #[test]
    fn strengths_use_percentile_ranks() {
        let c = fixtures();
        let q = query("JPN", &[], Some(2021));
        let r = strengths_report(&c, &q, 1).expect("strengths");
        // index_rank: 2nd of 3 → 50; rd: 2nd of 4 → 66.7 (both ranks ≤ 3: strengths).
        let pct: Vec<String> = r.rows.iter().map(|row| row[1].raw()).collect();
        assert_eq!(pct, vec!["66.66666666666667", "50"]);
        assert!(r.rows.iter().all(|row| row[0] == Cell::text("strength")));
    }

    #[test]
    fn ordinals_and_percentiles() {
        let o: Vec<String> = [1.0, 2.0, 3.0, 4.0, 11.0, 12.0, 13.0, 21.0, 22.0, 103.0]
            .iter()
            .map(|&r| ordinal(r))
            .collect();
        assert_eq!(
            o,
            ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "103rd"]
        );
        assert_eq!(percentile(1.0, 5), 100.0);
        assert_eq!(percentile(5.0, 5), 0.0);
        assert_eq!(percentile(2.0, 5), 75.0);
        assert_eq!(percentile(1.0, 1), 100.0);
    }
}
