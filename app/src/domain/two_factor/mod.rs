//! Two-factor sign-in (TOTP, RFC 6238): the enrolment's state, the time steps a code may belong
//! to, and what a person typed at the second step (an app's code or a recovery code).
use serde::{Deserialize, Serialize};

use super::names::stored_names;
use super::DomainError;

/// Seconds per time step: what authenticator apps use by default.
pub const STEP_SECONDS: i64 = 30;
/// Digits of a code.
pub const DIGITS: usize = 6;
/// Recovery codes made at enrolment (and at each renewal).
pub const RECOVERY_CODES: usize = 10;
/// Letters and digits of a recovery code.
pub const RECOVERY_CODE_LEN: usize = 10;
/// How long after the right password the second step may be taken.
pub const PENDING_MINUTES: i64 = 5;

/// Where an account's two-factor sign-in stands; serialized as `"pending"` or `"enabled"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TwoFactorState {
    /// A secret was made and shown; no code has confirmed it yet, so login ignores it.
    Pending,
    /// Confirmed with a code: login asks for a code.
    Enabled,
}

impl TwoFactorState {
    /// All states.
    pub const ALL: [TwoFactorState; 2] = [TwoFactorState::Pending, TwoFactorState::Enabled];

    /// Stable identifier used in storage and on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            TwoFactorState::Pending => "pending",
            TwoFactorState::Enabled => "enabled",
        }
    }
}

stored_names!(TwoFactorState, "two-factor state");

/// The time step of a moment (unix seconds).
pub fn time_step(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(STEP_SECONDS)
}

/// The steps a code typed at `unix_seconds` may belong to, the current one first: one step
/// either side allows for a phone's clock being a little off and for typing slowly.
pub fn candidate_steps(unix_seconds: i64) -> [i64; 3] {
    let now = time_step(unix_seconds);
    [now, now - 1, now + 1]
}

/// What was typed at the second step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecondFactor {
    /// Six digits from the authenticator app.
    Code(String),
    /// A recovery code, normalised (lower case, no spaces or dashes).
    Recovery(String),
}

impl SecondFactor {
    /// Reads a code as typed: spaces and dashes are ignored, letters in either case.
    pub fn parse(typed: &str) -> Result<SecondFactor, DomainError> {
        let plain: String = typed
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        if plain.len() == DIGITS && plain.chars().all(|c| c.is_ascii_digit()) {
            Ok(SecondFactor::Code(plain))
        } else if plain.len() == RECOVERY_CODE_LEN
            && plain.chars().all(|c| c.is_ascii_alphanumeric())
        {
            Ok(SecondFactor::Recovery(plain.to_ascii_lowercase()))
        } else {
            Err(DomainError::invalid(
                "Enter the 6-digit code from your app or one of your recovery codes.",
            ))
        }
    }
}

/// A recovery code as shown: two groups of five, easier to copy by hand.
pub fn show_recovery_code(normalised: &str) -> String {
    let (a, b) = normalised.split_at(normalised.len().min(RECOVERY_CODE_LEN / 2));
    format!("{a}-{b}")
}

#[cfg(test)]
mod tests;
