//! How numbers read in findings: counts and money with thousands separators, shares as
//! percentages, p-values and intervals in words when they are degenerate.

use remit_core::Money;

/// A head-count with thousands separators (`1,234`).
pub(crate) fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// Money with thousands separators and its currency (`150,413,962.11 USD`).
pub(crate) fn money(amount: Money) -> String {
    amount.formatted(None)
}

/// A share as a percentage with one decimal (`-12.0%`).
pub(crate) fn pct(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// A two-sided p-value as a reader can use it: `p < 0.0001` below that, else four
/// decimals (`p = 0.2931`).
pub(crate) fn p_value(p: f64) -> String {
    if p < 1e-4 {
        "p < 0.0001".to_owned()
    } else {
        format!("p = {p:.4}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_p_values_read_as_a_person_writes_them() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1_000), "1,000");
        assert_eq!(count(900_843), "900,843");
        assert_eq!(count(12_345_678), "12,345,678");
        assert_eq!(p_value(0.0), "p < 0.0001");
        assert_eq!(p_value(0.29312), "p = 0.2931");
        assert_eq!(pct(-0.1204), "-12.0%");
    }
}
