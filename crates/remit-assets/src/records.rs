//! The documents an asset's history carries: NIST SP 800-88 sanitisation records and
//! shipments (the chain of custody).

use core::fmt;

use chrono::NaiveDate;
use remit_core::{EmployeeId, Money};

/// A text field of a record was empty or too long.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RecordError {
    /// A required text field was empty after trimming.
    #[error("{record}: field `{field}` must not be empty")]
    Empty {
        /// `sanitisation record`, `shipment` or `write-off`.
        record: &'static str,
        /// The text field that was empty after trimming (`"tracking"`, `"approved_by"`, ...).
        field: &'static str,
    },
    /// A text field exceeded [`MAX_TEXT`] bytes.
    #[error("{record}: field `{field}` is longer than {MAX_TEXT} bytes")]
    TooLong {
        /// `sanitisation record`, `shipment` or `write-off`.
        record: &'static str,
        /// The text field longer than [`MAX_TEXT`] bytes after trimming.
        field: &'static str,
    },
    /// The verification cannot apply to the method: destroyed media cannot be read
    /// back, and only destroyed media are inspected physically.
    #[error(
        "sanitisation record: field `verification` ({verification:?}) cannot verify a {method} sanitisation"
    )]
    VerificationMismatch {
        /// Clear, Purge or Destroy.
        method: SanitisationMethod,
        /// The verification given, which cannot apply to the method.
        verification: Verification,
    },
    /// A shipment cost was negative.
    #[error("shipment: field `cost` must not be negative, got {cost}")]
    NegativeCost {
        /// The refused cost, below zero.
        cost: Money,
    },
}

/// The longest free-text field a record accepts, in bytes.
pub const MAX_TEXT: usize = 256;

fn text(record: &'static str, field: &'static str, value: &str) -> Result<String, RecordError> {
    let t = value.trim();
    if t.is_empty() {
        return Err(RecordError::Empty { record, field });
    }
    if t.len() > MAX_TEXT {
        return Err(RecordError::TooLong { record, field });
    }
    Ok(t.to_owned())
}

/// The NIST SP 800-88 sanitisation category.
///
/// Rev. 1 (2014) §2.5 defines the three; Rev. 2 (2025) keeps them and defers the
/// per-media techniques to IEEE 2883.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum SanitisationMethod {
    /// Logical techniques on all user-addressable locations (overwrite, factory reset);
    /// protects against simple non-invasive recovery. Fit for reuse inside the organisation.
    Clear,
    /// Renders recovery infeasible with state-of-the-art laboratory techniques
    /// (cryptographic erase, ATA/NVMe sanitize, block erase, degauss). Expected when the
    /// media leaves the organisation's control.
    Purge,
    /// Renders recovery infeasible *and* the media unusable (shred, disintegrate,
    /// pulverise, incinerate, melt). The asset can only be disposed of afterwards.
    Destroy,
}

impl fmt::Display for SanitisationMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SanitisationMethod::Clear => "clear",
            SanitisationMethod::Purge => "purge",
            SanitisationMethod::Destroy => "destroy",
        })
    }
}

/// How the sanitisation result was verified (NIST SP 800-88 Rev. 1 §4.7 / Rev. 2 §4.5.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Verification {
    /// Every addressable location read back.
    Full,
    /// A representative sample read back.
    Sampling,
    /// The tool's completion status and error log reviewed.
    ToolReport,
    /// Physical inspection of destroyed media.
    Inspection,
}

/// A record of media sanitisation, after the certificate fields of NIST SP 800-88
/// Rev. 1 Appendix G (Rev. 2 Appendix C): the method, the technique, the tool, how it
/// was verified, when, and who performed and who verified it.
///
/// ```
/// use chrono::NaiveDate;
/// use remit_assets::{SanitisationMethod, SanitisationRecord, Verification};
///
/// let record = SanitisationRecord::new(
///     SanitisationMethod::Purge,
///     "NVMe Sanitize (crypto erase)",
///     Verification::ToolReport,
///     NaiveDate::from_ymd_opt(2025, 6, 2).unwrap(),
///     "Depot technician A. Okafor",
/// )?
/// .with_tool("nvme-cli 2.9")?
/// .with_verifier("IT security lead")?
/// .with_certificate("CERT-2025-0612")?;
/// assert_eq!(record.method(), SanitisationMethod::Purge);
/// # Ok::<(), remit_assets::RecordError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "SanitisationRecordRepr"))]
pub struct SanitisationRecord {
    method: SanitisationMethod,
    technique: String,
    tool: Option<String>,
    verification: Verification,
    performed_on: NaiveDate,
    performed_by: String,
    verified_by: Option<String>,
    certificate: Option<String>,
}

