//! `chart map`: the standings `rank` computes (same values, years, universe, left-out
//! countries and notes) → a choropleth [`MapSpec`]: each economy's outline or dot filled by
//! its value's class, "no data" hatched and counted, the extent fitted to a continent or
//! group, and a footer with sources, rank's notes, the class rule and the boundaries caveat.

use super::map_classes::{classes, labels, ClassRule};
use super::*;
use crate::chart::map_palette;
use crate::chart::{MapArea, MapClass, MapDot, MapFill, MapSpec};
use crate::geo::{self, regions};
use crate::present::rank::rank_report;

/// A choropleth map of one indicator.
#[derive(Debug, Clone)]
pub struct MapQuery {
    pub indicator: String,
    pub period: Period,
    pub universe: Universe,
    /// A continent ("Europe", "the Americas", …) or a group id (NATO, OECD, EU, a World Bank
    /// region); None: the world.
    pub region: Option<String>,
    pub rule: ClassRule,
    /// Centre of a diverging scale (e.g. 0 for a change).
    pub centre: Option<f64>,
    pub options: ChartOptions,
}

/// The rank notes a map repeats (all but those about rank numbers, the title line and the
/// source line, which the map words itself).
fn kept_note(n: &str) -> bool {
    !(n.starts_with("Ties:")
        || n.starts_with("rank is ")
        || n.starts_with("Partial list:")
        || n.starts_with("Source:"))
}

/// Fits the map to `--region`.
fn fit(
    countries: &Countries,
    world: &geo::World,
    region: Option<&str>,
    year: i32,
) -> Result<regions::Fitted> {
    let Some(name) = region else {
        return Ok(regions::world());
    };
    if let Some(f) = regions::continent(name) {
        return Ok(f);
    }
    let g = countries.group(name).map_err(|e| {
        Error::Usage(format!(
            "--region {name}: not a continent ({}) nor a group: {e}",
            regions::continent_names().join(", ")
        ))
    })?;
    let members: Vec<String> = g
        .all_members()
        .into_iter()
        .filter(|m| g.member_in_year(m, year))
        .collect();
    let label = if g.kind == "wb-region" {
        g.name.clone()
    } else {
        format!("{} members", g.id)
    };
    regions::fit_codes(world, &label, &members).ok_or_else(|| {
        Error::Findings(format!("--region {name}: none of its members can be drawn"))
    })
}

