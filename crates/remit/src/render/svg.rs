//! One [`Chart`] as an inline SVG element, laid out so that no label overlaps another or
//! leaves the picture.
//!
//! The layout, top to bottom: the value axis's title (wrapped, horizontal, so a long
//! title is never cut off), the legend (series and the reference line, flowing onto more
//! rows as needed), the plot with round ticks ([`super::ticks`]), then the category or x
//! labels and the x axis's title. Bar charts whose category labels do not fit under the
//! bars, even on two lines, are drawn with horizontal bars instead, labels to the left,
//! each on its own row; a label still too long for its row is shortened with an ellipsis
//! and carries the full text as a tooltip (`<title>`).
//!
//! Colours carry meaning ([`super::colour`]): a series' or point's [`Tone`] picks its
//! colour; series without one are told apart by neutral colours (and, for lines, dash
//! patterns) that carry no judgement.
//!
//! [`Tone`]: remit_core::chart::Tone

use std::fmt::Write as _;

use remit_core::chart::{Chart, ChartKind, Point, Series, ValueScale};

use super::colour;
use super::esc;
use super::layout::{self, Anchor, FONT_FAMILY, Fitted};
use super::ticks::{self, Axis};

/// The width of every chart, in px (the height follows from the content).
pub(crate) const WIDTH: f64 = 520.0;
/// Space between the picture's edge and anything drawn.
const PAD: f64 = 8.0;
/// Space between neighbouring elements.
const GAP: f64 = 6.0;
/// Font sizes, in px.
const TICK_FONT: f64 = 11.0;
const TITLE_FONT: f64 = 12.0;
const LEGEND_FONT: f64 = 11.0;
/// The height of a vertical plot area.
const PLOT_HEIGHT: f64 = 190.0;
/// The smallest row of a horizontal bar chart.
const MIN_ROW: f64 = 22.0;
/// The most ticks on a value axis.
const MAX_TICKS: usize = 6;
/// A horizontal chart gives at most this share of its width to category labels.
const MAX_LABEL_COLUMN: f64 = 0.42;

/// One chart as an inline SVG element (no scripts, no external references).
pub(crate) fn svg(chart: &Chart) -> String {
    let categories = categories(chart);
    let horizontal = matches!(chart.kind(), ChartKind::Bar | ChartKind::StackedBar)
        && !categories_fit_under_bars(chart, &categories);
    let mut canvas = Canvas::default();
    let height = if chart.kind() == ChartKind::Step {
        draw_steps(&mut canvas, chart)
    } else if horizontal {
        draw_horizontal_bars(&mut canvas, chart, &categories)
    } else {
        draw_vertical_bars(&mut canvas, chart, &categories)
    };
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height:.0}\" width=\"{WIDTH}\" height=\"{height:.0}\" role=\"img\" aria-label=\"{}\" font-family=\"{FONT_FAMILY}\" fill=\"{}\">\n{}</svg>\n",
        esc(chart.title()),
        colour::INK,
        canvas.out
    )
}

/// SVG markup being written, with helpers that keep every label's geometry explicit.
#[derive(Default)]
struct Canvas {
    out: String,
}

impl Canvas {
    fn text(&mut self, x: f64, y: f64, size: f64, anchor: Anchor, text: &str) {
        let _ = writeln!(
            self.out,
            "<text x=\"{x:.2}\" y=\"{y:.2}\" font-size=\"{size}\" text-anchor=\"{}\">{}</text>",
            anchor.svg(),
            esc(text)
        );
    }

    /// Fitted lines from `first_baseline` down; a shortened text carries its full
    /// wording as a tooltip.
    fn lines(
        &mut self,
        fitted: &Fitted,
        full: &str,
        x: f64,
        first_baseline: f64,
        size: f64,
        anchor: Anchor,
    ) {
        if fitted.shortened {
            let _ = write!(self.out, "<g><title>{}</title>", esc(full));
        }
        for (i, line) in fitted.lines.iter().enumerate() {
            self.text(
                x,
                first_baseline + i as f64 * layout::line_height(size),
                size,
                anchor,
                line,
            );
        }
        if fitted.shortened {
            self.out.push_str("</g>\n");
        }
    }

