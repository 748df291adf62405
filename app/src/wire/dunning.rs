//! A storefront's dunning schedule as the operator's form sends and shows it.
use serde::{Deserialize, Serialize};

/// The schedule's fields, as typed (checked by `domain::dunning::DunningSchedule::parse`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DunningForm {
    /// Days after a failed renewal on which the card is tried again: "1, 3, 5, 7".
    pub retry_days: String,
    /// Days before a trial or period ends on which the customer is reminded: "7, 3, 1".
    pub reminder_days: String,
    /// Days a past-due tenant keeps running.
    pub grace_days: u32,
    /// Days suspended before an unpaid tenant is archived.
    pub archive_after_days: u32,
    /// Days an archived tenant's data is kept.
    pub retention_days: u32,
}
