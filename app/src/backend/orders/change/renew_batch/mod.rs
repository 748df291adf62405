//! The billing run's common case in batches: subscriptions renewing with a stored card that pays,
//! without credit to draw or a coupon running, are read, priced and charged together and then
//! recorded in one transaction per batch with multi-row statements: their orders (completed,
//! with each status change the order workflow's `next` decides recorded as an event), invoices
//! numbered from one block of the storefront's sequence, invoice lines, payments, and the next
//! period. Everything else (a declined card, a bank transfer, credit, a coupon, a subscription
//! that changed meanwhile) is left to the one-by-one renewal, which charges under the same key and
//! so gets the same charge back.
mod invoices;
mod record;
mod rows;

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use self::rows::ids;
use super::renew::Prices;
use super::Current;
use crate::backend::catalog::PlanRow;
use crate::backend::db::ts;
use crate::backend::payments;
use crate::backend::state::AppState;
use crate::domain::payment::{ChargeOutcome, ChargeRequest, PaymentGateway, StoredPaymentMethod};
use crate::domain::pricing::{renewal_quote, Quote};
use crate::domain::vat_id::TaxTreatment;
use crate::error::{AppError, Result};

/// Renewals recorded in one transaction (the statements' parameters stay well under SQLite's
/// limit of 32,766).
pub(super) const BATCH: usize = 400;

/// A renewal priced and charged, to be recorded with its batch.
struct Ready {
    current: Current,
    vat_id: String,
    plan: PlanRow,
    quote: Quote,
    tax: TaxTreatment,
    key: String,
    charge_key: String,
    reference: String,
    period: (DateTime<Utc>, DateTime<Utc>),
    token: String,
}

/// Renews what the batch covers of `tenant_ids` (all due, none cancelling); returns how many it
/// renewed and the tenants left to the one-by-one renewal.
pub(super) async fn renew_many(
    st: &AppState,
    now: DateTime<Utc>,
    tenant_ids: &[i64],
    prices: &Prices,
) -> Result<(usize, Vec<i64>)> {
    let mut left = Vec::new();
    let currents = Current::load_many(st, tenant_ids).await?;
    let customers = ids(currents.iter().map(|(c, _)| c.customer_id));
    let tenants = ids(currents.iter().map(|(c, _)| c.tenant_id));
    if currents.is_empty() {
        return Ok((0, tenant_ids.to_vec()));
    }
    let with_credit: Vec<(i64,)> = sqlx::query_as(&format!(
        "SELECT customer_id FROM customer_credits WHERE customer_id IN ({customers}) \
         GROUP BY customer_id HAVING SUM(amount_minor) <> 0"
    ))
    .fetch_all(&st.pool)
    .await?;
    let with_coupon: Vec<(i64,)> = sqlx::query_as(&format!(
        "SELECT tenant_id FROM coupon_redemptions WHERE tenant_id IN ({tenants}) \
         AND (periods_left IS NULL OR periods_left > 0)"
    ))
    .fetch_all(&st.pool)
    .await?;
    let cards: Vec<(i64, String, String, String, String, i64, i64)> = sqlx::query_as(&format!(
        "SELECT customer_id, gateway, token, brand, last4, exp_month, exp_year FROM payment_methods \
         WHERE customer_id IN ({customers}) AND last4 <> '' AND removed_at IS NULL ORDER BY is_default, id"
    ))
    .fetch_all(&st.pool)
    .await?;
    // The default card of each customer, else the newest, as the one-by-one renewal takes it.
    let mut card_of: HashMap<i64, StoredPaymentMethod> = HashMap::new();
    for (customer, gateway, token, brand, last4, m, y) in cards {
        let card = super::charge::card_of_row((gateway, token, brand, last4, m, y));
        card_of.insert(customer, card);
    }
    let found: Vec<i64> = currents.iter().map(|(c, _)| c.tenant_id).collect();
    left.extend(tenant_ids.iter().filter(|t| !found.contains(t)));
    let gateway = payments::card_gateway(st);
    let mut ready = Vec::new();
    for (current, vat_id) in currents {
        let tenant_id = current.tenant_id;
        let card = card_of.get(&current.customer_id);
        let common = card.is_some()
            && current.storefront_id.is_some()
            && !current.cancel_at_period_end
            && !with_credit.iter().any(|(c,)| *c == current.customer_id)
            && !with_coupon.iter().any(|(t,)| *t == tenant_id);
        let (Some(card), true) = (card, common) else {
            left.push(tenant_id);
            continue;
        };
        match prepare(st, current, vat_id, card, &gateway, prices).await? {
            Some(r) => ready.push(r),
            None => left.push(tenant_id),
        }
    }
    for chunk in ready.chunks(BATCH) {
        match record::record(st, now, chunk).await {
            Ok(()) => {}
            Err(e) => {
                // Nothing of the batch was kept: each is renewed one by one, with its own
                // charge's key (the gateway gives the same charge back).
                tracing::warn!(error = %e, "a renewal batch was not recorded; renewing one by one");
                left.extend(chunk.iter().map(|r| r.current.tenant_id));
            }
        }
    }
    let done = tenant_ids.len() - left.len();
    Ok((done, left))
}

/// Prices the renewal as the one-by-one renewal does (the plan's newest version when it still
/// sells this configuration) and charges the card; `None` when the card does not pay or there is
/// nothing to charge.
async fn prepare(
    st: &AppState,
    current: Current,
    vat_id: String,
    card: &StoredPaymentMethod,
    gateway: &dyn PaymentGateway,
    prices: &Prices,
) -> Result<Option<Ready>> {
    let tax = prices.tax(st, &current).await?;
    let storefront_id = current.storefront_id.ok_or(AppError::NotFound)?;
    let mut priced = None;
    if let Some(plan) = prices
        .newest(st, storefront_id, current.plan.family())
        .await
    {
        let p = prices.priced(st, &plan).await?;
        if let Ok(q) = renewal_quote(&p, &current.selection, tax.basis_points) {
            priced = Some((plan, q));
        }
    }
    let (plan, quote) = match priced {
        Some(found) => found,
        None => {
            let p = prices.priced(st, &current.plan).await?;
            let q = renewal_quote(&p, &current.selection, tax.basis_points)?;
            (current.plan.clone(), q)
        }
    };
    if quote.total.minor <= 0 {
        return Ok(None);
    }
    let key = format!("renewal:{}:{}", current.tenant_id, ts(current.period_end));
    let charge_key = format!("{key}:charge");
    let request = ChargeRequest::new(
        charge_key.clone(),
        quote.total,
        format!("Renewal of {}", current.instance_name),
    );
    let ChargeOutcome::Captured { reference } = gateway.charge(&request, card) else {
        return Ok(None);
    };
    let end = crate::backend::orders::record::add_months(
        current.period_end,
        i64::from(current.selection.period_months),
    );
    Ok(Some(Ready {
        period: (current.period_end, end),
        current,
        vat_id,
        plan,
        quote,
        tax,
        key,
        charge_key,
        reference,
        token: crate::backend::orders::record::public_token(),
    }))
}
