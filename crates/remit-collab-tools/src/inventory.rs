//! The tool inventory: what each tool is for, what it can do, how synchronous its core
//! use is, what its licence costs and who used it last when.
//!
//! ```
//! use chrono::NaiveDate;
//! use remit_collab_tools::inventory::{BillingPeriod, Capability, Category, Inventory, Licence, SyncLevel, Tool};
//! use remit_core::{Currency, EmployeeId, Money, ToolId};
//! use rust_decimal::Decimal;
//!
//! let usd = Currency::new("USD")?;
//! let licence = Licence::new(10, Money::new(Decimal::new(8, 0), usd), BillingPeriod::Monthly,
//!     NaiveDate::from_ymd_opt(2026, 3, 1).unwrap())?;
//! let chat = Tool::builder(ToolId::from_external("chat"), "TeamChat", Category::Chat)
//!     .sync_level(SyncLevel::Mixed)
//!     .enable([Capability::PersistentSearchableHistory, Capability::Threads, Capability::Sso])
//!     .licence(licence)
//!     .seat(EmployeeId::from_external("E-1"), Some(NaiveDate::from_ymd_opt(2025, 11, 20).unwrap()))
//!     .build()?;
//! assert_eq!(chat.licence().unwrap().annual_cost()?.to_string(), "960 USD");
//! let inventory = Inventory::new(vec![chat])?;
//! assert_eq!(inventory.tools().len(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashSet;
use std::fmt;

use chrono::NaiveDate;
use remit_core::{Currency, EmployeeId, Money, ToolId};
use rust_decimal::Decimal;

use crate::error::Error;

/// What a tool is mainly used for. Tools of one category can overlap (sprawl); tools of
/// different categories do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Category {
    /// Team chat (Slack, Teams chat, Mattermost).
    Chat,
    /// Video meetings (Zoom, Meet).
    Video,
    /// Documents (Google Docs, Word online).
    Docs,
    /// Wiki or handbook (Confluence, Notion, a handbook site).
    Wiki,
    /// Issue and project tracking (GitLab issues, Jira, Linear).
    Tracker,
    /// Visual whiteboards (Miro, MURAL).
    Whiteboard,
    /// Email clients and services (Outlook, Gmail).
    Email,
    /// Calendars and scheduling tools (Google Calendar, Calendly).
    Calendar,
    /// Async video and audio messages (Loom, Yac).
    AsyncVideo,
    /// File storage and sharing.
    Files,
    /// Anything else; never counted as sprawl.
    Other,
}

impl Category {
    /// Every category, in a fixed order.
    pub const ALL: [Category; 11] = [
        Category::Chat,
        Category::Video,
        Category::Docs,
        Category::Wiki,
        Category::Tracker,
        Category::Whiteboard,
        Category::Email,
        Category::Calendar,
        Category::AsyncVideo,
        Category::Files,
        Category::Other,
    ];

    /// The category's lower-case name for reports and findings (e.g. `"chat"`, `"async
    /// video"`).
    pub const fn label(self) -> &'static str {
        match self {
            Category::Chat => "chat",
            Category::Video => "video",
            Category::Docs => "docs",
            Category::Wiki => "wiki",
            Category::Tracker => "tracker",
            Category::Whiteboard => "whiteboard",
            Category::Email => "email",
            Category::Calendar => "calendar",
            Category::AsyncVideo => "async video",
            Category::Files => "files",
            Category::Other => "other",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A documented capability a tool has (enabled) or could have (available on its plan).
///
/// The first eleven matter for asynchronous work (see [`crate::rubric`]); the last six
/// are controls a security team checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Capability {
    /// Messages and documents are kept and can be searched later.
    PersistentSearchableHistory,
    /// Replies are grouped in threads under the message they answer.
    Threads,
    /// Meetings or messages can be recorded as video or audio for later viewing.
    AsyncVideo,
    /// Spoken content is transcribed to text.
    Transcripts,
    /// Comments and suggestions on content, resolved asynchronously.
    CommentsAndSuggestions,
    /// Earlier versions can be viewed and compared.
    VersionHistory,
    /// A message can be written now and delivered in the recipient's working hours.
    ScheduledSend,
    /// Notification schedules and do-not-disturb.
    NotificationControls,
    /// A status showing availability and working hours.
    Status,
    /// Works offline and syncs later.
    Offline,
    /// An API or integrations, so work can link to one source of truth.
    ApiIntegrations,
    /// Single sign-on through the company identity provider.
    Sso,
    /// SCIM user provisioning and deprovisioning.
    Scim,
    /// Multi-factor authentication enforced for every user.
    EnforcedMfa,
    /// An audit log of administrative and access events.
    AuditLog,
    /// Configurable retention (for example chat that expires after 90 days).
    RetentionControls,
    /// Data stored in a chosen region.
    DataResidency,
}

impl Capability {
    /// Every capability, in a fixed order.
    pub const ALL: [Capability; 17] = [
        Capability::PersistentSearchableHistory,
        Capability::Threads,
        Capability::AsyncVideo,
        Capability::Transcripts,
        Capability::CommentsAndSuggestions,
        Capability::VersionHistory,
        Capability::ScheduledSend,
        Capability::NotificationControls,
        Capability::Status,
        Capability::Offline,
        Capability::ApiIntegrations,
        Capability::Sso,
        Capability::Scim,
        Capability::EnforcedMfa,
        Capability::AuditLog,
        Capability::RetentionControls,
        Capability::DataResidency,
    ];

