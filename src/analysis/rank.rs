//! `rank`: order countries on one indicator, with the rules stated in the notes.

use super::period::{select, Period, Selected, Selection};
use super::universe::Universe;
use crate::catalog::metadata::{IndicatorKind, ListCoverage};
use crate::catalog::{Catalog, Countries, Indicator};
use crate::error::{Error, Result};
use crate::report::{Cell, Report};
use polars::prelude::*;
use std::collections::BTreeSet;

/// How equal values share ranks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Ties {
    /// 1, 2, 2, 4 (competition ranking, as indices publish).
    #[default]
    Min,
    /// 1, 2, 2, 3.
    Dense,
    /// 1, 2, 3, 4, equal values ordered by country name.
    Ordinal,
    /// 1, 2.5, 2.5, 4.
    Average,
}

impl Ties {
    pub fn describe(self) -> &'static str {
        match self {
            Ties::Min => "min (equal values share the best rank: 1, 2, 2, 4)",
            Ties::Dense => "dense (1, 2, 2, 3)",
            Ties::Ordinal => "ordinal (equal values ordered by country name: 1, 2, 3, 4)",
            Ties::Average => "average (1, 2.5, 2.5, 4)",
        }
    }
    fn method(self) -> RankMethod {
        match self {
            Ties::Min => RankMethod::Min,
            Ties::Dense => RankMethod::Dense,
            Ties::Ordinal => RankMethod::Ordinal,
            Ties::Average => RankMethod::Average,
        }
    }
}

/// What to rank and how.
#[derive(Debug, Clone, Default)]
pub struct RankQuery {
    pub indicator: String,
    pub period: Period,
    pub universe: Universe,
    pub ties: Ties,
    /// Overrides the indicator's direction: `Some(true)` ranks the highest value first.
    pub highest_first: Option<bool>,
    pub top: Option<usize>,
    pub compare_year: Option<i32>,
}

/// One ranked country.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    pub iso3: String,
    pub name: String,
    pub value: f64,
    pub year: i32,
    pub published_rank: Option<u32>,
    pub published: Option<String>,
    pub rank: f64,
    /// What `rank` is: the source's published rank, or one computed within a subset.
    pub basis: RankBasis,
    /// The `--within` group, when ranking inside groups.
    pub group: Option<String>,
    pub vintage: Option<String>,
    pub flag: Option<String>,
}

/// What a rank is. The source's published rank is the authority; a computed rank says what it
/// was computed within.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RankBasis {
    /// The source's own published rank (ties on rounded scores never override it).
    Published,
    /// Computed within a subset (a group, listed countries, a `--within` group), in the order
    /// of the published ranks where the source publishes them.
    Within,
    /// Computed from the values over every country with one (the source publishes no rank).
    Computed,
    /// A position among the values innodex holds of a partial list (not the source's rank).
    Held,
}

/// A computed ranking and what was left out of it.
#[derive(Debug, Clone)]
pub struct Ranking {
    pub indicator: Indicator,
    pub rows: Vec<Ranked>,
    pub highest_first: bool,
    /// Named universe members without a value in the period (codes).
    pub no_value: Vec<String>,
    pub selection: Selection,
    /// Aggregates that had a value but were left out.
    pub aggregates_left_out: Vec<String>,
    /// Members of the universe's groups (at the reference year) whose value is from a year
    /// before they were members: (code, year of the value).
    pub not_member_then: Vec<(String, i32)>,
    pub universe_desc: String,
    /// The reference year: named members are judged at it.
    pub reference_year: i32,
    /// What a computed rank is within, in a few words ("OECD", "the listed countries").
    pub universe_short: String,
}

/// The `rank_basis` cell: what a rank is.
pub fn basis_label(basis: RankBasis, within: &str) -> String {
    match basis {
        RankBasis::Published => "published".into(),
        RankBasis::Within => format!("within {within}"),
        RankBasis::Computed => "computed from values".into(),
        RankBasis::Held => "among values held (partial list)".into(),
    }
}

