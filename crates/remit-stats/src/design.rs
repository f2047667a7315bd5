//! A small design matrix for regression: intercept, numeric columns and
//! treatment-coded categorical columns, with named terms.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::error::{Result, StatsError};

/// What kind of term a group of design columns encodes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum TermKind {
    /// The constant column of ones that estimates the intercept; named `Intercept`.
    Intercept,
    /// One numeric column, used as given.
    Numeric,
    /// Treatment (dummy) coding: one 0/1 column per non-reference level.
    Categorical {
        /// The reference level (no column; absorbed by the intercept).
        reference: String,
        /// The non-reference levels, in column order (sorted).
        levels: Vec<String>,
    },
}

/// A named term and the design columns it occupies.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Term {
    /// The term's name as given to the builder.
    pub name: String,
    /// Its columns in the design matrix.
    pub columns: Range<usize>,
    /// How it is coded.
    pub kind: TermKind,
}

/// A dense design matrix stored row by row, with column names and terms.
///
/// Column names follow patsy: the intercept is `Intercept`, a numeric term keeps
/// its name, and a categorical term `mode` with reference `onsite` gives columns
/// `mode[T.hybrid]`, `mode[T.remote]` (levels sorted as strings).
///
/// ```
/// use remit_stats::DesignMatrix;
/// let tenure = [1.0, 4.0, 2.5, 7.0];
/// let mode = ["remote", "onsite", "hybrid", "remote"];
/// let x = DesignMatrix::builder(4)
///     .intercept()
///     .numeric("tenure", &tenure)?
///     .categorical("mode", &mode, "onsite")?
///     .build()?;
/// assert_eq!(x.column_names(), ["Intercept", "tenure", "mode[T.hybrid]", "mode[T.remote]"]);
/// assert_eq!(x.row(0), Some(&[1.0, 1.0, 0.0, 1.0][..]));
/// # Ok::<(), remit_stats::StatsError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawDesignMatrix"))]
pub struct DesignMatrix {
    n: usize,
    p: usize,
    data: Vec<f64>,
    names: Vec<String>,
    terms: Vec<Term>,
}

/// The serialised fields of a [`DesignMatrix`], checked by
/// [`DesignMatrix::from_row_major`] on the way in (columns named, `n × p` finite
/// values); the saved `n` and `p` must be the shape of the data, and each term's columns
/// must lie inside the matrix.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawDesignMatrix {
    n: usize,
    p: usize,
    data: Vec<f64>,
    names: Vec<String>,
    terms: Vec<Term>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawDesignMatrix> for DesignMatrix {
    type Error = StatsError;

    fn try_from(raw: RawDesignMatrix) -> Result<Self> {
        let mut matrix = DesignMatrix::from_row_major(&raw.names, raw.data)?;
        if matrix.p != raw.p {
            return Err(StatsError::LengthMismatch {
                name: "names",
                expected: raw.p,
                got: matrix.p,
            });
        }
        if matrix.n != raw.n {
            return Err(StatsError::LengthMismatch {
                name: "data",
                expected: raw.n.saturating_mul(raw.p),
                got: matrix.data.len(),
            });
        }
        if let Some(term) = raw
            .terms
            .iter()
            .find(|t| t.columns.start >= t.columns.end || t.columns.end > matrix.p)
        {
            return Err(StatsError::InvalidTerm {
                term: term.name.clone(),
                reason: format!(
                    "columns {}..{} are not a non-empty range inside the {} columns",
                    term.columns.start, term.columns.end, matrix.p
                ),
            });
        }
        matrix.terms = raw.terms;
        Ok(matrix)
    }
}

enum Spec {
    Intercept,
    Numeric(String, Vec<f64>),
    Categorical {
        name: String,
        reference: String,
        levels: Vec<String>,
        codes: Vec<usize>, // 0 = reference, k = levels[k - 1]
    },
}

/// Builds a [`DesignMatrix`] term by term; see [`DesignMatrix::builder`].
pub struct DesignBuilder {
    n: usize,
    specs: Vec<Spec>,
}

impl std::fmt::Debug for DesignBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DesignBuilder")
            .field("n", &self.n)
            .field("terms", &self.specs.len())
            .finish()
    }
}

