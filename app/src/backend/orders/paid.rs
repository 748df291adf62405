//! A paid order: price the configuration, screen it, take the payment, then record and provision.
//! A card is charged before anything is written, so a decline leaves nothing behind; if recording
//! then fails, the charge is refunded.
use chrono::{DateTime, Duration, Utc};

use super::record::{record_order, OrderTerms, RecordError, Recorded};
use super::validate::{validate_paid, ValidOrder};
use super::{advance, provision, replayed, taken, Client};
use crate::api::orders::OrderForm;
use crate::backend::catalog::PlanRow;
use crate::backend::db::ts;
use crate::backend::invoices::{self, NewInvoice};
use crate::backend::payments::{self, NewPayment};
use crate::backend::pricing::{priced_plan, tax_rate};
use crate::backend::state::AppState;
use crate::domain::fraud::{screen, Screening, ScreeningInput};
use crate::domain::order_flow::{Actor, FlowContext, OrderEvent, OrderStatus};
use crate::domain::payment::{
    ChargeOutcome, ChargeRequest, PaymentGateway, PaymentMethodInput, StoredPaymentMethod,
};
use crate::domain::pricing::{quote, Quote};
use crate::error::{AppError, Result};

/// Everything decided before the order is written.
struct Plan<'a> {
    order: &'a ValidOrder,
    plan: &'a PlanRow,
    quote: Quote,
    tax_bp: u32,
    storefront_id: i64,
    terms: OrderTerms,
    flagged: bool,
    bill_to: String,
}

/// The payment as taken (card) or promised (offline).
struct Taken {
    gateway: &'static str,
    reference: String,
    key: String,
    status: &'static str,
    detail: String,
    method: Option<StoredPaymentMethod>,
}

pub(super) async fn place_paid(
    st: &AppState,
    form: &OrderForm,
    order: ValidOrder,
    plan: PlanRow,
    storefront_id: i64,
    client: &Client,
) -> Result<String> {
    let now = st.now();
    let details = validate_paid(form, now.date_naive())?;
    let priced = priced_plan(&st.pool, &plan).await?;
    let tax_bp = tax_rate(&st.pool, &details.country).await?;
    let quote = quote(&priced, &details.selection, tax_bp)?;
    check_expected_total(&form.expected_total, &quote)?;
    let screening = screen_order(st, now, &order, client, &details.country).await?;
    let terms = OrderTerms {
        total_minor: quote.total.minor,
        currency: plan.currency.clone(),
        selection_json: serde_json::to_string(&details.selection)
            .map_err(|_| AppError::Internal)?,
        flag_reasons: screening.reasons.join("; "),
        storefront_id: Some(storefront_id),
        client_ip: client.ip.clone(),
        period_months: i64::from(details.selection.period_months),
        admin_password_hash: st
            .passwords
            .hash(order.password.expose().to_string())
            .await?,
        is_trial: false,
        billing: (details.address.clone(), details.country.clone()),
    };
    let description = format!(
        "{} \u{2014} {} ({} months)",
        plan.name,
        order.instance.as_str(),
        details.selection.period_months
    );
    let key = format!("{}:charge", order.idempotency_key);
    let card = payments::card_gateway(st);
    let manual = payments::manual_gateway();
    let gateway: &dyn PaymentGateway = match details.method {
        PaymentMethodInput::Card { .. } => &card,
        _ => &manual,
    };
    let method = gateway.tokenize(&details.method)?;
    let taken_payment = match gateway.charge(
        &ChargeRequest::new(key.clone(), quote.total, description),
        &method,
    ) {
        ChargeOutcome::Captured { reference } => Taken {
            gateway: gateway.name(),
            reference,
            key,
            status: "captured",
            detail: String::new(),
            method: Some(method),
        },
        ChargeOutcome::Pending {
            reference,
            instructions,
            ..
        } => Taken {
            gateway: gateway.name(),
            reference,
            key,
            status: "pending",
            detail: instructions,
            method: None,
        },
        ChargeOutcome::Declined { message, .. } => return Err(AppError::Invalid(message)),
    };
    let decided = Plan {
        order: &order,
        plan: &plan,
        quote,
        tax_bp,
        storefront_id,
        terms,
        flagged: screening.flagged,
        bill_to: invoices::bill_to(&order.company, &details.address, &details.country),
    };
    let captured = taken_payment.status == "captured";
    let ctx = FlowContext {
        payment_required: true,
        flagged: decided.flagged,
        payment_captured: captured,
    };
    let (rec, status) = match write(st, now, &decided, &taken_payment, &ctx).await {
        Ok(v) => v,
        Err(e) => {
            // The other submission of the same key recorded this very charge: keep it.
            if captured && !matches!(e, RecordError::Replayed) {
                payments::refund(gateway, &taken_payment.reference, decided.quote.total);
            }
            return match e {
                RecordError::Taken => Err(taken(order.instance.as_str())),
                RecordError::Replayed => {
                    replayed(st, &order, &plan).await?.ok_or(AppError::Internal)
                }
                RecordError::Other(e) => Err(e),
            };
        }
    };
    if status == OrderStatus::Provisioning {
        provision::start(st, rec.order_id);
    }
    Ok(rec.token)
}

