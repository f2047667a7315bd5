//! Identifiers: newtypes over [`Uuid`], one per kind of record.
//!
//! remit never invents random ids. An id is either a UUID the caller already has
//! (parsed with [`FromStr`] or wrapped with `from_uuid`) or the deterministic image of the
//! caller's own string id (an HRIS id such as `"E-10042"`, an asset tag such as
//! `"LT-2231"`) under UUID version 5:
//!
//! ```
//! use remit_core::EmployeeId;
//!
//! let a = EmployeeId::from_external("E-10042");
//! let b = EmployeeId::from_external("E-10042");
//! assert_eq!(a, b); // same input, same id, on every machine
//! assert_ne!(a, EmployeeId::from_external("E-10043"));
//!
//! // Ids print and parse as hyphenated UUIDs.
//! let parsed: EmployeeId = a.to_string().parse()?;
//! assert_eq!(parsed, a);
//! # Ok::<(), remit_core::IdError>(())
//! ```
//!
//! Each kind has its own UUID v5 namespace (derived from [`REMIT_NAMESPACE`] and the kind's
//! name), so the external string `"1"` maps to different ids for an employee and for an
//! asset: ids of different kinds never collide by accident.

use core::fmt;
use core::str::FromStr;

use uuid::Uuid;

/// UUID version 5 (RFC 9562, section 5.5) of `name` under `namespace`: the first 16
/// bytes of SHA-1(namespace ‖ name) with the version and variant bits set, exactly what
/// `Uuid::new_v5` computes. Through the `sha1` crate, which uses the processor's SHA
/// instructions where it has them (half the time per id of `uuid`'s own SHA-1 here):
/// an id is derived for every row a file names someone in.
fn uuid_v5(namespace: &Uuid, name: &[u8]) -> Uuid {
    use sha1::{Digest, Sha1};
    let digest = Sha1::new()
        .chain_update(namespace.as_bytes())
        .chain_update(name)
        .finalize();
    let mut bytes = [0u8; 16];
    for (byte, from) in bytes.iter_mut().zip(digest.iter()) {
        *byte = *from;
    }
    uuid::Builder::from_sha1_bytes(bytes).into_uuid()
}

/// The root UUID v5 namespace of remit. Fixed forever: changing it would change every
/// id derived from an external string.
pub const REMIT_NAMESPACE: Uuid = Uuid::from_u128(0x6a1f_3c2e_9b47_5d08_a3e6_0c5b_7f21_d94e);

/// An identifier string could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid {kind} id {input:?}: expected a hyphenated UUID such as 67e55044-10b1-426f-9247-bb680e5fe0c8"
)]
pub struct IdError {
    kind: &'static str,
    input: String,
}

impl IdError {
    /// The kind of id that was being parsed (`"employee"`, `"asset"`, ...).
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// The text that failed to parse.
    pub fn input(&self) -> &str {
        &self.input
    }
}

/// Reads an id of kind `T` from text through `T`'s [`FromStr`].
#[cfg(feature = "serde")]
struct IdVisitor<T>(std::marker::PhantomData<T>);

#[cfg(feature = "serde")]
impl<T: FromStr<Err = IdError>> serde::de::Visitor<'_> for IdVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a UUID as text, such as 67e55044-10b1-426f-9247-bb680e5fe0c8")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<T, E> {
        text.parse().map_err(E::custom)
    }
}

