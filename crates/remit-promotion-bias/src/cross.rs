//! What a scorecard draws and compares across domains: the promotion-rate and
//! time-to-promotion charts, and the promotion rate of another domain's group.

use remit_core::audit::{EmployeeGroup, GroupComparison};
use remit_core::chart::{Chart, ChartKind, Point, Series, Tone, ValueScale};
use remit_core::privacy::DisclosureGuard;
use remit_stats::{Alternative, Table2x2, fisher_exact, wilson_interval};

use crate::analysis::FOUR_FIFTHS;
use crate::report::PromotionReport;

impl PromotionReport {
    /// The bar chart of promotion rates by published work mode, each with its Wilson
    /// score interval at `1 - alpha` (95% by default), and a reference line at four
    /// fifths of the reference group's rate (the four-fifths rule, by analogy).
    /// Groups below the minimum group size are not drawn; `None` when no group is
    /// published.
    ///
    /// Key `promotion-rates`.
    pub fn rate_chart(&self) -> Option<Chart> {
        let confidence = 1.0 - self.config.alpha();
        let line = self
            .group(self.reference)
            .map(|reference| FOUR_FIFTHS * reference.rate);
        let points: Vec<Point> = self
            .groups
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
            "promotion-rates",
            format!(
                "Promotion rate by work mode ({:.0}% confidence intervals)",
                100.0 * confidence
            ),
            ChartKind::Bar,
        )
        .with_axes("work mode", "share promoted in the window")
        .with_value_scale(ValueScale::Share)
        .with_series(Series::new("promotion rate", points));
        if let Some(line) = line {
            chart = chart.with_reference_line(
                format!("four fifths of the {} rate", self.reference.as_str()),
                line,
            );
        }
        Some(chart)
    }

    /// The step chart of Kaplan–Meier curves of months to promotion, one series per
    /// published work mode (the share not yet promoted); each curve stops where fewer
    /// employees than the minimum group size remain at risk. `None` when no curve has
    /// a step to draw.
    ///
    /// Key `time-to-promotion`.
    pub fn time_to_promotion_chart(&self) -> Option<Chart> {
        let series: Vec<Series> = self
            .survival_curves
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
                    "time-to-promotion",
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

    /// The promotion rate of `group`'s analysed members against everyone else
    /// analysed, with both head-counts through the disclosure guard (the minimum group
    /// size of the configuration, with complementary suppression: when the group is
    /// too small, the rest is withheld too, as it would give the group away by
    /// subtraction from the published total) and, when both sides are published,
    /// Fisher's exact two-sided p-value for the difference.
    ///
    /// `None` when the report holds no employee-level outcomes (a deserialised report)
    /// or none of the group's members, or all of them, were analysed.
    pub fn compare_promotion_rate(&self, group: &EmployeeGroup) -> Option<GroupComparison> {
        let (n_in, promoted_in, n_rest, promoted_rest) = self.outcomes.split(group);
        if n_in == 0 || n_rest == 0 {
            return None;
        }
        let guard = DisclosureGuard::new(self.config.min_group_size());
        let protected = guard
            .protect_counts(vec![("group", n_in), ("rest", n_rest)])
            .ok()?;
        let in_group_n = protected.cell(&"group")?;
        let rest_n = protected.cell(&"rest")?;
        let rate = |promoted: u64, n: u64| promoted as f64 / n as f64;
        let p_value = match (in_group_n.published(), rest_n.published()) {
            (Some(_), Some(_)) => Table2x2::from_groups(promoted_in, n_in, promoted_rest, n_rest)
                .and_then(|t| fisher_exact(&t, Alternative::TwoSided))
                .ok()
                .map(|f| f.p_value),
            _ => None,
        };
        let comparison = GroupComparison::new(
            "promotion rate",
            Some("share"),
            in_group_n.map(|n| rate(promoted_in, n)),
            rest_n.map(|n| rate(promoted_rest, n)),
            in_group_n,
            rest_n,
        );
        Some(match p_value {
            Some(p) => comparison.with_p_value(p),
            None => comparison,
        })
    }
}
