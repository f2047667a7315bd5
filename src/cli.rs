//! The examples' command lines: each example declares its options once, as a [`Spec`],
//! and that one declaration drives both the parser and the `--help` text, so the help
//! can never list an option the parser refuses or show a default the program does not
//! use.
//!
//! Splitting the command line into options and values is [`lexopt`]'s job (it handles
//! `--name value`, `--name=value`, `--` and values that start with `-`); this module
//! adds what every example needs on top: `-h`/`--help`, an error that names the
//! offending argument for an unknown option, a stray argument, a repeated option, a
//! malformed value or two options that cannot be used together, and typed values with
//! their defaults. The options of each example, and its typed settings, are in
//! [`commands`].
//!
//! ```
//! use remit_examples::cli::{Parsed, UsageError, commands::ROSTER};
//!
//! let Ok(Parsed::Run(opts)) = ROSTER.parse_from(["--employees", "2000"]) else { panic!() };
//! assert_eq!((opts.employees, opts.seed), (2000, 42));
//!
//! let Ok(Parsed::Help(help)) = ROSTER.parse_from(["-h"]) else { panic!() };
//! assert!(help.contains("--min-group-size K"));
//!
//! let err = ROSTER.parse_from(["--no-such-option"]).err();
//! assert!(matches!(err, Some(UsageError::UnknownOption { option }) if option == "--no-such-option"));
//! ```

pub mod commands;

use std::ffi::{OsStr, OsString};
use std::fmt::Display;
use std::path::PathBuf;
use std::process::ExitCode;
use std::str::FromStr;

/// The exit code of a command line that could not be parsed (as getopt-style tools and
/// clap use), distinct from 1, the code of a run that failed.
pub const USAGE_EXIT_CODE: u8 = 2;

/// Width at which the help text wraps.
const HELP_WIDTH: usize = 80;

/// One `--long` option of an example.
#[derive(Debug, Clone, Copy)]
pub struct Opt {
    /// The name without its dashes: `employees` for `--employees`.
    pub long: &'static str,
    /// The value's placeholder in the help (`N`, `PATH`), or `None` for a switch that
    /// takes no value.
    pub value: Option<&'static str>,
    /// What the option means when it is not given.
    pub default: OptDefault,
    /// What the option does, in a sentence or two (wrapped in the help).
    pub help: &'static str,
}

/// What a value option means when it is not given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptDefault {
    /// No default: the option is off, or a switch. Not shown in the help.
    None,
    /// This text is parsed as if it had been given (and shown as `[default: …]`), so the
    /// default lives here and nowhere else.
    Value(&'static str),
    /// The program works the default out itself (a core count, a path); this says how,
    /// for the help.
    Described(&'static str),
}

/// The one optional positional argument an example may take (`promotion_audit`'s CSV
/// file).
#[derive(Debug, Clone, Copy)]
pub struct Operand {
    /// Its placeholder in the usage line and the help (`FILE.csv`).
    pub name: &'static str,
    /// What it is and what happens without it.
    pub help: &'static str,
}

/// Two arguments that cannot be used together, with the reason (shown in the error).
#[derive(Debug, Clone, Copy)]
pub struct Conflict {
    /// An option's long name, or the operand's name.
    pub first: &'static str,
    /// Another option's long name, or the operand's name.
    pub second: &'static str,
    /// Why, in a few words: "they choose the output format".
    pub why: &'static str,
}

/// An example's command line: its name, what it does, its options and their defaults.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// The example's name (the file under `examples/` without `.rs`).
    pub name: &'static str,
    /// What the example does, in a short paragraph (wrapped in the help).
    pub about: &'static str,
    /// The options, in the order the help lists them (`--help` is added).
    pub options: &'static [Opt],
    /// The positional argument, if the example takes one.
    pub operand: Option<Operand>,
    /// Pairs of arguments that cannot be used together.
    pub conflicts: &'static [Conflict],
    /// Text after the options (e.g. the CSV columns a file must have); kept as written.
    pub notes: &'static str,
    /// Cargo features the example needs (its `required-features` in `Cargo.toml`),
    /// shown in the usage line.
    pub features: &'static [&'static str],
}

/// What a command line asks for: a run with these settings, or the help text.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed<T> {
    /// Run with these settings.
    Run(T),
    /// `-h` or `--help` was given: print this text and exit successfully.
    Help(String),
}