    fn line(&mut self, (x1, y1): (f64, f64), (x2, y2): (f64, f64), stroke: &str, dash: &str) {
        let dash = if dash.is_empty() {
            String::new()
        } else {
            format!(" stroke-dasharray=\"{dash}\"")
        };
        let _ = writeln!(
            self.out,
            "<line x1=\"{x1:.2}\" y1=\"{y1:.2}\" x2=\"{x2:.2}\" y2=\"{y2:.2}\" stroke=\"{stroke}\"{dash}/>"
        );
    }

    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str, tooltip: &str) {
        let _ = writeln!(
            self.out,
            "<rect x=\"{x:.2}\" y=\"{y:.2}\" width=\"{:.2}\" height=\"{:.2}\" fill=\"{fill}\" stroke=\"#ffffff\" stroke-width=\"0.5\"><title>{}</title></rect>",
            w.max(0.0),
            h.max(0.0),
            esc(tooltip)
        );
    }

    /// The title of an axis, top-left, wrapped to the chart's width; returns the y below
    /// it.
    fn top_title(&mut self, title: &str, y: f64) -> f64 {
        if title.trim().is_empty() {
            return y;
        }
        let fitted = layout::fit(title, WIDTH - 2.0 * PAD, TITLE_FONT, 2);
        self.lines(
            &fitted,
            title,
            PAD,
            y + layout::ascent(TITLE_FONT),
            TITLE_FONT,
            Anchor::Start,
        );
        y + fitted.lines.len() as f64 * layout::line_height(TITLE_FONT)
    }

    /// The title of an axis, centred under the plot at `centre`, wrapped so it stays in
    /// the picture; returns the y below it.
    fn bottom_title(&mut self, title: &str, centre: f64, y: f64) -> f64 {
        if title.trim().is_empty() {
            return y;
        }
        let half = (centre - PAD).min(WIDTH - PAD - centre).max(0.0);
        let fitted = layout::fit(title, 2.0 * half, TITLE_FONT, 2);
        self.lines(
            &fitted,
            title,
            centre,
            y + layout::ascent(TITLE_FONT),
            TITLE_FONT,
            Anchor::Middle,
        );
        y + fitted.lines.len() as f64 * layout::line_height(TITLE_FONT)
    }

    /// The legend, flowing left to right and onto new rows; returns the y below it.
    fn legend(&mut self, items: &[LegendItem], y: f64) -> f64 {
        if items.is_empty() {
            return y;
        }
        const SWATCH: f64 = 14.0;
        let row_height = layout::line_height(LEGEND_FONT) + 4.0;
        let (mut x, mut row) = (PAD, 0usize);
        let room = WIDTH - 2.0 * PAD - SWATCH - 4.0;
        for item in items {
            let label = layout::fit(&item.label, room, LEGEND_FONT, 1);
            let text = label.lines.first().cloned().unwrap_or_default();
            let width = SWATCH + 4.0 + layout::text_width(&text, LEGEND_FONT);
            if x > PAD && x + width > WIDTH - PAD {
                x = PAD;
                row += 1;
            }
            let top = y + row as f64 * row_height;
            let baseline = top + layout::ascent(LEGEND_FONT);
            let middle = baseline - 0.35 * LEGEND_FONT;
            match &item.mark {
                Mark::Block(fill) => {
                    let _ = writeln!(
                        self.out,
                        "<rect x=\"{x:.2}\" y=\"{:.2}\" width=\"10\" height=\"10\" fill=\"{fill}\"/>",
                        middle - 5.0
                    );
                }
                Mark::Line { stroke, dash } => {
                    let _ = writeln!(
                        self.out,
                        "<line x1=\"{x:.2}\" y1=\"{middle:.2}\" x2=\"{:.2}\" y2=\"{middle:.2}\" stroke=\"{stroke}\" stroke-width=\"2\"{}/>",
                        x + SWATCH,
                        if dash.is_empty() {
                            String::new()
                        } else {
                            format!(" stroke-dasharray=\"{dash}\"")
                        }
                    );
                }
            }
            self.lines(
                &label,
                &item.label,
                x + SWATCH + 4.0,
                baseline,
                LEGEND_FONT,
                Anchor::Start,
            );
            x += width + 14.0;
        }
        y + (row + 1) as f64 * row_height
    }

    /// Value ticks along a vertical axis at `x` (labels to its left) with grid lines to
    /// `right`.
    fn value_ticks_vertical(&mut self, axis: &Axis, x: f64, right: f64, y_of: &dyn Fn(f64) -> f64) {
        for (t, label) in axis.ticks.iter().zip(&axis.labels) {
            let y = y_of(*t);
            self.line((x, y), (right, y), colour::GRID, "");
            self.text(x - 5.0, y + 0.35 * TICK_FONT, TICK_FONT, Anchor::End, label);
        }
    }

    /// Ticks along a horizontal axis at `y` (labels below) with grid lines up to `top`.
    fn ticks_horizontal(&mut self, axis: &Axis, y: f64, top: f64, x_of: &dyn Fn(f64) -> f64) {
        for (t, label) in axis.ticks.iter().zip(&axis.labels) {
            let x = x_of(*t);
            self.line((x, top), (x, y), colour::GRID, "");
            self.text(
                x,
                y + 4.0 + layout::ascent(TICK_FONT),
                TICK_FONT,
                Anchor::Middle,
                label,
            );
        }
    }

    fn axes(&mut self, left: f64, top: f64, right: f64, bottom: f64) {
        self.line((left, top), (left, bottom), "#444444", "");
        self.line((left, bottom), (right, bottom), "#444444", "");
    }

    fn reference_line(&mut self, from: (f64, f64), to: (f64, f64)) {
        self.line(from, to, colour::INK, "5 3");
    }
}

