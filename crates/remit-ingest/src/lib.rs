//! Reads the files HR, asset, SaaS, survey and collaboration systems export into
//! remit's validated domain inputs.
#![deny(clippy::disallowed_methods)]

pub mod canonical;
pub mod error;
pub mod promotion_csv;
pub mod table;
pub mod values;

pub use error::{IngestError, Problem, SeenValue};
