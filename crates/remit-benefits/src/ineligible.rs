//! Enrolments outside a benefit's eligibility rule: employees who receive a benefit the
//! catalogue says they should not have (valued anyway: the employer pays for them).

use remit_core::BenefitId;
use remit_core::disclosure::{Disclosed, Disclosure, Population};

use crate::catalogue::Catalogue;
use crate::cells::{by_key, release};
use crate::error::Error;
use crate::valuation::Valuations;

/// The employees enrolled in one benefit outside its eligibility rule, as the
/// disclosure engine released that group.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct IneligibleEnrolments {
    benefit: BenefitId,
    name: String,
    employees: Disclosed<u64>,
}

impl IneligibleEnrolments {
    /// The benefit with enrolments outside its eligibility rule.
    pub fn benefit(&self) -> BenefitId {
        self.benefit
    }
    /// The benefit's display name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// How many employees receive it outside its rule (at least one), or why the count
    /// is withheld.
    pub fn employees(&self) -> Disclosed<u64> {
        self.employees
    }
}

/// One entry per benefit with at least one enrolment outside its rule, in catalogue
/// order; each group is released through the engine (population
/// [`VALUED`](crate::VALUED)).
pub(crate) fn ineligible_enrolments(
    catalogue: &Catalogue,
    valuations: &Valuations,
    disclosure: &mut Disclosure,
    population: &Population,
) -> Result<Vec<IneligibleEnrolments>, Error> {
    let groups = by_key(
        valuations
            .ineligible()
            .iter()
            .map(|&(position, row)| (row, position)),
    );
    let mut out = Vec::with_capacity(groups.len());
    for (position, rows) in &groups {
        let Some(benefit) = catalogue.benefits().get(usize::from(*position)) else {
            continue;
        };
        let decision = release(disclosure, population, rows)?;
        out.push(IneligibleEnrolments {
            benefit: benefit.id(),
            name: benefit.name().to_owned(),
            employees: decision.disclose(rows.len() as u64),
        });
    }
    Ok(out)
}
