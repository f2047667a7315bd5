//! The scorecard composes any audits, ranks findings, computes cross-domain observations
//! from guarded numbers, and renders a self-contained, well-formed HTML page.

use remit::{Scorecard, ScorecardError, render};
use remit_core::chart::{Chart, ChartKind, Point, Series};
use remit_core::disclosure::{
    Disclosed, Disclosure, DisclosureError, DisclosurePolicy, Suppression,
};
use remit_core::{
    Audit, Coverage, Domain, EmployeeGroup, EmployeeId, Finding, FindingCode, GroupComparison,
    HealthBand, Severity,
};

struct Fake {
    domain: Domain,
    coverage: Coverage,
    findings: Vec<Finding>,
    group: Option<EmployeeGroup>,
    comparison: Option<GroupComparison>,
    charts: Vec<Chart>,
}

impl Fake {
    fn new(domain: Domain) -> Self {
        Self {
            domain,
            coverage: Coverage::Measured,
            findings: Vec::new(),
            group: None,
            comparison: None,
            charts: Vec::new(),
        }
    }

    fn with_findings(mut self, findings: &[(Severity, &'static str, Option<u64>)]) -> Self {
        self.findings = findings
            .iter()
            .map(|(severity, code, affected)| {
                let mut b = Finding::builder(
                    self.domain,
                    FindingCode::new(code).unwrap(),
                    *severity,
                    format!("title <{code}> & more"),
                )
                .detail("detail with \"quotes\"")
                .recommendation("do something");
                if let Some(n) = affected {
                    b = b.affected(*n);
                }
                b.build().unwrap()
            })
            .collect();
        self
    }
}

impl Audit for Fake {
    fn domain(&self) -> Domain {
        self.domain
    }
    fn coverage(&self) -> &Coverage {
        &self.coverage
    }
    fn findings(&self) -> &[Finding] {
        &self.findings
    }
    fn groups(&self) -> Vec<EmployeeGroup> {
        self.group.iter().cloned().collect()
    }
    fn compare_group(
        &self,
        group: &EmployeeGroup,
        _disclosure: &mut Disclosure,
    ) -> Result<Vec<GroupComparison>, DisclosureError> {
        Ok(if group.key() == "assets.no-chair" {
            self.comparison.iter().cloned().collect()
        } else {
            Vec::new()
        })
    }
    fn charts(&self) -> &[Chart] {
        &self.charts
    }
}

fn comparison(in_group: Disclosed<f64>) -> GroupComparison {
    GroupComparison::new(
        "share in the high burnout band",
        Some("share"),
        in_group,
        Disclosed::Published(0.2),
        Disclosed::Published(40),
        Disclosed::Published(900),
    )
    .with_p_value(0.0004)
}

fn engine() -> Disclosure {
    Disclosure::new(DisclosurePolicy::default())
}

fn sample() -> (Fake, Fake) {
    let mut assets = Fake::new(Domain::Assets).with_findings(&[
        (Severity::Medium, "ASSET-A", Some(10)),
        (Severity::High, "ASSET-B", Some(5)),
    ]);
    assets.group = Some(EmployeeGroup::new(
        "assets.no-chair",
        "remote staff without an ergonomic chair",
        vec![
            EmployeeId::from_external("1"),
            EmployeeId::from_external("2"),
        ],
    ));
    assets.charts = vec![
        Chart::new("kit", "Kit coverage", ChartKind::Bar).with_series(Series::new(
            "coverage",
            vec![
                Point::category("remote", 0.8).with_interval(0.7, 0.9),
                Point::category("hybrid", 0.95),
            ],
        )),
    ];
    let mut wellbeing = Fake::new(Domain::Wellbeing).with_findings(&[
        (Severity::Low, "WB-A", Some(50)),
        (Severity::Info, "WB-B", None),
    ]);
    wellbeing.comparison = Some(comparison(Disclosed::Published(0.38)));
    wellbeing.charts = vec![
        Chart::new("bands", "Burnout bands", ChartKind::StackedBar)
            .with_series(Series::new(
                "low",
                vec![
                    Point::category("remote", 0.5),
                    Point::category("onsite", 0.6),
                ],
            ))
            .with_series(Series::new(
                "high",
                vec![
                    Point::category("remote", 0.5),
                    Point::category("onsite", 0.4),
                ],
            )),
        Chart::new("km", "Time to promotion", ChartKind::Step)
            .with_series(Series::new(
                "onsite",
                vec![
                    Point::xy(0.0, 1.0),
                    Point::xy(12.0, 0.8),
                    Point::xy(30.0, 0.4),
                ],
            ))
            .with_reference_line("median", 0.5),
    ];
    (assets, wellbeing)
}

#[test]
fn overall_is_the_mean_of_measured_domains_and_findings_are_ranked() {
    let (assets, wellbeing) = sample();
    let card = Scorecard::from_audits(&[&wellbeing, &assets], &mut engine()).unwrap();
    // Assets: 100 − 5 − 12 = 83, capped at 59 by its high finding; wellbeing: 100 − 2
    // = 98, capped at 94 by its low finding.
    assert_eq!(card.domains()[0].health().score(), Some(59));
    assert_eq!(card.domains()[1].health().score(), Some(94));
    assert_eq!(card.overall().score(), Some(77)); // (59 + 94) / 2 = 76.5, half up
    assert_eq!(card.overall().measured(), 2);
    let codes: Vec<_> = card
        .findings()
        .iter()
        .map(|f| f.code().as_str().to_owned())
        .collect();
    assert_eq!(codes, ["ASSET-B", "ASSET-A", "WB-A", "WB-B"]);
    assert_eq!(card.domains()[0].domain(), Domain::Assets);
    assert_eq!(card.domains()[0].findings_at(Severity::High), 1);
}

#[test]
fn observations_are_computed_from_published_numbers_only() {
    let (assets, wellbeing) = sample();
    let card = Scorecard::from_audits(&[&assets, &wellbeing], &mut engine()).unwrap();
    assert_eq!(card.observations().len(), 1);
    let text = card.observations()[0].text();
    assert!(
        text.contains("38.0%") && text.contains("20.0%") && text.contains("1.9×"),
        "{text}"
    );
    assert!(
        text.contains("n = 40 vs 900") && text.contains("p < 0.001"),
        "{text}"
    );

    let (assets, mut wellbeing) = sample();
    wellbeing.comparison = Some(comparison(Disclosed::Suppressed(Suppression::BelowMinimum)));
    let card = Scorecard::from_audits(&[&assets, &wellbeing], &mut engine()).unwrap();
    assert!(
        card.observations().is_empty(),
        "a suppressed value must not surface"
    );
}

#[test]
fn bad_compositions_are_errors() {
    assert_eq!(
        Scorecard::from_audits(&[], &mut engine()).unwrap_err(),
        ScorecardError::NoAudits
    );
    let (a, _) = sample();
    let (b, _) = sample();
    assert!(matches!(
        Scorecard::from_audits(&[&a, &b], &mut engine()),
        Err(ScorecardError::DuplicateDomain {
            domain: Domain::Assets
        })
    ));
}

#[test]
fn html_is_well_formed_self_contained_and_has_one_svg_per_chart() {
    let (assets, wellbeing) = sample();
    let card = Scorecard::from_audits(&[&assets, &wellbeing], &mut engine()).unwrap();
    let page = render::html(&card);
    let doc = roxmltree::Document::parse_with_options(
        &page,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .expect("the page parses as XML");
    let svgs = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "svg")
        .count();
    assert_eq!(svgs, card.charts().len());
    assert_eq!(svgs, 3);
    assert!(doc.descendants().all(|n| n.tag_name().name() != "script"));
    for node in doc.descendants() {
        for attr in node.attributes() {
            let v = attr.value();
            assert!(
                !v.contains("http://") && !v.contains("https://") || attr.name() == "xmlns",
                "external reference in {}={v}",
                attr.name()
            );
            assert!(
                attr.name() != "src" && (attr.name() != "href" || v.starts_with('#')),
                "external reference {}={v}",
                attr.name()
            );
        }
    }
    assert!(page.contains("title &lt;WB-A&gt; &amp; more"));
}

#[test]
fn text_and_markdown_carry_every_finding() {
    let (assets, wellbeing) = sample();
    let card = Scorecard::from_audits(&[&assets, &wellbeing], &mut engine()).unwrap();
    for rendered in [render::text(&card), render::markdown(&card)] {
        for code in ["WB-A", "ASSET-B", "ASSET-A", "WB-B"] {
            assert!(rendered.contains(code), "{code} missing");
        }
    }
}

#[test]
fn domains_without_data_are_not_measured_and_left_out_of_the_overall_score() {
    let (assets, _) = sample();
    let mut tools = Fake::new(Domain::CollabTools);
    tools.coverage = Coverage::not_measured("no tools in the inventory");
    let mut wellbeing = Fake::new(Domain::Wellbeing);
    wellbeing.coverage = Coverage::not_measured("no survey responses and no signals");
    let card = Scorecard::from_audits(&[&assets, &tools, &wellbeing], &mut engine()).unwrap();
    assert_eq!(card.overall().score(), Some(59), "only assets counts");
    assert_eq!(
        (card.overall().measured(), card.overall().domains()),
        (1, 3)
    );
    let tools_line = card
        .domains()
        .iter()
        .find(|d| d.domain() == Domain::CollabTools)
        .unwrap();
    assert_eq!(tools_line.health().band(), HealthBand::NotMeasured);
    assert_eq!(tools_line.health().reason(), "no tools in the inventory");
    let text = render::text(&card);
    assert!(text.contains("not measured"), "{text}");
    assert!(text.contains("covering 1 of 3 domains"), "{text}");

    let card = Scorecard::from_audits(&[&tools, &wellbeing], &mut engine()).unwrap();
    assert_eq!(card.overall().score(), None);
    assert_eq!(card.overall().band(), HealthBand::NotMeasured);
}

#[test]
fn a_high_or_critical_finding_caps_the_domain_score() {
    let high = Fake::new(Domain::Benefits).with_findings(&[(Severity::High, "BEN-X", None)]);
    let critical =
        Fake::new(Domain::Assets).with_findings(&[(Severity::Critical, "ASSET-X", None)]);
    let card = Scorecard::from_audits(&[&high, &critical], &mut engine()).unwrap();
    let score = |d: Domain| {
        card.domains()
            .iter()
            .find(|s| s.domain() == d)
            .unwrap()
            .health()
            .score()
    };
    assert_eq!(score(Domain::Benefits), Some(59));
    assert_eq!(score(Domain::Assets), Some(39));
}

#[cfg(feature = "serde")]
#[test]
fn json_labels_every_part() {
    let (assets, wellbeing) = sample();
    let card = Scorecard::from_audits(&[&assets, &wellbeing], &mut engine()).unwrap();
    let json = serde_json::to_value(&card).unwrap();
    assert_eq!(
        json["overall"],
        serde_json::json!({"score": 77, "band": "fair", "measured": 2, "domains": 2})
    );
    assert_eq!(
        json["domains"][0]["findings_by_severity"],
        serde_json::json!({"critical": 0, "high": 1, "medium": 1, "low": 0, "info": 0})
    );
    assert_eq!(json["domains"][0]["health"]["band"], "poor");
    // Charts are labelled objects, not [domain, chart] pairs.
    let charts = json["charts"].as_array().unwrap();
    assert_eq!(charts.len(), 3);
    assert_eq!(charts[0]["domain"], "assets");
    assert_eq!(charts[0]["chart"]["key"], "kit");
    assert_eq!(
        charts[2]["chart"]["reference_line"],
        serde_json::json!({"label": "median", "value": 0.5})
    );
}
