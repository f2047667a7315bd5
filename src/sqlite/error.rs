//! [`StoreError`], and the row and column a row error names ([`Cx`]): the table, the row
//! id and the field, with typed readers of a row's columns that attach them.

use std::fmt::Display;
use std::str::FromStr;

use remit_core::{Currency, Money};
use rusqlite::Row;
use rusqlite::types::FromSql;
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;

/// Reading or writing the database failed. Row errors name the table, the row id and,
/// where one column is at fault, the field; the message is the crate's own error.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// SQLite itself failed (I/O, a missing table, a constraint).
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// One column of a row could not be read or parsed.
    #[error("table `{table}` row {row}: field `{field}`: {message}")]
    Field {
        /// The table.
        table: &'static str,
        /// The row id.
        row: i64,
        /// The column.
        field: &'static str,
        /// What was wrong.
        message: String,
    },
    /// A row was refused by the crate that validates it.
    #[error("table `{table}` row {row}: {message}")]
    Record {
        /// The table.
        table: &'static str,
        /// The row id.
        row: i64,
        /// The crate's error.
        message: String,
    },
    /// A value the whole data set shares (in `meta`, or a container's invariant) is wrong.
    #[error("table `{table}`: {message}")]
    Table {
        /// The table.
        table: &'static str,
        /// What was wrong.
        message: String,
    },
}

/// Where a row error happened.
#[derive(Debug, Clone, Copy)]
pub(super) struct Cx {
    table: &'static str,
    row: i64,
}

impl Cx {
    pub(super) fn new(table: &'static str, row: i64) -> Self {
        Self { table, row }
    }

    pub(super) fn field(self, field: &'static str, message: impl Display) -> StoreError {
        StoreError::Field {
            table: self.table,
            row: self.row,
            field,
            message: message.to_string(),
        }
    }

    pub(super) fn record(self, message: impl Display) -> StoreError {
        StoreError::Record {
            table: self.table,
            row: self.row,
            message: message.to_string(),
        }
    }

    pub(super) fn get<T: FromSql>(
        self,
        row: &Row<'_>,
        i: usize,
        field: &'static str,
    ) -> Result<T, StoreError> {
        row.get(i).map_err(|e| self.field(field, e))
    }

    pub(super) fn parse<T>(
        self,
        row: &Row<'_>,
        i: usize,
        field: &'static str,
    ) -> Result<T, StoreError>
    where
        T: FromStr,
        T::Err: Display,
    {
        let text: String = self.get(row, i, field)?;
        text.parse()
            .map_err(|e| self.field(field, with_input(&text, e)))
    }

    pub(super) fn parse_opt<T>(
        self,
        row: &Row<'_>,
        i: usize,
        field: &'static str,
    ) -> Result<Option<T>, StoreError>
    where
        T: FromStr,
        T::Err: Display,
    {
        let text: Option<String> = self.get(row, i, field)?;
        text.map(|t| t.parse().map_err(|e| self.field(field, with_input(&t, e))))
            .transpose()
    }

    pub(super) fn int<T: TryFrom<i64>>(
        self,
        row: &Row<'_>,
        i: usize,
        field: &'static str,
    ) -> Result<T, StoreError>
    where
        T::Error: Display,
    {
        let n: i64 = self.get(row, i, field)?;
        T::try_from(n).map_err(|e| self.field(field, format!("{n}: {e}")))
    }

    pub(super) fn name<T: DeserializeOwned>(
        self,
        row: &Row<'_>,
        i: usize,
        field: &'static str,
    ) -> Result<T, StoreError> {
        let text: String = self.get(row, i, field)?;
        from_name(&text).map_err(|e| self.field(field, e))
    }

    pub(super) fn money(
        self,
        row: &Row<'_>,
        amount: usize,
        currency: usize,
        field: &'static str,
    ) -> Result<Money, StoreError> {
        let value: Decimal = self.parse(row, amount, field)?;
        let currency: Currency = self.parse(row, currency, field)?;
        Ok(Money::new(value, currency))
    }

    pub(super) fn money_opt(
        self,
        row: &Row<'_>,
        amount: usize,
        currency: usize,
        field: &'static str,
    ) -> Result<Option<Money>, StoreError> {
        let value: Option<Decimal> = self.parse_opt(row, amount, field)?;
        let currency: Option<Currency> = self.parse_opt(row, currency, field)?;
        match (value, currency) {
            (Some(v), Some(c)) => Ok(Some(Money::new(v, c))),
            (None, None) => Ok(None),
            _ => Err(self.field(
                field,
                "amount and currency must both be set or both be null",
            )),
        }
    }
}

/// A parse error's message, with the rejected text when the message does not quote it.
pub(super) fn with_input(text: &str, error: impl Display) -> String {
    let message = error.to_string();
    if message.contains(text) {
        message
    } else {
        format!("{text:?}: {message}")
    }
}

/// Parses a unit enum variant from its serde name, as stored in text columns.
pub(super) fn from_name<T: DeserializeOwned>(name: &str) -> Result<T, String> {
    serde_json::from_value(serde_json::Value::String(name.to_owned()))
        .map_err(|e| format!("{name:?}: {e}"))
}

/// An error in the `meta` table (a missing or malformed key).
pub(super) fn meta_error(message: impl Display) -> StoreError {
    StoreError::Table {
        table: "meta",
        message: message.to_string(),
    }
}
