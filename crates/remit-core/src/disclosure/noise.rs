//! Keyed Laplace noise: the same statistic of the same group always gets the same
//! noise, and different groups get independent noise.

use std::hash::Hasher;

use siphasher::sip::SipHasher24;

use super::policy::NoisePolicy;

/// A keyed, order-independent fingerprint of a group's membership: the wrapping sum of
/// each member's keyed hash (so listing the members in another order changes nothing),
/// mixed with the group's size.
pub(crate) fn membership_fingerprint(secret: u128, members: impl Iterator<Item = u128>) -> u64 {
    let mut sum = 0u64;
    let mut count = 0u64;
    for member in members {
        let mut hasher = keyed(secret);
        hasher.write_u128(member);
        sum = sum.wrapping_add(hasher.finish());
        count += 1;
    }
    let mut hasher = keyed(secret);
    hasher.write_u64(sum);
    hasher.write_u64(count);
    hasher.finish()
}

/// The identity of one noisy figure: which population, which statistic, which group.
pub(crate) fn figure_key(secret: u128, population: &str, statistic: &str, members: u64) -> u64 {
    let mut hasher = keyed(secret);
    hasher.write(population.as_bytes());
    hasher.write_u8(0xff);
    hasher.write(statistic.as_bytes());
    hasher.write_u8(0xff);
    hasher.write_u64(members);
    hasher.finish()
}

/// A Laplace draw with scale `sensitivity / ε`, determined by the figure's key.
pub(crate) fn laplace(policy: &NoisePolicy, figure: u64, sensitivity: f64) -> f64 {
    let mut hasher = keyed(policy.secret());
    hasher.write_u64(figure);
    hasher.write(b"laplace");
    // 53 random bits → a uniform in (0, 1), never exactly 0 or 1.
    let bits = hasher.finish() >> 11;
    let uniform = (bits as f64 + 0.5) / (1u64 << 53) as f64;
    let scale = sensitivity / policy.epsilon();
    let centred = uniform - 0.5;
    -scale * centred.signum() * (1.0 - 2.0 * centred.abs()).ln()
}

fn keyed(secret: u128) -> SipHasher24 {
    SipHasher24::new_with_keys(secret as u64, (secret >> 64) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_ignores_order_and_depends_on_every_member() {
        let a = membership_fingerprint(7, [1u128, 2, 3].into_iter());
        let b = membership_fingerprint(7, [3u128, 1, 2].into_iter());
        let c = membership_fingerprint(7, [1u128, 2, 4].into_iter());
        let d = membership_fingerprint(7, [1u128, 2].into_iter());
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_ne!(a, d);
        assert_ne!(a, membership_fingerprint(8, [1u128, 2, 3].into_iter()));
    }

    #[test]
    fn laplace_draws_have_the_scale_of_sensitivity_over_epsilon() {
        let policy = NoisePolicy::new(0.5, 100.0, 99).unwrap();
        let draws: Vec<f64> = (0..20_000u64).map(|k| laplace(&policy, k, 1.0)).collect();
        let n = draws.len() as f64;
        let mean = draws.iter().sum::<f64>() / n;
        let mean_abs = draws.iter().map(|d| d.abs()).sum::<f64>() / n;
        // Laplace(0, b): mean 0, mean absolute deviation b = 1 / 0.5 = 2.
        assert!(mean.abs() < 0.1, "mean {mean}");
        assert!((mean_abs - 2.0).abs() < 0.1, "mean |x| {mean_abs}");
    }
}
