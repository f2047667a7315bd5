//! Small dense p×p helpers over nalgebra.

use nalgebra::{DMatrix, DVector};

/// A symmetric positive-definite p×p matrix factorised once.
pub(crate) struct Spd {
    chol: nalgebra::Cholesky<f64, nalgebra::Dyn>,
}

impl Spd {
    /// Factorises the full (both triangles filled) row-major matrix `a`.
    pub(crate) fn new(a: &[f64], p: usize) -> Option<Self> {
        if a.len() != p * p || a.iter().any(|v| !v.is_finite()) {
            return None;
        }
        let m = DMatrix::from_row_slice(p, p, a);
        m.cholesky().map(|chol| Self { chol })
    }

    /// Solves `A x = b`.
    pub(crate) fn solve(&self, b: &[f64]) -> Vec<f64> {
        let v = DVector::from_column_slice(b);
        self.chol.solve(&v).iter().copied().collect()
    }

    /// `A^{-1}`, row-major.
    pub(crate) fn inverse(&self) -> Vec<f64> {
        let inv = self.chol.inverse();
        // Symmetric: column-major storage equals row-major.
        inv.as_slice().to_vec()
    }

    /// `ln det A`.
    pub(crate) fn ln_det(&self) -> f64 {
        let l = self.chol.l_dirty();
        (0..l.nrows()).map(|i| 2.0 * l[(i, i)].ln()).sum()
    }
}

/// Fills the lower triangle of a row-major matrix from its upper triangle.
pub(crate) fn symmetrize_upper(a: &mut [f64], p: usize) {
    for i in 0..p {
        for j in 0..i {
            a[i * p + j] = a[j * p + i];
        }
    }
}

/// Index of the first column that is (numerically) a linear combination of the
/// earlier ones, judged on the cross-product matrix `X'X` (row-major, full).
/// Uses a pivot-free Cholesky with a relative tolerance.
pub(crate) fn first_dependent_column(xtx: &[f64], p: usize) -> Option<usize> {
    let mut l = vec![0.0; p * p];
    for j in 0..p {
        let mut d = xtx[j * p + j];
        for k in 0..j {
            d -= l[j * p + k] * l[j * p + k];
        }
        let scale = xtx[j * p + j].abs().max(f64::MIN_POSITIVE);
        if !(d > 1e-10 * scale) {
            return Some(j);
        }
        let d = d.sqrt();
        l[j * p + j] = d;
        for i in j + 1..p {
            let mut s = xtx[i * p + j];
            for k in 0..j {
                s -= l[i * p + k] * l[j * p + k];
            }
            l[i * p + j] = s / d;
        }
    }
    None
}
