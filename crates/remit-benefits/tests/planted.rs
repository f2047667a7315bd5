//! Planted effects from `remit-synth` are recovered; without them, nothing is invented.

use remit_benefits::{
    BenefitsReport, Config, GapEstimate, Inputs, MarginalRates, Strategy, Valuations, codes,
    value_employees,
};
use remit_core::AuditExt as _;
use remit_core::FindingCode;
use remit_core::audit::EmployeeGroup;
use remit_core::chart::ChartKind;
use remit_core::disclosure::{Disclosed, Disclosure, DisclosurePolicy, Suppression};
use remit_core::{Audit, WorkMode};
use remit_synth::benefits::{BenefitData, BenefitSynthConfig, benefit_data, benefit_id};
use remit_synth::{Organisation, SynthConfig, generate};
use rust_decimal::Decimal;

fn org(seed: u64) -> Organisation {
    generate(&SynthConfig::new(6_000, seed)).unwrap()
}

fn inputs<'a>(org: &'a Organisation, data: &'a BenefitData) -> Inputs<'a> {
    Inputs::new(
        org.roster(),
        data.catalogue(),
        data.enrolments(),
        data.rates(),
    )
}

/// The audit with the default engine (minimum group size 5), and the engine.
fn audit_in(org: &Organisation, data: &BenefitData) -> (BenefitsReport, Disclosure) {
    let mut engine = Disclosure::new(DisclosurePolicy::default());
    let report =
        remit_benefits::audit(&inputs(org, data), &Config::new(org.as_of()), &mut engine).unwrap();
    (report, engine)
}

fn audit(org: &Organisation, data: &BenefitData) -> BenefitsReport {
    audit_in(org, data).0
}

fn valuations(org: &Organisation, data: &BenefitData) -> Valuations {
    value_employees(&inputs(org, data), &Config::new(org.as_of())).unwrap()
}

fn codes(audit: &BenefitsReport, code: &FindingCode, mode: Option<WorkMode>) -> usize {
    audit
        .findings()
        .iter()
        .filter(|f| f.code() == code)
        .filter(|f| mode.is_none_or(|m| f.cohort().get("work_mode") == Some(m.as_str())))
        .count()
}

#[test]
fn a_planted_12_percent_remote_shortfall_is_measured_and_priced() {
    let org = org(42);
    let config = BenefitSynthConfig::default()
        .remote_shortfall(0.12)
        .unwrap();
    let data = benefit_data(&org, &config).unwrap();
    let audit = audit(&org, &data);
    let gap = audit.equity().gap(WorkMode::Remote).unwrap();
    let GapEstimate::Estimated(g) = gap.adjusted() else {
        panic!("remote gap not estimated: {:?}", gap.adjusted());
    };
    let truth = data.truth().gap(WorkMode::Remote);
    assert!(
        g.lower() <= truth && truth <= g.upper(),
        "planted {truth} outside CI [{}, {}] (estimate {})",
        g.lower(),
        g.upper(),
        g.gap()
    );
    assert!(g.p_value() < 1e-6);
    assert_eq!(
        codes(&audit, &codes::ADJUSTED_GAP, Some(WorkMode::Remote)),
        1
    );
    // Hybrid staff have no planted gap.
    assert_eq!(
        codes(&audit, &codes::ADJUSTED_GAP, Some(WorkMode::Hybrid)),
        0
    );

    // Priced: the full-parity budget is what lifting every remote value by 1/0.88 costs.
    let full = audit
        .remediation()
        .iter()
        .find(|p| p.strategy() == Strategy::FullParity && p.work_mode() == WorkMode::Remote)
        .unwrap();
    let remote_total: Decimal = valuations(&org, &data)
        .values()
        .iter()
        .filter(|v| v.work_mode() == WorkMode::Remote)
        .map(|v| v.normalised().amount())
        .sum();
    let total = f64::try_from(remote_total).unwrap();
    let budget = f64::try_from(full.base_total().published().unwrap().amount()).unwrap();
    // Who receives a stipend: every remote employee (all have a benefit value), a
    // published group.
    assert_eq!(
        full.recipients(),
        audit.equity().mode(WorkMode::Remote).unwrap().count()
    );
    // The budget is the estimate's price, to rounding...
    let priced = total * ((-g.coefficient()).exp() - 1.0);
    assert!(
        (budget / priced - 1.0).abs() < 0.005,
        "budget {budget} vs {priced}"
    );
    // ...and the planted shortfall's price lies within the price range of the CI.
    let planted = total * (1.0 / (1.0 + truth) - 1.0);
    let (cheap, dear) = (
        total * (1.0 / (1.0 + g.upper()) - 1.0),
        total * (1.0 / (1.0 + g.lower()) - 1.0),
    );
    assert!(
        cheap <= planted && planted <= dear,
        "planted price {planted} outside [{cheap}, {dear}]"
    );
    let minimum = audit
        .remediation()
        .iter()
        .find(|p| p.strategy() == Strategy::MinimumToThreshold)
        .unwrap();
    assert!(
        minimum.base_total().published().unwrap().amount()
            < full.base_total().published().unwrap().amount()
    );
    // The finding gives the budgets with thousands separators and says the Directive
    // is used by analogy.
    let finding = audit
        .findings()
        .iter()
        .find(|f| f.code() == &codes::ADJUSTED_GAP)
        .unwrap();
    let full_text = full.base_total().published().unwrap().formatted(None);
    assert!(full_text.contains(','), "{full_text}");
    assert!(
        finding.recommendation().contains(&full_text),
        "{}",
        finding.recommendation()
    );
    assert!(
        finding.detail().contains("applied here by analogy"),
        "{}",
        finding.detail()
    );
    assert!(audit.health().score().is_some_and(|s| s < 70));
}

