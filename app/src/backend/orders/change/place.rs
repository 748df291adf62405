//! The tenant admin's changes from the portal: a priced preview, then the order (upgrade,
//! downgrade or add-on) paid with the stored card; and the cancellation at the period's end.
use sqlx::Connection;

use super::charge::{self, Bill};
use super::{insert_order, Current, NewChange};
use crate::backend::catalog::storefront_plans;
use crate::backend::catalog::PlanRow;
use crate::backend::coupons::{self, Found, Redemption};
use crate::backend::idempotency::{self, IdempotencyKey};
use crate::backend::orders::detached;
use crate::backend::pricing::priced_plan;
use crate::backend::provisioning;
use crate::backend::provisioning::TenantDb;
use crate::backend::state::AppState;
use crate::domain::coupons::Sale;
use crate::domain::order_flow::{OrderKind, OrderStatus};
use crate::domain::pricing::{change_quote, ChangeQuote, Selection};
use crate::domain::vat_id::TaxTreatment;
use crate::domain::{Actor, SubscriptionState};
use crate::error::{AppError, Result};
use crate::i18n::Locale;

/// What the tenant admin asks for: the plan (by code) and the whole new configuration.
#[derive(Debug, Clone, Default)]
pub struct ChangeRequest {
    /// Plan code; the current plan's code keeps the subscription on its version.
    pub plan: String,
    /// Add-ons as `(code, quantity)`.
    pub addons: Vec<(String, u32)>,
    /// Extra resource units as `(code, units)`.
    pub extra_resources: Vec<(String, u32)>,
    /// The total (minor units) the admin was shown, when confirming.
    pub expected_total: Option<i64>,
    /// A coupon code typed for the change (blank: none).
    pub coupon: String,
    /// The admin's language, for a coupon's refusal.
    pub locale: Locale,
}

/// The priced change and what it is built from.
struct Priced {
    current: Current,
    plan: PlanRow,
    selection: Selection,
    quote: ChangeQuote,
    tax: TaxTreatment,
    /// The coupon taken off, with the storefront's code it was checked on.
    coupon: Option<(Found, String)>,
}

async fn price(st: &AppState, tenant_id: i64, req: &ChangeRequest) -> Result<Priced> {
    let current = Current::load(st, tenant_id).await?;
    if current.status != SubscriptionState::Active {
        return Err(AppError::Invalid(
            "Only an active paid subscription can be changed.".into(),
        ));
    }
    if current.cancel_at_period_end {
        return Err(AppError::Invalid(
            "This subscription is cancelled at the end of its period; it cannot change.".into(),
        ));
    }
    let code = req.plan.trim();
    let plan = if code.is_empty() || code == current.plan.family() {
        current.plan.clone()
    } else {
        let storefront = current.storefront_id.ok_or(AppError::NotFound)?;
        storefront_plans::plan(&st.pool, storefront, code)
            .await
            .map_err(|_| AppError::Invalid("This plan is not available.".into()))?
    };
    let selection = Selection {
        period_months: current.selection.period_months,
        addons: req.addons.clone(),
        extra_resources: req.extra_resources.clone(),
    };
    let old = priced_plan(&st.pool, &current.plan).await?;
    let new = priced_plan(&st.pool, &plan).await?;
    let tax = current.tax(st).await?;
    let quote = change_quote(
        (&old, &current.selection),
        (&new, &selection),
        current.position(st.now()),
        current.paid()?,
        tax.basis_points,
    )?;
    let (quote, coupon) = with_coupon(st, &current, &plan, quote, tax, req).await?;
    Ok(Priced {
        current,
        plan,
        selection,
        quote,
        tax,
        coupon,
    })
}

/// The change's quote with the coupon the admin typed taken off, checked like a checkout's
/// (plan, storefront, currency, expiry, redemptions left): a clear error on the coupon field.
async fn with_coupon(
    st: &AppState,
    current: &Current,
    plan: &PlanRow,
    quote: ChangeQuote,
    tax: TaxTreatment,
    req: &ChangeRequest,
) -> Result<(ChangeQuote, Option<(Found, String)>)> {
    if req.coupon.trim().is_empty() {
        return Ok((quote, None));
    }
    let storefront_id = current.storefront_id.ok_or(AppError::NotFound)?;
    let (storefront,): (String,) = sqlx::query_as("SELECT code FROM storefronts WHERE id = $1")
        .bind(storefront_id)
        .fetch_one(&st.pool)
        .await?;
    let sale = Sale {
        plan_family: plan.family(),
        storefront: &storefront,
        currency: quote.total.currency,
        now: st.now(),
    };
    let Some(found) = coupons::for_sale(&st.pool, &req.coupon, &sale, req.locale).await? else {
        return Ok((quote, None));
    };
    let quote = found
        .coupon
        .apply_to_change(quote, tax.basis_points)
        .map_err(|e| AppError::from(e).in_field(coupons::FIELD))?;
    Ok((quote, Some((found, storefront))))
}

