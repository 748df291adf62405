//! A tenant's members: their states and the changes between them, the licence's seats and the
//! rule that a tenant always keeps an active admin. Pure rules; the backend applies them.
mod seats;
mod state;

pub use seats::{keeps_an_admin, member_role, Seats};
pub use state::{MemberChange, MemberEvent, MemberState};

/// How long an invitation's link stays valid.
pub const INVITATION_HOURS: i64 = 72;
