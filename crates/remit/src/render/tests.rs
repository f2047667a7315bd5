//! Chart geometry checked from the SVG the renderer emits: every label's box is computed
//! from the emitted coordinates with the same font metrics the layout used, and no two
//! boxes may overlap or leave the picture.

use remit_core::chart::{Chart, ChartKind, Point, Series, Tone, ValueScale};

use super::colour;
use super::layout::{Anchor, TextBox, text_box};
use super::svg::{WIDTH, svg};

/// One `<text>` element of a chart: its words and the box they cover.
#[derive(Debug)]
struct Label {
    text: String,
    bbox: TextBox,
}

struct Drawn {
    width: f64,
    height: f64,
    labels: Vec<Label>,
    /// `(fill, tooltip)` of every bar (legend swatches left out).
    bars: Vec<(String, String)>,
    /// Full texts carried as tooltips by shortened labels.
    tooltips: Vec<String>,
}

fn number(node: roxmltree::Node<'_, '_>, name: &str) -> f64 {
    node.attribute(name)
        .unwrap_or_else(|| panic!("<{}> without {name}", node.tag_name().name()))
        .parse()
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn parse(markup: &str) -> Drawn {
    let doc = roxmltree::Document::parse(markup).expect("the chart parses as XML");
    let root = doc.root_element();
    let view: Vec<f64> = root
        .attribute("viewBox")
        .expect("a viewBox")
        .split(' ')
        .map(|v| v.parse().unwrap())
        .collect();
    assert_eq!(view[..2], [0.0, 0.0]);
    let mut labels = Vec::new();
    let mut bars = Vec::new();
    let mut tooltips = Vec::new();
    for node in doc.descendants() {
        match node.tag_name().name() {
            "text" => {
                assert!(
                    node.attribute("transform").is_none(),
                    "rotated labels are not laid out"
                );
                let anchor = match node.attribute("text-anchor").unwrap_or("start") {
                    "start" => Anchor::Start,
                    "middle" => Anchor::Middle,
                    "end" => Anchor::End,
                    other => panic!("anchor {other}"),
                };
                let text: String = node
                    .descendants()
                    .filter(|n| n.is_text())
                    .filter_map(|n| n.text())
                    .collect();
                let bbox = text_box(
                    &text,
                    number(node, "x"),
                    number(node, "y"),
                    number(node, "font-size"),
                    anchor,
                );
                labels.push(Label { text, bbox });
            }
            "rect" => {
                // Bars carry their value as a tooltip; legend swatches do not.
                if let Some(title) = node.children().find(|c| c.tag_name().name() == "title") {
                    bars.push((
                        node.attribute("fill").unwrap_or_default().to_owned(),
                        title.text().unwrap_or_default().to_owned(),
                    ));
                }
            }
            "g" => {
                if let Some(t) = node.children().find(|c| c.tag_name().name() == "title") {
                    tooltips.push(t.text().unwrap_or_default().to_owned());
                }
            }
            _ => {}
        }
    }
    Drawn {
        width: view[2],
        height: view[3],
        labels,
        bars,
        tooltips,
    }
}

/// Every label inside the picture, no two overlapping.
fn overlaps(drawn: &Drawn) -> Vec<String> {
    let mut problems = Vec::new();
    for (i, a) in drawn.labels.iter().enumerate() {
        if !a.bbox.inside(drawn.width, drawn.height) {
            problems.push(format!(
                "{:?} leaves the {}×{} picture: {:?}",
                a.text, drawn.width, drawn.height, a.bbox
            ));
        }
        for b in &drawn.labels[i + 1..] {
            if a.bbox.overlaps(&b.bbox) {
                problems.push(format!("{:?} overlaps {:?}", a.text, b.text));
            }
        }
    }
    problems
}

fn assert_clean(chart: &Chart) -> Drawn {
    let drawn = parse(&svg(chart));
    let problems = overlaps(&drawn);
    assert!(problems.is_empty(), "{}: {problems:#?}", chart.key());
    assert_eq!(drawn.width, WIDTH);
    drawn
}

const TOOLS: [&str; 14] = [
    "Microsoft Teams Premium",
    "Zoom Workplace Business Plus",
    "Google Calendar",
    "Slack Enterprise Grid",
    "Miro",
    "Atlassian Confluence Cloud Standard",
    "Loom",
    "Notion",
    "Figma Professional",
    "Lucidchart",
    "Asana Business",
    "Donut",
    "Microsoft SharePoint Online Plan 2",
    "Calendly Teams",
];

fn tool_chart(n: usize) -> Chart {
    Chart::new("tools", "Async-suitability score by tool", ChartKind::Bar)
        .with_axes("tool", "async-suitability score (0-100)")
        .with_series(Series::new(
            "score",
            TOOLS
                .iter()
                .cycle()
                .take(n)
                .enumerate()
                .map(|(i, t)| {
                    let p = Point::category(format!("{t} {i}"), (i * 7 % 100) as f64);
                    if i % 3 == 0 {
                        p.with_tone(Tone::Alarming)
                    } else {
                        p
                    }
                })
                .collect(),
        ))
        .with_reference_line("replace below", 40.0)
}

fn charts() -> Vec<Chart> {
    let modes = ["onsite", "hybrid", "remote"];
    let mut charts = vec![
        tool_chart(3),
        tool_chart(8),
        tool_chart(14),
        tool_chart(40),
        Chart::new("kit", "Staff with their complete kit", ChartKind::Bar)
            .with_axes("work mode", "share with complete kit")
            .with_value_scale(ValueScale::Share)
            .with_series(Series::new(
                "complete kit",
                modes
                    .iter()
                    .zip([0.97, 0.81, 0.66])
                    .map(|(m, y)| Point::category(*m, y).with_interval(y - 0.05, (y + 0.05f64).min(1.0)))
                    .collect(),
            ))
            .with_reference_line("everyone equipped", 1.0),
        Chart::new("benefits", "Benefit value per person by work mode", ChartKind::Bar)
            .with_axes(
                "work mode",
                "mean annual benefit value (EUR, market exchange rates, employer cost before tax and any location adjustment)",
            )
            .with_series(Series::new(
                "mean value per person",
                modes
                    .iter()
                    .zip([14_250.0, 12_980.5, 9_120.0])
                    .map(|(m, y)| Point::category(*m, y))
                    .collect(),
            ))
            .with_reference_line("onsite mean", 14_250.0),
        Chart::new("km", "Time to promotion (Kaplan–Meier)", ChartKind::Step)
            .with_axes("months from the start of the window", "share not yet promoted")
            .with_value_scale(ValueScale::Share)
            .with_series(Series::new(
                "onsite",
                vec![Point::xy(0.0, 1.0), Point::xy(6.0, 0.9), Point::xy(18.0, 0.7), Point::xy(35.5, 0.58)],
            ))
            .with_series(Series::new(
                "hybrid",
                vec![Point::xy(0.0, 1.0), Point::xy(9.0, 0.93), Point::xy(30.0, 0.77)],
            ))
            .with_series(Series::new(
                "remote employees hired before the window opened",
                vec![Point::xy(0.0, 1.0), Point::xy(12.0, 0.95), Point::xy(36.0, 0.84)],
            ))
            .with_series(Series::new("contractors", vec![Point::xy(0.0, 1.0), Point::xy(20.0, 0.9)])),
        Chart::new("grouped", "Two series per category", ChartKind::Bar)
            .with_axes("team", "change in hours")
            .with_series(Series::new(
                "before the policy change in the second quarter",
                vec![Point::category("Platform", -3.5), Point::category("Data", 2.0)],
            ))
            .with_series(Series::new(
                "after the policy change in the second quarter",
                vec![Point::category("Platform", 1.5), Point::category("Data", -12.25)],
            )),
        Chart::new("empty", "Nothing to draw", ChartKind::Bar),
        Chart::new("one", "One very long label", ChartKind::Bar).with_series(Series::new(
            "x",
            vec![Point::category(
                "Pneumonoultramicroscopicsilicovolcanoconiosis-and-an-even-longer-name-that-no-column-holds",
                3.0,
            )],
        )),
    ];
    let mut bands = Chart::new("bands", "Burnout-risk bands", ChartKind::StackedBar)
        .with_axes("work mode", "share of staff")
        .with_value_scale(ValueScale::Share);
    for (name, tone, ys) in [
        (
            "low risk of burnout on the risk index",
            Tone::Calm,
            [0.6, 0.5, 0.3],
        ),
        (
            "moderate risk of burnout on the risk index",
            Tone::Elevated,
            [0.3, 0.3, 0.3],
        ),
        (
            "high risk of burnout on the risk index",
            Tone::Alarming,
            [0.1, 0.2, 0.4],
        ),
    ] {
        bands = bands.with_series(
            Series::new(
                name,
                modes
                    .iter()
                    .zip(ys)
                    .map(|(m, y)| Point::category(*m, y))
                    .collect(),
            )
            .with_tone(tone),
        );
    }
    charts.push(bands);
    charts
}

#[test]
fn no_label_overlaps_another_or_leaves_the_picture() {
    for chart in charts() {
        assert_clean(&chart);
    }
}

#[test]
fn the_overlap_check_finds_overlaps_and_clipping() {
    // The checker itself must be able to fail: two labels at one place, one off the edge.
    let markup = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} 100\"><text x=\"10\" y=\"20\" font-size=\"10\" text-anchor=\"start\">Zoom</text><text x=\"14\" y=\"22\" font-size=\"10\" text-anchor=\"start\">Miro</text><text x=\"{WIDTH}\" y=\"60\" font-size=\"10\" text-anchor=\"middle\">edge</text></svg>"
    );
    let problems = overlaps(&parse(&markup));
    assert_eq!(problems.len(), 2, "{problems:#?}");
}