/// What the subscription renews for after the change, before tax: the change's renewal price,
/// less a coupon still running from before when the change brings none.
async fn recurring_after(st: &AppState, tenant_id: i64, p: &Priced) -> Result<i64> {
    let renewal = p.quote.renewal.clone();
    if p.coupon.is_some() {
        return Ok(renewal.subtotal.minor.max(0));
    }
    let renewal = match coupons::for_renewal(&st.pool, tenant_id).await? {
        Some(c) => c
            .coupon
            .apply_to_renewal(renewal, c.periods_left, p.tax.basis_points)?,
        None => renewal,
    };
    Ok(renewal.subtotal.minor.max(0))
}

/// Prices a change without ordering it.
pub async fn preview_change(
    st: &AppState,
    tenant_id: i64,
    req: &ChangeRequest,
) -> Result<ChangeQuote> {
    Ok(price(st, tenant_id, req).await?.quote)
}

/// Orders a change; the same idempotency key and request return the first order's token. The
/// stored card is charged first (a decline is an error and nothing changes; without a card the
/// order waits for a bank transfer), then the order is recorded with its invoice and payment in
/// one transaction. The work runs detached from the request: a client that goes away cannot cut
/// it between charge and record.
pub async fn place_change(
    st: &AppState,
    tenant_id: i64,
    req: &ChangeRequest,
    key: &str,
    admin_email: &str,
) -> Result<String> {
    let key = portal_key(tenant_id, key, &CanonicalChange::of(req))?;
    let (st, req, email) = (st.clone(), req.clone(), admin_email.to_string());
    detached(&st.clone(), async move {
        idempotency::run(&st.pool, st.now(), &key, || async {
            order_change(&st, tenant_id, &req, &key, &email).await
        })
        .await
    })
    .await
}

async fn order_change(
    st: &AppState,
    tenant_id: i64,
    req: &ChangeRequest,
    key: &IdempotencyKey,
    admin_email: &str,
) -> Result<i64> {
    let p = price(st, tenant_id, req).await?;
    if let Some(expected) = req.expected_total {
        if expected != p.quote.total.minor {
            return Err(AppError::Invalid(format!(
                "The price of this change is now {}; check it and confirm again.",
                p.quote.total
            )));
        }
    }
    check_licence(st, &p).await?;
    refuse_if_under_way(st, tenant_id).await?;
    let now = st.now();
    let actor = Actor::Customer(admin_email.to_string());
    let scoped = key.scoped();
    let change = NewChange {
        kind: p.quote.kind,
        idempotency_key: &scoped,
        current: &p.current,
        plan_id: p.plan.id,
        selection: &p.selection,
        total_minor: p.quote.total.minor.max(0),
        // Credit is kept before tax; the renewal it lowers is taxed on what remains.
        credit_minor: (-p.quote.subtotal.minor).max(0),
        currency: p.quote.total.currency.as_str(),
        actor: &actor,
        // A coupon lowers what the period was paid (a later change credits no more than that).
        period_paid_minor: Some(
            (p.quote.service_for_rest_of_period().minor - p.quote.discount().minor).max(0),
        ),
        recurring_minor: Some(recurring_after(st, tenant_id, &p).await?),
    };
    let invoice_quote = p.quote.invoice_quote();
    let bill = invoice_quote.as_ref().map(|quote| Bill {
        current: &p.current,
        quote,
        tax: p.tax,
        // A change bills the rest of the running period.
        period: (now, p.current.period_end),
        description: format!("{} of {}", p.quote.kind.label(), p.current.instance_name),
    });
    let taken = match &bill {
        Some(bill) => Some(charge::take(st, &scoped, bill).await?),
        None => None,
    };
    if let Some(message) = taken.as_ref().and_then(|t| t.declined()) {
        return Err(AppError::Invalid(format!(
            "{message} Nothing was changed; update your card or try again."
        )));
    }
    let recorded = async {
        let mut tx = crate::backend::db::begin(&st.pool).await?;
        let (order_id, _) = insert_order(&mut tx, now, &change).await?;
        // After the insert: a change applied meanwhile is committed and visible here.
        p.current.ensure_unchanged(&mut tx).await?;
        if let Some((found, storefront)) = &p.coupon {
            // Redeemed in the order's transaction: of changes at once against the last
            // redemption, one gets it and the others are refused with nothing recorded.
            let sale = Sale {
                plan_family: p.plan.family(),
                storefront,
                currency: p.quote.total.currency,
                now,
            };
            let redemption = Redemption {
                coupon_id: found.id,
                order_id,
                customer_id: p.current.customer_id,
                tenant_id: p.current.tenant_id,
            };
            coupons::redeem(&mut tx, &sale, found, &redemption, req.locale).await?;
        }
        let status = match (&bill, &taken) {
            (Some(bill), Some(taken)) => {
                charge::record(&mut tx, now, order_id, bill, taken).await?.0
            }
            _ => {
                charge::nothing_to_pay(&mut tx, now, order_id).await?;
                OrderStatus::Provisioning
            }
        };
        idempotency::complete(&mut tx, key, order_id).await?;
        tx.commit().await?;
        Ok::<_, AppError>((order_id, status))
    }
    .await;
    match recorded {
        Ok((order_id, status)) => {
            provisioning::start_if_due(st, order_id, status);
            Ok(order_id)
        }
        Err(e) => {
            if let (Some(bill), Some(taken)) = (&bill, &taken) {
                charge::give_back_unless_recorded(st, &scoped, bill, taken).await;
            }
            Err(e)
        }
    }
}