const SAN: &str = "sanitisation record";

impl SanitisationRecord {
    /// A record with its required fields.
    ///
    /// # Errors
    ///
    /// [`RecordError`] if `technique` or `performed_by` is empty or longer than
    /// [`MAX_TEXT`]; [`RecordError::VerificationMismatch`] when the verification cannot
    /// apply to the method (a read-back, full or sampled, of destroyed media; a physical
    /// inspection of cleared or purged media).
    pub fn new(
        method: SanitisationMethod,
        technique: &str,
        verification: Verification,
        performed_on: NaiveDate,
        performed_by: &str,
    ) -> Result<Self, RecordError> {
        let destroyed = method == SanitisationMethod::Destroy;
        let reads_back = matches!(verification, Verification::Full | Verification::Sampling);
        if (destroyed && reads_back) || (!destroyed && verification == Verification::Inspection) {
            return Err(RecordError::VerificationMismatch {
                method,
                verification,
            });
        }
        Ok(Self {
            method,
            technique: text(SAN, "technique", technique)?,
            tool: None,
            verification,
            performed_on,
            performed_by: text(SAN, "performed_by", performed_by)?,
            verified_by: None,
            certificate: None,
        })
    }

    /// Adds the tool and version used.
    ///
    /// # Errors
    ///
    /// [`RecordError`] if the text is empty or too long.
    pub fn with_tool(mut self, tool: &str) -> Result<Self, RecordError> {
        self.tool = Some(text(SAN, "tool", tool)?);
        Ok(self)
    }

    /// Adds the person who verified the result.
    ///
    /// # Errors
    ///
    /// [`RecordError`] if the text is empty or too long.
    pub fn with_verifier(mut self, verified_by: &str) -> Result<Self, RecordError> {
        self.verified_by = Some(text(SAN, "verified_by", verified_by)?);
        Ok(self)
    }

    /// Adds a certificate reference (a certificate of sanitisation or destruction).
    ///
    /// # Errors
    ///
    /// [`RecordError`] if the text is empty or too long.
    pub fn with_certificate(mut self, certificate: &str) -> Result<Self, RecordError> {
        self.certificate = Some(text(SAN, "certificate", certificate)?);
        Ok(self)
    }

    /// Clear, Purge or Destroy.
    pub fn method(&self) -> SanitisationMethod {
        self.method
    }
    /// The technique (overwrite, crypto erase, shred, ...).
    pub fn technique(&self) -> &str {
        &self.technique
    }
    /// The tool and version, if recorded.
    pub fn tool(&self) -> Option<&str> {
        self.tool.as_deref()
    }
    /// How the result was verified.
    pub fn verification(&self) -> Verification {
        self.verification
    }
    /// When it was done.
    pub fn performed_on(&self) -> NaiveDate {
        self.performed_on
    }
    /// Who performed the sanitisation (trimmed, 1 to [`MAX_TEXT`] bytes).
    pub fn performed_by(&self) -> &str {
        &self.performed_by
    }
    /// Who verified it, if recorded.
    pub fn verified_by(&self) -> Option<&str> {
        self.verified_by.as_deref()
    }
    /// The certificate reference, if any.
    pub fn certificate(&self) -> Option<&str> {
        self.certificate.as_deref()
    }
}

/// Where a shipment goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Destination {
    /// To an employee's home (or wherever they work).
    Employee(EmployeeId),
    /// Back to a depot or warehouse.
    Depot,
}

/// One leg of the chain of custody: who carries the asset, under which tracking number,
/// at what cost.
///
/// ```
/// use remit_assets::{Destination, Shipment};
/// use remit_core::EmployeeId;
///
/// let to_home = Shipment::new(Destination::Employee(EmployeeId::from_external("E-7")), "DHL", "JD014600006")?;
/// assert_eq!(to_home.carrier(), "DHL");
/// # Ok::<(), remit_assets::RecordError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ShipmentRepr"))]
pub struct Shipment {
    destination: Destination,
    carrier: String,
    tracking: String,
    cost: Option<Money>,
}