#[test]
fn long_category_labels_move_to_horizontal_bars_with_tooltips() {
    let drawn = assert_clean(&tool_chart(14));
    // Every tool name is shown, on the left of its bar, whole or shortened with its full
    // name as a tooltip.
    for (i, tool) in TOOLS.iter().enumerate() {
        let full = format!("{tool} {i}");
        let shown =
            drawn.labels.iter().any(|l| l.text == full) || drawn.tooltips.contains(&full) || {
                // Wrapped onto two lines.
                let words: Vec<&str> = full.split(' ').collect();
                (1..words.len()).any(|k| {
                    let (a, b) = (words[..k].join(" "), words[k..].join(" "));
                    drawn.labels.iter().any(|l| l.text == a)
                        && drawn.labels.iter().any(|l| l.text == b)
                })
            };
        assert!(shown, "{full} is not on the chart");
    }
    let one = assert_clean(&charts().into_iter().find(|c| c.key() == "one").unwrap());
    assert_eq!(
        one.tooltips.len(),
        1,
        "a shortened label carries its full text"
    );
    assert!(one.labels.iter().any(|l| l.text.ends_with('\u{2026}')));
}

#[test]
fn axis_titles_are_never_cut_off() {
    let benefits = charts()
        .into_iter()
        .find(|c| c.key() == "benefits")
        .unwrap();
    let drawn = assert_clean(&benefits);
    let title: String = drawn
        .labels
        .iter()
        .filter(|l| l.bbox.x0 == 8.0 && l.bbox.y0 < 40.0)
        .map(|l| l.text.clone())
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(
        title,
        benefits.y_label(),
        "the whole title is shown, wrapped"
    );
    // Money ticks are round and grouped.
    assert!(
        drawn.labels.iter().any(|l| l.text == "15,000"),
        "{:?}",
        drawn.labels
    );
}

