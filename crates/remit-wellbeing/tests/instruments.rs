//! Golden tests of the built-in instruments against hand-checked cases from the published
//! scoring rules (every missing-item boundary and reverse item), and property tests.

use proptest::prelude::*;
use remit_wellbeing::{
    Aggregation, Bands, Edge, Instrument, InstrumentError, InstrumentSpec, MissingPolicy,
    ResponseRange, ScoreError,
};
use remit_wellbeing::{Cbi, Pss10, Who5, Who5Change};

fn answers(prefix: &str, codes: &[Option<u8>]) -> Vec<(String, u8)> {
    codes
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.map(|c| (format!("{prefix}.{}", i + 1), c)))
        .collect()
}

fn score(inst: &dyn Instrument, a: &[(String, u8)]) -> remit_wellbeing::Scores {
    let refs: Vec<(&str, u8)> = a.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    inst.score(&refs).unwrap()
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

// ---------- WHO-5 ----------

#[test]
fn who5_golden_cases() {
    let who5 = Who5::new();
    // (codes, raw, percentage, band)
    let cases: [([u8; 5], f64, f64, usize); 7] = [
        ([5, 5, 5, 5, 5], 25.0, 100.0, Who5::BAND_ADEQUATE),
        ([0, 0, 0, 0, 0], 0.0, 0.0, Who5::BAND_LIKELY_DEPRESSION),
        // raw 7 = 28%: the "≤ 28" boundary is inside likely depression.
        ([2, 2, 1, 1, 1], 7.0, 28.0, Who5::BAND_LIKELY_DEPRESSION),
        ([2, 2, 2, 1, 1], 8.0, 32.0, Who5::BAND_POOR),
        // raw 12 = 48% (raw < 13): poor wellbeing.
        ([3, 2, 3, 2, 2], 12.0, 48.0, Who5::BAND_POOR),
        // raw 13 = 52%: adequate.
        ([3, 3, 3, 2, 2], 13.0, 52.0, Who5::BAND_ADEQUATE),
        ([4, 3, 4, 3, 4], 18.0, 72.0, Who5::BAND_ADEQUATE),
    ];
    for (codes, raw, pct, band) in cases {
        let s = score(&who5, &answers("who5", &codes.map(Some)));
        assert!(close(s.value(Who5::RAW), raw), "{codes:?}");
        assert!(close(s.value(Who5::PERCENTAGE), pct), "{codes:?}");
        assert_eq!(
            s.get(Who5::PERCENTAGE).unwrap().band(),
            Some(band),
            "{codes:?}"
        );
        assert_eq!(s.get(Who5::RAW).unwrap().band(), None);
    }
}

#[test]
fn who5_requires_every_item_by_default() {
    let who5 = Who5::new();
    for missing in 0..5 {
        let mut codes = [Some(3u8); 5];
        codes[missing] = None;
        let s = score(&who5, &answers("who5", &codes));
        assert_eq!(s.value(Who5::RAW), None);
        assert_eq!(s.value(Who5::PERCENTAGE), None);
        assert_eq!(s.get(Who5::RAW).unwrap().answered(), 4);
        assert!(s.get(Who5::RAW).unwrap().is_missing());
    }
}

#[test]
fn who5_proration_only_when_opted_in() {
    assert!(matches!(
        Who5::with_missing_policy(MissingPolicy::MinAnswered(4)),
        Err(InstrumentError::InvalidScale { instrument, scale, reason })
            if instrument == "WHO-5" && scale == "raw" && reason.contains("without prorating")
    ));
    let who5 = Who5::with_missing_policy(MissingPolicy::ProratedSum { min_answered: 4 }).unwrap();
    // 3 + 3 + 3 + 3 = 12 over 4 items → 15 over 5 → 60%.
    let s = score(
        &who5,
        &answers("who5", &[Some(3), Some(3), None, Some(3), Some(3)]),
    );
    assert!(close(s.value(Who5::RAW), 15.0));
    assert!(close(s.value(Who5::PERCENTAGE), 60.0));
    // Three answered is below the opted-in minimum.
    let s = score(
        &who5,
        &answers("who5", &[Some(3), None, None, Some(3), Some(3)]),
    );
    assert_eq!(s.value(Who5::RAW), None);
}

#[test]
fn who5_ten_point_rule() {
    assert_eq!(Who5::change(40.0, 50.0), Who5Change::Improved);
    assert_eq!(Who5::change(40.0, 49.0), Who5Change::NoSignificantChange);
    assert_eq!(Who5::change(60.0, 50.0), Who5Change::Worsened);
    assert_eq!(Who5::change(60.0, 51.0), Who5Change::NoSignificantChange);
}

#[test]
fn input_errors_name_the_item() {
    let who5 = Who5::new();
    let err = who5.score(&[("who5.3", 6)]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "instrument WHO-5, item who5.3: response 6 is outside 0..=5"
    );
    assert_eq!(
        who5.score(&[("who5.9", 1)]),
        Err(ScoreError::UnknownItem {
            instrument: "WHO-5".to_owned(),
            item: "who5.9".to_owned()
        })
    );
    assert_eq!(
        who5.score(&[("who5.1", 1), ("who5.1", 2)]),
        Err(ScoreError::DuplicateAnswer {
            instrument: "WHO-5".to_owned(),
            item: "who5.1".to_owned()
        })
    );
    assert!(matches!(
        who5.score_codes(&[Some(1); 4]),
        Err(ScoreError::WrongLength {
            expected: 5,
            got: 4,
            ..
        })
    ));
}

// ---------- CBI ----------

fn cbi_scores(
    personal: &[Option<u8>],
    work: &[Option<u8>],
    client: &[Option<u8>],
) -> remit_wellbeing::Scores {
    let mut a = answers("cbi.personal", personal);
    a.extend(answers("cbi.work", work));
    a.extend(answers("cbi.client", client));
    score(&Cbi::new(), &a)
}

#[test]
fn cbi_item_points_and_means() {
    // Codes 4..0 score 100/75/50/25/0.
    for (code, points) in [(4u8, 100.0), (3, 75.0), (2, 50.0), (1, 25.0), (0, 0.0)] {
        let s = cbi_scores(&[Some(code); 6], &[], &[]);
        assert!(close(s.value(Cbi::PERSONAL), points), "{code}");
    }
    // Mean of answered items: (75 + 75 + 50) / 3.
    let s = cbi_scores(&[Some(3), Some(3), Some(2), None, None, None], &[], &[]);
    assert!(close(s.value(Cbi::PERSONAL), 200.0 / 3.0));
}

#[test]
fn cbi_missing_item_boundaries() {
    // Personal: 3 of 6 scored, 2 of 6 missing.
    let s = cbi_scores(&[Some(2), Some(2), Some(2), None, None, None], &[], &[]);
    assert!(close(s.value(Cbi::PERSONAL), 50.0));
    let s = cbi_scores(&[Some(2), Some(2), None, None, None, None], &[], &[]);
    assert_eq!(s.value(Cbi::PERSONAL), None);
    assert_eq!(s.get(Cbi::PERSONAL).unwrap().answered(), 2);
    // Work: 4 of 7 scored, 3 of 7 missing.
    let s = cbi_scores(
        &[],
        &[Some(1), Some(1), Some(1), Some(1), None, None, None],
        &[],
    );
    assert!(close(s.value(Cbi::WORK), 25.0));
    let s = cbi_scores(
        &[],
        &[Some(1), Some(1), Some(1), None, None, None, None],
        &[],
    );
    assert_eq!(s.value(Cbi::WORK), None);
    // Client: 3 of 6 scored, 2 of 6 missing.
    let s = cbi_scores(&[], &[], &[None, Some(4), None, Some(4), None, Some(4)]);
    assert!(close(s.value(Cbi::CLIENT), 100.0));
    let s = cbi_scores(&[], &[], &[None, Some(4), None, Some(4), None, None]);
    assert_eq!(s.value(Cbi::CLIENT), None);
}

#[test]
fn cbi_reverse_item_is_work_seven_only() {
    // Work items 1–6 "never" (0) and item 7 answered 4 ("to a very high degree"): the
    // reversed item scores 0, so the scale is 0.
    let s = cbi_scores(
        &[],
        &[
            Some(0),
            Some(0),
            Some(0),
            Some(0),
            Some(0),
            Some(0),
            Some(4),
        ],
        &[],
    );
    assert!(close(s.value(Cbi::WORK), 0.0));
    // Item 7 answered 0 scores 100 after reversal: 100 / 7.
    let s = cbi_scores(
        &[],
        &[
            Some(0),
            Some(0),
            Some(0),
            Some(0),
            Some(0),
            Some(0),
            Some(0),
        ],
        &[],
    );
    assert!(close(s.value(Cbi::WORK), 100.0 / 7.0));
    // Item 7 answered 1 ("low degree") scores 75.
    let s = cbi_scores(
        &[],
        &[Some(0), Some(0), Some(0), None, None, None, Some(1)],
        &[],
    );
    assert!(close(s.value(Cbi::WORK), 75.0 / 4.0));
    // No other item is reversed.
    let cbi = Cbi::new();
    let reversed: Vec<&str> = cbi
        .items()
        .iter()
        .filter(|i| i.is_reversed())
        .map(|i| i.id().as_str())
        .collect();
    assert_eq!(reversed, ["cbi.work.7"]);
}

#[test]
fn cbi_high_band_is_at_least_fifty() {
    let s = cbi_scores(&[Some(2); 6], &[], &[]);
    assert_eq!(s.get(Cbi::PERSONAL).unwrap().band(), Some(Cbi::BAND_HIGH));
    // (50 × 5 + 25) / 6 = 45.8: low.
    let s = cbi_scores(
        &[Some(2), Some(2), Some(2), Some(2), Some(2), Some(1)],
        &[],
        &[],
    );
    assert_eq!(s.get(Cbi::PERSONAL).unwrap().band(), Some(Cbi::BAND_LOW));
    let strict = Cbi::with_high_threshold(60.0).unwrap();
    let mut a = answers("cbi.personal", &[Some(2); 6]);
    a.truncate(6);
    assert_eq!(
        score(&strict, &a).get(Cbi::PERSONAL).unwrap().band(),
        Some(Cbi::BAND_LOW)
    );
    assert!(matches!(
        Cbi::with_high_threshold(f64::NAN),
        Err(InstrumentError::InvalidBands { reason }) if reason.contains("not finite")
    ));
}

// ---------- PSS-10 ----------

#[test]
fn pss10_reverse_items_and_total() {
    let pss = Pss10::new();
    // All 0: reversed items 4, 5, 7, 8 score 4 each.
    let s = score(&pss, &answers("pss10", &[Some(0); 10]));
    assert!(close(s.value(Pss10::TOTAL), 16.0));
    // All 4: six forward items score 4, the reversed ones 0.
    let s = score(&pss, &answers("pss10", &[Some(4); 10]));
    assert!(close(s.value(Pss10::TOTAL), 24.0));
    // Mixed, hand-summed: 1+2+3+(4→0)+(0→4)+1+(2→2)+(3→1)+4+0 = 18.
    let codes = [1, 2, 3, 4, 0, 1, 2, 3, 4, 0].map(Some);
    let s = score(&pss, &answers("pss10", &codes));
    assert!(close(s.value(Pss10::TOTAL), 18.0));
    // Extremes: forward 4s and reversed 0s → 40; the opposite → 0.
    let max = [4, 4, 4, 0, 0, 4, 0, 0, 4, 4].map(Some);
    assert!(close(
        score(&pss, &answers("pss10", &max)).value(Pss10::TOTAL),
        40.0
    ));
    let min = [0, 0, 0, 4, 4, 0, 4, 4, 0, 0].map(Some);
    assert!(close(
        score(&pss, &answers("pss10", &min)).value(Pss10::TOTAL),
        0.0
    ));
}

#[test]
fn pss10_requires_all_items_and_has_no_default_bands() {
    let pss = Pss10::new();
    let mut codes = [Some(2u8); 10];
    codes[9] = None;
    let s = score(&pss, &answers("pss10", &codes));
    assert_eq!(s.value(Pss10::TOTAL), None);
    let s = score(&pss, &answers("pss10", &[Some(2); 10]));
    assert_eq!(s.get(Pss10::TOTAL).unwrap().band(), None);
    let banded = Pss10::with_bands(
        Bands::new(
            "low",
            vec![
                (Edge::AtMost(13.0), "moderate"),
                (Edge::AtMost(26.0), "high"),
            ],
        )
        .unwrap(),
    );
    let s = score(&banded, &answers("pss10", &[Some(2); 10]));
    assert_eq!(s.get(Pss10::TOTAL).unwrap().band(), Some(1));
}

#[test]
fn builtins_survive_validation() {
    for spec in [
        Who5::new().items().len(),
        Cbi::new().items().len(),
        Pss10::new().items().len(),
    ]
    .iter()
    .zip([5, 19, 10])
    {
        assert_eq!(*spec.0, spec.1);
    }
    // Rebuild each through the validating builder.
    fn rebuild(inst: &dyn Instrument) -> Result<(), InstrumentError> {
        let range = inst.response_range();
        let mut b = InstrumentSpec::builder(inst.name(), range.min(), range.max())?;
        for item in inst.items() {
            b = if item.is_reversed() {
                b.reversed_item(item.id().as_str())?
            } else {
                b.item(item.id().as_str())?
            };
        }
        for scale in inst.scales() {
            let ids: Vec<&str> = scale
                .items()
                .iter()
                .map(|&i| inst.items()[i].id().as_str())
                .collect();
            b = b.scale(
                scale.id(),
                &ids,
                scale.aggregation(),
                scale.missing_policy(),
                scale.multiplier(),
                scale.bands().cloned(),
            )?;
        }
        b.build().map(|_| ())
    }
    rebuild(&Who5::new()).unwrap();
    rebuild(&Cbi::new()).unwrap();
    rebuild(&Pss10::new()).unwrap();
}

#[test]
fn custom_instrument_rules() {
    let b = || {
        InstrumentSpec::builder("x", 1, 5)
            .unwrap()
            .item("a")
            .unwrap()
            .item("b")
            .unwrap()
    };
    assert!(matches!(
        b().scale(
            "s",
            &["a", "b"],
            Aggregation::Sum,
            MissingPolicy::MinAnswered(1),
            1.0,
            None
        ),
        Err(InstrumentError::InvalidScale { instrument, scale, reason })
            if instrument == "x" && scale == "s" && reason.contains("without prorating")
    ));
    assert!(matches!(
        b().scale(
            "s",
            &["a", "c"],
            Aggregation::Mean,
            MissingPolicy::RequireAll,
            1.0,
            None
        ),
        Err(InstrumentError::UnknownScaleItem { instrument, scale, item })
            if instrument == "x" && scale == "s" && item == "c"
    ));
    assert!(matches!(
        b().item("a"),
        Err(InstrumentError::DuplicateItem { instrument, item }) if instrument == "x" && item == "a"
    ));
    assert_eq!(
        ResponseRange::new(3, 3),
        Err(InstrumentError::EmptyRange { min: 3, max: 3 })
    );
    assert_eq!(
        InstrumentSpec::builder("x", 0, 4)
            .unwrap()
            .item("bad id")
            .map(|_| ()),
        Err(InstrumentError::InvalidItemId {
            id: "bad id".to_owned()
        })
    );
    assert!(
        matches!(
            b().build(),
            Err(InstrumentError::InvalidScale { instrument, reason, .. })
                if instrument == "x" && reason.contains("at least one scale")
        ),
        "no scale"
    );
    // A 1–5 instrument sums codes as given, including the minimum.
    let spec = b()
        .scale(
            "s",
            &["a", "b"],
            Aggregation::Sum,
            MissingPolicy::RequireAll,
            1.0,
            None,
        )
        .unwrap()
        .build()
        .unwrap();
    assert_eq!(
        spec.score(&[("a", 1), ("b", 5)]).unwrap().all()[0].value(),
        Some(6.0)
    );
}

// ---------- properties ----------

fn codes(n: usize, max: u8) -> impl Strategy<Value = Vec<Option<u8>>> {
    prop::collection::vec(prop::option::of(0..=max), n)
}

proptest! {
    #[test]
    fn reverse_twice_is_identity(min in 0u8..=254, span in 1u8..=255, code in any::<u8>()) {
        let max = min.saturating_add(span);
        prop_assume!(min < max);
        let r = ResponseRange::new(min, max).unwrap();
        match r.reverse(code) {
            Some(once) => prop_assert_eq!(r.reverse(once), Some(code)),
            None => prop_assert!(!r.contains(code)),
        }
    }

    #[test]
    fn who5_scores_in_range(c in codes(5, 5)) {
        let s = Who5::new().score_codes(&c).unwrap();
        if let Some(v) = s.value(Who5::RAW) { prop_assert!((0.0..=25.0).contains(&v)); }
        if let Some(v) = s.value(Who5::PERCENTAGE) { prop_assert!((0.0..=100.0).contains(&v)); }
        prop_assert_eq!(s.value(Who5::RAW).is_some(), c.iter().all(Option::is_some));
    }

    #[test]
    fn cbi_scores_in_range(c in codes(19, 4)) {
        let s = Cbi::new().score_codes(&c).unwrap();
        for (scale, range, min) in [(Cbi::PERSONAL, 0..6, 3), (Cbi::WORK, 6..13, 4), (Cbi::CLIENT, 13..19, 3)] {
            let answered = c[range].iter().filter(|x| x.is_some()).count();
            let v = s.value(scale);
            prop_assert_eq!(v.is_some(), answered >= min);
            if let Some(v) = v { prop_assert!((0.0..=100.0).contains(&v)); }
        }
    }

    #[test]
    fn pss10_scores_in_range(c in codes(10, 4)) {
        let s = Pss10::new().score_codes(&c).unwrap();
        if let Some(v) = s.value(Pss10::TOTAL) { prop_assert!((0.0..=40.0).contains(&v)); }
    }

    #[test]
    fn no_panic_on_any_input(c in prop::collection::vec(prop::option::of(any::<u8>()), 0..25),
                             ids in prop::collection::vec(("[a-z0-9.]{0,12}", any::<u8>()), 0..8)) {
        for inst in [&Who5::new() as &dyn Instrument, &Cbi::new(), &Pss10::new()] {
            let _ = inst.score_codes(&c);
            let refs: Vec<(&str, u8)> = ids.iter().map(|(k, v)| (k.as_str(), *v)).collect();
            let _ = inst.score(&refs);
        }
    }

    #[test]
    fn custom_builder_never_panics(min in any::<u8>(), max in any::<u8>(), n in 0usize..6,
                                   need in any::<u8>(), mult in any::<f64>(), mean in any::<bool>(),
                                   c in prop::collection::vec(prop::option::of(any::<u8>()), 0..7)) {
        let built = InstrumentSpec::builder("p", min, max).and_then(|mut b| {
            let ids: Vec<String> = (0..n).map(|i| format!("i{i}")).collect();
            for id in &ids { b = b.item(id)?; }
            let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
            let agg = if mean { Aggregation::Mean } else { Aggregation::Sum };
            let policy = if mean { MissingPolicy::MinAnswered(need) } else { MissingPolicy::ProratedSum { min_answered: need } };
            b.scale("s", &refs, agg, policy, mult, None)?.build()
        });
        if let Ok(spec) = built
            && let Ok(s) = spec.score_codes(&c)
        {
            {
                for v in s.all().iter().filter_map(|x| x.value()) {
                    prop_assert!(v.is_finite());
                }
            }
        }
    }
}