const SHIP: &str = "shipment";

impl Shipment {
    /// A shipment with its carrier and tracking number.
    ///
    /// # Errors
    ///
    /// [`RecordError`] if `carrier` or `tracking` is empty or too long.
    pub fn new(
        destination: Destination,
        carrier: &str,
        tracking: &str,
    ) -> Result<Self, RecordError> {
        Ok(Self {
            destination,
            carrier: text(SHIP, "carrier", carrier)?,
            tracking: text(SHIP, "tracking", tracking)?,
            cost: None,
        })
    }

    /// Adds what the shipment cost (part of the asset's total cost of ownership).
    ///
    /// # Errors
    ///
    /// [`RecordError::NegativeCost`] for a negative amount.
    pub fn with_cost(mut self, cost: Money) -> Result<Self, RecordError> {
        if cost.is_negative() {
            return Err(RecordError::NegativeCost { cost });
        }
        self.cost = Some(cost);
        Ok(self)
    }

    /// Where the shipment goes: to an employee or back to a depot.
    pub fn destination(&self) -> Destination {
        self.destination
    }
    /// The carrier's name (trimmed, 1 to [`MAX_TEXT`] bytes).
    pub fn carrier(&self) -> &str {
        &self.carrier
    }
    /// The carrier's tracking number (trimmed, 1 to [`MAX_TEXT`] bytes).
    pub fn tracking(&self) -> &str {
        &self.tracking
    }
    /// The cost, if recorded.
    pub fn cost(&self) -> Option<Money> {
        self.cost
    }
}

/// The approval to write off a missing asset: who approved it after the investigation
/// and, optionally, the reference of the case (an investigation, a police report, an
/// insurance claim). The date is the date of the write-off event.
///
/// Asset teams remove a lost or stolen item from the register only on an approver's
/// authority after an investigation (for example the State of Utah's fixed-asset policy
/// FIACCT 09-10_02: the Director of Finance, "after appropriate investigation", authorises
/// the removal), and IAS 16.67 derecognises an item from which no future economic
/// benefits are expected.
///
/// ```
/// use remit_assets::WriteOff;
///
/// let approval = WriteOff::new("Head of IT operations")?.with_reference("POLICE-2025-1184")?;
/// assert_eq!(approval.approved_by(), "Head of IT operations");
/// assert!(matches!(
///     WriteOff::new("  "),
///     Err(remit_assets::RecordError::Empty { field: "approved_by", .. })
/// ));
/// # Ok::<(), remit_assets::RecordError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "WriteOffRepr"))]
pub struct WriteOff {
    approved_by: String,
    reference: Option<String>,
}

const WRITE_OFF: &str = "write-off";

impl WriteOff {
    /// An approval by `approved_by` (a person or a role, such as "Finance controller").
    ///
    /// # Errors
    ///
    /// [`RecordError`] if `approved_by` is empty or longer than [`MAX_TEXT`].
    pub fn new(approved_by: &str) -> Result<Self, RecordError> {
        Ok(Self {
            approved_by: text(WRITE_OFF, "approved_by", approved_by)?,
            reference: None,
        })
    }

    /// Adds the case reference (investigation, police report, insurance claim).
    ///
    /// # Errors
    ///
    /// [`RecordError`] if the text is empty or too long.
    pub fn with_reference(mut self, reference: &str) -> Result<Self, RecordError> {
        self.reference = Some(text(WRITE_OFF, "reference", reference)?);
        Ok(self)
    }

    /// Who approved the write-off.
    pub fn approved_by(&self) -> &str {
        &self.approved_by
    }
    /// The case reference, if recorded.
    pub fn reference(&self) -> Option<&str> {
        self.reference.as_deref()
    }
}

/// The stored form of a [`WriteOff`], validated through its constructor.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct WriteOffRepr {
    approved_by: String,
    #[serde(default)]
    reference: Option<String>,
}

#[cfg(feature = "serde")]
impl TryFrom<WriteOffRepr> for WriteOff {
    type Error = RecordError;

    fn try_from(r: WriteOffRepr) -> Result<Self, Self::Error> {
        let approval = Self::new(&r.approved_by)?;
        match r.reference {
            Some(reference) => approval.with_reference(&reference),
            None => Ok(approval),
        }
    }
}