/// A command line that cannot be run; the message names the argument at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UsageError {
    /// An option the example does not have.
    #[error("unknown option `{option}`")]
    UnknownOption {
        /// The option as given (`--no-such-option`, `-x`).
        option: String,
    },
    /// A positional argument the example does not take (or one too many).
    #[error("unexpected argument `{argument}`")]
    UnexpectedArgument {
        /// The argument as given (lossily converted to UTF-8 for the message).
        argument: String,
    },
    /// A value option at the end of the command line, without its value.
    #[error("`--{option}` needs a value")]
    MissingValue {
        /// The option's long name.
        option: String,
    },
    /// A switch given a value (`--json=yes`).
    #[error("`--{option}` takes no value, got `{value}`")]
    UnexpectedValue {
        /// The option's long name.
        option: String,
        /// The value given (lossily converted to UTF-8).
        value: String,
    },
    /// An option given twice.
    #[error("`--{option}` is given more than once")]
    Repeated {
        /// The option's long name.
        option: &'static str,
    },
    /// A value that does not parse, or is out of the option's range.
    #[error("invalid value `{value}` for `{argument}`: {reason}")]
    InvalidValue {
        /// `--name` for an option, or the operand's placeholder.
        argument: String,
        /// The value given (lossily converted to UTF-8).
        value: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Two arguments that cannot be used together.
    #[error("`{first}` and `{second}` cannot be used together: {why}")]
    Conflict {
        /// The first argument (`--json`, or the operand's placeholder).
        first: String,
        /// The second argument.
        second: String,
        /// Why not.
        why: &'static str,
    },
    /// The program asked for an option its own spec does not declare (a bug in the
    /// example, caught by the tests that parse every example's defaults).
    #[error("internal error: the example reads option `--{option}`, which it does not declare")]
    Undeclared {
        /// The undeclared name.
        option: String,
    },
}

impl From<lexopt::Error> for UsageError {
    fn from(e: lexopt::Error) -> Self {
        let strip = |o: String| o.trim_start_matches('-').to_owned();
        match e {
            lexopt::Error::MissingValue { option } => UsageError::MissingValue {
                option: strip(option.unwrap_or_default()),
            },
            lexopt::Error::UnexpectedOption(option) => UsageError::UnknownOption { option },
            lexopt::Error::UnexpectedArgument(argument) => UsageError::UnexpectedArgument {
                argument: argument.to_string_lossy().into_owned(),
            },
            lexopt::Error::UnexpectedValue { option, value } => UsageError::UnexpectedValue {
                option: strip(option),
                value: value.to_string_lossy().into_owned(),
            },
            lexopt::Error::NonUnicodeValue(value) => UsageError::InvalidValue {
                argument: "an argument".to_owned(),
                value: value.to_string_lossy().into_owned(),
                reason: "not valid UTF-8".to_owned(),
            },
            lexopt::Error::ParsingFailed { value, error } => UsageError::InvalidValue {
                argument: "an argument".to_owned(),
                value,
                reason: error.to_string(),
            },
            lexopt::Error::Custom(error) => UsageError::InvalidValue {
                argument: "an argument".to_owned(),
                value: String::new(),
                reason: error.to_string(),
            },
        }
    }
}

/// The arguments of one command line, checked against its [`Spec`]: which options were
/// given with which values, and the operand. Read them with the typed getters.
#[derive(Debug, Clone)]
pub struct Matches {
    spec: &'static Spec,
    values: Vec<(&'static str, OsString)>,
    switches: Vec<&'static str>,
    operand: Option<OsString>,
}

impl Matches {
    fn declared(&self, long: &str) -> Result<&'static Opt, UsageError> {
        self.spec
            .options
            .iter()
            .find(|o| o.long == long)
            .ok_or_else(|| UsageError::Undeclared {
                option: long.to_owned(),
            })
    }

    fn given_text(&self, long: &str) -> Option<&OsStr> {
        self.values
            .iter()
            .find(|(name, _)| *name == long)
            .map(|(_, v)| v.as_os_str())
    }

    /// Whether the option was given on the command line (a switch, or a value option).
    ///
    /// # Errors
    ///
    /// [`UsageError::Undeclared`] when the spec has no such option.
    pub fn given(&self, long: &str) -> Result<bool, UsageError> {
        self.declared(long)?;
        Ok(self.switches.contains(&long) || self.given_text(long).is_some())
    }

    /// Whether the switch `--long` was given.
    ///
    /// # Errors
    ///
    /// [`UsageError::Undeclared`] when the spec has no such option.
    pub fn switch(&self, long: &str) -> Result<bool, UsageError> {
        self.declared(long)?;
        Ok(self.switches.contains(&long))
    }

