//! Helpers shared by remit's examples and benchmarks (not published).
//!
//! This package owns `examples/` and `benches/`; unlike the library crates under
//! `crates/`, it may do I/O. It holds only what several examples would otherwise repeat:
//! their command lines ([`cli`]), table formatting, CPU timing, and the way every example
//! ends and writes to standard output.
#![expect(
    clippy::disallowed_methods,
    reason = "the examples' helpers read files and the clock, print and exit, which clippy.toml bans in library crates only"
)]

pub mod audit;
pub mod cli;
pub mod exports;
pub mod promotion;
#[cfg(feature = "sqlite")]
pub mod sqlite;
pub mod synthetic;

use std::io::{ErrorKind, Write};
use std::process::ExitCode;
use std::time::Instant;

/// The exit code of an example's `run`: success, or the error on stderr and failure.
///
/// ```
/// use std::process::ExitCode;
/// assert_eq!(remit_examples::finish(Ok(())), ExitCode::SUCCESS);
/// assert_eq!(remit_examples::finish(Err("bad --seed".into())), ExitCode::FAILURE);
/// ```
pub fn finish(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Writes to standard output for [`out!`] and [`outln!`].
///
/// `println!` panics when the reader has gone away (`example | head`); a closed pipe
/// here ends the process quietly with success instead, as command-line tools do. Any
/// other write error ends it with the error on stderr.
pub fn write_stdout(args: std::fmt::Arguments<'_>) {
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_fmt(args) {
        if e.kind() == ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: writing to standard output: {e}");
        std::process::exit(1);
    }
}

/// `print!` that ends the process quietly when standard output is a closed pipe.
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::write_stdout(::std::format_args!($($arg)*))
    };
}

/// `println!` that ends the process quietly when standard output is a closed pipe.
#[macro_export]
macro_rules! outln {
    () => {
        $crate::write_stdout(::std::format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::write_stdout(::std::format_args!("{}\n", ::std::format_args!($($arg)*)))
    };
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

/// User + system CPU seconds of this process, from `/proc/self/stat` (Linux only).
///
/// On a shared machine wall-clock benchmarks mostly measure the neighbours; CPU time is
/// the fair measure.
pub fn cpu_seconds() -> Result<f64, String> {
    let stat = std::fs::read_to_string("/proc/self/stat").map_err(|e| e.to_string())?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| -> Result<f64, String> {
        fields
            .get(i)
            .ok_or("short /proc/self/stat")?
            .parse::<f64>()
            .map_err(|e| e.to_string())
    };
    // utime and stime are fields 14 and 15 of the full line, in clock ticks of 1/100 s.
    Ok((ticks(11)? + ticks(12)?) / 100.0)
}

/// Median CPU and wall seconds of `repeat` runs of `f` (NaN when `repeat` is 0).
pub fn measure_cpu_and_wall(
    repeat: usize,
    mut f: impl FnMut() -> Result<(), String>,
) -> Result<(f64, f64), String> {
    let mut cpu = Vec::with_capacity(repeat);
    let mut wall = Vec::with_capacity(repeat);
    for _ in 0..repeat {
        let (c0, w0) = (cpu_seconds()?, Instant::now());
        f()?;
        cpu.push(cpu_seconds()? - c0);
        wall.push(w0.elapsed().as_secs_f64());
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
    };
    Ok((median(cpu), median(wall)))
}