/// Assigns ranks to (name, value, group) rows: the core that every ranking goes through.
///
/// Returns one rank per input row, in input order.
pub fn assign_ranks(
    rows: &[(String, f64, String)],
    ties: Ties,
    highest_first: bool,
    within: bool,
) -> Result<Vec<f64>> {
    if rows.is_empty() {
        return Ok(vec![]);
    }
    // Ordinal ranks follow row order among equal values, so order rows by name first.
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| rows[a].0.cmp(&rows[b].0).then(a.cmp(&b)));
    let df = df!(
        "pos" => order.iter().map(|&i| i as u32).collect::<Vec<u32>>(),
        "value" => order.iter().map(|&i| rows[i].1).collect::<Vec<f64>>(),
        "grp" => order.iter().map(|&i| rows[i].2.as_str()).collect::<Vec<&str>>(),
    )?;
    // Polars breaks ordinal ties by position for ascending ranks; for descending ranks the
    // negated value keeps that order, so rank ascending on the signed value.
    let signed = if highest_first {
        -col("value")
    } else {
        col("value")
    };
    let mut rank = signed.rank(
        RankOptions {
            method: ties.method(),
            descending: false,
        },
        None,
    );
    if within {
        rank = rank.over([col("grp")])?;
    }
    let out = df
        .lazy()
        .with_column(rank.cast(DataType::Float64).alias("rank"))
        .collect()?;
    let pos: Vec<u32> = out.column("pos")?.u32()?.iter().flatten().collect();
    let ranks: Vec<f64> = out
        .column("rank")?
        .f64()?
        .iter()
        .map(|r| r.unwrap_or(f64::NAN))
        .collect();
    let mut result = vec![f64::NAN; rows.len()];
    for (p, r) in pos.iter().zip(ranks) {
        result[*p as usize] = r;
    }
    Ok(result)
}

/// Ranks an indicator over a period and universe (each distinct query once per process).
pub fn compute(catalog: &Catalog, query: &RankQuery) -> Result<Ranking> {
    let key = format!("rank {query:?}");
    Ok((*catalog.memoised(key, || compute_once(catalog, query))?).clone())
}

