//! The report's chart, drawn from released figures only.

use remit_core::chart::{Chart, ChartKind, Point, Series, ValueScale};

use crate::figures::KitFigures;

/// The key of the kit-coverage chart.
pub const KIT_COVERAGE_CHART: &str = "kit-coverage";

/// `kit-coverage`: a bar per work mode with the share of its staff holding their
/// complete kit. A work mode whose group the engine withheld gets no bar; `None` when no
/// work mode was published.
pub(crate) fn kit_coverage(kit: &KitFigures) -> Option<Chart> {
    let points: Vec<Point> = kit
        .by_mode
        .iter()
        .filter_map(|r| {
            r.complete_share
                .published()
                .map(|share| Point::category(r.work_mode.label(), share))
        })
        .collect();
    if points.is_empty() {
        return None;
    }
    Some(
        Chart::new(
            KIT_COVERAGE_CHART,
            "Staff with their complete kit, by work mode",
            ChartKind::Bar,
        )
        .with_axes("work mode", "share with complete kit")
        .with_value_scale(ValueScale::Share)
        .with_series(Series::new("complete kit", points))
        .with_reference_line("everyone equipped", 1.0),
    )
}
