//! Label layout: how wide a text will be, and how to fit it into a width by wrapping it
//! or, as a last resort, shortening it with an ellipsis (the chart then carries the full
//! text as a tooltip).
//!
//! Widths come from the advance widths of DejaVu Sans (`text_widths`, generated from the
//! font by `benches/reference/text_widths.py`). The charts ask for DejaVu Sans first, and
//! the fallbacks they name are narrower for the same text, so a label laid out to fit
//! here fits on the page. A character the table does not know counts as one em, the
//! width of a full-width CJK glyph.

use super::text_widths::{ASCENT_EM, ASCII_EM, DESCENT_EM, OTHER_EM};

/// The font the charts ask for, first choice first.
pub(crate) const FONT_FAMILY: &str = "'DejaVu Sans', Verdana, Arial, Helvetica, sans-serif";

/// The ellipsis that marks a shortened label.
const ELLIPSIS: char = '\u{2026}';

/// The width of `text` at `font_size` (px), in px.
pub(crate) fn text_width(text: &str, font_size: f64) -> f64 {
    text.chars().map(char_em).sum::<f64>() * font_size
}

fn char_em(c: char) -> f64 {
    let code = c as usize;
    if (32..127).contains(&code) {
        return ASCII_EM[code - 32];
    }
    if c.is_control() {
        return 0.0;
    }
    OTHER_EM
        .binary_search_by(|(k, _)| k.cmp(&c))
        .map_or(1.0, |i| OTHER_EM[i].1)
}

/// An axis-aligned box, in px (used by the tests that check the emitted geometry), `x0 ≤ x1` and `y0 ≤ y1` (y grows downwards, as in SVG).
#[cfg(test)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TextBox {
    pub(crate) x0: f64,
    pub(crate) y0: f64,
    pub(crate) x1: f64,
    pub(crate) y1: f64,
}

#[cfg(test)]
impl TextBox {
    /// Whether two boxes share any area (touching edges do not count).
    pub(crate) fn overlaps(&self, other: &TextBox) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }

    /// Whether the box lies within `width` × `height` from the origin.
    pub(crate) fn inside(&self, width: f64, height: f64) -> bool {
        self.x0 >= 0.0 && self.y0 >= 0.0 && self.x1 <= width && self.y1 <= height
    }
}

/// How a line of text is anchored at its `x`, as SVG's `text-anchor`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    /// `x` is the left edge.
    Start,
    /// `x` is the centre.
    Middle,
    /// `x` is the right edge.
    End,
}

impl Anchor {
    /// The SVG attribute value.
    pub(crate) fn svg(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// The box one line of text occupies when drawn at baseline `(x, y)`: as wide as
/// [`text_width`] says, from the font's ascent above the baseline to its descent below.
#[cfg(test)]
pub(crate) fn text_box(text: &str, x: f64, y: f64, font_size: f64, anchor: Anchor) -> TextBox {
    let width = text_width(text, font_size);
    let x0 = match anchor {
        Anchor::Start => x,
        Anchor::Middle => x - width / 2.0,
        Anchor::End => x - width,
    };
    TextBox {
        x0,
        y0: y - ASCENT_EM * font_size,
        x1: x0 + width,
        y1: y + DESCENT_EM * font_size,
    }
}

/// The distance between two baselines of wrapped text, in px: the font's height plus a
/// pixel of leading, so neighbouring lines never touch after coordinates are rounded.
pub(crate) fn line_height(font_size: f64) -> f64 {
    (ASCENT_EM + DESCENT_EM) * font_size + 1.0
}

/// How far above the baseline the tallest glyph reaches, in px.
pub(crate) fn ascent(font_size: f64) -> f64 {
    ASCENT_EM * font_size
}

/// A text fitted into a width: its lines, and whether anything was cut.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fitted {
    /// The lines, each no wider than the width asked for.
    pub(crate) lines: Vec<String>,
    /// Whether words were dropped or shortened (the full text belongs in a tooltip).
    pub(crate) shortened: bool,
}

/// Wraps `text` at spaces into at most `max_lines` lines no wider than `width`; a word
/// wider than a line, or text left over after the last line, is cut with an ellipsis.
pub(crate) fn fit(text: &str, width: f64, font_size: f64, max_lines: usize) -> Fitted {
    let max_lines = max_lines.max(1);
    let fits = |line: &str| text_width(line, font_size) <= width;
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut shortened = false;
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_owned()
        } else {
            format!("{current} {word}")
        };
        if fits(&candidate) {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            if lines.len() + 1 >= max_lines {
                // The last line is full and words remain: cut it.
                current = ellipsize(&candidate, width, font_size);
                shortened = true;
                break;
            }
            lines.push(std::mem::take(&mut current));
            if fits(word) {
                current = word.to_owned();
                continue;
            }
        }
        // A word wider than a whole line.
        current = ellipsize(word, width, font_size);
        shortened = true;
        if lines.len() + 1 >= max_lines {
            break;
        }
        lines.push(std::mem::take(&mut current));
    }
    if !current.is_empty() {
        lines.push(current);
    }
    Fitted { lines, shortened }
}