#[test]
fn without_a_planted_gap_there_is_no_gap_finding() {
    for seed in [1, 2] {
        let org = org(seed);
        let data = benefit_data(&org, &BenefitSynthConfig::default()).unwrap();
        let audit = audit(&org, &data);
        assert_eq!(codes(&audit, &codes::ADJUSTED_GAP, None), 0, "seed {seed}");
        assert!(audit.remediation().is_empty());
        let g = audit.equity().gap(WorkMode::Remote).unwrap();
        let g = g.adjusted().estimated().unwrap();
        assert!(g.gap().abs() < 0.03, "seed {seed}: {}", g.gap());
    }
}

#[test]
fn an_onsite_only_perk_is_reported_as_unmatched() {
    let org = org(5);
    let data = benefit_data(&org, &BenefitSynthConfig::default()).unwrap();
    let audit = audit(&org, &data);
    let parking = data.truth().unmatched_perk().unwrap();
    assert_eq!(audit.unmatched().len(), 1);
    assert_eq!(audit.unmatched()[0].benefit(), parking);
    assert_eq!(codes(&audit, &codes::UNMATCHED_PERK, None), 1);
    let forgone = audit.unmatched()[0].forgone_mean().published().unwrap();
    // 4 USD × 220 days at US prices; cheaper elsewhere at market rates.
    assert!(forgone.amount() > Decimal::from(200) && forgone.amount() <= Decimal::from(880));

    let paired = benefit_data(
        &org,
        &BenefitSynthConfig::default().unmatched_parking(false),
    )
    .unwrap();
    let audit = audit_of(&org, &paired);
    assert_eq!(codes(&audit, &codes::UNMATCHED_PERK, None), 0);
    assert!(
        paired
            .catalogue()
            .counterparts(benefit_id("parking"))
            .count()
            == 1
    );
}

fn audit_of(org: &Organisation, data: &BenefitData) -> BenefitsReport {
    audit(org, data)
}

#[test]
fn the_gap_survives_purchasing_power_normalisation_and_tax_reveals_a_new_one() {
    let org = org(9);
    let config = BenefitSynthConfig::default()
        .remote_shortfall(0.12)
        .unwrap();
    let data = benefit_data(&org, &config).unwrap();
    let config = Config::new(org.as_of());
    let ppp = remit_benefits::audit(
        &inputs(&org, &data).with_location_index(data.purchasing_power()),
        &config,
        &mut Disclosure::new(DisclosurePolicy::default()),
    )
    .unwrap();
    let g = *ppp
        .equity()
        .gap(WorkMode::Remote)
        .unwrap()
        .adjusted()
        .estimated()
        .unwrap();
    assert!(g.lower() <= -0.12 && -0.12 <= g.upper(), "{g:?}");

    // No planted gap at employer cost, but remote stipends are taxable while the onsite
    // canteen, commuter pass and parking are tax-free: after tax, remote staff keep less.
    let fair = benefit_data(&org, &BenefitSynthConfig::default()).unwrap();
    let tax = MarginalRates::default()
        .with_default(Decimal::new(35, 2))
        .unwrap();
    let after_tax = remit_benefits::audit(
        &inputs(&org, &fair).with_tax_model(&tax),
        &config,
        &mut Disclosure::new(DisclosurePolicy::default()),
    )
    .unwrap();
    let g = after_tax
        .equity()
        .gap(WorkMode::Remote)
        .unwrap()
        .adjusted()
        .estimated()
        .copied()
        .unwrap();
    assert!(g.gap() < -0.05 && g.p_value() < 0.001, "{g:?}");
    assert_eq!(
        codes(&after_tax, &codes::ADJUSTED_GAP, Some(WorkMode::Remote)),
        1
    );
}