#[test]
fn survival_curves_are_scaled_to_the_data() {
    let km = charts().into_iter().find(|c| c.key() == "km").unwrap();
    let drawn = assert_clean(&km);
    let percents: Vec<&str> = drawn
        .labels
        .iter()
        .map(|l| l.text.as_str())
        .filter(|t| t.ends_with('%'))
        .collect();
    assert_eq!(percents, ["50%", "60%", "70%", "80%", "90%", "100%"]);
}

#[test]
fn shares_are_drawn_on_a_percent_axis() {
    let kit = charts().into_iter().find(|c| c.key() == "kit").unwrap();
    let drawn = assert_clean(&kit);
    let ticks: Vec<&str> = drawn
        .labels
        .iter()
        .map(|l| l.text.as_str())
        .filter(|t| t.ends_with('%'))
        .collect();
    assert_eq!(ticks, ["0%", "20%", "40%", "60%", "80%", "100%"]);
}

#[test]
fn high_risk_is_never_drawn_in_the_good_colour() {
    let bands = charts().into_iter().find(|c| c.key() == "bands").unwrap();
    let drawn = assert_clean(&bands);
    let high: Vec<&(String, String)> = drawn
        .bars
        .iter()
        .filter(|(_, tip)| tip.contains("high risk"))
        .collect();
    assert_eq!(high.len(), 3, "{high:?}");
    assert!(
        high.iter().all(|(fill, _)| fill == colour::ALARMING),
        "{high:?}"
    );
    assert!(drawn.bars.iter().all(|(fill, _)| fill != colour::GOOD));

    // Without tones (a domain that has not said what its bands mean), ordered bands are
    // drawn in blues that carry no judgement: still never green.
    let mut plain = Chart::new("plain", "Risk bands", ChartKind::StackedBar);
    for name in ["low", "moderate", "high"] {
        plain = plain.with_series(Series::new(name, vec![Point::category("remote", 0.3)]));
    }
    let drawn = assert_clean(&plain);
    assert_eq!(drawn.bars.len(), 3);
    assert!(
        drawn.bars.iter().all(|(fill, _)| fill != colour::GOOD),
        "{:?}",
        drawn.bars
    );

    // A point's own tone wins over its series.
    let tools = assert_clean(&tool_chart(3));
    let alarming = tools
        .bars
        .iter()
        .filter(|(f, _)| f == colour::ALARMING)
        .count();
    assert_eq!(alarming, 1, "{:?}", tools.bars);
}
