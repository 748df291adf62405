//! A free trial waits for its customer to confirm the email address: the order is recorded and
//! the name reserved, and a mail with a one-time link goes to the address. Only the owner of the
//! mailbox can start the trial, so nobody can have Tenantry mail (or build instances for) an
//! address that did not ask. Unconfirmed trials are released after two days.
use chrono::{DateTime, Duration, Utc};
use sqlx::AnyConnection;

use super::{advance, review};
use crate::backend::db::{begin, ts};
use crate::backend::one_time::{self, digest as hash};
use crate::backend::provisioning;
use crate::backend::state::AppState;
use crate::domain::order_flow::{FlowContext, OrderEvent, OrderStatus};
use crate::domain::Actor;
use crate::error::{AppError, Result};
use crate::i18n::{tr, tr_args, Locale};

/// How long a confirmation link stays valid.
pub const VALID_HOURS: i64 = 48;

/// Gives an order awaiting confirmation its code (stored hashed), in the caller's transaction;
/// returns the code for the mail.
pub(super) async fn issue(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    order_id: i64,
) -> Result<String> {
    let code = one_time::code(32);
    sqlx::query("UPDATE orders SET confirm_code_hash = $1, confirm_by = $2 WHERE id = $3")
        .bind(hash(&code))
        .bind(ts(now + Duration::hours(VALID_HOURS)))
        .bind(order_id)
        .execute(conn)
        .await?;
    Ok(code)
}

/// Mails the confirmation link in `locale`. The mail holds nothing the order's sender wrote (no
/// company or contact name), only the link and the instance name checked as an instance name.
pub(super) async fn send(
    st: &AppState,
    locale: Locale,
    email: &str,
    token: &str,
    code: &str,
    instance: &str,
) {
    let link = format!(
        "{}/orders/{token}/confirm?code={code}",
        st.config.storefront_url()
    );
    let named = [("instance", instance.to_string())];
    let body = format!(
        "{}\n\n{}\n\n{}\n\n  {link}\n\n{}\n\n{}\n",
        tr(locale, "mail-hello"),
        tr_args(locale, "mail-confirm-asked", &named),
        tr_args(
            locale,
            "mail-confirm-open",
            &[("hours", VALID_HOURS.to_string())]
        ),
        tr(locale, "mail-confirm-ignore"),
        tr(locale, "mail-signature"),
    );
    let subject = tr_args(locale, "mail-confirm-subject", &named);
    if let Err(e) = st
        .mailer
        .send(&st.config.mail_from, email, &subject, body)
        .await
    {
        tracing::error!(error = %e, "confirmation mail not sent");
    }
}

/// Confirms the email of the order `token` with the mailed `code`: the trial then goes on to
/// provisioning. Confirming an order already confirmed is not an error.
pub async fn confirm(st: &AppState, token: &str, code: &str) -> Result<()> {
    let now = st.now();
    let mut tx = begin(&st.pool).await?;
    // The code is spent first: of the same link confirmed several times at once, one request
    // clears it and starts the trial; the others find it spent.
    let claimed: Option<(i64, i64)> = sqlx::query_as(
        "UPDATE orders SET confirm_code_hash = NULL, confirm_by = NULL \
         WHERE public_token = $1 AND confirm_code_hash = $2 AND confirm_by >= $3 AND status = 'awaiting_approval' \
         RETURNING id, customer_id",
    )
    .bind(token)
    .bind(hash(code))
    .bind(ts(now))
    .fetch_optional(&mut *tx)
    .await?;
    let Some((order_id, customer_id)) = claimed else {
        tx.rollback().await?;
        return already_confirmed(st, token).await;
    };
    let (email,): (String,) = sqlx::query_as("SELECT email FROM customers WHERE id = $1")
        .bind(customer_id)
        .fetch_one(&mut *tx)
        .await?;
    let ctx = FlowContext {
        payment_required: false,
        flagged: false,
        payment_captured: false,
    };
    let actor = Actor::Customer(email);
    advance(&mut tx, now, order_id, &OrderEvent::Approved, &ctx, &actor).await?;
    tx.commit().await?;
    provisioning::start(st, order_id);
    Ok(())
}

/// A link that did not confirm anything: fine when its order was confirmed already (the link
/// opened twice, or twice at once), refused otherwise.
async fn already_confirmed(st: &AppState, token: &str) -> Result<()> {
    let row: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT status, confirm_code_hash FROM orders WHERE public_token = $1")
            .bind(token)
            .fetch_optional(&st.pool)
            .await?;
    match row {
        Some((status, None)) if status != OrderStatus::AwaitingApproval.as_str() => Ok(()),
        _ => Err(AppError::Invalid(
            "This confirmation link is not valid or has expired.".into(),
        )),
    }
}

/// Releases trials whose confirmation link expired unused (their names become free); returns
/// how many.
pub async fn release_expired(st: &AppState) -> Result<usize> {
    let expired: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM orders WHERE confirm_code_hash IS NOT NULL AND confirm_by < $1 \
         AND status = 'awaiting_approval' ORDER BY id LIMIT 100",
    )
    .bind(ts(st.now()))
    .fetch_all(&st.pool)
    .await?;
    let rule = Actor::Rule("email_confirmation".into());
    let mut done = 0;
    for (order_id,) in expired {
        match review::reject_as(
            st,
            order_id,
            &rule,
            "The email address was not confirmed in time.",
        )
        .await
        {
            Ok(()) => done += 1,
            // Confirmed or released by another server meanwhile.
            Err(AppError::Conflict(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(done)
}
