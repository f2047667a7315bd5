//! The report's chart: mean benefit value by work mode, from released figures only.

use remit_core::WorkMode;
use remit_core::chart::{Chart, ChartKind, Point, Series};

use crate::equity::EquityAnalysis;

/// The key of the chart of mean benefit value per person by work mode
/// (`benefits.value-by-work-mode`).
pub const VALUE_CHART: &str = "benefits.value-by-work-mode";

/// The mean normalised benefit value by work mode as a bar chart (base currency per
/// person per year), one bar per work mode whose mean the engine published, with the
/// onsite mean as the reference line; `None` when no work mode's mean was published.
pub(crate) fn value_by_work_mode(equity: &EquityAnalysis, index: &str) -> Option<Chart> {
    let base = equity.base_currency();
    let mean = |mode: WorkMode| {
        equity
            .mode(mode)
            .and_then(|c| c.mean().published())
            .and_then(|m| f64::try_from(m.amount()).ok())
    };
    let points: Vec<Point> = WorkMode::ALL
        .into_iter()
        .filter_map(|mode| mean(mode).map(|y| Point::category(mode.label(), y)))
        .collect();
    if points.is_empty() {
        return None;
    }
    let mut chart = Chart::new(
        VALUE_CHART,
        format!("Benefit value per person by work mode ({index})"),
        ChartKind::Bar,
    )
    .with_axes("work mode", format!("{base} per person per year"))
    .with_series(Series::new("mean value per person", points));
    if let Some(onsite) = mean(WorkMode::Onsite) {
        chart = chart.with_reference_line("onsite mean", onsite);
    }
    Some(chart)
}
