//! Charts over time: line charts of each country's values and slope charts between two years
//! or editions (published ranks at both ends for rank series).

use super::*;

/// Time series of some countries.
#[derive(Debug, Clone)]
pub struct LineQuery {
    pub indicator: String,
    /// Names, codes or aliases.
    pub countries: Vec<String>,
    pub from: Option<i32>,
    pub to: Option<i32>,
    /// Only `as_of` is used: which publications count.
    pub period: Period,
    pub options: ChartOptions,
}

/// Builds a line chart: every year of each country's values (as published by `--as-of`).
pub fn line(catalog: &Catalog, q: &LineQuery) -> Result<Figure> {
    let countries = catalog.countries()?;
    let ind = catalog.indicator(&q.indicator)?;
    if q.countries.is_empty() {
        return Err(Error::Usage("chart line needs --countries LIST".into()));
    }
    let mut codes_in: Vec<String> = Vec::new();
    for list in &q.countries {
        for code in countries.resolve_list(list)? {
            if !codes_in.contains(&code) {
                codes_in.push(code);
            }
        }
    }
    let hs = resolve_highlights(countries, &q.options.highlight)?;
    let obs: Vec<_> = catalog
        .observations(&ind)?
        .into_iter()
        .filter(|o| codes_in.contains(&o.iso3))
        .filter(|o| q.from.is_none_or(|f| o.year >= f) && q.to.is_none_or(|t| o.year <= t))
        .collect();
    let years: BTreeSet<i32> = obs.iter().map(|o| o.year).collect();
    let mut series: Vec<LineSeries> = codes_in
        .iter()
        .map(|c| LineSeries {
            label: display_name(countries, c),
            code: c.clone(),
            points: vec![],
            highlight: false,
        })
        .collect();
    for &yr in &years {
        let period = q.period.at_year(yr);
        for s in select(catalog, &ind, &period)?
            .rows
            .into_iter()
            .filter(|s| codes_in.contains(&s.iso3))
        {
            if let Some(ser) = series.iter_mut().find(|x| x.code == s.iso3) {
                ser.points.push((s.year, s.value));
                if highlight_of(&hs, countries, &s.iso3, s.year).is_some() {
                    ser.highlight = true;
                }
            }
        }
    }
    let (with, without): (Vec<LineSeries>, Vec<LineSeries>) =
        series.into_iter().partition(|s| !s.points.is_empty());
    if with.is_empty() {
        return Err(Error::Findings(format!(
            "none of {} has a value of {} in the years asked for",
            codes_in.join(", "),
            ind.id
        )));
    }
    let used: Vec<i32> = with
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.0))
        .collect();
    let mut footer = vec![source_note(catalog, &ind, &years_text(&used))?];
    let mut line = format!(
        "{} countries; {}s {}; every year with a value is drawn; a thin line bridges years without one",
        with.len(),
        ind.meta.year_kind.label(),
        years_text(&used)
    );
    if let Some(d) = &q.period.as_of {
        line.push_str(&format!("; as published by {}", d.end));
    }
    line.push('.');
    footer.push(line);
    if !without.is_empty() {
        let v: Vec<&str> = without.iter().map(|s| s.code.as_str()).collect();
        footer.push(format!("No value in these years: {}.", codes(&v)));
    }
    for c in &ind.meta.caveats {
        footer.push(format!("Caveat: {c}"));
    }
    let n = with.len();
    let title = format!("{}, {}", short_title(&ind), years_text(&used));
    let spec = LineSpec {
        series: with,
        y_axis: Axis::linear(axis_title(&ind, false)),
        decimals: Some(ind.meta.decimals as usize),
        highlight_name: highlight_key(&hs),
    };
    Ok(finish(
        &q.options,
        title,
        None,
        footer,
        ChartKind::Line(spec),
        n,
    ))
}

/// Change between two years or editions.
#[derive(Debug, Clone)]
pub struct SlopeQuery {
    pub indicator: String,
    pub from: i32,
    pub to: i32,
    /// Compare ranks (among countries with values in both years) instead of values.
    pub rank: bool,
    /// Only `as_of` is used.
    pub period: Period,
    pub universe: Universe,
    pub options: ChartOptions,
}