async fn write(
    st: &AppState,
    now: DateTime<Utc>,
    d: &Plan<'_>,
    pay: &Taken,
    ctx: &FlowContext,
) -> std::result::Result<(Recorded, OrderStatus), RecordError> {
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let rec = record_order(&mut tx, now, d.order, d.plan, &d.terms).await?;
    let captured = pay.status == "captured";
    let invoice = NewInvoice {
        storefront_id: d.storefront_id,
        customer_id: rec.customer_id,
        order_id: rec.order_id,
        quote: &d.quote,
        tax_basis_points: d.tax_bp,
        paid: captured,
        due_days: if captured { 0 } else { 30 },
        bill_to: &d.bill_to,
    };
    let (invoice_id, _) = invoices::issue(&mut tx, now, invoice).await?;
    let payment = NewPayment {
        order_id: rec.order_id,
        invoice_id,
        gateway: pay.gateway,
        reference: &pay.reference,
        idempotency_key: &pay.key,
        amount: d.quote.total,
        status: pay.status,
        detail: &pay.detail,
    };
    payments::record(&mut tx, now, payment).await?;
    if let Some(method) = &pay.method {
        payments::save_method(&mut tx, now, rec.customer_id, method).await?;
    }
    let rule = Actor::Rule("fraud_screening".into());
    let mut status = advance(
        &mut tx,
        now,
        rec.order_id,
        &OrderEvent::Screened { flagged: d.flagged },
        ctx,
        &rule,
    )
    .await?;
    if status == OrderStatus::AwaitingPayment {
        let event = if captured {
            OrderEvent::PaymentCaptured
        } else {
            OrderEvent::PaymentOffline
        };
        status = advance(&mut tx, now, rec.order_id, &event, ctx, &Actor::System).await?;
    }
    tx.commit().await?;
    Ok((rec, status))
}

/// Refuses an order whose total is not the one the customer was shown (their choices changed
/// without the page recomputing it, or the price changed meanwhile).
fn check_expected_total(expected: &str, quote: &Quote) -> Result<()> {
    let expected = expected.trim();
    if expected.is_empty() || expected.parse::<i64>().ok() == Some(quote.total.minor) {
        return Ok(());
    }
    Err(AppError::Invalid(format!(
        "The total for your choices is {} (then {} every {} month(s)). Check it and place the order again.",
        quote.total, quote.recurring_total, quote.period_months
    )))
}

async fn screen_order(
    st: &AppState,
    now: DateTime<Utc>,
    order: &ValidOrder,
    client: &Client,
    country: &str,
) -> Result<Screening> {
    let ip = client.ip.as_str();
    let since = ts(now - Duration::days(1));
    let (by_email,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.email = $1 AND o.created_at > $2",
    )
    .bind(order.email.as_str())
    .bind(&since)
    .fetch_one(&st.pool)
    .await?;
    let (by_ip,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM orders WHERE client_ip = $1 AND created_at > $2")
            .bind(ip)
            .bind(&since)
            .fetch_one(&st.pool)
            .await?;
    let count = |n: i64| u32::try_from(n).unwrap_or(u32::MAX).saturating_add(1);
    let input = ScreeningInput {
        email: order.email.clone(),
        ip: ip.to_string(),
        billing_country: Some(country.to_string()),
        ip_country: client.country.clone(),
        orders_today_by_email: count(by_email),
        orders_today_by_ip: count(by_ip),
    };
    let rules = crate::backend::fraud_settings::current(st).await?;
    Ok(screen(&rules, &input))
}