/// Orders the end of the subscription at the end of its current period.
pub async fn cancel(st: &AppState, tenant_id: i64, key: &str, admin_email: &str) -> Result<String> {
    let key = portal_key(tenant_id, key, &"cancel")?;
    let (st, email) = (st.clone(), admin_email.to_string());
    detached(&st.clone(), async move {
        idempotency::run(&st.pool, st.now(), &key, || async {
            order_cancellation(&st, tenant_id, &key, &email).await
        })
        .await
    })
    .await
}

async fn order_cancellation(
    st: &AppState,
    tenant_id: i64,
    key: &IdempotencyKey,
    admin_email: &str,
) -> Result<i64> {
    let current = Current::load(st, tenant_id).await?;
    if current.status != SubscriptionState::Active || current.cancel_at_period_end {
        return Err(AppError::Invalid(
            "Only an active subscription that is not already ending can be cancelled.".into(),
        ));
    }
    refuse_if_under_way(st, tenant_id).await?;
    let now = st.now();
    let actor = Actor::Customer(admin_email.to_string());
    let scoped = key.scoped();
    let change = NewChange {
        kind: OrderKind::Cancellation,
        idempotency_key: &scoped,
        current: &current,
        plan_id: current.plan.id,
        selection: &current.selection,
        total_minor: 0,
        credit_minor: 0,
        currency: &current.plan.currency,
        actor: &actor,
        period_paid_minor: None,
        recurring_minor: None,
    };
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let (order_id, _) = insert_order(&mut tx, now, &change).await?;
    charge::nothing_to_pay(&mut tx, now, order_id).await?;
    idempotency::complete(&mut tx, key, order_id).await?;
    tx.commit().await?;
    provisioning::start(st, order_id);
    Ok(order_id)
}

/// The portal's idempotency key of a tenant, for a request.
fn portal_key(
    tenant_id: i64,
    key: &str,
    request: &impl serde::Serialize,
) -> Result<IdempotencyKey> {
    let key = key.trim();
    if key.is_empty() || key.len() > 100 {
        return Err(AppError::Invalid(
            "The form has expired; please reload the page and submit it again.".into(),
        ));
    }
    IdempotencyKey::new(&format!("tenant:{tenant_id}"), key, request)
}

/// Refuses a change while another one of the tenant is under way (before anything is charged;
/// the one-open-change index decides if two arrive together).
async fn refuse_if_under_way(st: &AppState, tenant_id: i64) -> Result<()> {
    let (open,): (i64,) = sqlx::query_as(&format!(
        "SELECT COUNT(*) FROM orders WHERE tenant_id = $1 AND {}",
        super::under_way("")
    ))
    .bind(tenant_id)
    .fetch_one(&st.pool)
    .await?;
    if open > 0 {
        return Err(AppError::Conflict(
            "A change to this subscription is already under way; wait until it is done.".into(),
        ));
    }
    Ok(())
}

/// A change request as its idempotency key's hash covers it.
#[derive(serde::Serialize)]
struct CanonicalChange<'a> {
    plan: &'a str,
    addons: &'a [(String, u32)],
    extra_resources: &'a [(String, u32)],
    expected_total: Option<i64>,
    coupon: &'a str,
}

impl<'a> CanonicalChange<'a> {
    fn of(req: &'a ChangeRequest) -> Self {
        CanonicalChange {
            plan: req.plan.trim(),
            addons: &req.addons,
            extra_resources: &req.extra_resources,
            expected_total: req.expected_total,
            coupon: req.coupon.trim(),
        }
    }
}

/// A smaller licence must still hold the instance's users.
async fn check_licence(st: &AppState, p: &Priced) -> Result<()> {
    let extra = p
        .selection
        .extra_resources
        .iter()
        .find(|(code, _)| code == "users")
        .map_or(0, |(_, n)| i64::from(*n));
    let licence = p.plan.included_users + extra;
    let Some(db) = TenantDb::of_tenant(&st.pool, p.current.tenant_id).await? else {
        return Ok(());
    };
    let mut conn = db.connect(&st.config).await?;
    let (users,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
        .fetch_one(&mut conn)
        .await?;
    conn.close().await?;
    if users > licence {
        return Err(AppError::Invalid(format!(
            "Your instance has {users} users; this choice allows {licence}. Remove users first."
        )));
    }
    Ok(())
}
