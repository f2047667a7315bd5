//! Hypergeometric probabilities in log space (Loader's saddle-point method),
//! accurate to a few ulps for populations in the millions.

use std::f64::consts::PI;

/// `ln(2π)`.
const LN_2PI: f64 = 1.837_877_066_409_345_5;

/// Stirling-formula error `ln(n!) - [(n + 1/2) ln n - n + ln sqrt(2π)]`.
fn stirlerr(n: f64) -> f64 {
    const S0: f64 = 1.0 / 12.0;
    const S1: f64 = 1.0 / 360.0;
    const S2: f64 = 1.0 / 1260.0;
    const S3: f64 = 1.0 / 1680.0;
    const S4: f64 = 1.0 / 1188.0;
    if n <= 0.0 {
        return 0.0;
    }
    if n <= 15.0 {
        // Exact for the integer arguments used here: ln(n!) is exact enough as a
        // product of at most 15 integers.
        let mut fact = 1.0f64;
        let mut k = 2.0;
        while k <= n {
            fact *= k;
            k += 1.0;
        }
        return fact.ln() - (n + 0.5) * n.ln() + n - 0.5 * (2.0 * PI).ln();
    }
    let nn = n * n;
    if n > 500.0 {
        return (S0 - S1 / nn) / n;
    }
    if n > 80.0 {
        return (S0 - (S1 - S2 / nn) / nn) / n;
    }
    if n > 35.0 {
        return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
    }
    (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n
}

/// Deviance term `x ln(x / np) + np - x`, computed without cancellation.
fn bd0(x: f64, np: f64) -> f64 {
    if (x - np).abs() < 0.1 * (x + np) {
        let mut v = (x - np) / (x + np);
        let mut s = (x - np) * v;
        let mut ej = 2.0 * x * v;
        v *= v;
        for j in 1..1000 {
            ej *= v;
            let s1 = s + ej / f64::from(2 * j + 1);
            if s1 == s {
                return s1;
            }
            s = s1;
        }
        return s;
    }
    x * (x / np).ln() + np - x
}

/// `ln P(Binomial(n, p) = x)` with `q = 1 - p`, Loader's method.
fn ln_dbinom_raw(x: f64, n: f64, p: f64, q: f64) -> f64 {
    if p == 0.0 {
        return if x == 0.0 { 0.0 } else { f64::NEG_INFINITY };
    }
    if q == 0.0 {
        return if x == n { 0.0 } else { f64::NEG_INFINITY };
    }
    if x == 0.0 {
        if n == 0.0 {
            return 0.0;
        }
        return if p < 0.1 {
            -bd0(n, n * q) - n * p
        } else {
            n * q.ln()
        };
    }
    if x == n {
        return if q < 0.1 {
            -bd0(n, n * p) - n * q
        } else {
            n * p.ln()
        };
    }
    if x < 0.0 || x > n {
        return f64::NEG_INFINITY;
    }
    let lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
    let lf = LN_2PI + x.ln() + (-x / n).ln_1p();
    lc - 0.5 * lf
}

/// A hypergeometric distribution: `draws` items drawn without replacement from a
/// population of `total` items of which `successes` are marked; `X` counts the
/// marked items drawn.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hypergeometric {
    total: u64,
    successes: u64,
    draws: u64,
}

impl Hypergeometric {
    /// Requires `successes <= total` and `draws <= total`.
    pub(crate) fn new(total: u64, successes: u64, draws: u64) -> Option<Self> {
        (successes <= total && draws <= total).then_some(Self {
            total,
            successes,
            draws,
        })
    }

    /// Smallest value in the support.
    pub(crate) fn lo(&self) -> u64 {
        (self.draws + self.successes).saturating_sub(self.total)
    }

    /// Largest value in the support.
    pub(crate) fn hi(&self) -> u64 {
        self.draws.min(self.successes)
    }

    /// The mode as scipy computes it, `floor((n + 1)(K + 1) / (N + 2))`.
    pub(crate) fn mode(&self) -> u64 {
        let num = (self.draws as u128 + 1) * (self.successes as u128 + 1);
        let m = num / (self.total as u128 + 2);
        (m as u64).clamp(self.lo(), self.hi())
    }