/// What a legend entry shows beside its text.
enum Mark {
    Block(&'static str),
    Line {
        stroke: &'static str,
        dash: &'static str,
    },
}

struct LegendItem {
    mark: Mark,
    label: String,
}

/// The category labels, in order of first appearance.
fn categories(chart: &Chart) -> Vec<&str> {
    let mut labels: Vec<&str> = Vec::new();
    for p in chart.series().iter().flat_map(Series::points) {
        if !labels.contains(&p.label()) {
            labels.push(p.label());
        }
    }
    labels
}

fn stacked(chart: &Chart) -> bool {
    chart.kind() == ChartKind::StackedBar
}

/// The colour of one bar: the point's tone, else its series' tone, else a colour that
/// carries no judgement (ordered blues for stacked bands, neutral colours otherwise).
fn bar_fill(chart: &Chart, index: usize, series: &Series, point: &Point) -> &'static str {
    match point.tone().or(series.tone()) {
        Some(tone) => colour::tone(tone),
        None if stacked(chart) => colour::sequential(index, chart.series().len()),
        None if chart.series().len() == 1 => colour::NEUTRAL,
        None => colour::categorical(index).0,
    }
}

/// The legend's swatch colour for a whole series.
fn series_fill(chart: &Chart, index: usize, series: &Series) -> &'static str {
    match series.tone() {
        Some(tone) => colour::tone(tone),
        None if stacked(chart) => colour::sequential(index, chart.series().len()),
        None if chart.series().len() == 1 => colour::NEUTRAL,
        None => colour::categorical(index).0,
    }
}

fn legend_items(chart: &Chart, lines: bool) -> Vec<LegendItem> {
    let mut items = Vec::new();
    if chart.series().len() > 1 || lines {
        for (i, s) in chart.series().iter().enumerate() {
            let mark = if lines {
                let (stroke, dash) = colour::categorical(i);
                Mark::Line {
                    stroke: s.tone().map_or(stroke, colour::tone),
                    dash,
                }
            } else {
                Mark::Block(series_fill(chart, i, s))
            };
            items.push(LegendItem {
                mark,
                label: s.name().to_owned(),
            });
        }
    }
    if let Some((label, _)) = chart.reference_line() {
        items.push(LegendItem {
            mark: Mark::Line {
                stroke: colour::INK,
                dash: "5 3",
            },
            label: label.to_owned(),
        });
    }
    items
}

/// A value as a reader wants it in a tooltip: shares in percent, numbers grouped.
fn value_text(value: f64, scale: ValueScale) -> String {
    match scale {
        ValueScale::Share => format!("{}%", ticks::number(value * 100.0, 1)),
        _ => {
            let decimals = if value.abs() >= 100.0 {
                0
            } else if value.abs() >= 10.0 {
                1
            } else {
                2
            };
            ticks::number(value, decimals)
        }
    }
}

fn finite(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    values
        .filter(|v| v.is_finite())
        .fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((f64::min(lo, v), f64::max(hi, v))),
        })
}

