//! The charts a scorecard draws, built once by [`audit`](crate::audit) from released
//! groups only: promotion rate by work mode, and time to promotion (Kaplan–Meier).

use remit_core::chart::{Chart, ChartKind, Point, Series, Tone, ValueScale};
use remit_stats::wilson_interval;

use crate::config::FOUR_FIFTHS;
use crate::report::PromotionReport;

/// Key of the promotion-rate chart.
pub const RATE_CHART: &str = "promotion-rates";
/// Key of the time-to-promotion chart.
pub const TIME_TO_PROMOTION_CHART: &str = "time-to-promotion";

/// Every chart of the report: the rate chart when a group was released, the
/// Kaplan–Meier chart when a curve has a step to draw.
pub(crate) fn build(report: &PromotionReport) -> Vec<Chart> {
    [rate_chart(report), time_to_promotion_chart(report)]
        .into_iter()
        .flatten()
        .collect()
}

/// The bar chart of promotion rates by released work mode, each with its Wilson score
/// interval at `1 − alpha` (95% by default), and a reference line at four fifths of the
/// reference group's rate (the four-fifths rule, by analogy).
fn rate_chart(report: &PromotionReport) -> Option<Chart> {
    let confidence = 1.0 - report.config().alpha();
    let reference = report.reference().and_then(|r| report.group(r));
    let line = reference.map(|reference| FOUR_FIFTHS * reference.rate);
    let points: Vec<Point> = report
        .groups()
        .iter()
        .map(|g| {
            let point = Point::category(g.work_mode.as_str(), g.rate);
            // A group below the four-fifths line is drawn as alarming.
            let point = if line.is_some_and(|line| g.rate < line) {
                point.with_tone(Tone::Alarming)
            } else {
                point
            };
            match wilson_interval(g.promoted, g.n, confidence) {
                Ok((low, high)) => point.with_interval(low, high),
                Err(_) => point,
            }
        })
        .collect();
    if points.is_empty() {
        return None;
    }
    let mut chart = Chart::new(
        RATE_CHART,
        format!(
            "Promotion rate by work mode ({:.0}% confidence intervals)",
            100.0 * confidence
        ),
        ChartKind::Bar,
    )
    .with_axes("work mode", "share promoted in the window")
    .with_value_scale(ValueScale::Share)
    .with_series(Series::new("promotion rate", points));
    if let (Some(reference), Some(line)) = (reference, line) {
        chart = chart.with_reference_line(
            format!("four fifths of the {} rate", reference.work_mode.as_str()),
            line,
        );
    }
    Some(chart)
}

/// The step chart of Kaplan–Meier curves of months to promotion, one series per
/// released work mode (the share not yet promoted); each curve stops after the last
/// step whose risk set holds at least the minimum group size.
fn time_to_promotion_chart(report: &PromotionReport) -> Option<Chart> {
    let series: Vec<Series> = report
        .survival_curves()
        .iter()
        .filter(|c| c.points.len() > 1)
        .map(|c| {
            Series::new(
                c.work_mode.as_str(),
                c.points.iter().map(|&(t, s)| Point::xy(t, s)).collect(),
            )
        })
        .collect();
    if series.is_empty() {
        return None;
    }
    Some(
        series.into_iter().fold(
            Chart::new(
                TIME_TO_PROMOTION_CHART,
                "Time to promotion by work mode (Kaplan–Meier)",
                ChartKind::Step,
            )
            .with_axes(
                "months from the start of the window",
                "share not yet promoted",
            )
            .with_value_scale(ValueScale::Share),
            Chart::with_series,
        ),
    )
}