    /// The four controls whose absence marks a shadow-IT risk.
    pub const SECURITY_CONTROLS: [Capability; 4] = [
        Capability::Sso,
        Capability::Scim,
        Capability::EnforcedMfa,
        Capability::AuditLog,
    ];

    /// The capability's lower-case name for reports and findings (e.g. `"persistent
    /// searchable history"`).
    pub const fn label(self) -> &'static str {
        match self {
            Capability::PersistentSearchableHistory => "persistent searchable history",
            Capability::Threads => "threads",
            Capability::AsyncVideo => "async video/recording",
            Capability::Transcripts => "transcripts",
            Capability::CommentsAndSuggestions => "comments and suggestions",
            Capability::VersionHistory => "version history",
            Capability::ScheduledSend => "scheduled send",
            Capability::NotificationControls => "notification and do-not-disturb controls",
            Capability::Status => "status",
            Capability::Offline => "offline",
            Capability::ApiIntegrations => "API/integrations",
            Capability::Sso => "SSO",
            Capability::Scim => "SCIM",
            Capability::EnforcedMfa => "enforced MFA",
            Capability::AuditLog => "audit log",
            Capability::RetentionControls => "retention controls",
            Capability::DataResidency => "data residency",
        }
    }

    const fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

impl fmt::Display for Capability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A set of [`Capability`] values. Serialised as a bit set, bit `i` for the `i`-th
/// capability of [`Capability::ALL`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "u32", into = "u32"))]
pub struct CapabilitySet(u32);

impl TryFrom<u32> for CapabilitySet {
    type Error = Error;

    /// The set whose bits are `bits`, bit `i` for the `i`-th capability of
    /// [`Capability::ALL`].
    ///
    /// # Errors
    ///
    /// [`Error::InvalidConfig`] (record `capability set`, field `bits`) if a bit
    /// past the last capability is set.
    fn try_from(bits: u32) -> Result<Self, Error> {
        let all = CapabilitySet::new(Capability::ALL).0;
        if bits & !all != 0 {
            return Err(Error::InvalidConfig {
                record: "capability set",
                field: "bits",
                reason: format!(
                    "must be a set of the {} capabilities (bits 0 to {}), got {bits}",
                    Capability::ALL.len(),
                    Capability::ALL.len() - 1
                ),
            });
        }
        Ok(Self(bits))
    }
}

impl From<CapabilitySet> for u32 {
    /// The bit set, bit `i` for the `i`-th capability of [`Capability::ALL`].
    fn from(set: CapabilitySet) -> u32 {
        set.0
    }
}

impl CapabilitySet {
    /// The set with no capability (bits all 0).
    pub const EMPTY: CapabilitySet = CapabilitySet(0);

    /// The set of the given capabilities.
    pub fn new(caps: impl IntoIterator<Item = Capability>) -> Self {
        caps.into_iter().fold(Self::EMPTY, Self::with)
    }

    /// This set plus one capability.
    #[must_use]
    pub const fn with(self, cap: Capability) -> Self {
        CapabilitySet(self.0 | cap.bit())
    }

    /// This set without one capability.
    #[must_use]
    pub const fn without(self, cap: Capability) -> Self {
        CapabilitySet(self.0 & !cap.bit())
    }