/// The range a bar chart's value axis must show: zero, every bar (stacked: every stack),
/// every interval and the reference line.
fn bar_range(chart: &Chart, categories: &[&str]) -> (f64, f64) {
    let reference = chart.reference_line().map(|(_, y)| y);
    let values: Vec<f64> = if stacked(chart) {
        categories
            .iter()
            .map(|c| {
                chart
                    .series()
                    .iter()
                    .flat_map(Series::points)
                    .filter(|p| p.label() == *c && p.y().is_finite())
                    .map(|p| p.y().max(0.0))
                    .sum()
            })
            .collect()
    } else {
        chart
            .series()
            .iter()
            .flat_map(Series::points)
            .flat_map(|p| {
                let (lo, hi) = p.interval().unwrap_or((p.y(), p.y()));
                [p.y(), lo, hi]
            })
            .collect()
    };
    let (lo, hi) = finite(values.into_iter().chain(reference).chain([0.0])).unwrap_or((0.0, 1.0));
    (lo, hi)
}

/// The widest tick label of any axis the range could get, so margins can be set before
/// the number of ticks is chosen.
fn widest_tick_label(low: f64, high: f64, scale: ValueScale) -> f64 {
    (2..=8)
        .flat_map(|n| ticks::axis(low, high, scale, n).labels)
        .map(|l| layout::text_width(&l, TICK_FONT))
        .fold(0.0, f64::max)
}

/// The axis with the most ticks (at most `MAX_TICKS + 2`) whose labels, centred under
/// their ticks along `length` px, keep a gap between neighbours.
fn horizontal_axis(low: f64, high: f64, scale: ValueScale, length: f64) -> Axis {
    let mut fallback = None;
    for max_ticks in (2..=MAX_TICKS + 2).rev() {
        let axis = ticks::axis(low, high, scale, max_ticks);
        let position = |t: f64| axis.fraction(t) * length;
        let clear = axis
            .ticks
            .windows(2)
            .zip(axis.labels.windows(2))
            .all(|(t, l)| {
                let right_edge = position(t[0]) + layout::text_width(&l[0], TICK_FONT) / 2.0;
                let left_edge = position(t[1]) - layout::text_width(&l[1], TICK_FONT) / 2.0;
                left_edge - right_edge >= GAP
            });
        if clear {
            return axis;
        }
        fallback = Some(axis);
    }
    fallback.unwrap_or_else(|| ticks::axis(low, high, scale, 2))
}

/// Whether every category label fits under its bar on at most two lines.
fn categories_fit_under_bars(chart: &Chart, categories: &[&str]) -> bool {
    if categories.is_empty() {
        return true;
    }
    let (lo, hi) = bar_range(chart, categories);
    let left = PAD + widest_tick_label(lo, hi, chart.value_scale()) + 6.0;
    let slot = (WIDTH - left - PAD) / categories.len() as f64;
    categories
        .iter()
        .all(|c| !layout::fit(c, slot - GAP, TICK_FONT, 2).shortened)
}

