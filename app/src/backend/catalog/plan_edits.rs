//! Where a price edit lands: the plan version itself while nobody ordered it, else a new version.

use sqlx::AnyConnection;

use crate::domain::Currency;
use crate::error::{AppError, Result};

/// Whether a plan version has ever been ordered or subscribed to.
pub(crate) async fn in_use(conn: &mut AnyConnection, plan_id: i64) -> Result<bool> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM subscriptions WHERE plan_id = $1) + (SELECT COUNT(*) FROM orders WHERE plan_id = $1)",
    )
    .bind(plan_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}

/// A plan version that may still be edited (it exists and is not retired), with its currency.
pub(crate) async fn editable(conn: &mut AnyConnection, plan_id: i64) -> Result<Currency> {
    let (currency, status): (String, String) =
        sqlx::query_as("SELECT currency, status FROM plans WHERE id = $1")
            .bind(plan_id)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or(AppError::NotFound)?;
    if status == "retired" {
        return Err(AppError::Conflict(
            "This version is retired; edit the current version.".into(),
        ));
    }
    Ok(Currency::parse(&currency)?)
}

/// Where an edit that changes what customers pay lands: the version itself while nobody has
/// ordered it, otherwise a fresh copy under the same code (the old version is retired). Call
/// inside the transaction that then makes the edit, after validating the input.
pub(crate) async fn version_for_price_edit(conn: &mut AnyConnection, plan_id: i64) -> Result<i64> {
    editable(conn, plan_id).await?;
    if in_use(conn, plan_id).await? {
        super::plan_versions::new_version(conn, plan_id).await
    } else {
        Ok(plan_id)
    }
}
