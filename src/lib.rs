//! Helpers shared by remit's examples and benchmarks (not published).
//!
//! This package owns `examples/` and `benches/`; unlike the library crates under
//! `crates/`, it may do I/O. It holds only what several examples would otherwise repeat:
//! a small command-line parser and table formatting.
#![allow(clippy::disallowed_methods)]

pub mod audit;
pub mod promotion;

use std::fmt::Display;
use std::str::FromStr;

/// A minimal command-line parser: `--name value` options, `--flag` switches and
/// positional arguments, with errors that name the offending argument.
#[derive(Debug, Clone, Default)]
pub struct Args {
    raw: Vec<String>,
}

impl Args {
    /// The process's arguments, without the program name.
    pub fn from_env() -> Self {
        Self {
            raw: std::env::args().skip(1).collect(),
        }
    }

    /// Arguments from a list (for tests).
    pub fn from_vec(raw: Vec<String>) -> Self {
        Self { raw }
    }

    /// The value after `--name`, parsed; `default` when absent.
    pub fn value<T>(&self, name: &str, default: T) -> Result<T, String>
    where
        T: FromStr,
        T::Err: Display,
    {
        Ok(self.optional(name)?.unwrap_or(default))
    }

    /// The value after `--name`, parsed, if the option is given.
    pub fn optional<T>(&self, name: &str) -> Result<Option<T>, String>
    where
        T: FromStr,
        T::Err: Display,
    {
        let Some(i) = self.raw.iter().position(|a| a == name) else {
            return Ok(None);
        };
        let text = self
            .raw
            .get(i + 1)
            .ok_or_else(|| format!("{name} needs a value"))?;
        text.parse::<T>()
            .map(Some)
            .map_err(|e| format!("{name} {text:?}: {e}"))
    }

    /// Whether the switch `--name` is present.
    pub fn flag(&self, name: &str) -> bool {
        self.raw.iter().any(|a| a == name)
    }

    /// Arguments that are neither options nor option values. `value_options` lists the
    /// options that take a value.
    pub fn positional(&self, value_options: &[&str]) -> Vec<String> {
        let mut out = Vec::new();
        let mut skip = false;
        for a in &self.raw {
            if skip {
                skip = false;
            } else if value_options.contains(&a.as_str()) {
                skip = true;
            } else if !a.starts_with("--") {
                out.push(a.clone());
            }
        }
        out
    }

    /// Rejects options that are not in `known` (value options and switches alike).
    pub fn reject_unknown(&self, known: &[&str]) -> Result<(), String> {
        match self
            .raw
            .iter()
            .find(|a| a.starts_with("--") && !known.contains(&a.as_str()))
        {
            Some(unknown) => Err(format!(
                "unknown option {unknown}; known options: {}",
                known.join(", ")
            )),
            None => Ok(()),
        }
    }
}

/// Left-aligns the first column and right-aligns the rest, for terminal tables.
pub fn format_table(header: &[String], rows: &[Vec<String>]) -> String {
    let columns = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let mut s = String::new();
        for (i, cell) in cells.iter().enumerate().take(columns) {
            let pad = widths[i].saturating_sub(cell.chars().count());
            if i == 0 {
                s.push_str(cell);
                s.push_str(&" ".repeat(pad));
            } else {
                s.push_str("  ");
                s.push_str(&" ".repeat(pad));
                s.push_str(cell);
            }
        }
        s.trim_end().to_owned()
    };
    let mut out = line(header);
    out.push('\n');
    out.push_str(&"-".repeat(widths.iter().sum::<usize>() + 2 * columns.saturating_sub(1)));
    out.push('\n');
    for row in rows {
        out.push_str(&line(row));
        out.push('\n');
    }
    out
}
