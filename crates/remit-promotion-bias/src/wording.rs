//! How numbers become words in findings. One place for the rules, so every finding
//! says a degenerate estimate in words instead of printing it.
//!
//! - p-values: `p < 0.001` below a thousandth, else three decimals (`p = 0.034`).
//! - Ratios (impact ratio, odds ratio) print with two decimals only when two decimals
//!   carry them: a ratio below 0.005 would print as `0.00×` and one above 99.5 says no
//!   more than "far above", so [`ratio`] gives `None` there and the caller says in
//!   words what happened (nobody promoted, separation, an estimate without a usable
//!   size).
//! - An interval prints only when both ends print as ratios and they differ at the
//!   printed precision ([`interval`]); `0.00–0.01` or `−13.6% to −13.6%` is never
//!   printed.
//! - Shares print as percentages with one decimal.

/// A p-value the way reports quote it: `p < 0.001` or `p = 0.034`.
pub(crate) fn p_value(p: f64) -> String {
    if p < 0.001 {
        "p < 0.001".to_owned()
    } else {
        format!("p = {p:.3}")
    }
}

/// A share in `[0, 1]` as a percentage with one decimal (`12.5%`).
pub(crate) fn percent(share: f64) -> String {
    format!("{:.1}%", 100.0 * share)
}

/// A ratio with two decimals (`0.53`), or `None` when two decimals would not carry it:
/// not finite, below 0.005 (it would print as 0.00) or above 99.5.
pub(crate) fn ratio(x: f64) -> Option<String> {
    (x.is_finite() && (0.005..=99.5).contains(&x)).then(|| format!("{x:.2}"))
}

/// `"{level}% CI {low}–{high}"` for an interval of ratios; an end that does not print
/// as a ratio reads `under 0.01` or `over 99` (`"95% CI under 0.01 to 0.72"`). `None`
/// when the interval is not a finite, ordered pair of non-negative numbers or both ends
/// read the same (an interval that says nothing).
pub(crate) fn interval(confidence: f64, low: f64, high: f64) -> Option<String> {
    if !(low.is_finite() && high.is_finite() && 0.0 <= low && low <= high) {
        return None;
    }
    let end = |x: f64| match ratio(x) {
        Some(text) => (text, true),
        None if x < 0.005 => ("under 0.01".to_owned(), false),
        None => ("over 99".to_owned(), false),
    };
    let ((lo, lo_number), (hi, hi_number)) = (end(low), end(high));
    if lo == hi {
        return None;
    }
    let level = 100.0 * confidence;
    Some(if lo_number && hi_number {
        format!("{level:.0}% CI {lo}–{hi}")
    } else {
        format!("{level:.0}% CI {lo} to {hi}")
    })
}

/// Items joined as prose: `a`, `a and b`, `a, b and c`; `none` for no items.
pub(crate) fn list(items: &[&str], none: &str) -> String {
    match items {
        [] => none.to_owned(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The sentence with its first letter upper-cased.
pub(crate) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn degenerate_numbers_do_not_print() {
        assert_eq!(ratio(0.53).as_deref(), Some("0.53"));
        assert_eq!(ratio(0.004), None);
        assert_eq!(ratio(0.0), None);
        assert_eq!(ratio(150.0), None);
        assert_eq!(ratio(f64::INFINITY), None);
        assert_eq!(
            interval(0.95, 0.42, 0.67).as_deref(),
            Some("95% CI 0.42–0.67")
        );
        // The README's old "0.00–0.01" reads in words.
        assert_eq!(
            interval(0.95, 0.000_02, 0.008).as_deref(),
            Some("95% CI under 0.01 to 0.01")
        );
        assert_eq!(interval(0.95, 0.000_02, 0.001), None);
        assert_eq!(
            interval(0.95, 0.3, 400.0).as_deref(),
            Some("95% CI 0.30 to over 99")
        );
        // Equal at the printed precision, or not an interval: not printed.
        assert_eq!(interval(0.95, 0.531, 0.534), None);
        assert_eq!(interval(0.95, 0.6, 0.5), None);
        assert_eq!(interval(0.95, f64::NAN, 0.5), None);
        assert_eq!(p_value(0.0), "p < 0.001");
        assert_eq!(p_value(0.0341), "p = 0.034");
        assert_eq!(percent(0.125), "12.5%");
        assert_eq!(list(&["a", "b", "c"], "nothing"), "a, b and c");
        assert_eq!(list(&[], "nothing"), "nothing");
        assert_eq!(capitalised("the gap"), "The gap");
    }
}
