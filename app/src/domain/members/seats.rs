//! The licence's seats: active members and open invitations may not outnumber the licensed
//! users; and a tenant always keeps at least one active admin.
use serde::{Deserialize, Serialize};

use crate::domain::{DomainError, Role};

/// The licence of a tenant as counted at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seats {
    /// Users the subscription pays for (the plan's included ones and extra users bought).
    pub licensed: i64,
    /// Active members.
    pub active: i64,
    /// Invitations not accepted, revoked or expired.
    pub invited: i64,
}

impl Seats {
    /// Seats taken: active members and open invitations.
    pub fn taken(self) -> i64 {
        self.active + self.invited
    }

    /// Seats still free (never negative: a smaller plan can leave a tenant over its licence).
    pub fn free(self) -> i64 {
        (self.licensed - self.taken()).max(0)
    }

    /// Whether one more member or invitation fits, or why not.
    pub fn room_for_one(self) -> Result<(), DomainError> {
        if self.free() > 0 {
            Ok(())
        } else {
            Err(DomainError::invalid(format!(
                "All {} users of your licence are taken ({} active, {} invited). Add users to your subscription, or remove someone first.",
                self.licensed, self.active, self.invited
            )))
        }
    }
}

/// Whether a change leaves the tenant an active admin: `admins` is the number of active admins
/// now, `target_is_active_admin` whether the member changed is one of them, and `stays_admin`
/// whether they still will be (active, with the admin role) after the change.
pub fn keeps_an_admin(
    admins: i64,
    target_is_active_admin: bool,
    stays_admin: bool,
) -> Result<(), DomainError> {
    if target_is_active_admin && !stays_admin && admins <= 1 {
        Err(DomainError::invalid(
            "This is the last active admin: make someone else an admin first.",
        ))
    } else {
        Ok(())
    }
}

/// Whether `role` is one a member can be given.
pub fn member_role(role: Role) -> Result<Role, DomainError> {
    if role.is_member() {
        Ok(role)
    } else {
        Err(DomainError::invalid("Choose admin, billing or user."))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seats_count_members_and_invitations() {
        let s = Seats {
            licensed: 5,
            active: 2,
            invited: 2,
        };
        assert_eq!(s.taken(), 4);
        assert_eq!(s.free(), 1);
        assert!(s.room_for_one().is_ok());
        let full = Seats { invited: 3, ..s };
        assert!(full
            .room_for_one()
            .unwrap_err()
            .to_string()
            .contains("All 5 users"));
        let over = Seats {
            licensed: 2,
            active: 4,
            invited: 0,
        };
        assert_eq!(over.free(), 0);
    }

    #[test]
    fn the_last_admin_stays() {
        assert!(keeps_an_admin(1, true, false).is_err());
        assert!(keeps_an_admin(1, true, true).is_ok());
        assert!(keeps_an_admin(2, true, false).is_ok());
        assert!(keeps_an_admin(1, false, false).is_ok());
    }

    #[test]
    fn only_member_roles() {
        assert!(member_role(Role::TenantBilling).is_ok());
        assert!(member_role(Role::Operator).is_err());
        assert!(member_role(Role::Customer).is_err());
    }
}