impl DesignBuilder {
    fn check_name(&self, name: &str) -> Result<()> {
        let taken = self.specs.iter().any(|s| match s {
            Spec::Intercept => name == "Intercept",
            Spec::Numeric(n, _) => n == name,
            Spec::Categorical { name: n, .. } => n == name,
        });
        if taken || name.is_empty() {
            return Err(StatsError::InvalidTerm {
                term: name.to_string(),
                reason: "term names must be non-empty and unique".into(),
            });
        }
        Ok(())
    }

    /// Adds the constant column `Intercept` (once; later calls do nothing).
    pub fn intercept(mut self) -> Self {
        if !self.specs.iter().any(|s| matches!(s, Spec::Intercept)) {
            self.specs.insert(0, Spec::Intercept);
        }
        self
    }

    /// Adds a numeric column.
    ///
    /// # Errors
    /// [`StatsError::LengthMismatch`] if `values` does not have one value per row;
    /// [`StatsError::NonFinite`] naming the row of a NaN or infinite value;
    /// [`StatsError::InvalidTerm`] for an empty or repeated name.
    pub fn numeric(mut self, name: &str, values: &[f64]) -> Result<Self> {
        self.check_name(name)?;
        if values.len() != self.n {
            return Err(StatsError::LengthMismatch {
                name: "values",
                expected: self.n,
                got: values.len(),
            });
        }
        if let Some(index) = values.iter().position(|v| !v.is_finite()) {
            return Err(StatsError::InvalidTerm {
                term: name.to_string(),
                reason: format!("row {index} is not finite ({})", values[index]),
            });
        }
        self.specs
            .push(Spec::Numeric(name.to_string(), values.to_vec()));
        Ok(self)
    }

    /// Adds a categorical term with treatment coding against `reference`.
    ///
    /// # Errors
    /// [`StatsError::LengthMismatch`] if `labels` does not have one label per row;
    /// [`StatsError::InvalidTerm`] if `reference` never occurs, or the term has a
    /// single level, or the name is empty or repeated.
    pub fn categorical<S: AsRef<str>>(
        mut self,
        name: &str,
        labels: &[S],
        reference: &str,
    ) -> Result<Self> {
        self.check_name(name)?;
        if labels.len() != self.n {
            return Err(StatsError::LengthMismatch {
                name: "labels",
                expected: self.n,
                got: labels.len(),
            });
        }
        let mut distinct: BTreeMap<&str, usize> = BTreeMap::new();
        for l in labels {
            distinct.entry(l.as_ref()).or_insert(0);
        }
        if !distinct.contains_key(reference) {
            return Err(StatsError::InvalidTerm {
                term: name.to_string(),
                reason: format!("reference level `{reference}` does not occur"),
            });
        }
        if distinct.len() < 2 {
            return Err(StatsError::InvalidTerm {
                term: name.to_string(),
                reason: "needs at least two levels".into(),
            });
        }
        let mut levels = Vec::new();
        for (level, code) in distinct.iter_mut() {
            if *level == reference {
                *code = 0;
            } else {
                levels.push((*level).to_string());
                *code = levels.len();
            }
        }
        let codes = labels
            .iter()
            .map(|l| distinct.get(l.as_ref()).copied().unwrap_or(0))
            .collect();
        self.specs.push(Spec::Categorical {
            name: name.to_string(),
            reference: reference.to_string(),
            levels,
            codes,
        });
        Ok(self)
    }

