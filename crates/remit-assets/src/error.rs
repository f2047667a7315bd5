//! [`Error`]: everything that can go wrong in this crate, in one type.

use chrono::NaiveDate;
use remit_core::disclosure::DisclosureError;
use remit_core::{AuditError, CountryCode, Currency, EmployeeId, Money, MoneyError};

use crate::asset::{AssetError, AssetTag, Category};
use crate::depreciation::DepreciationError;
use crate::fleet::FleetError;
use crate::lifecycle::LifecycleError;
use crate::log::{LogError, SchemaError};
use crate::records::RecordError;

/// Why a record, a command, a configuration or an audit was refused.
///
/// One type for the crate. The records and the lifecycle keep their own precise error
/// types (a refused command is a [`LifecycleError`] naming the asset, its state and the
/// command), and each is a variant here, so `?` turns any of them into an `Error`.
/// Messages are lower case and name the caller's own record: the asset by its tag, the
/// employee by id, the configuration field. A function that returns an error changes
/// nothing: a log keeps its entries, the disclosure engine records no release.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An asset record was invalid.
    #[error(transparent)]
    Asset(#[from] AssetError),
    /// A depreciation input was invalid.
    #[error(transparent)]
    Depreciation(#[from] DepreciationError),
    /// An asset and its event log did not belong together.
    #[error(transparent)]
    Fleet(#[from] FleetError),
    /// A kit list or price list was invalid.
    #[error(transparent)]
    Kit(#[from] KitError),
    /// The lifecycle refused a command.
    #[error(transparent)]
    Lifecycle(#[from] LifecycleError),
    /// The event log refused an event or a command.
    #[error(transparent)]
    Log(#[from] LogError),
    /// A stored event's schema version is not supported.
    #[error(transparent)]
    Schema(#[from] SchemaError),
    /// A sanitisation record, shipment or write-off was invalid.
    #[error(transparent)]
    Record(#[from] RecordError),
    /// A retrieval policy was inconsistent.
    #[error(transparent)]
    RetrievalPolicy(#[from] RetrievalPolicyError),
    /// [`Config::with_audit_interval_months`](crate::Config::with_audit_interval_months)
    /// was given 0 or more than 1 200 months.
    #[error("assets config: field `audit_interval_months` must be 1-1200, got {months}")]
    AuditInterval {
        /// The rejected interval, in months.
        months: u32,
    },
    /// [`Config::with_horizon_months`](crate::Config::with_horizon_months) was given more
    /// than 1 200 months, or a horizon that ends past the supported calendar.
    #[error(
        "assets config: field `horizon_months` must be 0-1200 and end within the calendar after {as_of}, got {months}"
    )]
    Horizon {
        /// The rejected horizon, in months.
        months: u32,
        /// The as-of date the horizon starts from.
        as_of: NaiveDate,
    },
    /// The fleet lists one asset twice (two assets with the same id), so it would be
    /// counted twice.
    #[error("fleet: asset {tag} is listed twice")]
    DuplicateAsset {
        /// The caller's tag of the repeated asset.
        tag: AssetTag,
    },
    /// The workforce lists one employee twice (or as both active and a leaver), so they
    /// would be counted as two people.
    #[error("workforce: employee {employee} is listed twice")]
    DuplicateEmployee {
        /// The employee the workforce lists more than once.
        employee: EmployeeId,
    },
    /// A population has more people than the disclosure engine can index (2³² − 1).
    #[error("workforce: more than 4294967295 people in one population")]
    TooManyPeople,
    /// No exchange rate converts an amount into the reporting currency.
    #[error("cost per employee: asset {tag}: no exchange rate from {from} to {to}")]
    MissingRate {
        /// The asset whose amount needed the rate.
        tag: AssetTag,
        /// The currency the asset's amount is in, with no rate into the reporting currency.
        from: Currency,
        /// The currency the report sums costs in.
        to: Currency,
    },
    /// Two exchange rates were given for the same pair of currencies, so the result
    /// would depend on their order.
    #[error("cost per employee: more than one exchange rate from {from} to {to}")]
    DuplicateRate {
        /// The currency the duplicated rates convert from.
        from: Currency,
        /// The currency the duplicated rates convert into.
        to: Currency,
    },
    /// A sum of money overflowed, or mixed currencies.
    #[error("{what}: {source}")]
    Money {
        /// Which sum (`"cost of closing the kit gaps"`, `"asset LT-1: annual cost"`).
        what: String,
        /// The money error: an overflow or a currency mismatch.
        source: MoneyError,
    },
    /// The disclosure engine refused the call: it is not the engine the report was built
    /// with, or it was given an invalid group. A refusal to publish a figure is not an
    /// error; it is a suppressed figure.
    #[error("disclosure: {0}")]
    Disclosure(#[from] DisclosureError),
    /// A finding could not be built (empty text, a non-finite metric): a bug in this
    /// crate's wording, reported instead of dropping the finding.
    #[error("finding: {0}")]
    Finding(#[from] AuditError),
}

impl Error {
    /// A money error, tagged with the sum it happened in; the description is only
    /// written when the error happens (these wrap sums over millions of assets).
    pub(crate) fn money<S: Into<String>>(
        what: impl FnOnce() -> S,
    ) -> impl FnOnce(MoneyError) -> Error {
        move |source| Error::Money {
            what: what().into(),
            source,
        }
    }
}

/// A kit list or price list was invalid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KitError {
    /// A kit list's bits name no category.
    #[error("kit list: bits {bits:#06x} name no category (only the lowest 12 bits are categories)")]
    UnknownCategories {
        /// The bits given, some above the lowest 12 (which are the categories).
        bits: u16,
    },
    /// A price was negative.
    #[error("kit prices: the price of a {category}{} must not be negative, got {price}", country.map(|c| format!(" in {c}")).unwrap_or_default())]
    NegativePrice {
        /// The category whose price is negative.
        category: Category,
        /// The country, for a country price.
        country: Option<CountryCode>,
        /// The refused price, below zero.
        price: Money,
    },
}

/// A retrieval policy was inconsistent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RetrievalPolicyError {
    /// The SLA was zero or above 365 days.
    #[error("retrieval policy: field `sla_days` must be 1-365, got {0}")]
    Sla(u32),
    /// Reminders were not strictly increasing, or not before the SLA.
    #[error(
        "retrieval policy: field `reminder_days` must increase strictly and stay within 1..sla_days, got {0:?}"
    )]
    Reminders(Vec<u32>),
    /// Escalation after the SLA.
    #[error(
        "retrieval policy: field `escalate_after_days` ({escalate}) must be at most sla_days ({sla})"
    )]
    Escalation {
        /// The rejected escalation day.
        escalate: u32,
        /// The return deadline, in days after the leaving date.
        sla: u32,
    },
}
