//! Rehearsals: a copy of one tenant's subscription and customer that an operator runs forward in
//! time, to see the invoices, charges, mails and state changes billing would make. The rules
//! here say how far a move goes and at which moments the copy's billing runs on the way.

use chrono::{DateTime, Duration, Months, Utc};
use serde::{Deserialize, Serialize};

use super::names::stored_names;
use super::TenantState;

/// Rehearsals one tenant may have at once (each holds a copy of its records).
pub const MAX_PER_TENANT: i64 = 3;

/// How far "to the next event" looks ahead before it stops, in days.
pub const HORIZON_DAYS: i64 = 400;

/// How far a rehearsal may run from its start, in days (about five years).
pub const MAX_SPAN_DAYS: i64 = 1830;

/// How far the operator moves a rehearsal's clock in one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RehearsalStep {
    /// One day.
    Day,
    /// Seven days.
    Week,
    /// One calendar month.
    Month,
    /// Until billing does something (an invoice, a charge, a mail, a change of state), at most
    /// [`HORIZON_DAYS`] ahead.
    NextEvent,
}

impl RehearsalStep {
    /// Every step, in the order the page offers them.
    pub const ALL: [RehearsalStep; 4] = [
        RehearsalStep::Day,
        RehearsalStep::Week,
        RehearsalStep::Month,
        RehearsalStep::NextEvent,
    ];

    /// The stored (and form) name.
    pub fn as_str(self) -> &'static str {
        match self {
            RehearsalStep::Day => "day",
            RehearsalStep::Week => "week",
            RehearsalStep::Month => "month",
            RehearsalStep::NextEvent => "next_event",
        }
    }

    /// The button's words.
    pub fn label(self) -> &'static str {
        match self {
            RehearsalStep::Day => "+1 day",
            RehearsalStep::Week => "+1 week",
            RehearsalStep::Month => "+1 month",
            RehearsalStep::NextEvent => "To the next event",
        }
    }

    /// The latest time a move from `now` reaches. "To the next event" stops earlier, at the
    /// first moment billing does something.
    pub fn target(self, now: DateTime<Utc>) -> DateTime<Utc> {
        match self {
            RehearsalStep::Day => now + Duration::days(1),
            RehearsalStep::Week => now + Duration::days(7),
            RehearsalStep::Month => now
                .checked_add_months(Months::new(1))
                .unwrap_or(now + Duration::days(30)),
            RehearsalStep::NextEvent => now + Duration::days(HORIZON_DAYS),
        }
    }

    /// Whether the move stops at the first moment billing does something.
    pub fn stops_at_event(self) -> bool {
        self == RehearsalStep::NextEvent
    }
}

stored_names!(RehearsalStep, "rehearsal step");

/// Whether a tenant in `state` can be rehearsed: one with a subscription that billing moves on
/// (not one still being set up, failed, moving between servers or already deleted).
pub fn can_rehearse(state: TenantState) -> bool {
    matches!(
        state,
        TenantState::Trial
            | TenantState::Active
            | TenantState::PastDue
            | TenantState::Suspended
            | TenantState::Archived
    )
}

/// The next moment the copy's billing runs on the way from `now` to `target`: a day later at
/// most (so daily rules such as reminders and the grace period are met within a day), earlier
/// when a deadline (a period's end, a trial's end, a card retry) falls in between, so that it
/// happens at its own time; never past `target`. Deadlines at or before `now` are already due
/// and do not hold the clock back.
pub fn next_tick(
    now: DateTime<Utc>,
    target: DateTime<Utc>,
    deadlines: &[DateTime<Utc>],
) -> DateTime<Utc> {
    let mut next = (now + Duration::days(1)).min(target);
    for &d in deadlines {
        if d > now && d < next {
            next = d;
        }
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, day, hour, 0, 0).unwrap()
    }

    #[test]
    fn a_tick_is_a_day_at_most_and_never_past_the_target() {
        assert_eq!(next_tick(at(1, 12), at(20, 0), &[]), at(2, 12));
        assert_eq!(next_tick(at(1, 12), at(1, 18), &[]), at(1, 18));
    }

    #[test]
    fn a_tick_stops_at_a_deadline_in_between() {
        let deadlines = [at(1, 15), at(1, 13), at(9, 0)];
        assert_eq!(next_tick(at(1, 12), at(20, 0), &deadlines), at(1, 13));
    }

    #[test]
    fn deadlines_already_due_or_past_the_target_do_not_hold_the_clock() {
        let deadlines = [at(1, 12), at(1, 1), at(30, 0)];
        assert_eq!(next_tick(at(1, 12), at(1, 20), &deadlines), at(1, 20));
    }

    #[test]
    fn a_month_is_a_calendar_month() {
        let jan31 = Utc.with_ymd_and_hms(2026, 1, 31, 9, 0, 0).unwrap();
        let feb28 = Utc.with_ymd_and_hms(2026, 2, 28, 9, 0, 0).unwrap();
        assert_eq!(RehearsalStep::Month.target(jan31), feb28);
        assert_eq!(RehearsalStep::Week.target(at(1, 0)), at(8, 0));
        assert!(RehearsalStep::NextEvent.stops_at_event());
        assert!(!RehearsalStep::Month.stops_at_event());
    }

    #[test]
    fn step_names_round_trip() {
        for s in RehearsalStep::ALL {
            assert_eq!(s.as_str().parse::<RehearsalStep>(), Ok(s));
        }
        assert!("year".parse::<RehearsalStep>().is_err());
    }

    #[test]
    fn only_tenants_billing_moves_on_are_rehearsed() {
        assert!(can_rehearse(TenantState::Active));
        assert!(can_rehearse(TenantState::PastDue));
        assert!(!can_rehearse(TenantState::Provisioning));
        assert!(!can_rehearse(TenantState::Terminated));
        assert!(!can_rehearse(TenantState::Failed));
    }
}
