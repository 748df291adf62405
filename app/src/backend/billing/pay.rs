//! Paying an open invoice from the portal, with a stored card or a new one: the card becomes the
//! default; an invoice waiting for its bank transfer is paid by card instead (`transfer`), one
//! being dunned gets its next card attempt now, claimed like a scheduled retry (so of any number
//! of payments at once, one charges). Paid, the invoice ends its dunning and the
//! tenant held for it is restored at once. A new card that is declined is not kept.
use super::{cards, customer_of, transfer};
use crate::backend::dunning::retry;
use crate::backend::state::AppState;
use crate::domain::{Actor, InvoiceStatus};
use crate::error::{AppError, Result};
use crate::wire::billing::CardForm;

/// The card a payment uses.
pub enum PayWith {
    /// A stored card of the customer.
    Stored(i64),
    /// A new card, kept when it pays.
    New(CardForm),
}

/// Pays invoice `invoice_id` of tenant `tenant_id` now; `by` is the member paying.
pub async fn pay(
    st: &AppState,
    tenant_id: i64,
    invoice_id: i64,
    with: PayWith,
    by: &str,
) -> Result<()> {
    let row: Option<(InvoiceStatus, i64)> = sqlx::query_as(
        "SELECT i.status, (SELECT COUNT(*) FROM dunnings d WHERE d.invoice_id = i.id AND d.status = 'open') \
         FROM invoices i JOIN orders o ON o.id = i.order_id WHERE i.id = $1 AND o.tenant_id = $2",
    )
    .bind(invoice_id)
    .bind(tenant_id)
    .fetch_optional(&st.pool)
    .await?;
    let (status, dunned) = row.ok_or(AppError::NotFound)?;
    match status {
        InvoiceStatus::Paid => return Err(already_paid()),
        InvoiceStatus::Void => {
            return Err(AppError::Invalid(
                "This invoice is void: there is nothing to pay.".into(),
            ))
        }
        InvoiceStatus::Open => {}
    }
    // An invoice waiting for its bank transfer is paid by card instead; one being dunned gets
    // its next card attempt now.
    let waiting = transfer::waiting(st, tenant_id, invoice_id).await?;
    if waiting.is_none() && dunned == 0 {
        return Err(AppError::Invalid(
            "This invoice can't be paid by card: its order is not waiting for a payment.".into(),
        ));
    }
    let customer = customer_of(st, tenant_id).await?;
    let previous = cards::default_card(st, customer).await?;
    let new_card = match with {
        PayWith::Stored(id) => {
            cards::make_default(st, tenant_id, id).await?;
            None
        }
        PayWith::New(form) => Some(cards::add(st, tenant_id, &form).await?),
    };
    let actor = Actor::Customer(by.to_string());
    let attempt = match &waiting {
        Some(w) => transfer::pay_by_card(st, w, &actor).await,
        None => retry::now(st, invoice_id, &actor).await,
    };
    let paid = match attempt {
        Ok(paid) => paid,
        // Paid meanwhile (another payment won).
        Err(AppError::Invalid(_)) => return Err(already_paid()),
        Err(AppError::Conflict(_)) => {
            return Err(AppError::Conflict(
                "A payment of this invoice is under way: reload the page in a moment.".into(),
            ))
        }
        Err(e) => return Err(e),
    };
    if paid {
        return Ok(());
    }
    if let Some(card) = new_card {
        cards::restore_default(st, customer, card, previous).await?;
    }
    Err(AppError::Invalid(
        "The card was declined: the invoice is still open. Try another card.".into(),
    ))
}

fn already_paid() -> AppError {
    AppError::Invalid("This invoice is already paid.".into())
}