    /// Whether the set holds `cap`.
    pub const fn contains(self, cap: Capability) -> bool {
        self.0 & cap.bit() != 0
    }

    /// The capabilities in `self`, in `other` or in both.
    #[must_use]
    pub const fn union(self, other: CapabilitySet) -> Self {
        CapabilitySet(self.0 | other.0)
    }

    /// The capabilities in both `self` and `other`.
    #[must_use]
    pub const fn intersection(self, other: CapabilitySet) -> Self {
        CapabilitySet(self.0 & other.0)
    }

    /// The number of capabilities.
    pub const fn len(self) -> u32 {
        self.0.count_ones()
    }

    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The capabilities, in [`Capability::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = Capability> {
        Capability::ALL
            .into_iter()
            .filter(move |c| self.contains(*c))
    }

    /// Jaccard similarity `|a ∩ b| / |a ∪ b|` (1 when both are empty).
    pub fn jaccard(self, other: CapabilitySet) -> f64 {
        let union = self.union(other).len();
        if union == 0 {
            1.0
        } else {
            f64::from(self.intersection(other).len()) / f64::from(union)
        }
    }
}

impl FromIterator<Capability> for CapabilitySet {
    fn from_iter<I: IntoIterator<Item = Capability>>(iter: I) -> Self {
        Self::new(iter)
    }
}

/// How synchronous a tool's core use is, from a written tracker (asynchronous) to a
/// live video call (synchronous). Media Synchronicity Theory's transmission velocity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum SyncLevel {
    /// Core use needs nobody else present (issues, docs, wiki).
    Asynchronous,
    /// Mostly asynchronous with occasional live use (email, async video).
    MostlyAsync,
    /// Used both ways (chat).
    #[default]
    Mixed,
    /// Mostly live (whiteboards used in workshops).
    MostlySync,
    /// Only works with everyone present (video calls).
    Synchronous,
}

impl SyncLevel {
    /// Every level, from asynchronous to synchronous.
    pub const ALL: [SyncLevel; 5] = [
        SyncLevel::Asynchronous,
        SyncLevel::MostlyAsync,
        SyncLevel::Mixed,
        SyncLevel::MostlySync,
        SyncLevel::Synchronous,
    ];

    /// 0 (asynchronous) to 4 (synchronous).
    pub const fn rank(self) -> u8 {
        self as u8
    }

    /// Whether core use is mostly or fully synchronous.
    pub const fn is_sync_heavy(self) -> bool {
        matches!(self, SyncLevel::MostlySync | SyncLevel::Synchronous)
    }

    /// The sync level's lower-case name for reports and findings (e.g. `"asynchronous"`).
    pub const fn label(self) -> &'static str {
        match self {
            SyncLevel::Asynchronous => "asynchronous",
            SyncLevel::MostlyAsync => "mostly asynchronous",
            SyncLevel::Mixed => "mixed",
            SyncLevel::MostlySync => "mostly synchronous",
            SyncLevel::Synchronous => "synchronous",
        }
    }
}

/// How often a licence's per-seat price is charged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum BillingPeriod {
    /// Per seat per month.
    Monthly,
    /// Per seat per year.
    Annual,
}

impl BillingPeriod {
    /// Billing periods in a year.
    pub const fn per_year(self) -> u32 {
        match self {
            BillingPeriod::Monthly => 12,
            BillingPeriod::Annual => 1,
        }
    }
}

/// A tool's licence: seats bought, price per seat and period, renewal date.
///
/// Invariant: the price is not negative. Deserialisation validates through
/// [`Licence::new`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "LicenceRepr", into = "LicenceRepr")
)]
pub struct Licence {
    seats: u32,
    price_per_seat: Money,
    billing: BillingPeriod,
    renewal: NaiveDate,
}

/// The serialised form of a [`Licence`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct LicenceRepr {
    seats: u32,
    price_per_seat: Money,
    billing: BillingPeriod,
    renewal: NaiveDate,
}

#[cfg(feature = "serde")]
impl TryFrom<LicenceRepr> for Licence {
    type Error = Error;
    fn try_from(r: LicenceRepr) -> Result<Self, Error> {
        Self::new(r.seats, r.price_per_seat, r.billing, r.renewal)
    }
}

#[cfg(feature = "serde")]
impl From<Licence> for LicenceRepr {
    fn from(l: Licence) -> Self {
        Self {
            seats: l.seats,
            price_per_seat: l.price_per_seat,
            billing: l.billing,
            renewal: l.renewal,
        }
    }
}

impl Licence {
    /// A licence of `seats` seats at `price_per_seat` per `billing` period, renewing on
    /// `renewal`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidConfig`] if the price is negative.
    pub fn new(
        seats: u32,
        price_per_seat: Money,
        billing: BillingPeriod,
        renewal: NaiveDate,
    ) -> Result<Self, Error> {
        if price_per_seat.is_negative() {
            return Err(Error::InvalidConfig {
                record: "licence",
                field: "price_per_seat",
                reason: format!("must not be negative, got {price_per_seat}"),
            });
        }
        Ok(Self {
            seats,
            price_per_seat,
            billing,
            renewal,
        })
    }