#[test]
fn the_chart_draws_each_published_work_mode_at_its_mean() {
    let org = org(42);
    let config = BenefitSynthConfig::default()
        .remote_shortfall(0.12)
        .unwrap();
    let data = benefit_data(&org, &config).unwrap();
    let audit = audit(&org, &data);
    let charts = audit.charts();
    assert_eq!(charts.len(), 1);
    let chart = &charts[0];
    assert_eq!(chart.kind(), ChartKind::Bar);
    assert_eq!(chart.key(), "benefits.value-by-work-mode");
    assert!(chart.y_label().contains("USD"), "{}", chart.y_label());
    let points = chart.series()[0].points();
    let means: Vec<f64> = audit
        .equity()
        .by_mode()
        .iter()
        .map(|b| f64::try_from(b.value().mean().published().unwrap().amount()).unwrap())
        .collect();
    assert_eq!(points.len(), 3);
    for (p, (b, m)) in points
        .iter()
        .zip(audit.equity().by_mode().iter().zip(&means))
    {
        assert_eq!(p.label(), b.work_mode().label());
        assert_eq!(p.y(), *m);
    }
    // The planted shortfall shows: the remote bar is below the onsite reference line.
    let (_, onsite) = chart.reference_line().unwrap();
    assert_eq!(onsite, means[0]);
    assert!(
        points[2].y() < 0.95 * onsite,
        "{} vs {onsite}",
        points[2].y()
    );
}

#[test]
fn compare_group_finds_the_planted_group_nothing_in_a_random_one_and_refuses_what_would_isolate_people()
 {
    let org = org(42);
    let config = BenefitSynthConfig::default()
        .remote_shortfall(0.12)
        .unwrap();
    let data = benefit_data(&org, &config).unwrap();
    let (audit, mut engine) = audit_in(&org, &data);
    let valued = valuations(&org, &data);
    let values = valued.values();

    // Remote staff: their lower value (planted shortfall and no office perks at the
    // same prices) shows with a tiny p-value; the group is a published work-mode cell.
    let remote: Vec<_> = values
        .iter()
        .filter(|v| v.work_mode() == WorkMode::Remote)
        .map(|v| v.employee())
        .collect();
    let n_remote = remote.len() as u64;
    let c = &audit
        .compare_group(
            &EmployeeGroup::new("x.remote", "remote staff", remote),
            &mut engine,
        )
        .unwrap()[0];
    assert_eq!(c.in_group_n(), Disclosed::Published(n_remote));
    assert_eq!(
        c.rest_n(),
        Disclosed::Published(values.len() as u64 - n_remote)
    );
    let (Disclosed::Published(inside), Disclosed::Published(rest)) = (c.in_group(), c.rest())
    else {
        panic!("means suppressed: {c:?}");
    };
    let expected_in = values
        .iter()
        .filter(|v| v.work_mode() == WorkMode::Remote)
        .map(|v| f64::try_from(v.normalised().amount()).unwrap())
        .sum::<f64>()
        / n_remote as f64;
    assert!(
        (inside - expected_in).abs() < 0.01,
        "{inside} vs {expected_in}"
    );
    assert!(inside < rest);
    assert!(c.p_value().unwrap() < 1e-6);

    // Every other employee: no planted difference, no small p-value (seeded, fixed).
    let alternate: Vec<_> = values.iter().step_by(2).map(|v| v.employee()).collect();
    let half = EmployeeGroup::new("x.half", "every other", alternate);
    let c = &audit.compare_group(&half, &mut engine).unwrap()[0];
    assert!(c.p_value().unwrap() > 0.01, "{c:?}");

    // With the detail tables published (work mode × country × level cells), the same
    // group would split some cell into parts under five people, so the engine refuses
    // it; the reason is public (it depends on membership only).
    let mut detailed_engine = Disclosure::new(DisclosurePolicy::default());
    let detailed = remit_benefits::audit(
        &inputs(&org, &data),
        &Config::new(org.as_of()).with_detail_tables(true),
        &mut detailed_engine,
    )
    .unwrap();
    assert!(!detailed.equity().by_country().is_empty());
    let c = &detailed.compare_group(&half, &mut detailed_engine).unwrap()[0];
    assert_eq!(
        c.in_group(),
        Disclosed::Suppressed(Suppression::Complementary)
    );
    assert_eq!(
        c.in_group_n(),
        Disclosed::Suppressed(Suppression::Complementary)
    );
    assert_eq!(c.p_value(), None);

    // Three people: every figure withheld, no test.
    let three: Vec<_> = values.iter().take(3).map(|v| v.employee()).collect();
    let c = &audit
        .compare_group(&EmployeeGroup::new("x.three", "three", three), &mut engine)
        .unwrap()[0];
    let below = Disclosed::Suppressed(Suppression::BelowMinimum);
    assert_eq!((c.in_group_n(), c.rest_n()), (below, below));
    assert!(c.in_group().is_suppressed() && c.rest().is_suppressed());
    assert_eq!(c.p_value(), None);

    // Members the audit never valued: no comparison at all (an empty group is absent).
    let strangers = vec![remit_core::EmployeeId::from_external("nobody")];
    let none = audit
        .compare_group(
            &EmployeeGroup::new("x.none", "strangers", strangers),
            &mut engine,
        )
        .unwrap();
    assert!(none.is_empty());

    // Another engine than the report's: an error, never figures.
    let err = audit
        .compare_group(
            &EmployeeGroup::new("x.remote", "remote staff", vec![values[0].employee()]),
            &mut Disclosure::new(DisclosurePolicy::default()),
        )
        .unwrap_err();
    assert!(
        matches!(
            err,
            remit_core::disclosure::DisclosureError::UnknownPopulation { .. }
        ),
        "{err:?}"
    );
}
