//! The operator's setting "operators must use two-factor sign-in" (off until saved). An operator
//! may only turn it on with two-factor sign-in of their own, so nobody is locked out by it.
use sqlx::AnyPool;

use super::super::db::ts;
use super::super::state::AppState;
use super::is_enabled;
use crate::domain::two_factor::TwoFactorState;
use crate::error::{AppError, Result};
use crate::i18n::{tr, Locale};
use crate::wire::auth::UserView;

/// Whether operators must use two-factor sign-in.
pub async fn required_for_operators(pool: &AnyPool) -> Result<bool> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT required_for_operators FROM two_factor_settings WHERE id = 1")
            .fetch_optional(pool)
            .await?;
    Ok(row.is_some_and(|(on,)| on == 1))
}

/// Whether this operator must enrol before anything else: the setting is on and they have no
/// two-factor sign-in. One query, as it runs on every operator request.
pub async fn operator_must_enrol(pool: &AnyPool, user_id: i64) -> Result<bool> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM two_factor_settings s WHERE s.id = 1 AND s.required_for_operators = 1 \
         AND NOT EXISTS (SELECT 1 FROM two_factor t WHERE t.user_id = $1 AND t.state = $2)",
    )
    .bind(user_id)
    .bind(TwoFactorState::Enabled)
    .fetch_one(pool)
    .await?;
    Ok(n > 0)
}

/// Turns the requirement on or off; refused on for an operator without two-factor sign-in.
pub async fn set_required(
    st: &AppState,
    operator: &UserView,
    required: bool,
    locale: Locale,
) -> Result<()> {
    if required && !is_enabled(&st.pool, operator.id).await? {
        return Err(AppError::Invalid(tr(
            locale,
            "two-factor-error-require-self",
        )));
    }
    sqlx::query(
        "INSERT INTO two_factor_settings (id, required_for_operators, updated_at, updated_by) \
         VALUES (1, $1, $2, $3) ON CONFLICT (id) DO UPDATE SET \
         required_for_operators = excluded.required_for_operators, \
         updated_at = excluded.updated_at, updated_by = excluded.updated_by",
    )
    .bind(i64::from(required))
    .bind(ts(st.now()))
    .bind(&operator.email)
    .execute(&st.pool)
    .await?;
    Ok(())
}