    /// The number of seats the licence pays for (assigned or not).
    pub fn seats(&self) -> u32 {
        self.seats
    }

    /// Price per seat per billing period.
    pub fn price_per_seat(&self) -> Money {
        self.price_per_seat
    }

    /// How often the price per seat is charged (monthly or annually).
    pub fn billing(&self) -> BillingPeriod {
        self.billing
    }

    /// The date the licence renews: the last day to drop seats before paying for
    /// another period.
    pub fn renewal(&self) -> NaiveDate {
        self.renewal
    }

    /// The currency the licence is priced in.
    pub fn currency(&self) -> Currency {
        self.price_per_seat.currency()
    }

    /// One seat for a year.
    ///
    /// # Errors
    ///
    /// [`Error::Money`] on decimal overflow.
    pub fn annual_seat_price(&self) -> Result<Money, Error> {
        self.price_per_seat
            .checked_mul(Decimal::from(self.billing.per_year()))
            .map_err(|source| Error::Money {
                context: "annual seat price".into(),
                source,
            })
    }

    /// All seats for a year (Zluri's "annualised cost").
    ///
    /// # Errors
    ///
    /// [`Error::Money`] on decimal overflow.
    pub fn annual_cost(&self) -> Result<Money, Error> {
        self.annual_seat_price()?
            .checked_mul(Decimal::from(self.seats))
            .map_err(|source| Error::Money {
                context: "annual licence cost".into(),
                source,
            })
    }
}

/// One assigned seat and the user's last activity in the tool (`None`: never used).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Seat {
    user: EmployeeId,
    last_active: Option<NaiveDate>,
}

impl Seat {
    /// A seat assigned to `user`, who last used the tool on `last_active` (`None`: never).
    pub const fn new(user: EmployeeId, last_active: Option<NaiveDate>) -> Self {
        Self { user, last_active }
    }

    /// The user holding it.
    pub fn user(&self) -> EmployeeId {
        self.user
    }

    /// The user's last activity, if any.
    pub fn last_active(&self) -> Option<NaiveDate> {
        self.last_active
    }

    /// Whether the user was active within `days` days before `as_of` (a last activity on
    /// or after `as_of − days`; later dates count as active).
    pub fn is_active(&self, as_of: NaiveDate, days: u32) -> bool {
        match (
            self.last_active,
            as_of.checked_sub_days(chrono::Days::new(u64::from(days))),
        ) {
            (Some(last), Some(cutoff)) => last >= cutoff,
            (Some(_), None) => true,
            (None, _) => false,
        }
    }
}

/// One tool in the inventory.
///
/// Invariants (checked by [`ToolBuilder::build`], and by deserialisation through the
/// same checks): a non-empty name; enabled capabilities are also available; no user
/// holds two seats; a licensed tool has no more assigned seats than it bought.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ToolRepr", into = "ToolRepr"))]
pub struct Tool {
    id: ToolId,
    name: String,
    category: Category,
    sync_level: SyncLevel,
    enabled: CapabilitySet,
    available: CapabilitySet,
    chat_retention_days: Option<u32>,
    licence: Option<Licence>,
    seats: Vec<Seat>,
}

/// The serialised form of a [`Tool`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct ToolRepr {
    id: ToolId,
    name: String,
    category: Category,
    sync_level: SyncLevel,
    enabled: CapabilitySet,
    available: CapabilitySet,
    chat_retention_days: Option<u32>,
    licence: Option<Licence>,
    seats: Vec<Seat>,
}

