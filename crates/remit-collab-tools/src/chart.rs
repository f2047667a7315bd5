//! The chart of the tools report: each tool's async-suitability score.

use remit_core::chart::{Chart, ChartKind, Point, Series, Tone};

use crate::review::ToolReview;

/// The key of the chart the tools report offers through
/// [`Audit::charts`](remit_core::Audit::charts).
pub const TOOL_SCORES_KEY: &str = "collab.tool-scores";

/// The most tools the async-suitability chart shows; with more, it shows the lowest
/// scores (the tools to act on) and says so in its title.
pub const MAX_CHART_TOOLS: usize = 30;

/// One bar chart: each tool's score in inventory order with the replace threshold as a
/// reference line; above [`MAX_CHART_TOOLS`] tools the lowest-scoring ones (ties in
/// inventory order), lowest first. Scores describe tools, not people. None for an empty
/// inventory.
pub(crate) fn tool_scores(tools: &[ToolReview], replace_below: u8) -> Vec<Chart> {
    let n = tools.len();
    if n == 0 {
        return Vec::new();
    }
    let mut shown: Vec<&ToolReview> = tools.iter().collect();
    let title = if n <= MAX_CHART_TOOLS {
        "Async-suitability score by tool".to_owned()
    } else {
        // A stable sort keeps inventory order among equal scores.
        shown.sort_by_key(|t| t.score().score());
        shown.truncate(MAX_CHART_TOOLS);
        format!("Async-suitability score: the {MAX_CHART_TOOLS} lowest of {n} tools")
    };
    let points = shown
        .iter()
        .map(|t| {
            let score = t.score().score();
            let point = Point::category(t.name(), f64::from(score));
            // A tool scoring below the replace line is drawn as alarming.
            if score < replace_below {
                point.with_tone(Tone::Alarming)
            } else {
                point
            }
        })
        .collect();
    vec![
        Chart::new(TOOL_SCORES_KEY, title, ChartKind::Bar)
            .with_axes("tool", "async-suitability score (0-100)")
            .with_series(Series::new("score", points))
            .with_reference_line("replace below", f64::from(replace_below)),
    ]
}