    /// The value of `--long` as given, parsed, or `None` when it was not given (its
    /// default, if any, is not applied).
    ///
    /// # Errors
    ///
    /// [`UsageError::InvalidValue`] when the text does not parse as a `T` (or is not
    /// UTF-8); [`UsageError::Undeclared`] when the spec has no such option.
    pub fn optional<T>(&self, long: &str) -> Result<Option<T>, UsageError>
    where
        T: FromStr,
        T::Err: Display,
    {
        self.declared(long)?;
        self.given_text(long)
            .map(|text| parse_text(&format!("--{long}"), text))
            .transpose()
    }

    /// The value of `--long`, parsed: as given, or else its [`OptDefault::Value`].
    ///
    /// # Errors
    ///
    /// [`UsageError::InvalidValue`] when the text does not parse as a `T`;
    /// [`UsageError::Undeclared`] when the spec has no such option or it has no default
    /// value to fall back on (use [`Matches::optional`] for those).
    pub fn value<T>(&self, long: &str) -> Result<T, UsageError>
    where
        T: FromStr,
        T::Err: Display,
    {
        if let Some(v) = self.optional(long)? {
            return Ok(v);
        }
        match self.declared(long)?.default {
            OptDefault::Value(text) => parse_text(&format!("--{long}"), OsStr::new(text)),
            OptDefault::None | OptDefault::Described(_) => Err(UsageError::Undeclared {
                option: format!("{long} (it has no default value)"),
            }),
        }
    }

    /// The value of `--long` as a path, or `None` when it was not given.
    ///
    /// # Errors
    ///
    /// [`UsageError::Undeclared`] when the spec has no such option.
    pub fn path(&self, long: &str) -> Result<Option<PathBuf>, UsageError> {
        self.declared(long)?;
        Ok(self.given_text(long).map(PathBuf::from))
    }

    /// Whether the spec declares the option `--long` (for settings shared by examples
    /// whose option lists differ).
    pub fn declares(&self, long: &str) -> bool {
        self.spec.options.iter().any(|o| o.long == long)
    }

    /// The positional argument, if one was given.
    pub fn operand(&self) -> Option<&OsStr> {
        self.operand.as_deref()
    }
}

/// Parses `text` as a `T`, naming `argument` in the error.
fn parse_text<T>(argument: &str, text: &OsStr) -> Result<T, UsageError>
where
    T: FromStr,
    T::Err: Display,
{
    let lossy = text.to_string_lossy();
    let utf8 = text.to_str().ok_or_else(|| UsageError::InvalidValue {
        argument: argument.to_owned(),
        value: lossy.clone().into_owned(),
        reason: "not valid UTF-8".to_owned(),
    })?;
    utf8.parse().map_err(|e: T::Err| UsageError::InvalidValue {
        argument: argument.to_owned(),
        value: lossy.into_owned(),
        reason: e.to_string(),
    })
}

impl Spec {
    /// The usage line: how to run the example with cargo.
    pub fn usage(&self) -> String {
        let operand = self
            .operand
            .map_or(String::new(), |o| format!(" [{}]", o.name));
        let features = if self.features.is_empty() {
            String::new()
        } else {
            format!(" --features {}", self.features.join(","))
        };
        format!(
            "cargo run --release{features} --example {} -- [OPTIONS]{operand}",
            self.name
        )
    }

    /// The `--help` text: what the example does, the usage line, the positional argument,
    /// every option with its default and what it cannot be combined with, and the notes.
    pub fn help(&self) -> String {
        let mut out = wrap(&format!("{}: {}", self.name, self.about), 0);
        out.push_str(&format!("\nUsage: {}\n", self.usage()));
        let mut rows: Vec<(String, String)> = Vec::new();
        for o in self.options {
            let left = match o.value {
                Some(v) => format!("--{} {v}", o.long),
                None => format!("--{}", o.long),
            };
            let mut text = o.help.to_owned();
            text.push_str(&self.not_with(o.long));
            match o.default {
                OptDefault::None => {}
                OptDefault::Value(v) => text.push_str(&format!(" [default: {v}]")),
                OptDefault::Described(d) => text.push_str(&format!(" [default: {d}]")),
            }
            rows.push((left, text));
        }
        rows.push((
            "-h, --help".to_owned(),
            "Print this help and exit.".to_owned(),
        ));
        let column = rows.iter().map(|(l, _)| l.len()).max().unwrap_or(0) + 4;
        if let Some(operand) = self.operand {
            out.push_str("\nArguments:\n");
            let mut text = operand.help.to_owned();
            text.push_str(&self.not_with(operand.name));
            out.push_str(&row(operand.name, &text, column));
        }
        out.push_str("\nOptions:\n");
        for (left, text) in &rows {
            out.push_str(&row(left, text, column));
        }
        if !self.notes.is_empty() {
            out.push('\n');
            out.push_str(self.notes.trim_end());
            out.push('\n');
        }
        out
    }

