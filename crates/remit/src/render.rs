//! Rendering a [`Scorecard`] as plain text, Markdown or one self-contained HTML page.
//!
//! Every renderer is a pure function returning a `String`: the caller decides where it
//! goes. The HTML page has inline CSS and inline SVG charts, no JavaScript and no
//! external references, so it opens in any browser, offline, and prints.

use std::fmt::Write as _;

use remit_core::chart::{Chart, ChartKind};
use remit_core::{Finding, Severity};

use crate::scorecard::Scorecard;

/// The scorecard for a terminal: health by domain, then findings, then observations.
pub fn text(scorecard: &Scorecard) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "REMOTE-WORK SCORECARD");
    let _ = writeln!(
        out,
        "Overall health: {} {}",
        scorecard.overall(),
        bar(scorecard.overall().score())
    );
    let _ = writeln!(out);
    for d in scorecard.domains() {
        let _ = writeln!(
            out,
            "  {:<22} {:>12} {}  {}",
            d.domain().label(),
            score_text(d.health().score()),
            bar(d.health().score()),
            d.health().reason()
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "FINDINGS ({}), most severe first",
        scorecard.findings().len()
    );
    for (i, f) in scorecard.findings().iter().enumerate() {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "{:>3}. [{}] {} — {} ({})",
            i + 1,
            f.severity().to_string().to_uppercase(),
            f.title(),
            f.domain().label(),
            f.code()
        );
        if !f.detail().is_empty() {
            let _ = writeln!(out, "     {}", f.detail());
        }
        let _ = writeln!(out, "     Who: {}{}", f.cohort(), affected(f));
        if let Some(m) = f.metric() {
            let _ = writeln!(out, "     Metric: {}", metric(m));
        }
        let _ = writeln!(out, "     Do: {}", f.recommendation());
    }
    if !scorecard.observations().is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "ACROSS DOMAINS");
        for o in scorecard.observations() {
            let _ = writeln!(out, "  - {}", o.text());
        }
    }
    out
}

/// The scorecard as Markdown (GitHub-flavoured tables).
pub fn markdown(scorecard: &Scorecard) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Remote-work scorecard\n");
    let _ = writeln!(out, "**Overall health: {}**\n", scorecard.overall());
    let _ = writeln!(
        out,
        "| domain | health | critical | high | medium | low | info | why |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---|");
    for d in scorecard.domains() {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            d.domain().label(),
            score_text(d.health().score()),
            d.findings_at(Severity::Critical),
            d.findings_at(Severity::High),
            d.findings_at(Severity::Medium),
            d.findings_at(Severity::Low),
            d.findings_at(Severity::Info),
            md_cell(d.health().reason())
        );
    }
    let _ = writeln!(out, "\n## Findings\n");
    for f in scorecard.findings() {
        let _ = writeln!(
            out,
            "### {} — {}\n\n*{}, {}{}, `{}`*\n",
            f.severity().to_string().to_uppercase(),
            f.title(),
            f.domain().label(),
            f.cohort(),
            affected(f),
            f.code()
        );
        if !f.detail().is_empty() {
            let _ = writeln!(out, "{}\n", f.detail());
        }
        if let Some(m) = f.metric() {
            let _ = writeln!(out, "- Metric: {}", metric(m));
        }
        let _ = writeln!(out, "- Recommendation: {}\n", f.recommendation());
    }
    if !scorecard.observations().is_empty() {
        let _ = writeln!(out, "## Across domains\n");
        for o in scorecard.observations() {
            let _ = writeln!(out, "- {}", o.text());
        }
    }
    out
}

