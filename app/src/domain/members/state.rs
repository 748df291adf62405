//! A member's state and the one transition function every change of it goes through.
use serde::{Deserialize, Serialize};

use crate::domain::DomainError;

/// Whether a member may sign in; stored as `users.state`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberState {
    /// Signs in and counts against the licence.
    Active,
    /// Kept, with their role, but may not sign in and takes no seat.
    Deactivated,
    /// Gone from the tenant; the row stays for the records that name it.
    Removed,
}

/// A change an admin makes to a member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberChange {
    /// Stop them signing in, keeping the account.
    Deactivate,
    /// Let a deactivated member sign in again.
    Reactivate,
    /// Take them off the tenant.
    Remove,
}

/// What happened to a member or an invitation, as stored in `member_events.event`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberEvent {
    /// An invitation was sent.
    Invited,
    /// An invitation was sent again with a new link.
    InvitationResent,
    /// An invitation was taken back.
    InvitationRevoked,
    /// An invitation was accepted: the member is active.
    Joined,
    /// The member's role changed.
    RoleChanged,
    /// [`MemberChange::Deactivate`] applied.
    Deactivated,
    /// [`MemberChange::Reactivate`] applied.
    Reactivated,
    /// [`MemberChange::Remove`] applied.
    Removed,
}

impl MemberState {
    /// Stable identifier used in storage.
    pub const fn as_str(self) -> &'static str {
        match self {
            MemberState::Active => "active",
            MemberState::Deactivated => "deactivated",
            MemberState::Removed => "removed",
        }
    }

    /// The state `change` leads to and the event it records, or why it can't be made.
    pub fn apply(self, change: MemberChange) -> Result<(MemberState, MemberEvent), DomainError> {
        use MemberChange::*;
        use MemberState::*;
        match (self, change) {
            (Active, Deactivate) => Ok((Deactivated, MemberEvent::Deactivated)),
            (Deactivated, Reactivate) => Ok((Active, MemberEvent::Reactivated)),
            (Active | Deactivated, Remove) => Ok((Removed, MemberEvent::Removed)),
            (Deactivated, Deactivate) => {
                Err(DomainError::invalid("This user is already deactivated."))
            }
            (Active, Reactivate) => Err(DomainError::invalid("This user is already active.")),
            (Removed, _) => Err(DomainError::invalid("This user has been removed.")),
        }
    }

    /// Whether the member takes a seat of the licence.
    pub fn takes_a_seat(self) -> bool {
        self == MemberState::Active
    }
}

impl std::str::FromStr for MemberState {
    type Err = DomainError;

    /// Parses [`MemberState::as_str`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [
            MemberState::Active,
            MemberState::Deactivated,
            MemberState::Removed,
        ]
        .into_iter()
        .find(|m| m.as_str() == s)
        .ok_or_else(|| DomainError::invalid(format!("\"{s}\" is not a member state")))
    }
}

impl MemberEvent {
    /// Stable identifier used in storage.
    pub const fn as_str(self) -> &'static str {
        match self {
            MemberEvent::Invited => "invited",
            MemberEvent::InvitationResent => "invitation_resent",
            MemberEvent::InvitationRevoked => "invitation_revoked",
            MemberEvent::Joined => "joined",
            MemberEvent::RoleChanged => "role_changed",
            MemberEvent::Deactivated => "deactivated",
            MemberEvent::Reactivated => "reactivated",
            MemberEvent::Removed => "removed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pair_is_decided() {
        use MemberChange::*;
        use MemberState::*;
        let cases = [
            (Active, Deactivate, Some(Deactivated)),
            (Active, Reactivate, None),
            (Active, Remove, Some(Removed)),
            (Deactivated, Deactivate, None),
            (Deactivated, Reactivate, Some(Active)),
            (Deactivated, Remove, Some(Removed)),
            (Removed, Deactivate, None),
            (Removed, Reactivate, None),
            (Removed, Remove, None),
        ];
        for (from, change, to) in cases {
            assert_eq!(
                from.apply(change).ok().map(|(s, _)| s),
                to,
                "{from:?} {change:?}"
            );
        }
        assert_eq!(Active.apply(Remove).unwrap().1, MemberEvent::Removed);
    }

    #[test]
    fn stored_names_round_trip() {
        for s in [
            MemberState::Active,
            MemberState::Deactivated,
            MemberState::Removed,
        ] {
            assert_eq!(s.as_str().parse::<MemberState>(), Ok(s));
        }
        assert!("gone".parse::<MemberState>().is_err());
        assert!(MemberState::Active.takes_a_seat());
        assert!(!MemberState::Deactivated.takes_a_seat());
    }
}