    /// " Not with --a or --b." for the arguments that conflict with `name`; empty if none.
    fn not_with(&self, name: &str) -> String {
        let others = self.conflicting(name);
        match others.split_last() {
            None => String::new(),
            Some((last, [])) => format!(" Not with {last}."),
            Some((last, rest)) => format!(" Not with {} or {last}.", rest.join(", ")),
        }
    }

    /// The arguments that cannot be used with `name`, as the user types them.
    fn conflicting(&self, name: &str) -> Vec<String> {
        self.conflicts
            .iter()
            .filter_map(|c| {
                if c.first == name {
                    Some(self.display_name(c.second))
                } else if c.second == name {
                    Some(self.display_name(c.first))
                } else {
                    None
                }
            })
            .collect()
    }

    /// `--name` for an option, the placeholder for the operand.
    fn display_name(&self, name: &str) -> String {
        match self.operand {
            Some(o) if o.name == name => name.to_owned(),
            _ => format!("--{name}"),
        }
    }

    /// Checks a command line (without the program name) against this spec.
    ///
    /// # Errors
    ///
    /// A [`UsageError`] naming the first argument at fault: an unknown option, a stray
    /// or extra positional argument, a missing or unexpected value, an option given
    /// twice, or two arguments that conflict. `-h`/`--help` wins over anything after it.
    pub fn matches<I>(&'static self, args: I) -> Result<Parsed<Matches>, UsageError>
    where
        I: IntoIterator,
        I::Item: Into<OsString>,
    {
        let mut parser = lexopt::Parser::from_args(args);
        let mut m = Matches {
            spec: self,
            values: Vec::new(),
            switches: Vec::new(),
            operand: None,
        };
        while let Some(arg) = parser.next()? {
            match arg {
                lexopt::Arg::Short('h') | lexopt::Arg::Long("help") => {
                    return Ok(Parsed::Help(self.help()));
                }
                lexopt::Arg::Short(c) => {
                    return Err(UsageError::UnknownOption {
                        option: format!("-{c}"),
                    });
                }
                lexopt::Arg::Long(name) => {
                    let opt = self
                        .options
                        .iter()
                        .find(|o| o.long == name)
                        .ok_or_else(|| UsageError::UnknownOption {
                            option: format!("--{name}"),
                        })?;
                    if m.switches.contains(&opt.long) || m.given_text(opt.long).is_some() {
                        return Err(UsageError::Repeated { option: opt.long });
                    }
                    if opt.value.is_some() {
                        let value = parser.value()?;
                        m.values.push((opt.long, value));
                    } else {
                        m.switches.push(opt.long);
                    }
                }
                lexopt::Arg::Value(value) => {
                    if self.operand.is_none() || m.operand.is_some() {
                        return Err(UsageError::UnexpectedArgument {
                            argument: value.to_string_lossy().into_owned(),
                        });
                    }
                    m.operand = Some(value);
                }
            }
        }
        for c in self.conflicts {
            if self.present(&m, c.first) && self.present(&m, c.second) {
                return Err(UsageError::Conflict {
                    first: self.display_name(c.first),
                    second: self.display_name(c.second),
                    why: c.why,
                });
            }
        }
        Ok(Parsed::Run(m))
    }

    /// Whether the option or operand `name` is on the command line.
    fn present(&self, m: &Matches, name: &str) -> bool {
        match self.operand {
            Some(o) if o.name == name => m.operand.is_some(),
            _ => m.switches.contains(&name) || m.given_text(name).is_some(),
        }
    }
}

/// One row of the help: `left` in a column of `column` characters, `text` wrapped after it.
fn row(left: &str, text: &str, column: usize) -> String {
    let indent = 2;
    let mut out = format!("{:indent$}{left}", "");
    let wrapped = wrap(text, indent + column);
    let body = wrapped.trim_start();
    if indent + left.len() + 2 > indent + column {
        out.push('\n');
        out.push_str(&" ".repeat(indent + column));
    } else {
        out.push_str(&" ".repeat(column - left.len()));
    }
    out.push_str(body);
    out
}

/// `text` wrapped at [`HELP_WIDTH`], every line indented by `indent` spaces, ending in a
/// line break.
fn wrap(text: &str, indent: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    // `[default: N]` stays on one line.
    let mut words: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match words.last_mut() {
            Some(last) if last == "[default:" => {
                last.push(' ');
                last.push_str(word);
            }
            _ => words.push(word.to_owned()),
        }
    }
    for word in &words {
        if !line.is_empty() && indent + line.len() + 1 + word.len() > HELP_WIDTH {
            out.push_str(&" ".repeat(indent));
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(&" ".repeat(indent));
    out.push_str(&line);
    out.push('\n');
    out
}

/// An example's command line: its [`Spec`] and how its [`Matches`] become the example's
/// typed settings `T`.
#[derive(Debug)]
pub struct Example<T: 'static> {
    /// What the command line accepts: the example's name, description, options,
    /// operand and conflicts, from which `--help` is generated.
    pub spec: Spec,
    /// Reads the typed settings from a checked command line (and checks what the spec
    /// cannot say, such as ranges).
    pub settings: fn(&Matches) -> Result<T, UsageError>,
}

impl<T> Example<T> {
    /// Parses a command line (without the program name) into the example's settings, or
    /// its help.
    ///
    /// # Errors
    ///
    /// A [`UsageError`] naming the argument at fault.
    pub fn parse_from<I>(&'static self, args: I) -> Result<Parsed<T>, UsageError>
    where
        I: IntoIterator,
        I::Item: Into<OsString>,
    {
        match self.spec.matches(args)? {
            Parsed::Help(text) => Ok(Parsed::Help(text)),
            Parsed::Run(m) => (self.settings)(&m).map(Parsed::Run),
        }
    }

    /// The example's `main`: parses the process's arguments; prints the help and exits
    /// with success for `--help`; prints the usage error and exits with
    /// [`USAGE_EXIT_CODE`] for a bad command line; otherwise runs `run` with the
    /// settings and exits as [`crate::finish`] does.
    pub fn main(&'static self, run: impl FnOnce(T) -> Result<(), String>) -> ExitCode {
        match self.parse_from(std::env::args_os().skip(1)) {
            Ok(Parsed::Run(settings)) => crate::finish(run(settings)),
            Ok(Parsed::Help(text)) => {
                crate::out!("{text}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!(
                    "error: {e}\nusage: {}\nRun with --help for the options.",
                    self.spec.usage()
                );
                ExitCode::from(USAGE_EXIT_CODE)
            }
        }
    }
}

/// An example's command line with its settings type erased, so that the tests can go
/// through every example in one list ([`commands::ALL`]).
pub trait AnyExample: Sync {
    /// The options.
    fn spec(&self) -> &Spec;
    /// Parses a command line, keeping only whether it asks for a run or for the help.
    ///
    /// # Errors
    ///
    /// As [`Example::parse_from`].
    fn check(&'static self, args: Vec<OsString>) -> Result<Parsed<()>, UsageError>;
}

impl<T: 'static> AnyExample for Example<T> {
    fn spec(&self) -> &Spec {
        &self.spec
    }