    /// `ln P(X = x)`.
    pub(crate) fn ln_pmf(&self, x: u64) -> f64 {
        if x < self.lo() || x > self.hi() {
            return f64::NEG_INFINITY;
        }
        let (r, b, n) = (
            self.successes as f64,
            (self.total - self.successes) as f64,
            self.draws as f64,
        );
        let x = x as f64;
        let tot = r + b;
        if n == 0.0 || n == tot {
            return 0.0;
        }
        let p = n / tot;
        let q = (tot - n) / tot;
        let p1 = ln_dbinom_raw(x, r, p, q);
        let p2 = ln_dbinom_raw(n - x, b, p, q);
        let p3 = ln_dbinom_raw(n, tot, p, q);
        p1 + p2 - p3
    }

    /// `P(X = x)`.
    pub(crate) fn pmf(&self, x: u64) -> f64 {
        self.ln_pmf(x).exp()
    }

    /// Ratio `P(X = k + 1) / P(X = k)` for `k` in the support below `hi`.
    fn ratio_up(&self, k: u64) -> f64 {
        let (big_k, n, big_n) = (self.successes as f64, self.draws as f64, self.total as f64);
        let k = k as f64;
        (big_k - k) * (n - k) / ((k + 1.0) * (big_n - big_k - n + k + 1.0))
    }

    /// Sum of `P(X = k)` for `k` from `from` down to the bottom of the support.
    /// Terms decrease away from the mode, so `from` must be at or below it.
    fn sum_down(&self, from: u64) -> f64 {
        let lo = self.lo();
        if from < lo {
            return 0.0;
        }
        let mut term = self.pmf(from);
        let mut sum = term;
        let mut k = from;
        while k > lo && term > 0.0 {
            // P(k-1) = P(k) / ratio_up(k-1)
            let r = self.ratio_up(k - 1);
            if !(r > 0.0) {
                break;
            }
            term /= r;
            sum += term;
            k -= 1;
            if term < sum * 1e-17 {
                break;
            }
        }
        sum
    }

    /// Sum of `P(X = k)` for `k` from `from` up to the top of the support.
    /// `from` must be at or above the mode.
    fn sum_up(&self, from: u64) -> f64 {
        let hi = self.hi();
        if from > hi {
            return 0.0;
        }
        let mut term = self.pmf(from);
        let mut sum = term;
        let mut k = from;
        while k < hi && term > 0.0 {
            term *= self.ratio_up(k);
            sum += term;
            k += 1;
            if term < sum * 1e-17 {
                break;
            }
        }
        sum
    }

    /// `P(X <= x)`.
    pub(crate) fn cdf(&self, x: u64) -> f64 {
        if x >= self.hi() {
            return 1.0;
        }
        if x < self.lo() {
            return 0.0;
        }
        if x <= self.mode() {
            self.sum_down(x).min(1.0)
        } else {
            (1.0 - self.sum_up(x + 1)).max(0.0)
        }
    }

    /// `P(X > x)`.
    pub(crate) fn sf(&self, x: u64) -> f64 {
        if x >= self.hi() {
            return 0.0;
        }
        if x < self.lo() {
            return 1.0;
        }
        if x + 1 >= self.mode() {
            self.sum_up(x + 1).min(1.0)
        } else {
            (1.0 - self.sum_down(x)).max(0.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pmf_sums_to_one_and_matches_binomials() {
        let h = Hypergeometric::new(20, 7, 12).unwrap();
        let total: f64 = (h.lo()..=h.hi()).map(|k| h.pmf(k)).sum();
        assert!((total - 1.0).abs() < 1e-14);
        // C(7,3) C(13,9) / C(20,12) = 35 * 715 / 125970
        let exact = 35.0 * 715.0 / 125_970.0;
        assert!((h.pmf(3) - exact).abs() / exact < 1e-14);
        assert!((h.cdf(3) + h.sf(3) - 1.0).abs() < 1e-14);
    }
}