/// Builds a slope chart between `from` and `to`, with the comparability caveats in the footer.
pub fn slope(catalog: &Catalog, q: &SlopeQuery) -> Result<Figure> {
    let countries = catalog.countries()?;
    let ind = catalog.indicator(&q.indicator)?;
    let universe = q.universe.clone().resolve(countries)?;
    let hs = resolve_highlights(countries, &q.options.highlight)?;
    let at = |yr: i32| -> Result<Vec<(String, f64)>> {
        let p = q.period.at_year(yr);
        Ok(select(catalog, &ind, &p)?
            .rows
            .into_iter()
            .filter(|s| universe.admits(countries, &s.iso3, yr))
            .map(|s| (s.iso3, s.value))
            .collect())
    };
    let (a, b) = (at(q.from)?, at(q.to)?);
    let both: Vec<(String, f64, f64)> = a
        .iter()
        .filter_map(|(c, v0)| {
            b.iter()
                .find(|(d, _)| d == c)
                .map(|(_, v1)| (c.clone(), *v0, *v1))
        })
        .collect();
    if both.is_empty() {
        return Err(Error::Findings(format!(
            "no country has a value of {} in both {} and {}",
            ind.id, q.from, q.to
        )));
    }
    let only_a: Vec<&str> = a
        .iter()
        .filter(|(c, _)| !b.iter().any(|(d, _)| d == c))
        .map(|(c, _)| c.as_str())
        .collect();
    let only_b: Vec<&str> = b
        .iter()
        .filter(|(c, _)| !a.iter().any(|(d, _)| d == c))
        .map(|(c, _)| c.as_str())
        .collect();
    let (start, end): (Vec<f64>, Vec<f64>) = if q.rank {
        let hf = ind.meta.higher_is_better;
        let rows = |i: usize| -> Vec<(String, f64, String)> {
            both.iter()
                .map(|t| {
                    (
                        display_name(countries, &t.0),
                        if i == 0 { t.1 } else { t.2 },
                        String::new(),
                    )
                })
                .collect()
        };
        (
            assign_ranks(&rows(0), Ties::Min, hf, false)?,
            assign_ranks(&rows(1), Ties::Min, hf, false)?,
        )
    } else {
        (
            both.iter().map(|t| t.1).collect(),
            both.iter().map(|t| t.2).collect(),
        )
    };
    let items: Vec<SlopeItem> = both
        .iter()
        .zip(start.iter().zip(&end))
        .map(|(t, (s, e))| SlopeItem {
            label: display_name(countries, &t.0),
            code: t.0.clone(),
            start: *s,
            end: *e,
            highlight: highlight_of(&hs, countries, &t.0, q.to).is_some(),
        })
        .collect();
    let kind_label = ind.meta.year_kind.label();
    let mut footer = vec![source_note(
        catalog,
        &ind,
        &format!("{}, {}", q.from, q.to),
    )?];
    let mut line = format!(
        "{} countries with values in both {kind_label}s {} and {}; universe: {}.",
        items.len(),
        q.from,
        q.to,
        crate::present::universe::describe(&universe, countries)
    );
    if q.rank {
        line.push_str(" Ranks are among these countries only (1 = best), not the published ranks.");
    }
    footer.push(line);
    let mut left = Vec::new();
    if !only_a.is_empty() {
        left.push(format!("no {} value: {}", q.to, codes(&only_a)));
    }
    if !only_b.is_empty() {
        left.push(format!("no {} value: {}", q.from, codes(&only_b)));
    }
    if !left.is_empty() {
        footer.push(format!("Left out — {}.", left.join("; ")));
    }
    if ind.meta.caveats.is_empty() {
        footer
            .push("Comparability: the dataset declares no caveat on comparing these years.".into());
    }
    for c in &ind.meta.caveats {
        footer.push(format!("Comparability: {c}"));
    }
    // A rank-type indicator's values are published ranks: draw them with 1 at the top.
    let published_ranks = !q.rank && crate::analysis::standing::is_rank_type(&ind);
    if published_ranks {
        footer.insert(
            1,
            "Values are the source's published ranks (1 = best), drawn with 1 at the top.".into(),
        );
    }
    let n = items.len();
    let what = if q.rank {
        "rank"
    } else if published_ranks {
        "published rank"
    } else {
        "value"
    };
    let title = format!("{}: {what} in {} and {}", short_title(&ind), q.from, q.to);
    let spec = SlopeSpec {
        items,
        start_year: q.from,
        end_year: q.to,
        measure: if q.rank || published_ranks {
            SlopeMeasure::Rank
        } else {
            SlopeMeasure::Value(Axis::linear(axis_title(&ind, false)))
        },
        decimals: Some(ind.meta.decimals as usize),
        highlight_name: highlight_key(&hs),
    };
    Ok(finish(
        &q.options,
        title,
        None,
        footer,
        ChartKind::Slope(spec),
        n,
    ))
}
