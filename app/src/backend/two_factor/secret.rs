//! The enrolment's secret: made at random, put into the app by a QR code (an `otpauth://` URI,
//! drawn on the server as SVG so it shows without JavaScript) or typed in base32, and the codes it
//! gives at each time step.
use chrono::{DateTime, Utc};
use sqlx::AnyPool;
use totp_rs::{Algorithm, Secret, TOTP};

use super::super::context::{encode_query, urlencode};
use super::super::one_time;
use crate::domain::two_factor::{candidate_steps, TwoFactorState, DIGITS, STEP_SECONDS};
use crate::error::{AppError, Result};

/// The name apps show above the code.
pub const ISSUER: &str = "Tenantry";

/// A new random secret of 160 bits (RFC 4226's recommendation), in base32.
pub fn new_secret() -> String {
    let bytes: [u8; 20] = rand::random();
    Secret::Raw(bytes.to_vec()).to_encoded().to_string()
}

/// The secret of the account's enrolment that awaits its first code.
pub async fn pending_secret(pool: &AnyPool, user_id: i64) -> Result<Option<String>> {
    secret_in_state(pool, user_id, TwoFactorState::Pending).await
}

/// The account's secret if its enrolment is in `state`.
pub async fn secret_in_state(
    pool: &AnyPool,
    user_id: i64,
    state: TwoFactorState,
) -> Result<Option<String>> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT secret FROM two_factor WHERE user_id = $1 AND state = $2")
            .bind(user_id)
            .bind(state)
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|(s,)| s))
}

/// What authenticator apps read from the QR code (Google's "Key Uri Format").
pub fn otpauth_uri(secret: &str, email: &str) -> String {
    let query = encode_query(&[
        ("secret", secret),
        ("issuer", ISSUER),
        ("algorithm", "SHA1"),
        ("digits", &DIGITS.to_string()),
        ("period", &STEP_SECONDS.to_string()),
    ]);
    format!("otpauth://totp/{ISSUER}:{}?{query}", urlencode(email))
}

/// The URI as a QR code, an inline `<svg>` element.
pub fn qr_svg(uri: &str) -> Result<String> {
    let code = qrcode::QrCode::new(uri.as_bytes()).map_err(|e| {
        tracing::error!(error = %e, "QR code not made");
        AppError::Internal
    })?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .build();
    // Inline in HTML the XML declaration before the element is not wanted.
    Ok(svg
        .find("<svg")
        .map(|at| svg[at..].to_string())
        .unwrap_or(svg))
}

fn totp(secret: &str) -> Result<TOTP> {
    let bytes = Secret::Encoded(secret.to_string())
        .to_bytes()
        .map_err(|e| {
            tracing::error!(error = ?e, "unreadable two-factor secret");
            AppError::Internal
        })?;
    TOTP::new(Algorithm::SHA1, DIGITS, 1, STEP_SECONDS as u64, bytes).map_err(|e| {
        tracing::error!(error = ?e, "unusable two-factor secret");
        AppError::Internal
    })
}

/// The time step near `now` whose code `code` is, if any (the current one or a neighbour).
pub fn matching_step(secret: &str, code: &str, now: DateTime<Utc>) -> Result<Option<i64>> {
    let totp = totp(secret)?;
    Ok(candidate_steps(now.timestamp()).into_iter().find(|step| {
        u64::try_from(step * STEP_SECONDS).is_ok_and(|at| one_time::same(&totp.generate(at), code))
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn codes_of_the_neighbouring_steps_match_and_others_do_not() {
        let secret = new_secret();
        let t = totp(&secret).expect("usable");
        let now = Utc.timestamp_opt(1_800_000_015, 0).single().expect("time");
        let step = now.timestamp() / STEP_SECONDS;
        let code_at = |s: i64| t.generate(u64::try_from(s * STEP_SECONDS).expect("positive"));
        for s in [step - 1, step, step + 1] {
            assert_eq!(
                matching_step(&secret, &code_at(s), now).expect("ok"),
                Some(s)
            );
        }
        for s in [step - 2, step + 2] {
            if ![step - 1, step, step + 1]
                .iter()
                .any(|n| code_at(*n) == code_at(s))
            {
                assert_eq!(matching_step(&secret, &code_at(s), now).expect("ok"), None);
            }
        }
    }

    #[test]
    fn the_uri_names_the_issuer_and_the_account() {
        let uri = otpauth_uri("JBSWY3DPEHPK3PXP", "ada+2fa@acme.example");
        assert_eq!(
            uri,
            "otpauth://totp/Tenantry:ada%2B2fa%40acme.example?secret=JBSWY3DPEHPK3PXP\
             &issuer=Tenantry&algorithm=SHA1&digits=6&period=30"
        );
        let svg = qr_svg(&uri).expect("drawn");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"), "{svg}");
    }
}