fn compute_once(catalog: &Catalog, query: &RankQuery) -> Result<Ranking> {
    let countries = catalog.countries()?;
    let indicator = catalog.indicator(&query.indicator)?;
    let universe = query.universe.clone().resolve(countries)?;
    let selection = select(catalog, &indicator, &query.period)?;
    let highest_first = query
        .highest_first
        .unwrap_or(indicator.meta.higher_is_better);
    let reference_year = query.period.reference_year(crate::catalog::dates::today());
    let members_now: BTreeSet<String> = universe
        .named_members(countries, reference_year)
        .into_iter()
        .collect();
    let mut kept = Vec::new();
    let mut aggregates_left_out = Vec::new();
    let mut not_member_then = Vec::new();
    for s in &selection.rows {
        if universe.admits(countries, &s.iso3, s.year) {
            kept.push(s.clone());
        } else if countries.is_aggregate(&s.iso3) && !universe.include_aggregates {
            aggregates_left_out.push(s.iso3.clone());
        } else if members_now.contains(&s.iso3) {
            // A member now whose value is from before it joined: named, never silently dropped.
            not_member_then.push((s.iso3.clone(), s.year));
        }
    }
    let within = universe.within.is_some();
    let restricted = universe.is_restricted() || within;
    let rank_valued = indicator.meta.kind == IndicatorKind::Rank;
    let partial = indicator.meta.list == ListCoverage::Partial;
    let published_of = |s: &Selected| {
        if rank_valued {
            Some(s.value as u32)
        } else {
            s.published_rank
        }
    };
    // Published ranks are one publication's: used as the rank only when every value shown is
    // from the same edition or release (ranks from two releases would contradict each other).
    let cohorts: BTreeSet<(i32, Option<&str>)> = kept
        .iter()
        .map(|s| (s.year, s.published.as_deref()))
        .collect();
    let one_publication = cohorts.len() <= 1;
    let all_published = !kept.is_empty()
        && (one_publication || rank_valued)
        && kept.iter().all(|s| published_of(s).is_some());
    // Ranked within a subset on the published order where the source publishes one, so a
    // subset never reorders what the source ranked.
    let by_published = all_published && !partial && query.highest_first.is_none();
    let rows_in: Vec<(String, f64, String)> = kept
        .iter()
        .map(|s| {
            let group = universe
                .within_group(countries, &s.iso3, s.year)
                .unwrap_or_else(|| "(no group)".into());
            let key = if by_published {
                published_of(s).map_or(f64::NAN, f64::from)
            } else {
                s.value
            };
            (display_name(countries, &s.iso3), key, group)
        })
        .collect();
    let ties = if by_published { Ties::Min } else { query.ties };
    let ranks = assign_ranks(
        &rows_in,
        ties,
        if by_published { false } else { highest_first },
        within,
    )?;
    let mut rows: Vec<Ranked> = kept
        .iter()
        .zip(rows_in)
        .zip(ranks)
        .map(|((s, (name, _, group)), computed)| {
            let published = published_of(s).filter(|_| one_publication || rank_valued);
            let (rank, basis) = match (published, restricted, partial) {
                // The direction set on the command line reorders: a computed rank.
                _ if query.highest_first.is_some() => (computed, RankBasis::Computed),
                (Some(p), false, _) => (f64::from(p), RankBasis::Published),
                (_, true, _) => (computed, RankBasis::Within),
                (None, false, true) => (computed, RankBasis::Held),
                (None, false, false) => (computed, RankBasis::Computed),
            };
            Ranked {
                iso3: s.iso3.clone(),
                name,
                value: s.value,
                year: s.year,
                published_rank: published_of(s),
                published: s.published.clone(),
                rank,
                basis,
                group: within.then_some(group),
                vintage: s.vintage.clone(),
                flag: s.flag.clone(),
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        a.group
            .cmp(&b.group)
            .then(a.rank.total_cmp(&b.rank))
            .then(b.value.total_cmp(&a.value).then(a.name.cmp(&b.name)))
    });
    let have: BTreeSet<&str> = selection
        .rows
        .iter()
        .map(|r| r.iso3.as_str())
        .chain(selection.too_old.iter().map(|(c, _)| c.as_str()))
        .chain(selection.rank_only.iter().map(|r| r.iso3.as_str()))
        .chain(selection.not_in_edition.iter().map(|(c, _)| c.as_str()))
        .collect();
    let no_value = if universe.is_restricted() {
        universe
            .named_members(countries, reference_year)
            .into_iter()
            .filter(|m| !have.contains(m.as_str()))
            .collect()
    } else {
        // Unrestricted: countries with data in other periods but none in this one.
        let df = catalog.frame(&indicator)?;
        let codes = df.column(crate::catalog::store::cols::ISO3)?.str()?;
        let values = df.column(crate::catalog::store::cols::VALUE)?.f64()?;
        let mut v: Vec<String> = codes
            .iter()
            .zip(values.iter())
            .filter_map(|(c, v)| Some((c?, v?)))
            .filter(|(c, _)| !have.contains(c) && !countries.is_aggregate(c))
            .map(|(c, _)| c.to_string())
            .collect();
        v.sort();
        v.dedup();
        v
    };
    Ok(Ranking {
        universe_short: universe.short(),
        universe_desc: universe.describe(countries),
        indicator,
        rows,
        highest_first,
        no_value,
        selection,
        aggregates_left_out,
        not_member_then,
        reference_year,
    })
}

/// The first `top` rows of a ranking sorted by rank, plus any rows tied with the last of them.
pub fn cut_with_ties(rows: &[Ranked], top: Option<usize>) -> &[Ranked] {
    let Some(n) = top else { return rows };
    if n == 0 || n >= rows.len() {
        return &rows[..n.min(rows.len())];
    }
    let last = rows[n - 1].rank;
    let end = n + rows[n..].iter().take_while(|r| r.rank == last).count();
    &rows[..end]
}

pub use crate::wording::plural;

/// A country's display name, or its code when the reference does not know it.
pub fn display_name(countries: &Countries, code: &str) -> String {
    countries.display_name(code)
}

/// "Japan (JPN), Korea (KOR)" — names with codes, for notes.
pub fn name_list(countries: &Countries, codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| format!("{} ({c})", display_name(countries, c)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Ranks and writes the result as a report (the `rank` command).
pub fn rank_report(catalog: &Catalog, query: &RankQuery) -> Result<Report> {
    let ranking = compute(catalog, query)?;
    let countries = catalog.countries()?;
    let ind = &ranking.indicator;
    let dataset = catalog.dataset(&ind.dataset)?;
    if ranking.rows.is_empty() {
        let mut msg = format!(
            "no country has a value for {} ({}) among {}",
            ind.id,
            query.period.describe(ind),
            ranking.universe_desc
        );
        if !ranking.no_value.is_empty() {
            msg.push_str(&format!(
                "; without a value: {}",
                name_list(countries, &ranking.no_value)
            ));
        }
        msg.push_str(&format!(
            "; `innodex indicators {}` shows the years it covers",
            ind.id
        ));
        return Err(Error::Findings(msg));
    }
    let earlier = match query.compare_year {
        Some(y0) => {
            let mut q0 = query.clone();
            q0.period = Period::at_year(y0, query.period.as_of.clone());
            q0.compare_year = None;
            Some(compute(catalog, &q0)?)
        }
        None => None,
    };
    let d = ind.meta.decimals;
    let rank_decimals = if query.ties == Ties::Average { 1 } else { 0 };
    let mut report = Report::new(format!("{} — {}", ind.meta.title, ind.id))
        .number_column("rank", rank_decimals)
        .text_column("rank_basis")
        .text_column("iso3")
        .optional()
        .text_column("country")
        .number_column("value", d)
        .text_column("unit")
        .optional()
        .number_column("year", 0)
        .number_column("published_rank", 0);
    if query.universe.within.is_some() {
        report = report.text_column("group");
    }
    report = report
        .text_column("published")
        .text_column("vintage")
        .text_column("source")
        .detail();
    if let Some(y0) = query.compare_year {
        report = report
            .number_column(&format!("rank_{y0}"), rank_decimals)
            .number_column(&format!("value_{y0}"), d)
            .number_column("rank_change", rank_decimals)
            .number_column("value_change", d);
    }
    let rank_valued = crate::analysis::profile::is_rank_type(ind);
    let attribution = catalog.attribution_template(ind)?;
    let limit = query.top.unwrap_or(usize::MAX);
    // Per group: how many shown, and the rank of the last one shown (ties at the cut-off stay).
    let mut shown_per_group: std::collections::HashMap<Option<String>, (usize, f64)> =
        Default::default();
    let mut tied_beyond_top = Vec::new();
    for r in &ranking.rows {
        let (count, last_rank) = shown_per_group
            .entry(r.group.clone())
            .or_insert((0, f64::NAN));
        if *count >= limit {
            if r.rank == *last_rank {
                tied_beyond_top.push(r.iso3.clone());
            } else {
                continue;
            }
        }
        *count += 1;
        *last_rank = r.rank;
        let rank_decimals = if r.basis == RankBasis::Published {
            0
        } else {
            rank_decimals
        };
        let mut row = vec![
            Cell::num(r.rank, rank_decimals),
            Cell::text(basis_label(r.basis, &ranking.universe_short)),
            Cell::text(&r.iso3),
            Cell::text(&r.name),
            Cell::num(r.value, d),
            Cell::text(&ind.meta.unit),
            Cell::plain(r.year as i64),
            r.published_rank
                .map_or(Cell::Empty, |p| Cell::plain(p as i64)),
        ];
        if query.universe.within.is_some() {
            row.push(Cell::text(r.group.clone().unwrap_or_default()));
        }
        row.push(Cell::text(r.published.clone().unwrap_or_default()));
        row.push(Cell::text(r.vintage.clone().unwrap_or_default()));
        // Every CSV row carries its source with the year or edition it comes from.
        row.push(Cell::text(
            attribution.replace("{year}", &r.year.to_string()),
        ));
        if let Some(e) = &earlier {
            let old = e.rows.iter().find(|o| o.iso3 == r.iso3);
            row.push(Cell::opt_num(old.map(|o| o.rank), rank_decimals));
            row.push(Cell::opt_num(old.map(|o| o.value), d));
            // Positive: moved up (a smaller rank number). For a rank-type indicator the value is
            // the source's own published rank, so the change is taken from it, not from a
            // re-rank of the countries shown.
            let change = |o: &Ranked| match (o.published_rank, r.published_rank) {
                (Some(a), Some(b)) => f64::from(a) - f64::from(b),
                _ => o.rank - r.rank,
            };
            row.push(Cell::opt_num(old.map(change), rank_decimals));
            // Rounded to 12 decimals: a difference of two decimals must not print float noise.
            row.push(Cell::opt_num(
                old.map(|o| ((r.value - o.value) * 1e12).round() / 1e12),
                d,
            ));
        }
        report.push_row(row);
    }
    add_notes(&mut report, catalog, &ranking, query)?;
    if !tied_beyond_top.is_empty() {
        report.note(format!(
            "--top {}: also shown because tied at the cut-off: {}.",
            limit,
            name_list(countries, &tied_beyond_top)
        ));
    }
    if let (Some(y0), Some(e)) = (query.compare_year, &earlier) {
        let missing: Vec<String> = ranking
            .rows
            .iter()
            .filter(|r| !e.rows.iter().any(|o| o.iso3 == r.iso3))
            .map(|r| r.iso3.clone())
            .collect();
        if !missing.is_empty() {
            report.note(format!(
                "No value in {y0}: {}.",
                name_list(countries, &missing)
            ));
        }
        if rank_valued {
            report.note(format!("The values are the source's published ranks: rank_change = published rank in {y0} minus now (positive: moved up); value_change = now minus {y0} (negative: moved up)."));
        }
        if !ind.meta.caveats.is_empty() {
            report.note(format!("rank_change and value_change compare {y0} with the current period (positive rank_change: moved up); read the caveats above before reporting a change."));
        }
    }
    report.note(format!(
        "Source: {} ({}); licence: {}.",
        dataset.publisher, dataset.title, dataset.licence
    ));
    Ok(report)
}

fn add_notes(
    report: &mut Report,
    catalog: &Catalog,
    ranking: &Ranking,
    query: &RankQuery,
) -> Result<()> {
    let countries = catalog.countries()?;
    let ind = &ranking.indicator;
    report.note(format!(
        "{} ({}), unit: {}.",
        ind.meta.title, ind.id, ind.meta.unit
    ));
    report.note(format!("Period: {}.", query.period.describe(ind)));
    let mut universe = format!(
        "{} ranked; universe: {}.",
        plural(ranking.rows.len(), "country", "countries"),
        ranking.universe_desc
    );
    if !ranking.no_value.is_empty() {
        let one = ranking.no_value.len() == 1;
        let which = match (query.universe.is_restricted(), one) {
            (true, true) => "in the universe has no value",
            (true, false) => "in the universe have no value",
            (false, true) => "with values in other periods has none in this one",
            (false, false) => "with values in other periods have none in this one",
        };
        universe.push_str(&format!(
            " {} {which}: {}.",
            ranking.no_value.len(),
            name_list(countries, &ranking.no_value)
        ));
    }
    report.note(universe);
    if !ranking.aggregates_left_out.is_empty() {
        report.note(format!(
            "{} with a value left out (--include-aggregates keeps them): {}.",
            plural(ranking.aggregates_left_out.len(), "aggregate", "aggregates"),
            name_list(countries, &ranking.aggregates_left_out)
        ));
    }
    if !ranking.not_member_then.is_empty() {
        let list: Vec<String> = ranking
            .not_member_then
            .iter()
            .map(|(c, y)| format!("{} ({c}, value of {y})", display_name(countries, c)))
            .collect();
        report.note(format!(
            "Members now but not in the year of their value, so not ranked (membership is judged at the end of each value's year): {}.",
            list.join(", ")
        ));
    }
    if !ranking.selection.rank_only.is_empty() {
        let list: Vec<String> = ranking
            .selection
            .rank_only
            .iter()
            .map(|r| {
                let from = r
                    .published
                    .as_ref()
                    .map(|p| format!(", published {p}"))
                    .unwrap_or_default();
                format!(
                    "{} ({}, {}: published rank {}{from})",
                    display_name(countries, &r.iso3),
                    r.iso3,
                    r.year,
                    r.rank
                )
            })
            .collect();
        report.note(format!(
            "Published rank but no value (newer than any value held), so not ranked by value: {}.",
            list.join(", ")
        ));
    }
    if let Some(e) = ranking.selection.edition {
        report.note(format!(
            "One edition at a time: the {e} edition (editions are not comparable); use --year for another."
        ));
    }
    if !ranking.selection.not_in_edition.is_empty() {
        let list: Vec<String> = ranking
            .selection
            .not_in_edition
            .iter()
            .filter(|(c, _)| query.universe.include_aggregates || !countries.is_aggregate(c))
            .map(|(c, y)| format!("{} ({c}, last in {y})", display_name(countries, c)))
            .collect();
        if !list.is_empty() {
            report.note(format!(
                "Not in this edition, so not ranked: {}.",
                list.join(", ")
            ));
        }
    }
    if ranking.selection.used_month_rule {
        if let Some(rule) = &ind.meta.publication {
            report.note(format!(
                "--as-of: no real release date is recorded for some values; they are taken as published by the end of month {} of year + {} ({}).",
                rule.month, rule.year_offset, rule.basis
            ));
        }
    }
    let dataset = catalog.dataset(&ind.dataset)?;
    for v in &ranking.selection.vintages {
        if let Some(d) = dataset.vintages.iter().find(|d| &d.id == v) {
            report.note(format!(
                "Vintage {}: {} (published {}).",
                d.id, d.title, d.published
            ));
        }
    }
    if let Some(as_of) = &query.period.as_of {
        let unvintaged = ranking.rows.iter().any(|r| r.vintage.is_none());
        if unvintaged && dataset.retrieved.as_str() > as_of.end.to_string().as_str() {
            report.note(format!(
                "The values are from the files retrieved {} (a later vintage than {}): a figure revised since may differ from what was published by that date.",
                dataset.retrieved, as_of.end
            ));
        }
    }
    if let (Some(as_of), false) = (
        &query.period.as_of,
        ranking.selection.later_vintage.is_empty(),
    ) {
        let vintages: BTreeSet<&str> = ranking
            .selection
            .later_vintage
            .iter()
            .map(|(_, _, v)| v.as_str())
            .collect();
        report.note(format!(
            "{} values come from a vintage published after {} ({}): no vintage of that date is held, so the figures may have been revised since.",
            ranking.selection.later_vintage.len(),
            as_of.end,
            vintages.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
    // Vintages that disagree, for the values ranked: one caveat naming each.
    let ranked: BTreeSet<&str> = ranking.rows.iter().map(|r| r.iso3.as_str()).collect();
    let gaps: Vec<String> = ranking
        .selection
        .vintage_gaps
        .iter()
        .filter(|g| ranked.contains(g.iso3.as_str()))
        .map(|g| {
            format!(
                "{} {} ({} in {} vs {} in {}, {:.0}% apart)",
                display_name(countries, &g.iso3),
                g.year,
                crate::report::format_display(g.used.1, ind.meta.decimals),
                g.used.0,
                crate::report::format_display(g.other.1, ind.meta.decimals),
                g.other.0,
                g.pct
            )
        })
        .collect();
    if !gaps.is_empty() {
        report.note(format!(
            "Caveat: vintages disagree by more than {}% for {}: {}.",
            crate::report::format_raw(ind.meta.vintage_threshold_pct.unwrap_or(0.0)),
            plural(gaps.len(), "value ranked", "values ranked"),
            gaps.join("; ")
        ));
    }
    if !ranking.selection.too_old.is_empty() {
        let list: Vec<String> = ranking
            .selection
            .too_old
            .iter()
            .filter(|(c, _)| query.universe.include_aggregates || !countries.is_aggregate(c))
            .map(|(c, y)| format!("{} ({c}, {y})", display_name(countries, c)))
            .collect();
        report.note(format!(
            "Left out by --max-age (value too old): {}.",
            list.join(", ")
        ));
    }
    let direction = if ranking.highest_first {
        "highest value ranks 1st"
    } else {
        "lowest value ranks 1st"
    };
    let overridden = if query.highest_first.is_some() {
        " (set on the command line)"
    } else {
        ""
    };
    if ranking.rows.iter().any(|r| r.basis != RankBasis::Published) {
        report.note(format!(
            "Ties: {}; {direction}{overridden}.",
            query.ties.describe()
        ));
    }
    let years: BTreeSet<i32> = ranking.rows.iter().map(|r| r.year).collect();
    if let (Some(first), Some(last)) = (years.first(), years.last()) {
        if first == last {
            report.note(format!(
                "All values are for {} {first}.",
                ind.meta.year_kind.label()
            ));
        } else {
            let oldest: Vec<String> = ranking
                .rows
                .iter()
                .filter(|r| r.year == *first)
                .map(|r| r.iso3.clone())
                .collect();
            report.note(format!(
                "Values mix years {first}–{last}; the oldest value used is from {first} ({}).",
                oldest.join(", ")
            ));
        }
    }
    let bases: BTreeSet<String> = ranking
        .rows
        .iter()
        .map(|r| basis_label(r.basis, &ranking.universe_short))
        .collect();
    if bases.contains("published") {
        report.note(
            "rank is the source's published rank (ties on rounded scores never override it)."
                .to_string(),
        );
    }
    if ranking.rows.iter().any(|r| r.basis == RankBasis::Within) {
        report.note(format!(
            "rank is computed within {} (rank_basis), in the source's published order where it publishes ranks; published_rank is the source's own rank among all economies it covered.",
            ranking.universe_short
        ));
    }
    if ind.meta.list == crate::catalog::metadata::ListCoverage::Partial {
        report.note("Partial list: the source publishes only part of its list and innodex holds what was reported; published_rank is the source's rank in its release, and a rank marked 'among values held' is a position among the values held here, not the source's rank.".to_string());
    }
    for c in &ind.meta.caveats {
        report.note(format!("Caveat: {c}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(vals: &[(&str, f64)]) -> Vec<(String, f64, String)> {
        vals.iter()
            .map(|(n, v)| (n.to_string(), *v, String::new()))
            .collect()
    }

    #[test]
    fn each_tie_rule_gives_its_textbook_ranks() {
        // Values 9, 7, 7, 5: highest first.
        let r = rows(&[
            ("Delta", 7.0),
            ("Alpha", 9.0),
            ("Charlie", 5.0),
            ("Bravo", 7.0),
        ]);
        assert_eq!(
            assign_ranks(&r, Ties::Min, true, false).expect("min"),
            vec![2.0, 1.0, 4.0, 2.0]
        );
        assert_eq!(
            assign_ranks(&r, Ties::Dense, true, false).expect("dense"),
            vec![2.0, 1.0, 3.0, 2.0]
        );
        assert_eq!(
            assign_ranks(&r, Ties::Average, true, false).expect("avg"),
            vec![2.5, 1.0, 4.0, 2.5]
        );
        // Ordinal: Bravo before Delta by name.
        assert_eq!(
            assign_ranks(&r, Ties::Ordinal, true, false).expect("ord"),
            vec![3.0, 1.0, 4.0, 2.0]
        );
        // Lowest first (rank-type indicators).
        assert_eq!(
            assign_ranks(&r, Ties::Ordinal, false, false).expect("ord asc"),
            vec![3.0, 4.0, 1.0, 2.0]
        );
        assert_eq!(
            assign_ranks(&r, Ties::Min, false, false).expect("min asc"),
            vec![2.0, 4.0, 1.0, 2.0]
        );
    }

    #[test]
    fn ranks_restart_within_each_group() {
        let r = vec![
            ("A".to_string(), 1.0, "x".to_string()),
            ("B".to_string(), 2.0, "x".to_string()),
            ("C".to_string(), 3.0, "y".to_string()),
            ("D".to_string(), 0.5, "y".to_string()),
        ];
        assert_eq!(
            assign_ranks(&r, Ties::Min, true, true).expect("within"),
            vec![2.0, 1.0, 1.0, 2.0]
        );
    }
}
