//! [`Inputs`]: what the equipment audit reads.

use remit_core::Workforce;

use crate::fleet::Fleet;
use crate::kit::{KitPolicy, KitPrices, StandardKit};

/// The empty price list: every gap unpriced.
static NO_PRICES: KitPrices = KitPrices::new();

/// What [`audit`](crate::audit) reads, all borrowed: the people (through the caller's
/// [`Workforce`]), the equipment (any [`Fleet`]: a `Vec` of
/// [`TrackedAsset`](crate::TrackedAsset)s, or the caller's own storage behind the port),
/// the kit policy that says what each person should hold ([`StandardKit`] unless set),
/// and the prices that cost the gaps (none unless set).
///
/// The roster and the fleet are read as they are: an employee or an asset listed twice
/// is an error of [`audit`](crate::audit), and nothing is copied.
///
/// ```
/// use remit_assets::kit::{KitPolicy, KitList, KitPrices};
/// use remit_assets::{Category, Inputs, TrackedAsset};
/// use remit_core::{Currency, Employee, Money, Roster};
/// use rust_decimal::Decimal;
///
/// /// Everyone gets a laptop, nothing else.
/// struct LaptopOnly;
/// impl KitPolicy for LaptopOnly {
///     fn required(&self, _: &Employee) -> KitList {
///         KitList::of(&[Category::Laptop])
///     }
/// }
///
/// let roster = Roster::new(Vec::new())?;
/// let fleet: Vec<TrackedAsset> = Vec::new();
/// let prices = KitPrices::new().with(Category::Laptop, Money::new(Decimal::from(1200), Currency::new("EUR")?))?;
/// let inputs = Inputs::new(&roster, &fleet)
///     .with_kit_policy(&LaptopOnly)
///     .with_prices(&prices);
/// # let _ = inputs;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Inputs<'a, W: Workforce + ?Sized, F: Fleet + ?Sized> {
    workforce: &'a W,
    fleet: &'a F,
    policy: &'a dyn KitPolicy,
    prices: &'a KitPrices,
}

impl<'a, W: Workforce + ?Sized, F: Fleet + ?Sized> Inputs<'a, W, F> {
    /// The people and the fleet, with the [`StandardKit`] policy and no prices.
    pub fn new(workforce: &'a W, fleet: &'a F) -> Self {
        Self {
            workforce,
            fleet,
            policy: &StandardKit,
            prices: &NO_PRICES,
        }
    }

    /// The kit policy: what each employee should hold.
    #[must_use]
    pub fn with_kit_policy(mut self, policy: &'a dyn KitPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// The prices that cost the kit gaps (per category, optionally per country).
    #[must_use]
    pub fn with_prices(mut self, prices: &'a KitPrices) -> Self {
        self.prices = prices;
        self
    }

    /// The people the audit covers, through the [`Workforce`](remit_core::Workforce) port.
    pub fn workforce(&self) -> &'a W {
        self.workforce
    }

    /// The equipment the audit covers, through the [`Fleet`](crate::Fleet) port.
    pub fn fleet(&self) -> &'a F {
        self.fleet
    }

    /// The policy that says which kit each employee needs ([`StandardKit`](crate::StandardKit)
    /// unless set).
    pub fn kit_policy(&self) -> &'a dyn KitPolicy {
        self.policy
    }

    /// The prices used to cost kit gaps, per category and country (none unless set with
    /// [`with_prices`](Self::with_prices)).
    pub fn prices(&self) -> &'a KitPrices {
        self.prices
    }
}