#[cfg(feature = "serde")]
impl TryFrom<ToolRepr> for Tool {
    type Error = Error;
    fn try_from(r: ToolRepr) -> Result<Self, Error> {
        Tool {
            id: r.id,
            name: r.name,
            category: r.category,
            sync_level: r.sync_level,
            enabled: r.enabled,
            available: r.available,
            chat_retention_days: r.chat_retention_days,
            licence: r.licence,
            seats: r.seats,
        }
        .validated()
    }
}

#[cfg(feature = "serde")]
impl From<Tool> for ToolRepr {
    fn from(t: Tool) -> Self {
        Self {
            id: t.id,
            name: t.name,
            category: t.category,
            sync_level: t.sync_level,
            enabled: t.enabled,
            available: t.available,
            chat_retention_days: t.chat_retention_days,
            licence: t.licence,
            seats: t.seats,
        }
    }
}

impl Tool {
    /// Starts a tool with its id, name and category.
    pub fn builder(id: ToolId, name: impl Into<String>, category: Category) -> ToolBuilder {
        ToolBuilder {
            tool: Tool {
                id,
                name: name.into(),
                category,
                sync_level: SyncLevel::default(),
                enabled: CapabilitySet::EMPTY,
                available: CapabilitySet::EMPTY,
                chat_retention_days: None,
                licence: None,
                seats: Vec::new(),
            },
        }
    }

    /// The tool's id (the caller's own id mapped by `ToolId::from_external`).
    pub fn id(&self) -> ToolId {
        self.id
    }

    /// The name reports show the tool by, as the caller gave it (never blank).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What the tool is mainly used for; sprawl is looked for within a category.
    pub fn category(&self) -> Category {
        self.category
    }

    /// How synchronous its core use is.
    pub fn sync_level(&self) -> SyncLevel {
        self.sync_level
    }

    /// The capabilities switched on in the organisation's configuration (a subset of those
    /// available).
    pub fn enabled(&self) -> CapabilitySet {
        self.enabled
    }

    /// Capabilities the current plan offers (a superset of [`enabled`](Self::enabled)).
    pub fn available(&self) -> CapabilitySet {
        self.available
    }

    /// How long messages are kept, in days, if the tool says (`None`: forever or unknown).
    pub fn chat_retention_days(&self) -> Option<u32> {
        self.chat_retention_days
    }

    /// The licence, if the tool is paid for.
    pub fn licence(&self) -> Option<&Licence> {
        self.licence.as_ref()
    }

    /// The assigned seats, one per seat holder, in the order given.
    pub fn seats(&self) -> &[Seat] {
        &self.seats
    }

    /// Seats whose user was active within `days` days before `as_of`.
    pub fn active_users(&self, as_of: NaiveDate, days: u32) -> impl Iterator<Item = EmployeeId> {
        self.seats
            .iter()
            .filter(move |s| s.is_active(as_of, days))
            .map(Seat::user)
    }
}

/// Builds a [`Tool`]; see [`Tool::builder`].
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until `build` is called"]
pub struct ToolBuilder {
    tool: Tool,
}

impl ToolBuilder {
    /// How synchronous core use is (default [`SyncLevel::Mixed`]).
    pub fn sync_level(mut self, level: SyncLevel) -> Self {
        self.tool.sync_level = level;
        self
    }

    /// Switches capabilities on (they are also available).
    pub fn enable(mut self, caps: impl IntoIterator<Item = Capability>) -> Self {
        let set = CapabilitySet::new(caps);
        self.tool.enabled = self.tool.enabled.union(set);
        self.tool.available = self.tool.available.union(set);
        self
    }

    /// Marks capabilities as available on the plan but not switched on.
    pub fn available(mut self, caps: impl IntoIterator<Item = Capability>) -> Self {
        self.tool.available = self.tool.available.union(CapabilitySet::new(caps));
        self
    }

    /// Message retention in days.
    pub fn chat_retention_days(mut self, days: u32) -> Self {
        self.tool.chat_retention_days = Some(days);
        self
    }

    /// Sets the paid licence: seats bought and their cost (default: none, a free or
    /// unmetered tool).
    pub fn licence(mut self, licence: Licence) -> Self {
        self.tool.licence = Some(licence);
        self
    }

    /// Assigns one seat to `user`, last active in the tool on `last_active` (`None`:
    /// never).
    pub fn seat(mut self, user: EmployeeId, last_active: Option<NaiveDate>) -> Self {
        self.tool.seats.push(Seat::new(user, last_active));
        self
    }