    /// Assembles the matrix.
    ///
    /// # Errors
    /// [`StatsError::TooFew`] if there are no rows or no columns.
    pub fn build(self) -> Result<DesignMatrix> {
        if self.n == 0 {
            return Err(StatsError::TooFew {
                name: "rows",
                needed: 1,
                got: 0,
            });
        }
        let mut names = Vec::new();
        let mut terms = Vec::new();
        for s in &self.specs {
            let start = names.len();
            let kind = match s {
                Spec::Intercept => {
                    names.push("Intercept".to_string());
                    TermKind::Intercept
                }
                Spec::Numeric(n, _) => {
                    names.push(n.clone());
                    TermKind::Numeric
                }
                Spec::Categorical {
                    name,
                    reference,
                    levels,
                    ..
                } => {
                    names.extend(levels.iter().map(|l| format!("{name}[T.{l}]")));
                    TermKind::Categorical {
                        reference: reference.clone(),
                        levels: levels.clone(),
                    }
                }
            };
            let name = match s {
                Spec::Intercept => "Intercept".to_string(),
                Spec::Numeric(n, _) | Spec::Categorical { name: n, .. } => n.clone(),
            };
            terms.push(Term {
                name,
                columns: start..names.len(),
                kind,
            });
        }
        let p = names.len();
        if p == 0 {
            return Err(StatsError::TooFew {
                name: "columns",
                needed: 1,
                got: 0,
            });
        }
        let len = self.n.checked_mul(p).ok_or(StatsError::OutOfRange {
            name: "rows",
            value: self.n as f64,
            range: "rows * columns <= usize::MAX",
        })?;
        let mut data = vec![0.0; len];
        for (s, t) in self.specs.iter().zip(&terms) {
            let c0 = t.columns.start;
            match s {
                Spec::Intercept => {
                    for row in data.chunks_exact_mut(p) {
                        row[c0] = 1.0;
                    }
                }
                Spec::Numeric(_, v) => {
                    for (row, x) in data.chunks_exact_mut(p).zip(v) {
                        row[c0] = *x;
                    }
                }
                Spec::Categorical { codes, .. } => {
                    for (row, &code) in data.chunks_exact_mut(p).zip(codes) {
                        if code > 0 {
                            row[c0 + code - 1] = 1.0;
                        }
                    }
                }
            }
        }
        Ok(DesignMatrix {
            n: self.n,
            p,
            data,
            names,
            terms,
        })
    }
}

impl DesignMatrix {
    /// Starts a builder for `rows` observations.
    pub fn builder(rows: usize) -> DesignBuilder {
        DesignBuilder {
            n: rows,
            specs: Vec::new(),
        }
    }

    /// A matrix from row-major data and column names (each column its own
    /// numeric term; a column named `Intercept` is marked as the intercept).
    ///
    /// # Errors
    /// [`StatsError::TooFew`] for no columns or rows, [`StatsError::LengthMismatch`]
    /// if `data.len()` is not a multiple of the column count,
    /// [`StatsError::NonFinite`] for NaN or infinite values.
    pub fn from_row_major<S: AsRef<str>>(names: &[S], data: Vec<f64>) -> Result<Self> {
        let p = names.len();
        if p == 0 {
            return Err(StatsError::TooFew {
                name: "names",
                needed: 1,
                got: 0,
            });
        }
        if !data.len().is_multiple_of(p) || data.is_empty() {
            return Err(StatsError::LengthMismatch {
                name: "data",
                expected: p * (data.len() / p).max(1),
                got: data.len(),
            });
        }
        crate::error::check_finite("data", &data)?;
        let names: Vec<String> = names.iter().map(|s| s.as_ref().to_string()).collect();
        let terms = names
            .iter()
            .enumerate()
            .map(|(j, n)| Term {
                name: n.clone(),
                columns: j..j + 1,
                kind: if n == "Intercept" {
                    TermKind::Intercept
                } else {
                    TermKind::Numeric
                },
            })
            .collect();
        Ok(Self {
            n: data.len() / p,
            p,
            data,
            names,
            terms,
        })
    }

    /// Number of rows (observations).
    pub fn nrows(&self) -> usize {
        self.n
    }

    /// Number of columns (parameters).
    pub fn ncols(&self) -> usize {
        self.p
    }

    /// Column names, in order.
    pub fn column_names(&self) -> &[String] {
        &self.names
    }

    /// The terms and the columns each occupies.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// Whether the matrix has an intercept column.
    pub fn has_intercept(&self) -> bool {
        self.terms.iter().any(|t| t.kind == TermKind::Intercept)
    }

    /// Row `i` (`None` if out of range).
    pub fn row(&self, i: usize) -> Option<&[f64]> {
        self.data.get(i * self.p..(i + 1) * self.p)
    }

    /// All rows, in order.
    pub fn rows(&self) -> std::slice::ChunksExact<'_, f64> {
        self.data.chunks_exact(self.p)
    }

    /// All values row-major, `nrows() × ncols()`: row `i`, column `j` is at index `i *
    /// ncols() + j`.
    pub fn as_slice(&self) -> &[f64] {
        &self.data
    }
}