/// `text` cut to fit `width`, ending in an ellipsis when anything was cut.
pub(crate) fn ellipsize(text: &str, width: f64, font_size: f64) -> String {
    if text_width(text, font_size) <= width {
        return text.to_owned();
    }
    let budget = width - text_width(&ELLIPSIS.to_string(), font_size);
    let mut out = String::new();
    let mut used = 0.0;
    for c in text.chars() {
        let w = char_em(c) * font_size;
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    let mut out = out.trim_end().to_owned();
    out.push(ELLIPSIS);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_the_font() {
        // DejaVu Sans: 'i' is narrow, 'M' wide, digits share one width.
        assert!(text_width("iiii", 10.0) < text_width("MMMM", 10.0));
        assert_eq!(text_width("0123", 10.0), text_width("9999", 10.0));
        assert!((text_width("0", 10.0) - 6.3623046875).abs() < 1e-9);
        // Unknown characters count as a full em.
        assert_eq!(text_width("\u{4e2d}", 12.0), 12.0);
    }

    #[test]
    fn fitting_wraps_then_shortens_and_never_overflows() {
        // "Microsoft Teams" is 82.4 px at 10 px, "Teams Premium" 81.4 px.
        let f = fit("Microsoft Teams Premium", 85.0, 10.0, 2);
        assert_eq!(f.lines.len(), 2, "{f:?}");
        assert!(!f.shortened);
        let f = fit("Supercalifragilisticexpialidocious", 60.0, 10.0, 2);
        assert!(f.shortened && f.lines[0].ends_with(ELLIPSIS), "{f:?}");
        let f = fit(
            "one two three four five six seven eight nine ten",
            50.0,
            10.0,
            2,
        );
        assert_eq!(f.lines.len(), 2, "{f:?}");
        assert!(f.shortened);
        for text in [
            "a",
            "Google Calendar",
            "mean annual benefit value (EUR, exchange rates at market value)",
            "x y",
            "Ωmega ünïcode 中文 labels",
        ] {
            for width in [8.0, 20.0, 45.0, 100.0, 400.0] {
                for lines in 1..=3 {
                    let f = fit(text, width, 10.0, lines);
                    assert!(f.lines.len() <= lines, "{text} {width} {f:?}");
                    for line in &f.lines {
                        assert!(
                            text_width(line, 10.0) <= width || line.chars().count() == 1,
                            "{line:?} wider than {width}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn boxes_overlap_only_when_they_share_area() {
        let a = text_box("abc", 0.0, 10.0, 10.0, Anchor::Start);
        let b = text_box("abc", a.x1, 10.0, 10.0, Anchor::Start);
        assert!(!a.overlaps(&b), "touching is not overlapping");
        let c = text_box("abc", a.x1 - 1.0, 10.0, 10.0, Anchor::Start);
        assert!(a.overlaps(&c));
        let centred = text_box("abc", 50.0, 10.0, 10.0, Anchor::Middle);
        assert!((centred.x0 + centred.x1 - 100.0).abs() < 1e-9);
    }
}
