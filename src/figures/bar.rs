//! The ranked bar chart: numbered by the published rank where the source publishes one, the
//! universe in the subtitle, each bar's year where years differ.

use super::*;

/// A ranked bar chart.
#[derive(Debug, Clone)]
pub struct BarQuery {
    pub indicator: String,
    pub period: Period,
    pub universe: Universe,
    pub top: Option<usize>,
    pub options: ChartOptions,
}

/// Builds horizontal ranked bars (via [`compute`]).
pub fn bar(catalog: &Catalog, q: &BarQuery) -> Result<Figure> {
    let countries = catalog.countries()?;
    let ranking = compute(
        catalog,
        &RankQuery {
            indicator: q.indicator.clone(),
            period: q.period.clone(),
            universe: q.universe.clone(),
            ties: Ties::Min,
            ..Default::default()
        },
    )?;
    let ind = &ranking.indicator;
    if ranking.rows.is_empty() {
        return Err(Error::Findings(format!(
            "no country has a value for {} ({}); `innodex indicators {}` shows its years",
            ind.id,
            crate::present::period::describe(&q.period, ind),
            ind.id
        )));
    }
    let hs = resolve_highlights(countries, &q.options.highlight)?;
    // As in `rank --top`: countries tied at the cut-off are shown too.
    let shown: Vec<_> = crate::analysis::rank::cut_with_ties(&ranking.rows, q.top)
        .iter()
        .collect();
    let years: Vec<i32> = shown.iter().map(|r| r.year).collect();
    // Bars are numbered by the source's published rank where it publishes one, else by the
    // rank within the universe shown, and the subtitle says which.
    let published_numbers = shown.iter().all(|r| r.published_rank.is_some());
    let items = shown
        .iter()
        .map(|r| {
            let number = match r.published_rank {
                Some(p) if published_numbers => crate::report::format_display(f64::from(p), 0),
                _ => crate::report::format_raw(r.rank),
            };
            // The renderer adds each bar's year to its value label when the years differ.
            BarItem {
                label: format!("{number}. {}", r.name),
                code: r.iso3.clone(),
                value: r.value,
                highlight: highlight_of(&hs, countries, &r.iso3, r.year).is_some(),
                year: Some(r.year),
                // Several highlights: each its own colour and key entry.
                group: if hs.len() > 1 {
                    highlight_of(&hs, countries, &r.iso3, r.year)
                } else {
                    None
                },
            }
        })
        .collect();
    let mut footer = vec![source_note(catalog, ind, &years_text(&years))?];
    // The period, then the years shown unless the period fixed the year (it names it: "edition
    // 2025" once, not twice, for --year 2025).
    let period = crate::present::period::describe(&q.period, ind);
    let when = match q.period.year {
        Some(_) => period,
        None => format!(
            "{period}; {} {}",
            ind.meta.year_kind.label(),
            years_text(&years)
        ),
    };
    let mut line = format!(
        "{} of {} countries ranked shown; {when}; universe: {}.",
        shown.len(),
        ranking.rows.len(),
        crate::present::universe::describe(&ranking.universe, countries)
    );
    let oldest = years.iter().min().copied();
    if years_text(&years).contains('–') {
        let old: Vec<&str> = shown
            .iter()
            .filter(|r| Some(r.year) == oldest)
            .map(|r| r.iso3.as_str())
            .collect();
        if let Some(o) = oldest {
            line.push_str(&format!(" Oldest values ({o}): {}.", codes(&old)));
        }
    }
    footer.push(line);
    let mut left = Vec::new();
    if !ranking.no_value.is_empty() {
        let v: Vec<&str> = ranking.no_value.iter().map(String::as_str).collect();
        left.push(format!(
            "no value in the period ({}): {}",
            v.len(),
            codes(&v)
        ));
    }
    if !ranking.selection.too_old.is_empty() {
        let v: Vec<String> = ranking
            .selection
            .too_old
            .iter()
            .map(|(c, y)| format!("{c} {y}"))
            .collect();
        left.push(format!("too old for --max-age: {}", v.join(", ")));
    }
    if !ranking.selection.rank_only.is_empty() {
        let v: Vec<String> = ranking
            .selection
            .rank_only
            .iter()
            .map(|r| format!("{} {} rank {}", r.iso3, r.year, r.rank))
            .collect();
        left.push(format!("published rank but no value: {}", v.join(", ")));
    }
    if !ranking.aggregates_left_out.is_empty() {
        let v: Vec<&str> = ranking
            .aggregates_left_out
            .iter()
            .map(String::as_str)
            .collect();
        left.push(format!("aggregates: {}", codes(&v)));
    }
    if !left.is_empty() {
        footer.push(format!("Left out — {}.", left.join("; ")));
    }
    if !hs.is_empty() {
        let labels: Vec<&str> = hs.iter().map(|h| h.label.as_str()).collect();
        footer.push(format!("Highlighted: {}.", labels.join("; ")));
    }
    let direction = if ranking.highest_first {
        "highest first"
    } else {
        "lowest first"
    };
    let title = match q.top {
        Some(n) if n < ranking.rows.len() => format!("{}: top {n}", short_title(ind)),
        _ => short_title(ind),
    };
    let among = if !q.universe.groups.is_empty() && q.universe.countries.is_empty() {
        format!(
            "Among {} members",
            crate::present::universe::short(&ranking.universe)
        )
    } else if q.universe.is_restricted() || q.universe.within.is_some() {
        format!(
            "Among {}",
            crate::present::universe::short(&ranking.universe)
        )
    } else {
        "All economies with a value".to_string()
    };
    let numbering = if published_numbers {
        "numbers: the source's published rank"
    } else if q.universe.is_restricted() {
        "numbers: rank within the economies shown"
    } else {
        "numbers: rank"
    };
    let subtitle = format!(
        "{among} ({} ranked); ranked {direction}; {} {}; {numbering}",
        ranking.rows.len(),
        ind.meta.year_kind.label(),
        years_text(&years)
    );
    let spec = BarSpec {
        items,
        value_axis: Axis::linear(axis_title(ind, false)),
        decimals: Some(ind.meta.decimals as usize),
        highlight_name: (hs.len() == 1).then(|| hs[0].label.clone()),
        others_name: (!hs.is_empty()).then(|| "Others".to_string()),
    };
    Ok(finish(
        &q.options,
        title,
        Some(subtitle),
        footer,
        ChartKind::Bar(spec),
        shown.len(),
    ))
}
