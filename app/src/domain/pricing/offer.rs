//! What a plan offers a new customer: a paid subscription, a free trial, or the choice of either.
use serde::{Deserialize, Serialize};

use crate::domain::DomainError;

/// How a plan can be started.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Offer {
    /// Only paid: no trial days.
    Paid,
    /// Only a free trial: no period has a price.
    Trial,
    /// The customer chooses between paying now and a free trial.
    PaidOrTrial,
}

impl Offer {
    /// The offer of a plan with `trial_days` of trial whose periods carry a price (`priced`).
    pub const fn of(trial_days: i64, priced: bool) -> Offer {
        match (trial_days > 0, priced) {
            (true, true) => Offer::PaidOrTrial,
            (true, false) => Offer::Trial,
            (false, _) => Offer::Paid,
        }
    }

    /// Whether the order is a trial, from the customer's `choice` (`"trial"`, `"paid"` or empty).
    /// Empty means the plan's only option, or paying when the plan offers both.
    pub fn is_trial(self, choice: &str) -> Result<bool, DomainError> {
        match (self, choice.trim()) {
            (Offer::Trial, "" | "trial") => Ok(true),
            (Offer::Paid, "" | "paid") => Ok(false),
            (Offer::PaidOrTrial, "trial") => Ok(true),
            (Offer::PaidOrTrial, "" | "paid") => Ok(false),
            (Offer::Trial, "paid") => Err(DomainError::invalid(
                "This plan is a free trial only; it cannot be bought.",
            )),
            (Offer::Paid, "trial") => {
                Err(DomainError::invalid("This plan has no free trial."))
            }
            (_, other) => Err(DomainError::invalid(format!(
                "\u{201c}{other}\u{201d} is not a way to start a plan; choose \u{201c}paid\u{201d} or \u{201c}trial\u{201d}."
            ))),
        }
    }

    /// Whether the customer is offered a trial at all.
    pub const fn has_trial(self) -> bool {
        matches!(self, Offer::Trial | Offer::PaidOrTrial)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offers_follow_trial_days_and_prices() {
        assert_eq!(Offer::of(0, true), Offer::Paid);
        assert_eq!(Offer::of(0, false), Offer::Paid);
        assert_eq!(Offer::of(30, false), Offer::Trial);
        assert_eq!(Offer::of(30, true), Offer::PaidOrTrial);
        assert!(Offer::Trial.has_trial() && Offer::PaidOrTrial.has_trial());
        assert!(!Offer::Paid.has_trial());
    }

    #[test]
    fn the_choice_defaults_to_the_only_option_or_paying() {
        assert_eq!(Offer::Trial.is_trial(""), Ok(true));
        assert_eq!(Offer::Paid.is_trial(""), Ok(false));
        assert_eq!(Offer::PaidOrTrial.is_trial(""), Ok(false));
        assert_eq!(Offer::PaidOrTrial.is_trial(" trial "), Ok(true));
        assert_eq!(Offer::PaidOrTrial.is_trial("paid"), Ok(false));
    }

    #[test]
    fn impossible_choices_are_refused_clearly() {
        assert_eq!(
            Offer::Paid.is_trial("trial").unwrap_err().to_string(),
            "This plan has no free trial."
        );
        assert!(Offer::Trial
            .is_trial("paid")
            .unwrap_err()
            .to_string()
            .contains("free trial only"));
        assert!(Offer::PaidOrTrial
            .is_trial("free")
            .unwrap_err()
            .to_string()
            .contains("\u{201c}free\u{201d}"));
    }
}