fn draw_vertical_bars(canvas: &mut Canvas, chart: &Chart, categories: &[&str]) -> f64 {
    let scale = chart.value_scale();
    let mut y = canvas.top_title(chart.y_label(), PAD);
    y = canvas.legend(&legend_items(chart, false), y + 2.0);
    let top = y + GAP + layout::ascent(TICK_FONT);
    let (lo, hi) = bar_range(chart, categories);
    let axis = ticks::axis(lo, hi, scale, MAX_TICKS);
    let widest = axis
        .labels
        .iter()
        .map(|l| layout::text_width(l, TICK_FONT))
        .fold(0.0, f64::max);
    let left = PAD + widest + 6.0;
    let right = WIDTH - PAD;
    let bottom = top + PLOT_HEIGHT;
    let y_of = |v: f64| bottom - PLOT_HEIGHT * axis.fraction(v);
    canvas.value_ticks_vertical(&axis, left, right, &y_of);

    let slot = (right - left) / categories.len().max(1) as f64;
    let groups = if stacked(chart) {
        1
    } else {
        chart.series().len().max(1)
    };
    let bar_w = slot * 0.7 / groups as f64;
    let mut label_lines = 1usize;
    for (ci, category) in categories.iter().enumerate() {
        let x0 = left + slot * ci as f64 + slot * 0.15;
        let mut base = 0.0;
        for (si, series) in chart.series().iter().enumerate() {
            let Some(p) = series.points().iter().find(|p| p.label() == *category) else {
                continue;
            };
            if !p.y().is_finite() {
                continue;
            }
            let fill = bar_fill(chart, si, series, p);
            let tooltip = format!(
                "{} — {}: {}",
                category,
                series.name(),
                value_text(p.y(), scale)
            );
            if stacked(chart) {
                let end = base + p.y().max(0.0);
                let (t, b) = (y_of(end), y_of(base));
                canvas.rect(x0, t, slot * 0.7, b - t, fill, &tooltip);
                base = end;
            } else {
                let x = x0 + bar_w * si as f64;
                let (t, b) = (y_of(p.y().max(0.0)), y_of(p.y().min(0.0)));
                canvas.rect(x, t, bar_w * 0.9, b - t, fill, &tooltip);
                if let Some((l, h)) = p.interval() {
                    let cx = x + bar_w * 0.45;
                    let whisker = (bar_w * 0.2).min(6.0);
                    canvas.line((cx, y_of(l)), (cx, y_of(h)), colour::INK, "");
                    canvas.line(
                        (cx - whisker, y_of(l)),
                        (cx + whisker, y_of(l)),
                        colour::INK,
                        "",
                    );
                    canvas.line(
                        (cx - whisker, y_of(h)),
                        (cx + whisker, y_of(h)),
                        colour::INK,
                        "",
                    );
                }
            }
        }
        let fitted = layout::fit(category, slot - GAP, TICK_FONT, 2);
        label_lines = label_lines.max(fitted.lines.len());
        canvas.lines(
            &fitted,
            category,
            left + slot * (ci as f64 + 0.5),
            bottom + 4.0 + layout::ascent(TICK_FONT),
            TICK_FONT,
            Anchor::Middle,
        );
    }
    if let Some((_, r)) = chart.reference_line() {
        canvas.reference_line((left, y_of(r)), (right, y_of(r)));
    }
    canvas.axes(left, top, right, bottom);
    let y = bottom + 4.0 + label_lines as f64 * layout::line_height(TICK_FONT) + GAP;
    canvas.bottom_title(chart.x_label(), (left + right) / 2.0, y) + PAD
}

fn draw_horizontal_bars(canvas: &mut Canvas, chart: &Chart, categories: &[&str]) -> f64 {
    let scale = chart.value_scale();
    let mut y = canvas.top_title(chart.x_label(), PAD);
    y = canvas.legend(&legend_items(chart, false), y + 2.0);
    let top = y + GAP;

    let longest = categories
        .iter()
        .map(|c| layout::text_width(c, TICK_FONT))
        .fold(0.0, f64::max);
    let column = longest.min((WIDTH - 2.0 * PAD) * MAX_LABEL_COLUMN);
    let labels: Vec<Fitted> = categories
        .iter()
        .map(|c| layout::fit(c, column, TICK_FONT, 2))
        .collect();
    let rows: Vec<f64> = labels
        .iter()
        .map(|f| MIN_ROW.max(f.lines.len() as f64 * layout::line_height(TICK_FONT) + 8.0))
        .collect();
    let plot_height: f64 = rows.iter().sum();
    let bottom = top + plot_height;

    let (lo, hi) = bar_range(chart, categories);
    let left = PAD + column + 6.0;
    let right = WIDTH - PAD - widest_tick_label(lo, hi, scale) / 2.0;
    let axis = horizontal_axis(lo, hi, scale, right - left);
    let x_of = |v: f64| left + (right - left) * axis.fraction(v);
    canvas.ticks_horizontal(&axis, bottom, top, &x_of);

    let groups = if stacked(chart) {
        1
    } else {
        chart.series().len().max(1)
    };
    let mut row_top = top;
    for ((category, fitted), row) in categories.iter().zip(&labels).zip(&rows) {
        let thickness = row * 0.7 / groups as f64;
        let y0 = row_top + row * 0.15;
        let mut base = 0.0;
        for (si, series) in chart.series().iter().enumerate() {
            let Some(p) = series.points().iter().find(|p| p.label() == *category) else {
                continue;
            };
            if !p.y().is_finite() {
                continue;
            }
            let fill = bar_fill(chart, si, series, p);
            let tooltip = format!(
                "{} — {}: {}",
                category,
                series.name(),
                value_text(p.y(), scale)
            );
            if stacked(chart) {
                let end = base + p.y().max(0.0);
                canvas.rect(
                    x_of(base),
                    y0,
                    x_of(end) - x_of(base),
                    row * 0.7,
                    fill,
                    &tooltip,
                );
                base = end;
            } else {
                let by = y0 + thickness * si as f64;
                let (a, b) = (x_of(p.y().min(0.0)), x_of(p.y().max(0.0)));
                canvas.rect(a, by, b - a, thickness * 0.9, fill, &tooltip);
                if let Some((l, h)) = p.interval() {
                    let cy = by + thickness * 0.45;
                    let whisker = (thickness * 0.3).min(5.0);
                    canvas.line((x_of(l), cy), (x_of(h), cy), colour::INK, "");
                    canvas.line(
                        (x_of(l), cy - whisker),
                        (x_of(l), cy + whisker),
                        colour::INK,
                        "",
                    );
                    canvas.line(
                        (x_of(h), cy - whisker),
                        (x_of(h), cy + whisker),
                        colour::INK,
                        "",
                    );
                }
            }
        }
        let block = fitted.lines.len() as f64 * layout::line_height(TICK_FONT);
        let first = row_top + (row - block) / 2.0 + layout::ascent(TICK_FONT);
        canvas.lines(fitted, category, left - 6.0, first, TICK_FONT, Anchor::End);
        row_top += row;
    }
    if let Some((_, r)) = chart.reference_line() {
        canvas.reference_line((x_of(r), top), (x_of(r), bottom));
    }
    canvas.axes(left, top, right, bottom);
    let y = bottom + 4.0 + layout::line_height(TICK_FONT) + GAP;
    canvas.bottom_title(chart.y_label(), (left + right) / 2.0, y) + PAD
}