/// The scorecard as one self-contained HTML page with an inline SVG per chart.
///
/// The page is also well-formed XML (XHTML syntax), has no scripts and references no
/// external resource.
pub fn html(scorecard: &Scorecard) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
    out.push_str("<title>Remote-work scorecard</title>\n<style>\n");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n");
    let _ = writeln!(
        out,
        "<h1>Remote-work scorecard</h1>\n<p class=\"overall\">Overall health <strong>{}</strong></p>",
        esc(&scorecard.overall().to_string())
    );
    out.push_str("<table class=\"domains\">\n<thead><tr><th>Domain</th><th>Health</th><th>Critical</th><th>High</th><th>Medium</th><th>Low</th><th>Why</th></tr></thead>\n<tbody>\n");
    for d in scorecard.domains() {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td><span class=\"score\" style=\"--w:{}%\">{}</span></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(d.domain().label()),
            d.health().score().unwrap_or(0),
            score_text(d.health().score()),
            d.findings_at(Severity::Critical),
            d.findings_at(Severity::High),
            d.findings_at(Severity::Medium),
            d.findings_at(Severity::Low),
            esc(d.health().reason())
        );
    }
    out.push_str("</tbody>\n</table>\n");

    if !scorecard.charts().is_empty() {
        out.push_str("<h2>Charts</h2>\n<div class=\"charts\">\n");
        for (domain, chart) in scorecard.charts() {
            let _ = writeln!(
                out,
                "<figure id=\"chart-{}\"><figcaption>{} <small>({})</small></figcaption>\n{}</figure>",
                esc(&slug(chart.key())),
                esc(chart.title()),
                esc(domain.label()),
                svg(chart)
            );
        }
        out.push_str("</div>\n");
    }

    let _ = writeln!(out, "<h2>Findings ({})</h2>", scorecard.findings().len());
    for f in scorecard.findings() {
        finding_html(&mut out, f);
    }
    if !scorecard.observations().is_empty() {
        out.push_str("<h2>Across domains</h2>\n<ul>\n");
        for o in scorecard.observations() {
            let _ = writeln!(out, "<li>{}</li>", esc(o.text()));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("<footer>Generated by remit. Aggregates below the minimum group size are suppressed.</footer>\n</body>\n</html>\n");
    out
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
h1{margin-bottom:.2em}.overall{font-size:1.4em}
table.domains{border-collapse:collapse;width:100%}
table.domains td,table.domains th{border-bottom:1px solid #ddd;padding:.4em;text-align:left}
.score{display:inline-block;min-width:3em;background:linear-gradient(90deg,#4c9a6a var(--w),#eee var(--w));padding:0 .3em}
.charts{display:flex;flex-wrap:wrap;gap:1em}figure{margin:0;border:1px solid #ddd;padding:.5em;width:520px}
.finding{border-left:6px solid #999;padding:.3em .8em;margin:.8em 0;break-inside:avoid}
.critical{border-color:#8b0000}.high{border-color:#d9534f}.medium{border-color:#f0ad4e}.low{border-color:#5bc0de}.info{border-color:#999}
.finding h3{margin:.2em 0}.meta{color:#555;font-size:.9em}
footer{margin-top:2em;color:#777;font-size:.85em}
@media print{figure{width:45%}}
";

fn finding_html(out: &mut String, f: &Finding) {
    let _ = writeln!(
        out,
        "<section class=\"finding {}\">\n<h3>{}</h3>\n<p class=\"meta\">{} · {} · {}{} · <code>{}</code></p>",
        f.severity(),
        esc(f.title()),
        esc(&f.severity().to_string().to_uppercase()),
        esc(f.domain().label()),
        esc(&f.cohort().to_string()),
        esc(&affected(f)),
        esc(f.code().as_str())
    );
    if !f.detail().is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(f.detail()));
    }
    if let Some(m) = f.metric() {
        let _ = writeln!(out, "<p class=\"meta\">Metric: {}</p>", esc(&metric(m)));
    }
    let _ = writeln!(
        out,
        "<p><strong>Recommendation:</strong> {}</p>\n</section>",
        esc(f.recommendation())
    );
}

fn affected(f: &Finding) -> String {
    f.affected()
        .map_or_else(String::new, |n| format!(" ({n} people)"))
}

fn metric(m: &remit_core::Metric) -> String {
    let mut s = format!("{} = {}", m.name(), trim_number(m.value()));
    if let Some(u) = m.unit() {
        let _ = write!(s, " {u}");
    }
    if let Some(t) = m.threshold() {
        let _ = write!(s, " (threshold {})", trim_number(t));
    }
    s
}

fn trim_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else if v.abs() >= 100.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.3}")
    }
}

fn bar(score: Option<u8>) -> String {
    match score {
        Some(score) => {
            let filled = usize::from(score.min(100)) / 5;
            format!("[{}{}]", "#".repeat(filled), ".".repeat(20 - filled))
        }
        None => format!("[{}]", " ".repeat(20)),
    }
}

fn score_text(score: Option<u8>) -> String {
    score.map_or_else(|| "not measured".to_owned(), |s| format!("{s}/100"))
}

fn md_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// Escapes text for HTML and XML content and attribute values.
pub(crate) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

fn slug(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

const PALETTE: [&str; 6] = [
    "#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2",
];
const WIDTH: f64 = 500.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 52.0;

/// One chart as an inline SVG element.
pub(crate) fn svg(chart: &Chart) -> String {
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"{WIDTH}\" height=\"{HEIGHT}\" role=\"img\" aria-label=\"{}\">\n",
        esc(chart.title())
    );
    let finite = |v: f64| if v.is_finite() { v } else { 0.0 };
    let points = chart.series().iter().flat_map(|s| s.points());
    let (y_min, y_max) = match chart.kind() {
        ChartKind::StackedBar => {
            let mut labels: Vec<&str> = Vec::new();
            for p in chart.series().iter().flat_map(|s| s.points()) {
                if !labels.contains(&p.label()) {
                    labels.push(p.label());
                }
            }
            let top = labels
                .iter()
                .map(|l| {
                    chart
                        .series()
                        .iter()
                        .flat_map(|s| s.points())
                        .filter(|p| p.label() == *l)
                        .map(|p| finite(p.y()).max(0.0))
                        .sum::<f64>()
                })
                .fold(0.0, f64::max);
            (0.0, top)
        }
        _ => points.fold((0.0f64, 0.0f64), |(lo, hi), p| {
            let (a, b) = p.interval().unwrap_or((p.y(), p.y()));
            (
                lo.min(finite(a)).min(finite(p.y())),
                hi.max(finite(b)).max(finite(p.y())),
            )
        }),
    };
    let y_max = chart
        .reference_line()
        .map_or(y_max, |(_, y)| y_max.max(finite(y)));
    let y_max = if y_max <= y_min {
        y_min + 1.0
    } else {
        y_max * 1.05
    };
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let y_of = |v: f64| TOP + plot_h * (1.0 - (finite(v) - y_min) / (y_max - y_min));

    // Axes and y ticks.
    let _ = writeln!(
        out,
        "<line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{:.1}\" stroke=\"#444\"/><line x1=\"{LEFT}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#444\"/>",
        TOP + plot_h,
        TOP + plot_h,
        LEFT + plot_w,
        TOP + plot_h
    );
    for i in 0..=4 {
        let v = y_min + (y_max - y_min) * f64::from(i) / 4.0;
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"end\">{}</text>",
            LEFT - 4.0,
            y_of(v) + 3.0,
            esc(&tick(v))
        );
    }
    let _ = writeln!(
        out,
        "<text x=\"12\" y=\"{:.1}\" font-size=\"11\" transform=\"rotate(-90 12 {:.1})\" text-anchor=\"middle\">{}</text>",
        TOP + plot_h / 2.0,
        TOP + plot_h / 2.0,
        esc(chart.y_label())
    );
    let _ = writeln!(
        out,
        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
        LEFT + plot_w / 2.0,
        HEIGHT - 6.0,
        esc(chart.x_label())
    );

    match chart.kind() {
        ChartKind::Bar | ChartKind::StackedBar => bars(&mut out, chart, &y_of, plot_w),
        ChartKind::Step => steps(&mut out, chart, &y_of, plot_w),
    }

    if let Some((label, y)) = chart.reference_line() {
        let _ = writeln!(
            out,
            "<line x1=\"{LEFT}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#d62728\" stroke-dasharray=\"4 3\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" fill=\"#d62728\" text-anchor=\"end\">{}</text>",
            y_of(y),
            LEFT + plot_w,
            y_of(y),
            LEFT + plot_w,
            y_of(y) - 3.0,
            esc(label)
        );
    }
    // Legend.
    if chart.series().len() > 1 {
        for (i, s) in chart.series().iter().enumerate() {
            let x = LEFT + 8.0 + (i as f64) * 90.0;
            let _ = writeln!(
                out,
                "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\">{}</text>",
                HEIGHT - 30.0,
                PALETTE[i % PALETTE.len()],
                x + 13.0,
                HEIGHT - 21.0,
                esc(s.name())
            );
        }
    }
    out.push_str("</svg>\n");
    out
}

fn tick(v: f64) -> String {
    if v.abs() >= 1000.0 {
        format!("{v:.0}")
    } else if v.abs() >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

fn bars(out: &mut String, chart: &Chart, y_of: &dyn Fn(f64) -> f64, plot_w: f64) {
    let mut labels: Vec<&str> = Vec::new();
    for p in chart.series().iter().flat_map(|s| s.points()) {
        if !labels.contains(&p.label()) {
            labels.push(p.label());
        }
    }
    if labels.is_empty() {
        return;
    }
    let slot = plot_w / labels.len() as f64;
    let stacked = chart.kind() == ChartKind::StackedBar;
    let groups = if stacked {
        1
    } else {
        chart.series().len().max(1)
    };
    let bar_w = (slot * 0.8) / groups as f64;
    for (li, label) in labels.iter().enumerate() {
        let x0 = LEFT + slot * li as f64 + slot * 0.1;
        let mut base = 0.0;
        for (si, series) in chart.series().iter().enumerate() {
            let Some(p) = series.points().iter().find(|p| p.label() == *label) else {
                continue;
            };
            let y = if p.y().is_finite() { p.y() } else { 0.0 };
            let (x, top, bottom) = if stacked {
                let t = base + y.max(0.0);
                let r = (x0, y_of(t), y_of(base));
                base = t;
                r
            } else {
                (x0 + bar_w * si as f64, y_of(y.max(0.0)), y_of(y.min(0.0)))
            };
            let _ = writeln!(
                out,
                "<rect x=\"{x:.1}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{}\"><title>{}: {}</title></rect>",
                if stacked { slot * 0.8 } else { bar_w * 0.92 },
                (bottom - top).max(0.0),
                PALETTE[si % PALETTE.len()],
                esc(&format!("{} {}", series.name(), label)),
                esc(&tick(y))
            );
            if let (false, Some((lo, hi))) = (stacked, p.interval()) {
                let cx = x + bar_w * 0.46;
                let _ = writeln!(
                    out,
                    "<line x1=\"{cx:.1}\" y1=\"{:.1}\" x2=\"{cx:.1}\" y2=\"{:.1}\" stroke=\"#222\"/><line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#222\"/><line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#222\"/>",
                    y_of(lo),
                    y_of(hi),
                    cx - 4.0,
                    y_of(lo),
                    cx + 4.0,
                    y_of(lo),
                    cx - 4.0,
                    y_of(hi),
                    cx + 4.0,
                    y_of(hi)
                );
            }
        }
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\">{}</text>",
            x0 + slot * 0.4,
            TOP + (HEIGHT - TOP - BOTTOM) + 13.0,
            esc(label)
        );
    }
}

fn steps(out: &mut String, chart: &Chart, y_of: &dyn Fn(f64) -> f64, plot_w: f64) {
    let x_max = chart
        .series()
        .iter()
        .flat_map(|s| s.points())
        .map(|p| p.x())
        .filter(|x| x.is_finite())
        .fold(0.0f64, f64::max)
        .max(1e-9);
    let x_of = |x: f64| LEFT + plot_w * (if x.is_finite() { x } else { 0.0 }) / x_max;
    for i in 0..=4 {
        let v = x_max * f64::from(i) / 4.0;
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\">{}</text>",
            x_of(v),
            TOP + (HEIGHT - TOP - BOTTOM) + 13.0,
            esc(&tick(v))
        );
    }
    for (si, series) in chart.series().iter().enumerate() {
        // A survival curve holds its value until the next event: go across, then down.
        let mut d = String::new();
        for p in series.points() {
            let (x, y) = (x_of(p.x()), y_of(p.y()));
            if d.is_empty() {
                let _ = write!(d, "M{x:.1} {y:.1}");
            } else {
                let _ = write!(d, " H{x:.1} V{y:.1}");
            }
        }
        if !d.is_empty() {
            let _ = writeln!(
                out,
                "<path d=\"{d}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"><title>{}</title></path>",
                PALETTE[si % PALETTE.len()],
                esc(series.name())
            );
        }
    }
}
