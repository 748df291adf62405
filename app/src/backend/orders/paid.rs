//! A paid order: price the configuration (with its coupon, if one), take the payment, then screen
//! and record it in one transaction and provision. A card is charged before anything is written,
//! so a decline leaves nothing behind; if recording then fails, this request's own charge is
//! refunded. A coupon is checked before the charge (a refused one charges nothing) and redeemed
//! in the order's transaction, where the database decides a race for its last redemption.
use chrono::{DateTime, Utc};

use super::record::{record_order, OrderTerms, RecordError};
use super::validate::{validate_paid, ValidOrder};
use super::{advance, screening, Client};
use crate::backend::catalog::storefront_plans::StorefrontRow;
use crate::backend::catalog::{storefront_billing, PlanRow};
use crate::backend::coupons::{self, Found, Redemption};
use crate::backend::fraud_settings;
use crate::backend::idempotency::IdempotencyKey;
use crate::backend::invoices::{self, NewInvoice};
use crate::backend::payments::{self, NewPayment};
use crate::backend::pricing::{priced_plan, tax_treatment};
use crate::backend::provisioning;
use crate::backend::state::AppState;
use crate::domain::coupons::Sale;
use crate::domain::format::{every, money, Locale};
use crate::domain::fraud::FraudRulesPage;
use crate::domain::order_flow::{FlowContext, OrderEvent, OrderStatus};
use crate::domain::payment::{
    ChargeOutcome, ChargeRequest, PaymentGateway, PaymentMethodInput, PaymentStatus,
    StoredPaymentMethod,
};
use crate::domain::pricing::{quote, Quote};
use crate::domain::vat_id::TaxTreatment;
use crate::domain::Actor;
use crate::error::{AppError, Result};
use crate::i18n::tr_args;
use crate::wire::orders::OrderForm;

/// Everything decided before the order is written.
struct Plan<'a> {
    order: &'a ValidOrder,
    plan: &'a PlanRow,
    quote: Quote,
    tax: TaxTreatment,
    storefront_id: i64,
    terms: OrderTerms,
    rules: FraudRulesPage,
    client: &'a Client,
    country: String,
    bill_to: String,
    key: &'a IdempotencyKey,
    /// The coupon to redeem with the order, and the sale it was checked for.
    coupon: Option<(Found, Sale<'a>)>,
}

/// The payment as taken (card) or promised (offline).
struct Taken {
    gateway: &'static str,
    reference: String,
    key: String,
    status: PaymentStatus,
    detail: String,
    method: Option<StoredPaymentMethod>,
}

/// Prices, charges, then records and screens a paid order in one transaction; returns its id.
pub(super) async fn place_paid(
    st: &AppState,
    form: &OrderForm,
    order: &ValidOrder,
    plan: &PlanRow,
    storefront: &StorefrontRow,
    client: &Client,
    key: &IdempotencyKey,
) -> Result<i64> {
    let storefront_id = storefront.id;
    let now = st.now();
    let details = validate_paid(form, now.date_naive())?;
    if matches!(details.method, PaymentMethodInput::BankTransfer)
        && storefront_billing::read(&st.pool, storefront_id)
            .await?
            .bank()
            .is_none()
    {
        return Err(AppError::Invalid(
            "This shop does not take bank transfers; please pay by card.".into(),
        )
        .in_field("payment_method"));
    }
    let priced = priced_plan(&st.pool, plan).await?;
    // Reverse charge is decided here, by the same function the configurator prices with.
    let tax = tax_treatment(
        &st.pool,
        Some(storefront_id),
        &details.country,
        details.vat_id.as_ref(),
    )
    .await
    .map_err(|e| e.in_field("billing_country"))?;
    let quote = quote(&priced, &details.selection, tax.basis_points)?;
    let sale = Sale {
        plan_family: plan.family(),
        storefront: &storefront.code,
        currency: priced.currency,
        now,
    };
    let coupon = coupons::for_sale(&st.pool, &form.coupon, &sale, client.locale).await?;
    let quote = match &coupon {
        Some(found) => found
            .coupon
            .apply(quote, 0, tax.basis_points)
            .map_err(|e| AppError::from(e).in_field(coupons::FIELD))?,
        None => quote,
    };
    check_expected_total(
        &form.expected_total,
        &quote,
        client.locale,
        coupon.is_some(),
    )?;
    let rules = fraud_settings::current(st).await?;
    let terms = OrderTerms {
        total_minor: quote.total.minor,
        currency: plan.currency.clone(),
        selection_json: serde_json::to_string(&details.selection)
            .map_err(|_| AppError::Internal)?,
        flag_reasons: String::new(),
        storefront_id: Some(storefront_id),
        client_ip: client.ip.clone(),
        period_months: i64::from(details.selection.period_months),
        admin_password_hash: st
            .passwords
            .hash(order.password.expose().to_string())
            .await?,
        is_trial: false,
        billing: (details.address.clone(), details.country.clone()),
        vat_id: details
            .vat_id
            .as_ref()
            .map(|v| v.as_str().to_string())
            .unwrap_or_default(),
        period_paid_minor: quote.service_paid().minor,
        recurring_minor: quote.first_period_recurring().minor,
        locale: client.locale,
    };
    let description = format!(
        "{} \u{2014} {} ({} months)",
        plan.name,
        order.instance.as_str(),
        details.selection.period_months
    );
    // The gateway charges a key once: a request that takes over a claim whose holder died
    // midway gets the same charge back, not a second one.
    let charge_key = format!("{}:charge", key.scoped());
    let card = payments::card_gateway(st);
    let manual = payments::manual_gateway();
    let gateway: &dyn PaymentGateway = match details.method {
        PaymentMethodInput::Card { .. } => &card,
        _ => &manual,
    };
    let method = gateway.tokenize(&details.method)?;
    // A coupon can leave nothing to pay: then nothing is charged and no payment is recorded.
    let taken_payment = if quote.total.is_zero() {
        Taken {
            gateway: gateway.name(),
            reference: String::new(),
            key: charge_key,
            status: PaymentStatus::Captured,
            detail: String::new(),
            method: None,
        }
    } else {
        match gateway.charge(
            &ChargeRequest::new(charge_key.clone(), quote.total, description),
            &method,
        ) {
            ChargeOutcome::Captured { reference } => Taken {
                gateway: gateway.name(),
                reference,
                key: charge_key,
                status: PaymentStatus::Captured,
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
                key: charge_key,
                status: PaymentStatus::Pending,
                detail: instructions,
                method: None,
            },
            ChargeOutcome::Declined { message, .. } => {
                return Err(AppError::Invalid(message).in_field("card_number"))
            }
        }
    };
    let decided = Plan {
        order,
        plan,
        quote,
        tax,
        storefront_id,
        terms,
        rules,
        client,
        bill_to: invoices::bill_to(&order.company, &details.address, &details.country),
        country: details.country,
        key,
        coupon: coupon.map(|found| (found, sale)),
    };
    let captured = taken_payment.status == PaymentStatus::Captured;
    let charged = captured && !decided.quote.total.is_zero();
    match write(st, now, &decided, &taken_payment).await {
        Ok((order_id, status)) => {
            provisioning::start_if_due(st, order_id, status);
            if !captured {
                if let Err(e) = super::payment_mail::send(st, order_id).await {
                    tracing::error!(error = %e, order_id, "payment details mail not sent");
                }
            }
            Ok(order_id)
        }
        Err(e) => {
            // An order recorded meanwhile under the same key holds this very charge: keep it.
            // Otherwise the charge is this request's own, and nothing recorded it.
            if charged && !matches!(e, RecordError::Replayed) {
                payments::refund(gateway, &taken_payment.reference, decided.quote.total);
            }
            e.answer(st, order, key).await
        }
    }
}

