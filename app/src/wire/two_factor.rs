//! Two-factor sign-in as the account's pages see it.
use serde::{Deserialize, Serialize};

use crate::domain::two_factor::TwoFactorState;

/// The account's two-factor sign-in and, for an operator, the platform's requirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoFactorView {
    /// None: never started (or turned off).
    pub state: Option<TwoFactorState>,
    /// While enrolment is pending: what to put into the app. Never sent once enabled.
    pub enrolment: Option<Enrolment>,
    /// Unused recovery codes.
    pub recovery_codes_left: i64,
    /// Codes made by the last confirmation or renewal of a plain form post, shown once.
    pub fresh_codes: Vec<String>,
    /// Whether the viewer is the operator (who may change the requirement).
    pub is_operator: bool,
    /// Whether operators must use two-factor sign-in.
    pub required_for_operators: bool,
}

/// A pending enrolment's secret, to scan or to type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrolment {
    /// The secret in base32, for typing into the app.
    pub secret: String,
    /// The `otpauth://` URI the QR code holds.
    pub uri: String,
    /// The QR code as an inline SVG document, drawn on the server.
    pub qr_svg: String,
}