    /// Assigns many seats at once, appended to any already assigned.
    pub fn seats(mut self, seats: impl IntoIterator<Item = Seat>) -> Self {
        if self.tool.seats.is_empty() {
            // Collecting a `Vec`'s own iterator keeps its buffer: no copy of a million seats.
            self.tool.seats = seats.into_iter().collect();
        } else {
            self.tool.seats.extend(seats);
        }
        self
    }

    /// Checks the invariants.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidTool`] naming the field: an empty `name`, a user holding two
    /// `seats`, or more assigned `seats` than the licence bought.
    pub fn build(self) -> Result<Tool, Error> {
        self.tool.validated()
    }
}

impl Tool {
    /// The tool if it keeps the invariants (see [`ToolBuilder::build`]).
    fn validated(self) -> Result<Tool, Error> {
        let t = self;
        let err = |field, reason: String| Error::InvalidTool {
            tool: t.id,
            name: t.name.clone(),
            field,
            reason,
        };
        if t.name.trim().is_empty() {
            return Err(err("name", "must not be empty".into()));
        }
        if let Some(cap) = t.enabled.iter().find(|c| !t.available.contains(*c)) {
            return Err(err(
                "enabled",
                format!("{cap} is enabled but not available on the plan"),
            ));
        }
        if let Some(user) = remit_core::duplicates::first_duplicate(t.seats.iter().map(Seat::user))
        {
            return Err(err("seats", format!("user {user} holds two seats")));
        }
        if let Some(l) = &t.licence
            && t.seats.len() as u64 > u64::from(l.seats)
        {
            return Err(err(
                "seats",
                format!("{} assigned but the licence has {}", t.seats.len(), l.seats),
            ));
        }
        Ok(t)
    }
}

/// A validated list of tools: unique ids and one licence currency. Deserialisation
/// validates through [`Inventory::new`] (and each tool as [`ToolBuilder::build`] does).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "InventoryRepr", into = "InventoryRepr")
)]
pub struct Inventory {
    tools: Vec<Tool>,
}

/// The serialised form of an [`Inventory`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct InventoryRepr {
    tools: Vec<Tool>,
}

#[cfg(feature = "serde")]
impl TryFrom<InventoryRepr> for Inventory {
    type Error = Error;
    fn try_from(r: InventoryRepr) -> Result<Self, Error> {
        Self::new(r.tools)
    }
}

#[cfg(feature = "serde")]
impl From<Inventory> for InventoryRepr {
    fn from(i: Inventory) -> Self {
        Self { tools: i.tools }
    }
}

impl Inventory {
    /// Validates the list.
    ///
    /// # Errors
    ///
    /// [`Error::DuplicateTool`] if an id repeats; [`Error::InvalidTool`]
    /// (field `licence`) if licences are priced in more than one currency (convert with
    /// [`remit_core::ExchangeRate`] first).
    pub fn new(tools: Vec<Tool>) -> Result<Self, Error> {
        let mut ids = HashSet::with_capacity(tools.len());
        let mut currency: Option<Currency> = None;
        for t in &tools {
            if !ids.insert(t.id) {
                return Err(Error::DuplicateTool {
                    tool: t.id,
                    name: t.name.clone(),
                });
            }
            if let Some(l) = &t.licence {
                match currency {
                    None => currency = Some(l.currency()),
                    Some(c) if c != l.currency() => {
                        return Err(Error::InvalidTool {
                            tool: t.id,
                            name: t.name.clone(),
                            field: "licence",
                            reason: format!(
                                "priced in {} but the inventory is in {c}; convert first",
                                l.currency()
                            ),
                        });
                    }
                    Some(_) => {}
                }
            }
        }
        Ok(Self { tools })
    }

    /// The tools, in the order given.
    pub fn tools(&self) -> &[Tool] {
        &self.tools
    }

    /// The currency of the licences, if any tool is licensed.
    pub fn currency(&self) -> Option<Currency> {
        self.tools
            .iter()
            .find_map(|t| t.licence.as_ref().map(Licence::currency))
    }