macro_rules! define_id {
    ($(#[$meta:meta])* $name:ident, $kind:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize))]
        #[cfg_attr(feature = "serde", serde(transparent))]
        pub struct $name(Uuid);

        /// Reads what [`FromStr`] reads, with its [`IdError`] (naming the kind of id and
        /// the text) in formats that write ids as text; binary formats keep the UUID's
        /// own 16 bytes.
        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                if deserializer.is_human_readable() {
                    deserializer.deserialize_str(IdVisitor(std::marker::PhantomData::<$name>))
                } else {
                    <Uuid as serde::Deserialize>::deserialize(deserializer).map(Self)
                }
            }
        }

        impl $name {
            /// The kind name used in error messages and in this kind's v5 namespace.
            pub const KIND: &'static str = $kind;

            /// Wraps a UUID the caller already holds.
            pub const fn from_uuid(uuid: Uuid) -> Self {
                Self(uuid)
            }

            /// The deterministic id of the caller's own string id: UUID v5 of `external`
            /// under this kind's namespace. Same string, same id, on every machine.
            pub fn from_external(external: &str) -> Self {
                // The kind's namespace is one SHA-1 of its own: computed once.
                static NAMESPACE: std::sync::LazyLock<Uuid> = std::sync::LazyLock::new(|| {
                    Uuid::new_v5(&REMIT_NAMESPACE, $name::KIND.as_bytes())
                });
                Self(uuid_v5(&NAMESPACE, external.as_bytes()))
            }

            /// The UUID behind the id (version 5 when derived from an external id).
            pub const fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0.hyphenated(), f)
            }
        }

        impl FromStr for $name {
            type Err = IdError;

            /// Parses a UUID in any of the forms [`Uuid::parse_str`] accepts (hyphenated,
            /// simple, braced, URN). To map a caller's own string id, use
            /// [`from_external`](Self::from_external) instead.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s.trim()).map(Self).map_err(|_| IdError {
                    kind: Self::KIND,
                    input: s.to_owned(),
                })
            }
        }

        impl From<Uuid> for $name {
            fn from(uuid: Uuid) -> Self {
                Self(uuid)
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Self {
                id.0
            }
        }
    };
}

define_id!(
    /// Identifies an employee: a UUID, derived from the caller's own id by
    /// `from_external` or given directly, unique within a roster.
    EmployeeId,
    "employee"
);
define_id!(
    /// Identifies a physical asset (a laptop, a monitor, a chair).
    AssetId,
    "asset"
);
define_id!(
    /// Identifies a collaboration tool in an inventory.
    ToolId,
    "tool"
);
define_id!(
    /// Identifies a benefit or perk in a catalogue.
    BenefitId,
    "benefit"
);
define_id!(
    /// Identifies a team of the collaboration-tools domain: a UUID, derived from the
    /// caller's own team id by `from_external` or given directly.
    TeamId,
    "team"
);
define_id!(
    /// Identifies a survey administration (one wave of a questionnaire).
    SurveyId,
    "survey"
);
define_id!(
    /// Identifies one event in an append-only log.
    EventId,
    "event"
);

#[cfg(test)]
mod tests {
    use super::*;

    /// The SHA-1 behind [`uuid_v5`] against `uuid`'s own version 5, on names of one and
    /// two SHA-1 blocks (the padding boundary is at 55 bytes with the 16-byte
    /// namespace: 39 bytes of name), empty, non-ASCII and under several namespaces.
    #[test]
    fn uuid_v5_is_uuids_own_version_5() {
        let mut names: Vec<Vec<u8>> = vec![Vec::new(), "Zoë-ß-東京".as_bytes().to_vec()];
        for len in 0..140 {
            names.push((0..len).map(|i| b'a' + (i % 26) as u8).collect());
        }
        names.extend((0..2000).map(|i| format!("E-{i}").into_bytes()));
        for namespace in [REMIT_NAMESPACE, Uuid::NAMESPACE_DNS, Uuid::nil()] {
            for name in &names {
                assert_eq!(uuid_v5(&namespace, name), Uuid::new_v5(&namespace, name));
            }
        }
    }

    #[test]
    fn external_ids_are_stable_across_releases() {
        // Pinned: a change here changes every id ever derived from a caller's string.
        assert_eq!(
            EmployeeId::from_external("E-10042").to_string(),
            Uuid::new_v5(&Uuid::new_v5(&REMIT_NAMESPACE, b"employee"), b"E-10042")
                .hyphenated()
                .to_string()
        );
        assert_eq!(
            EmployeeId::from_external("E-10042")
                .as_uuid()
                .get_version_num(),
            5
        );
    }

    #[test]
    fn kinds_have_separate_namespaces() {
        assert_ne!(
            EmployeeId::from_external("1").as_uuid(),
            AssetId::from_external("1").as_uuid()
        );
    }

    #[test]
    fn parse_error_names_the_kind_and_input() {
        let err = "not-a-uuid".parse::<AssetId>().unwrap_err();
        assert_eq!(err.kind(), "asset");
        assert_eq!(err.input(), "not-a-uuid");
        assert!(
            err.to_string()
                .starts_with("invalid asset id \"not-a-uuid\"")
        );
    }
}