async fn write(
    st: &AppState,
    now: DateTime<Utc>,
    d: &Plan<'_>,
    pay: &Taken,
) -> std::result::Result<(i64, OrderStatus), RecordError> {
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let screening =
        screening::screen_in(&mut tx, now, &d.rules, d.order, d.client, Some(&d.country)).await?;
    let terms = OrderTerms {
        flag_reasons: screening.reasons.join("; "),
        ..d.terms.clone()
    };
    let rec = record_order(&mut tx, now, d.order, d.plan, &terms, d.key).await?;
    if let Some((found, sale)) = &d.coupon {
        let redemption = Redemption {
            coupon_id: found.id,
            order_id: rec.order_id,
            customer_id: rec.customer_id,
            tenant_id: rec.tenant_id,
        };
        coupons::redeem(&mut tx, sale, found, &redemption, d.client.locale).await?;
    }
    let captured = pay.status == PaymentStatus::Captured;
    let free = d.quote.total.is_zero();
    let ctx = FlowContext {
        payment_required: !free,
        flagged: screening.flagged,
        payment_captured: captured,
    };
    let invoice = NewInvoice {
        storefront_id: d.storefront_id,
        customer_id: rec.customer_id,
        order_id: rec.order_id,
        quote: &d.quote,
        tax: d.tax,
        period: (now, super::record::add_months(now, d.terms.period_months)),
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
    if !free {
        payments::record(&mut tx, now, payment).await?;
    }
    if let Some(method) = &pay.method {
        payments::save_method(&mut tx, now, rec.customer_id, method).await?;
    }
    let rule = screening.actor();
    let screened = OrderEvent::Screened {
        flagged: screening.flagged,
    };
    let mut status = advance(&mut tx, now, rec.order_id, &screened, &ctx, &rule).await?;
    if status == OrderStatus::AwaitingPayment {
        let event = if captured {
            OrderEvent::PaymentCaptured
        } else {
            OrderEvent::PaymentOffline
        };
        status = advance(&mut tx, now, rec.order_id, &event, &ctx, &Actor::System).await?;
    }
    tx.commit().await?;
    Ok((rec.order_id, status))
}

/// Refuses an order whose total is not the one the customer was shown (their choices changed
/// without the page recomputing it, or the price changed meanwhile).
///
/// With a coupon, the page sent back (a form posted without JavaScript could not price it) shows
/// the discount and the new total, and the message is said of the coupon field.
fn check_expected_total(
    expected: &str,
    quote: &Quote,
    locale: Locale,
    with_coupon: bool,
) -> Result<()> {
    let expected = expected.trim();
    if expected.is_empty() || expected.parse::<i64>().ok() == Some(quote.total.minor) {
        return Ok(());
    }
    if with_coupon {
        let message = tr_args(
            locale,
            "coupon-applied-check-total",
            &[("amount", money(&quote.total, locale))],
        );
        return Err(AppError::Invalid(message).in_field(coupons::FIELD));
    }
    Err(AppError::Invalid(tr_args(
        locale,
        "checkout-error-total-changed",
        &[
            ("amount", money(&quote.total, locale)),
            ("renewal", money(&quote.recurring_total, locale)),
            ("every", every(quote.period_months, locale)),
        ],
    )))
}