    /// The tool with this id.
    pub fn tool(&self, id: ToolId) -> Option<&Tool> {
        self.tools.iter().find(|t| t.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd(x: i64) -> Money {
        Money::new(Decimal::new(x, 0), Currency::new("USD").unwrap())
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, d).unwrap()
    }

    #[test]
    fn capability_sets_compute_jaccard() {
        let a = CapabilitySet::new([Capability::Threads, Capability::Status]);
        let b = CapabilitySet::new([Capability::Threads, Capability::Sso]);
        assert!((a.jaccard(b) - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(CapabilitySet::EMPTY.jaccard(CapabilitySet::EMPTY), 1.0);
        assert_eq!(a.iter().count(), 2);
        assert!(!a.without(Capability::Threads).contains(Capability::Threads));
    }

    #[test]
    fn licences_annualise_and_reject_negative_prices() {
        let l = Licence::new(10, usd(8), BillingPeriod::Monthly, day(1)).unwrap();
        assert_eq!(l.annual_cost().unwrap(), usd(960));
        let a = Licence::new(3, usd(100), BillingPeriod::Annual, day(1)).unwrap();
        assert_eq!(a.annual_cost().unwrap(), usd(300));
        assert_eq!(
            Licence::new(1, usd(-1), BillingPeriod::Annual, day(1)),
            Err(Error::InvalidConfig {
                record: "licence",
                field: "price_per_seat",
                reason: "must not be negative, got -1 USD".into(),
            })
        );
    }

    #[test]
    fn seats_are_active_within_the_window() {
        let s = Seat::new(EmployeeId::from_external("a"), Some(day(1)));
        assert!(s.is_active(day(30), 60));
        assert!(s.is_active(day(30), 29));
        assert!(!s.is_active(day(30), 28));
        assert!(!Seat::new(EmployeeId::from_external("a"), None).is_active(day(30), 60));
    }

    /// Each refusal names the tool by the caller's own name as well as its id, and the
    /// field at fault.
    #[test]
    fn builder_and_inventory_validate() {
        let id = ToolId::from_external("x");
        let e = EmployeeId::from_external("e");
        assert_eq!(
            Tool::builder(id, " ", Category::Chat).build(),
            Err(Error::InvalidTool {
                tool: id,
                name: " ".into(),
                field: "name",
                reason: "must not be empty".into(),
            })
        );
        assert_eq!(
            Tool::builder(id, "Chatter", Category::Chat)
                .seat(e, None)
                .seat(e, None)
                .build(),
            Err(Error::InvalidTool {
                tool: id,
                name: "Chatter".into(),
                field: "seats",
                reason: format!("user {e} holds two seats"),
            })
        );
        let l = Licence::new(1, usd(1), BillingPeriod::Annual, day(1)).unwrap();
        let over = Tool::builder(id, "Chatter", Category::Chat)
            .licence(l)
            .seat(e, None)
            .seat(EmployeeId::from_external("f"), None)
            .build();
        assert_eq!(
            over,
            Err(Error::InvalidTool {
                tool: id,
                name: "Chatter".into(),
                field: "seats",
                reason: "2 assigned but the licence has 1".into(),
            })
        );
        let t = Tool::builder(id, "First", Category::Chat).build().unwrap();
        let again = Tool::builder(id, "Second", Category::Chat).build().unwrap();
        let err = Inventory::new(vec![t, again]).unwrap_err();
        assert_eq!(
            err,
            Error::DuplicateTool {
                tool: id,
                name: "Second".into(),
            }
        );
        assert!(err.to_string().contains("\"Second\""), "{err}");
        let eur = Licence::new(
            1,
            Money::new(Decimal::ONE, Currency::new("EUR").unwrap()),
            BillingPeriod::Annual,
            day(1),
        )
        .unwrap();
        let a = Tool::builder(id, "A", Category::Chat)
            .licence(l)
            .build()
            .unwrap();
        let b_id = ToolId::from_external("b");
        let b = Tool::builder(b_id, "Euro chat", Category::Chat)
            .licence(eur)
            .build()
            .unwrap();
        let err = Inventory::new(vec![a, b]).unwrap_err();
        assert!(matches!(
            &err,
            Error::InvalidTool { tool, name, field: "licence", .. }
                if *tool == b_id && name == "Euro chat"
        ));
        assert!(err.to_string().starts_with("tool \"Euro chat\" ("), "{err}");
    }

    #[test]
    fn enabling_makes_available() {
        let t = Tool::builder(ToolId::from_external("x"), "X", Category::Docs)
            .enable([Capability::VersionHistory])
            .available([Capability::Sso])
            .build()
            .unwrap();
        assert!(t.available().contains(Capability::VersionHistory));
        assert!(t.available().contains(Capability::Sso));
        assert!(!t.enabled().contains(Capability::Sso));
    }
}
