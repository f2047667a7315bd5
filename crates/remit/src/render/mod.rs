//! Rendering a [`Scorecard`](crate::Scorecard) as plain text, Markdown or one
//! self-contained HTML page.
//!
//! Every renderer is a pure function returning a `String`: the caller decides where it
//! goes. All three open with a summary (overall health with the number of domains it
//! covers, each domain's health or why it was not measured, the top findings), then list
//! the findings domain by domain, showing repeated findings of one kind (one code in one
//! domain) as one entry with a row per case, and a finding's own table of cases
//! ([`Finding::table`](remit_core::Finding::table)) as a table.
//!
//! The HTML page has inline CSS and inline SVG charts, no JavaScript and no external
//! references, so it opens in any browser, offline, and prints. Its charts have round
//! axis ticks (1–2–5 steps; shares on 0–100 %), colours that carry meaning from the
//! colour-blind-safe Okabe–Ito palette, and labels that never overlap or leave the
//! picture (wrapped, moved to horizontal bars, or shortened with a tooltip).
//!
//! One idea per file: `text`, `markdown` and `html` are the three outputs; `entries`
//! arranges findings (by domain, repeats grouped); `format` words numbers and health the
//! same way everywhere; `svg` draws a chart; `ticks` chooses axis scales; `colour`
//! assigns meaning to colour; `layout` measures and fits labels (with widths from
//! `text_widths`, generated from the font).

mod colour;
mod entries;
mod format;
mod html;
mod layout;
mod markdown;
mod svg;
mod text;
#[rustfmt::skip]
mod text_widths;
mod ticks;

#[cfg(test)]
mod tests;

pub use html::html;
pub use markdown::markdown;
pub use text::text;

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
