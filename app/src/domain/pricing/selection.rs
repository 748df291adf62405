//! What a customer picked in the configurator, and its validation against a plan.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::PricedPlan;
use crate::domain::DomainError;

/// What a customer picked in the configurator.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Selection {
    /// Chosen billing period length in months.
    pub period_months: u32,
    /// Chosen add-ons as `(code, quantity)`; each code at most once, quantity at least 1.
    pub addons: Vec<(String, u32)>,
    /// Extra resource units as `(code, extra units)`; each code at most once, at least 1.
    pub extra_resources: Vec<(String, u32)>,
}

/// Validates the selected add-ons and returns their quantities by code.
pub(super) fn selected_addons<'a>(
    plan: &PricedPlan,
    selected: &'a [(String, u32)],
) -> Result<HashMap<&'a str, u32>, DomainError> {
    let mut chosen = HashMap::new();
    for (code, qty) in selected {
        let addon = plan
            .addons
            .iter()
            .find(|a| &a.code == code)
            .filter(|a| a.max_quantity > 0)
            .ok_or_else(|| {
                DomainError::invalid(format!("The add-on \"{code}\" is not sold with this plan"))
            })?;
        if *qty == 0 {
            return Err(DomainError::invalid(format!(
                "Choose at least 1 of the add-on \"{}\"",
                addon.name
            )));
        }
        if *qty > addon.max_quantity {
            return Err(DomainError::invalid(format!(
                "You can order at most {} of the add-on \"{}\"",
                addon.max_quantity, addon.name
            )));
        }
        if chosen.insert(code.as_str(), *qty).is_some() {
            return Err(DomainError::invalid(format!(
                "The add-on \"{}\" was selected more than once",
                addon.name
            )));
        }
    }
    Ok(chosen)
}

/// Validates the selected extra resource units and returns them by code.
pub(super) fn selected_resources<'a>(
    plan: &PricedPlan,
    selected: &'a [(String, u32)],
) -> Result<HashMap<&'a str, u32>, DomainError> {
    let mut chosen = HashMap::new();
    for (code, qty) in selected {
        let rate = plan
            .resources
            .iter()
            .find(|r| &r.code == code)
            .ok_or_else(|| {
                DomainError::invalid(format!("Extra \"{code}\" cannot be ordered with this plan"))
            })?;
        if rate.max_extra == 0 {
            return Err(DomainError::invalid(format!(
                "This plan does not sell extra {}",
                rate.name
            )));
        }
        if *qty == 0 {
            return Err(DomainError::invalid(format!(
                "The number of extra {} must be at least 1",
                rate.name
            )));
        }
        if *qty > rate.max_extra {
            return Err(DomainError::invalid(format!(
                "You can order at most {} extra {}",
                rate.max_extra, rate.name
            )));
        }
        if chosen.insert(code.as_str(), *qty).is_some() {
            return Err(DomainError::invalid(format!(
                "Extra {} were selected more than once",
                rate.name
            )));
        }
    }
    Ok(chosen)
}
