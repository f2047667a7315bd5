//! Group comparisons for a scorecard: the mean benefit value of a group another domain
//! defined against everyone else valued, through the disclosure engine.

use remit_core::Currency;
use remit_core::audit::{EmployeeGroup, GroupComparison};
use remit_core::disclosure::{Disclosure, DisclosureError, MeanOf, Population};
use statrs::distribution::{ContinuousCDF, StudentsT};

/// What a benefit comparison measures.
pub(crate) const METRIC: &str = "mean annual benefit value per person";

/// How many times the whole catalogue's value at expected use (in the most expensive
/// country) a value may reach before a comparison clips it; see
/// [`BenefitsReport`](crate::BenefitsReport)'s group comparisons.
pub(crate) const CEILING_MULTIPLE: f64 = 10.0;

/// The mean normalised annual benefit value of the group's members against every other
/// valued employee, released by the engine ([`Disclosure::compare_means`]), with
/// Welch's two-sided p-value when both means were published exactly. Each value is
/// clipped to `[0, ceiling]` first (`ceiling` is public: a multiple of the catalogue's
/// value, never a figure about people). Empty when no member of the group was valued.
pub(crate) fn compare(
    population: &Population,
    values: &[f64],
    ceiling: f64,
    base: Currency,
    group: &EmployeeGroup,
    disclosure: &mut Disclosure,
) -> Result<Vec<GroupComparison>, DisclosureError> {
    let members = population.locals(group.members());
    let clipped = |i: u32| {
        values
            .get(i as usize)
            .copied()
            .unwrap_or(0.0)
            .clamp(0.0, ceiling)
    };
    let Some(comparison) = disclosure.compare_means(
        population,
        &members,
        MeanOf {
            metric: METRIC,
            unit: Some(base.code()),
            range: (0.0, ceiling),
        },
        clipped,
    )?
    else {
        return Ok(Vec::new());
    };
    let exact = comparison.noise_scale().is_none()
        && !comparison.in_group().is_suppressed()
        && !comparison.rest().is_suppressed();
    if !exact {
        return Ok(vec![comparison]);
    }
    let inside: Vec<f64> = members.iter().map(|&i| clipped(i)).collect();
    let rest: Vec<f64> = population
        .complement(&members)
        .into_iter()
        .map(clipped)
        .collect();
    Ok(vec![match welch_p(&inside, &rest) {
        Some(p) => comparison.with_p_value(p),
        None => comparison,
    }])
}

/// Welch's two-sided p-value of two samples (`None` below two values each or without
/// variance). Welch's t uses the Welch–Satterthwaite degrees of freedom, as
/// `scipy.stats.ttest_ind(equal_var=False)`.
pub(crate) fn welch_p(a: &[f64], b: &[f64]) -> Option<f64> {
    let stats = |x: &[f64]| {
        let n = x.len() as f64;
        let mean = x.iter().sum::<f64>() / n;
        let var = x.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1.0);
        (n, mean, var)
    };
    if a.len() < 2 || b.len() < 2 {
        return None;
    }
    let (na, ma, va) = stats(a);
    let (nb, mb, vb) = stats(b);
    let (qa, qb) = (va / na, vb / nb);
    let se2 = qa + qb;
    if !(se2 > 0.0 && se2.is_finite()) {
        return None;
    }
    let t = (ma - mb) / se2.sqrt();
    let df = se2 * se2 / (qa * qa / (na - 1.0) + qb * qb / (nb - 1.0));
    let dist = StudentsT::new(0.0, 1.0, df).ok()?;
    let p = 2.0 * dist.sf(t.abs());
    p.is_finite().then(|| p.clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::welch_p;

    #[test]
    fn welch_p_values_match_scipy() {
        let doc: serde_json::Value =
            serde_json::from_str(include_str!("../tests/fixtures/benefits_welch_golden.json"))
                .unwrap();
        for case in doc["cases"].as_array().unwrap() {
            let sample = |k: &str| -> Vec<f64> {
                case[k]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_f64().unwrap())
                    .collect()
            };
            let p = welch_p(&sample("a"), &sample("b")).unwrap();
            let expected = case["p_value"].as_f64().unwrap();
            assert!(
                ((p - expected) / expected).abs() < 1e-6,
                "{}: {p} vs scipy {expected}",
                case["name"]
            );
        }
        assert_eq!(welch_p(&[1.0], &[1.0, 2.0]), None);
        assert_eq!(welch_p(&[1.0, 1.0], &[1.0, 1.0]), None);
    }
}
