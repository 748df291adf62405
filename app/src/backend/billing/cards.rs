//! The customer's cards, managed from the portal: add one (through the card gateway, which keeps
//! the number; only brand, last four digits and expiry are stored), make one the default that
//! renewals charge, remove one. The last card of a subscription that renews by card goes only
//! when the admin says renewals are to be paid by bank transfer from now on.
use super::customer_of;
use crate::backend::db::{begin, ts};
use crate::backend::orders::validate;
use crate::backend::payments::{self, save_method};
use crate::backend::state::AppState;
use crate::domain::payment::PaymentGateway;
use crate::error::{AppError, Result};
use crate::wire::billing::CardForm;

/// Takes the customer's row lock for the rest of the transaction: card changes of one customer
/// take turns, so two removals at once can't both take the last two cards.
async fn lock_customer(conn: &mut sqlx::AnyConnection, customer: i64) -> Result<()> {
    sqlx::query("UPDATE customers SET company = company WHERE id = $1")
        .bind(customer)
        .execute(conn)
        .await?;
    Ok(())
}

/// Makes card `card_id` the only default of `customer` (inside the caller's transaction).
async fn set_default(conn: &mut sqlx::AnyConnection, customer: i64, card_id: i64) -> Result<()> {
    sqlx::query(
        "UPDATE payment_methods SET is_default = 0 WHERE customer_id = $1 AND is_default = 1",
    )
    .bind(customer)
    .execute(&mut *conn)
    .await?;
    let set = sqlx::query(
        "UPDATE payment_methods SET is_default = 1 WHERE id = $1 AND customer_id = $2 AND removed_at IS NULL AND last4 <> ''",
    )
    .bind(card_id)
    .bind(customer)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if set == 1 {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// The default card's id, if one is chosen.
pub(crate) async fn default_card(st: &AppState, customer: i64) -> Result<Option<i64>> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM payment_methods WHERE customer_id = $1 AND is_default = 1 AND removed_at IS NULL",
    )
    .bind(customer)
    .fetch_optional(&st.pool)
    .await?;
    Ok(row.map(|r| r.0))
}

/// Adds a card for tenant `tenant_id`'s customer, the default from now on; returns its id.
pub async fn add(st: &AppState, tenant_id: i64, form: &CardForm) -> Result<i64> {
    let customer = customer_of(st, tenant_id).await?;
    let input = validate::card(
        &form.card_number,
        &form.card_exp_month,
        &form.card_exp_year,
        &form.card_cvc,
        st.now().date_naive(),
    )?;
    let stored = payments::card_gateway(st)
        .tokenize(&input)
        .map_err(|e| AppError::from(e).in_field("card_number"))?;
    let mut tx = begin(&st.pool).await?;
    lock_customer(&mut tx, customer).await?;
    // The same card twice (a double submission, payments sent at once) is kept once.
    let (same,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM payment_methods WHERE customer_id = $1 AND removed_at IS NULL \
         AND brand = $2 AND last4 = $3 AND exp_month = $4 AND exp_year = $5",
    )
    .bind(customer)
    .bind(&stored.brand)
    .bind(&stored.last4)
    .bind(i64::from(stored.exp_month))
    .bind(i64::from(stored.exp_year))
    .fetch_one(&mut *tx)
    .await?;
    if same > 0 {
        return Err(AppError::Conflict(
            "This card is on file already: choose it from your cards.".into(),
        ));
    }
    let id = save_method(&mut tx, st.now(), customer, &stored).await?;
    set_default(&mut tx, customer, id).await?;
    tx.commit().await?;
    Ok(id)
}

/// Makes card `card_id` (the customer's own) the one renewals charge.
pub async fn make_default(st: &AppState, tenant_id: i64, card_id: i64) -> Result<()> {
    let customer = customer_of(st, tenant_id).await?;
    let mut tx = begin(&st.pool).await?;
    lock_customer(&mut tx, customer).await?;
    set_default(&mut tx, customer, card_id).await?;
    tx.commit().await?;
    Ok(())
}

/// Puts back `previous` as the default after a new card failed (none: no default chosen).
pub(crate) async fn restore_default(
    st: &AppState,
    customer: i64,
    failed: i64,
    previous: Option<i64>,
) -> Result<()> {
    let mut tx = begin(&st.pool).await?;
    lock_customer(&mut tx, customer).await?;
    sqlx::query("UPDATE payment_methods SET removed_at = $1, is_default = 0 WHERE id = $2")
        .bind(ts(st.now()))
        .bind(failed)
        .execute(&mut *tx)
        .await?;
    if let Some(previous) = previous {
        set_default(&mut tx, customer, previous).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Removes card `card_id`. The last card goes only with `to_transfer`, when the subscription
/// renews by card: its renewals are then invoiced for bank transfer.
pub async fn remove(st: &AppState, tenant_id: i64, card_id: i64, to_transfer: bool) -> Result<()> {
    let customer = customer_of(st, tenant_id).await?;
    let mut tx = begin(&st.pool).await?;
    lock_customer(&mut tx, customer).await?;
    let (cards,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM payment_methods WHERE customer_id = $1 AND last4 <> '' AND removed_at IS NULL",
    )
    .bind(customer)
    .fetch_one(&mut *tx)
    .await?;
    let (renewing,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM subscriptions s JOIN tenants t ON t.id = s.tenant_id \
         WHERE s.customer_id = $1 AND s.status = 'active' AND t.state NOT IN ('terminated', 'archived')",
    )
    .bind(customer)
    .fetch_one(&mut *tx)
    .await?;
    if cards <= 1 && renewing > 0 && !to_transfer {
        return Err(AppError::Invalid(
            "This is the card your renewals are charged to: add another card first, or choose to pay renewals by bank transfer.".into(),
        ));
    }
    let removed = sqlx::query(
        "UPDATE payment_methods SET removed_at = $1, is_default = 0 WHERE id = $2 AND customer_id = $3 \
         AND removed_at IS NULL AND last4 <> ''",
    )
    .bind(ts(st.now()))
    .bind(card_id)
    .bind(customer)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if removed != 1 {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    Ok(())
}
