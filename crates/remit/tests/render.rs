//! What a reader sees: the summary first, findings by domain, repeated findings grouped,
//! finding tables shown in every output, health drawn by band.

use remit::{Scorecard, render};
use remit_core::disclosure::{Disclosure, DisclosurePolicy};
use remit_core::{Audit, Cohort, Coverage, Domain, Finding, FindingCode, FindingTable, Severity};

struct Report {
    domain: Domain,
    coverage: Coverage,
    findings: Vec<Finding>,
}

impl Audit for Report {
    fn domain(&self) -> Domain {
        self.domain
    }
    fn coverage(&self) -> &Coverage {
        &self.coverage
    }
    fn findings(&self) -> &[Finding] {
        &self.findings
    }
}

fn finding(domain: Domain, code: &'static str, severity: Severity, title: &str) -> Finding {
    Finding::builder(domain, FindingCode::new(code).unwrap(), severity, title)
        .detail(format!("evidence for {title}"))
        .recommendation("Reclaim unused seats before renewal.")
        .build()
        .unwrap()
}

/// Tools: four licence-waste findings of one kind and one with a table of its cases;
/// assets: one critical finding; wellbeing: not measured.
fn card() -> Scorecard {
    let tools = Report {
        domain: Domain::CollabTools,
        coverage: Coverage::Measured,
        findings: vec![
            finding(
                Domain::CollabTools,
                "TOOLS-LICENCE-WASTE",
                Severity::Medium,
                "Zoom: 40% of seats unused",
            ),
            finding(
                Domain::CollabTools,
                "TOOLS-LICENCE-WASTE",
                Severity::Medium,
                "Miro: 35% of seats unused",
            ),
            finding(
                Domain::CollabTools,
                "TOOLS-LICENCE-WASTE",
                Severity::Low,
                "Loom: 12% of seats unused",
            ),
            finding(
                Domain::CollabTools,
                "TOOLS-LICENCE-WASTE",
                Severity::Low,
                "Donut: 9% of seats unused",
            ),
            Finding::builder(
                Domain::CollabTools,
                FindingCode::constant("TOOLS-NO-SSO"),
                Severity::High,
                "Three tools have no single sign-on",
            )
            .cohort(Cohort::all().with("category", "whiteboard"))
            .affected(1_204)
            .table(
                FindingTable::new(["tool", "active users"])
                    .with_row(["ShadowBoard", "124"])
                    .unwrap()
                    .with_row(["Scribble Pad", "1,080"])
                    .unwrap(),
            )
            .recommendation("Enable SSO or move the users to a tool that has it.")
            .build()
            .unwrap(),
        ],
    };
    let assets = Report {
        domain: Domain::Assets,
        coverage: Coverage::Measured,
        findings: vec![finding(
            Domain::Assets,
            "ASSET-RETIRED-UNSANITISED",
            Severity::Critical,
            "3 laptops retired without a sanitisation record",
        )],
    };
    let wellbeing = Report {
        domain: Domain::Wellbeing,
        coverage: Coverage::not_measured("no survey responses and no signals"),
        findings: Vec::new(),
    };
    let mut disclosure = Disclosure::new(DisclosurePolicy::default());
    Scorecard::from_audits(&[&tools, &assets, &wellbeing], &mut disclosure).unwrap()
}

fn parse(page: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse_with_options(
        page,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .expect("the page parses as XML")
}

fn has_class(node: &roxmltree::Node<'_, '_>, class: &str) -> bool {
    node.attribute("class")
        .is_some_and(|c| c.split(' ').any(|k| k == class))
}

fn text_of(node: &roxmltree::Node<'_, '_>) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

#[test]
fn the_page_opens_with_the_summary_then_groups_findings_by_domain() {
    let page = render::html(&card());
    let position = |needle: &str| {
        page.find(needle)
            .unwrap_or_else(|| panic!("{needle} missing from the page"))
    };
    let summary = position("class=\"summary\"");
    let covering = position("covering 2 of 3 domains");
    let top = position("Top findings");
    let first_domain = position("<section class=\"domain\"");
    assert!(summary < covering && covering < top && top < first_domain);
    // The top finding is the critical one, and it links to its place in its domain.
    let doc = parse(&page);
    let top_list = doc.descendants().find(|n| has_class(n, "top")).unwrap();
    let first = top_list.children().find(|n| n.has_tag_name("li")).unwrap();
    assert!(
        text_of(&first).contains("3 laptops retired"),
        "{}",
        text_of(&first)
    );
    // Every in-page link points at an element that exists.
    let ids: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("id"))
        .collect();
    let links: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("href"))
        .collect();
    assert!(links.len() >= 3 + 2, "domain and finding links: {links:?}");
    for link in links {
        let target = link.strip_prefix('#').expect("in-page links only");
        assert!(ids.contains(&target), "{link} points nowhere");
    }
    // Sections in domain order, each holding its own findings.
    let sections: Vec<String> = doc
        .descendants()
        .filter(|n| has_class(n, "domain"))
        .map(|n| n.attribute("id").unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        sections,
        [
            "domain-equipment",
            "domain-collaboration-tools",
            "domain-wellbeing"
        ]
    );
}

