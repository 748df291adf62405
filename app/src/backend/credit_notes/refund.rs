//! An operator's refund of an invoice, full or partial, to the card or the customer's credit.
use super::{issue, ledger, Issued, NewCreditNote};
use crate::backend::payments;
use crate::backend::state::AppState;
use crate::domain::credit_notes::{check_refund, RefundRequest};
use crate::domain::Actor;
use crate::error::Result;

/// Refunds an invoice as `actor` and issues its credit note, all in one transaction: a refused
/// refund (too much, no reason, nothing paid) changes nothing.
pub async fn refund(
    st: &AppState,
    invoice_id: i64,
    req: &RefundRequest,
    actor: &Actor,
) -> Result<Issued> {
    let now = st.now();
    let card = payments::card_gateway(st);
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let (ledger, currency) = ledger(&mut tx, invoice_id).await?;
    // Checked here for a clear message; `issue` claims the amount again under the row's lock.
    let amount = check_refund(req, &ledger, currency)?;
    let gateway = gateway_of(&mut tx, invoice_id, &card).await?;
    let issued = issue(
        &mut tx,
        now,
        NewCreditNote {
            invoice_id,
            amount,
            destination: req.destination,
            reason: &req.reason,
            actor,
            gateway,
            order_id: None,
        },
    )
    .await?;
    tx.commit().await?;
    tracing::info!(invoice_id, number = %issued.number, "credit note issued");
    Ok(issued)
}

/// The gateway that took the invoice's payment: the card gateway, or the offline one (whose
/// refunds the operator settles by hand).
async fn gateway_of<'a>(
    conn: &mut sqlx::AnyConnection,
    invoice_id: i64,
    card: &'a crate::domain::payment::TestCardGateway,
) -> Result<&'a dyn crate::domain::payment::PaymentGateway> {
    use crate::domain::payment::ManualGateway;
    let gateway: Option<(String,)> = sqlx::query_as(
        "SELECT gateway FROM payments WHERE invoice_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(invoice_id)
    .fetch_optional(conn)
    .await?;
    static MANUAL: ManualGateway = ManualGateway;
    Ok(match gateway {
        Some((g,)) if g == ManualGateway::NAME => &MANUAL,
        _ => card,
    })
}

/// The operator's refund form: `amount` as typed (empty: all that is left), `destination` as
/// its stored name. The invoice must belong to the order the form was on.
pub async fn refund_form(
    st: &AppState,
    order_id: i64,
    invoice_id: i64,
    form: RefundForm<'_>,
    actor: &Actor,
) -> Result<Issued> {
    use crate::domain::credit_notes::{RefundAmount, RefundDestination};
    use crate::domain::{Currency, Money};
    let currency: Option<(String,)> =
        sqlx::query_as("SELECT currency FROM invoices WHERE id = $1 AND order_id = $2")
            .bind(invoice_id)
            .bind(order_id)
            .fetch_optional(&st.pool)
            .await?;
    let currency = Currency::parse(&currency.ok_or(crate::error::AppError::NotFound)?.0)?;
    let amount = match form.amount.trim() {
        "" => RefundAmount::Full,
        typed => RefundAmount::Partial(Money::parse_decimal(typed, currency)?),
    };
    let req = RefundRequest {
        amount,
        destination: form.destination.parse::<RefundDestination>()?,
        reason: form.reason.to_string(),
    };
    refund(st, invoice_id, &req, actor).await
}

/// The refund form's fields, as posted.
pub struct RefundForm<'a> {
    /// A decimal amount, or empty for all that is left.
    pub amount: &'a str,
    /// `card` or `customer_credit`.
    pub destination: &'a str,
    /// Why.
    pub reason: &'a str,
}
