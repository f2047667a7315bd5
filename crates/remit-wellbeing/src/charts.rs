//! The chart a wellbeing report offers a scorecard, built once from published figures.

use remit_core::chart::{Chart, ChartKind, Point, Series, Tone, ValueScale};
use remit_core::{Cohort, WorkMode};

use crate::cuts::Dimension;
use crate::figures::CohortRow;
use crate::risk::RiskBand;

/// The key of the risk-index chart ([`WellbeingReport::charts`](crate::WellbeingReport)).
pub const RISK_BANDS_CHART: &str = "wellbeing-risk-index-bands-by-work-mode";

/// One stacked bar per work mode: the shares of its people with signals in the low,
/// moderate and high band of the burnout-risk index (they add up to 1). Only work modes
/// whose behavioural figures were published are drawn; no chart when none was.
///
/// The series are named for the band and the measure ("low risk index", ...), never
/// "burnout", so the chart cannot be confused with the survey's CBI burnout score; they
/// run from calm to alarming, so a renderer colours them in that order.
pub(crate) fn charts(rows: &[CohortRow]) -> Vec<Chart> {
    let bands = [RiskBand::Low, RiskBand::Moderate, RiskBand::High];
    let mut series: [Vec<Point>; 3] = Default::default();
    for mode in WorkMode::ALL {
        let cohort = Cohort::all().with("work_mode", mode);
        let Some(figures) = rows
            .iter()
            .find(|r| r.dimension() == Dimension::WorkMode && r.cohort() == &cohort)
            .and_then(|r| r.stats().published_behaviour())
        else {
            continue;
        };
        for (points, band) in series.iter_mut().zip(bands) {
            points.push(Point::category(mode.to_string(), figures.risk_share(band)));
        }
    }
    if series[0].is_empty() {
        return Vec::new();
    }
    let mut chart = Chart::new(
        RISK_BANDS_CHART,
        "Burnout-risk index bands by work mode (people with behavioural signals)",
        ChartKind::StackedBar,
    )
    .with_axes("work mode", "share of people with signals")
    .with_value_scale(ValueScale::Share);
    // The bands run from calm to alarming, so the high band is never drawn in a
    // reassuring colour.
    for ((band, points), tone) in
        bands
            .iter()
            .zip(series)
            .zip([Tone::Calm, Tone::Elevated, Tone::Alarming])
    {
        chart =
            chart.with_series(Series::new(format!("{band} risk index"), points).with_tone(tone));
    }
    vec![chart]
}