#[test]
fn a_domain_without_data_is_shown_as_not_measured_with_its_reason() {
    let card = card();
    let page = render::html(&card);
    let doc = parse(&page);
    let row = doc
        .descendants()
        .filter(|n| n.has_tag_name("tr"))
        .find(|n| text_of(n).contains("Wellbeing"))
        .unwrap();
    let row_text = text_of(&row);
    assert!(row_text.contains("not measured"), "{row_text}");
    assert!(
        row_text.contains("no survey responses and no signals"),
        "{row_text}"
    );
    assert!(
        row.descendants()
            .any(|n| has_class(&n, "meter") && has_class(&n, "none")),
        "not measured is drawn as a hatched, empty meter"
    );
    for rendered in [render::text(&card), render::markdown(&card)] {
        assert!(rendered.contains("covering 2 of 3 domains"), "{rendered}");
        assert!(
            rendered.contains("no survey responses and no signals"),
            "{rendered}"
        );
    }
}

#[test]
fn health_is_coloured_by_band_and_critical_is_never_green() {
    let page = render::html(&card());
    let doc = parse(&page);
    let meter_fill = |domain: &str| {
        let row = doc
            .descendants()
            .filter(|n| n.has_tag_name("tr"))
            .find(|n| text_of(n).contains(domain))
            .unwrap();
        row.descendants()
            .find_map(|n| n.attribute("style").filter(|s| s.contains("background")))
            .unwrap()
            .to_owned()
    };
    // Okabe–Ito vermillion for critical, orange for poor; bluish green only for good.
    let equipment = meter_fill("Equipment");
    assert!(equipment.contains("#D55E00"), "{equipment}");
    let tools = meter_fill("Collaboration tools");
    assert!(!tools.contains("#009E73"), "{tools}");
}

#[test]
fn repeated_findings_of_one_kind_are_one_entry_with_a_row_per_case() {
    let card = card();
    let page = render::html(&card);
    let doc = parse(&page);
    let groups: Vec<_> = doc
        .descendants()
        .filter(|n| has_class(n, "finding") && has_class(n, "group"))
        .collect();
    assert_eq!(groups.len(), 1);
    let rows = groups[0]
        .descendants()
        .filter(|n| n.has_tag_name("tr"))
        .count();
    assert_eq!(rows, 1 + 4, "a heading row and one row per finding");
    let group_text = text_of(&groups[0]);
    for tool in ["Zoom", "Miro", "Loom", "Donut"] {
        assert!(group_text.contains(tool), "{tool} missing");
    }
    // One recommendation shared by all is said once; severities differ, so they are a
    // column.
    assert_eq!(
        group_text.matches("Reclaim unused seats").count(),
        1,
        "{group_text}"
    );
    assert!(group_text.contains("Severity"));
    // The summary lists the group once.
    let top = doc.descendants().find(|n| has_class(n, "top")).unwrap();
    assert_eq!(text_of(&top).matches("seats unused").count(), 1);
    assert!(text_of(&top).contains("and 3 more like it"));

    let text = render::text(&card);
    assert!(
        text.contains("4 findings of one kind (TOOLS-LICENCE-WASTE)"),
        "{text}"
    );
    assert_eq!(
        text.matches("Do, for each: Reclaim unused seats").count(),
        1
    );
    let markdown = render::markdown(&card);
    assert!(markdown.contains("4 findings of one kind"), "{markdown}");
    // No finding of the group has a metric or a head-count, so those columns are left
    // out; all share one cohort, said once above the table.
    assert!(
        markdown.contains("| Severity | Finding | Evidence |"),
        "{markdown}"
    );
}

#[test]
fn a_finding_table_is_shown_in_every_output() {
    let card = card();
    let page = render::html(&card);
    let doc = parse(&page);
    let sso = doc
        .descendants()
        .find(|n| has_class(n, "finding") && text_of(n).contains("no single sign-on"))
        .unwrap();
    let cells: Vec<String> = sso
        .descendants()
        .filter(|n| n.has_tag_name("td") || n.has_tag_name("th"))
        .map(|n| text_of(&n))
        .collect();
    assert_eq!(
        cells,
        [
            "tool",
            "active users",
            "ShadowBoard",
            "124",
            "Scribble Pad",
            "1,080"
        ]
    );

    let markdown = render::markdown(&card);
    assert!(
        markdown.contains(
            "| tool | active users |\n|---|---|\n| ShadowBoard | 124 |\n| Scribble Pad | 1,080 |"
        ),
        "{markdown}"
    );

    let text = render::text(&card);
    assert!(text.contains("tool          active users"), "{text}");
    assert!(text.contains("ShadowBoard   124"), "{text}");
    assert!(text.contains("Scribble Pad  1,080"), "{text}");
    assert!(
        text.contains("(1,204 people)"),
        "head-counts are grouped: {text}"
    );
}