fn draw_steps(canvas: &mut Canvas, chart: &Chart) -> f64 {
    let scale = chart.value_scale();
    let mut y = canvas.top_title(chart.y_label(), PAD);
    y = canvas.legend(&legend_items(chart, true), y + 2.0);
    let top = y + GAP + layout::ascent(TICK_FONT);
    let points = || chart.series().iter().flat_map(Series::points);
    let reference = chart.reference_line().map(|(_, v)| v);
    // Scaled to the data: a survival curve between 55 % and 100 % fills the plot.
    let (lo, hi) = finite(points().map(Point::y).chain(reference)).unwrap_or((0.0, 1.0));
    let value_axis = ticks::axis(lo, hi, scale, MAX_TICKS);
    let (x_lo, x_hi) = finite(points().map(Point::x).chain([0.0])).unwrap_or((0.0, 1.0));

    let widest = value_axis
        .labels
        .iter()
        .map(|l| layout::text_width(l, TICK_FONT))
        .fold(0.0, f64::max);
    let left = PAD + widest + 6.0;
    let right = WIDTH - PAD - widest_tick_label(x_lo, x_hi, ValueScale::Number) / 2.0;
    let bottom = top + PLOT_HEIGHT;
    let x_axis = horizontal_axis(x_lo, x_hi, ValueScale::Number, right - left);
    let y_of = |v: f64| bottom - PLOT_HEIGHT * value_axis.fraction(v).clamp(0.0, 1.0);
    let x_of = |v: f64| left + (right - left) * x_axis.fraction(v);
    canvas.value_ticks_vertical(&value_axis, left, right, &y_of);
    canvas.ticks_horizontal(&x_axis, bottom, top, &x_of);

    for (si, series) in chart.series().iter().enumerate() {
        // A survival curve holds its value until the next event: across, then down.
        let mut d = String::new();
        for p in series.points() {
            if !(p.x().is_finite() && p.y().is_finite()) {
                continue;
            }
            let (x, y) = (x_of(p.x()), y_of(p.y()));
            if d.is_empty() {
                let _ = write!(d, "M{x:.2} {y:.2}");
            } else {
                let _ = write!(d, " H{x:.2} V{y:.2}");
            }
        }
        if d.is_empty() {
            continue;
        }
        let (stroke, dash) = colour::categorical(si);
        let stroke = series.tone().map_or(stroke, colour::tone);
        let _ = writeln!(
            canvas.out,
            "<path d=\"{d}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"2\"{}><title>{}</title></path>",
            if dash.is_empty() {
                String::new()
            } else {
                format!(" stroke-dasharray=\"{dash}\"")
            },
            esc(series.name())
        );
    }
    if let Some(r) = reference {
        canvas.reference_line((left, y_of(r)), (right, y_of(r)));
    }
    canvas.axes(left, top, right, bottom);
    let y = bottom + 4.0 + layout::line_height(TICK_FONT) + GAP;
    canvas.bottom_title(chart.x_label(), (left + right) / 2.0, y) + PAD
}
