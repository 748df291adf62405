//! Which tax an invoice bills: the billing country's rate, or nothing under reverse charge.

use super::{format, VatId};
use crate::domain::DomainError;

/// The legal note printed on a reverse-charge invoice.
pub const REVERSE_CHARGE_NOTE: &str = "Reverse charge: VAT to be accounted for by the recipient, Art. 196 Council Directive 2006/112/EC";

/// The tax an order or invoice bills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaxTreatment {
    /// The rate billed, in basis points.
    pub basis_points: u32,
    /// Whether the customer accounts for the VAT (0 % billed, [`REVERSE_CHARGE_NOTE`] printed).
    pub reverse_charge: bool,
}

/// Whether a country (ISO 3166 code) is an EU member state.
pub fn is_eu(country: &str) -> bool {
    country != "EL" && format::rule(if country == "GR" { "EL" } else { country }).is_some()
}

/// The tax of a sale from a seller in `seller_country` to a customer billed in `billing_country`
/// (whose rate is `country_rate`) with an optional valid VAT ID: a business in another EU member
/// state than the seller's is billed 0 % under reverse charge; everyone else the country's rate.
/// The server bills with this and the configurator shows its price with it, so both agree.
pub fn tax_treatment(
    seller_country: &str,
    billing_country: &str,
    vat_id: Option<&VatId>,
    country_rate: u32,
) -> TaxTreatment {
    let reverse_charge = vat_id.is_some_and(|v| {
        is_eu(seller_country) && v.country() == billing_country && v.country() != seller_country
    });
    TaxTreatment {
        basis_points: if reverse_charge { 0 } else { country_rate },
        reverse_charge,
    }
}

impl VatId {
    /// Refuses a VAT ID of another member state than the billing country's.
    pub fn matching(self, billing_country: &str) -> Result<VatId, DomainError> {
        if self.country() == billing_country {
            Ok(self)
        } else {
            Err(DomainError::invalid(format!(
                "VAT ID {self} is from {}, but the billing country is {billing_country}: enter the VAT ID of the billed business or change the billing country.",
                self.country()
            )))
        }
    }
}
