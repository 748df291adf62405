//! Tenants by state at each month's end, and trial cohorts, from the monthly sums.
use std::collections::HashMap;

use crate::backend::mrr::fold::MonthlySum;
use crate::domain::mrr::Month;
use crate::domain::TenantState;
use crate::wire::dashboard::{StateCount, StateMonth, TrialCohort};

/// The states the history shows: those a tenant can stay in.
pub const SHOWN: [TenantState; 6] = [
    TenantState::Trial,
    TenantState::Active,
    TenantState::PastDue,
    TenantState::Suspended,
    TenantState::Archived,
    TenantState::Provisioning,
];

/// Tenants per state at the end of each of `months`.
pub fn tenant_months(sums: &[MonthlySum], months: &[Month]) -> Vec<StateMonth> {
    let mut deltas: Vec<(Month, TenantState, i64)> = Vec::new();
    for s in sums.iter().filter(|s| s.series == "tenants") {
        if let (Ok(month), Ok(state)) = (Month::parse(&s.month), s.key.parse::<TenantState>()) {
            deltas.push((month, state, s.count));
        }
    }
    months
        .iter()
        .map(|&month| {
            let mut counts: HashMap<TenantState, i64> = HashMap::new();
            for (m, state, n) in &deltas {
                if *m <= month {
                    *counts.entry(*state).or_default() += n;
                }
            }
            StateMonth {
                month,
                counts: SHOWN
                    .iter()
                    .map(|&state| StateCount {
                        state,
                        count: counts.get(&state).copied().unwrap_or(0),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// The trials started in each of `months` and how many of them became paid.
pub fn trial_cohorts(sums: &[MonthlySum], months: &[Month]) -> Vec<TrialCohort> {
    months
        .iter()
        .map(|&month| {
            let of = |key: &str| {
                sums.iter()
                    .filter(|s| s.series == "trials" && s.key == key)
                    .filter(|s| Month::parse(&s.month).ok() == Some(month))
                    .map(|s| s.count)
                    .sum()
            };
            TrialCohort {
                month,
                started: of("started"),
                converted: of("converted"),
            }
        })
        .collect()
}
