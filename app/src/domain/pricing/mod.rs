//! Plan pricing shared by the configurator (browser) and the invoicer (server):
//! billing periods, quotes with tax, trial quotes, discounts, metered overage and proration.
//!
//! Every amount is computed with checked integer arithmetic in minor units, so the
//! browser and the server always arrive at exactly the same figures.

mod advert;
mod arith;
mod change;
mod discount;
mod offer;
mod plan;
mod prorate;
mod quote;
mod selection;
mod tax;

pub use advert::{adverts, PeriodAdvert};
pub use change::{
    change_quote, draw_credit, renewal_quote, renewal_with_credit, ChangeQuote, PaidPeriod,
    PeriodPosition,
};
pub use discount::{discounted, Discount};
pub use offer::Offer;
pub use plan::{AddonPrice, BillingPeriod, PeriodPrice, PricedPlan, ResourceRate};
pub use prorate::prorate;
pub use quote::{quote, trial_quote, LineKind, Quote, QuoteLine};
pub use selection::Selection;
pub use tax::{percent_label, tax_on, MAX_TAX_RATE_BASIS_POINTS};

#[cfg(test)]
mod tests;
