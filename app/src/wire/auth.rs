//! The signed-in user as pages see it.
use crate::domain::Role;
use serde::{Deserialize, Serialize};

/// A user as pages see them (never the password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserView {
    /// User id.
    pub id: i64,
    /// Login email.
    pub email: String,
    /// Display name.
    pub full_name: String,
    /// What the user may do.
    pub role: Role,
    /// The tenant of an admin or tenant user.
    pub tenant_id: Option<i64>,
}

/// What a correct password leads to.
///
/// Untagged, so an account without two-factor sign-in gets the [`UserView`] as before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum LoginStep {
    /// Logged in.
    LoggedIn(UserView),
    /// Not logged in yet: the session waits for a code on the page `second_factor`.
    SecondFactor {
        /// The page of the second step (`/login/two-factor`).
        second_factor: String,
    },
}