    fn check(&'static self, args: Vec<OsString>) -> Result<Parsed<()>, UsageError> {
        Ok(match self.parse_from(args)? {
            Parsed::Run(_) => Parsed::Run(()),
            Parsed::Help(text) => Parsed::Help(text),
        })
    }
}

/// How a scorecard is printed on standard output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputFormat {
    /// Plain text for a terminal (the default).
    #[default]
    Text,
    /// Markdown tables and headings (`--markdown`), for a wiki or a pull request.
    Markdown,
    /// The scorecard as pretty-printed JSON (`--json`), for another program to read.
    Json,
}

impl OutputFormat {
    /// The format chosen by the `json` and `markdown` switches (which the spec declares
    /// as conflicting).
    ///
    /// # Errors
    ///
    /// [`UsageError::Undeclared`] when the spec lacks either switch.
    pub fn from_switches(m: &Matches) -> Result<Self, UsageError> {
        Ok(if m.switch("json")? {
            OutputFormat::Json
        } else if m.switch("markdown")? {
            OutputFormat::Markdown
        } else {
            OutputFormat::Text
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static SPEC: Spec = Spec {
        name: "demo",
        about: "A demonstration.",
        options: &[
            Opt {
                long: "count",
                value: Some("N"),
                default: OptDefault::Value("3"),
                help: "How many.",
            },
            Opt {
                long: "json",
                value: None,
                default: OptDefault::None,
                help: "JSON.",
            },
            Opt {
                long: "markdown",
                value: None,
                default: OptDefault::None,
                help: "Markdown.",
            },
        ],
        operand: Some(Operand {
            name: "FILE",
            help: "A file.",
        }),
        conflicts: &[
            Conflict {
                first: "json",
                second: "markdown",
                why: "one output format",
            },
            Conflict {
                first: "count",
                second: "FILE",
                why: "a file has its own count",
            },
        ],
        notes: "",
        features: &[],
    };

    fn run(args: &[&str]) -> Result<Matches, UsageError> {
        match SPEC.matches(args.iter().copied())? {
            Parsed::Run(m) => Ok(m),
            Parsed::Help(_) => panic!("help instead of a run"),
        }
    }

    #[test]
    fn values_defaults_and_switches() {
        let m = run(&["--count=7", "--json"]).unwrap();
        assert_eq!(m.value::<u32>("count").unwrap(), 7);
        assert!(m.switch("json").unwrap());
        assert!(!m.switch("markdown").unwrap());
        let m = run(&[]).unwrap();
        assert_eq!(m.value::<u32>("count").unwrap(), 3);
        assert_eq!(m.optional::<u32>("count").unwrap(), None);
        assert!(!m.given("count").unwrap());
    }

    #[test]
    fn help_wins_and_the_short_form_is_not_a_file() {
        assert!(matches!(SPEC.matches(["-h"]), Ok(Parsed::Help(_))));
        assert!(matches!(
            SPEC.matches(["--json", "--help"]),
            Ok(Parsed::Help(_))
        ));
    }

    #[test]
    fn unknown_options_and_stray_arguments_are_named() {
        assert_eq!(
            run(&["--bogus"]).unwrap_err(),
            UsageError::UnknownOption {
                option: "--bogus".into()
            }
        );
        assert_eq!(
            run(&["-x"]).unwrap_err(),
            UsageError::UnknownOption {
                option: "-x".into()
            }
        );
        assert_eq!(
            run(&["a.csv", "b.csv"]).unwrap_err(),
            UsageError::UnexpectedArgument {
                argument: "b.csv".into()
            }
        );
    }

    #[test]
    fn value_errors_name_the_option() {
        assert_eq!(
            run(&["--count"]).unwrap_err(),
            UsageError::MissingValue {
                option: "count".into()
            }
        );
        assert_eq!(
            run(&["--json=yes"]).unwrap_err(),
            UsageError::UnexpectedValue {
                option: "json".into(),
                value: "yes".into()
            }
        );
        assert_eq!(
            run(&["--count", "1", "--count", "2"]).unwrap_err(),
            UsageError::Repeated { option: "count" }
        );
        let err = run(&["--count", "many"])
            .unwrap()
            .value::<u32>("count")
            .unwrap_err();
        assert!(
            matches!(err, UsageError::InvalidValue { argument, value, .. }
            if argument == "--count" && value == "many")
        );
    }

    #[test]
    fn conflicts_are_errors_between_options_and_with_the_operand() {
        assert!(matches!(
            run(&["--json", "--markdown"]).unwrap_err(),
            UsageError::Conflict { first, second, .. } if first == "--json" && second == "--markdown"
        ));
        assert!(matches!(
            run(&["f.csv", "--count", "2"]).unwrap_err(),
            UsageError::Conflict { first, second, .. } if first == "--count" && second == "FILE"
        ));
        // After `--` everything is an operand, even what looks like an option.
        let m = run(&["--", "-h"]).unwrap();
        assert_eq!(m.operand(), Some(OsStr::new("-h")));
    }

    #[test]
    fn undeclared_names_are_internal_errors() {
        let m = run(&[]).unwrap();
        assert!(matches!(
            m.switch("verbose").unwrap_err(),
            UsageError::Undeclared { option } if option == "verbose"
        ));
    }

    #[test]
    fn help_lists_every_option_its_default_and_its_conflicts() {
        let help = SPEC.help();
        assert!(help.contains("Usage: cargo run --release --example demo -- [OPTIONS] [FILE]"));
        assert!(help.contains("--count N"));
        assert!(help.contains("[default: 3]"));
        assert!(help.contains("Not with --markdown."));
        assert!(help.contains("Not with FILE."));
        assert!(help.contains("-h, --help"));
        assert!(help.lines().all(|l| l.chars().count() <= HELP_WIDTH));
    }
}