/// Builds the map (via [`rank_report`] and [`compute`], so it shows what `rank` would).
pub fn map(catalog: &Catalog, q: &MapQuery) -> Result<Figure> {
    let countries = catalog.countries()?;
    let rq = RankQuery {
        indicator: q.indicator.clone(),
        period: q.period.clone(),
        universe: q.universe.clone(),
        ties: Ties::Min,
        ..Default::default()
    };
    // The same error as `rank` when nothing has a value; the same notes otherwise.
    let report = rank_report(catalog, &rq)?;
    let ranking = compute(catalog, &rq)?;
    let ind = &ranking.indicator;
    let d = ind.meta.decimals;
    let fmt = |v: f64| crate::report::format_display(v, d);
    let values: Vec<f64> = ranking.rows.iter().map(|r| r.value).collect();
    let cls = classes(&values, &q.rule, q.centre, d, &fmt)?;
    let colours = match cls.below_centre {
        Some(b) => map_palette::diverging(b, cls.count() - b),
        None => map_palette::sequential(cls.count()),
    };
    let world = geo::world()?;
    let fitted = fit(
        countries,
        world,
        q.region.as_deref(),
        ranking.reference_year,
    )?;
    let proj = fitted.projection;
    let ext = fitted.extent;
    let hs = resolve_highlights(countries, &q.options.highlight)?;
    let universe = q.universe.clone().resolve(countries)?;
    let members: BTreeSet<String> = universe
        .named_members(countries, ranking.reference_year)
        .into_iter()
        .collect();
    let in_universe = |c: &str| !universe.is_restricted() || members.contains(c);
    let by_code: std::collections::BTreeMap<&str, &crate::analysis::rank::Ranked> =
        ranking.rows.iter().map(|r| (r.iso3.as_str(), r)).collect();

    let mut spec = MapSpec {
        extent: (ext.x0, ext.y0, ext.x1, ext.y1),
        frame: !fitted.world,
        legend_title: ind.meta.unit.clone(),
        ..Default::default()
    };
    let mut counts = vec![0usize; cls.count()];
    let (mut no_data, mut outside) = (0usize, 0usize);
    let mut not_visible: Vec<&str> = Vec::new();
    let inside = |(x, y): (f64, f64)| x >= ext.x0 && x <= ext.x1 && y >= ext.y0 && y <= ext.y1;
    for (code, shape) in &world.shapes {
        // Antarctica is not drawn (no economy; it would fill the bottom of a world map).
        if code == "ATA" || countries.is_aggregate(code) {
            continue;
        }
        let row = by_code.get(code.as_str());
        let fill = match row {
            Some(r) => MapFill::Class(cls.of(r.value)),
            None if in_universe(code) => MapFill::NoData,
            None => MapFill::Outside,
        };
        let name = countries.display_name(code);
        let title = match row {
            Some(r) => format!("{name}: {} ({})", fmt(r.value), r.year),
            None => format!("{name}: no value"),
        };
        let year = row.map_or(ranking.reference_year, |r| r.year);
        let highlight = highlight_of(&hs, countries, code, year).is_some();
        let pieces: Vec<Vec<Vec<(f64, f64)>>> = shape
            .polygons
            .iter()
            .flat_map(|p| proj.polygon(&p.rings))
            .collect();
        let shown = if !pieces.is_empty() {
            let seen = pieces.iter().flatten().flatten().any(|p| inside(*p));
            spec.areas.push(MapArea {
                code: code.clone(),
                title,
                pieces,
                fill,
                highlight,
            });
            seen
        } else if let Some((lon, lat, _)) = shape.point {
            let (x, y) = proj.point(lon, lat);
            spec.dots.push(MapDot {
                code: code.clone(),
                title,
                x,
                y,
                fill,
                highlight,
            });
            inside((x, y))
        } else {
            false
        };
        match (shown, fill) {
            (true, MapFill::Class(i)) => counts[i] += 1,
            (true, MapFill::NoData) => no_data += 1,
            (true, MapFill::Outside) => outside += 1,
            (false, MapFill::Class(_)) => not_visible.push(code),
            (false, _) => {}
        }
    }
    let class_labels = labels(&cls, &fmt);
    spec.classes = class_labels
        .into_iter()
        .zip(colours)
        .zip(&counts)
        .map(|((label, colour), &count)| MapClass {
            label,
            colour,
            count,
        })
        .collect();
    spec.no_data = ("No data".into(), no_data);
    if universe.is_restricted() {
        spec.outside = Some((
            format!("Outside {}", crate::present::universe::short(&universe)),
            outside,
        ));
    }

    let years: Vec<i32> = ranking.rows.iter().map(|r| r.year).collect();
    let years_differ = years_text(&years).contains('–');
    let not_drawable: Vec<&str> = ranking
        .rows
        .iter()
        .filter(|r| !world.drawable(&r.iso3))
        .map(|r| r.iso3.as_str())
        .collect();
    let mut footer = vec![source_note(catalog, ind, &years_text(&years))?];
    let notes: Vec<&str> = report
        .notes
        .iter()
        .skip(1)
        .map(String::as_str)
        .filter(|n| kept_note(n))
        .collect();
    let (caveats, rest): (Vec<&str>, Vec<&str>) =
        notes.iter().partition(|n| n.starts_with("Caveat:"));
    footer.push(rest.join(" "));
    let mut classes_line = format!("Classes: {}.", cls.rule);
    classes_line.push_str(" Hatched: no value in the period");
    if ind.meta.list == crate::catalog::metadata::ListCoverage::Partial {
        classes_line.push_str(" (a partial list: absence means not reported, not low)");
    }
    classes_line.push('.');
    if !not_drawable.is_empty() {
        classes_line.push_str(&format!(
            " No outline or point at 1:110m, not drawn: {}.",
            codes(&not_drawable)
        ));
    }
    if !not_visible.is_empty() {
        classes_line.push_str(&format!(
            " With a value but outside this map: {}.",
            codes(&not_visible)
        ));
    }
    if !hs.is_empty() {
        let l: Vec<&str> = hs.iter().map(|h| h.label.as_str()).collect();
        classes_line.push_str(&format!(" Outlined: {}.", l.join("; ")));
    }
    footer.push(classes_line);
    if !caveats.is_empty() {
        footer.push(caveats.join(" "));
    }
    footer.push(format!(
        "{} Economies without an outline at that scale are dots (capitals for Hong Kong, Macao and the smallest states).",
        geo::BOUNDARIES_NOTE
    ));

    let n = ranking.rows.len();
    let period = crate::present::period::describe(&q.period, ind);
    let mut first = period.chars();
    let period: String = first
        .next()
        .map(|f| f.to_uppercase().chain(first).collect())
        .unwrap_or_default();
    let mut subtitle = format!(
        "{period} ({}{} {}{})",
        ind.meta.year_kind.label(),
        if years_differ { "s" } else { "" },
        years_text(&years),
        if years_differ {
            ", differing by country"
        } else {
            ""
        }
    );
    subtitle.push_str(&format!("; {n} economies with a value"));
    if universe.is_restricted() {
        subtitle.push_str(&format!(
            " among {}",
            crate::present::universe::short(&universe)
        ));
    }
    if !fitted.world {
        subtitle.push_str(&format!("; map of {}", fitted.name));
    }
    Ok(finish(
        &q.options,
        short_title(ind),
        Some(subtitle),
        footer,
        ChartKind::Map(spec),
        n,
    ))
}
