//! What a chart is: [`ChartSpec`] and the specification of each [`ChartKind`], plain structs
//! the figures layer fills and the renderers read (no data frames, no drawing).

use super::map::MapSpec;

/// 16:9 at a size that stays sharp on a projector.
pub const DEFAULT_SIZE: (u32, u32) = (1600, 900);

/// Everything needed to draw one chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSpec {
    pub title: String,
    pub subtitle: Option<String>,
    /// Sources, licences, years used, n: one entry per line (long lines are wrapped).
    pub footer_lines: Vec<String>,
    /// Width and height in pixels (SVG user units).
    pub size: (u32, u32),
    pub kind: ChartKind,
}

impl ChartSpec {
    /// A spec with no subtitle, no footer and the default size.
    pub fn new(title: impl Into<String>, kind: ChartKind) -> Self {
        ChartSpec {
            title: title.into(),
            subtitle: None,
            footer_lines: Vec::new(),
            size: DEFAULT_SIZE,
            kind,
        }
    }
}

/// The chart kinds.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartKind {
    Scatter(ScatterSpec),
    Bar(BarSpec),
    Line(LineSpec),
    Slope(SlopeSpec),
    /// Ranks with intervals (an index's uncertainty run).
    Intervals(IntervalSpec),
    /// A choropleth map (issue 14).
    Map(MapSpec),
}

/// An axis: its title (with units, e.g. "GERD (% of GDP)") and whether it is log10.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Axis {
    pub title: String,
    pub log: bool,
}

impl Axis {
    pub fn linear(title: impl Into<String>) -> Self {
        Axis {
            title: title.into(),
            log: false,
        }
    }

    pub fn log(title: impl Into<String>) -> Self {
        Axis {
            title: title.into(),
            log: true,
        }
    }
}

/// One country in a scatter plot.
#[derive(Debug, Clone, PartialEq)]
pub struct ScatterPoint {
    /// Display label (e.g. the country name).
    pub label: String,
    /// Short code (e.g. ISO3); [`LabelMode::List`] selects points by it. It is never drawn in
    /// place of `label` (one naming style per chart): a label that does not fit is left out
    /// and counted in the footer.
    pub code: String,
    pub x: f64,
    pub y: f64,
    /// Highlight group; `None` draws the point grey. Groups get Okabe–Ito colours in
    /// order of first appearance and a legend entry.
    pub group: Option<String>,
}

/// Which scatter points get labels.
#[derive(Debug, Clone, PartialEq)]
pub enum LabelMode {
    All,
    None,
    /// The N most important points: highlighted first, then the most extreme.
    Top(usize),
    /// These codes, in this priority order.
    List(Vec<String>),
}

/// A least-squares line to draw, in displayed coordinates: where an axis is log,
/// the fit is on log10 of that variable (the figures layer computes it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitLine {
    pub slope: f64,
    pub intercept: f64,
    pub r2: f64,
    pub n: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScatterSpec {
    pub points: Vec<ScatterPoint>,
    pub x_axis: Axis,
    pub y_axis: Axis,
    pub labels: LabelMode,
    pub fit: Option<FitLine>,
}

/// One bar of a ranked bar chart.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BarItem {
    /// The text left of the bar, as the caller words it: "12. Japan" (published rank),
    /// "Japan", "3. Japan (rank within OECD)".
    pub label: String,
    pub code: String,
    pub value: f64,
    /// Drawn in the highlight colour ([`BarSpec::highlight_name`] in the key) when `group` is
    /// None.
    pub highlight: bool,
    /// The year of this bar's value. When the bars' years differ, each value label says its
    /// year ("364 (2019)"); when they are all the same nothing is added (say it in the subtitle).
    pub year: Option<i32>,
    /// A named highlight group ("NATO", "EU"): each group gets its own colour and key entry, in
    /// order of first appearance. Implies highlighted.
    pub group: Option<String>,
}

/// Horizontal bars, drawn top to bottom in the order given (the caller ranks them).
///
/// The key row (under the subtitle) appears whenever some bars are highlighted: one entry per
/// group, `highlight_name` for bars with `highlight` and no group, and `others_name` for the
/// rest. Put the universe in [`ChartSpec::subtitle`] ("Among OECD members (38) · GII 2025").
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BarSpec {
    pub items: Vec<BarItem>,
    /// The value axis (log is not supported for bars).
    pub value_axis: Axis,
    /// Decimals of the value labels; None chooses about three significant digits.
    pub decimals: Option<usize>,
    /// Key text for highlighted bars without a group; None: "Highlighted".
    pub highlight_name: Option<String>,
    /// Key text for the bars that are not highlighted; None: "Others".
    pub others_name: Option<String>,
}

/// One country's time series.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LineSeries {
    pub label: String,
    pub code: String,
    /// (year, value) pairs; sorted by the renderer; consecutive points are joined.
    pub points: Vec<(i32, f64)>,
    pub highlight: bool,
}

/// Up to seven series each get a colour (the end labels name them) and highlighted ones are
/// drawn bold and thicker; beyond seven only highlighted series are coloured and the rest grey.
/// Whenever some series are highlighted the key row says what that means, with
/// `highlight_name` (None: "Highlighted").
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LineSpec {
    pub series: Vec<LineSeries>,
    pub y_axis: Axis,
    /// Decimals of the end-of-line values; None chooses about three significant digits.
    pub decimals: Option<usize>,
    /// Key text for the highlighted series; None: "Highlighted".
    pub highlight_name: Option<String>,
}

/// One country in a slope chart.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SlopeItem {
    pub label: String,
    pub code: String,
    pub start: f64,
    pub end: f64,
    pub highlight: bool,
}

/// What a slope chart compares.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum SlopeMeasure {
    /// Values, with the axis title and units.
    Value(Axis),
    /// Ranks (1 = best, drawn at the top).
    #[default]
    Rank,
}

/// Colours and key as in [`LineSpec`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SlopeSpec {
    pub items: Vec<SlopeItem>,
    pub start_year: i32,
    pub end_year: i32,
    pub measure: SlopeMeasure,
    pub decimals: Option<usize>,
    /// Key text for the highlighted items; None: "Highlighted".
    pub highlight_name: Option<String>,
}

/// One row of a ranks-with-intervals chart.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IntervalItem {
    pub label: String,
    pub code: String,
    /// The rank under the nominal choices (a ring), if the economy has one.
    pub nominal: Option<f64>,
    /// The median rank (a dot) and the interval's ends (a line).
    pub median: f64,
    pub low: f64,
    pub high: f64,
    pub highlight: bool,
}

/// Ranks with intervals, drawn top to bottom in the order given; rank 1 at the left.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IntervalSpec {
    pub items: Vec<IntervalItem>,
    pub axis_title: String,
}
