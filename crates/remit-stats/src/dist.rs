//! Thin, panic-free wrappers over the `statrs` special functions.

use statrs::function::{beta, erf, gamma};

/// Standard normal upper tail `P(Z > z)`.
pub(crate) fn norm_sf(z: f64) -> f64 {
    if z.is_nan() {
        return f64::NAN;
    }
    // libm (FreeBSD msun) erfc is accurate to an ulp; statrs' is ~1e-11 relative.
    0.5 * libm::erfc(z / std::f64::consts::SQRT_2)
}

/// Standard normal CDF `P(Z <= z)`.
pub(crate) fn norm_cdf(z: f64) -> f64 {
    norm_sf(-z)
}

/// Standard normal quantile for `p` in (0, 1).
pub(crate) fn norm_ppf(p: f64) -> f64 {
    if !(p > 0.0 && p < 1.0) {
        return if p == 0.0 {
            f64::NEG_INFINITY
        } else if p == 1.0 {
            f64::INFINITY
        } else {
            f64::NAN
        };
    }
    -std::f64::consts::SQRT_2 * erf::erfc_inv(2.0 * p)
}

/// Two-sided normal critical value for a confidence level, `z_{1-(1-c)/2}`.
pub(crate) fn norm_crit(confidence: f64) -> f64 {
    norm_ppf(1.0 - (1.0 - confidence) / 2.0)
}

/// Chi-square upper tail `P(X > x)` with `df` degrees of freedom.
pub(crate) fn chi2_sf(x: f64, df: f64) -> f64 {
    if x.is_nan() || df.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    if x <= 0.0 {
        return 1.0;
    }
    if x.is_infinite() {
        return 0.0;
    }
    gamma::checked_gamma_ur(df / 2.0, x / 2.0)
        .map(|p| p.clamp(0.0, 1.0))
        .unwrap_or(f64::NAN)
}

/// F distribution upper tail `P(F > x)` with `(d1, d2)` degrees of freedom.
pub(crate) fn f_sf(x: f64, d1: f64, d2: f64) -> f64 {
    if x.is_nan() || !(d1 > 0.0 && d2 > 0.0) {
        return f64::NAN;
    }
    if x <= 0.0 {
        return 1.0;
    }
    if x.is_infinite() {
        return 0.0;
    }
    beta::checked_beta_reg(d2 / 2.0, d1 / 2.0, d2 / (d2 + d1 * x))
        .map(|p| p.clamp(0.0, 1.0))
        .unwrap_or(f64::NAN)
}

/// Student t two-sided tail `P(|T| > |t|)` with `df` degrees of freedom.
pub(crate) fn t_two_sided(t: f64, df: f64) -> f64 {
    if t.is_nan() || !(df > 0.0) {
        return f64::NAN;
    }
    if t.is_infinite() {
        return 0.0;
    }
    beta::checked_beta_reg(df / 2.0, 0.5, df / (df + t * t))
        .map(|p| p.clamp(0.0, 1.0))
        .unwrap_or(f64::NAN)
}

/// Student t upper-tail quantile: the `t` with `P(T > t) = q` (for `q` in (0, 0.5]).
pub(crate) fn t_isf(q: f64, df: f64) -> f64 {
    if !(q > 0.0 && q < 1.0 && df > 0.0) {
        return f64::NAN;
    }
    // Start from the normal quantile and polish with Newton on the t CDF.
    let mut t = -norm_ppf(q);
    let ln_norm = statrs::function::gamma::ln_gamma((df + 1.0) / 2.0)
        - statrs::function::gamma::ln_gamma(df / 2.0)
        - 0.5 * (df * std::f64::consts::PI).ln();
    for _ in 0..100 {
        let sf = 0.5 * t_two_sided(t, df);
        let sf = if t >= 0.0 { sf } else { 1.0 - sf };
        let pdf = (ln_norm - (df + 1.0) / 2.0 * (1.0 + t * t / df).ln()).exp();
        if !(pdf > 0.0) || !sf.is_finite() {
            break;
        }
        let step = (sf - q) / pdf;
        t += step;
        if step.abs() <= 1e-15 * t.abs().max(1.0) {
            break;
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        assert!((norm_sf(1.959963984540054) - 0.025).abs() < 1e-15);
        assert!((norm_ppf(0.975) - 1.959963984540054).abs() < 1e-13);
        assert!((chi2_sf(3.841458820694124, 1.0) - 0.05).abs() < 1e-13);
        // scipy.stats.t.isf(0.025, 10) = 2.2281388519649385
        assert!((t_isf(0.025, 10.0) - 2.2281388519649385).abs() < 1e-10);
        assert!(chi2_sf(f64::NAN, 1.0).is_nan());
        assert_eq!(chi2_sf(0.0, 1.0), 1.0);
    }
}