/// Reads an optional cost and refuses a negative one, as [`Shipment::with_cost`] and the
/// lifecycle rules do (for the repair cost of `CompleteRepair` and `RepairCompleted`).
#[cfg(feature = "serde")]
pub(crate) fn non_negative_cost<'de, D>(deserializer: D) -> Result<Option<Money>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    let cost: Option<Money> = serde::Deserialize::deserialize(deserializer)?;
    match cost {
        Some(cost) if cost.is_negative() => Err(serde::de::Error::custom(format!(
            "field `cost` must not be negative, got {cost}"
        ))),
        other => Ok(other),
    }
}

/// The stored form of a [`SanitisationRecord`]; deserialising goes through the
/// validating constructor, so a stored record obeys the same rules as a built one.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct SanitisationRecordRepr {
    method: SanitisationMethod,
    technique: String,
    #[serde(default)]
    tool: Option<String>,
    verification: Verification,
    performed_on: NaiveDate,
    performed_by: String,
    #[serde(default)]
    verified_by: Option<String>,
    #[serde(default)]
    certificate: Option<String>,
}

#[cfg(feature = "serde")]
impl TryFrom<SanitisationRecordRepr> for SanitisationRecord {
    type Error = RecordError;

    fn try_from(r: SanitisationRecordRepr) -> Result<Self, Self::Error> {
        let mut record = Self::new(
            r.method,
            &r.technique,
            r.verification,
            r.performed_on,
            &r.performed_by,
        )?;
        if let Some(tool) = r.tool {
            record = record.with_tool(&tool)?;
        }
        if let Some(verifier) = r.verified_by {
            record = record.with_verifier(&verifier)?;
        }
        if let Some(certificate) = r.certificate {
            record = record.with_certificate(&certificate)?;
        }
        Ok(record)
    }
}

/// The stored form of a [`Shipment`], validated like [`SanitisationRecordRepr`].
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct ShipmentRepr {
    destination: Destination,
    carrier: String,
    tracking: String,
    #[serde(default)]
    cost: Option<Money>,
}

#[cfg(feature = "serde")]
impl TryFrom<ShipmentRepr> for Shipment {
    type Error = RecordError;

    fn try_from(r: ShipmentRepr) -> Result<Self, Self::Error> {
        let shipment = Self::new(r.destination, &r.carrier, &r.tracking)?;
        match r.cost {
            Some(cost) => shipment.with_cost(cost),
            None => Ok(shipment),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_fields_are_named() {
        let d = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let e = SanitisationRecord::new(SanitisationMethod::Clear, " ", Verification::Full, d, "x")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "sanitisation record: field `technique` must not be empty"
        );
        let e = Shipment::new(Destination::Depot, "DHL", &"9".repeat(300)).unwrap_err();
        assert!(matches!(
            e,
            RecordError::TooLong {
                field: "tracking",
                ..
            }
        ));
    }

    #[cfg(feature = "serde")]
    #[test]
    fn stored_records_are_validated_like_built_ones() {
        let d = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let record = SanitisationRecord::new(
            SanitisationMethod::Purge,
            "crypto erase",
            Verification::Full,
            d,
            "IT depot",
        )
        .unwrap()
        .with_certificate("CERT-1")
        .unwrap();
        let json = serde_json::to_string(&record).unwrap();
        assert_eq!(
            serde_json::from_str::<SanitisationRecord>(&json).unwrap(),
            record
        );
        let blank = json.replace("IT depot", "  ");
        let e = serde_json::from_str::<SanitisationRecord>(&blank).unwrap_err();
        assert!(
            e.to_string()
                .contains("field `performed_by` must not be empty"),
            "{e}"
        );

        let shipment = Shipment::new(Destination::Depot, "DHL", "JD1").unwrap();
        let json = serde_json::to_string(&shipment).unwrap();
        assert_eq!(serde_json::from_str::<Shipment>(&json).unwrap(), shipment);
        let e = serde_json::from_str::<Shipment>(&json.replace("DHL", "")).unwrap_err();
        assert!(
            e.to_string().contains("field `carrier` must not be empty"),
            "{e}"
        );
        let negative = r#"{"destination":"depot","carrier":"DHL","tracking":"JD1","cost":{"amount":"-5","currency":"EUR"}}"#;
        let e = serde_json::from_str::<Shipment>(negative).unwrap_err();
        assert!(e.to_string().contains("must not be negative"), "{e}");
    }
}
