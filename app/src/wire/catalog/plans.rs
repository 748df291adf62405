//! Plans and their versions as the operator edits them: the list, the editor's forms and detail.
use crate::domain::PlanStatus;
use serde::{Deserialize, Serialize};

/// Something an operator picks from a list (a product, resource or add-on).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// Row id.
    pub id: i64,
    /// Code.
    pub code: String,
    /// Display name.
    pub name: String,
}

/// One billing period's prices as decimals ("49.00").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminPeriodView {
    /// Period length.
    pub months: i64,
    /// Setup fee.
    pub setup: String,
    /// First-period price.
    pub recurring: String,
    /// Renewal price.
    pub renewal: String,
}

/// A plan version as the operator sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminPlanView {
    /// Plan id (one per version).
    pub id: i64,
    /// Code; retired versions read `<code>@v<n>`.
    pub code: String,
    /// Name.
    pub name: String,
    /// Version number.
    pub version: i64,
    /// Whether it is on sale.
    pub status: PlanStatus,
    /// Currency.
    pub currency: String,
    /// Live subscriptions bound to this version.
    pub subscribers: i64,
    /// Its priced periods.
    pub periods: Vec<AdminPeriodView>,
}

/// A new plan as typed by the operator; it starts as a draft.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPlanForm {
    /// Code used in URLs.
    pub code: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Product code.
    pub product: String,
    /// Currency (fixed for the plan's life).
    pub currency: String,
    /// Users included.
    pub included_users: i64,
    /// Trial length in days (0: no trial).
    pub trial_days: i64,
    /// suspend or archive.
    pub trial_end_action: String,
}

/// A version's name, description and terms.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanTermsForm {
    /// Name (changes in place).
    pub name: String,
    /// Description (changes in place).
    pub description: String,
    /// Users included.
    pub included_users: i64,
    /// Trial length in days (0: no trial).
    pub trial_days: i64,
    /// suspend or archive.
    pub trial_end_action: String,
}

/// A resource rate as typed by the operator.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateForm {
    /// Resource code.
    pub resource: String,
    /// Units included in the price.
    pub included: i64,
    /// Most units a subscription may have.
    pub hard_limit: i64,
    /// One-off fee per extra unit ("0.00").
    pub setup: String,
    /// Monthly fee per extra unit.
    pub recurring: String,
    /// Price per unit used beyond what was bought.
    pub overage: String,
}

/// One resource rate of a plan version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminRateView {
    /// Resource code.
    pub resource: String,
    /// Resource name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// Units included.
    pub included: i64,
    /// Hard limit.
    pub hard_limit: i64,
    /// Setup fee per unit.
    pub setup: String,
    /// Monthly fee per unit.
    pub recurring: String,
    /// Overage per unit.
    pub overage: String,
}

/// An add-on sold with a plan version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminPlanAddonView {
    /// Add-on id.
    pub id: i64,
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Setup fee.
    pub setup: String,
    /// Monthly price per unit.
    pub recurring: String,
    /// Most one order may take.
    pub max_quantity: i64,
}

/// Everything about one plan version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminPlanDetail {
    /// Id of this version.
    pub id: i64,
    /// Code (`<code>@v<n>` once retired).
    pub code: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Product name.
    pub product: String,
    /// Currency.
    pub currency: String,
    /// Version number.
    pub version: i64,
    /// Whether it is on sale.
    pub status: PlanStatus,
    /// Users included.
    pub included_users: i64,
    /// Trial days (0: no trial).
    pub trial_days: i64,
    /// suspend or archive.
    pub trial_end_action: String,
    /// Whether it has orders or subscribers (price edits then make a new version).
    pub in_use: bool,
    /// Live subscriptions.
    pub subscribers: i64,
    /// The version now sold under the same code, if any.
    pub current_id: Option<i64>,
    /// Priced periods.
    pub periods: Vec<AdminPeriodView>,
    /// Resource rates.
    pub rates: Vec<AdminRateView>,
    /// Add-ons sold with it.
    pub addons: Vec<AdminPlanAddonView>,
    /// Every resource (for the rate form).
    pub resources: Vec<Choice>,
    /// Add-ons in its currency not yet attached.
    pub addable_addons: Vec<Choice>,
    /// Names of the storefronts publishing it.
    pub storefronts: Vec<String>,
}
