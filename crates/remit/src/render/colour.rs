//! Colours that carry meaning and stay distinguishable with colour-vision deficiency.
//!
//! Every colour comes from one of two published colour-blind-safe sets:
//!
//! - the **Okabe–Ito** palette (M. Okabe and K. Ito, *Color Universal Design*, 2008; B.
//!   Wong, "Points of view: Color blindness", *Nature Methods* 8:441, 2011), eight
//!   colours chosen to stay distinct under protanopia, deuteranopia and tritanopia;
//! - ColorBrewer's sequential **Blues** scheme (C. Brewer, colorbrewer2.org, marked
//!   colour-blind safe there), for ordered bands that carry no judgement.
//!
//! Meaning is assigned once, here:
//!
//! | meaning | colour |
//! |---|---|
//! | good (health band good, [`Tone::Good`]) | bluish green `#009E73` |
//! | calm ([`Tone::Calm`], the low-risk band) | sky blue `#56B4E9` |
//! | fair health, medium severity | yellow `#F0E442` |
//! | elevated ([`Tone::Elevated`]), poor health, high severity | orange `#E69F00` |
//! | alarming ([`Tone::Alarming`]), critical health and severity | vermillion `#D55E00` |
//! | not measured | grey hatching |
//! | neutral values and series without a meaning | blue `#0072B2`, reddish purple `#CC79A7`, black, … |
//!
//! So the good colour is used for good things only: a high-risk band or a critical
//! finding is never drawn in green. Colour is never the only carrier: every band,
//! severity and series is also named in text.

use remit_core::chart::Tone;
use remit_core::{HealthBand, Severity};

/// Okabe–Ito bluish green: good.
pub(crate) const GOOD: &str = "#009E73";
/// Okabe–Ito sky blue: calm.
pub(crate) const CALM: &str = "#56B4E9";
/// Okabe–Ito yellow: fair, medium.
pub(crate) const FAIR: &str = "#F0E442";
/// Okabe–Ito orange: elevated, poor, high.
pub(crate) const ELEVATED: &str = "#E69F00";
/// Okabe–Ito vermillion: alarming, critical.
pub(crate) const ALARMING: &str = "#D55E00";
/// The grey of things without a value (not measured, informational).
pub(crate) const MUTED: &str = "#999999";
/// Okabe–Ito blue: a value with no judgement attached.
pub(crate) const NEUTRAL: &str = "#0072B2";
/// Ink for text and axes.
pub(crate) const INK: &str = "#222222";
/// Light grey for grid lines.
pub(crate) const GRID: &str = "#E3E3E3";

/// Series that name groups rather than judgements (work modes, tools): the Okabe–Ito
/// colours left once the ones that carry meaning are taken out.
const CATEGORICAL: [&str; 4] = [NEUTRAL, "#CC79A7", "#000000", CALM];

/// Dash patterns that tell line series apart without colour, in the order of
/// [`CATEGORICAL`].
const DASHES: [&str; 4] = ["", "7 3", "2 2", "9 3 2 3"];

/// ColorBrewer Blues (9 classes), light to dark.
const BLUES: [&str; 9] = [
    "#F7FBFF", "#DEEBF7", "#C6DBEF", "#9ECAE1", "#6BAED6", "#4292C6", "#2171B5", "#08519C",
    "#08306B",
];

/// The colour of a tone.
pub(crate) fn tone(tone: Tone) -> &'static str {
    match tone {
        Tone::Good => GOOD,
        Tone::Calm => CALM,
        Tone::Elevated => ELEVATED,
        Tone::Alarming => ALARMING,
        // A tone added to remit-core later is drawn without judgement until it gets a
        // colour here.
        _ => NEUTRAL,
    }
}

/// The colour of the `index`-th series that names a group, and its dash pattern for lines.
pub(crate) fn categorical(index: usize) -> (&'static str, &'static str) {
    let i = index % CATEGORICAL.len();
    (CATEGORICAL[i], DASHES[i])
}

/// The colour of the `index`-th of `count` ordered bands that carry no judgement: light
/// to dark blue.
pub(crate) fn sequential(index: usize, count: usize) -> &'static str {
    // Skip the two lightest classes, which vanish against a white page.
    let usable = BLUES.len() - 2;
    let position = if count <= 1 {
        usable / 2
    } else {
        index.min(count - 1) * (usable - 1) / (count - 1)
    };
    BLUES[2 + position.min(usable - 1)]
}

/// The colour of a health band.
pub(crate) fn band(band: HealthBand) -> &'static str {
    match band {
        HealthBand::Good => GOOD,
        HealthBand::Fair => FAIR,
        HealthBand::Poor => ELEVATED,
        HealthBand::Critical => ALARMING,
        HealthBand::NotMeasured => MUTED,
    }
}

/// The colour of a finding's severity.
pub(crate) fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => ALARMING,
        Severity::High => ELEVATED,
        Severity::Medium => FAIR,
        Severity::Low => CALM,
        Severity::Info => MUTED,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_good_things_are_green() {
        for t in [Tone::Calm, Tone::Elevated, Tone::Alarming] {
            assert_ne!(tone(t), GOOD, "{t:?}");
        }
        assert_eq!(tone(Tone::Good), GOOD);
        for b in [
            HealthBand::Critical,
            HealthBand::Poor,
            HealthBand::Fair,
            HealthBand::NotMeasured,
        ] {
            assert_ne!(band(b), GOOD, "{b:?}");
        }
        for s in Severity::ALL {
            assert_ne!(severity(s), GOOD, "{s:?}");
        }
        for i in 0..10 {
            assert_ne!(categorical(i).0, GOOD);
            for n in 1..10 {
                assert_ne!(sequential(i, n), GOOD);
            }
        }
    }

    #[test]
    fn ordered_bands_darken_and_stay_distinct() {
        for count in 2..=7 {
            let colours: Vec<_> = (0..count).map(|i| sequential(i, count)).collect();
            let mut unique = colours.clone();
            unique.dedup();
            assert_eq!(unique.len(), count, "{colours:?}");
            let positions: Vec<_> = colours
                .iter()
                .map(|c| BLUES.iter().position(|b| b == c).unwrap())
                .collect();
            assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
        }
    }
}
