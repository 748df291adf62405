//! A tenant's members and invitations as the portal's Users page sees them.
use serde::{Deserialize, Serialize};

use crate::domain::members::{MemberState, Seats};
use crate::domain::Role;

/// Everything the Users page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembersView {
    /// The licence as counted now.
    pub seats: Seats,
    /// One page of the members, active first, then by name.
    pub members: Vec<MemberView>,
    /// The page shown (1-based).
    pub page: u32,
    /// How many pages of members there are.
    pub pages: u32,
    /// Open invitations (not accepted or revoked), newest first; expired ones say so.
    pub invitations: Vec<InvitationView>,
    /// The signed-in admin's own id (the page offers no actions on oneself but the role).
    pub me: i64,
    /// Where "add users" goes: the subscription page previewing one more extra user.
    pub add_users_url: String,
}

/// One member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    /// User id.
    pub id: i64,
    /// Login email.
    pub email: String,
    /// Display name.
    pub full_name: String,
    /// Role in this tenant.
    pub role: Role,
    /// Whether they may sign in.
    pub state: MemberState,
    /// Whether the instance's own database lists them (admins and users who are active).
    pub in_instance: bool,
}

/// One open invitation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    /// Invitation id.
    pub id: i64,
    /// Who is invited.
    pub email: String,
    /// The role they will have.
    pub role: Role,
    /// When it was sent, for people.
    pub sent: String,
    /// When its link stops working, for people.
    pub expires: String,
    /// Whether the link has expired (resend to renew it; it holds no seat).
    pub expired: bool,
}

/// What the invitation page shows before the invitee sets a password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationLanding {
    /// Who is invited.
    pub email: String,
    /// The tenant's company.
    pub company: String,
    /// The role they will have.
    pub role: Role,
}
