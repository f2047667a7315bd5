//! Wording shared by the three renderers: scores, head-counts, metrics and severities in
//! the same words whatever the output.

use remit_core::{Finding, Health, Metric, OverallHealth, Severity};

use super::ticks;

/// "59/100 (poor)" or "not measured".
pub(crate) fn health(health: &Health) -> String {
    match health.score() {
        Some(score) => format!("{score}/100 ({})", health.band()),
        None => "not measured".to_owned(),
    }
}

/// "Overall health: 67/100 (fair), covering 4 of 5 domains" in the core's own words.
pub(crate) fn overall(overall: OverallHealth) -> String {
    format!("Overall health: {overall}")
}

/// " (1,204 people)" after a cohort, or nothing when the count was not published.
pub(crate) fn affected(finding: &Finding) -> String {
    finding
        .affected()
        .map_or_else(String::new, |n| format!(" ({} people)", people(n)))
}

/// A head-count with thousands grouped.
pub(crate) fn people(n: u64) -> String {
    ticks::number(n as f64, 0)
}

/// The severity as a label: "HIGH".
pub(crate) fn severity(severity: Severity) -> String {
    severity.to_string().to_uppercase()
}

/// "kit coverage = 82.0% (threshold 95.0%)": shares in percent, other units after the
/// number.
pub(crate) fn metric(m: &Metric) -> String {
    let shown = |v: f64| match m.unit() {
        Some("share") => format!("{}%", ticks::number(v * 100.0, 1)),
        Some(unit) => format!("{} {unit}", number(v)),
        None => number(v),
    };
    let mut s = format!("{} = {}", m.name(), shown(m.value()));
    if let Some(t) = m.threshold() {
        s.push_str(&format!(" (threshold {})", shown(t)));
    }
    s
}

/// A number with as many decimals as its size calls for, thousands grouped.
pub(crate) fn number(v: f64) -> String {
    let decimals = if v.fract() == 0.0 || v.abs() >= 100.0 {
        if v.fract() == 0.0 { 0 } else { 1 }
    } else {
        3
    };
    ticks::number(v, decimals)
}

/// A slug for ids and anchors: lower-case ASCII letters and digits, the rest dashes.
pub(crate) fn slug(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_read_in_their_unit() {
        let share = Metric::new("kit coverage", 0.82)
            .unwrap()
            .with_threshold(0.95)
            .with_unit("share");
        assert_eq!(metric(&share), "kit coverage = 82.0% (threshold 95.0%)");
        let hours = Metric::new("overlap", 2.5).unwrap().with_unit("hours/day");
        assert_eq!(metric(&hours), "overlap = 2.500 hours/day");
        let money = Metric::new("waste", 12_345.5).unwrap().with_unit("EUR");
        assert_eq!(metric(&money), "waste = 12,345.5 EUR");
        assert_eq!(people(1_204), "1,204");
    }
}
